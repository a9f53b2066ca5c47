import { and, eq, sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs `npm run import` against the hub as a child process (the hub keeps answering meanwhile). */
function runImport(token: string, file: string, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', '--hub', hub.url, '--token', token, '--type', BUSINESS_LICENCE.code, ...extra, file],
      { cwd: new URL('..', import.meta.url).pathname },
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
    expect(run.code).toBe(0);
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
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('imported 0, skipped 55, rejected 5');
    expect(await storedBy(AGENCY.fuzhouIssuer.sub, '350100')).toHaveLength(55);
  });

  it('completes an interrupted import when run again, with the same certificates and none twice', async () => {
    // Xiamen's issuer converts the same stock: first only the rows before the interruption …
    const xiamenToken = await hub.token(AGENCY.xiamenIssuer);
    const half = join(dir, 'half.csv');
    writeFileSync(half, fixture.records.slice(0, 31).join(''));
    const first = await runImport(xiamenToken, half, ['--batch', '7', '--rejects', join(dir, 'half-rejects.csv')]);
    expect(first.code).toBe(0);
    const before = (await storedBy(AGENCY.xiamenIssuer.sub, '350200')).length;
    expect(before).toBeGreaterThan(20);
    expect(before).toBeLessThan(55);
    // … then the whole file, as a rerun after Ctrl-C would.
    const rerun = await runImport(xiamenToken, csvFile, ['--rejects', join(dir, 'rest-rejects.csv')]);
    expect(rerun.code).toBe(0);
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
