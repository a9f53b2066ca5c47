import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { componentRegistry, LATENCY_BUCKETS } from '../lib/metrics.js';
import type { BreakerSnapshot, BreakerState } from './circuit-breaker.js';
import type { RateLimitStats } from './rate-limit.js';

/*
 * The gateway's metrics (README › Operating the hub › Metrics). Per request only counters and
 * histograms move — a few map lookups, nothing asynchronous; the breakers and the rate-limit
 * counters are read when Prometheus scrapes.
 */

/** Distinct operation names the metrics keep apart; later ones are counted as `other`. */
export const MAX_OPERATION_NAMES = 200;
/** Longest operation name kept as a label; a longer one is `other`. */
const MAX_OPERATION_NAME_LENGTH = 100;
/** A GraphQL name (what a resolved operation's name always is). */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** An error code as the hub and Apollo write them; anything else a node might send is `OTHER`. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Why a fetch to a node failed, as `ecert_node_fetch_errors_total` names it. */
export type FetchFailure = 'circuit_open' | 'timeout' | 'connection' | 'unauthenticated' | 'bad_answer';

/** What the node client reports of each fetch (gateway/node-client.ts). */
export interface FetchObserver {
  /** A node answered (in GraphQL's shape, errors or not) after `seconds`. */
  fetched(node: string, subgraph: string, seconds: number): void;
  failed(node: string, subgraph: string, reason: FetchFailure): void;
}

/** Where the gauges read at scrape time come from. */
export interface GatewayMetricSources {
  breakers(): ReadonlyMap<string, BreakerSnapshot>;
  rateLimits(): RateLimitStats;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The metrics of one gateway, in a registry of its own. */
export class GatewayMetrics implements FetchObserver {
  readonly registry: Registry;
  readonly #requests: Counter<'operation' | 'outcome'>;
  readonly #errors: Counter<'operation' | 'code'>;
  readonly #duration: Histogram<'operation'>;
  readonly #fetchDuration: Histogram<'node' | 'subgraph'>;
  readonly #fetchErrors: Counter<'node' | 'subgraph' | 'reason'>;
  readonly #names = new Set<string>();

  /** `processMetrics`: also Node's own (CPU, memory, event loop, GC): one registry per process should. */
  constructor(sources: GatewayMetricSources, options: { processMetrics?: boolean } = {}) {
    this.registry = componentRegistry();
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'ecert_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name and outcome: ok, or the code of the first error of the answer',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.#errors = new Counter({
      name: 'ecert_graphql_errors_total',
      help: 'GraphQL requests whose answer had an error of this code, by operation name (a request counts once per distinct code)',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'ecert_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its answer, by operation name',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#fetchDuration = new Histogram({
      name: 'ecert_node_fetch_duration_seconds',
      help: 'Time of one fetch from the gateway to a node that answered, by node code and subgraph',
      labelNames: ['node', 'subgraph'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#fetchErrors = new Counter({
      name: 'ecert_node_fetch_errors_total',
      help: 'Fetches to a node that failed (NODE_UNAVAILABLE), by node code, subgraph and reason: circuit_open, timeout, connection, unauthenticated, bad_answer',
      labelNames: ['node', 'subgraph', 'reason'],
      registers,
    });
    new Gauge({
      name: 'ecert_circuit_breaker_state',
      help: "Each node's circuit breaker: 0 closed, 1 half-open, 2 open",
      labelNames: ['node'],
      registers,
      collect() {
        for (const [node, breaker] of sources.breakers()) this.set({ node }, BREAKER_VALUE[breaker.state]);
      },
    });
    const seen = { public: 0, digest: 0 };
    new Counter({
      name: 'ecert_rate_limit_refusals_total',
      help: 'Requests refused with HTTP 429 by a rate limit: public (verifications without a token) or digest (digest checks)',
      labelNames: ['limit'],
      registers,
      // The limiter counts refusals anyway (for /healthz); the counter catches up when scraped.
      collect() {
        const { refused } = sources.rateLimits();
        for (const limit of ['public', 'digest'] as const) {
          this.inc({ limit }, Math.max(0, refused[limit] - seen[limit]));
          seen[limit] = refused[limit];
        }
      },
    });
    const names = this.#names;
    new Gauge({
      name: 'ecert_graphql_operation_names',
      help: `Distinct operation names the request metrics keep apart; at ${MAX_OPERATION_NAMES} every new name is counted as "other"`,
      registers,
      collect() {
        this.set(names.size);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The `operation` label of a request: its name (`anonymous` unnamed; `none` when no operation
   * was read: a body that is not GraphQL, a refused token) while fewer than MAX_OPERATION_NAMES
   * have been seen, else `other` — client-chosen names must not grow the series without bound.
   */
  operationLabel(name: string | null, resolved: boolean): string {
    if (!resolved) return 'none';
    if (name === null || name === '') return 'anonymous';
    if (this.#names.has(name)) return name;
    if (this.#names.size >= MAX_OPERATION_NAMES || name.length > MAX_OPERATION_NAME_LENGTH || !GRAPHQL_NAME.test(name)) return 'other';
    this.#names.add(name);
    return name;
  }

  /** One request answered: `codes` are its answer's distinct error codes, in order (none: ok). */
  request(operation: string, codes: readonly string[], seconds: number): void {
    const labels = codes.map((code) => (ERROR_CODE.test(code) ? code : 'OTHER'));
    this.#requests.inc({ operation, outcome: labels[0] ?? 'ok' });
    for (const code of new Set(labels)) this.#errors.inc({ operation, code });
    this.#duration.observe({ operation }, seconds);
  }

  fetched(node: string, subgraph: string, seconds: number): void {
    this.#fetchDuration.observe({ node, subgraph }, seconds);
  }

  failed(node: string, subgraph: string, reason: FetchFailure): void {
    this.#fetchErrors.inc({ node, subgraph, reason });
  }
}
