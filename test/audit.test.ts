import { asc, desc, eq } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRecords, type AccessRecordRow } from '../subgraphs/audit/db/schema.js';
import { GENESIS_HASH } from '../subgraphs/audit/log.js';
import { chainHead } from '../subgraphs/audit/verify.js';
import { hmacHex, loadOrCreateKeyRing } from '../subgraphs/kit/secret-keys.js';
import { AGENCY, company, DEFINE_TYPE, ISSUE, MINISTRY, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

/** An UNCONDITIONAL type with one sensitive item, kept at the province node. */
const TRANSPORT_PERMIT = {
  code: `${MINISTRY}009`,
  name: '道路运输经营许可证',
  definingAuthority: '交通运输部',
  holderKind: 'ORGANIZATION',
  sharing: 'UNCONDITIONAL',
  issuers: ['region:350000'],
  validityYears: null,
  items: [
    { code: 'name', name: '业户名称', required: true },
    { code: 'scope', name: '经营范围', required: true },
    { code: 'operatorPhone', name: '经营者联系电话', required: true, sensitive: true },
  ],
};
const ENTITY = { uscc: uscc('91', '350104', 6001), name: '福州仓山闽运物流有限公司' };
const OTHER_HOLDER = uscc('91', '350203', 6002);
const AUDITOR = { sub: uscc('11', '350000', 8010), kind: 'agency' as const, roles: ['auditor' as const], name: '福建省审计厅' };
const PURPOSE = '道路运输证年审 (matter 350100-YS-0007)';
/** Fuzhou's issuer issues at node 350100, and the entity registered there too. */
const CERTIFICATE_NODE = '350100';

let hub: TestHub;
let consumer: Client;
let issuer: Client;
let holder: Client;
let otherHolder: Client;
let auditor: Client;
let certificateId: string;

const READ = /* GraphQL */ `
  query Read($id: ID!) { certificate(id: $id) { id status holderName holderCode items { code value } } }
`;
const ACCESS_LOG = /* GraphQL */ `
  query Log($holderCode: String, $certificateId: ID, $first: Int) {
    accessLog(holderCode: $holderCode, certificateId: $certificateId, first: $first) { at agency purpose certificateId holderCode fields node }
  }
`;
const AUDIT_CHAIN = /* GraphQL */ `{ auditChain { node records intact firstBrokenSeq reason } }`;

const headers = (label: string) => ({ 'x-purpose': encodeURIComponent(PURPOSE), 'x-request-id': label });
/**
 * The gateway's own request id of each request sent with an X-Request-Id label: access records
 * carry the gateway's id, never one a client chose.
 */
const requestIds = new Map<string, string>();
/** `client`, remembering the gateway's request id of every labelled request it sends. */
const remembering =
  (client: Client): Client =>
  async (query, variables, sent) => {
    const answer = await client(query, variables, sent);
    const label = sent?.['x-request-id'];
    if (label !== undefined) requestIds.set(label, answer.requestId!);
    return answer;
  };
const codesOf = (answer: GraphQLAnswer) => (answer.errors ?? []).map((error) => error.extensions?.['code']);
const databaseOf = (code: string) => hub.nodes.find((node) => node.code === code)!.database;

/** Every node's records of the request sent with this X-Request-Id label, with the node that keeps them. */
async function recordsOf(label: string): Promise<AccessRecordRow[]> {
  const requestId = requestIds.get(label);
  if (requestId === undefined) throw new Error(`no request was sent labelled ${label}`);
  const perNode = await Promise.all(
    hub.nodes.map((node) => node.database.db.select().from(accessRecords).where(eq(accessRecords.requestId, requestId)).orderBy(asc(accessRecords.seq))),
  );
  return perNode.flat();
}

/** Runs `npm run audit:verify` against the hub, as a child process (the hub keeps answering meanwhile). */
function auditVerify(token: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/audit-verify.ts', '--hub', hub.url, '--token', token],
      { cwd: new URL('..', import.meta.url).pathname },
      (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

beforeAll(async () => {
  hub = await startTestHub('audit');
  const steward = await hub.as(AGENCY.steward);
  consumer = remembering(await hub.as(AGENCY.consumer));
  issuer = remembering(await hub.as(AGENCY.fuzhouIssuer));
  holder = await hub.as({ sub: ENTITY.uscc, kind: 'holder' });
  otherHolder = await hub.as({ sub: OTHER_HOLDER, kind: 'holder' });
  auditor = await hub.as(AUDITOR);
  expect((await steward(DEFINE_TYPE, { input: TRANSPORT_PERMIT })).errors).toBeUndefined();
  expect((await issuer(REGISTER_ENTITY, { input: company(ENTITY.uscc, ENTITY.name) })).errors).toBeUndefined();
  const issued = await issuer(
    ISSUE,
    {
      input: {
        typeCode: TRANSPORT_PERMIT.code,
        number: '闽交运管许可榕字350104006001号',
        holderKind: 'ORGANIZATION',
        holderCode: ENTITY.uscc,
        holderName: ENTITY.name,
        issuedOn: '2024-04-01',
        validFrom: '2024-04-01',
        items: [
          { code: 'name', value: ENTITY.name },
          { code: 'scope', value: '道路普通货物运输' },
          { code: 'operatorPhone', value: '0591-8765432' },
        ],
      },
    },
    { 'x-request-id': 'audit-issue' },
  );
  expect(issued.errors).toBeUndefined();
  certificateId = issued.data!['issueCertificate'].id;
}, 120_000);

afterAll(() => hub?.stop());

describe('what is recorded', () => {
  it("an issuance is recorded as a change at the certificate's node", async () => {
    const records = await recordsOf('audit-issue');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      node: CERTIFICATE_NODE,
      actor: AGENCY.fuzhouIssuer.sub,
      actorKind: 'agency',
      certificateId,
      holderCode: ENTITY.uscc,
      fields: ['issueCertificate'],
    });
  });

  it("a consumer's read of a holder's certificate writes ONE record at the certificate's node, with the fields returned and the purpose from X-Purpose", async () => {
    const answer = await consumer(READ, { id: certificateId }, headers('audit-consumer-read'));
    expect(answer.data!['certificate']).toMatchObject({ holderName: ENTITY.name, holderCode: ENTITY.uscc });
    const records = await recordsOf('audit-consumer-read');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      node: CERTIFICATE_NODE,
      actor: AGENCY.consumer.sub,
      actorKind: 'agency',
      purpose: PURPOSE,
      certificateId,
      holderCode: ENTITY.uscc,
      fields: ['holderCode', 'holderName', 'items.name', 'items.scope'],
    });
  });

  it('a field the rules withhold is not recorded; the issuer, who reads it, is recorded reading it', async () => {
    const withheld = await consumer(READ, { id: certificateId }, headers('audit-withheld'));
    const items = withheld.data!['certificate'].items as Array<{ code: string; value: string | null }>;
    expect(items.find((item) => item.code === 'operatorPhone')?.value).toBeNull();
    expect(codesOf(withheld)).toEqual(['FORBIDDEN']);
    expect((await recordsOf('audit-withheld'))[0]!.fields).not.toContain('items.operatorPhone');

    await issuer(READ, { id: certificateId }, headers('audit-issuer-read'));
    expect((await recordsOf('audit-issuer-read'))[0]!.fields).toContain('items.operatorPhone');
  });

  it('a read sent with X-Case-Number writes its record with that case number (办件号), and the access log shows it', async () => {
    const CASE_NUMBER = '2026-FZ-000123';
    const answer = await consumer(READ, { id: certificateId }, { ...headers('audit-case-number'), 'x-case-number': CASE_NUMBER });
    expect(answer.status).toBe(200);
    expect(answer.data!['certificate']).toMatchObject({ holderName: ENTITY.name });
    const [record] = await recordsOf('audit-case-number');
    expect(record).toMatchObject({ node: CERTIFICATE_NODE, certificateId, purpose: PURPOSE, caseNumber: CASE_NUMBER, consentId: null });
    // Percent-encoded like X-Purpose, and kept decoded; without the header, none.
    const chinese = '闽榕审批〔2026〕123号';
    await consumer(READ, { id: certificateId }, { ...headers('audit-case-number-encoded'), 'x-case-number': encodeURIComponent(chinese) });
    expect((await recordsOf('audit-case-number-encoded'))[0]).toMatchObject({ caseNumber: chinese });
    expect((await recordsOf('audit-consumer-read'))[0]).toMatchObject({ caseNumber: null, consentId: null });

    const log = await holder(`query($id: ID!) { accessLog(certificateId: $id, first: 500) { agency purpose caseNumber consentId } }`, { id: certificateId });
    expect(log.errors).toBeUndefined();
    const records = log.data!['accessLog'] as Array<{ caseNumber: string | null }>;
    expect(records).toContainEqual({ agency: AGENCY.consumer.sub, purpose: PURPOSE, caseNumber: CASE_NUMBER, consentId: null });
    expect(records).toContainEqual({ agency: AGENCY.consumer.sub, purpose: PURPOSE, caseNumber: chinese, consentId: null });
    expect(records.filter((entry) => entry.caseNumber === null).length).toBeGreaterThan(0);
  });

  it('a read of metadata only leaves no record', async () => {
    await consumer(`query($id: ID!) { certificate(id: $id) { id status issuerName validFrom } }`, { id: certificateId }, headers('audit-metadata'));
    expect(await recordsOf('audit-metadata')).toEqual([]);
  });
});

describe('accessLog', () => {
  it('the holder reads the records about itself, newest first, with who read what and why', async () => {
    const answer = await holder(ACCESS_LOG, {});
    expect(answer.errors).toBeUndefined();
    const records = answer.data!['accessLog'] as Array<Record<string, unknown>>;
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records.every((record) => record['holderCode'] === ENTITY.uscc)).toBe(true);
    const ats = records.map((record) => String(record['at']));
    expect(ats).toEqual([...ats].sort().reverse());
    expect(records).toContainEqual({
      at: expect.any(String),
      agency: AGENCY.consumer.sub,
      purpose: PURPOSE,
      certificateId,
      holderCode: ENTITY.uscc,
      fields: ['holderCode', 'holderName', 'items.name', 'items.scope'],
      node: CERTIFICATE_NODE,
    });
    // The registration is a change about the entity, recorded by the legal-entity subgraph.
    expect(records.some((record) => (record['fields'] as string[]).includes('registerLegalEntity'))).toBe(true);
  });

  it("another holder is FORBIDDEN to read the holder's records, and finds none about itself", async () => {
    const refused = await otherHolder(ACCESS_LOG, { holderCode: ENTITY.uscc });
    expect(refused.data ?? null).toBeNull();
    expect(codesOf(refused)).toContain('FORBIDDEN');
    const own = await otherHolder(ACCESS_LOG, {});
    expect(own.data!['accessLog']).toEqual([]);
  });

  it('an agency that is not an auditor is FORBIDDEN', async () => {
    const refused = await consumer(ACCESS_LOG, { holderCode: ENTITY.uscc });
    expect(codesOf(refused)).toContain('FORBIDDEN');
  });

  it("an auditor reads every node's records, newest first across nodes, and `first` keeps the newest", async () => {
    const answer = await auditor(ACCESS_LOG, {});
    expect(answer.errors).toBeUndefined();
    const records = answer.data!['accessLog'] as Array<{ at: string; node: string; fields: string[] }>;
    // The type's definition is a change kept at the province node; the rest at Fuzhou's.
    expect(new Set(records.map((record) => record.node))).toEqual(new Set(['350000', CERTIFICATE_NODE]));
    expect(records.find((record) => record.node === '350000')?.fields).toEqual(['defineCertificateType']);
    const ats = records.map((record) => record.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const two = await auditor(ACCESS_LOG, { first: 2 });
    expect(two.data!['accessLog']).toEqual(records.slice(0, 2));
    const ofCertificate = await auditor(ACCESS_LOG, { certificateId });
    expect((ofCertificate.data!['accessLog'] as Array<{ certificateId: string }>).every((record) => record.certificateId === certificateId)).toBe(true);
  });

  it('bad arguments are BAD_USER_INPUT naming the argument', async () => {
    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 501 }, 'first'],
      [{ holderCode: 'nobody' }, 'holderCode'],
      [{ certificateId: '1.2.156.3005.2.nothing' }, 'certificateId'],
    ] as const) {
      const answer = await auditor(ACCESS_LOG, variables);
      expect(answer.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe("the holder's log, page by page and in words", () => {
  const PAGE = /* GraphQL */ `
    query Page($first: Int, $after: String) {
      accessLog(first: $first, after: $after) { at agency agencyName purpose certificateId certificateTypeName fields node seq cursor }
    }
  `;
  interface Entry {
    at: string;
    agency: string;
    agencyName: string | null;
    certificateId: string | null;
    certificateTypeName: string | null;
    fields: string[];
    node: string;
    seq: number;
    cursor: string;
  }
  /** The hub's order of access records: at descending, then node code ascending, then seq descending. */
  const hubOrder = (a: Entry, b: Entry) => (a.at !== b.at ? (a.at > b.at ? -1 : 1) : a.node !== b.node ? (a.node < b.node ? -1 : 1) : b.seq - a.seq);
  const LIST = /* GraphQL */ `
    query($holder: String!) { certificates(filter: { holderCode: $holder }, first: 10) { edges { node { id holderName items { code value } } } } }
  `;
  /** The holder's records as every node's database keeps them. */
  const stored = async () =>
    (await Promise.all(hub.nodes.map((node) => node.database.db.select().from(accessRecords).where(eq(accessRecords.holderCode, ENTITY.uscc))))).flat();

  /**
   * Two records about the holder at each node as the log wrote them before names were recorded
   * (no actor_name; keyed hash over the eleven-element form, computed here), all at one instant:
   * records of three nodes share it, and it lies before the nodes' newest records, as after a
   * clock set back.
   */
  async function writeUnnamedAt(at: Date): Promise<void> {
    for (const { code, database } of hub.nodes) {
      const key = (await loadOrCreateKeyRing(hub.keysDir, `node-${code}-audit`)).current;
      for (const n of [1, 2]) {
        const prevHash = (await chainHead(database.db, code))?.hash ?? GENESIS_HASH;
        const row = {
          at,
          actor: AGENCY.consumer.sub,
          actorKind: 'agency' as const,
          purpose: PURPOSE,
          certificateId: null,
          holderCode: ENTITY.uscc,
          fields: ['holderName'],
          requestId: `before-names-${code}-${n}`,
          node: code,
          clientRequestId: null,
          detail: null,
        };
        const canonical = JSON.stringify([
          row.at.toISOString(), row.actor, row.actorKind, row.purpose, row.certificateId, row.holderCode, row.fields, row.requestId, row.node,
          row.clientRequestId, row.detail,
        ]);
        await database.db.insert(accessRecords).values({ ...row, prevHash, hash: hmacHex(key, prevHash, canonical), keyId: key.id });
      }
    }
  }

  beforeAll(async () => {
    // The holder's certificates at the two other nodes: the province's and Xiamen's issuers keep theirs there.
    for (const [client, number] of [
      [remembering(await hub.as(AGENCY.provinceIssuer)), '闽交运管许可字350000006001号'],
      [remembering(await hub.as(AGENCY.xiamenIssuer)), '闽交运管许可厦字350200006001号'],
    ] as const) {
      const issued = await client(ISSUE, {
        input: {
          typeCode: TRANSPORT_PERMIT.code,
          number,
          holderKind: 'ORGANIZATION',
          holderCode: ENTITY.uscc,
          holderName: ENTITY.name,
          issuedOn: '2024-05-01',
          validFrom: '2024-05-01',
          items: [
            { code: 'name', value: ENTITY.name },
            { code: 'scope', value: '道路普通货物运输' },
            { code: 'operatorPhone', value: '0591-8765432' },
          ],
        },
      });
      expect(issued.errors).toBeUndefined();
    }
    const [first] = (await consumer(LIST, { holder: ENTITY.uscc }, headers('audit-list-1'))).data!['certificates'].edges;
    expect(first).toBeDefined();
    await writeUnnamedAt((await recordsOf('audit-list-1'))[0]!.at);
    await consumer(LIST, { holder: ENTITY.uscc }, headers('audit-list-2'));
    await holder(LIST, { holder: ENTITY.uscc });
  }, 60_000);

  it('the holder pages through its records of the three nodes, newest first, each once, as one read with a large `first` gives them', async () => {
    const all = (await holder(PAGE, { first: 500 })).data!['accessLog'] as Entry[];
    expect(new Set(all.map((record) => record.node))).toEqual(new Set(['350000', '350100', '350200']));
    expect(all).toHaveLength((await stored()).length);
    expect(all.map((record) => record.cursor)).toEqual([...all].sort(hubOrder).map((record) => record.cursor));
    // Records of different nodes share an instant (written so above), and the order still holds.
    expect(all.some((record, i) => i > 0 && all[i - 1]!.at === record.at && all[i - 1]!.node !== record.node)).toBe(true);

    const read: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const answer = await holder(PAGE, { first: 4, after });
      expect(answer.errors).toBeUndefined();
      const page = answer.data!['accessLog'] as Entry[];
      pages++;
      read.push(...page);
      if (page.length < 4) break;
      after = page.at(-1)!.cursor;
    }
    expect(pages).toBeGreaterThan(2);
    expect(read).toEqual(all);
    expect(new Set(read.map((record) => `${record.node}#${record.seq}`)).size).toBe(read.length);
  });

  it("a record names the reading agency and the certificate's type; one from before names were recorded has no agency name", async () => {
    const all = (await holder(PAGE, { first: 500 })).data!['accessLog'] as Entry[];
    expect(all).toContainEqual(
      expect.objectContaining({
        agency: AGENCY.consumer.sub,
        agencyName: AGENCY.consumer.name,
        certificateId,
        certificateTypeName: TRANSPORT_PERMIT.name,
        node: CERTIFICATE_NODE,
      }),
    );
    // The registration is about the entity, not a certificate.
    expect(all.find((record) => record.fields.includes('registerLegalEntity'))).toMatchObject({ agencyName: AGENCY.fuzhouIssuer.name, certificateTypeName: null });
    const unnamed = all.filter((record) => record.agency === AGENCY.consumer.sub && record.agencyName === null);
    expect(unnamed).toHaveLength(6);
  });

  it('a malformed `after` is BAD_USER_INPUT naming after', async () => {
    const certificateCursor = Buffer.from(JSON.stringify(['2024-04-01', certificateId])).toString('base64url');
    for (const after of ['nonsense', certificateCursor]) {
      const answer = await holder(PAGE, { first: 5, after });
      expect(answer.errors?.[0]?.extensions, after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('every chain still verifies: the records from before names were recorded and the named ones after them', async () => {
    const statuses = (await auditor(AUDIT_CHAIN)).data!['auditChain'] as Array<{ node: string; intact: boolean }>;
    expect(statuses).toEqual([0, 1, 2].map(() => expect.objectContaining({ intact: true })));
  });
});

describe('auditChain', () => {
  it('reports every node intact through the gateway; after a row is tampered with, names that node and record', async () => {
    const intact = await auditor(AUDIT_CHAIN);
    expect(intact.errors).toBeUndefined();
    const statuses = intact.data!['auditChain'] as Array<{ node: string; records: number; intact: boolean }>;
    expect(statuses.map((status) => status.node)).toEqual(['350000', '350100', '350200']);
    expect(statuses.every((status) => status.intact)).toBe(true);
    expect(statuses.find((status) => status.node === CERTIFICATE_NODE)!.records).toBeGreaterThanOrEqual(5);
    expect(await auditVerify(await hub.token(AUDITOR))).toMatchObject({ code: 0 });

    // Someone with database access hides the consumer's read of the certificate's items.
    const { db } = databaseOf(CERTIFICATE_NODE);
    const [read] = await recordsOf('audit-consumer-read');
    await db.update(accessRecords).set({ fields: ['holderName'] }).where(eq(accessRecords.seq, read!.seq));
    try {
      const broken = await auditor(AUDIT_CHAIN);
      expect(broken.data!['auditChain']).toEqual([
        expect.objectContaining({ node: '350000', intact: true }),
        expect.objectContaining({ node: CERTIFICATE_NODE, intact: false, firstBrokenSeq: read!.seq, reason: expect.stringContaining('changed') }),
        expect.objectContaining({ node: '350200', intact: true }),
      ]);
      const verified = await auditVerify(await hub.token(AUDITOR));
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain(`${CERTIFICATE_NODE}  BROKEN  first broken record: seq ${read!.seq}`);
    } finally {
      await db.update(accessRecords).set({ fields: read!.fields }).where(eq(accessRecords.seq, read!.seq));
    }
  });

  it('is for auditors only', async () => {
    expect(codesOf(await consumer(AUDIT_CHAIN))).toContain('FORBIDDEN');
    expect(codesOf(await holder(AUDIT_CHAIN))).toContain('FORBIDDEN');
  });
});

describe('anchors of the chains', () => {
  const HEADS = /* GraphQL */ `{ auditChain { node intact firstBrokenSeq reason lastSeq lastHash lastAnchorAt anchorsChecked anchorsAvailable } }`;
  const ANCHOR = /* GraphQL */ `mutation { anchorAuditChains { node seq hash anchoredAt } }`;
  const nodesWithRecords = async () =>
    ((await auditor(HEADS)).data!['auditChain'] as Array<{ node: string; lastSeq: number | null }>).filter((head) => head.lastSeq !== null).map((head) => head.node);

  it("an auditor anchors every node's head at the province, and verification compares each chain with its anchors", async () => {
    const anchored = await auditor(ANCHOR);
    expect(anchored.errors).toBeUndefined();
    const anchors = anchored.data!['anchorAuditChains'] as Array<{ node: string; seq: number; hash: string }>;
    // Every node with records; an empty chain has no head to anchor.
    expect(anchors.map((anchor) => anchor.node)).toEqual(await nodesWithRecords());
    const heads = (await auditor(HEADS)).data!['auditChain'] as Array<Record<string, unknown>>;
    for (const anchor of anchors) {
      expect(heads.find((head) => head['node'] === anchor.node)).toMatchObject({
        intact: true,
        lastSeq: anchor.seq,
        lastHash: anchor.hash,
        lastAnchorAt: expect.any(String),
        anchorsChecked: expect.any(Number),
        anchorsAvailable: true,
      });
    }
    // Kept at the province: an auditor can read them there.
    const kept = await auditor(`query($n: String!) { auditAnchors(node: $n) { node seq hash anchoredAt } }`, { n: CERTIFICATE_NODE });
    expect(kept.data!['auditAnchors']).toContainEqual(anchors.find((anchor) => anchor.node === CERTIFICATE_NODE));
  });

  it('records deleted from the end of a chain are found against the anchor of a later head', async () => {
    await auditor(ANCHOR);
    const { db } = databaseOf(CERTIFICATE_NODE);
    const [newest] = await db.select().from(accessRecords).where(eq(accessRecords.node, CERTIFICATE_NODE)).orderBy(desc(accessRecords.seq)).limit(1);
    await db.delete(accessRecords).where(eq(accessRecords.seq, newest!.seq));
    try {
      const statuses = (await auditor(HEADS)).data!['auditChain'] as Array<Record<string, unknown>>;
      expect(statuses.find((status) => status['node'] === CERTIFICATE_NODE)).toMatchObject({
        intact: false,
        firstBrokenSeq: newest!.seq,
        reason: expect.stringContaining(`the chain was anchored at record ${newest!.seq}`),
      });
      const verified = await auditVerify(await hub.token(AUDITOR));
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain(`${CERTIFICATE_NODE}  BROKEN`);
    } finally {
      await db.insert(accessRecords).values(newest!);
    }
    expect((await auditor(AUDIT_CHAIN)).data!['auditChain'].every((status: { intact: boolean }) => status.intact)).toBe(true);
  });

  it('the gateway anchors on its own account; no client can write an anchor', async () => {
    const before = (await auditor(`query($n: String!) { auditAnchors(node: $n) { seq } }`, { n: '350200' })).data!['auditAnchors'].length;
    await holder(`{ certificates(first: 1) { totalCount } }`);
    await auditor(`{ accessLog(first: 1) { seq } }`);
    const { anchors, failed } = await hub.gateway.anchorAuditChains();
    expect(failed).toEqual([]);
    expect(anchors.map((anchor) => anchor.node)).toEqual(await nodesWithRecords());
    const after = (await auditor(`query($n: String!) { auditAnchors(node: $n) { seq } }`, { n: '350200' })).data!['auditAnchors'].length;
    expect(after).toBeGreaterThanOrEqual(before);
    const forged = `mutation { recordAuditAnchor(node: "350100", seq: 1, hash: "${'0'.repeat(64)}") { seq } }`;
    for (const client of [auditor, consumer]) expect(codesOf(await client(forged))).toContain('FORBIDDEN');
    expect(codesOf(await consumer(ANCHOR))).toContain('FORBIDDEN');
  });
});
