import { and, eq, sql } from 'drizzle-orm';
import { sm2 } from 'sm-crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/principal.js';
import { canonicalJson, SIGNER_ID, sm3Hex } from '../../lib/seal/seal.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { testNode, TEST_KEK } from '../../test/support/secrets.js';
import { residentId, uscc } from '../../test/support/fixtures.js';
import { accessRecords } from '../audit/db/schema.js';
import { migrationsFolder as certificateMigrations } from '../certificate/server.js';
import { eventLog } from '../events/db/schema.js';
import { NodeKey } from '../events/node-key.js';
import type { NodeDatabase } from '../kit/db.js';
import { missedAnnualReport } from './abnormal.js';
import { annualReportReminders, annualReports, legalEntities } from './db/schema.js';
import { reminderYear, sendReportReminders } from './jobs.js';
import { filingWindow, listedYear } from './report-calendar.js';
import { createLegalEntitySubgraph, migrationsFolder } from './server.js';

const NODE = '350200';
const REGISTRAR = uscc('11', '350200', 1);
const asCompany = (code: string): Principal => ({ kind: 'holder', code, holderKind: 'ORGANIZATION', name: null });
const PERSON: Principal = { kind: 'holder', code: residentId('350203', '19800101', 12), holderKind: 'PERSON', name: null };
const CONSUMER = agency(uscc('11', '350200', 2), 'consumer');
const PUBLIC: Principal = { kind: 'public' };

/** China time: the instant `time` (HH:MM:SS) of `day` in UTC+8. */
const china = (day: string, time = '10:00:00') => new Date(`${day}T${time}+08:00`);

let database: NodeDatabase;
let clock = china('2026-03-01');
let registry: ReturnType<typeof createLegalEntitySubgraph>;
let n = 100;

beforeAll(async () => {
  // The node key lives in the certificate subgraph's seal_keys, as on a node.
  database = await migratedDatabase('legal_entity_annual_reports', [
    ['legal-entity', migrationsFolder],
    ['certificate', certificateMigrations],
  ]);
  registry = createLegalEntitySubgraph({ node: testNode(NODE, '厦门市'), db: database.db, nodeKey: new NodeKey(database.db, TEST_KEK, NODE), now: () => clock });
});
afterAll(() => database?.close());
beforeEach(() => {
  clock = china('2026-03-01');
});

/** A new entity of region `region` in the registry, founded on `establishedOn`. */
async function entity(options: { establishedOn?: string; status?: 'ACTIVE' | 'REVOKED' | 'CANCELLED'; region?: string; name?: string } = {}): Promise<string> {
  const code = uscc('91', options.region ?? '350203', n++);
  await database.db.insert(legalEntities).values({
    uscc: code,
    name: options.name ?? `厦门测试${n}有限公司`,
    status: options.status ?? 'ACTIVE',
    legalRepresentative: '王五',
    address: '厦门市思明区测试路1号',
    establishedOn: options.establishedOn ?? '2020-05-01',
    registeredBy: REGISTRAR,
  });
  return code;
}

const report = (overrides: Record<string, unknown> = {}) => ({
  year: 2025,
  address: '厦门市思明区测试路1号301室',
  phone: '0592-5551234',
  email: 'office@example.com',
  employees: 12,
  operatingStatus: 'OPERATING',
  website: 'https://www.example.com',
  revenue: '1250000.5',
  ...overrides,
});

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: AnnualReportInput!) {
    submitAnnualReport(input: $input) {
      uscc name year version filedAt filedLate address email employees operatingStatus website phone revenue node
      seal { algorithm keyId publicKey signature signedPayload digest withheldDigest withheldSalt valid }
    }
  }
`;

const REPORTS = /* GraphQL */ `
  query Reports($uscc: ID!) {
    annualReports(uscc: $uscc) {
      uscc year version filedLate address email employees operatingStatus website phone revenue
      seal { keyId signature signedPayload digest withheldDigest withheldSalt valid }
    }
  }
`;

const ABNORMAL = /* GraphQL */ `
  query Abnormal($region: String, $first: Int, $after: String) {
    abnormalOperations(region: $region, first: $first, after: $after) {
      totalCount
      edges { cursor node { uscc name region year listedOn reason } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** An answer whose data the tests read field by field. */
interface Answer {
  data?: Record<string, any> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

const run = (principal: Principal, query: string, variables: Record<string, unknown> = {}) => executeAs(registry, principal, query, variables) as Promise<Answer>;

async function submit(company: string, input: Record<string, unknown> = {}) {
  return run(asCompany(company), SUBMIT, { input: report(input) });
}

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.['code'];
const fieldOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.['field'];

describe('the annual report calendar', () => {
  it('opens a year on 1 January, keeps it changeable until 30 June, late after, and lists its misses from 1 July', () => {
    expect(filingWindow(2025, '2025-12-31')).toEqual({ problem: 'the report of 2025 can be filed from 2026-01-01' });
    expect(filingWindow(2025, '2026-01-01')).toEqual({ late: false, changeable: true });
    expect(filingWindow(2025, '2026-06-30')).toEqual({ late: false, changeable: true });
    expect(filingWindow(2025, '2026-07-01')).toEqual({ late: true, changeable: false });
    // The year before the previous one only while the abnormal list still stands for it.
    expect(filingWindow(2024, '2026-06-30')).toEqual({ late: true, changeable: false });
    expect(filingWindow(2024, '2026-07-01')).toHaveProperty('problem');
    expect(listedYear('2026-06-30')).toBe(2024);
    expect(listedYear('2026-07-01')).toBe(2025);
    expect(reminderYear('2026-05-31')).toBeNull();
    expect(reminderYear('2026-06-01')).toBe(2025);
    expect(reminderYear('2026-06-30')).toBe(2025);
    expect(reminderYear('2026-07-01')).toBeNull();
  });
});

describe('filing an annual report', () => {
  it('is refused for a year before 1 January after it (China time), and accepted from the first second of it', async () => {
    const company = await entity();
    clock = new Date('2025-12-31T15:59:59Z'); // 23:59:59 in Beijing
    const early = await submit(company);
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(fieldOf(early)).toBe('input.year');
    expect(early.errors?.[0]?.message).toContain('can be filed from 2026-01-01');
    clock = new Date('2025-12-31T16:00:00Z'); // 00:00 on 1 January in Beijing
    const filed = await submit(company);
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.['submitAnnualReport']).toMatchObject({ uscc: company, year: 2025, version: 1, filedLate: false, revenue: '1250000.50', phone: '0592-5551234', node: NODE });
  });

  it('may be filed again until 30 June, each filing a new version with the others kept, and not after', async () => {
    const company = await entity();
    clock = china('2026-02-10');
    expect((await submit(company)).errors).toBeUndefined();
    clock = china('2026-06-30', '23:59:59');
    const second = await submit(company, { employees: 14, revenue: '1300000' });
    expect(second.errors).toBeUndefined();
    expect(second.data?.['submitAnnualReport']).toMatchObject({ version: 2, filedLate: false, employees: 14, revenue: '1300000.00' });
    clock = china('2026-07-01', '00:00:00');
    const third = await submit(company, { employees: 15 });
    expect(codeOf(third)).toBe('BAD_USER_INPUT');
    expect(third.errors?.[0]?.message).toContain('could be changed until 2026-06-30');

    const versions = await database.db.select().from(annualReports).where(eq(annualReports.uscc, company)).orderBy(annualReports.version);
    expect(versions.map((row) => [row.version, row.employees])).toEqual([
      [1, 12],
      [2, 14],
    ]);
    const read = await run(asCompany(company), REPORTS, { uscc: company });
    expect(read.data?.['annualReports']).toEqual([expect.objectContaining({ version: 2, employees: 14 })]);
  });

  it('accepts a first filing after 30 June as late (补报), once', async () => {
    const company = await entity();
    clock = china('2026-09-15');
    const late = await submit(company);
    expect(late.errors).toBeUndefined();
    expect(late.data?.['submitAnnualReport']).toMatchObject({ version: 1, filedLate: true });
    const again = await submit(company, { employees: 20 });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toContain('filed late (补报) on 2026-09-15');
  });

  it('takes only the previous year, and the year before it until 30 June, late', async () => {
    const company = await entity();
    clock = china('2026-03-01');
    expect(fieldOf(await submit(company, { year: 2026 }))).toBe('input.year');
    expect(fieldOf(await submit(company, { year: 2023 }))).toBe('input.year');
    const missed = await submit(company, { year: 2024 });
    expect(missed.errors).toBeUndefined();
    expect(missed.data?.['submitAnnualReport']).toMatchObject({ year: 2024, filedLate: true });
    clock = china('2026-07-01');
    const other = await entity();
    expect(fieldOf(await submit(other, { year: 2024 }))).toBe('input.year');
  });

  it('is not owed by an entity founded in the filing year, nor filed by a deregistered one or one the node does not keep', async () => {
    const young = await entity({ establishedOn: '2026-01-05' });
    const refused = await submit(young);
    expect(fieldOf(refused)).toBe('input.year');
    expect(refused.errors?.[0]?.message).toContain('its first annual report is that of 2026');
    // Founded on the last day of the year: it owes that year's report.
    expect((await submit(await entity({ establishedOn: '2025-12-31' }))).errors).toBeUndefined();
    expect(codeOf(await submit(await entity({ status: 'CANCELLED' })))).toBe('FORBIDDEN');
    expect(codeOf(await submit(uscc('91', '350203', 99_999)))).toBe('NOT_FOUND');
  });

  it.each([
    ['address', { address: '  ' }],
    ['address', { address: 'x'.repeat(201) }],
    ['address', { address: '第一行\n第二行' }],
    ['phone', { phone: '0592--5551234' }],
    ['phone', { phone: '+86 592 555' }],
    ['phone', { phone: '123' }],
    ['email', { email: 'office@example' }],
    ['email', { email: 'not an email' }],
    ['employees', { employees: -1 }],
    ['employees', { employees: 10_000_001 }],
    ['website', { website: 'ftp://example.com' }],
    ['website', { website: 'https://user:secret@example.com' }],
    ['website', { website: 'www.example.com' }],
    ['revenue', { revenue: '-1' }],
    ['revenue', { revenue: '12.345' }],
    ['revenue', { revenue: '1e6' }],
    ['revenue', { revenue: '' }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it (%j)', async (field, input) => {
    const result = await submit(await entity(), input);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe(`input.${field}`);
    expect(result.data).toBeNull();
  });

  it('takes a report without a website, 0 employees and 0 revenue', async () => {
    const result = await submit(await entity(), { website: null, employees: 0, revenue: '0' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['submitAnnualReport']).toMatchObject({ website: null, employees: 0, revenue: '0.00' });
  });

  it('is filed only by an organisation signed in as itself: not an agency, a person or the public', async () => {
    for (const principal of [CONSUMER, PERSON, PUBLIC]) {
      const result = await run(principal, SUBMIT, { input: report() });
      expect(codeOf(result), principal.kind).toBe('FORBIDDEN');
    }
  });

  it('is recorded in the access log with the version and the fields changed, never their values, in the same transaction', async () => {
    const company = await entity();
    clock = china('2026-04-01');
    await submit(company);
    await submit(company, { revenue: '99.99', phone: '13800138000' });
    const records = await database.db.select().from(accessRecords).where(eq(accessRecords.holderCode, company)).orderBy(accessRecords.seq);
    expect(records.map((record) => [record.fields, JSON.parse(record.detail ?? 'null')])).toEqual([
      [['submitAnnualReport'], { year: 2025, version: 1, filedLate: false, changed: ['address', 'email', 'employees', 'operatingStatus', 'website', 'phone', 'revenue'] }],
      [['submitAnnualReport'], { year: 2025, version: 2, filedLate: false, changed: ['phone', 'revenue'] }],
    ]);
    expect(records.every((record) => !record.detail?.includes('99.99') && !record.detail?.includes('13800138000'))).toBe(true);
    // And its receipt is in the company's inbox, from no agency.
    const events = await database.db.select().from(eventLog).where(eq(eventLog.holderCode, company)).orderBy(eventLog.seq);
    expect(events.map((event) => [event.type, event.title, event.actor])).toEqual([
      ['NOTICE', '您的2025年度年报已报送', null],
      ['NOTICE', '您的2025年度年报已更正', null],
    ]);
  });
});

describe('reading annual reports', () => {
  let company: string;
  beforeAll(async () => {
    company = await entity();
    clock = china('2026-03-02');
    await submit(company);
  });

  it('answers the public the published fields, with phone, revenue and the salt null and no error', async () => {
    const result = await run(PUBLIC, REPORTS, { uscc: company });
    expect(result.errors).toBeUndefined();
    const [shown] = result.data?.['annualReports'] as Array<Record<string, any>>;
    expect(shown).toMatchObject({ address: '厦门市思明区测试路1号301室', email: 'office@example.com', employees: 12, phone: null, revenue: null });
    expect(shown!['seal']).toMatchObject({ withheldSalt: null, valid: true });
  });

  it('refuses an agency and another company the unpublished fields with FORBIDDEN, and gives the company all of them', async () => {
    const byAgency = await run(CONSUMER, REPORTS, { uscc: company });
    expect(byAgency.errors?.map((error) => [error.path?.join('.'), error.extensions?.['reason']]).sort()).toEqual([
      ['annualReports.0.phone', 'NOT_SHARED'],
      ['annualReports.0.revenue', 'NOT_SHARED'],
      ['annualReports.0.seal.withheldSalt', 'NOT_SHARED'],
    ]);
    expect(byAgency.data?.['annualReports'][0]).toMatchObject({ email: 'office@example.com', phone: null, revenue: null });
    const byOther = await run(asCompany(await entity()), REPORTS, { uscc: company });
    expect(byOther.errors?.map((error) => error.extensions?.['reason'])).toEqual(['NOT_THE_HOLDER', 'NOT_THE_HOLDER', 'NOT_THE_HOLDER']);
    const own = await run(asCompany(company), REPORTS, { uscc: company });
    expect(own.errors).toBeUndefined();
    expect(own.data?.['annualReports'][0]).toMatchObject({ phone: '0592-5551234', revenue: '1250000.50' });
  });

  it('is sealed: the signature verifies independently, the company checks its unpublished fields, and an edit behind the hub breaks it', async () => {
    const own = await run(asCompany(company), REPORTS, { uscc: company });
    const shown = own.data?.['annualReports'][0] as Record<string, any>;
    const seal = shown['seal'] as Record<string, string>;
    const publicKey = await new NodeKey(database.db, TEST_KEK, NODE).publicKey(seal['keyId']!);
    expect(sm2.doVerifySignature(seal['signedPayload']!, seal['signature']!, publicKey!, { der: true, hash: true, userId: SIGNER_ID })).toBe(true);
    expect(seal['digest']).toBe(sm3Hex(seal['signedPayload']!));
    expect(JSON.parse(seal['signedPayload']!)).toMatchObject({ uscc: company, year: 2025, version: 1, email: 'office@example.com', withheldDigest: seal['withheldDigest'] });
    expect(seal['signedPayload']).not.toContain('0592-5551234');
    expect(sm3Hex(canonicalJson({ phone: shown['phone'], revenue: shown['revenue'], salt: seal['withheldSalt'] }))).toBe(seal['withheldDigest']);

    const where = and(eq(annualReports.uscc, company), eq(annualReports.year, 2025));
    for (const edit of [sql`revenue = revenue + 1`, sql`address = address || '（改）'`]) {
      await database.db.execute(sql`update ${annualReports} set ${edit} where ${where}`);
      const read = await run(PUBLIC, REPORTS, { uscc: company });
      expect((read.data?.['annualReports'][0] as Record<string, any>)['seal']['valid']).toBe(false);
    }
  });
});

describe('the abnormal operations list at a node', () => {
  it('lists the operating entities that missed the deadline, in USCC order, a page at a time, by region', async () => {
    const region = '350211';
    const filedOnTime = await entity({ region });
    const filedLate = await entity({ region });
    const missed = [await entity({ region }), await entity({ region, name: '厦门漏报二号有限公司' }), await entity({ region: '350212' })];
    await entity({ region, status: 'REVOKED' }); // not operating: not listed
    await entity({ region, establishedOn: '2026-02-01' }); // owes nothing for 2025
    clock = china('2026-05-10');
    await submit(filedOnTime);
    clock = china('2026-08-01');
    await submit(filedLate);

    // Until 30 June the list stands for 2024, which all of them missed but the one too young to owe it.
    clock = china('2026-06-30');
    const before = await run(PUBLIC, ABNORMAL, { region: '350211' });
    expect(before.data?.['abnormalOperations']['totalCount']).toBe(4);
    for (const edge of before.data?.['abnormalOperations']['edges']) expect(edge.node).toMatchObject({ year: 2024, listedOn: '2025-07-01', reason: '未按规定报送2024年度年报' });

    clock = china('2026-09-01');
    const within = async (regionCode: string) => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (;;) {
        const page = await run(PUBLIC, ABNORMAL, { region: regionCode, first: 1, after });
        expect(page.errors).toBeUndefined();
        const connection = page.data?.['abnormalOperations'] as Record<string, any>;
        total = connection['totalCount'];
        seen.push(...connection['edges'].map((edge: Record<string, any>) => edge['node']['uscc']));
        if (!connection['pageInfo']['hasNextPage']) break;
        after = connection['pageInfo']['endCursor'];
      }
      return { seen, total };
    };
    expect(await within('350211')).toEqual({ seen: missed.slice(0, 2).sort(), total: 2 });
    // A city covers its districts (and this test file's other entities, which filed nothing).
    const city = await within('350200');
    expect(city.seen).toEqual(expect.arrayContaining(missed));
    expect(city.seen).not.toEqual(expect.arrayContaining([filedOnTime]));
    expect(city.seen).not.toContain(filedLate);
    expect(city.seen).toEqual([...city.seen].sort());
    expect(city.total).toBe(city.seen.length);

    const one = await run(PUBLIC, ABNORMAL, { region: '350212' });
    expect(one.data?.['abnormalOperations']['edges'][0]['node']).toEqual({
      uscc: missed[2],
      name: expect.any(String),
      region: '350212',
      year: 2025,
      listedOn: '2026-07-01',
      reason: '未按规定报送2025年度年报',
    });
  });

  it('refuses a bad region, page size or cursor with BAD_USER_INPUT naming it', async () => {
    for (const [variables, field] of [
      [{ region: '3502' }, 'region'],
      [{ first: 101 }, 'first'],
      [{ after: 'nonsense' }, 'after'],
    ] as const) {
      const result = await run(PUBLIC, ABNORMAL, variables);
      expect(fieldOf(result), field).toBe(field);
    }
  });

  it('answers "missed the report of year Y as of day D" in SQL: not before the deadline, nor for a filing made by that day', async () => {
    const company = await entity();
    clock = china('2026-08-20');
    await submit(company);
    const missedOn = async (day: string) =>
      (await database.db.select({ uscc: legalEntities.uscc }).from(legalEntities).where(and(eq(legalEntities.uscc, company), missedAnnualReport(2025, day)))).length === 1;
    expect(await missedOn('2026-06-30')).toBe(false);
    expect(await missedOn('2026-07-01')).toBe(true);
    expect(await missedOn('2026-08-19')).toBe(true);
    expect(await missedOn('2026-08-20')).toBe(false);
  });
});

describe('the annual report reminder', () => {
  it('puts one message a year in the inbox of each operating entity that has not filed, from 1 June', async () => {
    const waiting = await entity({ region: '350206' });
    const filed = await entity({ region: '350206' });
    const revoked = await entity({ region: '350206', status: 'REVOKED' });
    const young = await entity({ region: '350206', establishedOn: '2026-03-03' });
    clock = china('2026-05-20');
    await submit(filed);

    expect(await sendReportReminders(database.db, 2025, china('2026-06-01'), 2)).toBe(2);
    // The rest in the next batches, each entity once.
    let more = 0;
    for (;;) {
      const sent = await sendReportReminders(database.db, 2025, china('2026-06-02'), 2);
      if (sent === 0) break;
      more += sent;
    }
    expect(await sendReportReminders(database.db, 2025, china('2026-06-03'))).toBe(0);

    const reminded = await database.db.select().from(annualReportReminders).where(eq(annualReportReminders.year, 2025));
    const codes = new Set(reminded.map((row) => row.uscc));
    expect(reminded.length).toBe(2 + more);
    expect(codes.has(waiting)).toBe(true);
    for (const code of [filed, revoked, young]) expect(codes.has(code)).toBe(false);
    const messages = await database.db.select().from(eventLog).where(and(eq(eventLog.holderCode, waiting), eq(eventLog.title, '请于6月30日前报送2025年度年报')));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'NOTICE', actor: null });
    expect(messages[0]!.body).toContain('逾期未报送的，将被列入经营异常名录');
  });
});
