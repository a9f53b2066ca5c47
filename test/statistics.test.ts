import { eq, isNull, sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../lib/codes.js';
import { CHANGE_NAMES } from '../subgraphs/audit/changes.js';
import { accessRecords } from '../subgraphs/audit/db/schema.js';
import { certificates, materialCheckCounts, verificationCounts } from '../subgraphs/certificate/db/schema.js';
import { eventLog } from '../subgraphs/events/db/schema.js';
import type { CertificateContext } from '../subgraphs/certificate/context.js';
import { statisticsStatement } from '../subgraphs/certificate/statistics.js';
import { effectiveStatus } from '../subgraphs/certificate/status.js';
import { executeRows } from '../subgraphs/kit/db.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, FOOD_LICENCE, foodLicenceFor, ISSUE, licenceFor, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Certificate and usage statistics (certificateStatistics, usageStatistics) through the whole hub:
 * every dimension alone and combined, filters, checked against a count of every node's rows;
 * nothing in the access log; for analysts, auditors and stewards only.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const ANALYST = { sub: uscc('11', '350000', 8130), kind: 'agency' as const, roles: ['analyst' as const], name: '福建省大数据管理局统计分析处' };
const DIMENSIONS = ['NODE', 'REGION', 'ISSUER', 'TYPE', 'STATUS', 'ORIGIN', 'MONTH', 'YEAR', 'ENTERED_MONTH'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const STATISTICS = /* GraphQL */ `
  query Statistics($filter: CertificateStatisticsFilter, $groupBy: [CertificateDimension!]!) {
    certificateStatistics(filter: $filter, groupBy: $groupBy) { keys { dimension value label } count }
  }
`;

let hub: TestHub;
let analyst: Client;
const today = isoDate(new Date());
/** The certificates issued in beforeAll, in order; the first amended since, as `amended`. */
const ids: string[] = [];
let amended: string;
/** When the first certificate came into the hub, set back before it was amended. */
const FIRST_ENTERED = new Date('2025-06-15T20:00:00Z');
/** The certificates' indexes a statistics statement could also use, beside certificates_statistics_idx. */
const OTHER_INDEXES = [
  'certificates_type_issuer_number_current',
  'certificates_versions_idx',
  'certificates_list_order_idx',
  'certificates_holder_idx',
  'certificates_type_idx',
  'certificates_external_by_issuer_idx',
  'certificates_pending_idx',
];
const chinaMonth = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);


function data(answer: GraphQLAnswer, field: string) {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
}

beforeAll(async () => {
  hub = await startTestHub('statistics');
  const steward = await hub.as(AGENCY.steward);
  analyst = await hub.as(ANALYST);
  const issuers = { '350000': await hub.as(AGENCY.provinceIssuer), '350100': await hub.as(AGENCY.fuzhouIssuer), '350200': await hub.as(AGENCY.xiamenIssuer) } as Record<string, Client>;
  for (const type of [BUSINESS_LICENCE, FOOD_LICENCE]) data(await steward(DEFINE_TYPE, { input: type }), 'defineCertificateType');
  const holder = (n: number) => company(uscc('91', '350100', 9100 + n), `统计测试公司${n}`);
  const issued: Array<[string, Record<string, unknown>]> = [
    ['350000', licenceFor(holder(1), 'TJ-1', '2024-03-05')],
    ['350000', licenceFor(holder(2), 'TJ-2', '2024-03-20')],
    ['350000', licenceFor(holder(3), 'TJ-3', '2025-01-10')],
    ['350100', licenceFor(holder(4), 'TJ-4', '2024-03-11')],
    ['350100', licenceFor(holder(5), 'TJ-5', '2025-07-01')],
    ['350100', foodLicenceFor(holder(6), 'TJ-6', '2023-02-01', '2025-01-31')],
    ['350100', foodLicenceFor(holder(7), 'TJ-7', '2024-12-01', '2029-11-30')],
    ['350200', foodLicenceFor(holder(8), 'TJ-8', '2024-12-01', '2029-11-30')],
    ['350200', foodLicenceFor(holder(9), 'TJ-9', '2025-02-02', '2030-02-01')],
  ];
  for (const [node, input] of issued) ids.push(data(await issuers[node]!(ISSUE, { input }), 'issueCertificate').id);
  data(await issuers['350200']!(`mutation($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "吊销") { status } }`, { id: ids[8] }), 'changeCertificateStatus');
  // The first certificate came in a while ago; its new version comes into the hub with it.
  await hub.nodes.find((node) => node.code === '350000')!.database.db.update(certificates).set({ enteredAt: FIRST_ENTERED }).where(eq(certificates.id, ids[0]!));
  amended = data(
    await issuers['350000']!(`mutation($id: ID!, $input: AmendCertificateInput!) { amendCertificate(id: $id, input: $input) { id } }`, {
      id: ids[0],
      input: { kind: 'AMEND', reason: '法定代表人变更', items: [{ code: 'legalRepresentative', value: '陈志远' }] },
    }),
    'amendCertificate',
  ).id;
  await useTheCertificates(issuers);
}, 240_000);

/**
 * Uses of every kind: agencies read certificates for stated purposes, the public verifies one
 * (once with a wrong digest), a holder fetches its inbox and marks a message read, a supervisor
 * records a draw, and a matter's checks are counted.
 */
async function useTheCertificates(issuers: Record<string, Client>) {
  const read = `query($id: ID!) { certificate(id: $id) { holderName number } }`;
  const purpose = (text: string) => ({ 'x-purpose': encodeURIComponent(text) });
  data(await issuers['350100']!(read, { id: ids[3] }, purpose('许可审查')), 'certificate');
  data(await issuers['350100']!(read, { id: ids[5] }, purpose('许可审查')), 'certificate');
  data(await issuers['350000']!(read, { id: amended }, purpose('年度检查')), 'certificate');
  const verify = `query($id: ID!, $digest: String) { verifyCertificate(id: $id, digest: $digest) { found } }`;
  data(await hub.request(null, verify, { id: ids[4] }), 'verifyCertificate');
  data(await hub.request(null, verify, { id: ids[4] }), 'verifyCertificate');
  data(await hub.request(null, verify, { id: ids[4], digest: '0'.repeat(64) }), 'verifyCertificate');
  data(await hub.request(null, verify, { id: ids[8] }), 'verifyCertificate');
  const holder = await hub.as({ sub: uscc('91', '350100', 9106), kind: 'holder' });
  const inbox = data(await holder(`{ inbox(first: 10) { edges { node { id } } } }`), 'inbox');
  data(await holder(`mutation($ids: [ID!]!) { markRead(ids: $ids) }`, { ids: [inbox.edges[0].node.id] }), 'markRead');
  const supervisor = await hub.as({ sub: uscc('11', '350100', 8140), kind: 'agency', roles: ['supervisor'], name: '福州市市场监督管理局' });
  const digest = (n: number) => String(n).repeat(64);
  data(
    await supervisor(`mutation($input: RecordInspectionDrawInput!) { recordInspectionDraw(input: $input) }`, {
      input: { algorithm: 'ecert-hub-draw/1', seed: '2026-11 食品', size: 3, population: 40, populationDigest: digest(1), drawn: 3, drawnDigest: digest(2) },
    }),
    'recordInspectionDraw',
  );
  const fuzhou = hub.nodes.find((node) => node.code === '350100')!.database.db;
  const matter = `${AGENCY.fuzhouIssuer.sub}0001`;
  await fuzhou.insert(materialCheckCounts).values([
    { matterCode: matter, day: '2025-11-03', certificateType: BUSINESS_LICENCE.code, outcome: 'ELECTRONIC', count: 5 },
    { matterCode: matter, day: '2025-11-04', certificateType: FOOD_LICENCE.code, outcome: 'NOT_FOUND', count: 2 },
  ]);
}

afterAll(() => hub?.stop());

interface Row {
  keys: Array<{ dimension: string; value: string; label: string }>;
  count: number;
}

/** Every node's current certificates, each with its value of every dimension: what the statistics count. */
async function everyCertificate(): Promise<Array<Record<Dimension, string>>> {
  const perNode = await Promise.all(
    hub.nodes.map(async (node) =>
      (await node.database.db.select().from(certificates).where(isNull(certificates.supersededAt))).map((row) => ({
        NODE: node.code,
        REGION: row.issuerCode.slice(2, 8),
        ISSUER: row.issuerCode,
        TYPE: row.typeCode,
        STATUS: effectiveStatus.of(row, today),
        ORIGIN: row.origin,
        MONTH: row.issuedOn.slice(0, 7),
        YEAR: row.issuedOn.slice(0, 4),
        ENTERED_MONTH: chinaMonth(row.enteredAt),
      })),
    ),
  );
  return perNode.flat();
}

/** The brute-force answer: every certificate kept by `keep`, grouped by `groupBy`, in the order of the key values. */
function counted(all: Array<Record<Dimension, string>>, groupBy: readonly Dimension[], keep: (certificate: Record<Dimension, string>) => boolean = () => true) {
  const groups = new Map<string, { values: string[]; count: number }>();
  for (const certificate of all.filter(keep)) {
    const values = groupBy.map((dimension) => certificate[dimension]);
    const id = JSON.stringify(values);
    groups.set(id, { values, count: (groups.get(id)?.count ?? 0) + 1 });
  }
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return [...groups.values()].sort((a, b) => compare(a.values, b.values));
}

async function statistics(groupBy: readonly Dimension[], filter?: Record<string, unknown>): Promise<Row[]> {
  return data(await analyst(STATISTICS, { groupBy, ...(filter ? { filter } : {}) }), 'certificateStatistics');
}

const shape = (rows: Row[]) => rows.map((row) => ({ values: row.keys.map((key) => key.value), count: row.count }));

describe('certificate statistics (certificateStatistics)', () => {
  it('counts exactly as every node’s rows say, by each dimension alone and combined', async () => {
    const all = await everyCertificate();
    expect(all.length).toBe(9);
    for (const groupBy of [...DIMENSIONS.map((dimension) => [dimension]), ['TYPE', 'MONTH'], ['NODE', 'STATUS'], ['REGION', 'ORIGIN', 'YEAR'], ['YEAR', 'TYPE', 'NODE', 'ISSUER']] as Dimension[][]) {
      const rows = await statistics(groupBy);
      expect(shape(rows), groupBy.join(',')).toEqual(counted(all, groupBy));
      for (const row of rows) expect(row.keys.map((key) => key.dimension)).toEqual(groupBy);
    }
    // No grouping: the total.
    expect(shape(await statistics([]))).toEqual([{ values: [], count: all.length }]);
  });

  it('filters by node, type, issuer, origin, status, issue date and issuer region', async () => {
    const all = await everyCertificate();
    const cases: Array<[Record<string, unknown>, (certificate: Record<Dimension, string>) => boolean]> = [
      [{ nodes: ['350200'] }, (c) => c.NODE === '350200'],
      [{ typeCodes: [FOOD_LICENCE.code] }, (c) => c.TYPE === FOOD_LICENCE.code],
      [{ issuers: [AGENCY.provinceIssuer.sub] }, (c) => c.ISSUER === AGENCY.provinceIssuer.sub],
      [{ origins: ['ISSUED'] }, (c) => c.ORIGIN === 'ISSUED'],
      [{ statuses: ['REVOKED', 'EXPIRED'] }, (c) => c.STATUS === 'REVOKED' || c.STATUS === 'EXPIRED'],
      [{ regions: ['350100'] }, (c) => c.REGION.startsWith('3501')],
      [{ regions: ['350000'] }, () => true],
    ];
    for (const [filter, keep] of cases) {
      expect(shape(await statistics(['NODE', 'TYPE'], filter)), JSON.stringify(filter)).toEqual(counted(all, ['NODE', 'TYPE'], keep));
    }
    // Issue dates, to the day: counted from the rows themselves.
    const days = await Promise.all(hub.nodes.map((node) => node.database.db.select({ issuedOn: certificates.issuedOn }).from(certificates).where(isNull(certificates.supersededAt))));
    const between = days.flat().filter((row) => row.issuedOn >= '2024-03-11' && row.issuedOn <= '2024-12-01').length;
    expect(shape(await statistics([], { issuedFrom: '2024-03-11', issuedTo: '2024-12-01' }))).toEqual([{ values: [], count: between }]);
    expect(between).toBe(4);
  });

  it('labels the keys: type and issuer names, statuses and origins in Chinese, nodes and regions by name', async () => {
    const rows = await statistics(['NODE', 'TYPE', 'STATUS', 'ORIGIN'], { nodes: ['350200'] });
    expect(rows).toContainEqual({
      keys: [
        { dimension: 'NODE', value: '350200', label: '厦门市' },
        { dimension: 'TYPE', value: FOOD_LICENCE.code, label: FOOD_LICENCE.name },
        { dimension: 'STATUS', value: 'REVOKED', label: '吊销' },
        { dimension: 'ORIGIN', value: 'ISSUED', label: '电子颁发' },
      ],
      count: 1,
    });
    const issuers = await statistics(['ISSUER', 'REGION'], { issuers: [AGENCY.fuzhouIssuer.sub] });
    expect(issuers[0]!.keys).toEqual([
      { dimension: 'ISSUER', value: AGENCY.fuzhouIssuer.sub, label: AGENCY.fuzhouIssuer.name },
      { dimension: 'REGION', value: '350100', label: '福州市' },
    ]);
  });

  it('counts from the statistics index alone: every dimension and filter reads no certificate row', async () => {
    const node = hub.nodes.find((candidate) => candidate.code === '350100')!;
    const db = node.database.db;
    await db.execute(sql`vacuum analyze certificate.certificates`);
    const shapes: Array<[Dimension[], Record<string, unknown>]> = [
      [['TYPE', 'MONTH'], { issuedFrom: '2024-01-01', issuedTo: '2024-12-31' }],
      [['STATUS', 'ORIGIN', 'YEAR'], {}],
      [['REGION', 'ISSUER', 'ENTERED_MONTH'], { statuses: ['VALID', 'EXPIRED'], regions: ['350100'] }],
      [['ISSUER'], { issuers: [AGENCY.fuzhouIssuer.sub], origins: ['CONVERTED'], enteredFrom: '2025-01-01', enteredTo: today, typeCodes: [BUSINESS_LICENCE.code] }],
      [[], {}],
    ];
    for (const [groupBy, filter] of shapes) {
      const statement = statisticsStatement({ node: { code: node.code, name: '福州市' } as CertificateContext['node'], today }, { groupBy, filter })!;
      // The planner would rather read a handful of rows from the table, or take another index and
      // the rows behind it: the question is whether it can do without. The other indexes are
      // dropped for the question only (the transaction is rolled back).
      let plan: Array<{ 'QUERY PLAN': string }> = [];
      await db
        .transaction(async (tx) => {
          for (const index of OTHER_INDEXES) await tx.execute(sql`drop index certificate.${sql.identifier(index)}`);
          await tx.execute(sql`set local enable_seqscan = off`);
          await tx.execute(sql`set local enable_bitmapscan = off`);
          plan = await executeRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${statement}`);
          tx.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        });
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text, `${groupBy.join(',')} ${JSON.stringify(filter)}\n${text}`).toMatch(/Index Only Scan using certificates_statistics_idx on certificates(?! named)/);
    }
  });

  it('writes no access record: counts are no reading of anyone’s data', async () => {
    const records = async () => (await Promise.all(hub.nodes.map((node) => node.database.db.select({ seq: accessRecords.seq }).from(accessRecords)))).flat().length;
    const before = await records();
    await statistics(['TYPE', 'MONTH']);
    await statistics(['NODE'], { statuses: ['VALID'] });
    expect(await records()).toBe(before);
  });

  it('is for analysts, auditors and stewards; a consumer is refused, and bad arguments name the field', async () => {
    const consumer = await hub.as(AGENCY.consumer);
    const refused = await consumer(STATISTICS, { groupBy: ['TYPE'] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const steward = await hub.as(AGENCY.steward);
    expect((await steward(STATISTICS, { groupBy: ['TYPE'] })).errors).toBeUndefined();
    const bad = async (variables: Record<string, unknown>) => (await analyst(STATISTICS, variables)).errors?.[0]?.extensions;
    expect(await bad({ groupBy: ['TYPE', 'TYPE'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(await bad({ groupBy: ['TYPE'], filter: { regions: ['3501'] } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regions' });
    expect(await bad({ groupBy: ['TYPE'], filter: { issuedFrom: '2025-01-02', issuedTo: '2025-01-01' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.issuedTo' });
    // Not a real date: refused by the Date scalar, before any node is asked, naming the value.
    const unreal = await analyst(STATISTICS, { groupBy: ['TYPE'], filter: { issuedFrom: '2025-02-30' } });
    expect(unreal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(unreal.errors?.[0]?.message).toContain('issuedFrom');
  });
});

describe('when certificates came into the hub (ENTERED_MONTH, enteredFrom, enteredTo)', () => {
  it('counts a new version in the month its first version came in, and filters by those days (China time)', async () => {
    const [row] = await hub.nodes.find((node) => node.code === '350000')!.database.db.select().from(certificates).where(eq(certificates.id, amended));
    expect(row!.enteredAt.toISOString()).toBe(FIRST_ENTERED.toISOString());
    // 20:00 UTC on 15 June is 04:00 on 16 June in China.
    expect(shape(await statistics(['ENTERED_MONTH'], { enteredFrom: '2025-06-16', enteredTo: '2025-06-16' }))).toEqual([{ values: ['2025-06'], count: 1 }]);
    expect(shape(await statistics([], { enteredTo: '2025-06-15' }))).toEqual([{ values: [], count: 0 }]);
    const all = await everyCertificate();
    expect(shape(await statistics([], { enteredFrom: today }))).toEqual([{ values: [], count: all.length - 1 }]);
  });
});

const USAGE = /* GraphQL */ `
  query Usage($filter: UsageStatisticsFilter, $groupBy: [UsageDimension!]!) {
    usageStatistics(filter: $filter, groupBy: $groupBy) { keys { dimension value label } count }
  }
`;
const USAGE_DIMENSIONS = ['NODE', 'KIND', 'AGENCY', 'PURPOSE', 'TYPE', 'MONTH', 'DAY', 'OUTCOME'] as const;
type UsageDimension = (typeof USAGE_DIMENSIONS)[number];
type Use = Record<UsageDimension, string> & { n: number };

const chinaDayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Every use every node keeps a record or count of, read from the tables themselves: what usageStatistics counts. */
async function everyUse(): Promise<Use[]> {
  const perNode = await Promise.all(
    hub.nodes.map(async ({ code, database: { db } }) => {
      const typeOf = new Map((await db.select({ id: certificates.id, typeCode: certificates.typeCode }).from(certificates)).map((row) => [row.id, row.typeCode]));
      const use = (kind: string, day: string, values: Partial<Use>): Use => ({ NODE: code, KIND: kind, AGENCY: '', PURPOSE: '', TYPE: '', OUTCOME: '', DAY: day, MONTH: day.slice(0, 7), n: 1, ...values });
      const uses: Use[] = [];
      for (const record of await db.select().from(accessRecords).where(eq(accessRecords.node, code))) {
        const day = chinaDayOf(record.at);
        if (record.fields.includes('recordInspectionDraw')) {
          uses.push(use('INSPECTION', day, { AGENCY: record.actor, PURPOSE: record.purpose ?? '', n: (JSON.parse(record.detail!) as { drawn: number }).drawn }));
        } else if (record.actorKind === 'agency' && !record.fields.some((field) => CHANGE_NAMES.includes(field))) {
          uses.push(use('READ', day, { AGENCY: record.actor, PURPOSE: record.purpose ?? '', TYPE: typeOf.get(record.certificateId ?? '') ?? '' }));
        }
      }
      for (const row of await db.select().from(verificationCounts)) uses.push(use('VERIFY', row.day, { TYPE: row.typeCode, OUTCOME: row.outcome, n: row.count }));
      for (const row of await db.select().from(materialCheckCounts)) {
        uses.push(use('MATERIAL_CHECK', row.day, { AGENCY: row.matterCode.slice(0, 18), TYPE: row.certificateType, OUTCOME: row.outcome, n: row.count }));
      }
      for (const event of await db.select().from(eventLog)) {
        if (event.holderCode === null) continue;
        if (event.deliveredAt) uses.push(use('DELIVERY', chinaDayOf(event.deliveredAt), { AGENCY: event.actor ?? '', TYPE: event.typeCode ?? '' }));
        if (event.readAt) uses.push(use('READ_RECEIPT', chinaDayOf(event.readAt), { AGENCY: event.actor ?? '', TYPE: event.typeCode ?? '' }));
      }
      return uses;
    }),
  );
  return perNode.flat();
}

function usesCounted(all: Use[], groupBy: readonly UsageDimension[], keep: (use: Use) => boolean = () => true) {
  const groups = new Map<string, { values: string[]; count: number }>();
  for (const use of all.filter(keep)) {
    const values = groupBy.map((dimension) => use[dimension]);
    const id = JSON.stringify(values);
    groups.set(id, { values, count: (groups.get(id)?.count ?? 0) + use.n });
  }
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return [...groups.values()].filter((group) => group.count > 0).sort((a, b) => compare(a.values, b.values));
}

async function usage(groupBy: readonly UsageDimension[], filter?: Record<string, unknown>): Promise<Row[]> {
  return data(await analyst(USAGE, { groupBy, ...(filter ? { filter } : {}) }), 'usageStatistics');
}

describe('usage statistics (usageStatistics)', () => {
  it('counts each kind of use as it happened: reads with their purposes, verifications by outcome, deliveries, read receipts, draws, checks', async () => {
    const rows = await usage(['KIND', 'AGENCY', 'PURPOSE', 'OUTCOME']);
    const find = (kind: string, agency: string, purpose: string, outcome: string) =>
      rows.find((row) => JSON.stringify(row.keys.map((key) => key.value)) === JSON.stringify([kind, agency, purpose, outcome]))?.count;
    expect(find('READ', AGENCY.fuzhouIssuer.sub, '许可审查', '')).toBe(2);
    expect(find('READ', AGENCY.provinceIssuer.sub, '年度检查', '')).toBe(1);
    expect(find('VERIFY', '', '', 'VALID')).toBe(2);
    expect(find('VERIFY', '', '', 'TAMPERED')).toBe(1);
    expect(find('VERIFY', '', '', 'NOT_VALID')).toBe(1);
    expect(find('INSPECTION', uscc('11', '350100', 8140), 'SUPERVISION', '')).toBe(3);
    expect(find('MATERIAL_CHECK', AGENCY.fuzhouIssuer.sub, '', 'ELECTRONIC')).toBe(5);
    expect(find('READ_RECEIPT', AGENCY.fuzhouIssuer.sub, '', '')).toBe(1);
    expect(rows.find((row) => row.keys[0]!.value === 'DELIVERY')?.count).toBeGreaterThanOrEqual(1);
    // Labels: kinds and outcomes in Chinese, agencies by the name their tokens gave, none as —.
    const tampered = rows.find((row) => row.keys[0]!.value === 'VERIFY' && row.keys[3]!.value === 'TAMPERED')!;
    expect(tampered.keys.map((key) => key.label)).toEqual(['公众核验', '—', '—', '签章或摘要不符']);
    const reads = rows.find((row) => row.keys[0]!.value === 'READ' && row.keys[1]!.value === AGENCY.fuzhouIssuer.sub)!;
    expect(reads.keys[1]!.label).toBe(AGENCY.fuzhouIssuer.name);
  });

  it('counts exactly as every node’s records say, by each dimension alone and combined', async () => {
    const all = await usage([]); // the verifications gathered in memory are written first
    const uses = await everyUse();
    expect(shape(all)).toEqual([{ values: [], count: uses.reduce((sum, use) => sum + use.n, 0) }]);
    for (const groupBy of [...USAGE_DIMENSIONS.map((dimension) => [dimension]), ['KIND', 'TYPE'], ['NODE', 'KIND', 'DAY'], ['AGENCY', 'PURPOSE', 'MONTH'], ['TYPE', 'OUTCOME', 'NODE']] as UsageDimension[][]) {
      const rows = await usage(groupBy);
      expect(shape(rows), groupBy.join(',')).toEqual(usesCounted(uses, groupBy));
      for (const row of rows) expect(row.keys.map((key) => key.dimension)).toEqual(groupBy);
    }
  });

  it('filters by node, days, agency, type, kind and purpose', async () => {
    await usage([]);
    const uses = await everyUse();
    const cases: Array<[Record<string, unknown>, (use: Use) => boolean]> = [
      [{ nodes: ['350100'] }, (use) => use.NODE === '350100'],
      [{ from: '2025-11-04' }, (use) => use.DAY >= '2025-11-04'],
      [{ from: '2025-11-01', to: '2025-11-03' }, (use) => use.DAY >= '2025-11-01' && use.DAY <= '2025-11-03'],
      [{ agencies: [AGENCY.fuzhouIssuer.sub] }, (use) => use.AGENCY === AGENCY.fuzhouIssuer.sub],
      [{ typeCodes: [FOOD_LICENCE.code] }, (use) => use.TYPE === FOOD_LICENCE.code],
      [{ kinds: ['READ', 'VERIFY'] }, (use) => use.KIND === 'READ' || use.KIND === 'VERIFY'],
      [{ purposes: ['许可审查'] }, (use) => use.PURPOSE === '许可审查'],
      [{ to: today, kinds: ['MATERIAL_CHECK'] }, (use) => use.KIND === 'MATERIAL_CHECK'],
    ];
    for (const [filter, keep] of cases) {
      expect(shape(await usage(['NODE', 'KIND', 'TYPE'], filter)), JSON.stringify(filter)).toEqual(usesCounted(uses, ['NODE', 'KIND', 'TYPE'], keep));
    }
  });

  it('writes no access record, and is for analysts, auditors and stewards only; bad arguments name the field', async () => {
    const records = async () => (await Promise.all(hub.nodes.map((node) => node.database.db.select({ seq: accessRecords.seq }).from(accessRecords)))).flat().length;
    const before = await records();
    await usage(['AGENCY', 'TYPE', 'DAY']);
    expect(await records()).toBe(before);
    const consumer = await hub.as(AGENCY.consumer);
    expect((await consumer(USAGE, { groupBy: ['KIND'] })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const auditor = await hub.as({ sub: uscc('11', '350000', 8150), kind: 'agency', roles: ['auditor'] });
    expect((await auditor(USAGE, { groupBy: ['KIND'] })).errors).toBeUndefined();
    const bad = async (variables: Record<string, unknown>) => (await analyst(USAGE, variables)).errors?.[0]?.extensions;
    expect(await bad({ groupBy: ['DAY', 'DAY'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(await bad({ groupBy: ['DAY'], filter: { from: '2025-02-02', to: '2025-02-01' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });
});
