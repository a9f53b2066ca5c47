import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateId, isoDate, usccCheckChar } from '../../lib/codes.js';
import type { Principal } from '../../lib/principal.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';
import { agency, executeAs, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { accessRecords } from '../audit/db/schema.js';
import { eventLog } from '../events/db/schema.js';
import type { NodeDatabase } from '../kit/db.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import { addWorkingDays, isOverdue, MAX_OPEN_PER_REPORTER, reportCertificateError, resolveCorrection } from './corrections.js';
import { correctionRequests, type CertificateRow } from './db/schema.js';
import type { IssueCertificateInput } from './generated/resolvers.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { issueCertificate, registerExternalCertificate, type Issuer } from './service.js';
import { amendCertificate } from './versions.js';

/**
 * Error reports (纠错) at one node: who may report and what, the flood limit, the issuer's and the
 * reporter's lists, the issuer's answer (a newer version that corrects the error, or why not) with
 * the holder's message, and the working days an issuer has — on a clock the tests move.
 */
const uscc = (first17: string) => first17 + usccCheckChar(first17);

const SAMR = uscc('11100000000000001');
const LICENCE = `${SAMR}001`;
const TYPES: CatalogType[] = [
  {
    code: LICENCE,
    name: '营业执照',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    issuers: ['region:350000'],
    validityYears: null,
    items: [
      { code: 'name', name: '名称', required: true, sensitive: false },
      { code: 'legalRepresentative', name: '法定代表人', required: true, sensitive: false },
      { code: 'address', name: '住所', required: false, sensitive: false },
    ],
  },
];

const ISSUER = agency(uscc('11350200000000011'), 'issuer');
const OTHER_ISSUER = agency(uscc('11350200000000029'), 'issuer');
const LIST_ISSUER = agency(uscc('11350200000000037'), 'issuer');
const CONSUMER = agency(uscc('11350100000000045'), 'consumer');
const LIST_CONSUMER = agency(uscc('11350100000000053'), 'consumer');
const ANALYST = agency(uscc('11350100000000061'), 'analyst');
const holder = (code: string): Principal => ({ kind: 'holder', code, holderKind: /^\d{17}[\dX]$/.test(code) ? 'PERSON' : 'ORGANIZATION', name: null });
const firm = (n: number) => uscc(`91350200MA${String(n).padStart(7, '0')}`);
const FIRM = firm(1);
const OTHER_FIRM = firm(2);
const LIST_FIRM = firm(3);

const issuerOf = (principal: Principal): Issuer => {
  if (principal.kind !== 'agency') throw new Error('not an agency');
  return { code: principal.code, name: principal.name ?? principal.code };
};

const NODE = testNode('350200', '厦门市');
const catalog = catalogFromList(TYPES);

/** The node's clock: every change moves it on a minute, so each one comes strictly after the one before. */
let clock = new Date('2025-04-14T01:00:00Z');
const tick = (): Date => (clock = new Date(clock.getTime() + 60_000));

let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;

beforeAll(async () => {
  database = await migratedDatabase('corrections_unit', [['certificate', migrationsFolder]]);
  subgraph = createCertificateSubgraph({ node: NODE, db: database.db, catalog, services: { kek: TEST_KEK, province: '350000' }, now: () => clock });
});
afterAll(() => database?.close());

let sequence = 0;
const licence = (holderCode: string): IssueCertificateInput => ({
  typeCode: LICENCE,
  number: `CR-${++sequence}`,
  holderKind: 'ORGANIZATION',
  holderCode,
  holderName: '厦门鹭岛科技有限公司',
  issuedOn: '2024-03-01',
  validFrom: '2024-03-01',
  validUntil: null,
  items: [
    { code: 'name', value: '厦门鹭岛科技有限公司' },
    { code: 'legalRepresentative', value: '陈明' },
    { code: 'address', value: '厦门市思明区湖滨南路1号' },
  ],
});
const issue = (holderCode = FIRM, by: Principal = ISSUER): Promise<CertificateRow> =>
  issueCertificate({ db: database.db, catalog, kek: TEST_KEK }, issuerOf(by), licence(holderCode), { at: tick() });
/** The next version of `id`, made now by its issuer: the address corrected. */
const amend = (id: string, by: Principal = ISSUER): Promise<CertificateRow> =>
  amendCertificate(
    { db: database.db, catalog, kek: TEST_KEK },
    issuerOf(by),
    id,
    { kind: 'AMEND', reason: '更正住所', items: [{ code: 'address', value: `厦门市思明区湖滨南路${++sequence}号` }] },
    { at: tick() },
  );

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportCertificateErrorInput!) {
    reportCertificateError(input: $input) {
      id node certificateId certificate { id } reporter items description status createdAt dueOn overdue
      resolution resolvedBy resolvedAt correctedVersion { id }
    }
  }
`;
const RESOLVE = /* GraphQL */ `
  mutation Resolve($id: ID!, $outcome: CorrectionStatus!, $reason: String!, $correctedVersion: ID) {
    resolveCorrection(id: $id, outcome: $outcome, reason: $reason, correctedVersion: $correctedVersion) {
      id status resolution resolvedBy resolvedAt correctedVersion { id } overdue
    }
  }
`;
const page = (field: 'correctionRequests' | 'myCorrectionRequests') => /* GraphQL */ `
  query List($status: CorrectionStatus, $first: Int, $after: String) {
    ${field}(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id certificateId reporter status dueOn overdue } }
    }
  }
`;

type Request = Record<string, unknown> & { id: string };
type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: Request }> };

const errorOf = (result: ExecutionResult) => result.errors?.[0]?.extensions;

/** Reports as `principal`, a minute after the last change. */
const report = (principal: Principal, certificateId: string, items: string[] = [], description = '住所与营业执照登记信息不一致') => {
  tick();
  return executeAs(subgraph, principal, REPORT, { input: { certificateId, items, description } });
};
/** A report that must succeed: the request made. */
async function reported(principal: Principal, certificateId: string, items: string[] = []): Promise<Request> {
  const result = await report(principal, certificateId, items);
  expect(result.errors).toBeUndefined();
  return result.data?.['reportCertificateError'] as Request;
}
const resolve = (principal: Principal, id: string, outcome: string, reason: string, correctedVersion?: string | null) => {
  tick();
  return executeAs(subgraph, principal, RESOLVE, { id, outcome, reason, correctedVersion });
};
async function list(principal: Principal, field: 'correctionRequests' | 'myCorrectionRequests', variables: Record<string, unknown> = {}): Promise<Page> {
  const result = await executeAs(subgraph, principal, page(field), variables);
  expect(result.errors).toBeUndefined();
  return result.data?.[field] as Page;
}

const requestCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(correctionRequests))[0]!.n;
const recordCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(accessRecords))[0]!.n;
const eventsAbout = (certificateId: string) =>
  database.db
    .select()
    .from(eventLog)
    .where(and(eq(eventLog.type, 'CORRECTION_RESOLVED'), eq(eventLog.certificateId, certificateId)));
const failing = async () => {
  throw new Error('the access log is unavailable');
};

describe('working days', () => {
  it('skips weekends: a Friday with 5 days is due the next Friday, a Monday the next Monday', () => {
    expect(addWorkingDays('2025-04-18', 5)).toBe('2025-04-25');
    expect(addWorkingDays('2025-04-21', 5)).toBe('2025-04-28');
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-18');
    expect(addWorkingDays('2025-04-18', 1)).toBe('2025-04-21');
  });

  it('counts a report made on a Saturday or a Sunday from the Friday before it', () => {
    expect(addWorkingDays('2025-04-19', 5)).toBe('2025-04-25');
    expect(addWorkingDays('2025-04-20', 5)).toBe('2025-04-25');
    expect(addWorkingDays('2025-04-19', 1)).toBe('2025-04-21');
  });

  it('runs across months and years', () => {
    expect(addWorkingDays('2024-12-27', 5)).toBe('2025-01-03');
    expect(addWorkingDays('2024-02-27', 3)).toBe('2024-03-01');
  });

  it('with 0 days a request is due the day it was made, a weekend day too', () => {
    expect(addWorkingDays('2025-04-18', 0)).toBe('2025-04-18');
    expect(addWorkingDays('2025-04-19', 0)).toBe('2025-04-19');
  });

  it('refuses a number of days that is negative or not whole', () => {
    expect(() => addWorkingDays('2025-04-18', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-04-18', 1.5)).toThrow(RangeError);
  });

  it('a request is overdue only while OPEN and only after its last day', () => {
    expect(isOverdue({ status: 'OPEN', dueOn: '2025-04-25' }, '2025-04-25')).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueOn: '2025-04-25' }, '2025-04-26')).toBe(true);
    expect(isOverdue({ status: 'REJECTED', dueOn: '2025-04-25' }, '2025-05-26')).toBe(false);
    expect(isOverdue({ status: 'CORRECTED', dueOn: '2025-04-25' }, '2025-05-26')).toBe(false);
  });
});

describe('reporting an error', () => {
  it('the holder reports: the request is OPEN at the certificate\'s node, due 5 working days later', async () => {
    const certificate = await issue();
    const result = await report(holder(FIRM), certificate.id, ['address', 'name'], '  住所应为湖滨南路2号\n名称少一个字  ');
    expect(result.errors).toBeUndefined();
    const request = result.data?.['reportCertificateError'] as Request;
    expect(request).toMatchObject({
      node: '350200',
      certificateId: certificate.id,
      certificate: { id: certificate.id },
      reporter: FIRM,
      items: ['address', 'name'],
      description: '住所应为湖滨南路2号\n名称少一个字',
      status: 'OPEN',
      createdAt: clock.toISOString(),
      dueOn: addWorkingDays(isoDate(clock), 5),
      overdue: false,
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
      correctedVersion: null,
    });
    expect(request.id).toMatch(/^350200-\d+$/);
  });

  it('the issuing authority and a consumer agency report too, under their own codes', async () => {
    const certificate = await issue();
    expect(await reported(ISSUER, certificate.id, ['legalRepresentative'])).toMatchObject({ reporter: issuerOf(ISSUER).code, items: ['legalRepresentative'] });
    expect(await reported(CONSUMER, certificate.id)).toMatchObject({ reporter: issuerOf(CONSUMER).code, items: [] });
  });

  it('writes the report\'s access record in its own transaction, once, about the certificate and its holder', async () => {
    const certificate = await issue();
    await reported(holder(FIRM), certificate.id);
    const records = await database.db.select().from(accessRecords).where(eq(accessRecords.certificateId, certificate.id));
    const changes = records.filter((record) => record.fields.includes('reportCertificateError'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ actor: FIRM, holderCode: FIRM });
  });

  it('another holder gets FORBIDDEN (NOT_THE_HOLDER), an agency without the consumer role FORBIDDEN (ROLE_REQUIRED)', async () => {
    const certificate = await issue();
    const before = await requestCount();
    expect(errorOf(await report(holder(OTHER_FIRM), certificate.id))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_HOLDER' });
    expect(errorOf(await report(ANALYST, certificate.id))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED', role: 'consumer' });
    // An issuer reads only its own certificates without the consumer role.
    expect(errorOf(await report(OTHER_ISSUER, certificate.id))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(await requestCount()).toBe(before);
  });

  it('a certificate this node does not keep is NOT_FOUND', async () => {
    const unknown = buildCertificateId({ typeCode: LICENCE, issuer: issuerOf(ISSUER).code, serial: '99999999', version: '001' });
    expect(errorOf(await report(holder(FIRM), unknown))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('every bad input is BAD_USER_INPUT naming its field, and nothing is written', async () => {
    const certificate = await issue();
    const wrongCheck = `${certificate.id.slice(0, -1)}${certificate.id.endsWith('0') ? '1' : '0'}`;
    const cases: Array<[string, { certificateId?: string; items?: string[]; description?: string }, string, RegExp]> = [
      ['a malformed certificate id', { certificateId: 'not-an-id' }, 'input.certificateId', /starts with 1\.2\.156\.3005\.2/],
      ['a wrong check character', { certificateId: wrongCheck }, 'input.certificateId', /check character/],
      ['an item the type does not have', { items: ['address', 'capital'] }, 'input.items[1]', /has no item "capital"/],
      ['an item given twice', { items: ['name', 'address', 'name'] }, 'input.items[2]', /more than once/],
      ['an empty description', { description: ' \n ' }, 'input.description', /must not be empty/],
      ['a description of 1,001 characters', { description: '错'.repeat(1001) }, 'input.description', /at most 1000 characters/],
      ['a control character', { description: '住所有误\u0007' }, 'input.description', /control character \(U\+0007/],
      ['a bidirectional override', { description: '住所\u202e有误' }, 'input.description', /bidirectional/],
    ];
    const requestsBefore = await requestCount();
    const recordsBefore = await recordCount();
    for (const [what, input, field, message] of cases) {
      const result = await executeAs(subgraph, holder(FIRM), REPORT, {
        input: { certificateId: certificate.id, items: [], description: '住所有误', ...input },
      });
      expect(errorOf(result), what).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message, what).toMatch(message);
      expect(result.data, what).toBeNull();
    }
    expect(await requestCount()).toBe(requestsBefore);
    expect(await recordCount()).toBe(recordsBefore);
    // Exactly 1,000 characters are fine.
    expect((await executeAs(subgraph, holder(FIRM), REPORT, { input: { certificateId: certificate.id, items: [], description: '错'.repeat(1000) } })).errors).toBeUndefined();
  });

  it('an external certificate has no catalog items to name: only a report without items', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% scan\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const external = await registerExternalCertificate({ db: database.db, kek: TEST_KEK }, issuerOf(CONSUMER), {
      typeName: '营业执照 (上海市)',
      number: 'SH-000001',
      holderKind: 'ORGANIZATION',
      holderCode: FIRM,
      holderName: '厦门鹭岛科技有限公司',
      issuerName: '上海市市场监督管理局',
      issuedOn: '2024-06-01',
      validUntil: null,
      scan: { mediaType: 'application/pdf', contentBase64: pdf.toString('base64') },
    });
    expect(errorOf(await report(holder(FIRM), external.id, ['name']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[0]' });
    expect(await reported(holder(FIRM), external.id, [])).toMatchObject({ status: 'OPEN', items: [] });
  });

  it('a report whose access record cannot be written leaves nothing behind', async () => {
    const certificate = await issue();
    const before = await requestCount();
    await expect(
      reportCertificateError({ db: database.db, catalog }, holder(FIRM), { certificateId: certificate.id, items: [], description: '住所有误' }, { recordChange: failing }),
    ).rejects.toThrow('the access log is unavailable');
    expect(await requestCount()).toBe(before);
  });
});

describe('the flood limit', () => {
  const fill = (certificateId: string, reporter: Principal, n: number) =>
    Promise.all(
      Array.from({ length: n }, () => reportCertificateError({ db: database.db, catalog }, reporter, { certificateId, items: [], description: '住所有误' }, { at: tick() })),
    );

  it(`a reporter keeps at most ${MAX_OPEN_PER_REPORTER} open requests on one certificate; answering one makes room again`, async () => {
    const certificate = await issue();
    const requests = await fill(certificate.id, holder(FIRM), MAX_OPEN_PER_REPORTER);
    const refused = await report(holder(FIRM), certificate.id);
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certificateId' });
    expect(refused.errors?.[0]?.message).toMatch(/at most 20 open error reports/);
    // Another reporter on the same certificate, and the same reporter on another certificate, are not held back.
    await reported(CONSUMER, certificate.id);
    await reported(holder(FIRM), (await issue()).id);

    const answered = await resolve(ISSUER, `350200-${requests[0]!.seq}`, 'REJECTED', '登记信息无误');
    expect(answered.errors).toBeUndefined();
    await reported(holder(FIRM), certificate.id);
    expect(errorOf(await report(holder(FIRM), certificate.id))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.certificateId' });
  });

  it('concurrent reports of one reporter on one certificate stop at exactly the limit', async () => {
    const certificate = await issue();
    const outcomes = await Promise.allSettled(
      Array.from({ length: MAX_OPEN_PER_REPORTER + 5 }, () =>
        reportCertificateError({ db: database.db, catalog }, CONSUMER, { certificateId: certificate.id, items: [], description: '住所有误' }, { at: tick() }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(MAX_OPEN_PER_REPORTER);
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(rejected.map((outcome) => (outcome.reason as { extensions?: unknown }).extensions)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.certificateId' })),
    );
  });
});

describe('the lists', () => {
  const ids = (result: Page) => result.edges.map((edge) => edge.node.id);
  const listed: string[] = [];

  beforeAll(async () => {
    const [a, b, c] = [await issue(LIST_FIRM, LIST_ISSUER), await issue(LIST_FIRM, LIST_ISSUER), await issue(LIST_FIRM, LIST_ISSUER)];
    // Oldest first; the lists answer newest first.
    for (const [principal, certificate] of [
      [holder(LIST_FIRM), a],
      [LIST_CONSUMER, c],
      [holder(LIST_FIRM), b],
      [LIST_ISSUER, a],
      [holder(LIST_FIRM), a],
    ] as const) {
      listed.unshift((await reported(principal, certificate!.id)).id);
    }
  });

  it('the issuer lists the requests about its certificates, newest first, page by page, with the total', async () => {
    const first = await list(LIST_ISSUER, 'correctionRequests', { first: 2 });
    expect(first.totalCount).toBe(5);
    expect(ids(first)).toEqual(listed.slice(0, 2));
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]!.cursor });
    const second = await list(LIST_ISSUER, 'correctionRequests', { first: 2, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(listed.slice(2, 4));
    const last = await list(LIST_ISSUER, 'correctionRequests', { first: 2, after: second.pageInfo.endCursor });
    expect(ids(last)).toEqual(listed.slice(4));
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.totalCount).toBe(5);
    // Without `first`: 50.
    expect(ids(await list(LIST_ISSUER, 'correctionRequests'))).toEqual(listed);
  });

  it('another issuer lists none of them', async () => {
    const other = await list(OTHER_ISSUER, 'correctionRequests');
    expect(other.totalCount).toBe(0);
    expect(other.edges).toEqual([]);
  });

  it('each reporter lists its own requests, page by page', async () => {
    const mine = await list(holder(LIST_FIRM), 'myCorrectionRequests', { first: 2 });
    expect(mine.totalCount).toBe(3);
    expect(mine.edges.every((edge) => edge.node.reporter === LIST_FIRM)).toBe(true);
    expect(mine.pageInfo.hasNextPage).toBe(true);
    const rest = await list(holder(LIST_FIRM), 'myCorrectionRequests', { first: 2, after: mine.pageInfo.endCursor });
    expect([...ids(mine), ...ids(rest)]).toEqual([listed[0], listed[2], listed[4]]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(ids(await list(LIST_CONSUMER, 'myCorrectionRequests'))).toEqual([listed[3]]);
    // The issuer's own report is in its list of reports made, beside its list of reports received.
    expect(ids(await list(LIST_ISSUER, 'myCorrectionRequests'))).toEqual([listed[1]]);
  });

  it('both lists filter by status', async () => {
    expect((await resolve(LIST_ISSUER, listed[2]!, 'REJECTED', '经核查登记信息无误')).errors).toBeUndefined();
    const open = await list(LIST_ISSUER, 'correctionRequests', { status: 'OPEN' });
    expect(open.totalCount).toBe(4);
    expect(ids(open)).not.toContain(listed[2]);
    const rejected = await list(LIST_ISSUER, 'correctionRequests', { status: 'REJECTED' });
    expect(ids(rejected)).toEqual([listed[2]]);
    expect(rejected.totalCount).toBe(1);
    expect((await list(holder(LIST_FIRM), 'myCorrectionRequests', { status: 'REJECTED' })).totalCount).toBe(1);
    expect((await list(holder(LIST_FIRM), 'myCorrectionRequests', { status: 'CORRECTED' })).totalCount).toBe(0);
  });

  it('a page size out of range or a foreign cursor is BAD_USER_INPUT naming the argument', async () => {
    const tooMany = await executeAs(subgraph, LIST_ISSUER, page('correctionRequests'), { first: 501 });
    expect(errorOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const garbage = await executeAs(subgraph, holder(LIST_FIRM), page('myCorrectionRequests'), { after: 'not-a-cursor' });
    expect(errorOf(garbage)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('only issuers list the requests they received', async () => {
    expect(errorOf(await executeAs(subgraph, holder(LIST_FIRM), page('correctionRequests')))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await executeAs(subgraph, LIST_CONSUMER, page('correctionRequests')))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });
});

describe('answering a report', () => {
  it('REJECTED: the answer is kept and the holder\'s inbox hears it (CORRECTION_RESOLVED)', async () => {
    const certificate = await issue();
    const request = await reported(holder(FIRM), certificate.id, ['address']);
    const result = await resolve(ISSUER, request.id, 'REJECTED', '经核查，住所与登记档案一致');
    expect(result.errors).toBeUndefined();
    expect(result.data?.['resolveCorrection']).toEqual({
      id: request.id,
      status: 'REJECTED',
      resolution: '经核查，住所与登记档案一致',
      resolvedBy: issuerOf(ISSUER).code,
      resolvedAt: clock.toISOString(),
      correctedVersion: null,
      overdue: false,
    });
    const events = await eventsAbout(certificate.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CORRECTION_RESOLVED',
      holderCode: FIRM,
      typeCode: LICENCE,
      issuerCode: issuerOf(ISSUER).code,
      status: 'REJECTED',
      actor: issuerOf(ISSUER).code,
      title: '您对营业执照的纠错申请已处理：未予更正',
    });
    expect(events[0]!.body).toContain(request.id);
    expect(events[0]!.body).toContain(certificate.number);
    expect(events[0]!.body).toContain('经核查，住所与登记档案一致');
  });

  it('CORRECTED with a newer version made after the report: the holder hears of the new version', async () => {
    const certificate = await issue();
    const request = await reported(CONSUMER, certificate.id, ['address']);
    const version = await amend(certificate.id);
    const result = await resolve(ISSUER, request.id, 'CORRECTED', '已更正住所', version.id);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['resolveCorrection']).toMatchObject({ status: 'CORRECTED', correctedVersion: { id: version.id }, resolution: '已更正住所' });
    const [event] = await eventsAbout(certificate.id);
    // A consumer reported: the holder is told about its certificate, not about a report of its own.
    expect(event).toMatchObject({ holderCode: FIRM, status: 'CORRECTED', title: '关于您的营业执照的纠错申请已处理：已更正' });
    expect(event!.body).toContain(version.id);
    const records = await database.db.select().from(accessRecords).where(eq(accessRecords.certificateId, certificate.id));
    expect(records.filter((record) => record.fields.includes('resolveCorrection'))).toHaveLength(1);
  });

  it('CORRECTED is refused for the same version, an older one, another certificate\'s, one made before the report, or none', async () => {
    const first = await issue();
    const second = await amend(first.id);
    // Reported on the superseded first version: the second was made before the report.
    const onFirst = await reported(holder(FIRM), first.id);
    const third = await amend(second.id);
    const onThird = await reported(holder(FIRM), third.id);
    const another = await amend((await issue()).id);
    const neverMade = buildCertificateId({ typeCode: LICENCE, issuer: first.issuerCode, serial: first.serial, version: '099' });
    const cases: Array<[string, string, string | null, RegExp]> = [
      ['the version reported', onThird.id, third.id, /not newer/],
      ['an older version', onThird.id, second.id, /not newer/],
      ['a version of another certificate', onThird.id, another.id, /not a version of the certificate reported/],
      ['a version made before the report', onFirst.id, second.id, /before the report/],
      ['no version at all', onFirst.id, null, /names the newer version/],
      ['a malformed id', onFirst.id, 'not-an-id', /starts with/],
      ['a version this node does not keep', onFirst.id, neverMade, /no certificate/],
    ];
    for (const [what, id, correctedVersion, message] of cases) {
      const result = await resolve(ISSUER, id, 'CORRECTED', '已更正', correctedVersion);
      expect(errorOf(result), what).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correctedVersion' });
      expect(result.errors?.[0]?.message, what).toMatch(message);
    }
    expect(await eventsAbout(first.id)).toEqual([]);
    expect(await eventsAbout(third.id)).toEqual([]);
    // The version made after the report on the first one corrects it.
    expect((await resolve(ISSUER, onFirst.id, 'CORRECTED', '已更正', third.id)).errors).toBeUndefined();
  });

  it('other bad answers are BAD_USER_INPUT naming the argument', async () => {
    const certificate = await issue();
    const request = await reported(holder(FIRM), certificate.id);
    const cases: Array<[string, string, string, string, string | null, string]> = [
      ['an id that is not one', 'report-1', 'REJECTED', '无误', null, 'id'],
      ['OPEN as the outcome', request.id, 'OPEN', '无误', null, 'outcome'],
      ['an empty reason', request.id, 'REJECTED', '   ', null, 'reason'],
      ['a reason of 1,001 characters', request.id, 'REJECTED', '误'.repeat(1001), null, 'reason'],
      ['a reason with a control character', request.id, 'REJECTED', '无误\u001b[2J', null, 'reason'],
      ['REJECTED naming a version', request.id, 'REJECTED', '无误', certificate.id, 'correctedVersion'],
    ];
    for (const [what, id, outcome, reason, correctedVersion, field] of cases) {
      expect(errorOf(await resolve(ISSUER, id, outcome, reason, correctedVersion)), what).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(errorOf(await resolve(ISSUER, '350100-1', 'REJECTED', '无误'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(await resolve(ISSUER, '350200-999999999', 'REJECTED', '无误'))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await list(holder(FIRM), 'myCorrectionRequests', { status: 'OPEN' })).edges.map((edge) => edge.node.id)).toContain(request.id);
  });

  it('only the issuing authority answers: another issuer gets FORBIDDEN (NOT_THE_ISSUER), a consumer cannot ask', async () => {
    const certificate = await issue();
    const request = await reported(holder(FIRM), certificate.id);
    expect(errorOf(await resolve(OTHER_ISSUER, request.id, 'REJECTED', '无误'))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_ISSUER' });
    expect(errorOf(await resolve(CONSUMER, request.id, 'REJECTED', '无误'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(errorOf(await resolve(holder(FIRM), request.id, 'REJECTED', '无误'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await eventsAbout(certificate.id)).toEqual([]);
  });

  it('a request is answered once: the second answer is BAD_USER_INPUT on id, and two at once cannot both win', async () => {
    const certificate = await issue();
    const request = await reported(holder(FIRM), certificate.id);
    expect((await resolve(ISSUER, request.id, 'REJECTED', '无误')).errors).toBeUndefined();
    const again = await resolve(ISSUER, request.id, 'REJECTED', '仍无误');
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(again.errors?.[0]?.message).toMatch(/answered already \(REJECTED/);

    const raced = await reported(holder(FIRM), certificate.id);
    const seq = Number(raced.id.split('-')[1]);
    const answers = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => resolveCorrection(database.db, issuerOf(ISSUER), '350200', `350200-${seq}`, { outcome: 'REJECTED', reason: `第${n}次答复` }, { at: tick() })),
    );
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    expect(await eventsAbout(certificate.id)).toHaveLength(2);
  });

  it('an answer whose access record cannot be written leaves the request OPEN and no event', async () => {
    const certificate = await issue();
    const request = await reported(holder(FIRM), certificate.id);
    await expect(
      resolveCorrection(database.db, issuerOf(ISSUER), '350200', request.id, { outcome: 'REJECTED', reason: '无误' }, { at: tick(), recordChange: failing }),
    ).rejects.toThrow('the access log is unavailable');
    const [row] = await database.db.select().from(correctionRequests).where(eq(correctionRequests.seq, Number(request.id.split('-')[1])));
    expect(row).toMatchObject({ status: 'OPEN', resolution: null, resolvedBy: null, resolvedAt: null });
    expect(await eventsAbout(certificate.id)).toEqual([]);
  });
});

describe('the working days an issuer has', () => {
  /** A subgraph of the same node whose clock the test sets, and how many working days it gives. */
  const clocked = (days?: number) => {
    const at = { now: new Date() };
    const built = createCertificateSubgraph({
      node: NODE,
      db: database.db,
      catalog,
      services: { kek: TEST_KEK, province: '350000', correctionDays: days },
      now: () => at.now,
    });
    return { at, run: (principal: Principal, query: string, variables: Record<string, unknown> = {}) => executeAs(built, principal, query, variables) };
  };
  const OVERDUE_FIRM = firm(4);
  const overdueOf = async (node: ReturnType<typeof clocked>, id: string) => {
    const result = await node.run(holder(OVERDUE_FIRM), page('myCorrectionRequests'));
    return (result.data?.['myCorrectionRequests'] as Page).edges.find((edge) => edge.node.id === id)?.node['overdue'];
  };

  it('a report made on a Friday is due the next Friday: overdue from the Saturday after, until answered', async () => {
    const certificate = await issue(OVERDUE_FIRM);
    const node = clocked();
    node.at.now = new Date('2025-04-18T02:00:00Z'); // Friday 10:00 in China
    const result = await node.run(holder(OVERDUE_FIRM), REPORT, { input: { certificateId: certificate.id, items: [], description: '住所有误' } });
    const request = result.data?.['reportCertificateError'] as Request;
    expect(request).toMatchObject({ dueOn: '2025-04-25', overdue: false });
    node.at.now = new Date('2025-04-25T15:59:59Z'); // Friday 23:59:59 in China
    expect(await overdueOf(node, request.id)).toBe(false);
    node.at.now = new Date('2025-04-25T16:00:00Z'); // Saturday 00:00 in China
    expect(await overdueOf(node, request.id)).toBe(true);
    const late = await node.run(ISSUER, RESOLVE, { id: request.id, outcome: 'REJECTED', reason: '无误' });
    expect(late.data?.['resolveCorrection']).toMatchObject({ status: 'REJECTED', overdue: false });
  });

  it('a report made on a Saturday is due the Friday after; a node configured for 1 day gives until Monday', async () => {
    const certificate = await issue(OVERDUE_FIRM);
    const node = clocked();
    node.at.now = new Date('2025-04-19T03:00:00Z'); // Saturday in China
    const onSaturday = await node.run(holder(OVERDUE_FIRM), REPORT, { input: { certificateId: certificate.id, items: [], description: '住所有误' } });
    expect(onSaturday.data?.['reportCertificateError']).toMatchObject({ dueOn: '2025-04-25' });

    const quick = clocked(1);
    quick.at.now = new Date('2025-04-18T02:00:00Z'); // Friday in China
    const onFriday = await quick.run(holder(OVERDUE_FIRM), REPORT, { input: { certificateId: certificate.id, items: [], description: '名称有误' } });
    expect(onFriday.data?.['reportCertificateError']).toMatchObject({ dueOn: '2025-04-21' });
  });
});
