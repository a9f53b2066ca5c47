import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../lib/log.js';
import { componentRegistry } from '../lib/metrics.js';
import { executeRows, type NodeDatabase } from './kit/db.js';
import type { NodeCounters } from './kit/context.js';

/*
 * A node's metrics (README › Operating the hub › Metrics), in a registry of its own whose every
 * sample carries `node="<code>"`. The subgraphs move counters as they work (NodeCounters); the
 * event outbox and the database pool are read when Prometheus scrapes, one cheap query each.
 */

/** How long one reading of the database serves the gauges it feeds (the scrape reads them all at once). */
const READING_TTL_MS = 1_000;

interface OutboxReading {
  pending: number;
  oldestSeconds: number;
}

type PoolReading = Array<{ state: string; count: number }>;

/** The postgres.js client behind a node's drizzle handle, when it has one (PGlite has no pool). */
function postgresClient(database: NodeDatabase): { options?: { max?: unknown } } | null {
  if (database.engine !== 'postgres') return null;
  return (database.db as unknown as { $client?: { options?: { max?: unknown } } }).$client ?? null;
}

/** Reuses one reading for READING_TTL_MS: two gauges fed by one query share it. */
function shared<T>(read: () => Promise<T>): () => Promise<T> {
  let reading: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = performance.now();
    if (!reading || now - reading.at > READING_TTL_MS) reading = { at: now, value: read() };
    return reading.value;
  };
}

export interface NodeMetricsOptions {
  code: string;
  database: NodeDatabase;
  /** Where a reading that failed at scrape time is reported. */
  logger: Logger;
  /** Also Node's own metrics (CPU, memory, event loop, GC): for a node that is its process's only component. */
  processMetrics?: boolean;
}

/** The metrics of one node. */
export class NodeMetrics implements NodeCounters {
  readonly registry: Registry;
  readonly #records: Counter;
  readonly #imported: Counter<'result'>;

  constructor(options: NodeMetricsOptions) {
    const { database, logger } = options;
    this.registry = componentRegistry({ node: options.code });
    const registers = [this.registry];
    this.#records = new Counter({
      name: 'ecert_access_records_written_total',
      help: "Access records appended to the node's hash-chained access log (reads of personal data, changes, webhook deliveries)",
      registers,
    });
    this.#imported = new Counter({
      name: 'ecert_certificate_import_rows_total',
      help: 'Rows of the paper stock importCertificates was given, by result: accepted (stored), skipped (already there), rejected',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['accepted', 'skipped', 'rejected']) this.#imported.inc({ result }, 0);

    // The partial index events_undispatched_idx holds only the events not yet dispatched: the
    // count reads the index alone, the oldest one entry and its row.
    const outbox = shared(async (): Promise<OutboxReading | null> => {
      try {
        const [row] = await executeRows<{ pending: number; oldest: number }>(
          database.db,
          sql`select (select count(*) from events.events where not dispatched)::int as pending,
                     coalesce((select extract(epoch from now() - at) from events.events where not dispatched order by seq limit 1), 0)::float8 as oldest`,
        );
        return { pending: Number(row?.pending ?? 0), oldestSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
      } catch (error) {
        logger.warn({ err: error }, 'metrics: the event outbox could not be read');
        return null;
      }
    });
    new Gauge({
      name: 'ecert_event_outbox_pending_events',
      help: 'Events not yet dispatched to webhooks (read at scrape time; absent when the database could not be read)',
      registers,
      async collect() {
        this.reset();
        const reading = await outbox();
        if (reading) this.set(reading.pending);
      },
    });
    new Gauge({
      name: 'ecert_event_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest event not yet dispatched to webhooks, 0 when none waits (read at scrape time)',
      registers,
      async collect() {
        this.reset();
        const reading = await outbox();
        if (reading) this.set(reading.oldestSeconds);
      },
    });

    // postgres.js shows only its configured size; what its connections are doing is read from
    // pg_stat_activity: the sessions of this database and user under the pool's application_name
    // (every process of this node: run one), the scrape's own excepted. PGlite has no pool.
    const client = postgresClient(database);
    if (client) {
      const pool = shared(async (): Promise<PoolReading | null> => {
        try {
          const rows = await executeRows<{ state: string | null; count: number }>(
            database.db,
            sql`select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity
                where datname = current_database() and usename = current_user
                  and application_name = current_setting('application_name') and pid <> pg_backend_pid()
                group by 1`,
          );
          return rows.map((row) => ({ state: row.state ?? 'unknown', count: Number(row.count) }));
        } catch (error) {
          logger.warn({ err: error }, 'metrics: the database pool could not be read');
          return null;
        }
      });
      new Gauge({
        name: 'ecert_db_pool_max_connections',
        help: "The most connections the node's postgres.js pool opens",
        registers,
        collect() {
          this.set(Number(client.options?.max ?? 0));
        },
      });
      new Gauge({
        name: 'ecert_db_connections',
        help: "Connections of the node's pool open at its PostgreSQL, by state (active, idle, idle in transaction, …), the scrape's own excepted",
        labelNames: ['state'],
        registers,
        async collect() {
          this.reset();
          for (const { state, count } of (await pool()) ?? []) this.set({ state }, count);
        },
      });
    }
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  readonly accessRecordsWritten = (records: number): void => {
    this.#records.inc(records);
  };

  readonly importedRows = (rows: { accepted: number; skipped: number; rejected: number }): void => {
    this.#imported.inc({ result: 'accepted' }, rows.accepted);
    this.#imported.inc({ result: 'skipped' }, rows.skipped);
    this.#imported.inc({ result: 'rejected' }, rows.rejected);
  };
}
