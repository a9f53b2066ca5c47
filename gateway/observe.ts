import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../lib/http.js';
import type { Logger } from '../lib/log.js';
import { incomingTrace, MAX_TRACED_NAME } from '../lib/tracing.js';
import type { Principal } from '../lib/principal.js';
import type { GatewayContext, RequestObservation } from './context.js';
import type { GatewayMetrics } from './metrics.js';

/*
 * One client request seen whole, for the gateway's metrics and its log line (README › Operating
 * the hub › Logs): the handler starts an observation, the context and the data sources note who
 * asked and which nodes were fetched from, a plugin notes the operation and the answer's error
 * codes, and the handler finishes it once the answer is sent.
 */

/** `version-traceid-parentid-flags`, lower-case hex (W3C Trace Context). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The trace id of a W3C `traceparent` header, or null when there is none or it is not one
 * (version ff, an all-zero trace or parent id, anything malformed): a log field must not carry
 * whatever a client sends.
 */
export function traceIdOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : TRACEPARENT.exec(value.trim());
  if (!match || match[1] === 'ff' || /^0+$/.test(match[2]!) || /^0+$/.test(match[3]!)) return null;
  return match[2]!;
}

/**
 * Starts observing a request the gateway has just received, and its span (`tracer`'s, continuing
 * a client's valid `traceparent`; the no-op tracer's with tracing off, which carries the client's
 * trace on to the nodes unchanged and records nothing).
 */
export function startObservation(req: IncomingMessage, tracer: Tracer): RequestObservation {
  const parent = incomingTrace(req.headers);
  const span = tracer.startSpan(
    `${req.method ?? 'GET'} ${requestPathOf(req)}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': requestPathOf(req) } },
    parent,
  );
  const spanContext = span.spanContext();
  return {
    startedAt: performance.now(),
    // The gateway's own trace when it records one, so that the log line leads to it.
    traceId: span.isRecording() ? spanContext.traceId : traceIdOf(req.headers['traceparent']),
    span,
    trace: trace.setSpan(parent, span),
    principal: null,
    resolved: false,
    operationName: null,
    nodes: new Set(),
    codes: [],
  };
}

function addCode(observation: RequestObservation, code: unknown): void {
  const text = typeof code === 'string' && code !== '' ? code : 'INTERNAL_SERVER_ERROR';
  if (!observation.codes.includes(text)) observation.codes.push(text);
}

/** The path of a request, without its query string (a presentation link's token is in it). */
function requestPathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Notes an error the request failed with outside Apollo Server's pipeline (a refused token, a body too large, a bug). */
export function noteFailure(observation: RequestObservation, error: unknown): void {
  if (error instanceof HttpError) addCode(observation, error.code);
  else if (error instanceof GraphQLError) addCode(observation, error.extensions['code']);
  else addCode(observation, 'INTERNAL_SERVER_ERROR');
}

/**
 * Notes the operation's name once it is read, and the codes of the answer's errors (as the
 * client gets them, after formatError) before it is sent. Requests without an observation —
 * the gateway's own operations — are left alone.
 */
export function observationPlugin<TContext extends GatewayContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const observation = contextValue.observation;
      if (!observation) return;
      return {
        async didResolveOperation({ operationName }) {
          observation.resolved = true;
          observation.operationName = operationName ?? null;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) addCode(observation, error.extensions?.['code']);
        },
      };
    },
  };
}

/** The code a refusal Apollo Server or the handler answered without a GraphQL error of ours stands for. */
function statusCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}

/**
 * Who asked, as the log line names them: an agency by its USCC, the hub's own services by
 * theirs; a holder only by kind — a holder's code is a person's ID number, which no log keeps.
 */
function principalField(principal: Principal | null): { kind: string; code: string | null } | null {
  if (!principal) return null;
  if (principal.kind === 'agency' || principal.kind === 'service') return { kind: principal.kind, code: principal.code };
  return { kind: principal.kind, code: null };
}

/** Longest operation name a log line carries. */
const MAX_LOGGED_NAME = 200;

/** Where a finished observation goes. */
export interface ObservationSinks {
  metrics: GatewayMetrics;
  logger: Logger;
}

/** Codes that make the gateway's span an error: the hub failed, not the client. */
const FAILURE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'NODE_UNAVAILABLE']);

/**
 * Ends the request's span with what the log line says of it, less the agency's code: the
 * operation's name, the principal's kind, the nodes asked, the status and outcome. Never the
 * token, variables, item values or a holder's code.
 */
function endSpan(observation: RequestObservation, status: number): void {
  const { span } = observation;
  if (!span.isRecording()) return;
  span.setAttributes({
    'http.response.status_code': status,
    'ecert.principal.kind': observation.principal?.kind ?? 'none',
    'ecert.nodes': [...observation.nodes].sort(),
    'ecert.outcome': observation.codes[0] ?? 'ok',
    'ecert.error_codes': observation.codes,
  });
  if (observation.operationName) span.setAttribute('graphql.operation.name', observation.operationName.slice(0, MAX_TRACED_NAME));
  if (status >= 500 || observation.codes.some((code) => FAILURE_CODES.has(code))) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: observation.codes[0] ?? `HTTP ${status}` });
  }
  span.end();
}

/**
 * Finishes a request once its answer is sent with `status`: moves the request counters and
 * histogram, and writes its log line — request ids, trace id, principal (never the token),
 * operation, nodes asked, duration and outcome (never variables, item values or holder codes).
 */
export function finishObservation(
  observation: RequestObservation,
  status: number,
  ids: { requestId: string; clientRequestId: string | null },
  sinks: ObservationSinks,
): void {
  const seconds = (performance.now() - observation.startedAt) / 1000;
  if (observation.codes.length === 0 && status >= 400) observation.codes.push(statusCode(status));
  const { metrics, logger } = sinks;
  metrics.request(metrics.operationLabel(observation.operationName, observation.resolved), observation.codes, seconds);
  endSpan(observation, status);
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      requestId: ids.requestId,
      clientRequestId: ids.clientRequestId,
      traceId: observation.traceId,
      principal: principalField(observation.principal),
      // A name is a GraphQL name, but as long as the client likes: a log line is kept short.
      operation: observation.operationName && observation.operationName.slice(0, MAX_LOGGED_NAME),
      nodes: [...observation.nodes].sort(),
      durationMs: Math.round(seconds * 10_000) / 10,
      status,
      outcome: observation.codes[0] ?? 'ok',
      errorCodes: observation.codes,
    },
    'graphql request',
  );
}
