import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AGENCY, BUSINESS_LICENCE, company, DEFINE_TYPE, ISSUE, licenceFor, uscc } from './support/fixtures.js';
import { startTestHub, TEST_NODES, type TestHub } from './support/hub.js';

/**
 * Traces (README › Operating the hub › Traces): one client request is one trace — the gateway's
 * span, a fetch span per node, each node's span under its fetch and the node's SQL statements
 * under that — and no span carries a token, a holder's code or a certificate's values.
 */
const HOLDER = { uscc: uscc('91', '350200', 7401), name: '厦门追踪测试贸易有限公司' };
const NUMBERS = ['TRACE-350000', 'TRACE-350100', 'TRACE-350200'];
const LIST = /* GraphQL */ `query HolderList { certificates(first: 10) { totalCount edges { node { id number holder { name } } } } }`;
const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_TRACEPARENT = `00-${CLIENT_TRACE}-b7ad6b7169203331-01`;

const exporter = new InMemorySpanExporter();
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('tracing', { tracing: { spanProcessor: () => new SimpleSpanProcessor(exporter) } });
  const steward = await hub.as(AGENCY.steward);
  expect((await steward(DEFINE_TYPE, { input: BUSINESS_LICENCE })).errors).toBeUndefined();
  const issuers = [await hub.as(AGENCY.provinceIssuer), await hub.as(AGENCY.fuzhouIssuer), await hub.as(AGENCY.xiamenIssuer)];
  for (const [i, issuer] of issuers.entries()) {
    expect((await issuer(ISSUE, { input: licenceFor(company(HOLDER.uscc, HOLDER.name), NUMBERS[i]!, '2025-03-01') })).errors).toBeUndefined();
  }
}, 120_000);

afterAll(() => hub?.stop());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('with tracing on', () => {
  it('a federated list is one trace: gateway span, a fetch per node, each node under its fetch, SQL under the nodes', async () => {
    const token = await hub.token({ sub: HOLDER.uscc, kind: 'holder' });
    exporter.reset();
    const answer = await hub.request(token, LIST, {}, { traceparent: CLIENT_TRACEPARENT });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!['certificates'].totalCount).toBe(3);

    // A node ends its span once its answer is written, which may be just after the gateway's.
    const nodeSpans = () => exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER && span.name === 'POST /certificate');
    await vi.waitFor(() => expect(nodeSpans()).toHaveLength(3));
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === CLIENT_TRACE);

    const gateway = spans.find((span) => span.name === 'POST /graphql')!;
    expect(gateway.resource.attributes['service.name']).toBe('ecert-gateway');
    expect(parentOf(gateway)).toBe('b7ad6b7169203331');
    expect(gateway.attributes).toMatchObject({ 'graphql.operation.name': 'HolderList', 'ecert.principal.kind': 'holder', 'http.response.status_code': 200, 'ecert.outcome': 'ok' });

    const fetches = spans.filter((span) => span.kind === SpanKind.CLIENT && span.name.endsWith('/certificate'));
    expect(fetches.map((span) => span.attributes['ecert.node']).sort()).toEqual(TEST_NODES.map((node) => node.code));
    for (const fetch of fetches) {
      expect(parentOf(fetch)).toBe(gateway.spanContext().spanId);
      expect(fetch.attributes).toMatchObject({ 'ecert.subgraph': 'certificate', 'http.response.status_code': 200, 'ecert.outcome': 'ok' });
      const node = spans.find((span) => span.kind === SpanKind.SERVER && parentOf(span) === fetch.spanContext().spanId);
      expect(node, `the span of node ${fetch.attributes['ecert.node']}`).toBeDefined();
      expect(node!.resource.attributes['service.name']).toBe(`ecert-node-${fetch.attributes['ecert.node']}`);
      expect(node!.attributes).toMatchObject({ 'ecert.node': fetch.attributes['ecert.node'], 'ecert.subgraph': 'certificate', 'ecert.principal.kind': 'holder' });
      const statements = spans.filter((span) => span.attributes['db.system'] === 'postgresql' && parentOf(span) === node!.spanContext().spanId);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) expect(String(statement.attributes['db.statement'])).toMatch(/^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set)\b/i);
    }

    // Nothing a span holds is a secret or a person's or company's data.
    const recorded = JSON.stringify(exporter.getFinishedSpans().map((span) => [span.name, span.attributes, span.events, span.status]));
    for (const secret of [token, HOLDER.uscc, HOLDER.name, ...NUMBERS]) expect(recorded).not.toContain(secret);
  });

  it('a request without a traceparent starts a trace of its own at the gateway', async () => {
    const token = await hub.token({ sub: HOLDER.uscc, kind: 'holder' });
    exporter.reset();
    expect((await hub.request(token, LIST)).errors).toBeUndefined();
    const gateway = exporter.getFinishedSpans().find((span) => span.name === 'POST /graphql')!;
    expect(parentOf(gateway)).toBeUndefined();
    expect(gateway.spanContext().traceId).not.toBe(CLIENT_TRACE);
  });
});

describe('with tracing off', () => {
  let plain: TestHub;
  beforeAll(async () => {
    // Grants kept for the whole test: a refresh of them is the gateway's own fetch, outside any trace.
    plain = await startTestHub('tracing_off', { grantTtlMs: 10 * 60_000 });
  }, 120_000);
  afterAll(() => plain?.stop());

  it("the nodes get no traceparent, or only the client's own passed on unchanged", async () => {
    const province = plain.nodes.find((node) => node.code === '350000')!.node;
    const handle = vi.spyOn(province, 'handle');
    const consumer = await plain.as(AGENCY.consumer);
    expect((await consumer(`{ certificateTypes { code } }`)).errors).toBeUndefined();
    const traceparents = () => handle.mock.calls.map(([req]) => (req as IncomingMessage).headers['traceparent']);
    expect(traceparents().length).toBeGreaterThan(0);
    expect(traceparents().every((header) => header === undefined)).toBe(true);

    handle.mockClear();
    expect((await consumer(`{ certificateTypes { code } }`, {}, { traceparent: CLIENT_TRACEPARENT })).errors).toBeUndefined();
    expect(traceparents().length).toBeGreaterThan(0);
    expect(traceparents().every((header) => header === CLIENT_TRACEPARENT)).toBe(true);
    handle.mockRestore();
  });
});
