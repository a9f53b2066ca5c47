import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCodePoints, drawInspection, drawPositions, DrawStream, listDigest, seedProblem } from '../lib/draw.js';
import { DRAW_KINDS, parseInspectors } from '../scripts/draw.js';
import { csvRecords, textLines } from '../scripts/csv.js';
import { checkedDraw } from '../subgraphs/certificate/resolvers/draws.js';
import { AGENCY, company, DEFINE_TYPE, FOOD_LICENCE, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

/**
 * Random inspection draws (双随机, npm run draw): the published algorithm against answers worked
 * out here from SHA-256 alone, then the command against a hub — the same seed draws the same,
 * every draw is in the audit log, a node down stops a draw unless --partial.
 */

const TWO_32 = 2 ** 32;

/** The words of a stream, straight from the definition: SHA-256(seed ‖ 0 ‖ name ‖ 0 ‖ uint64be(i)), eight a block. */
function* words(seed: string, name: string): Generator<number> {
  for (let i = 0n; ; i++) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(i);
    const block = createHash('sha256').update(Buffer.concat([Buffer.from(`${seed}\0${name}\0`, 'utf8'), counter])).digest();
    for (let at = 0; at < 32; at += 4) yield block.readUInt32BE(at);
  }
}

/** The draw by the book, on a copy of the list: a plain Fisher–Yates with plain rejection sampling. */
function plainDraw<T>(list: readonly T[], k: number, source: Generator<number>): T[] {
  const copy = [...list];
  const below = (n: number) => {
    for (;;) {
      const word = source.next().value as number;
      if (word < TWO_32 - (TWO_32 % n)) return word % n;
    }
  };
  for (let i = 0; i < Math.min(k, copy.length); i++) {
    const j = i + below(copy.length - i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(k, copy.length));
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const TWELVE = Array.from({ length: 12 }, (_, i) => `F-${String(i + 1).padStart(2, '0')}`);
const FIVE_INSPECTORS = ['Z-1', 'Z-2', 'Z-3', 'Z-4', 'Z-5'];
const SEED = '2025年第3季度双随机抽查';

describe('the draw algorithm (ecert-hub-draw/1)', () => {
  it('reads its words from SHA-256 over seed, stream and counter, eight a block', () => {
    const stream = new DrawStream(SEED, 'objects');
    const expected = words(SEED, 'objects');
    // 20 words: the first two blocks and part of the third.
    for (let i = 0; i < 20; i++) expect(stream.nextWord()).toBe(expected.next().value);
    const first = createHash('sha256').update(Buffer.concat([Buffer.from('abc\0inspectors\0'), Buffer.alloc(8)])).digest();
    expect(new DrawStream('abc', 'inspectors').nextWord()).toBe(first.readUInt32BE(0));
  });

  it('skips a word at or above the last whole multiple of n, and takes a word even for n = 1', () => {
    const n = 3 * 2 ** 30; // limit = 3·2³⁰: a quarter of the words are rejected
    let seed = '';
    for (let i = 0; ; i++) {
      const [w0, w1] = [...take(words(`r${i}`, 'objects'), 2)];
      if (w0! >= n && w1! < n) {
        seed = `r${i}`;
        expect(new DrawStream(seed, 'objects').below(n)).toBe(w1! % n);
        break;
      }
    }
    const stream = new DrawStream(seed, 'objects');
    const source = words(seed, 'objects');
    expect(stream.below(1)).toBe(0);
    source.next();
    expect(stream.nextWord()).toBe(source.next().value);
    expect(() => stream.below(0)).toThrow(RangeError);
  });

  it('draws what the plain Fisher–Yates over the sorted list draws, objects and inspector pairs alike', () => {
    const draw = drawInspection({ seed: SEED, population: [...TWELVE].reverse(), size: 5, inspectors: FIVE_INSPECTORS });
    const expected = plainDraw(TWELVE, 5, words(SEED, 'objects'));
    expect(draw.drawn).toEqual(expected);
    const inspectorWords = words(SEED, 'inspectors');
    expect(draw.assignments).toEqual(expected.map(() => plainDraw(FIVE_INSPECTORS, 2, inspectorWords)));
    // The published example (README › Random inspection draws), also worked out by its Python.
    expect(draw.drawn).toEqual(['F-03', 'F-07', 'F-12', 'F-04', 'F-06']);
    expect(draw.assignments).toEqual([['Z-4', 'Z-2'], ['Z-1', 'Z-5'], ['Z-3', 'Z-4'], ['Z-3', 'Z-4'], ['Z-1', 'Z-3']]);
    expect(draw.populationDigest).toBe('ae2e32213f9b68febbea08605c8aeeb95ccc8eaae5ecb1e801ce6669930ecd8b');
    expect(draw.populationDigest).toBe(sha256(TWELVE.map((id) => `${id}\n`).join('')));
    expect(draw.drawnDigest).toBe(sha256('F-03\nF-07\nF-12\nF-04\nF-06\n'));
    expect(draw.inspectorsDigest).toBe(sha256('Z-1\nZ-2\nZ-3\nZ-4\nZ-5\n'));
  });

  it('a smaller draw is the start of a larger one, and a draw of more than there are is all of them', () => {
    const all = drawInspection({ seed: 'x', population: TWELVE, size: 50 });
    expect([...all.drawn].sort()).toEqual(TWELVE);
    for (const k of [1, 4, 11]) expect(drawInspection({ seed: 'x', population: TWELVE, size: k }).drawn).toEqual(all.drawn.slice(0, k));
    expect(drawInspection({ seed: 'x', population: [], size: 3 })).toMatchObject({ drawn: [], populationDigest: sha256('') });
    expect(drawPositions(1_000_000, 3, new DrawStream('x', 'objects'))).toHaveLength(3);
  });

  it('draws two different inspectors for each object, and refuses fewer than two or an id twice', () => {
    const draw = drawInspection({ seed: 'pairs', population: TWELVE, size: 12, inspectors: ['B', 'A'] });
    for (const pair of draw.assignments!) expect([...pair].sort()).toEqual(['A', 'B']);
    expect(() => drawInspection({ seed: 's', population: TWELVE, size: 1, inspectors: ['A'] })).toThrow('at least 2');
    expect(() => drawInspection({ seed: 's', population: ['A', 'B', 'A'], size: 1 })).toThrow('A is listed twice');
    expect(() => drawInspection({ seed: 's', population: ['A'], size: 0 })).toThrow('size');
  });

  it('is uniform: over 6,000 seeds every object comes first, and every ordered pair of inspectors comes, about equally often', () => {
    const population = ['a', 'b', 'c', 'd', 'e'];
    const firsts = new Map<string, number>();
    const pairs = new Map<string, number>();
    const seeds = 6000;
    for (let i = 0; i < seeds; i++) {
      const draw = drawInspection({ seed: `seed-${i}`, population, size: 2, inspectors: ['p', 'q', 'r', 's'] });
      firsts.set(draw.drawn[0]!, (firsts.get(draw.drawn[0]!) ?? 0) + 1);
      const pair = draw.assignments![0]!.join('');
      pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    }
    const chiSquare = (counts: Map<string, number>, cells: number) => {
      expect(counts.size).toBe(cells);
      const expected = seeds / cells;
      return [...counts.values()].reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    };
    // Critical values at p = 0.001: 18.47 for 4 degrees of freedom, 31.26 for 11.
    expect(chiSquare(firsts, 5)).toBeLessThan(18.47);
    expect(chiSquare(pairs, 12)).toBeLessThan(31.26);
  });

  it('orders ids by code point, as their UTF-8 bytes do', () => {
    const strings = ['a', 'ab', 'B', '\uE000', '\uFFFF', '😀', '😀a', '中', '', 'Z-10', 'Z-9'];
    for (const a of strings) {
      for (const b of strings) expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }
    expect(listDigest(['😀'])).toBe(sha256('😀\n'));
  });

  it('takes a seed exactly as given: refuses what would print alike as something else', () => {
    expect(seedProblem(SEED)).toBeNull();
    expect(seedProblem('')).toContain('empty');
    expect(seedProblem(' 2025')).toContain('white space');
    expect(seedProblem('a\nb')).toContain('control character');
    expect(seedProblem('a\u202Eb')).toContain('bidirectional');
    expect(seedProblem('x'.repeat(201))).toContain('200');
    expect(seedProblem('e\u0301')).toContain('NFC');
  });
});

describe('what npm run draw reads and records', () => {
  it('knows every FindingKind of the schema', () => {
    const sdl = readFileSync(new URL('../subgraphs/certificate/schema.graphql', import.meta.url), 'utf8');
    const kinds = parse(sdl).definitions.find(
      (definition): definition is EnumTypeDefinitionNode => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'FindingKind',
    );
    expect([...DRAW_KINDS].sort()).toEqual(kinds!.values!.map((value) => value.name.value).sort());
  });

  it('reads inspectors as id,name lines, with a header, a byte order mark and quotes, and lists every problem by line', async () => {
    const good = await parseInspectors(Buffer.from('\uFEFFid,name\r\n350200001,张三\r\n\r\n 350200002 ,"李四, 组长"\r\n'));
    expect(good).toEqual({ inspectors: [{ id: '350200001', name: '张三' }, { id: '350200002', name: '李四, 组长' }], problems: [] });
    const bad = await parseInspectors(Buffer.from('A,甲\nA,乙\nB\n,丙\nC D,丁\nE,\n'));
    expect(bad.problems).toEqual([
      'line 2: the id A is listed twice (line 1 too)',
      'line 3: expected 2 columns, id,name; found 1',
      'line 4: the id must be 1 to 64 characters without white space, commas or quotes, not ""',
      'line 5: the id must be 1 to 64 characters without white space, commas or quotes, not "C D"',
      'line 6: the name must be 1 to 100 characters',
    ]);
    const gb = await parseInspectors(Buffer.from([0x41, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]));
    expect(gb.problems[0]).toContain('not UTF-8');
  });

  it('records a draw only when every field holds, naming the field at fault', () => {
    const input = {
      algorithm: 'ecert-hub-draw/1',
      seed: SEED,
      kind: 'UNLICENSED' as const,
      region: '350200',
      size: 5,
      population: 12,
      populationDigest: 'a'.repeat(64),
      drawn: 5,
      drawnDigest: 'b'.repeat(64),
      inspectors: 5,
      inspectorsDigest: 'c'.repeat(64),
      unavailableNodes: ['350200'],
    };
    expect(checkedDraw(input)).toMatchObject({ kind: 'UNLICENSED', complete: false, unavailableNodes: ['350200'] });
    expect(checkedDraw({ ...input, kind: null, unavailableNodes: null })).toMatchObject({ kind: 'ALL', complete: true });
    const fieldAtFault = (change: Record<string, unknown>) => {
      try {
        checkedDraw({ ...input, ...change });
      } catch (error) {
        return (error as { extensions: { code: string; field: string } }).extensions;
      }
      return null;
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ algorithm: 'shuffle' }, 'input.algorithm'],
      [{ seed: ' x' }, 'input.seed'],
      [{ region: '3502' }, 'input.region'],
      [{ size: 0 }, 'input.size'],
      [{ population: -1 }, 'input.population'],
      [{ populationDigest: 'A'.repeat(64) }, 'input.populationDigest'],
      [{ drawn: 4 }, 'input.drawn'],
      [{ drawnDigest: 'b' }, 'input.drawnDigest'],
      [{ inspectors: 1 }, 'input.inspectors'],
      [{ inspectorsDigest: null }, 'input.inspectorsDigest'],
      [{ unavailableNodes: ['350200', '350200'] }, 'input.unavailableNodes'],
    ];
    for (const [change, field] of cases) expect(fieldAtFault(change), field).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});

// --- the command, against a hub ----------------------------------------------------------------

const ROOT = new URL('..', import.meta.url).pathname;
const SUPERVISOR = { sub: uscc('11', '350000', 8110), kind: 'agency' as const, roles: ['supervisor' as const], name: '福建省市场监督管理局执法总队' };
const AUDITOR = { sub: uscc('11', '350000', 8010), kind: 'agency' as const, roles: ['auditor' as const], name: '福建省审计厅' };
const FOOD_RULE = { code: 'FOOD-SALE', activity: '食品销售', keywords: ['食品销售'], certificateType: FOOD_LICENCE.code, note: '食品经营许可' };
/** Food shops without a food licence: 6 in Fuzhou, 4 in Xiamen, each an UNLICENSED finding. */
const SHOPS = [
  ...Array.from({ length: 6 }, (_, i) => ({ uscc: uscc('91', '350100', 7101 + i), name: `福州第${i + 1}食品商行` })),
  ...Array.from({ length: 4 }, (_, i) => ({ uscc: uscc('91', '350200', 7201 + i), name: `厦门第${i + 1}食品商行` })),
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/draw.ts as a child process in the repository root, as npm runs it (the hub keeps answering meanwhile). */
function draw(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/draw.ts', ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: ROOT, ECERT_TOKEN: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A line of the summary the command prints (`population SHA-256: …`). */
const printed = (run: Run, key: string) => new RegExp(`^${key}: (.*)$`, 'm').exec(run.stdout)?.[1];

async function csvRows(path: string): Promise<Record<string, string>[]> {
  const records: string[][] = [];
  for await (const record of csvRecords(textLines([readFileSync(path)]))) records.push(record.fields);
  const [header, ...rows] = records;
  return rows.map((fields) => Object.fromEntries(header!.map((column, i) => [column, fields[i]!])));
}

let hub: TestHub;
let dir: string;
let supervisorToken: string;
let inspectorsFile: string;
const path = (name: string) => join(dir, name);
const hubArgs = () => ['--hub', hub.url, '--token', supervisorToken, '--kind', 'UNLICENSED'];

/** The draws recorded in the audit log, newest first, as an auditor reads them. */
async function recordedDraws(): Promise<Array<{ agency: string; purpose: string; node: string; detail: Record<string, unknown> }>> {
  const auditor = await hub.as(AUDITOR);
  const answer = await auditor(/* GraphQL */ `{ accessLog(first: 500) { agency purpose fields detail node } }`);
  expect(answer.errors).toBeUndefined();
  return (answer.data!['accessLog'] as Array<{ agency: string; purpose: string; node: string; fields: string[]; detail: string }>)
    .filter((record) => record.fields.includes('recordInspectionDraw'))
    .map((record) => ({ ...record, detail: JSON.parse(record.detail) as Record<string, unknown> }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecert-draw-'));
  hub = await startTestHub('draw');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: FOOD_LICENCE })).errors).toBeUndefined();
  expect((await steward(`mutation($input: DefinePermitRuleInput!) { definePermitRule(input: $input) { code } }`, { input: FOOD_RULE })).errors).toBeUndefined();
  const registrars = { '350100': await hub.as(AGENCY.fuzhouIssuer), '350200': await hub.as(AGENCY.xiamenIssuer) } as const;
  for (const shop of SHOPS) {
    const registered = await registrars[shop.uscc.slice(2, 8) as '350100' | '350200'](REGISTER_ENTITY, { input: { ...company(shop.uscc, shop.name), businessScope: '食品销售；日用百货销售' } });
    expect(registered.errors).toBeUndefined();
  }
  supervisorToken = await hub.token(SUPERVISOR);
  inspectorsFile = path('inspectors.csv');
  writeFileSync(inspectorsFile, 'id,name\n35000021001,陈明\n35000021002,林芳\n35000021003,黄伟\n35000021004,吴静\n35000021005,郑强\n');
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run draw', () => {
  it('draws the same findings and inspectors from the same seed, into the same file, and a different order from another seed', async () => {
    const args = [...hubArgs(), '--size', '4', '--inspectors', inspectorsFile];
    const first = await draw([...args, '--seed', SEED, '--out', path('a.csv')]);
    expect(first, first.stderr).toMatchObject({ code: 0, stderr: '' });
    const again = await draw([...args, '--seed', SEED, '--out', path('b.csv')]);
    expect(again.code).toBe(0);
    expect(readFileSync(path('b.csv'))).toEqual(readFileSync(path('a.csv')));
    expect(readFileSync(path('a.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(printed(first, 'population')).toBe('10 (UNLICENSED findings)');
    expect(printed(first, 'drawn SHA-256')).toBe(printed(again, 'drawn SHA-256'));

    const rows = await csvRows(path('a.csv'));
    expect(rows.map((row) => row['order'])).toEqual(['1', '2', '3', '4']);
    const names = new Map(SHOPS.map((shop) => [shop.uscc, shop.name]));
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'UNLICENSED', entityName: names.get(row['uscc']!), findingId: expect.stringMatching(new RegExp(`^${row['uscc']}/UNLICENSED/`)) });
      expect(row['node']).toBe(row['uscc']!.slice(2, 8));
      expect(row['detail']).toContain('食品销售');
      expect(row['inspector1Id']).not.toBe(row['inspector2Id']);
      expect(['陈明', '林芳', '黄伟', '吴静', '郑强']).toContain(row['inspector1Name']);
    }
    // The file is what the algorithm draws from the population the hub listed.
    const population = SHOPS.map((shop) => `${shop.uscc}/UNLICENSED/FOOD-SALE`);
    expect(printed(first, 'population SHA-256')).toBe(listDigest([...population].sort()));
    expect(rows.map((row) => row['findingId'])).toEqual(drawInspection({ seed: SEED, population, size: 4 }).drawn);

    const other = await draw([...hubArgs(), '--size', '10', '--seed', 'another seed', '--out', path('c.csv')]);
    const again10 = await draw([...hubArgs(), '--size', '10', '--seed', SEED, '--out', path('d.csv')]);
    const order = async (name: string) => (await csvRows(path(name))).map((row) => row['findingId']);
    expect([...(await order('c.csv'))].sort()).toEqual([...(await order('d.csv'))].sort());
    expect(await order('c.csv')).not.toEqual(await order('d.csv'));
    // The first four of the draw of ten are the draw of four.
    expect((await order('d.csv')).slice(0, 4)).toEqual(await order('a.csv'));
    expect([other.code, again10.code]).toEqual([0, 0]);
  }, 60_000);

  it('records every draw in the audit log, with the seed, the counts and the digests', async () => {
    const before = (await recordedDraws()).length;
    const run = await draw([...hubArgs(), '--region', '350200', '--size', '2', '--seed', 'audit-1', '--inspectors', inspectorsFile, '--out', path('audit.csv')]);
    expect(run.code, run.stderr).toBe(0);
    const records = await recordedDraws();
    expect(records).toHaveLength(before + 1);
    expect(records[0]).toMatchObject({
      agency: SUPERVISOR.sub,
      purpose: 'SUPERVISION',
      node: '350000',
      detail: {
        algorithm: 'ecert-hub-draw/1',
        seed: 'audit-1',
        kind: 'UNLICENSED',
        region: '350200',
        size: 2,
        population: 4,
        populationDigest: printed(run, 'population SHA-256'),
        drawn: 2,
        drawnDigest: printed(run, 'drawn SHA-256'),
        inspectors: 5,
        inspectorsDigest: printed(run, 'inspectors SHA-256'),
        complete: true,
        unavailableNodes: [],
      },
    });
    for (const row of await csvRows(path('audit.csv'))) expect(row['node']).toBe('350200');
  }, 60_000);

  it('draws them all when asked for more than there are, and says so (exit 0)', async () => {
    const run = await draw([...hubArgs(), '--region', '350100', '--size', '50', '--seed', 'all', '--out', path('all.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('asked for 50, the population holds 6: all of it was drawn');
    expect(await csvRows(path('all.csv'))).toHaveLength(6);
  }, 30_000);

  it('draws the same again offline from the population file and the seed: nothing sent, nothing recorded', async () => {
    const args = ['--size', '3', '--seed', 'offline check', '--inspectors', inspectorsFile];
    const online = await draw([...hubArgs(), ...args, '--out', path('online.csv'), '--population-out', path('population.txt')]);
    expect(online.code, online.stderr).toBe(0);
    expect(sha256(readFileSync(path('population.txt'), 'utf8'))).toBe(printed(online, 'population SHA-256'));
    const recorded = (await recordedDraws()).length;
    const offline = await draw(['--population', path('population.txt'), ...args, '--out', path('offline.csv')]);
    expect(offline.code, offline.stderr).toBe(0);
    for (const key of ['population SHA-256', 'drawn SHA-256', 'inspectors SHA-256']) expect(printed(offline, key)).toBe(printed(online, key));
    const columns = (rows: Record<string, string>[]) => rows.map((row) => [row['order'], row['findingId'], row['inspector1Id'], row['inspector2Id']]);
    expect(columns(await csvRows(path('offline.csv')))).toEqual(columns(await csvRows(path('online.csv'))));
    expect(printed(offline, 'recorded')).toBe('no (offline)');
    expect(await recordedDraws()).toHaveLength(recorded);
  }, 60_000);

  it('refuses a wrong call or an unreadable input with exit 2, before anything is sent', async () => {
    const recorded = (await recordedDraws()).length;
    const out = path('never.csv');
    writeFileSync(path('one.csv'), '35000021001,陈明\n');
    writeFileSync(path('twice.csv'), '35000021001,陈明\n35000021001,林芳\n');
    const wrong: Array<[string[], string]> = [
      [[...hubArgs(), '--size', '2', '--out', out], '--seed is required'],
      [[...hubArgs(), '--size', '2', '--seed', ' padded', '--out', out], '--seed: must not start or end with white space'],
      [[...hubArgs(), '--size', '0', '--seed', 's', '--out', out], '--size: a whole number from 1 to 100000'],
      [[...hubArgs(), '--size', 'two', '--seed', 's', '--out', out], '--size'],
      [[...hubArgs(), '--size', '2', '--seed', 's'], '--out is required'],
      [['--hub', hub.url, '--token', supervisorToken, '--kind', 'NO_LICENCE', '--size', '2', '--seed', 's', '--out', out], '--kind: one of UNLICENSED'],
      [[...hubArgs(), '--region', '35', '--size', '2', '--seed', 's', '--out', out], '--region'],
      [[...hubArgs(), '--size', '2', '--seed', 's', '--out', out, '--inspectors', path('one.csv')], 'at least 2 are needed'],
      [[...hubArgs(), '--size', '2', '--seed', 's', '--out', out, '--inspectors', path('twice.csv')], 'line 2: the id 35000021001 is listed twice'],
      [[...hubArgs(), '--size', '2', '--seed', 's', '--out', out, '--inspectors', path('missing.csv')], 'no such file'],
      [[...hubArgs(), '--size', '2', '--seed', 's', '--out', join(dir, 'no-such-dir', 'x.csv')], 'cannot write there'],
      [['--hub', hub.url, '--kind', 'UNLICENSED', '--size', '2', '--seed', 's', '--out', out], 'a token is required'],
      [['--population', path('population.txt'), '--hub', hub.url, '--size', '2', '--seed', 's', '--out', out], '--hub has no part in it'],
      [[...hubArgs(), '--size', '2', '--seed', 's', '--out', out, '--bogus'], "Unknown option '--bogus'"],
    ];
    const runs = await Promise.all(wrong.map(([args]) => draw(args)));
    runs.forEach((run, i) => {
      expect(run.code, wrong[i]![1]).toBe(2);
      expect(run.stderr).toContain(wrong[i]![1]);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
    expect(existsSync(out)).toBe(false);
    expect(await recordedDraws()).toHaveLength(recorded);
  }, 60_000);

  it('fails with exit 1, writing nothing, when the hub refuses the caller', async () => {
    const consumer = await hub.token(AGENCY.consumer);
    const run = await draw(['--hub', hub.url, '--token', consumer, '--kind', 'UNLICENSED', '--size', '2', '--seed', 's', '--out', path('refused.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FORBIDDEN');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path('refused.csv'))).toBe(false);
  }, 30_000);

  it('with a node down, draws nothing (exit 1) unless --partial, which draws from the others and records so (exit 3)', async () => {
    // Read before the node goes down: the access log is read from every node.
    const recorded = (await recordedDraws()).length;
    const xiamen = hub.nodes.find((node) => node.code === '350200')!;
    const listeners = xiamen.server.listeners('request');
    xiamen.server.removeAllListeners('request');
    xiamen.server.on('request', (_request, response) => {
      response.writeHead(503).end();
    });
    try {
      const args = [...hubArgs(), '--size', '3', '--seed', 'node down'];
      const refused = await draw([...args, '--out', path('down.csv')]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('350200 did not answer (NODE_UNAVAILABLE): the population is incomplete');
      expect(existsSync(path('down.csv'))).toBe(false);
      const partial = await draw([...args, '--partial', '--out', path('partial.csv')]);
      expect(partial.code, partial.stderr).toBe(3);
      expect(partial.stderr).toContain('partial: 350200 did not answer');
      expect(printed(partial, 'population')).toBe('6 (UNLICENSED findings)');
      for (const row of await csvRows(path('partial.csv'))) expect(row['node']).toBe('350100');
    } finally {
      xiamen.server.removeAllListeners('request');
      for (const listener of listeners) xiamen.server.on('request', listener as never);
    }
    const records = await recordedDraws();
    expect(records).toHaveLength(recorded + 1);
    expect(records[0]!.detail).toMatchObject({ seed: 'node down', population: 6, complete: false, unavailableNodes: ['350200'] });
  }, 60_000);
});

function* take<T>(source: Iterator<T>, count: number): Generator<T> {
  for (let i = 0; i < count; i++) yield source.next().value as T;
}
