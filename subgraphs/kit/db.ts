import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepNewFilesPrivate, makePrivateTree } from '../../lib/private-files.js';

/** The Drizzle handle every subgraph of a node shares; each subgraph touches only its own schema. */
export type HubDatabase = PgDatabase<PgQueryResultHKT>;

/**
 * The rows of a raw statement (`db.execute`): drizzle's PGlite session answers { rows }, its
 * postgres.js session the rows themselves.
 */
export async function executeRows<T>(db: HubDatabase, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Counts SQL statements a node executes, so tests can prove batching. */
export class StatementCounter {
  count = 0;
  readonly log: string[] = [];
  /** The parameters of each statement in `log`, in the same order (tests EXPLAIN them). */
  readonly params: unknown[][] = [];
  keepLog = false;

  logQuery(query: string, params: unknown[] = []): void {
    this.count++;
    if (this.keepLog) {
      this.log.push(query);
      this.params.push(params);
    }
  }

  reset(): void {
    this.count = 0;
    this.log.length = 0;
    this.params.length = 0;
  }
}

/** The schema of the tables in which drizzle's migrator records what it applied (drizzle's own default, named here once). */
export const MIGRATIONS_SCHEMA = 'drizzle';

/** The table in {@link MIGRATIONS_SCHEMA} that records which of `subgraph`'s migrations were applied. */
export const migrationsTableOf = (subgraph: string): string => `${subgraph}_migrations`;

/** Where drizzle's migrator keeps `subgraph`'s applied migrations, as its `migrate` functions take it. */
const migrationsConfig = (subgraph: string, migrationsFolder: string) => ({
  migrationsFolder,
  migrationsSchema: MIGRATIONS_SCHEMA,
  migrationsTable: migrationsTableOf(subgraph),
});

export interface NodeDatabase {
  db: HubDatabase;
  engine: 'pglite' | 'postgres';
  statements: StatementCounter;
  /**
   * Applies a subgraph's drizzle-kit migrations, tracked in drizzle.<subgraph>_migrations; those
   * still to apply are `pendingMigrations` (kit/migrations.ts).
   */
  migrate(subgraph: string, migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/** A database URL fit for a message or a log: its password, if any, shown as `***`. */
export function shownDatabaseUrl(url: string): string {
  if (!URL.canParse(url)) return '(a database URL that is not a URL)';
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return shown.toString();
}

export type DatabaseOptions = { databaseUrl: string; poolSize?: number } | { dataDir: string } | { memory: true };

/**
 * Opens a node's database: real PostgreSQL through postgres.js when a URL is given, else the
 * embedded PGlite, kept in `dataDir` across restarts (or in memory for quick tests). A data
 * directory is made private first — 0700 directories and 0600 files, including a tree left
 * readable by an earlier version — and the process umask gains 0o077 (see private-files.ts).
 */
export async function openNodeDatabase(options: DatabaseOptions): Promise<NodeDatabase> {
  const statements = new StatementCounter();
  if ('databaseUrl' in options) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      idle_timeout: 30,
      connect_timeout: 10,
    });
    const db = drizzlePostgres({ client, logger: statements });
    return {
      db,
      engine: 'postgres',
      statements,
      migrate: (subgraph, folder) => migratePostgres(db, migrationsConfig(subgraph, folder)),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!('dataDir' in options)) {
    const client = await fromEmptyCluster();
    return pgliteDatabase(client, statements, () => client.close());
  }
  const { dataDir } = options;
  // The umask, not only the walks: PGlite creates files while it runs (new WAL segments,
  // relation files) through Node's fs with modes of its own, minus the process umask.
  keepNewFilesPrivate();
  await makePrivateTree(dataDir);
  // A new directory starts as a copy of the empty cluster, as an in-memory database does.
  const client = existsSync(join(dataDir, 'PG_VERSION')) ? await PGlite.create(dataDir) : await fromEmptyCluster(dataDir);
  // Again once open, and once closed: a new directory's initial files (0666) and the relation
  // cache files PGlite rewrites as it starts (0644) get explicit modes that ignore the umask.
  // Inside 0700 directories no other user reaches such a file meanwhile.
  await makePrivateTree(dataDir);
  return pgliteDatabase(client, statements, async () => {
    await client.close();
    await makePrivateTree(dataDir);
  });
}

let emptyClusterDump: Promise<Blob> | undefined;

/**
 * A new database (in memory, or in the empty directory `dataDir`) made from the empty cluster;
 * when a kept cluster does not load (damaged, or of another build) it is made again, once, and
 * whatever the failed load left in `dataDir` is cleared first.
 */
async function fromEmptyCluster(dataDir?: string): Promise<PGlite> {
  const create = async (dump: Blob) => (dataDir === undefined ? PGlite.create({ loadDataDir: dump }) : PGlite.create(dataDir, { loadDataDir: dump }));
  try {
    return await create(await emptyCluster());
  } catch {
    emptyClusterDump = undefined;
    if (dataDir !== undefined) {
      rmSync(dataDir, { recursive: true, force: true });
      await makePrivateTree(dataDir);
    }
    return create(await emptyCluster(true));
  }
}

/**
 * Whether the kept cluster at `file` is this user's own and writable by nobody else: a file that
 * another user of a shared temporary directory put there is never loaded.
 */
function keptSafely(file: string): boolean {
  if (!existsSync(file)) return false;
  const { uid, mode } = statSync(file);
  return uid === process.getuid?.() && (mode & 0o022) === 0;
}

/** Where the empty cluster of this PGlite version is kept between processes (the temporary directory). */
function emptyClusterFile(): string {
  const packageJson = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return join(tmpdir(), `ecert-hub-pglite-${version}-empty.tar`);
}

/**
 * An empty, just-initialised PGlite cluster as a tarball: an in-memory database (tests,
 * benchmarks) starts from a copy of it in under a second, where initialising a cluster anew costs
 * PGlite several seconds of WebAssembly. Made once, then kept in the temporary directory for the
 * next processes (each test file is one), per PGlite version; written to a file of its own and
 * renamed, so a process never reads half of one. Nothing is in it: each database still runs its
 * own migrations. `fresh` makes it anew, for a kept file that does not load.
 */
function emptyCluster(fresh = false): Promise<Blob> {
  emptyClusterDump ??= (async () => {
    const file = emptyClusterFile();
    if (!fresh && keptSafely(file)) return new Blob([readFileSync(file)]);
    const template = await PGlite.create();
    try {
      const dump = await template.dumpDataDir('none');
      const partial = `${file}.${process.pid}`;
      try {
        writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        // Another user's file of that name in a shared temporary directory: not kept, not used.
        rmSync(partial, { force: true });
      }
      return dump;
    } finally {
      await template.close();
    }
  })();
  return emptyClusterDump;
}

function pgliteDatabase(client: PGlite, statements: StatementCounter, close: () => Promise<void>): NodeDatabase {
  const db = drizzlePglite({ client, logger: statements });
  return {
    db,
    engine: 'pglite',
    statements,
    migrate: (subgraph, folder) => migratePglite(db, migrationsConfig(subgraph, folder)),
    close,
  };
}
