/**
 * What the gateway shows and takes from anyone who can reach it (issue 9, findings 2, 5, 11, 13
 * and the suggestions found by reading): /healthz without a token, public rate limits, the
 * X-Purpose and X-Request-Id headers, and "Did you mean …" in validation errors.
 */
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../gateway/auth.js';
import { createGateway, type GatewayOptions } from '../gateway/server.js';
import { Topology } from '../gateway/topology.js';
import { accessRecords } from '../subgraphs/audit/db/schema.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from '../hub/dev-idp.js';
import { supergraphPath } from '../schema/compose.js';
import { close, listen } from '../hub/listen.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

const ENTITY = { uscc: uscc('91', '350104', 9301), name: '福州仓山闽江茶业有限公司' };
const VERIFY = /* GraphQL */ `query($id: ID!) { verifyCertificate(id: $id) { found status } }`;
const VERIFY_DIGEST = /* GraphQL */ `query($id: ID!, $digest: String) { verifyCertificate(id: $id, digest: $digest) { found digestMatches } }`;
const DIGEST = 'a'.repeat(64);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let hub: TestHub;
let licenceId: string;
let consumerToken: string;
let stewardToken: string;
let operatorToken: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  hub = await startTestHub('hardening');
  const steward = await hub.as(AGENCY.steward);
  const issuer = await hub.as(AGENCY.fuzhouIssuer);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  expect((await issuer(REGISTER_ENTITY, { input: company(ENTITY.uscc, ENTITY.name) })).errors).toBeUndefined();
  const issued = await issuer(ISSUE, { input: licenceFor(ENTITY, 'HARD-1', '2024-06-01') });
  expect(issued.errors).toBeUndefined();
  licenceId = issued.data!['issueCertificate'].id;
  [consumerToken, stewardToken, operatorToken] = await Promise.all([hub.token(AGENCY.consumer), hub.token(AGENCY.steward), hub.token(AGENCY.operator)]);
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await hub?.stop();
});

/** Another gateway in front of the test hub's nodes (or of `topology`), with its own options, on port 0. */
async function gatewayWith(options: Partial<GatewayOptions>, topology: Topology = hub.topology): Promise<string> {
  const gateway = await createGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    topology,
    authenticate: createAuthenticator({ issuer: DEV_IDP_ISSUER, audience: HUB_AUDIENCE, keys: [hub.idpKey.publicJwk] }),
    contextKey: hub.gatewayKey,
    ...options,
  });
  const server = createServer((req, res) => void gateway.handle(req, res));
  const url = await listen(server, 0, '127.0.0.1');
  cleanups.push(async () => {
    await close(server);
    await gateway.stop();
  });
  return url;
}

interface Answer extends GraphQLAnswer {
  headers: Headers;
}

async function post(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as Omit<GraphQLAnswer, 'status'>) };
}

async function health(url: string, token?: string): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${url}/healthz`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const statementsAtNodes = () => hub.nodes.reduce((sum, node) => sum + node.database.statements.count, 0);
const resetStatements = () => hub.nodes.forEach((node) => node.database.statements.reset());
const aliased = (count: number) => `query($id: ID!) { ${Array.from({ length: count }, (_, i) => `v${i}: verifyCertificate(id: $id) { found }`).join(' ')} }`;

describe('/healthz', () => {
  it('without a token answers only {"status":"ok"}, and a token that is not an operator’s sees no more', async () => {
    for (const token of [undefined, consumerToken, stewardToken]) {
      const { status, body } = await health(hub.url, token);
      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ok' });
    }
  });

  it('shows an operator every node with its URL, breaker and timing, and the rate-limit counters', async () => {
    const { status, body } = await health(hub.url, operatorToken);
    expect(status).toBe(200);
    expect(body['status']).toBe('ok');
    expect(body['nodes']).toEqual(
      hub.nodes.map((node) => expect.objectContaining({ code: node.code, url: node.url, status: 'ok', ms: expect.any(Number), breaker: expect.objectContaining({ state: 'closed' }) })),
    );
    expect(body['rateLimits']).toMatchObject({ verifications: expect.any(Number), digestChecks: expect.any(Number), refused: { public: expect.any(Number), digest: expect.any(Number) } });
  });

  it('refuses an invalid token with 401 UNAUTHENTICATED', async () => {
    for (const token of ['not-a-token', await hub.token({ ...AGENCY.operator, ttlSeconds: -10 })]) {
      const { status, body } = await health(hub.url, token);
      expect(status).toBe(401);
      expect(body['errors'][0].extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toContain(hub.nodes[0]!.url);
    }
  });

  it('answers 503 {"status":"degraded"} while a node is down, with the details for operators only', async () => {
    // A node that answers 503 to everything, as one still starting does.
    const down: Server = createServer((_req, res) => void res.writeHead(503).end());
    const downUrl = await listen(down, 0, '127.0.0.1');
    cleanups.push(() => close(down));
    const topology = new Topology(hub.topology.nodes.map((node) => (node.code === '350200' ? { ...node, url: downUrl } : node)));
    const url = await gatewayWith({}, topology);

    const anonymous = await health(url);
    expect(anonymous).toEqual({ status: 503, body: { status: 'degraded' } });
    const operator = await health(url, operatorToken);
    expect(operator.status).toBe(503);
    expect(operator.body['nodes'].find((node: { code: string }) => node.code === '350200')).toMatchObject({ status: 'unavailable', url: downUrl });
  });
});

describe('public rate limits', () => {
  it('refuses the public verification past the burst with 429, Retry-After and RATE_LIMITED, before any node is asked', async () => {
    const url = await gatewayWith({ rateLimits: { public: { burst: 3, perSecond: 0.01 } } });
    for (let i = 0; i < 3; i++) {
      const answer = await post(url, null, VERIFY, { id: licenceId });
      expect(answer.status, `verification ${i + 1}`).toBe(200);
      expect(answer.data?.['verifyCertificate']).toEqual({ found: true, status: 'VALID' });
    }
    resetStatements();
    const refused = await post(url, null, VERIFY, { id: licenceId });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(100);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'public' });
    expect(refused.data ?? null).toBeNull();
    expect(statementsAtNodes()).toBe(0);

    const { body } = await health(url, operatorToken);
    expect(body['rateLimits']).toMatchObject({ verifications: 3, digestChecks: 0, refused: { public: 1, digest: 0 } });
  });

  it('counts twenty aliased verifications as twenty', async () => {
    const url = await gatewayWith({ rateLimits: { public: { burst: 30, perSecond: 0.01 } } });
    expect((await post(url, null, aliased(20), { id: licenceId })).status).toBe(200);
    expect((await post(url, null, aliased(11), { id: licenceId })).status).toBe(429);
    expect((await post(url, null, aliased(10), { id: licenceId })).status).toBe(200);
  });

  it('does not limit an authenticated agency’s ordinary queries and verifications', async () => {
    const url = await gatewayWith({ rateLimits: { public: { burst: 1, perSecond: 0.01 }, digest: { burst: 1, perSecond: 0.01 } } });
    for (let i = 0; i < 5; i++) {
      expect((await post(url, consumerToken, `{ certificateTypes { code } }`)).status).toBe(200);
      expect((await post(url, consumerToken, aliased(3), { id: licenceId })).status).toBe(200);
    }
  });

  it('limits digest checks per principal: one agency past its burst is refused, another is not', async () => {
    const url = await gatewayWith({ rateLimits: { digest: { burst: 2, perSecond: 0.01 } } });
    for (let i = 0; i < 2; i++) {
      const answer = await post(url, consumerToken, VERIFY_DIGEST, { id: licenceId, digest: DIGEST });
      expect(answer.status).toBe(200);
      expect(answer.data?.['verifyCertificate']).toEqual({ found: true, digestMatches: false });
    }
    const refused = await post(url, consumerToken, VERIFY_DIGEST, { id: licenceId, digest: DIGEST });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'digest' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The same agency may still verify without a digest, and another agency may check a digest.
    expect((await post(url, consumerToken, VERIFY_DIGEST, { id: licenceId })).status).toBe(200);
    expect((await post(url, stewardToken, VERIFY_DIGEST, { id: licenceId, digest: DIGEST })).status).toBe(200);
    // Public digest checks are charged to the address, as a variable default too.
    const withDefault = `query($id: ID!, $digest: String = "${DIGEST}") { verifyCertificate(id: $id, digest: $digest) { found } }`;
    expect((await post(url, null, withDefault, { id: licenceId })).status).toBe(200);
    expect((await post(url, null, withDefault, { id: licenceId })).status).toBe(200);
    expect((await post(url, null, withDefault, { id: licenceId })).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless the request comes from a trusted proxy', async () => {
    const limits = { public: { burst: 1, perSecond: 0.01 } };
    const direct = await gatewayWith({ rateLimits: limits });
    expect((await post(direct, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await post(direct, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);

    const behindProxy = await gatewayWith({ rateLimits: limits, trustProxy: ['127.0.0.1'] });
    expect((await post(behindProxy, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await post(behindProxy, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
    expect((await post(behindProxy, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    // A client behind the proxy cannot pick its key by writing the header itself.
    expect((await post(behindProxy, null, VERIFY, { id: licenceId }, { 'x-forwarded-for': '198.51.100.9, 203.0.113.2' })).status).toBe(429);
  });
});

describe('X-Purpose and X-Request-Id', () => {
  it('refuses an X-Purpose with a newline, a control character or a right-to-left override, with 400 naming X-Purpose', async () => {
    for (const [purpose, reason] of [
      [encodeURIComponent('年审\nagency: 11350000MB0000000X'), /control character \(U\+000A/],
      [encodeURIComponent('年审\u0085'), /control character \(U\+0085/],
      [encodeURIComponent('年审\u202eexe.txt'), /bidirectional formatting character \(U\+202E/],
      [encodeURIComponent('年审\u2028假记录'), /line or paragraph separator/],
      ['a\tb', /control character \(U\+0009/],
    ] as const) {
      const answer = await post(hub.url, consumerToken, `{ certificateTypes { code } }`, {}, { 'x-purpose': purpose });
      expect(answer.status, purpose).toBe(400);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'X-Purpose' });
      expect(answer.errors?.[0]?.message).toMatch(/X-Purpose: must not contain /);
      expect(answer.errors?.[0]?.message).toMatch(reason);
    }
    const fine = await post(hub.url, consumerToken, `{ certificateTypes { code } }`, {}, { 'x-purpose': encodeURIComponent('税务登记核验 (matter 350100-SW-0001)') });
    expect(fine.status).toBe(200);
  });

  it('answers every request with its own request id, which the access log records instead of the client’s', async () => {
    const read = /* GraphQL */ `query($id: ID!) { certificate(id: $id) { id holderName } }`;
    const issuer = await hub.token(AGENCY.fuzhouIssuer);
    for (const clientId of ['hardening-read-1', 'forged\u202eid', 'x'.repeat(65)]) {
      const answer = await post(hub.url, issuer, read, { id: licenceId }, { 'x-request-id': encodeURIComponent(clientId), 'x-purpose': encodeURIComponent('年审') });
      expect(answer.errors).toBeUndefined();
      const requestId = answer.headers.get('x-request-id')!;
      expect(requestId).toMatch(UUID);
      const node = hub.nodes.find((entry) => entry.code === '350100')!;
      const records = await node.database.db.select().from(accessRecords).where(eq(accessRecords.requestId, requestId));
      expect(records).toHaveLength(1);
      expect(await node.database.db.select().from(accessRecords).where(eq(accessRecords.requestId, clientId))).toEqual([]);
    }
    // Refusals carry one too, so a client can quote it.
    const refused = await post(hub.url, 'not-a-token', `{ certificateTypes { code } }`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('validation suggestions', () => {
  const message = (answer: GraphQLAnswer) => answer.errors?.map((error) => error.message).join('\n') ?? '';

  it('the public gets no “Did you mean” at all', async () => {
    const answer = await post(hub.url, null, `query($id: ID!) { verifyCertificat(id: $id) { found } }`, { id: licenceId });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(message(answer)).toMatch(/Cannot query field "verifyCertificat" on type "Query"/);
    expect(message(answer)).not.toMatch(/Did you mean/);
  });

  it('a consumer asking for `grant` is not offered the steward’s `grants`; a steward is', async () => {
    const consumer = await post(hub.url, consumerToken, `{ grant { id } }`);
    expect(consumer.status).toBe(400);
    expect(message(consumer)).toMatch(/Cannot query field "grant" on type "Query"/);
    expect(message(consumer)).not.toContain('"grants"');
    const steward = await post(hub.url, stewardToken, `{ grant { id } }`);
    expect(message(steward)).toMatch(/Did you mean .*"grants"/);
  });

  it('a consumer is offered the fields of its own contract', async () => {
    expect(message(await post(hub.url, consumerToken, `{ certificateTypse { code } }`))).toMatch(/Cannot query field "certificateTypse" on type "Query"\. Did you mean .*"certificateTypes"/);
    expect(message(await post(hub.url, consumerToken, `{ certificateTypes { cod } }`))).toMatch(/Did you mean "code"/);
  });

  it('in errors about variables’ values, suggests only input fields and enum values of types in the caller’s contract', async () => {
    const define = /* GraphQL */ `mutation($input: DefineCertificateTypeInput!) { defineCertificateType(input: $input) { code } }`;
    const consumer = await post(hub.url, consumerToken, define, { input: { nam: 'x' } });
    expect(consumer.status).toBe(400);
    expect(message(consumer)).toMatch(/Field "nam" is not defined by type "DefineCertificateTypeInput"\./);
    expect(message(consumer)).not.toMatch(/Did you mean/);
    expect(message(await post(hub.url, stewardToken, define, { input: { nam: 'x' } }))).toMatch(/Did you mean "name"\?/);
    const list = /* GraphQL */ `query($status: [CertificateStatus!]) { certificates(filter: { status: $status }) { totalCount } }`;
    expect(message(await post(hub.url, consumerToken, list, { status: ['VALD'] }))).toMatch(/Did you mean the enum value "VALID"\?/);
  });
});
