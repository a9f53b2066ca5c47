import type { Context, Span } from '@opentelemetry/api';
import type { FetchSigner } from '../lib/hub-context.js';
import type { Principal } from '../lib/principal.js';

/** What the gateway knows about a request when it fetches from subgraphs. */
export interface GatewayContext {
  principal: Principal;
  purpose: string | null;
  requestId: string;
  /**
   * The client's own X-Request-Id, when it is a plain token (`^[\w.:-]{1,64}$`), kept beside
   * the gateway's `requestId` so that a client can find its requests; null otherwise.
   */
  clientRequestId?: string | null;
  /** 办件号: the case number of the application the request serves (X-Case-Number), or null. */
  caseNumber?: string | null;
  /**
   * Signs the context of each fetch to a node (bound to that node, subgraph and body); the
   * request's claims, grants included, are gathered once, on first use.
   */
  fetchSigner(): Promise<FetchSigner>;
  /**
   * Runs an operation on the gateway's own account after this request is answered, without
   * waiting for it (Merged.followUp); failures are logged, never reported to the client.
   */
  followUp?(operation: { query: string; variables: Record<string, unknown> }): void;
  /**
   * What the gateway notes of a client's request while it runs, for its metrics and its log
   * line (gateway/observe.ts); absent for the gateway's own operations. One object shared by
   * every copy Apollo Server makes of the context.
   */
  observation?: RequestObservation;
}

/** A client request as the gateway's metrics and log line see it (gateway/observe.ts). */
export interface RequestObservation {
  /** When the gateway received it (performance.now()). */
  readonly startedAt: number;
  /** The W3C trace id of an incoming `traceparent` header, or of the gateway's own trace; else null. */
  readonly traceId: string | null;
  /** The gateway's span of the request (a no-op span with tracing off: lib/tracing.ts). */
  readonly span: Span;
  /** The context the request's node fetches are traced in: their parent is `span`. */
  readonly trace: Context;
  /** Who asked, once the token was checked; null before, or when it was refused. */
  principal: Principal | null;
  /** Whether an operation was read from the document; then `operationName` is its name, null unnamed. */
  resolved: boolean;
  operationName: string | null;
  /** The nodes fetched from for it. */
  readonly nodes: Set<string>;
  /** The distinct error codes of its answer, in order. */
  readonly codes: string[];
}

/**
 * What the gateway's own plugins know about a request besides what the data sources see: the
 * address its rate limits are keyed by.
 */
export interface RequestContext extends GatewayContext {
  clientAddress: string;
}
