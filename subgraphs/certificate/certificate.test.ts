import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_APPEND_STATEMENTS } from '../audit/log.js';
import { buildCertificateId, isoDate, parseCertificateId, residentIdCheckChar, usccCheckChar, usccRegion } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import { compareCertificates, encodeCursor } from '../../lib/order.js';
import type { Principal } from '../../lib/principal.js';
import { agency, executeAs, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import { certificateItems, certificates, issuerSerials, statusChanges } from './db/schema.js';
import type { IssueCertificateInput } from './generated/resolvers.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { changeCertificateStatus, issueCertificate, type Issuer } from './service.js';
import { effectiveStatus } from './status.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);
const company = (n: number) => uscc(`91350200MA${String(n).padStart(7, '0')}`);
const person = (n: number) => residentId(`35020319900101${String(n).padStart(3, '0')}`);
/** The same code with its last (check) character changed. */
const wrongCheck = (code: string) => `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;

const SAMR = uscc('11100000000000001'); // 国家市场监督管理总局
const NHC = uscc('11100000000000002'); // 国家卫生健康委员会
const LICENCE = `${SAMR}001`;
const FOOD_LICENCE = `${SAMR}002`;
const PHYSICIAN = `${NHC}001`;

const TYPES: CatalogType[] = [
  {
    code: LICENCE,
    name: '营业执照',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: null,
    items: [
      { code: 'name', name: '名称', required: true, sensitive: false },
      { code: 'legalRepresentative', name: '法定代表人', required: true, sensitive: false },
      { code: 'registeredCapital', name: '注册资本', required: false, sensitive: false },
      { code: 'address', name: '住所', required: false, sensitive: false },
    ],
  },
  {
    code: FOOD_LICENCE,
    name: '食品经营许可证',
    holderKind: 'ORGANIZATION',
    sharing: 'CONDITIONAL',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: 5,
    items: [
      { code: 'operator', name: '经营者名称', required: true, sensitive: false },
      { code: 'mainBusiness', name: '主体业态', required: false, sensitive: false },
    ],
  },
  {
    code: PHYSICIAN,
    name: '医师执业证书',
    holderKind: 'PERSON',
    sharing: 'CONDITIONAL',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: null,
    items: [
      { code: 'name', name: '姓名', required: true, sensitive: false },
      { code: 'idNumber', name: '身份证号', required: true, sensitive: true },
      { code: 'category', name: '执业类别', required: true, sensitive: false },
      { code: 'scope', name: '执业范围', required: false, sensitive: false },
    ],
  },
];

const XM_SAMR = agency(uscc('11350200000000011'), 'issuer'); // 厦门市市场监督管理局
const XM_HEALTH = agency(uscc('11350200000000029'), 'issuer'); // 厦门市卫生健康委员会
const FZ_SAMR = agency(uscc('11350100000000045'), 'issuer'); // 福州市市场监督管理局
const CONSUMER = agency(uscc('11350100000000037'), 'consumer');
const PUBLIC: Principal = { kind: 'public' };
const holder = (code: string, holderKind: 'PERSON' | 'ORGANIZATION' = 'ORGANIZATION'): Principal => ({
  kind: 'holder',
  code,
  holderKind,
  name: null,
});
const issuerOf = (principal: Principal): Issuer => {
  if (principal.kind !== 'agency') throw new Error('not an agency');
  return { code: principal.code, name: principal.name ?? principal.code };
};

const NODE = testNode('350200', '厦门市');
const catalog = catalogFromList(TYPES);
const TODAY = isoDate(new Date());
/** A well-formed 证照标识 this node never issued (serials are far from 99999999 here). */
const neverIssued = (serial: string) => buildCertificateId({ typeCode: LICENCE, issuer: issuerOf(XM_SAMR).code, serial, version: '001' });

let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('certificate_unit', [['certificate', migrationsFolder]]);
  subgraph = createCertificateSubgraph({ node: NODE, db: database.db, catalog, services: { kek: TEST_KEK, province: '350000' } });
});
afterAll(() => database?.close());

let sequence = 0;
/** A business licence for `holderCode`, with a number not used before in this file. */
const licence = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  typeCode: LICENCE,
  number: `91350200-${++sequence}`,
  holderKind: 'ORGANIZATION',
  holderCode: company(1),
  holderName: '厦门鹭岛科技有限公司',
  issuedOn: '2024-03-01',
  validFrom: '2024-03-01',
  validUntil: null,
  items: [
    { code: 'name', value: '厦门鹭岛科技有限公司' },
    { code: 'legalRepresentative', value: '陈明' },
  ],
  ...overrides,
});

const physicianLicence = (overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  typeCode: PHYSICIAN,
  number: `110350200${String(++sequence).padStart(6, '0')}`,
  holderKind: 'PERSON',
  holderCode: person(1),
  holderName: '林晓',
  issuedOn: '2023-07-15',
  validFrom: '2023-07-15',
  validUntil: null,
  items: [
    { code: 'name', value: '林晓' },
    { code: 'idNumber', value: person(1) },
    { code: 'category', value: '临床' },
  ],
  ...overrides,
});

const ISSUE = /* GraphQL */ `
  mutation Issue($input: IssueCertificateInput!) {
    issueCertificate(input: $input) {
      id number holderCode validFrom validUntil status origin node
      items { code name value }
      statusHistory { from to actor reason }
    }
  }
`;

const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $status: CertificateStatus!, $reason: String!) {
    changeCertificateStatus(id: $id, status: $status, reason: $reason) { id status }
  }
`;

const LIST = /* GraphQL */ `
  query List($filter: CertificateFilter, $first: Int, $after: String) {
    certificates(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id issuedOn status } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

/** Issues through the service, as a bulk importer or the demo seed would. */
const issue = (issuer: Principal, input: IssueCertificateInput) => issueCertificate({ db: database.db, catalog, kek: TEST_KEK }, issuerOf(issuer), input);

const errorOf = (result: ExecutionResult) => result.errors?.[0]?.extensions;

async function rowCounts() {
  const count = async (table: typeof certificates | typeof certificateItems | typeof statusChanges | typeof issuerSerials) => {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table);
    return row!.n;
  };
  return {
    certificates: await count(certificates),
    items: await count(certificateItems),
    history: await count(statusChanges),
    serials: await database.db.select().from(issuerSerials),
  };
}

describe('issuing', () => {
  it('an issuer gets a valid 证照标识 naming its own region, with items in the type order and the issuance in the history', async () => {
    const input = licence({
      items: [
        { code: 'address', value: '厦门市思明区软件园二期' },
        { code: 'legalRepresentative', value: '陈明' },
        { code: 'name', value: '厦门鹭岛科技有限公司' },
      ],
    });
    const result = await executeAs(subgraph, XM_SAMR, ISSUE, { input });
    expect(result.errors).toBeUndefined();
    const issued = result.data?.['issueCertificate'] as Record<string, unknown>;
    const parsed = parseCertificateId(issued['id'] as string);
    expect(parsed).toMatchObject({ typeCode: LICENCE, issuer: issuerOf(XM_SAMR).code, version: '001' });
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(parsed.serial).toMatch(/^\d{8}$/);
    expect(usccRegion(parsed.issuer)).toBe('350200');
    expect(issued).toMatchObject({ number: input.number, status: 'VALID', origin: 'ISSUED', validUntil: null, node: '350200' });
    expect(issued['items']).toEqual([
      { code: 'name', name: '名称', value: '厦门鹭岛科技有限公司' },
      { code: 'legalRepresentative', name: '法定代表人', value: '陈明' },
      { code: 'address', name: '住所', value: '厦门市思明区软件园二期' },
    ]);
    expect(issued['statusHistory']).toEqual([{ from: null, to: 'VALID', actor: issuerOf(XM_SAMR).code, reason: '颁发 issued' }]);
  });

  it('serials are unique per issuer, also when one issuer issues concurrently', async () => {
    const fromXiamen = await Promise.all(Array.from({ length: 8 }, () => issue(XM_SAMR, licence())));
    const fromFuzhou = await issue(FZ_SAMR, licence());
    const serials = fromXiamen.map((row) => row.serial);
    expect(new Set(serials).size).toBe(8);
    expect(fromFuzhou.serial).toBe('00000001');
    expect(usccRegion((parseCertificateId(fromFuzhou.id) as { issuer: string }).issuer)).toBe('350100');
  });

  it('a converted certificate records its origin and says so in the history', async () => {
    const row = await issueCertificate({ db: database.db, catalog, kek: TEST_KEK }, issuerOf(XM_SAMR), licence(), { origin: 'CONVERTED' });
    expect(row.origin).toBe('CONVERTED');
    const history = await database.db.select().from(statusChanges).where(sql`${statusChanges.certificateId} = ${row.id}`);
    expect(history.map((change) => change.reason)).toEqual(['存量转换 converted']);
  });

  it('validUntil is computed from the type validityYears when absent, and kept when given', async () => {
    const computed = await issue(XM_SAMR, licence({ typeCode: FOOD_LICENCE, validFrom: '2024-03-01', items: [{ code: 'operator', value: '鹭岛餐饮' }] }));
    expect(computed.validUntil).toBe('2029-02-28');
    const leap = await issue(XM_SAMR, licence({ typeCode: FOOD_LICENCE, validFrom: '2024-02-29', items: [{ code: 'operator', value: '鹭岛餐饮' }] }));
    expect(leap.validUntil).toBe('2029-02-28');
    const given = await issue(
      XM_SAMR,
      licence({ typeCode: FOOD_LICENCE, validFrom: '2024-03-01', validUntil: '2026-12-31', items: [{ code: 'operator', value: '鹭岛餐饮' }] }),
    );
    expect(given.validUntil).toBe('2026-12-31');
    const openEnded = await issue(XM_HEALTH, physicianLicence());
    expect(openEnded.validUntil).toBeNull();
  });

  const tomorrow = isoDate(new Date(Date.now() + 86_400_000));
  const badInputs: Array<[string, () => IssueCertificateInput, string, RegExp?]> = [
    ['a malformed type code', () => licence({ typeCode: 'ABC' }), 'input.typeCode', /21|USCC/],
    ['a type the catalog does not know', () => licence({ typeCode: `${SAMR}999` }), 'input.typeCode', /no certificate type/],
    ['a holder kind the type is not for', () => licence({ holderKind: 'PERSON', holderCode: person(2) }), 'input.holderKind'],
    ['a USCC with a wrong check character', () => licence({ holderCode: wrongCheck(company(2)) }), 'input.holderCode', /check character/],
    ['a resident ID with an impossible birth date', () => physicianLicence({ holderCode: residentId('35020319901301001') }), 'input.holderCode', /birth date/],
    ['an empty holder name', () => licence({ holderName: '   ' }), 'input.holderName'],
    ['a holder name over 200 characters', () => licence({ holderName: '名'.repeat(201) }), 'input.holderName'],
    ['an empty number', () => licence({ number: '' }), 'input.number'],
    ['a number over 64 characters', () => licence({ number: '9'.repeat(65) }), 'input.number'],
    ['an issue date after today', () => licence({ issuedOn: tomorrow, validFrom: tomorrow }), 'input.issuedOn'],
    ['a validUntil before validFrom', () => licence({ validFrom: '2024-03-01', validUntil: '2024-02-29' }), 'input.validUntil'],
    [
      'an item the type does not define',
      () => licence({ items: [...licence().items, { code: 'favouriteColour', value: 'blue' }] }),
      'input.items[2].code',
    ],
    ['an item given twice', () => licence({ items: [...licence().items, { code: 'name', value: 'again' }] }), 'input.items[2].code'],
    ['a missing required item', () => licence({ items: [{ code: 'name', value: '鹭岛' }] }), 'input.items', /legalRepresentative/],
    [
      'a required item with a blank value',
      () => licence({ items: [{ code: 'name', value: ' ' }, { code: 'legalRepresentative', value: '陈明' }] }),
      'input.items',
      /\bname\b/,
    ],
    [
      'an item value over 2000 characters',
      () => licence({ items: [{ code: 'name', value: 'x'.repeat(2001) }, { code: 'legalRepresentative', value: '陈明' }] }),
      'input.items[0].value',
    ],
  ];

  it.each(badInputs)('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_name, input, field, reason) => {
    const before = await rowCounts();
    const result = await executeAs(subgraph, XM_SAMR, ISSUE, { input: input() });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    if (reason) expect(result.errors?.[0]?.message).toMatch(reason);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('a number the issuer already issued for the type is refused, but another issuer or type may use it', async () => {
    const first = licence();
    await issue(XM_SAMR, first);
    const before = await rowCounts();
    const again = await executeAs(subgraph, XM_SAMR, ISSUE, { input: { ...first, holderCode: company(3) } });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.number' });
    expect(await rowCounts()).toEqual(before);
    await expect(issue(FZ_SAMR, first)).resolves.toMatchObject({ number: first.number });
  });

  it('a concurrent duplicate number comes out as BAD_USER_INPUT on input.number, never an SQL message', async () => {
    const input = licence();
    const outcomes = await Promise.allSettled([issue(XM_SAMR, input), issue(XM_SAMR, input), issue(XM_SAMR, input)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.number' } });
        expect(String(outcome.reason.message)).not.toMatch(/duplicate key|constraint/);
      }
    }
  });

  it('only agencies with the issuer role may issue', async () => {
    const result = await executeAs(subgraph, CONSUMER, ISSUE, { input: licence() });
    expect(errorOf(result)?.['code']).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });
});

describe('status changes', () => {
  const history = async (id: string) =>
    (await database.db.select().from(statusChanges).where(sql`${statusChanges.certificateId} = ${id}`).orderBy(statusChanges.id)).map(
      (change) => [change.fromStatus, change.toStatus, change.actor, change.reason],
    );

  it('the issuer suspends, restores and revokes, each change in the history with who and why', async () => {
    const { id } = await issue(XM_SAMR, licence());
    const code = issuerOf(XM_SAMR).code;
    for (const [status, reason] of [
      ['SUSPENDED', '暂扣：停业整顿'],
      ['VALID', '整顿完成，恢复'],
      ['REVOKED', '吊销：虚假登记'],
    ] as const) {
      const result = await executeAs(subgraph, XM_SAMR, CHANGE, { id, status, reason });
      expect(result.errors).toBeUndefined();
      expect(result.data?.['changeCertificateStatus']).toEqual({ id, status });
    }
    expect(await history(id)).toEqual([
      [null, 'VALID', code, '颁发 issued'],
      ['VALID', 'SUSPENDED', code, '暂扣：停业整顿'],
      ['SUSPENDED', 'VALID', code, '整顿完成，恢复'],
      ['VALID', 'REVOKED', code, '吊销：虚假登记'],
    ]);
    const read = await executeAs(subgraph, XM_SAMR, /* GraphQL */ `query($id: ID!) { certificate(id: $id) { status statusHistory { from to } } }`, { id });
    expect(read.data?.['certificate']).toMatchObject({
      status: 'REVOKED',
      statusHistory: [{ to: 'VALID' }, { to: 'SUSPENDED' }, { to: 'VALID' }, { to: 'REVOKED' }],
    });
  });

  it('refused changes are errors naming the reason and write nothing', async () => {
    const { id } = await issue(XM_SAMR, licence());
    const { id: revoked } = await issue(XM_SAMR, licence());
    await changeCertificateStatus(database.db, issuerOf(XM_SAMR), revoked, 'WITHDRAWN', '撤销：以欺骗手段取得');
    const missing = neverIssued('99999999');
    const cases: Array<[Principal, Record<string, unknown>, Record<string, unknown>]> = [
      [XM_SAMR, { id: 'not-an-id', status: 'SUSPENDED', reason: 'x' }, { code: 'BAD_USER_INPUT', field: 'id' }],
      [XM_SAMR, { id, status: 'SUSPENDED', reason: '  ' }, { code: 'BAD_USER_INPUT', field: 'reason' }],
      [XM_SAMR, { id, status: 'SUSPENDED', reason: 'x'.repeat(501) }, { code: 'BAD_USER_INPUT', field: 'reason' }],
      [XM_SAMR, { id, status: 'EXPIRED', reason: '到期' }, { code: 'BAD_USER_INPUT', field: 'status' }],
      [XM_SAMR, { id, status: 'VALID', reason: '再次确认' }, { code: 'BAD_USER_INPUT', field: 'status' }],
      [XM_SAMR, { id: revoked, status: 'VALID', reason: '恢复' }, { code: 'BAD_USER_INPUT', field: 'status' }],
      [XM_SAMR, { id: revoked, status: 'CANCELLED', reason: '注销' }, { code: 'BAD_USER_INPUT', field: 'status' }],
      [FZ_SAMR, { id, status: 'REVOKED', reason: '不是我发的' }, { code: 'FORBIDDEN' }],
      [XM_SAMR, { id: missing, status: 'REVOKED', reason: '不存在' }, { code: 'NOT_FOUND' }],
      [CONSUMER, { id, status: 'REVOKED', reason: '无权' }, { code: 'FORBIDDEN' }],
    ];
    const before = await rowCounts();
    for (const [principal, variables, extensions] of cases) {
      const result = await executeAs(subgraph, principal, CHANGE, variables);
      expect(errorOf(result), JSON.stringify(variables)).toMatchObject(extensions);
      expect(result.data).toBeNull();
    }
    expect(await rowCounts()).toEqual(before);
    expect((await history(id)).map(([, to]) => to)).toEqual(['VALID']);
  });

  it('an expired certificate can be revoked, recorded as from EXPIRED, but not suspended or restored', async () => {
    const { id } = await issue(XM_SAMR, licence({ issuedOn: '2019-01-02', validFrom: '2019-01-02', validUntil: '2021-12-31' }));
    for (const status of ['SUSPENDED', 'VALID'] as const) {
      const refused = await executeAs(subgraph, XM_SAMR, CHANGE, { id, status, reason: '试图恢复' });
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    }
    const revoked = await executeAs(subgraph, XM_SAMR, CHANGE, { id, status: 'REVOKED', reason: '吊销' });
    expect(revoked.data?.['changeCertificateStatus']).toEqual({ id, status: 'REVOKED' });
    expect((await history(id)).at(-1)?.slice(0, 2)).toEqual(['EXPIRED', 'REVOKED']);
  });

  it('concurrent changes of one certificate are applied one after the other', async () => {
    const { id } = await issue(XM_SAMR, licence());
    const outcomes = await Promise.allSettled(
      ['REVOKED', 'WITHDRAWN', 'CANCELLED'].map((status) =>
        changeCertificateStatus(database.db, issuerOf(XM_SAMR), id, status as 'REVOKED', '并发'),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await history(id)).toHaveLength(2);
  });
});

describe('effective status', () => {
  const expiredHolder = company(40);
  let expiredId: string;
  let validId: string;
  let suspendedExpiredId: string;
  let revokedPastId: string;

  beforeAll(async () => {
    const past = { issuedOn: '2018-05-01', validFrom: '2018-05-01', validUntil: '2023-04-30', holderCode: expiredHolder };
    expiredId = (await issue(XM_SAMR, licence(past))).id;
    suspendedExpiredId = (await issue(XM_SAMR, licence(past))).id;
    revokedPastId = (await issue(XM_SAMR, licence(past))).id;
    validId = (await issue(XM_SAMR, licence({ holderCode: expiredHolder, validUntil: TODAY }))).id;
    // Suspended and revoked while still in force; the calendar has moved on since.
    await database.db.update(certificates).set({ status: 'SUSPENDED' }).where(sql`${certificates.id} = ${suspendedExpiredId}`);
    await database.db.update(certificates).set({ status: 'REVOKED' }).where(sql`${certificates.id} = ${revokedPastId}`);
  });

  const statusesIn = async (status?: string[]) => {
    const result = await executeAs(subgraph, CONSUMER, LIST, { filter: { holderCode: expiredHolder, ...(status ? { status } : {}) } });
    expect(result.errors).toBeUndefined();
    const connection = result.data?.['certificates'] as { edges: Array<{ node: { id: string; status: string } }>; totalCount: number };
    expect(connection.totalCount).toBe(connection.edges.length);
    return Object.fromEntries(connection.edges.map((edge) => [edge.node.id, edge.node.status]));
  };

  it('a VALID or SUSPENDED certificate past its validUntil answers EXPIRED; one valid until today does not; a final status stays', async () => {
    expect(await statusesIn()).toEqual({ [expiredId]: 'EXPIRED', [suspendedExpiredId]: 'EXPIRED', [revokedPastId]: 'REVOKED', [validId]: 'VALID' });
  });

  it('the status filter selects by the same effective status the answer shows', async () => {
    expect(await statusesIn(['EXPIRED'])).toEqual({ [expiredId]: 'EXPIRED', [suspendedExpiredId]: 'EXPIRED' });
    expect(await statusesIn(['VALID', 'SUSPENDED'])).toEqual({ [validId]: 'VALID' });
    expect(await statusesIn(['REVOKED'])).toEqual({ [revokedPastId]: 'REVOKED' });
    expect(await statusesIn([])).toEqual({});
  });

  it('the SQL and JavaScript forms of the effective status agree for every stored status, validUntil and schedule', async () => {
    const holderCode = company(42);
    const today = '2030-06-15';
    const schedules = [
      { pendingStatus: null, pendingEffectiveOn: null },
      { pendingStatus: 'SUSPENDED', pendingEffectiveOn: '2030-06-15' },
      { pendingStatus: 'REVOKED', pendingEffectiveOn: '2030-06-16' },
    ] as const;
    const combinations = (['VALID', 'SUSPENDED', 'REVOKED', 'WITHDRAWN', 'CANCELLED', 'SUPERSEDED'] as const).flatMap((status) =>
      [null, '2030-06-14', '2030-06-15', '2030-06-16'].flatMap((validUntil) => schedules.map((schedule) => ({ status, validUntil, ...schedule }))),
    );
    for (const combination of combinations) {
      const { id } = await issue(XM_SAMR, licence({ holderCode }));
      const supersededAt = combination.status === 'SUPERSEDED' ? new Date() : null;
      await database.db.update(certificates).set({ ...combination, supersededAt }).where(sql`${certificates.id} = ${id}`);
    }
    const rows = await database.db
      .select({
        status: certificates.status,
        validUntil: certificates.validUntil,
        pendingStatus: certificates.pendingStatus,
        pendingEffectiveOn: certificates.pendingEffectiveOn,
        effective: effectiveStatus.sql(today),
      })
      .from(certificates)
      .where(sql`${certificates.holderCode} = ${holderCode}`);
    expect(rows).toHaveLength(combinations.length);
    for (const row of rows) expect(row.effective, JSON.stringify(row)).toBe(effectiveStatus.of(row, today));
    // A schedule due today is the status already: a valid certificate suspended from today.
    const suspendedToday = rows.filter((row) => row.status === 'VALID' && row.validUntil === null && row.pendingEffectiveOn === today);
    expect(suspendedToday.map((row) => row.effective)).toEqual(['SUSPENDED']);
  });

  it('the day is China time: at 00:30 in Beijing, a certificate valid until yesterday there has expired although UTC is still on that day', async () => {
    const at = new Date('2031-06-15T16:30:00Z'); // 2031-06-16 00:30 in Beijing
    const clocked = createCertificateSubgraph({ node: NODE, db: database.db, catalog, services: { kek: TEST_KEK, province: '350000' }, now: () => at });
    const holderCode = company(41);
    const lastDay = (await issue(XM_SAMR, licence({ holderCode, validUntil: '2031-06-15' }))).id;
    const stillValid = (await issue(XM_SAMR, licence({ holderCode, validUntil: '2031-06-16' }))).id;
    const read = await executeAs(clocked, CONSUMER, LIST, { filter: { holderCode, status: ['EXPIRED'] } });
    const ids = (read.data?.['certificates'] as { edges: Array<{ node: { id: string; status: string } }> }).edges.map((e) => [e.node.id, e.node.status]);
    expect(ids).toEqual([[lastDay, 'EXPIRED']]);
    const verify = await executeAs(clocked, PUBLIC, /* GraphQL */ `query($id: ID!) { verifyCertificate(id: $id) { status } }`, { id: stillValid });
    expect(verify.data?.['verifyCertificate']).toEqual({ status: 'VALID' });
  });
});

describe('listing', () => {
  const pagedHolder = company(50);
  let expectedOrder: string[];

  beforeAll(async () => {
    const dates = ['2024-01-10', '2023-06-30', '2024-01-10', '2022-12-01', '2023-06-30'];
    const rows = [];
    for (let i = 0; i < 25; i++) {
      const issuedOn = dates[i % dates.length]!;
      // Two issuers, so ids of one day do not sort in issue order.
      rows.push(await issue(i % 2 ? FZ_SAMR : XM_SAMR, licence({ holderCode: pagedHolder, issuedOn, validFrom: issuedOn })));
    }
    expectedOrder = rows.sort(compareCertificates).map((row) => row.id);
  });

  it('pages of 7 following endCursor visit all 25 certificates exactly once, issuedOn descending then id ascending', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await executeAs(subgraph, CONSUMER, LIST, { filter: { holderCode: pagedHolder }, first: 7, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.['certificates'] as {
        edges: Array<{ cursor: string; node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
      expect(connection.totalCount).toBe(25);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      expect(connection.pageInfo.hasNextPage).toBe(seen.length < 25);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expectedOrder);
  });

  it('a page that ends exactly at the last certificate says there is no next page', async () => {
    const result = await executeAs(subgraph, CONSUMER, LIST, { filter: { holderCode: pagedHolder }, first: 25 });
    const connection = result.data?.['certificates'] as { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
    expect(connection.edges).toHaveLength(25);
    expect(connection.pageInfo.hasNextPage).toBe(false);
    const empty = await executeAs(subgraph, CONSUMER, LIST, { filter: { holderCode: pagedHolder }, first: 0 });
    expect(empty.data?.['certificates']).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 25 });
  });

  it.each([
    ['a negative first', { first: -1 }, 'first'],
    ['a first above the maximum page size', { first: 1001 }, 'first'],
    ['an after that is no cursor', { after: 'not-a-cursor' }, 'after'],
    ['an after naming an impossible date', { after: encodeCursor({ issuedOn: '2024-13-45', id: 'x' }) }, 'after'],
    ['a holderCode that is neither a resident ID nor a USCC', { filter: { holderCode: '123' } }, 'filter.holderCode'],
    ['a malformed typeCode', { filter: { typeCode: 'ABC' } }, 'filter.typeCode'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_name, variables, field) => {
    const result = await executeAs(subgraph, CONSUMER, LIST, variables);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('filters by type code', async () => {
    const result = await executeAs(subgraph, CONSUMER, LIST, { filter: { typeCode: PHYSICIAN }, first: 1000 });
    const edges = (result.data?.['certificates'] as { edges: Array<{ node: { id: string } }> }).edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((edge) => edge.node.id.includes(`.${PHYSICIAN}.`))).toBe(true);
  });

  it('a nodes filter without this node answers an empty connection without reading the database', async () => {
    database.statements.reset();
    const result = await executeAs(subgraph, CONSUMER, LIST, { filter: { nodes: ['350100'] } });
    expect(result.data?.['certificates']).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    expect(database.statements.count).toBe(0);
    const here = await executeAs(subgraph, CONSUMER, LIST, { filter: { nodes: ['350200'], holderCode: pagedHolder } });
    expect((here.data?.['certificates'] as { totalCount: number }).totalCount).toBe(25);
  });

  it('selecting only totalCount, or only edges and pageInfo, costs one statement (by holder: plus the holder\'s types and the access record of the read)', async () => {
    // A list by holder reads which types the holder has here (to count only those the caller
    // may see the holder of) and records the read of the holder.
    const byHolder = 2 + AUDIT_APPEND_STATEMENTS;
    for (const [filter, cost] of [[{ holderCode: pagedHolder }, byHolder], [{ typeCode: PHYSICIAN }, 1]] as const) {
      database.statements.reset();
      await executeAs(subgraph, CONSUMER, /* GraphQL */ `query($f: CertificateFilter) { certificates(filter: $f) { totalCount } }`, { f: filter });
      expect(database.statements.count).toBe(cost);
      database.statements.reset();
      await executeAs(
        subgraph,
        CONSUMER,
        /* GraphQL */ `query($f: CertificateFilter) { certificates(filter: $f) { edges { node { id status } } pageInfo { hasNextPage } } }`,
        { f: filter },
      );
      expect(database.statements.count).toBe(cost);
    }
  });

  it('a holder lists only its own certificates and may not name another holder', async () => {
    const own = await executeAs(subgraph, holder(pagedHolder), LIST, { first: 100 });
    expect(own.errors).toBeUndefined();
    expect((own.data?.['certificates'] as { totalCount: number }).totalCount).toBe(25);
    const other = await executeAs(subgraph, holder(pagedHolder), LIST, { filter: { holderCode: company(1) } });
    expect(errorOf(other)?.['code']).toBe('FORBIDDEN');
  });

  it('the public may not list certificates', async () => {
    const result = await executeAs(subgraph, PUBLIC, LIST, {});
    expect(errorOf(result)?.['code']).toBe('FORBIDDEN');
  });
});

describe('who sees what', () => {
  const READ = /* GraphQL */ `
    query Read($id: ID!) {
      certificate(id: $id) {
        id number status issuerName type { code } holderKind
        holderCode holderName holder { uscc } items { code name value } statusHistory { to }
        node
      }
    }
  `;
  const owner = company(60);
  let licenceId: string;
  let physicianId: string;

  beforeAll(async () => {
    licenceId = (await issue(XM_SAMR, licence({ holderCode: owner, holderName: '厦门海沧港务有限公司' }))).id;
    const items = [
      { code: 'name', value: '王芳' },
      { code: 'idNumber', value: person(7) },
      { code: 'category', value: '中医' },
    ];
    physicianId = (await issue(XM_HEALTH, physicianLicence({ holderCode: person(7), holderName: '王芳', items }))).id;
  });

  const forbiddenPaths = (result: ExecutionResult) =>
    (result.errors ?? []).filter((error) => error.extensions?.['code'] === 'FORBIDDEN').map((error) => error.path?.join('.')).sort();

  it('a holder sees its own certificate in full', async () => {
    const result = await executeAs(subgraph, holder(owner), READ, { id: licenceId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['certificate']).toMatchObject({
      holderCode: owner,
      holderName: '厦门海沧港务有限公司',
      holder: { uscc: owner },
      items: [{ code: 'name' }, { code: 'legalRepresentative' }],
    });
  });

  it('a person sees the sensitive items of its own physician licence, and has no legal entity', async () => {
    const result = await executeAs(subgraph, holder(person(7), 'PERSON'), READ, { id: physicianId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['certificate']).toMatchObject({ holder: null, items: expect.arrayContaining([{ code: 'idNumber', name: '身份证号', value: person(7) }]) });
  });

  it("another holder gets null and FORBIDDEN with the path on someone else's holder name and items", async () => {
    const query = /* GraphQL */ `query($id: ID!) { certificate(id: $id) { id holderName items { code } } }`;
    const result = await executeAs(subgraph, holder(company(61)), query, { id: licenceId });
    expect(result.data?.['certificate']).toEqual({ id: licenceId, holderName: null, items: null });
    expect(forbiddenPaths(result)).toEqual(['certificate.holderName', 'certificate.items']);
  });

  it('a consumer sees the metadata but gets FORBIDDEN on the holder identity and the items of a CONDITIONAL type without a grant', async () => {
    const result = await executeAs(subgraph, CONSUMER, READ, { id: physicianId });
    expect(result.data?.['certificate']).toMatchObject({
      id: physicianId,
      status: 'VALID',
      type: { code: PHYSICIAN },
      holderKind: 'PERSON',
      holderCode: null,
      holderName: null,
      holder: null,
      items: null,
      statusHistory: null,
    });
    expect(forbiddenPaths(result)).toEqual([
      'certificate.holder',
      'certificate.holderCode',
      'certificate.holderName',
      'certificate.items',
      'certificate.statusHistory',
    ]);
    expect(JSON.stringify(result)).not.toContain('王芳');
  });

  it('on an UNCONDITIONAL type a consumer reads the holder and every non-sensitive item', async () => {
    const result = await executeAs(subgraph, CONSUMER, READ, { id: licenceId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['certificate']).toMatchObject({ holderKind: 'ORGANIZATION', holderName: expect.any(String) });
  });

  it('another issuer is a consumer of certificates it did not issue', async () => {
    const result = await executeAs(subgraph, XM_SAMR, READ, { id: physicianId });
    expect(forbiddenPaths(result)).toContain('certificate.items');
    const own = await executeAs(subgraph, XM_HEALTH, READ, { id: physicianId });
    expect(own.errors).toBeUndefined();
  });

  it('a malformed id is BAD_USER_INPUT; an unknown one is null', async () => {
    const bad = await executeAs(subgraph, CONSUMER, READ, { id: wrongCheck(licenceId) });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const unknown = await executeAs(subgraph, CONSUMER, READ, { id: neverIssued('99999998') });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.['certificate']).toBeNull();
  });

  it('anyone, without a token, verifies a certificate and learns nothing about the holder', async () => {
    const VERIFY = /* GraphQL */ `query($id: ID!) { verifyCertificate(id: $id) { id found status signatureValid typeName issuerName checkedAt } }`;
    const result = await executeAs(subgraph, PUBLIC, VERIFY, { id: physicianId });
    expect(result.errors).toBeUndefined();
    const verification = result.data?.['verifyCertificate'] as Record<string, unknown>;
    expect(verification).toMatchObject({
      id: physicianId,
      found: true,
      status: 'VALID',
      // Sealed at issuance (seal.test.ts checks seals in depth).
      signatureValid: true,
      typeName: '医师执业证书',
      issuerName: `agency ${issuerOf(XM_HEALTH).code}`,
    });
    expect(Date.now() - Date.parse(verification['checkedAt'] as string)).toBeLessThan(60_000);
    expect(JSON.stringify(verification)).not.toMatch(/王芳|35020319900101/);
    const bad = await executeAs(subgraph, PUBLIC, VERIFY, { id: 'x' });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const read = await executeAs(subgraph, PUBLIC, /* GraphQL */ `query($id: ID!) { certificate(id: $id) { id } }`, { id: physicianId });
    expect(errorOf(read)?.['code']).toBe('FORBIDDEN');
  });
});

describe('federation', () => {
  const ENTITIES = /* GraphQL */ `
    query($r: [_Any!]!) { _entities(representations: $r) { ... on Certificate { id number items { code value } } } }
  `;
  const entityHolder = company(70);
  const otherEntity = company(71);
  let ids: string[];

  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 100; i++) ids.push((await issue(XM_SAMR, licence({ holderCode: i % 2 ? otherEntity : entityHolder }))).id);
    await changeCertificateStatus(database.db, issuerOf(XM_SAMR), ids[0]!, 'REVOKED', '吊销');
  });

  it('_service answers under default deny', async () => {
    const result = await executeAs(subgraph, CONSUMER, /* GraphQL */ `{ _service { sdl } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_service']).toMatchObject({ sdl: expect.stringContaining('type Certificate') });
  });

  it('_entities resolves Certificate references in order, null for unknown ones', async () => {
    const result = await executeAs(subgraph, XM_SAMR, ENTITIES, {
      r: [ids[2], neverIssued('99999997'), ids[1]].map((id) => ({ __typename: 'Certificate', id })),
    });
    expect(result.errors).toBeUndefined();
    const entities = result.data?.['_entities'] as Array<{ id: string } | null>;
    expect(entities.map((entity) => entity?.id ?? null)).toEqual([ids[2], null, ids[1]]);
  });

  it('LegalEntity.certificates lists an entity’s certificates at this node in list order, filtered by effective status', async () => {
    const result = await executeAs(
      subgraph,
      CONSUMER,
      /* GraphQL */ `
        query($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on LegalEntity { uscc all: certificates { id } revoked: certificates(status: [REVOKED]) { id status } }
          }
        }
      `,
      { r: [entityHolder, company(72), otherEntity].map((uscc) => ({ __typename: 'LegalEntity', uscc })) },
    );
    expect(result.errors).toBeUndefined();
    const [first, none, other] = result.data?.['_entities'] as Array<{ uscc: string; all: Array<{ id: string }>; revoked: Array<{ id: string }> }>;
    expect(first!.all.map((c) => c.id)).toEqual(ids.filter((_id, i) => i % 2 === 0).sort());
    expect(first!.revoked).toEqual([{ id: ids[0], status: 'REVOKED' }]);
    expect(none).toEqual({ uscc: company(72), all: [], revoked: [] });
    expect(other!.all).toHaveLength(50);
    expect(other!.revoked).toEqual([]);
  });

  it('an organisation holder reads its own LegalEntity.certificates but not another entity’s', async () => {
    const query = /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { uscc certificates { id } } } }`;
    const result = await executeAs(subgraph, holder(entityHolder), query, {
      r: [entityHolder, otherEntity].map((uscc) => ({ __typename: 'LegalEntity', uscc })),
    });
    const [own, other] = result.data?.['_entities'] as Array<{ certificates: unknown[] | null }>;
    expect(own!.certificates).toHaveLength(50);
    expect(other!.certificates).toBeNull();
    expect(result.errors?.map((error) => [error.extensions?.['code'], error.path?.join('.')])).toEqual([['FORBIDDEN', '_entities.1.certificates']]);
  });

  it('100 certificate references with their items cost the same number of statements as 10', async () => {
    const statementsFor = async (count: number) => {
      database.statements.reset();
      const result = await executeAs(subgraph, XM_SAMR, ENTITIES, { r: ids.slice(0, count).map((id) => ({ __typename: 'Certificate', id })) });
      expect(result.errors).toBeUndefined();
      expect((result.data?.['_entities'] as Array<{ items: unknown[] }>).every((entity) => entity.items.length === 2)).toBe(true);
      return database.statements.count;
    };
    const ten = await statementsFor(10);
    expect(await statementsFor(100)).toBe(ten);
    // Certificates and items, and the request's access records (the items are personal data).
    expect(ten).toBe(2 + AUDIT_APPEND_STATEMENTS);
  });

  it('LegalEntity.certificates for many entities costs one statement per status argument', async () => {
    database.statements.reset();
    const usccs = Array.from({ length: 30 }, (_, i) => company(100 + i)).concat(entityHolder, otherEntity);
    const result = await executeAs(
      subgraph,
      CONSUMER,
      /* GraphQL */ `
        query($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on LegalEntity { a: certificates { id } b: certificates(status: [VALID]) { id } c: certificates(status: [VALID]) { status } }
          }
        }
      `,
      { r: usccs.map((uscc) => ({ __typename: 'LegalEntity', uscc })) },
    );
    expect(result.errors).toBeUndefined();
    // Two loader statements, and the access record of the agency's reads of the holders.
    expect(database.statements.count).toBe(2 + AUDIT_APPEND_STATEMENTS);
  });
});
