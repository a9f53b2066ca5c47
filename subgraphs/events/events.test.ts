import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar, usccCheckChar } from '../../lib/codes.js';
import type { Principal } from '../../lib/principal.js';
import { agency, executeAs, migratedDatabase, type ExecutionResult } from '../../test/support/subgraph.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';
import { accessRecords } from '../audit/db/schema.js';
import { catalogFromList, type CatalogType } from '../certificate/catalog.js';
import { importCertificates } from '../certificate/conversion.js';
import { certificates } from '../certificate/db/schema.js';
import type { ImportRowInput, IssueCertificateInput } from '../certificate/generated/resolvers.js';
import { createCertificateSubgraph, migrationsFolder as certificateMigrations } from '../certificate/server.js';
import { changeCertificateStatus, issueCertificate, registerExternalCertificate, type Issuer } from '../certificate/service.js';
import type { NodeDatabase } from '../kit/db.js';
import { migrationsFolder as legalEntityMigrations } from '../legal-entity/server.js';
import { registerLegalEntity } from '../legal-entity/service.js';
import { eventLog, type EventRow } from './db/schema.js';

/**
 * The outbox and the inbox at one node (README › Events, › The holder's inbox): every change
 * appends exactly one event in its own transaction, none when it rolls back, and a holder reads
 * its messages newest first, page by page.
 */
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

const SAMR = uscc('11100000000000001');
const LICENCE = `${SAMR}001`;
const PHYSICIAN = `${SAMR}002`;
const SECRET_ITEM = '陈明的私人电话 13800001111';
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
      { code: 'phone', name: '联系电话', required: false, sensitive: true },
    ],
  },
  {
    code: PHYSICIAN,
    name: '医师执业证书',
    holderKind: 'PERSON',
    sharing: 'CONDITIONAL',
    issuers: ['region:350000'],
    validityYears: null,
    items: [
      { code: 'name', name: '姓名', required: true, sensitive: false },
      { code: 'phone', name: '联系电话', required: false, sensitive: true },
    ],
  },
];

const ISSUER = agency(uscc('11350200000000011'), 'issuer');
const OTHER_ISSUER = agency(uscc('11350200000000029'), 'issuer');
const CONSUMER = agency(uscc('11350100000000037'), 'consumer');
const REGISTRAR = uscc('11350200000000037');
const FIRM = uscc('91350200MA0000001');
const OTHER_FIRM = uscc('91350200MA0000002');
const PERSON = residentId('35020319900101001');
const holderOf = (code: string): Principal => ({ kind: 'holder', code, holderKind: code.length === 18 && /^\d{17}[\dX]$/.test(code) ? 'PERSON' : 'ORGANIZATION', name: null });

const NODE = testNode('350200', '厦门市');
const catalog = catalogFromList(TYPES);

let database: NodeDatabase;
let subgraph: ReturnType<typeof createCertificateSubgraph>;
const run = (principal: Principal, query: string, variables: Record<string, unknown> = {}) => executeAs(subgraph, principal, query, variables);

beforeAll(async () => {
  database = await migratedDatabase('events_unit', [
    ['legal-entity', legalEntityMigrations],
    ['certificate', certificateMigrations],
  ]);
  subgraph = createCertificateSubgraph({ node: NODE, db: database.db, catalog, services: { kek: TEST_KEK, province: '350000' } });
});
afterAll(() => database?.close());

const issuer = (principal: Principal): Issuer => {
  if (principal.kind !== 'agency') throw new Error('not an agency');
  return { code: principal.code, name: principal.name ?? principal.code };
};

let sequence = 0;
const licence = (holderCode = FIRM, overrides: Partial<IssueCertificateInput> = {}): IssueCertificateInput => ({
  typeCode: LICENCE,
  number: `EV-${++sequence}`,
  holderKind: 'ORGANIZATION',
  holderCode,
  holderName: '厦门鹭岛科技有限公司',
  issuedOn: '2024-03-01',
  validFrom: '2024-03-01',
  validUntil: null,
  items: [
    { code: 'name', value: '厦门鹭岛科技有限公司' },
    { code: 'phone', value: SECRET_ITEM },
  ],
  ...overrides,
});

const deps = { db: () => database.db };
const issue = (input = licence(), options: Parameters<typeof issueCertificate>[3] = {}) =>
  issueCertificate({ db: deps.db(), catalog, kek: TEST_KEK }, issuer(ISSUER), input, options);

/** The events appended after `seq`, oldest first. */
const eventsAfter = (seq: number) => database.db.select().from(eventLog).where(sql`${eventLog.seq} > ${seq}`).orderBy(asc(eventLog.seq));
const lastSeq = async () => (await database.db.select({ n: sql<number>`coalesce(max(${eventLog.seq}), 0)::int` }).from(eventLog))[0]!.n;
const errorOf = (result: ExecutionResult) => result.errors?.[0]?.extensions;
const failing = async () => {
  throw new Error('the access log is unavailable');
};

/** No column of an event holds an item value. */
const carriesNoItemValue = (event: EventRow) => expect(JSON.stringify(event)).not.toContain(SECRET_ITEM);

describe('every change appends exactly one event, in its own transaction', () => {
  it('an issuance: CERTIFICATE_ISSUED with the certificate, its type, issuer, holder and status, and the holder\'s headline', async () => {
    const before = await lastSeq();
    const row = await issue();
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CERTIFICATE_ISSUED',
      certificateId: row.id,
      typeCode: LICENCE,
      issuerCode: issuer(ISSUER).code,
      holderCode: FIRM,
      status: 'VALID',
      actor: issuer(ISSUER).code,
      title: '您的营业执照已签发',
      dispatched: false,
      readAt: null,
      deliveredAt: null,
    });
    expect(events[0]!.body).toContain(row.number);
    carriesNoItemValue(events[0]!);
  });

  it('a status change: CERTIFICATE_STATUS_CHANGED with the new status and the reason', async () => {
    const row = await issue();
    const before = await lastSeq();
    await changeCertificateStatus(database.db, issuer(ISSUER), row.id, 'REVOKED', '以欺骗手段取得许可');
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'CERTIFICATE_STATUS_CHANGED', certificateId: row.id, status: 'REVOKED', title: '您的营业执照已吊销' });
    expect(events[0]!.body).toContain('以欺骗手段取得许可');
  });

  it('a conversion batch: one CERTIFICATE_CONVERTED per stored row, written in one statement; a rerun appends none', async () => {
    const rows: ImportRowInput[] = [1, 2, 3].map((n) => {
      const { typeCode: _type, ...input } = licence(n === 3 ? OTHER_FIRM : FIRM);
      return { line: n + 1, ...input };
    });
    const convert = () => importCertificates({ db: database.db, catalog, kek: TEST_KEK }, issuer(ISSUER), LICENCE, rows);
    const before = await lastSeq();
    database.statements.reset();
    database.statements.keepLog = true;
    expect(await convert()).toMatchObject({ imported: 3 });
    const eventStatements = database.statements.log.filter((statement) => statement.includes('"events"."events"'));
    database.statements.keepLog = false;
    expect(eventStatements).toHaveLength(1);
    const events = await eventsAfter(before);
    expect(events.map((event) => [event.type, event.holderCode, event.title])).toEqual([
      ['CERTIFICATE_CONVERTED', FIRM, '您的营业执照已完成电子化'],
      ['CERTIFICATE_CONVERTED', FIRM, '您的营业执照已完成电子化'],
      ['CERTIFICATE_CONVERTED', OTHER_FIRM, '您的营业执照已完成电子化'],
    ]);
    events.forEach(carriesNoItemValue);
    expect(await convert()).toMatchObject({ imported: 0, skipped: 3 });
    expect(await eventsAfter(before)).toHaveLength(3);
  });

  it('an external registration: CERTIFICATE_EXTERNAL_REGISTERED', async () => {
    const before = await lastSeq();
    const pdf = Buffer.from('%PDF-1.7\n% scan\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const row = await registerExternalCertificate({ db: database.db, kek: TEST_KEK }, issuer(CONSUMER), {
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
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'CERTIFICATE_EXTERNAL_REGISTERED', certificateId: row.id, holderCode: FIRM, title: '您的营业执照 (上海市)已登记为外来证照' });
  });

  it('a legal entity registered, changed, and changed in status: one LEGAL_ENTITY_CHANGED each, in the entity\'s own inbox', async () => {
    const entity = uscc('91350200MA0000099');
    const before = await lastSeq();
    const base = { uscc: entity, name: '厦门白鹭咨询有限公司', legalRepresentative: '王芳', address: '厦门市思明区湖滨南路1号', establishedOn: '2020-01-01' };
    await registerLegalEntity(database.db, REGISTRAR, base);
    await registerLegalEntity(database.db, REGISTRAR, { uscc: entity, address: '厦门市思明区湖滨南路2号' });
    await registerLegalEntity(database.db, REGISTRAR, { uscc: entity, status: 'REVOKED' });
    const events = await eventsAfter(before);
    expect(events.map((event) => [event.type, event.holderCode, event.status, event.actor])).toEqual([
      ['LEGAL_ENTITY_CHANGED', entity, 'ACTIVE', REGISTRAR],
      ['LEGAL_ENTITY_CHANGED', entity, 'ACTIVE', REGISTRAR],
      ['LEGAL_ENTITY_CHANGED', entity, 'REVOKED', REGISTRAR],
    ]);
    expect(events.map((event) => event.title)).toEqual(['厦门白鹭咨询有限公司已完成设立登记', '厦门白鹭咨询有限公司的登记信息已变更', '厦门白鹭咨询有限公司登记状态变更为吊销营业执照']);
  });

  it('a notice: NOTICE from its sender, with the access record that the agency wrote to the holder', async () => {
    const before = await lastSeq();
    const result = await run(ISSUER, `mutation($input: SendNoticeInput!) { sendNotice(input: $input) { id type title body readAt certificate { id } } }`, {
      input: { holderCode: PERSON, title: '请于5月31日前提交年度报告', body: '您好：\n请登录政务服务网提交2024年度报告。' },
    });
    expect(result.errors).toBeUndefined();
    const events = await eventsAfter(before);
    expect(events).toHaveLength(1);
    expect(result.data?.['sendNotice']).toEqual({
      id: `350200-${events[0]!.seq}`,
      type: 'NOTICE',
      title: '请于5月31日前提交年度报告',
      body: '您好：\n请登录政务服务网提交2024年度报告。',
      readAt: null,
      certificate: null,
    });
    expect(events[0]).toMatchObject({ type: 'NOTICE', holderCode: PERSON, actor: issuer(ISSUER).code, certificateId: null });
    const records = await database.db.select().from(accessRecords).where(eq(accessRecords.holderCode, PERSON));
    expect(records.map((record) => [record.actor, record.fields])).toContainEqual([issuer(ISSUER).code, ['sendNotice']]);
  });

  it('a change that rolls back leaves no event: issuance, status change and conversion whose access record fails', async () => {
    const kept = await issue();
    const before = await lastSeq();
    const [{ n: certificatesBefore }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(certificates)) as [{ n: number }];
    await expect(issue(licence(), { recordChange: failing })).rejects.toThrow('the access log is unavailable');
    await expect(changeCertificateStatus(database.db, issuer(ISSUER), kept.id, 'SUSPENDED', '整改', { recordChange: failing })).rejects.toThrow();
    const { typeCode: _type, ...row } = licence();
    await expect(
      importCertificates({ db: database.db, catalog, kek: TEST_KEK }, issuer(ISSUER), LICENCE, [{ line: 2, ...row }], { recordChanges: failing }),
    ).rejects.toThrow();
    expect(await eventsAfter(before)).toEqual([]);
    const [{ n: certificatesAfter }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(certificates)) as [{ n: number }];
    expect(certificatesAfter).toBe(certificatesBefore);
    expect((await database.db.select().from(certificates).where(eq(certificates.id, kept.id)))[0]!.status).toBe('VALID');
  });

  it('a refused change appends nothing', async () => {
    const row = await issue();
    await changeCertificateStatus(database.db, issuer(ISSUER), row.id, 'CANCELLED', '申请注销');
    const before = await lastSeq();
    await expect(changeCertificateStatus(database.db, issuer(ISSUER), row.id, 'VALID', '恢复')).rejects.toThrow();
    await expect(changeCertificateStatus(database.db, issuer(OTHER_ISSUER), row.id, 'REVOKED', '吊销')).rejects.toThrow();
    await expect(issue(licence(FIRM, { number: row.number }))).rejects.toThrow('already been issued');
    expect(await eventsAfter(before)).toEqual([]);
  });
});

const INBOX = /* GraphQL */ `
  query Inbox($first: Int, $after: String, $unreadOnly: Boolean) {
    inbox(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id at type title body readAt node certificate { id number holderCode items { code value } } } }
    }
  }
`;

interface InboxAnswer {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; at: string; type: string; title: string; readAt: string | null; certificate: { id: string } | null } }>;
}

async function inbox(principal: Principal, variables: Record<string, unknown> = {}): Promise<InboxAnswer> {
  const result = await run(principal, INBOX, variables);
  expect(result.errors).toBeUndefined();
  return result.data!['inbox'] as InboxAnswer;
}

describe("the holder's inbox", () => {
  const reader = residentId('35020319850505002');
  const readerPrincipal = holderOf(reader);
  const ids: string[] = [];

  beforeAll(async () => {
    // Seven messages at distinct instants, a notice among them, and one for another holder.
    for (let n = 0; n < 6; n++) {
      const row = await issue(
        { ...licence(reader), typeCode: PHYSICIAN, holderKind: 'PERSON', holderName: '林晓' },
        { at: new Date(Date.UTC(2025, 0, 1 + n)) },
      );
      ids.push(row.id);
    }
    await run(ISSUER, `mutation($input: SendNoticeInput!) { sendNotice(input: $input) { id } }`, {
      input: { holderCode: reader, title: '办理提醒', body: '请携带身份证原件。' },
    });
    await issue(licence(OTHER_FIRM));
  });

  it('answers the holder\'s own messages newest first, each with its certificate read as the holder reads it', async () => {
    const page = await inbox(readerPrincipal, { first: 100 });
    expect(page.totalCount).toBe(7);
    expect(page.edges[0]!.node).toMatchObject({ type: 'NOTICE', title: '办理提醒', certificate: null, node: '350200' });
    expect(page.edges.slice(1).map((edge) => edge.node.certificate!.id)).toEqual([...ids].reverse());
    expect(page.edges[1]!.node.certificate).toMatchObject({ holderCode: reader, items: [{ code: 'name' }, { code: 'phone', value: SECRET_ITEM }] });
    const instants = page.edges.map((edge) => edge.node.at);
    expect([...instants].sort().reverse()).toEqual(instants);
  });

  it('pages exactly: every message once, in order, whatever the page size', async () => {
    const all = (await inbox(readerPrincipal, { first: 100 })).edges.map((edge) => edge.node.id);
    for (const size of [1, 2, 3]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: InboxAnswer = await inbox(readerPrincipal, { first: size, after });
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
    }
  });

  it('marks what it answers delivered, which the issuer sees on the certificate; markRead counts only what changed', async () => {
    const delivery = `query($id: ID!) { certificate(id: $id) { delivery { deliveredAt readAt } } }`;
    const other = await issue({ ...licence(reader), typeCode: PHYSICIAN, holderKind: 'PERSON', holderName: '林晓' }, { at: new Date(Date.UTC(2024, 5, 1)) });
    const before = await run(ISSUER, delivery, { id: other.id });
    expect(before.data).toEqual({ certificate: { delivery: { deliveredAt: null, readAt: null } } });

    const page = await inbox(readerPrincipal, { first: 100 });
    const message = page.edges.find((edge) => edge.node.certificate?.id === other.id)!.node;
    const fetched = await run(ISSUER, delivery, { id: other.id });
    expect((fetched.data!['certificate'] as { delivery: { deliveredAt: string | null } }).delivery.deliveredAt).not.toBeNull();

    const mark = `mutation($ids: [ID!]!) { markRead(ids: $ids) }`;
    const someoneElses = (await inbox(holderOf(OTHER_FIRM), { first: 1 })).edges[0]!.node.id;
    expect((await run(readerPrincipal, mark, { ids: [message.id, someoneElses, '350100-1'] })).data).toEqual({ markRead: 1 });
    expect((await run(readerPrincipal, mark, { ids: [message.id] })).data).toEqual({ markRead: 0 });
    expect((await inbox(holderOf(OTHER_FIRM), { first: 1 })).edges[0]!.node.readAt).toBeNull();
    const read = await run(readerPrincipal, delivery, { id: other.id });
    expect((read.data!['certificate'] as { delivery: { readAt: string | null } }).delivery.readAt).not.toBeNull();

    const unread = await inbox(readerPrincipal, { first: 100, unreadOnly: true });
    expect(unread.totalCount).toBe(page.totalCount - 1);
    expect(unread.edges.map((edge) => edge.node.id)).not.toContain(message.id);
  });

  it('shows delivery to the issuer and the holder only', async () => {
    const row = await issue(licence(FIRM));
    const delivery = `query($id: ID!) { certificate(id: $id) { delivery { deliveredAt } } }`;
    expect((await run(holderOf(FIRM), delivery, { id: row.id })).errors).toBeUndefined();
    for (const outsider of [CONSUMER, OTHER_ISSUER]) {
      const refused = await run(outsider, delivery, { id: row.id });
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses agencies and bad arguments: FORBIDDEN, or BAD_USER_INPUT naming the argument', async () => {
    expect(errorOf(await run(CONSUMER, INBOX))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await run(readerPrincipal, INBOX, { first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await run(readerPrincipal, INBOX, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorOf(await run(readerPrincipal, `mutation { markRead(ids: ["350200-1", "x"]) }`))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[1]' });
    expect(errorOf(await run(CONSUMER, `mutation { markRead(ids: ["350200-1"]) }`))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('checks a notice: holder code, title and body, each problem naming its field, and nothing is written', async () => {
    const send = `mutation($input: SendNoticeInput!) { sendNotice(input: $input) { id } }`;
    const good = { holderCode: PERSON, title: '提醒', body: '正文' };
    const before = await lastSeq();
    const cases: Array<[Record<string, string>, string]> = [
      [{ holderCode: `${PERSON.slice(0, -1)}${PERSON.endsWith('0') ? '1' : '0'}` }, 'input.holderCode'],
      [{ title: '题'.repeat(101) }, 'input.title'],
      [{ title: '  ' }, 'input.title'],
      [{ title: '一行\n两行' }, 'input.title'],
      [{ title: 'abc\u202Edef' }, 'input.title'],
      [{ body: '字'.repeat(2001) }, 'input.body'],
      [{ body: '正文\u0007' }, 'input.body'],
    ];
    for (const [change, field] of cases) {
      expect(errorOf(await run(ISSUER, send, { input: { ...good, ...change } }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(errorOf(await run(CONSUMER, send, { input: good }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await eventsAfter(before)).toEqual([]);
  });
});
