import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../lib/codes.js';
import { accessRecords } from '../subgraphs/audit/db/schema.js';
import { certificates } from '../subgraphs/certificate/db/schema.js';
import { effectiveStatus } from '../subgraphs/certificate/status.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, FOOD_LICENCE, foodLicenceFor, ISSUE, licenceFor, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Certificate statistics (certificateStatistics) through the whole hub: every dimension alone and
 * combined, filters, checked against a count of every node's rows; nothing in the access log;
 * for analysts, auditors and stewards only.
 */
type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

const ANALYST = { sub: uscc('11', '350000', 8130), kind: 'agency' as const, roles: ['analyst' as const], name: '福建省大数据管理局统计分析处' };
const DIMENSIONS = ['NODE', 'REGION', 'ISSUER', 'TYPE', 'STATUS', 'ORIGIN', 'MONTH', 'YEAR'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const STATISTICS = /* GraphQL */ `
  query Statistics($filter: CertificateStatisticsFilter, $groupBy: [CertificateDimension!]!) {
    certificateStatistics(filter: $filter, groupBy: $groupBy) { keys { dimension value label } count }
  }
`;

let hub: TestHub;
let analyst: Client;
const today = isoDate(new Date());


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
  const ids: string[] = [];
  for (const [node, input] of issued) ids.push(data(await issuers[node]!(ISSUE, { input }), 'issueCertificate').id);
  data(await issuers['350200']!(`mutation($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "吊销") { status } }`, { id: ids[8] }), 'changeCertificateStatus');
}, 240_000);

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
