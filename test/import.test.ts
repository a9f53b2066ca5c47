import { and, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, csvRecords } from '../scripts/csv.js';
import { certificates } from '../subgraphs/certificate/db/schema.js';
import { AGENCY, BUSINESS_LICENCE, DEFINE_TYPE, uscc, withWrongCheck } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const HEADER = ['number', 'holderKind', 'holderCode', 'holderName', 'issuedOn', 'validFrom', 'validUntil', 'name', 'legalRepresentative', 'businessScope'];
/** Business scopes that need quoting: commas, quotes, line breaks, Chinese punctuation. */
const SCOPES = [
  '软件开发；信息技术咨询服务',
  '餐饮服务, 食品销售',
  '货物进出口，技术进出口\n（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
  '销售"闽茶"品牌茶叶',
  '',
];

interface Fixture {
  /** The header and the rows, each as written (CRLF-ended). */
  records: string[];
  /** The rows the hub must refuse: their line, field and a piece of the reason. */
  bad: Array<{ line: number; field: string; reason: string }>;
}

/** 60 rows: 55 good ones, with five bad ones among them. */
function buildCsv(): Fixture {
  const records = [csvLine(HEADER)];
  let line = 2;
  const bad: Fixture['bad'] = [];
  const add = (fields: string[], problem?: { field: string; reason: string }) => {
    const record = csvLine(fields);
    if (problem) bad.push({ line, ...problem });
    records.push(record);
    line += record.match(/\n/g)!.length;
  };
  for (let n = 1; n <= 55; n++) {
    const code = uscc('91', '350104', 7000 + n);
    const name = `福州仓山第${n}号贸易有限公司`;
    const issuedOn = `20${String(10 + (n % 10)).padStart(2, '0')}-0${1 + (n % 9)}-15`;
    add([`闽榕工商字第${String(n).padStart(6, '0')}号`, 'ORGANIZATION', code, name, issuedOn, issuedOn, n % 3 === 0 ? '2039-12-31' : '', name, n % 2 ? '林建国' : '陈美玲', SCOPES[n % SCOPES.length]!]);
    if (n === 5) {
      add(['闽榕工商字第900001号', 'ORGANIZATION', withWrongCheck(uscc('91', '350104', 7901)), '坏校验码公司', '2018-03-01', '2018-03-01', '', '坏校验码公司', '王五', ''], {
        field: 'holderCode',
        reason: 'check character',
      });
    }
    if (n === 17) {
      add(['闽榕工商字第900002号', 'ORGANIZATION', uscc('91', '350104', 7902), '缺法定代表人公司', '2018-03-01', '2018-03-01', '', '缺法定代表人公司', '', '批发, 零售'], {
        field: 'items',
        reason: 'legalRepresentative',
      });
    }
    if (n === 29) {
      add(['闽榕工商字第900003号', 'ORGANIZATION', uscc('91', '350104', 7903), '倒置日期公司', '2018-03-01', '2018-03-01', '2017-03-01', '倒置日期公司', '赵六', ''], {
        field: 'validUntil',
        reason: 'must not be before validFrom',
      });
    }
    if (n === 41) {
      add(['闽榕工商字第900004号', 'COMPANY', uscc('91', '350104', 7904), '未知类别公司', '2018-03-01', '2018-03-01', '', '未知类别公司', '孙七', ''], {
        field: 'holderKind',
        reason: 'not PERSON or ORGANIZATION',
      });
    }
    if (n === 50) {
      add(['闽榕工商字第900005号', 'ORGANIZATION', uscc('91', '350104', 7905), '少一列公司', '2018-03-01', '2018-03-01', '', '少一列公司', '周八'], {
        field: '',
        reason: 'expected 10 columns, found 9',
      });
    }
  }
  return { records, bad };
}

let hub: TestHub;
let dir: string;
let fixture: Fixture;
let csvFile: string;
let issuerToken: string;
let fuzhou: Client;

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * Runs `npm run import` against the hub as a child process (the hub keeps answering meanwhile),
 * in the repository root as npm runs it; `token` null passes none on the command line, `env` adds
 * to the environment (INIT_CWD, ECERT_TOKEN) and `preload` runs a module before the script.
 */
function runImport(
  token: string | null,
  file: string,
  extra: string[] = [],
  options: { env?: Record<string, string>; preload?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        ...(options.preload ? ['--import', options.preload] : []),
        'scripts/import.ts',
        '--hub',
        hub.url,
        ...(token === null ? [] : ['--token', token]),
        '--type',
        BUSINESS_LICENCE.code,
        ...extra,
        file,
      ],
      // INIT_CWD as npm sets it for a command run in the repository root, unless a test says otherwise.
      { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT, ECERT_TOKEN: '', ...options.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The certificates of the business-licence type an issuer holds at its node, by number. */
async function storedBy(issuer: string, node: string) {
  const database = hub.nodes.find((entry) => entry.code === node)!.database.db;
  return database
    .select({ id: certificates.id, number: certificates.number, origin: certificates.origin })
    .from(certificates)
    .where(and(eq(certificates.typeCode, BUSINESS_LICENCE.code), eq(certificates.issuerCode, issuer)))
    .orderBy(sql`${certificates.number} COLLATE "C"`);
}

beforeAll(async () => {
  hub = await startTestHub('import');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  issuerToken = await hub.token(AGENCY.fuzhouIssuer);
  fuzhou = await hub.as(AGENCY.fuzhouIssuer);
  dir = mkdtempSync(join(tmpdir(), 'ecert-import-'));
  fixture = buildCsv();
  csvFile = join(dir, 'stock.csv');
  writeFileSync(csvFile, fixture.records.join(''));
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run import', () => {
  it('imports the good rows as sealed CONVERTED certificates and writes the bad ones, with their reasons, to the rejects file', async () => {
    const rejects = join(dir, 'rejects.csv');
    const run = await runImport(issuerToken, csvFile, ['--rejects', rejects, '--batch', '20']);
    expect(run.stderr).toBe('');
    // Rows were rejected: exit 3, partly done.
    expect(run.code).toBe(3);
    expect(run.stdout.trim()).toBe('imported 55, skipped 0, rejected 5');

    const written = [];
    for await (const record of csvRecords(readFileSync(rejects, 'utf8').split('\r\n'))) written.push(record.fields);
    expect(written[0]).toEqual([...HEADER, 'line', 'field', 'reason']);
    const rejections = written.slice(1).map((fields) => ({ line: Number(fields.at(-3)), field: fields.at(-2), reason: fields.at(-1)! }));
    expect(rejections.map(({ line, field }) => ({ line, field }))).toEqual(fixture.bad.map(({ line, field }) => ({ line, field })));
    rejections.forEach((rejection, i) => expect(rejection.reason).toContain(fixture.bad[i]!.reason));
    // The rejected row keeps its original columns, Chinese text included.
    expect(written[2]!.slice(0, 4)).toEqual(['闽榕工商字第900002号', 'ORGANIZATION', uscc('91', '350104', 7902), '缺法定代表人公司']);

    const stored = await storedBy(AGENCY.fuzhouIssuer.sub, '350100');
    expect(stored).toHaveLength(55);
    expect(new Set(stored.map((row) => row.origin))).toEqual(new Set(['CONVERTED']));
  });

  it('keeps quoted commas, quotes and line breaks, and the seal of an imported certificate verifies', async () => {
    const [withBreaks] = (await storedBy(AGENCY.fuzhouIssuer.sub, '350100')).filter((row) => row.number === '闽榕工商字第000002号');
    const answer = await fuzhou(/* GraphQL */ `query($id: ID!) { certificate(id: $id) { origin items { code value } } }`, { id: withBreaks!.id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificate']).toMatchObject({ origin: 'CONVERTED' });
    expect(answer.data!['certificate'].items).toContainEqual({ code: 'businessScope', value: SCOPES[2] });
    for (const row of (await storedBy(AGENCY.fuzhouIssuer.sub, '350100')).slice(0, 5)) {
      const verified = await hub.request(null, /* GraphQL */ `query($id: ID!) { verifyCertificate(id: $id) { found signatureValid } }`, { id: row.id });
      expect(verified.data!['verifyCertificate']).toEqual({ found: true, signatureValid: true });
    }
  });

  it('imports nothing twice when the same file is run again: every good row is skipped', async () => {
    const run = await runImport(issuerToken, csvFile, ['--rejects', join(dir, 'rejects-again.csv')]);
    expect(run.code).toBe(3);
    expect(run.stdout.trim()).toBe('imported 0, skipped 55, rejected 5');
    expect(await storedBy(AGENCY.fuzhouIssuer.sub, '350100')).toHaveLength(55);
  });

  it('completes an interrupted import when run again, with the same certificates and none twice', async () => {
    // Xiamen's issuer converts the same stock: first only the rows before the interruption …
    const xiamenToken = await hub.token(AGENCY.xiamenIssuer);
    const half = join(dir, 'half.csv');
    writeFileSync(half, fixture.records.slice(0, 31).join(''));
    const first = await runImport(xiamenToken, half, ['--batch', '7', '--rejects', join(dir, 'half-rejects.csv')]);
    expect(first.code).toBe(3);
    const before = (await storedBy(AGENCY.xiamenIssuer.sub, '350200')).length;
    expect(before).toBeGreaterThan(20);
    expect(before).toBeLessThan(55);
    // … then the whole file, as a rerun after Ctrl-C would.
    const rerun = await runImport(xiamenToken, csvFile, ['--rejects', join(dir, 'rest-rejects.csv')]);
    expect(rerun.code).toBe(3);
    expect(rerun.stdout.trim()).toBe(`imported ${55 - before}, skipped ${before}, rejected 5`);
    const stored = await storedBy(AGENCY.xiamenIssuer.sub, '350200');
    expect(stored.map((row) => row.number)).toEqual((await storedBy(AGENCY.fuzhouIssuer.sub, '350100')).map((row) => row.number));
  });

  it('is refused for a consumer token, with exit 1 and nothing stored', async () => {
    const run = await runImport(await hub.token(AGENCY.consumer), csvFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FORBIDDEN');
    expect(await storedBy(AGENCY.consumer.sub, '350100')).toHaveLength(0);
  });

  it('fails with exit 1 for a type the catalog does not have', async () => {
    const run = await runImport(issuerToken, csvFile, ['--type', `${BUSINESS_LICENCE.code.slice(0, -3)}999`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no certificate type');
  });
});

describe('npm run import: files as offices save them', () => {
  // The province's issuer, which no test above imports for: what it holds is what these tests stored.
  const PROVINCE = AGENCY.provinceIssuer;
  const stored = () => storedBy(PROVINCE.sub, '350000');
  let provinceToken: string;
  /** `count` good rows of Chinese companies, numbers from `first`, as CSV text with CRLF line ends. */
  const rows = (first: number, count = 5, scope = '茶叶销售，预包装食品') =>
    [
      csvLine(HEADER),
      ...Array.from({ length: count }, (_, i) => {
        const n = first + i;
        const name = `福建闽${['榕', '鹭', '泉', '漳', '莆'][i % 5]}第${n}号茶叶有限公司`;
        return csvLine([`闽工商字第${n}号`, 'ORGANIZATION', uscc('91', '350000', n), name, '2016-04-01', '2016-04-01', '', name, '郑秀英', scope]);
      }),
    ].join('');
  const names = (first: number, count = 5) => [...rows(first, count).matchAll(/第\d+号,ORGANIZATION,[^,]+,([^,]+),/g)].map((match) => match[1]!);

  beforeAll(async () => {
    provinceToken = await hub.token(PROVINCE);
  });

  it('refuses a GB18030 file read as UTF-8 with exit 2, naming the file, line and byte offset and suggesting --encoding gb18030; nothing is stored', async () => {
    const file = join(dir, 'excel-gb18030.csv');
    writeFileSync(file, iconv.encode(rows(9100), 'gb18030'));
    const run = await runImport(provinceToken, file);
    expect(run.code).toBe(2);
    // The first byte of line 2 (闽 is C3 F6 in GB18030: a UTF-8 lead byte, then no continuation).
    const offset = Buffer.byteLength(csvLine(HEADER));
    expect(run.stderr).toContain(`${file}: line 2, byte offset ${offset}: not UTF-8`);
    expect(run.stderr).toContain('--encoding gb18030');
    expect(run.stderr).toContain('nothing was sent');
    expect(run.stdout).toBe('');
    expect(await stored()).toEqual([]);
  });

  it('imports the same GB18030 file with --encoding gb18030: the Chinese names are stored as written', async () => {
    const file = join(dir, 'excel-gb18030.csv');
    const run = await runImport(provinceToken, file, ['--encoding', 'gb18030']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('imported 5, skipped 0, rejected 0');
    const database = hub.nodes.find((entry) => entry.code === '350000')!.database.db;
    const held = await database
      .select({ holderName: certificates.holderName })
      .from(certificates)
      .where(eq(certificates.issuerCode, PROVINCE.sub))
      .orderBy(sql`${certificates.number} COLLATE "C"`);
    expect(held.map((row) => row.holderName)).toEqual(names(9100));
  });

  it('imports a UTF-8 file with a byte order mark, as Excel saves "CSV UTF-8", the mark not part of the first column', async () => {
    const file = join(dir, 'excel-utf8-bom.csv');
    writeFileSync(file, `\uFEFF${rows(9200)}`);
    const run = await runImport(provinceToken, file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('imported 5, skipped 0, rejected 0');
  });

  it('refuses a file with a control character in a field before any row is sent, naming its line and column', async () => {
    const before = (await stored()).length;
    const text = rows(9300, 5).replace('福建闽泉第9302号茶叶有限公司,2016', '福建闽泉第9302号\u0007茶叶有限公司,2016');
    const file = join(dir, 'control.csv');
    writeFileSync(file, text);
    // One row a batch: without the check before sending, line 2 would be stored before line 4 is read.
    const run = await runImport(provinceToken, file, ['--batch', '1', '--parallel', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 4, column holderName: the control character U+0007');
    expect((await stored()).length).toBe(before);
  });

  it('stops a file whose header has a misspelled column with exit 2 before any row is sent, naming it and the expected columns', async () => {
    const before = (await stored()).length;
    const file = join(dir, 'misspelled.csv');
    writeFileSync(file, rows(9400).replace('holderName', 'holdrName'));
    const run = await runImport(provinceToken, file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown column "holdrName" (column 4): did you mean holderName?');
    expect(run.stderr).toContain('missing column holderName');
    expect(run.stderr).toContain(
      `expected columns, in any order: number,holderKind,holderCode,holderName,issuedOn,validFrom,validUntil (validUntil may be empty), and the items of ${BUSINESS_LICENCE.code}: name,legalRepresentative,businessScope`,
    );
    expect((await stored()).length).toBe(before);
  });

  it('stops a header with an item column the type does not have, or without a fixed column, with exit 2 and nothing stored', async () => {
    const before = (await stored()).length;
    const unknownItem = join(dir, 'unknown-item.csv');
    writeFileSync(unknownItem, rows(9500).replace('businessScope', 'businesScope'));
    const first = await runImport(provinceToken, unknownItem);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('unknown column "businesScope" (column 10): did you mean businessScope?');
    const noValidUntil = join(dir, 'no-valid-until.csv');
    const withoutColumn7 = (line: string) => line.split(',').filter((_, i) => i !== 6).join(',');
    writeFileSync(noValidUntil, rows(9500).split('\r\n').map(withoutColumn7).join('\r\n'));
    const second = await runImport(provinceToken, noValidUntil);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('missing column validUntil');
    expect((await stored()).length).toBe(before);
  });

  it('--replace refuses with exit 2, explaining that replacing needs certificate versions and what to do meanwhile', async () => {
    const run = await runImport(provinceToken, join(dir, 'excel-gb18030.csv'), ['--encoding', 'gb18030', '--replace']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('certificate versions (issue 12)');
    expect(run.stderr).toContain('status: WITHDRAWN');
    expect(run.stderr).toContain('withdrawn or not, so the corrected rows are only counted as skipped');
  });

  it('reads the CSV, --rejects and --token-file relative to where the user ran npm (INIT_CWD), and takes the token from ECERT_TOKEN', async () => {
    const user = join(dir, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'stock.csv'), `${rows(9600, 3)}${csvLine(['闽工商字第9699号', 'COMPANY', uscc('91', '350000', 9699), '坏类别公司', '2016-04-01', '2016-04-01', '', '坏类别公司', '郑秀英', ''])}`);
    writeFileSync(join(user, 'issuer.token'), `${provinceToken}\n`);
    const run = await runImport(null, 'stock.csv', ['--token-file', 'issuer.token', '--rejects', 'rejects.csv'], { env: { INIT_CWD: user } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(run.stdout.trim()).toBe('imported 3, skipped 0, rejected 1');
    expect(readFileSync(join(user, 'rejects.csv'), 'utf8')).toContain('坏类别公司');
    expect(existsSync(join(ROOT, 'rejects.csv'))).toBe(false);

    const again = await runImport(null, 'stock.csv', [], { env: { INIT_CWD: user, ECERT_TOKEN: provinceToken } });
    expect(again.code).toBe(3);
    expect(again.stdout.trim()).toBe('imported 0, skipped 3, rejected 1');
  });

  it('on a terminal, the progress line counts the rows the hub answered for, not the rows sent, with the time left', async () => {
    const file = join(dir, 'progress.csv');
    // Some 6 kB a row, so the file is read in several chunks and the time left is known early.
    writeFileSync(file, rows(9700, 12, '经营范围'.repeat(500)));
    // process.stderr as a terminal, as the script sees it when a person runs it.
    const run = await runImport(provinceToken, file, ['--batch', '2', '--parallel', '2'], { preload: 'data:text/javascript,process.stderr.isTTY=true' });
    expect(run.code).toBe(0);
    const frames = run.stderr.split('\r').filter((frame) => frame.startsWith('['));
    const done = frames.map((frame) => Number(/ (\d+) rows done /.exec(frame)![1]));
    // The first answer comes in when the third batch is about to go: 6 rows read, 2 answered.
    expect(done).toEqual([2, 4, 6, 8, 10, 12, 12]);
    expect(frames[0]).toMatch(/ETA \d+s/);
    expect(frames.at(-1)).toMatch(/^\[#{20}\] 100% {2}12 rows done \(imported 12, skipped 0, rejected 0\), \d+ rows\/s, done/);
  });
});

describe('importCertificates', () => {
  it('takes at most 500 rows a call', async () => {
    const row = { number: 'x', holderKind: 'ORGANIZATION', holderCode: 'x', holderName: 'x', issuedOn: '2020-01-01', validFrom: '2020-01-01', items: [] };
    const answer = await fuzhou(
      /* GraphQL */ `mutation($rows: [ImportRowInput!]!) { importCertificates(typeCode: "${BUSINESS_LICENCE.code}", rows: $rows) { imported } }`,
      { rows: Array.from({ length: 501 }, (_, line) => ({ ...row, line })) },
    );
    expect(answer.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['field']])).toEqual([['BAD_USER_INPUT', 'rows']]);
  });
});
