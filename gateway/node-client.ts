import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HUB_CONTEXT_HEADER, type FetchSigner } from '../lib/hub-context.js';
import { getStatus, postBytes } from '../lib/http.js';
import { injectTrace, NO_TRACING } from '../lib/tracing.js';
import { CircuitBreaker, type BreakerSnapshot, type CircuitBreakerOptions } from './circuit-breaker.js';
import type { FetchFailure, FetchObserver } from './metrics.js';
import type { Topology } from './topology.js';

export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown> | undefined;
  operationName?: string | undefined;
}

export interface SubgraphError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: SubgraphError[];
}

/** A node did not answer in time, or not with GraphQL: it costs only its own part. */
export class NodeUnavailableError extends Error {
  constructor(
    readonly node: string,
    readonly reason: string,
    /** The reason as the gateway's metrics count it. */
    readonly failure: FetchFailure = 'connection',
  ) {
    super(`node ${node} is unavailable: ${reason}`);
  }
}

/** Ends a fetch's span with its outcome (`ok`, or the failure the metrics count); an error status when it failed. */
function endFetchSpan(span: Span, outcome: string): void {
  if (!span.isRecording()) return;
  span.setAttribute('ecert.outcome', outcome);
  if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
  span.end();
}

/** How long a pooled connection to a node may stay idle. */
const IDLE_SOCKET_MS = 30_000;

/** How long a node may take to answer a mutation, whatever the (shorter) per-node timeout of reads. */
export const WRITE_TIMEOUT_MS = 30_000;
const MUTATION = /^\s*mutation\b/;

/**
 * Sends subgraph operations to nodes over HTTP with keep-alive connections, a per-node
 * timeout and a circuit breaker per node: a node that keeps failing is not sent anything
 * until a probe after the cooldown finds it answering again. Nothing here retries: a
 * mutation must never run twice.
 */
export class NodeClient {
  // An idle pooled connection is closed after IDLE_SOCKET_MS, well before a node closes it
  // (KEEP_ALIVE_MS, scripts/embedded-hub.ts listen): reusing a connection the node is closing
  // at that moment fails the request with ECONNRESET, and a write cannot be retried.
  private readonly httpAgent = new Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
  private readonly httpsAgent: HttpsAgent;
  private readonly breakers: Map<string, CircuitBreaker>;

  /**
   * `ca`: the certificates (PEM) that nodes served over https chain to, when not a public CA;
   * `observer`: told of every fetch's time or failure (the gateway's metrics); `tracer`: makes
   * a client span of every fetch (lib/tracing.ts; the no-op tracer by default).
   */
  constructor(
    private readonly topology: Topology,
    private readonly timeoutMs: number,
    breaker: CircuitBreakerOptions = {},
    ca?: string | Buffer,
    private readonly observer: FetchObserver | null = null,
    private readonly tracer: Tracer = NO_TRACING.tracer,
  ) {
    this.breakers = new Map(topology.nodes.map((entry) => [entry.code, new CircuitBreaker(breaker)]));
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS, ...(ca ? { ca } : {}) });
  }

  /**
   * One subgraph operation at one node. Any answer in GraphQL's shape, errors included, counts
   * as the node answering; no answer in time, or none in GraphQL's shape, as a failure. `sign`
   * makes the context for this fetch: bound to this node, this subgraph and this very body.
   * `parent`: the trace the fetch belongs to (the client request's span), whose `traceparent`
   * the node continues; none for the gateway's own fetches.
   */
  send(node: string, subgraph: string, body: SubgraphRequest, sign: FetchSigner, requestId: string, parent: Context = ROOT_CONTEXT): Promise<SubgraphResponse> {
    // Attributes name the node and subgraph only: never the query's variables or the context.
    const span = this.tracer.startSpan(
      `fetch ${node}/${subgraph}`,
      { kind: SpanKind.CLIENT, attributes: { 'ecert.node': node, 'ecert.subgraph': subgraph, 'http.request.method': 'POST' } },
      parent,
    );
    const breaker = this.breakers.get(node);
    if (!breaker) {
      span.end();
      return Promise.reject(new Error(`unknown node ${node}`));
    }
    const permit = breaker.admit();
    if (!permit) {
      // The same words for every refusal while open, so that repeats of it read (and merge) as one.
      const reason = `refused without sending: ${breaker.failureThreshold} consecutive failures opened its circuit breaker`;
      this.observer?.failed(node, subgraph, 'circuit_open');
      endFetchSpan(span, 'circuit_open');
      return Promise.reject(new NodeUnavailableError(node, reason, 'circuit_open'));
    }
    // A write gets longer than a read: cut off, it would still commit at the node while the
    // client is told the node is unavailable. A batch of the paper stock takes seconds.
    const timeoutMs = MUTATION.test(body.query) ? Math.max(this.timeoutMs, WRITE_TIMEOUT_MS) : this.timeoutMs;
    const started = performance.now();
    return this.post(node, subgraph, body, sign, requestId, timeoutMs, span, parent).then(
      (answer) => {
        permit.succeeded();
        this.observer?.fetched(node, subgraph, (performance.now() - started) / 1000);
        endFetchSpan(span, 'ok');
        return answer;
      },
      (error: unknown) => {
        permit.failed();
        const failure = error instanceof NodeUnavailableError ? error.failure : 'connection';
        this.observer?.failed(node, subgraph, failure);
        endFetchSpan(span, failure);
        throw error;
      },
    );
  }

  /** Each node's circuit breaker, for the gateway's /healthz. */
  breakerStates(): Map<string, BreakerSnapshot> {
    return new Map([...this.breakers].map(([node, breaker]) => [node, breaker.snapshot()]));
  }

  private async post(
    node: string,
    subgraph: string,
    body: SubgraphRequest,
    sign: FetchSigner,
    requestId: string,
    timeoutMs: number,
    span: Span,
    parent: Context,
  ): Promise<SubgraphResponse> {
    const url = new URL(`${this.topology.node(node).url}/${subgraph}`);
    const payload = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { [HUB_CONTEXT_HEADER]: sign({ node, subgraph }, payload), 'x-request-id': requestId };
    // Not covered by the signed context (which binds the body), and need not be: a wrong
    // traceparent misplaces a span in a trace, and opens nothing.
    injectTrace(span.isRecording() ? trace.setSpan(parent, span) : parent, headers);
    let answer: { status: number; text: string };
    try {
      answer = await postBytes(url, payload, headers, { agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent, timeoutMs });
    } catch (error) {
      const reason = (error as Error).message;
      throw new NodeUnavailableError(node, reason, reason.startsWith('no answer within') ? 'timeout' : 'connection');
    }
    span.setAttribute('http.response.status_code', answer.status);
    if (answer.status === 401) throw new NodeUnavailableError(node, "it refused the gateway's credentials", 'unauthenticated');
    let parsed: SubgraphResponse;
    try {
      parsed = JSON.parse(answer.text) as SubgraphResponse;
    } catch {
      throw new NodeUnavailableError(node, `HTTP ${answer.status} without a GraphQL answer`, 'bad_answer');
    }
    if (typeof parsed !== 'object' || parsed === null || (!('data' in parsed) && !('errors' in parsed))) {
      throw new NodeUnavailableError(node, `HTTP ${answer.status} without a GraphQL answer`, 'bad_answer');
    }
    return parsed;
  }

  /**
   * A node's metrics, for the gateway's operator-only /metrics/nodes/CODE: a POST of an empty
   * body to <node>/metrics with a context `sign` makes for that node's `metrics` (the operator's,
   * whom the node checks for the role). Not through the breaker: a scrape of a node that is down
   * is the operator's business, not a client's. Rejects with the reason the node was not reached.
   */
  async metrics(node: string, sign: FetchSigner, requestId: string): Promise<{ status: number; contentType: string; text: string }> {
    const url = new URL(`${this.topology.node(node).url}/metrics`);
    const payload = Buffer.alloc(0);
    const headers = { [HUB_CONTEXT_HEADER]: sign({ node, subgraph: 'metrics' }, payload), 'x-request-id': requestId };
    const answer = await postBytes(url, payload, headers, { agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent, timeoutMs: this.timeoutMs });
    return { status: answer.status, contentType: answer.contentType ?? 'text/plain; charset=utf-8', text: answer.text };
  }

  /** GET <node>/healthz, for the gateway's own /healthz. */
  async health(node: string): Promise<{ status: 'ok' | 'unavailable'; ms: number; reason?: string }> {
    const started = performance.now();
    const url = new URL(`${this.topology.node(node).url}/healthz`);
    const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    try {
      const status = await getStatus(url, agent, this.timeoutMs);
      const ms = Math.round(performance.now() - started);
      return status === 200 ? { status: 'ok', ms } : { status: 'unavailable', ms, reason: `HTTP ${status}` };
    } catch (error) {
      return { status: 'unavailable', ms: Math.round(performance.now() - started), reason: (error as Error).message };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
