import { eq } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateId } from '../lib/codes.js';
import { encodePresentationToken, parsePresentationToken, PRESENTATION_PATH, type PresentationPayload } from '../lib/presentation.js';
import { generateSealKey, verifySeal } from '../lib/seal/seal.js';
import { accessRecords, type AccessRecordRow } from '../subgraphs/audit/db/schema.js';
import { signPresentation } from '../subgraphs/certificate/presentation.js';
import { NodeKey } from '../subgraphs/events/node-key.js';
import { AGENCY, DEFINE_TYPE, FOOD_LICENCE, ISSUE, REGISTER_ENTITY, company, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLAnswer>;

/** A food business in Xiamen: its licences are issued, and kept, at node 350200. */
const SHOP = { uscc: uscc('91', '350206', 5301), name: '厦门湖里鹭岛餐饮有限公司' };
const OTHER_SHOP = { uscc: uscc('91', '350206', 5302), name: '厦门湖里海沧小吃店' };
const NODE = '350200';
const PREMISES = '厦门市湖里区江头北路18号';
const PHONE = '0592-5550789';
const PURPOSE = '食品经营许可核查 (matter 350200-SC-0012)';
const ROOT = new URL('..', import.meta.url).pathname;

const PRESENT = /* GraphQL */ `
  mutation Present($id: ID!, $items: [String!], $ttlSeconds: Int) {
    presentCertificate(id: $id, items: $items, ttlSeconds: $ttlSeconds) { token url expiresAt }
  }
`;
const CHECK = /* GraphQL */ `
  query Check($token: String!) {
    verifyPresentation(token: $token) { valid reason status typeName issuerName holderName items { code name value } expiresAt }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($id: ID!) { changeCertificateStatus(id: $id, status: REVOKED, reason: "违法经营，依法吊销") { status } }
`;

let hub: TestHub;
let holder: Client;
let otherHolder: Client;
let issuer: Client;
let consumer: Client;
/** Checks as the public: no token. */
let publicly: Client;
let licence: string;
let otherLicence: string;
/** A licence whose premises carry characters HTML gives a meaning to. */
let markupLicence: string;
let nodeKey: NodeKey;

const codesOf = (answer: GraphQLAnswer) => (answer.errors ?? []).map((error) => error.extensions?.['code']);
const databaseOfNode = () => hub.nodes.find((node) => node.code === NODE)!.database;

function foodLicence(entity: { uscc: string; name: string }, number: string, premises: string) {
  return {
    typeCode: FOOD_LICENCE.code,
    number,
    holderKind: 'ORGANIZATION',
    holderCode: entity.uscc,
    holderName: entity.name,
    issuedOn: '2025-03-01',
    validFrom: '2025-03-01',
    items: [
      { code: 'operator', value: entity.name },
      { code: 'premises', value: premises },
      { code: 'complaintPhone', value: PHONE },
    ],
  };
}

async function issue(input: Record<string, unknown>): Promise<string> {
  const issued = await issuer(ISSUE, { input });
  expect(issued.errors).toBeUndefined();
  return issued.data!['issueCertificate'].id as string;
}

/** A presentation the holder made: its token, link and expiry. */
async function present(id: string, items: string[], ttlSeconds = 60): Promise<{ token: string; url: string; expiresAt: string }> {
  const answer = await holder(PRESENT, { id, items, ttlSeconds });
  expect(answer.errors).toBeUndefined();
  return answer.data!['presentCertificate'];
}

/** The check of `token`, by `client`. */
async function check(client: Client, token: string, headers?: Record<string, string>) {
  const answer = await client(CHECK, { token }, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data!['verifyPresentation'];
}

/** A token signed by the node's own key for `changes` to a real payload: what only the node could make. */
async function signedByNode(changes: Partial<PresentationPayload>): Promise<string> {
  const key = await nodeKey.current();
  const payload: PresentationPayload = {
    v: 1,
    node: NODE,
    keyId: key.keyId,
    certificateId: licence,
    items: ['premises'],
    nonce: 'ab'.repeat(16),
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    ...changes,
  };
  return signPresentation(payload, key.privateKey);
}

/** The payload of a token as it was signed. */
function parsedPayload(token: string): PresentationPayload {
  const parsed = parsePresentationToken(token);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.payload;
}

/** `token` with its payload replaced by `payload`, keeping its signature: a tampered token. */
const withPayload = (token: string, payload: PresentationPayload): string =>
  `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]!}`;

/** The node's access records of one request (the gateway's request id). */
function recordsOfRequest(requestId: string | undefined): Promise<AccessRecordRow[]> {
  return databaseOfNode().db.select().from(accessRecords).where(eq(accessRecords.requestId, requestId!));
}

/** How many access records the node keeps about a certificate. */
async function recordCount(certificateId: string): Promise<number> {
  return (await databaseOfNode().db.select().from(accessRecords).where(eq(accessRecords.certificateId, certificateId))).length;
}

beforeAll(async () => {
  hub = await startTestHub('presentation');
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: FOOD_LICENCE })).errors).toBeUndefined();
  issuer = await hub.as(AGENCY.xiamenIssuer);
  consumer = await hub.as(AGENCY.consumer);
  holder = await hub.as({ sub: SHOP.uscc, kind: 'holder' });
  otherHolder = await hub.as({ sub: OTHER_SHOP.uscc, kind: 'holder' });
  publicly = (query, variables, headers) => hub.request(null, query, variables, headers);
  for (const entity of [SHOP, OTHER_SHOP]) expect((await issuer(REGISTER_ENTITY, { input: company(entity.uscc, entity.name) })).errors).toBeUndefined();
  [licence, otherLicence, markupLicence] = await Promise.all([
    issue(foodLicence(SHOP, 'JY13502060005301', PREMISES)),
    issue(foodLicence(OTHER_SHOP, 'JY13502060005302', '厦门市湖里区枋湖路2号')),
    issue(foodLicence(SHOP, 'JY13502060005303', '<script>alert("x")</script> & 后院')),
  ]);
  const node = hub.nodes.find((entry) => entry.code === NODE)!.node;
  nodeKey = new NodeKey(node.database.db, node.kek, NODE);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

describe('presentCertificate', () => {
  it('gives the holder a token signed by the node key it publishes, a link on the hub and an expiry ttlSeconds away', async () => {
    const before = Date.now();
    const made = await present(licence, ['premises'], 90);
    const parsed = parsePresentationToken(made.token);
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(parsed.payload).toMatchObject({ v: 1, node: NODE, certificateId: licence, items: ['premises'], expiresAt: made.expiresAt });
    expect(parsed.payload.nonce).toMatch(/^[0-9a-f]{32}$/);
    const expiresIn = Date.parse(made.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(85_000);
    expect(expiresIn).toBeLessThanOrEqual(95_000);
    expect(made.url).toBe(`${hub.url}${PRESENTATION_PATH}?token=${made.token}`);

    const keys = await holder(/* GraphQL */ `query Keys($node: String!) { nodeKeys(node: $node) { keyId publicKey } }`, { node: NODE });
    const key = (keys.data!['nodeKeys'] as Array<{ keyId: string; publicKey: string }>).find((candidate) => candidate.keyId === parsed.payload.keyId);
    expect(key).toBeDefined();
    expect(verifySeal(key!.publicKey, parsed.signed.toString('utf8'), parsed.signature)).toBe(true);

    const again = await present(licence, ['premises'], 90);
    expect(again.token).not.toBe(made.token);
  });

  it("refuses another holder's certificate (NOT_THE_HOLDER), an agency, and a certificate the node does not keep", async () => {
    const others = await otherHolder(PRESENT, { id: licence });
    expect(codesOf(others)).toEqual(['FORBIDDEN']);
    expect(others.errors![0]!.extensions!['reason']).toBe('NOT_THE_HOLDER');
    expect(others.data).toBeNull();

    expect(codesOf(await consumer(PRESENT, { id: licence }))).toEqual(['FORBIDDEN']);

    const missing = buildCertificateId({ typeCode: FOOD_LICENCE.code, issuer: AGENCY.xiamenIssuer.sub, serial: '99999999', version: '001' });
    expect(codesOf(await holder(PRESENT, { id: missing }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a ttlSeconds outside 10–600 and items that are not the certificate’s, or named twice, naming the field', async () => {
    const fieldOf = async (variables: Record<string, unknown>) => {
      const answer = await holder(PRESENT, { id: licence, ...variables });
      expect(codesOf(answer)).toEqual(['BAD_USER_INPUT']);
      return answer.errors![0]!.extensions!['field'];
    };
    expect(await fieldOf({ ttlSeconds: 9 })).toBe('ttlSeconds');
    expect(await fieldOf({ ttlSeconds: 601 })).toBe('ttlSeconds');
    expect(await fieldOf({ items: ['premises', 'licenceNumber'] })).toBe('items[1]');
    expect(await fieldOf({ items: ['premises', 'operator', 'premises'] })).toBe('items[2]');
    expect(await fieldOf({ id: 'not-an-id' })).toBe('id');
  });
});

describe('verifyPresentation', () => {
  it('shows the public the holder and only the disclosed items, with their values — a sensitive one too', async () => {
    const { token, expiresAt } = await present(licence, ['complaintPhone', 'premises']);
    expect(await check(publicly, token)).toEqual({
      valid: true,
      reason: null,
      status: 'VALID',
      typeName: FOOD_LICENCE.name,
      issuerName: expect.any(String),
      holderName: SHOP.name,
      // In the certificate's order, not the order disclosed; `operator` was not disclosed.
      items: [
        { code: 'premises', name: '经营场所', value: PREMISES },
        { code: 'complaintPhone', name: '投诉举报电话', value: PHONE },
      ],
      expiresAt,
    });
    const none = await present(licence, []);
    expect(await check(publicly, none.token)).toMatchObject({ valid: true, holderName: SHOP.name, items: [] });
  });

  it('opens only the items of the check itself: the same request reading the certificate keeps its own rules', async () => {
    // A consumer reads an UNCONDITIONAL type's non-sensitive items, but the sensitive phone only with a grant.
    const { token } = await present(licence, ['complaintPhone']);
    const answer = await consumer(
      /* GraphQL */ `
        query Both($token: String!, $id: ID!) {
          verifyPresentation(token: $token) { valid items { code value } }
          certificate(id: $id) { items { code value } }
        }
      `,
      { token, id: licence },
    );
    expect(answer.data!['verifyPresentation']).toEqual({ valid: true, items: [{ code: 'complaintPhone', value: PHONE }] });
    const read = answer.data!['certificate']['items'] as Array<{ code: string; value: string | null }>;
    expect(read.find((item) => item.code === 'complaintPhone')!.value).toBeNull();
    expect(read.find((item) => item.code === 'premises')!.value).toBe(PREMISES);
    expect(answer.errors!.map((error) => [error.extensions!['code'], error.path!.join('.')])).toEqual([['FORBIDDEN', 'certificate.items.2.value']]);
  });

  it('answers an expired presentation with when it expired and nothing about the certificate', async () => {
    const expiredAt = new Date(Date.now() - 1_000).toISOString();
    const expired = await signedByNode({ expiresAt: expiredAt });
    expect(await check(publicly, expired)).toEqual({
      valid: false,
      reason: 'EXPIRED',
      status: null,
      typeName: null,
      issuerName: null,
      holderName: null,
      items: [],
      expiresAt: expiredAt,
    });
  });

  it('answers BAD_SIGNATURE, and nothing else, for an altered payload, a foreign key or another node', async () => {
    const { token } = await present(licence, ['premises']);
    const signature = token.split('.')[1]!;
    const altered = { ...parsedPayload(token), items: ['premises', 'complaintPhone'] };
    const tampered = withPayload(token, altered);

    const stranger = generateSealKey();
    const foreign = signPresentation({ ...altered, keyId: `${NODE}-20250101-9` }, stranger.privateKey);
    // Routed to Fuzhou, which never made the key that signed it.
    const elsewhere = encodePresentationToken(JSON.stringify({ ...altered, node: '350100' }), Buffer.from(signature, 'base64url').toString('hex'));

    const recordsBefore = await recordCount(licence);
    for (const forged of [tampered, foreign, elsewhere]) {
      expect(await check(publicly, forged)).toEqual({
        valid: false,
        reason: 'BAD_SIGNATURE',
        status: null,
        typeName: null,
        issuerName: null,
        holderName: null,
        items: [],
        expiresAt: null,
      });
    }
    // A forgery is nobody's access: nothing is recorded in the holder's log.
    expect(await recordCount(licence)).toBe(recordsBefore);
  });

  it('refuses a token that is not one with BAD_USER_INPUT on token', async () => {
    const answer = await publicly(CHECK, { token: 'not-a-presentation' });
    expect(codesOf(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.extensions!['field']).toBe('token');
  });

  it('answers NOT_FOUND for a genuine token of a certificate the node does not keep', async () => {
    const missing = buildCertificateId({ typeCode: FOOD_LICENCE.code, issuer: AGENCY.xiamenIssuer.sub, serial: '99999998', version: '001' });
    expect(await check(publicly, await signedByNode({ certificateId: missing }))).toMatchObject({ valid: false, reason: 'NOT_FOUND', holderName: null, items: [] });
  });

  it('answers a revoked certificate as CERTIFICATE_NOT_VALID with its public facts, never its holder or items; it cannot be presented again', async () => {
    const revocable = await issue(foodLicence(SHOP, 'JY13502060005304', PREMISES));
    const { token } = await present(revocable, ['premises']);
    expect((await issuer(REVOKE, { id: revocable })).errors).toBeUndefined();
    expect(await check(publicly, token)).toEqual({
      valid: false,
      reason: 'CERTIFICATE_NOT_VALID',
      status: 'REVOKED',
      typeName: FOOD_LICENCE.name,
      issuerName: expect.any(String),
      holderName: null,
      items: [],
      expiresAt: expect.any(String),
    });
    const again = await holder(PRESENT, { id: revocable });
    expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0]!.extensions!['field']).toBe('id');
    expect(again.errors![0]!.message).toContain('REVOKED');
  });
});

describe('the access log', () => {
  it('records the presentation once, with the items disclosed and the expiry', async () => {
    const answer = await holder(PRESENT, { id: licence, items: ['premises'], ttlSeconds: 30 });
    expect(answer.errors).toBeUndefined();
    const records = await recordsOfRequest(answer.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: SHOP.uscc, certificateId: licence, holderCode: SHOP.uscc, fields: ['presentCertificate'] });
    expect(JSON.parse(records[0]!.detail!)).toEqual({ items: ['premises'], expiresAt: answer.data!['presentCertificate'].expiresAt });
  });

  it('records each check once, in the holder’s log: the public through the link, an agency as itself with its purpose', async () => {
    const { token, url } = await present(licence, ['premises']);
    const scanned = await fetch(url, { headers: { accept: 'application/json' } });
    expect(scanned.status).toBe(200);
    const byPublic = await recordsOfRequest(scanned.headers.get('x-request-id') ?? undefined);
    const byAgency = await consumer(CHECK, { token }, { 'x-purpose': encodeURIComponent(PURPOSE) });
    expect(byAgency.data!['verifyPresentation'].valid).toBe(true);
    const agencyRecords = await recordsOfRequest(byAgency.requestId);

    const fields = ['holderName', 'items.premises', 'verifyPresentation'];
    expect(byPublic).toHaveLength(1);
    expect(byPublic[0]).toMatchObject({ actor: 'public', actorKind: 'public', purpose: null, certificateId: licence, holderCode: SHOP.uscc, fields });
    expect(agencyRecords).toHaveLength(1);
    expect(agencyRecords[0]).toMatchObject({ actor: AGENCY.consumer.sub, purpose: PURPOSE, certificateId: licence, holderCode: SHOP.uscc, fields });

    const log = await holder(
      /* GraphQL */ `query Log($id: ID!) { accessLog(certificateId: $id, first: 5) { agency purpose fields } }`,
      { id: licence },
    );
    expect(log.data!['accessLog'].slice(0, 2)).toEqual([
      { agency: AGENCY.consumer.sub, purpose: PURPOSE, fields },
      { agency: 'public', purpose: null, fields },
    ]);
  });

  it('records the check of an expired token too, naming no field but the check', async () => {
    const answer = await publicly(CHECK, { token: await signedByNode({ expiresAt: new Date(Date.now() - 1_000).toISOString() }) });
    expect(answer.data!['verifyPresentation'].reason).toBe('EXPIRED');
    const records = await recordsOfRequest(answer.requestId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: 'public', certificateId: licence, holderCode: SHOP.uscc, fields: ['verifyPresentation'] });
  });
});

describe('the link', () => {
  it('answers a phone with a self-contained page of the check, everything escaped', async () => {
    const { url } = await present(markupLicence, ['premises']);
    const response = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(html).toContain('亮证有效 Valid presentation');
    expect(html).toContain(SHOP.name);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 后院');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/\b(?:src|href)="(?!data:)/);
    // Undisclosed: the phone.
    expect(html).not.toContain(PHONE);
  });

  it('answers JSON to a client that asks, and pages for tokens that are expired, forged or unreadable', async () => {
    const { token } = await present(licence, ['premises']);
    const json = await fetch(`${hub.url}${PRESENTATION_PATH}?token=${token}`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await json.json()) as { data: Record<string, any> }).data['verifyPresentation']).toMatchObject({ valid: true, holderName: SHOP.name });

    const page = async (value: string) => (await fetch(`${hub.url}${PRESENTATION_PATH}?token=${encodeURIComponent(value)}`)).text();
    const expired = await page(await signedByNode({ expiresAt: new Date(Date.now() - 1_000).toISOString() }));
    expect(expired).toContain('亮证码已过期');
    expect(expired).not.toContain(SHOP.name);
    const later = new Date(Date.parse(parsedPayload(token).expiresAt) + 3_600_000).toISOString();
    expect(await page(withPayload(token, { ...parsedPayload(token), expiresAt: later }))).toContain('亮证码无效');
    expect(await page('<b>not a token</b>')).toContain('不是亮证码 Not a presentation');

    // A caller that sends a token is authenticated as a POST's caller is: a bad one is refused.
    const unsigned = await fetch(`${hub.url}${PRESENTATION_PATH}?token=${token}`, { headers: { accept: 'application/json', authorization: 'Bearer nonsense' } });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as GraphQLAnswer).errors![0]!.extensions!['code']).toBe('UNAUTHENTICATED');
  });
});

describe('npm run qr -- --presentation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecert-presentation-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs scripts/qr.ts as npm would, in the repository root, the token in ECERT_TOKEN. */
  const qr = (args: string[], token: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/qr.ts', ...args],
        { cwd: ROOT, env: { ...process.env, INIT_CWD: dir, ECERT_TOKEN: token } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('writes a PNG of the link, and prints the link and its expiry; mistakes exit 2, refusals 1', async () => {
    const holderToken = await hub.token({ sub: SHOP.uscc, kind: 'holder' });
    const [made, badTtl, noHub, refused] = await Promise.all([
      qr(['--presentation', '--hub', hub.url, '--items', 'premises,operator', '--ttl', '45', '--out', 'shown.png', licence], holderToken),
      qr(['--presentation', '--hub', hub.url, '--ttl', '5', licence], holderToken),
      qr(['--presentation', licence], holderToken),
      // The shop's token, for the other shop's licence.
      qr(['--presentation', '--hub', hub.url, otherLicence], holderToken),
    ]);
    expect(made, made.stderr).toMatchObject({ code: 0 });
    const [url, expiry] = made.stdout.trim().split('\n') as [string, string];
    expect(url.startsWith(`${hub.url}${PRESENTATION_PATH}?token=`)).toBe(true);
    expect(expiry).toMatch(/^expires \d{4}-\d\d-\d\dT/);
    const png = join(dir, 'shown.png');
    expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(statSync(png).size).toBeGreaterThan(500);
    const token = new URL(url).searchParams.get('token')!;
    expect(await check(publicly, token)).toMatchObject({ valid: true, items: [{ code: 'operator' }, { code: 'premises' }] });

    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toContain('--ttl');
    expect(noHub.code).toBe(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('NOT_THE_HOLDER');
  });
});

// Last: it spends the public's rate limit of this client address.
describe('the public rate limit', () => {
  it('charges the link as it charges a POST of verifyPresentation, and the page says so', async () => {
    let limited: Response | undefined;
    for (let sent = 0; sent < 200 && !limited; sent++) {
      const response = await fetch(`${hub.url}${PRESENTATION_PATH}?token=x`);
      if (response.status === 429) limited = response;
      else await response.text();
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited!.text()).toContain('核验过于频繁 Too many checks');
    // The bucket refills while the test runs (a token a second or so): of a few POSTs sent at once,
    // no more can pass than refilled meanwhile, and the rest are refused as the link was.
    const posted = await Promise.all(Array.from({ length: 5 }, () => publicly(CHECK, { token: 'x' })));
    const refused = posted.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const answer of refused) expect(codesOf(answer)).toEqual(['RATE_LIMITED']);
  });
});
