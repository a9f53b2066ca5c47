/**
 * What the people who run the hub see (issue 16, metrics and logs): GET /metrics at the gateway
 * and, through it or with a node's own token, at each node, for operators only; and one JSON
 * line per GraphQL request, without tokens, item values or holder codes.
 */
import { GraphQLError } from 'graphql';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../gateway/auth.js';
import { createGateway } from '../gateway/server.js';
import { Topology } from '../gateway/topology.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from '../hub/dev-idp.js';
import { close, listen } from '../hub/listen.js';
import { supergraphPath } from '../schema/compose.js';
import { hideInternalErrors } from '../lib/errors.js';
import { createLogger } from '../lib/log.js';
import { metricsTokenMatches } from '../lib/metrics.js';
import { GatewayMetrics, MAX_OPERATION_NAMES } from '../gateway/metrics.js';
import { traceIdOf } from '../gateway/observe.js';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, REGISTER_ENTITY, uscc } from './support/fixtures.js';
import { startTestHub, type TestHub } from './support/hub.js';

const ENTITY = { uscc: uscc('91', '350104', 9601), name: '福州鼓楼榕城观测有限公司' };
const NODE_TOKEN = 'metrics-token-of-the-test-nodes-0123456789abcdef';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const READ = /* GraphQL */ `query MetricsRead($id: ID!) { certificate(id: $id) { id holderCode holderName items { code value } } }`;
const LIST = /* GraphQL */ `query MetricsList { certificates(first: 5) { totalCount edges { node { id } } } }`;

/** One sample of Prometheus' text format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus' text exposition format (comments skipped, label values unescaped). */
function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))
    .reduce((sum, sample) => sum + sample.value, 0);
}

let hub: TestHub;
const logLines: string[] = [];
let operatorToken: string;
let consumerToken: string;
let licenceId: string;

/** GET `path` at the gateway (or at `base`) with an Authorization header when given. */
async function get(path: string, authorization?: string, base = hub.url): Promise<{ status: number; text: string; contentType: string }> {
  const response = await fetch(`${base}${path}`, { headers: authorization === undefined ? {} : { authorization } });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

async function scrape(path = '/metrics'): Promise<Sample[]> {
  const answer = await get(path, `Bearer ${operatorToken}`);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.contentType).toMatch(/^text\/plain/);
  return parsePrometheus(answer.text);
}

/** The parsed log lines of the gateway's request `requestId`. */
function requestLines(requestId: string | undefined): Array<Record<string, unknown>> {
  return logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record['msg'] === 'graphql request' && record['requestId'] === requestId);
}

beforeAll(async () => {
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
  hub = await startTestHub('metrics', { logger, nodeMetricsToken: NODE_TOKEN });
  const steward = await hub.as(AGENCY.steward);
  const issuer = await hub.as(AGENCY.fuzhouIssuer);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  expect((await issuer(REGISTER_ENTITY, { input: company(ENTITY.uscc, ENTITY.name) })).errors).toBeUndefined();
  const issued = await issuer(ISSUE, { input: licenceFor(ENTITY, 'METRICS-1', '2024-06-01') });
  expect(issued.errors).toBeUndefined();
  licenceId = issued.data!['issueCertificate'].id;
  [operatorToken, consumerToken] = await Promise.all([hub.token(AGENCY.operator), hub.token(AGENCY.consumer)]);
}, 120_000);

const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await hub?.stop();
});

/** An address nothing listens on: a port taken and given back. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server, 0, '127.0.0.1');
  await close(server);
  return url;
}

describe('GET /metrics at the gateway', () => {
  it('is refused with 401 and no metric without a token, or with a token that is not valid', async () => {
    for (const authorization of [undefined, 'Bearer not.a.token', `Bearer ${NODE_TOKEN}`]) {
      const answer = await get('/metrics', authorization);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain('ecert_');
    }
  });

  it('is refused with 403 and no metric for an agency without the role operator', async () => {
    const answer = await get('/metrics', `Bearer ${consumerToken}`);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(answer.text).not.toContain('ecert_');
  });

  it('counts a query by its operation name and outcome, and times it', async () => {
    const before = await scrape();
    const consumer = await hub.as(AGENCY.consumer);
    expect((await consumer(/* GraphQL */ `query MetricsProbe { certificateTypes { code } }`)).errors).toBeUndefined();
    expect((await consumer(/* GraphQL */ `{ certificateTypes { code } }`)).errors).toBeUndefined();
    // Only stewards list grants: FORBIDDEN, counted under that outcome and code.
    const refused = await consumer(/* GraphQL */ `query MetricsGrants { grants { id } }`);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(moved('ecert_graphql_requests_total', { operation: 'MetricsProbe', outcome: 'ok' })).toBe(1);
    expect(moved('ecert_graphql_requests_total', { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(moved('ecert_graphql_requests_total', { operation: 'MetricsGrants', outcome: 'FORBIDDEN' })).toBe(1);
    expect(moved('ecert_graphql_errors_total', { operation: 'MetricsGrants', code: 'FORBIDDEN' })).toBe(1);
    expect(moved('ecert_graphql_request_duration_seconds_count', { operation: 'MetricsProbe' })).toBe(1);
    expect(value(after, 'ecert_graphql_request_duration_seconds_bucket', { operation: 'MetricsProbe', le: '+Inf' })).toBeGreaterThanOrEqual(1);
  });

  it('counts a request refused before any operation was read under the operation none', async () => {
    const before = await scrape();
    const answer = await hub.request('not.a.token', `query MetricsNone { certificateTypes { code } }`);
    expect(answer.status).toBe(401);
    const after = await scrape();
    expect(value(after, 'ecert_graphql_requests_total', { operation: 'none', outcome: 'UNAUTHENTICATED' }) - value(before, 'ecert_graphql_requests_total', { operation: 'none', outcome: 'UNAUTHENTICATED' })).toBe(1);
  });

  it('has fetch samples for every node a list over all nodes asked', async () => {
    const before = await scrape();
    const answer = await (await hub.as(AGENCY.consumer))(LIST);
    expect(answer.errors).toBeUndefined();
    const after = await scrape();
    for (const node of ['350000', '350100', '350200']) {
      const labels = { node, subgraph: 'certificate' };
      expect(value(after, 'ecert_node_fetch_duration_seconds_count', labels) - value(before, 'ecert_node_fetch_duration_seconds_count', labels), node).toBeGreaterThanOrEqual(1);
      expect(value(after, 'ecert_node_fetch_duration_seconds_sum', labels)).toBeGreaterThan(0);
    }
  });

  it('shows each node’s circuit breaker, closed', async () => {
    const samples = await scrape();
    const breakers = samples.filter((sample) => sample.name === 'ecert_circuit_breaker_state');
    expect(breakers.map((sample) => sample.labels['node']).sort()).toEqual(['350000', '350100', '350200']);
    expect(breakers.every((sample) => sample.value === 0)).toBe(true);
  });

  it('counts fetches to a node that is down, by reason, and shows its breaker open', async () => {
    // Another gateway, whose registry sends node 350200 to an address nothing listens on.
    const dead = await deadUrl();
    const topology = new Topology(hub.topology.nodes.map((node) => (node.code === '350200' ? { ...node, url: dead } : node)));
    const gateway = await createGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      topology,
      authenticate: createAuthenticator({ issuer: DEV_IDP_ISSUER, audience: HUB_AUDIENCE, keys: [hub.idpKey.publicJwk] }),
      contextKey: hub.gatewayKey,
      circuitBreaker: { failureThreshold: 1, cooldownMs: 60_000 },
    });
    const server = createServer((req, res) => void gateway.handle(req, res));
    const url = await listen(server, 0, '127.0.0.1');
    cleanups.push(async () => {
      await close(server);
      await gateway.stop();
    });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${consumerToken}` },
        body: JSON.stringify({ query: LIST }),
      });
      const answer = (await response.json()) as { errors?: Array<{ extensions: { code: string; node: string } }> };
      expect(answer.errors?.map((error) => error.extensions)).toEqual([expect.objectContaining({ code: 'NODE_UNAVAILABLE', node: '350200' })]);
    }
    const samples = parsePrometheus((await get('/metrics', `Bearer ${operatorToken}`, url)).text);
    const failed = (reason: string) => value(samples, 'ecert_node_fetch_errors_total', { node: '350200', subgraph: 'certificate', reason });
    // The first fetch finds the port closed and opens the breaker (threshold 1); the second is refused without being sent.
    expect([failed('connection'), failed('circuit_open')]).toEqual([1, 1]);
    expect(value(samples, 'ecert_circuit_breaker_state', { node: '350200' })).toBe(2);
    expect(value(samples, 'ecert_circuit_breaker_state', { node: '350100' })).toBe(0);
    expect(value(samples, 'ecert_graphql_requests_total', { operation: 'MetricsList', outcome: 'NODE_UNAVAILABLE' })).toBe(2);
  });

  it('counts a request refused by a rate limit', async () => {
    const before = await scrape();
    // Eleven digest checks in one request are more than the burst of ten: refused at once.
    const fields = Array.from({ length: 11 }, (_, i) => `v${i}: verifyCertificate(id: "${licenceId}", digest: "${'a'.repeat(64)}") { found }`).join(' ');
    const answer = await hub.request(consumerToken, `query MetricsDigests { ${fields} }`);
    expect(answer.status).toBe(429);
    const after = await scrape();
    expect(value(after, 'ecert_rate_limit_refusals_total', { limit: 'digest' }) - value(before, 'ecert_rate_limit_refusals_total', { limit: 'digest' })).toBe(1);
    expect(value(after, 'ecert_graphql_requests_total', { operation: 'MetricsDigests', outcome: 'RATE_LIMITED' })).toBe(1);
  });
});

describe("a node's metrics", () => {
  it('grow by the access records a read of personal data writes at the node that keeps it', async () => {
    const before = await scrape('/metrics/nodes/350100');
    const answer = await hub.request(consumerToken, READ, { id: licenceId });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificate'].holderCode).toBe(ENTITY.uscc);
    const after = await scrape('/metrics/nodes/350100');
    const written = (samples: Sample[]) => value(samples, 'ecert_access_records_written_total', { node: '350100' });
    expect(written(after) - written(before)).toBeGreaterThanOrEqual(1);
    // Every sample of a node's registry says which node it is.
    expect(after.every((sample) => sample.labels['node'] === '350100')).toBe(true);
  });

  it('count import rows accepted, skipped and rejected', async () => {
    const issuer = await hub.as(AGENCY.fuzhouIssuer);
    const row = (line: number, number: string, holderCode: string) => ({
      line,
      number,
      holderKind: 'ORGANIZATION',
      holderCode,
      holderName: ENTITY.name,
      issuedOn: '2020-01-02',
      validFrom: '2020-01-02',
      items: [
        { code: 'name', value: ENTITY.name },
        { code: 'legalRepresentative', value: '林建国' },
      ],
    });
    const IMPORT = /* GraphQL */ `mutation MetricsImport($t: ID!, $rows: [ImportRowInput!]!) { importCertificates(typeCode: $t, rows: $rows) { imported skipped rejected { line } } }`;
    const before = await scrape('/metrics/nodes/350100');
    const first = await issuer(IMPORT, { t: BUSINESS_LICENCE.code, rows: [row(1, 'PAPER-M-1', ENTITY.uscc), row(2, 'PAPER-M-2', `${ENTITY.uscc.slice(0, 17)}Z`)] });
    expect(first.data!['importCertificates']).toMatchObject({ imported: 1, skipped: 0, rejected: [{ line: 2 }] });
    const again = await issuer(IMPORT, { t: BUSINESS_LICENCE.code, rows: [row(1, 'PAPER-M-1', ENTITY.uscc)] });
    expect(again.data!['importCertificates']).toMatchObject({ imported: 0, skipped: 1 });
    const after = await scrape('/metrics/nodes/350100');
    const moved = (result: string) => value(after, 'ecert_certificate_import_rows_total', { result }) - value(before, 'ecert_certificate_import_rows_total', { result });
    expect([moved('accepted'), moved('skipped'), moved('rejected')]).toEqual([1, 1, 1]);
  });

  it('show the events not yet dispatched to webhooks and the age of the oldest', async () => {
    // The test hub delivers no webhooks: the events of the issuance and the import wait.
    const samples = await scrape('/metrics/nodes/350100');
    expect(value(samples, 'ecert_event_outbox_pending_events')).toBeGreaterThanOrEqual(2);
    expect(value(samples, 'ecert_event_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    const engine = hub.nodes.find((node) => node.code === '350100')!.database.engine;
    // postgres.js's pool where it has one; PGlite has none to show.
    expect(samples.some((sample) => sample.name === 'ecert_db_pool_max_connections')).toBe(engine === 'postgres');
  });

  it('are refused through the gateway without the role operator, and unknown nodes are 404', async () => {
    for (const [authorization, status] of [
      [undefined, 401],
      [`Bearer ${consumerToken}`, 403],
    ] as const) {
      const answer = await get('/metrics/nodes/350100', authorization);
      expect(answer.status).toBe(status);
      expect(answer.text).not.toContain('ecert_');
    }
    expect((await get('/metrics/nodes/350900', `Bearer ${operatorToken}`)).status).toBe(404);
  });

  it("are read at the node itself only with the node's metrics token, compared in constant time", async () => {
    const node = hub.nodes.find((entry) => entry.code === '350200')!;
    for (const authorization of [undefined, `Bearer ${operatorToken}`, `Bearer ${NODE_TOKEN}x`, `Bearer ${NODE_TOKEN.slice(0, -1)}`]) {
      const answer = await get('/metrics', authorization, node.url);
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.text).not.toContain('ecert_');
    }
    const answer = await get('/metrics', `Bearer ${NODE_TOKEN}`, node.url);
    expect(answer.status).toBe(200);
    expect(value(parsePrometheus(answer.text), 'ecert_access_records_written_total', { node: '350200' })).toBeGreaterThanOrEqual(0);
    expect(metricsTokenMatches(NODE_TOKEN, `Bearer ${NODE_TOKEN}`)).toBe(true);
    expect(metricsTokenMatches(NODE_TOKEN, 'Bearer ')).toBe(false);
  });
});

describe('the log line of a GraphQL request', () => {
  it('names the request, trace, principal, operation, nodes, duration and outcome, and nothing of the token or the data', async () => {
    const answer = await hub.request(consumerToken, READ, { id: licenceId }, {
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
      'x-request-id': 'client-ref-17',
    });
    expect(answer.errors).toBeUndefined();
    const [line, ...more] = requestLines(answer.requestId);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      requestId: answer.requestId,
      clientRequestId: 'client-ref-17',
      traceId: TRACE_ID,
      principal: { kind: 'agency', code: AGENCY.consumer.sub },
      operation: 'MetricsRead',
      nodes: ['350100'],
      status: 200,
      outcome: 'ok',
      errorCodes: [],
    });
    expect(line!['durationMs']).toBeGreaterThan(0);
    const raw = logLines.find((text) => text.includes(answer.requestId!))!;
    for (const secret of [consumerToken, ENTITY.uscc, ENTITY.name, '林建国', licenceId]) expect(raw).not.toContain(secret);
  });

  it("names a holder only by kind, a refused token not at all, and the error codes of the answer", async () => {
    const holderToken = await hub.token({ sub: ENTITY.uscc, kind: 'holder' });
    const mine = await hub.request(holderToken, `query MetricsMine { certificate(id: "${licenceId}") { id } }`, {}, { traceparent: 'not-a-traceparent' });
    expect(mine.errors).toBeUndefined();
    expect(requestLines(mine.requestId)[0]).toMatchObject({ principal: { kind: 'holder', code: null }, traceId: null, outcome: 'ok' });

    const refused = await hub.request('not.a.token', `query MetricsRefused { certificateTypes { code } }`);
    expect(requestLines(refused.requestId)[0]).toMatchObject({ principal: null, operation: null, status: 401, outcome: 'UNAUTHENTICATED' });

    const forbidden = await hub.request(consumerToken, `query MetricsForbidden { grants { id } }`);
    expect(requestLines(forbidden.requestId)[0]).toMatchObject({ operation: 'MetricsForbidden', outcome: 'FORBIDDEN', errorCodes: ['FORBIDDEN'], nodes: ['350000'] });
    const text = logLines.join('\n');
    expect(text).not.toContain(holderToken);
    expect(text).not.toContain('not.a.token');
  });
});

describe('the pieces', () => {
  it('keeps the first 200 operation names apart and counts every later one as other', () => {
    const metrics = new GatewayMetrics({ breakers: () => new Map(), rateLimits: () => ({ refused: { public: 0, digest: 0 } }) as never });
    for (let i = 0; i < MAX_OPERATION_NAMES; i++) expect(metrics.operationLabel(`Op${i}`, true)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany', true)).toBe('other');
    expect(metrics.operationLabel('Op7', true)).toBe('Op7');
    expect(metrics.operationLabel(null, true)).toBe('anonymous');
    expect(metrics.operationLabel(null, false)).toBe('none');
  });

  it('reads a trace id only from a well-formed traceparent', () => {
    expect(traceIdOf(`00-${TRACE_ID}-00f067aa0ba902b7-01`)).toBe(TRACE_ID);
    for (const bad of [undefined, '', `ff-${TRACE_ID}-00f067aa0ba902b7-01`, `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${TRACE_ID}-${'0'.repeat(16)}-01`, `00-${TRACE_ID.toUpperCase()}-00f067aa0ba902b7-01`, `00-${TRACE_ID}-00f067aa0ba902b7`]) {
      expect(traceIdOf(bad)).toBeNull();
    }
  });

  it('logs an internal error with its stack and answers the client only "internal error"', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', destination: { write: (line: string) => void lines.push(line) } });
    const cause = new Error('relation "certificate.secret" does not exist');
    const formatted = hideInternalErrors({ message: cause.message, path: ['certificate'] }, new GraphQLError(cause.message, { originalError: cause }), logger);
    expect(formatted).toEqual({ message: 'internal error', path: ['certificate'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const record = JSON.parse(lines[0]!) as { level: number; msg: string; err: { message: string; stack: string } };
    expect(record).toMatchObject({ level: 50, msg: 'internal error', err: { message: cause.message } });
    expect(record.err.stack).toContain('metrics.test.ts');
  });
});
