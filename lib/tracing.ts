import { context, ProxyTracerProvider, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { IncomingHttpHeaders } from 'node:http';

/*
 * Traces (README › Operating the hub › Traces): explicit spans, no auto-instrumentation. The
 * entry points turn tracing on (OTEL_EXPORTER_OTLP_ENDPOINT) and hand {@link TracingOptions}
 * down; every component then has its own tracer provider, so that in one process (npm start)
 * the gateway and each node still report as services of their own. Without options a component
 * gets the API's no-op tracer: spans cost an object, attributes nothing, and nothing is sent.
 */

/** What turns tracing on for a component: where its spans go. */
export interface TracingOptions {
  /**
   * Makes the span processor of one component (each gets its own, so that one stopping does not
   * stop the others' export): a BatchSpanProcessor over OTLP in production ({@link otlpTracing}),
   * a SimpleSpanProcessor over an in-memory exporter in tests.
   */
  spanProcessor(): SpanProcessor;
}

/** One component's tracing: its tracer, and the flush of what it has not sent yet. */
export interface ComponentTracing {
  readonly tracer: Tracer;
  /** Whether spans are recorded and exported at all; false: the no-op tracer. */
  readonly enabled: boolean;
  /** Sends the spans not yet exported and stops the exporter; nothing when tracing is off. */
  shutdown(): Promise<void>;
}

/** The instrumentation scope of every span the hub makes. */
const SCOPE = 'ecert-hub';
const VERSION = '0.1.0';

/** The API's own no-op tracer: no global provider is ever registered, so it stays a no-op. */
const NOOP_TRACER: Tracer = new ProxyTracerProvider().getTracer(SCOPE);

/** Tracing off: the no-op tracer. */
export const NO_TRACING: ComponentTracing = { tracer: NOOP_TRACER, enabled: false, shutdown: async () => {} };

/** W3C Trace Context (`traceparent`, `tracestate`): what the gateway reads from clients and sends to nodes. */
export const TRACE_PROPAGATOR = new W3CTraceContextPropagator();

let contextManagerSet = false;

/**
 * The tracing of one component named `serviceName` (`ecert-gateway`, `ecert-node-<code>`), or
 * {@link NO_TRACING} without options. The first component traced makes the process keep the
 * active span across awaits (AsyncLocalStorage), which the nodes' SQL spans need to find their
 * request's span; with tracing off that is never set up.
 */
export function componentTracing(options: TracingOptions | undefined, serviceName: string): ComponentTracing {
  if (!options) return NO_TRACING;
  if (!contextManagerSet) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerSet = true;
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: VERSION }),
    spanProcessors: [options.spanProcessor()],
  });
  return { tracer: provider.getTracer(SCOPE, VERSION), enabled: true, shutdown: () => provider.shutdown() };
}

/**
 * Tracing to an OTLP/HTTP collector at `endpoint` (OTEL_EXPORTER_OTLP_ENDPOINT: the base URL,
 * `/v1/traces` is appended as the specification says), batched: spans leave in the background,
 * at most every 5 s or 512 at a time, never on a request's path.
 */
export function otlpTracing(endpoint: string): TracingOptions {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  return { spanProcessor: () => new BatchSpanProcessor(new OTLPTraceExporter({ url })) };
}

const headerGetter = {
  keys: (carrier: IncomingHttpHeaders) => Object.keys(carrier),
  get: (carrier: IncomingHttpHeaders, key: string) => carrier[key],
};

/**
 * The trace an incoming request continues: its valid `traceparent` (and `tracestate`), else
 * none (the root context). A request without the header costs one property read.
 */
export function incomingTrace(headers: IncomingHttpHeaders): Context {
  if (headers['traceparent'] === undefined) return ROOT_CONTEXT;
  return TRACE_PROPAGATOR.extract(ROOT_CONTEXT, headers, headerGetter);
}

/**
 * Adds `traceparent` (and `tracestate`) for the span of `parent` to outgoing `headers`, when it
 * has a valid span context: a span of ours when tracing is on; with tracing off, only the
 * trace a client sent, passed on unchanged.
 */
export function injectTrace(parent: Context, headers: Record<string, string>): void {
  const span = trace.getSpan(parent);
  if (!span || !trace.isSpanContextValid(span.spanContext())) return;
  TRACE_PROPAGATOR.inject(parent, headers, { set: (carrier, key, value) => void (carrier[key] = value) });
}

/** Longest SQL statement text a span carries. */
export const MAX_STATEMENT_CHARS = 2_000;
/** Longest operation name a span carries (as the log line). */
export const MAX_TRACED_NAME = 200;
