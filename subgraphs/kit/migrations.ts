import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { executeRows, MIGRATIONS_SCHEMA, migrationsTableOf, type NodeDatabase } from './db.js';

/** One drizzle-kit migration of a subgraph that a database has not applied yet. */
export interface PendingMigration {
  subgraph: string;
  /** The migration's name in its folder, e.g. `0007_targets` (its SQL is `<tag>.sql`). */
  tag: string;
  /** When drizzle-kit generated it (the journal's `when`, drizzle's `folderMillis`): what drizzle compares. */
  folderMillis: number;
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** The migrations of a drizzle-kit folder, in the order drizzle applies them (its meta/_journal.json). */
function journalOf(folder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/**
 * The migrations of `subgraph` in `folder` that `database` has not applied, in the order they
 * would be applied — decided as drizzle's migrator decides (drizzle-orm 0.45, pg-core dialect
 * `migrate`): it takes the row of drizzle.<subgraph>_migrations with the latest `created_at` and
 * applies every migration of the folder's journal whose `when` is later; without that table or
 * row, every one. Neither drizzle nor this compares hashes, so a migration file edited after it
 * was applied does not show. Reads only: the table is not created when it is missing.
 */
export async function pendingMigrations(database: NodeDatabase, subgraph: string, folder: string): Promise<PendingMigration[]> {
  const table = migrationsTableOf(subgraph);
  const [present] = await executeRows<{ present: boolean }>(
    database.db,
    sql`select exists (select 1 from pg_catalog.pg_tables where schemaname = ${MIGRATIONS_SCHEMA} and tablename = ${table}) as present`,
  );
  let last: number | null = null;
  if (present?.present) {
    // drizzle's own query, NULLS FIRST under desc included, so that the two never disagree.
    const [row] = await executeRows<{ created_at: string | number | bigint | null }>(
      database.db,
      sql`select created_at from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(table)} order by created_at desc limit 1`,
    );
    if (row) last = Number(row.created_at);
  }
  return journalOf(folder)
    .filter((entry) => last === null || last < entry.when)
    .map((entry) => ({ subgraph, tag: entry.tag, folderMillis: entry.when }));
}

/** A node asked to start without migrating found migrations its database has not applied. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: readonly PendingMigration[]) {
    super(`the database has ${pending.length} migration${pending.length === 1 ? '' : 's'} not applied: ${describePending(pending)}`);
    this.name = 'PendingMigrationsError';
  }
}

/** Pending migrations grouped by subgraph, in order: `audit: 0000_a, 0001_b; catalog: 0007_targets`. */
export function describePending(pending: readonly PendingMigration[]): string {
  const bySubgraph = new Map<string, string[]>();
  for (const migration of pending) bySubgraph.set(migration.subgraph, [...(bySubgraph.get(migration.subgraph) ?? []), migration.tag]);
  return [...bySubgraph].map(([subgraph, tags]) => `${subgraph}: ${tags.join(', ')}`).join('; ');
}
