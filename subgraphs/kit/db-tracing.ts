import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { MAX_STATEMENT_CHARS } from '../../lib/tracing.js';
import type { NodeDatabase } from './db.js';

/*
 * A span per SQL statement a node runs for a traced request (README › Operating the hub ›
 * Traces), made at the driver, where a statement starts and ends: drizzle's logger sees a
 * statement start but never its end. Drizzle sends every statement through the client's
 * `query` (PGlite) or `unsafe` (postgres.js), a transaction's through the client it hands the
 * transaction's callback; those are wrapped on the node's own client object, nothing global.
 */

/** A span for `text` under the active span, or null when no traced request is running (jobs, migrations). */
function statementSpan(tracer: Tracer, text: string): Span | null {
  const active = context.active();
  if (!trace.getSpan(active)?.isRecording()) return null;
  // The statement only: drizzle sends every value as a parameter ($1, $2 …), and parameters are never recorded.
  const statement = text.length > MAX_STATEMENT_CHARS ? `${text.slice(0, MAX_STATEMENT_CHARS)}…` : text;
  const keyword = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? 'sql';
  return tracer.startSpan(keyword, { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.statement': statement } }, active);
}

function endStatement(span: Span, error?: unknown): void {
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? 'statement failed' });
  span.end();
}

/** Runs `run` inside a statement span of `text`, when the request is traced. */
async function traced<T>(tracer: Tracer, text: string, run: () => Promise<T>): Promise<T> {
  const span = statementSpan(tracer, text);
  if (!span) return run();
  try {
    const result = await run();
    endStatement(span);
    return result;
  } catch (error) {
    endStatement(span, error ?? 'error');
    throw error;
  }
}

/** PGlite's client, or a transaction's, as drizzle uses it. */
interface PgliteLike {
  query(text: string, ...rest: unknown[]): Promise<unknown>;
  transaction?(callback: (tx: PgliteLike) => Promise<unknown>): Promise<unknown>;
}

function tracePglite(client: PgliteLike, tracer: Tracer): void {
  const query = client.query.bind(client);
  client.query = (text, ...rest) => traced(tracer, text, () => query(text, ...rest));
  const transaction = client.transaction?.bind(client);
  if (transaction) {
    client.transaction = (callback) =>
      transaction((tx) => {
        tracePglite(tx, tracer);
        return callback(tx);
      });
  }
}

/** A postgres.js query: a lazy promise, run when first awaited. */
interface PendingQuery extends Promise<unknown> {
  values?(): PendingQuery;
}

/** postgres.js's `sql`, or a transaction's or savepoint's, as drizzle uses it. */
interface PostgresLike {
  unsafe(text: string, ...rest: unknown[]): PendingQuery;
  begin?(callback: (tx: PostgresLike) => Promise<unknown>): Promise<unknown>;
  savepoint?(callback: (tx: PostgresLike) => Promise<unknown>): Promise<unknown>;
}

function tracePostgres(sql: PostgresLike, tracer: Tracer): void {
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = (text, ...rest) => {
    const pending = unsafe(text, ...rest);
    const span = statementSpan(tracer, text);
    if (!span) return pending;
    // The span ends when the statement settles; `.values()` answers the same query object.
    const then = pending.then.bind(pending);
    pending.then = ((onFulfilled, onRejected) =>
      then(
        (value) => {
          endStatement(span);
          return onFulfilled ? onFulfilled(value) : value;
        },
        (error: unknown) => {
          endStatement(span, error ?? 'error');
          if (onRejected) return onRejected(error);
          throw error;
        },
      )) as PendingQuery['then'];
    return pending;
  };
  for (const name of ['begin', 'savepoint'] as const) {
    const open = sql[name]?.bind(sql);
    if (!open) continue;
    sql[name] = (callback) =>
      open((tx) => {
        tracePostgres(tx, tracer);
        return callback(tx);
      });
  }
}

/**
 * Makes `database` report every statement of a traced request as a span of `tracer` (db.system
 * `postgresql`, db.statement the statement text, at most {@link MAX_STATEMENT_CHARS} characters,
 * never its parameters). Only for a node whose tracing is on: with tracing off the client is left
 * as it is.
 */
export function traceStatements(database: NodeDatabase, tracer: Tracer): void {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.engine === 'pglite') tracePglite(client as PgliteLike, tracer);
  else tracePostgres(client as PostgresLike, tracer);
}
