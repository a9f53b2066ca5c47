import postgres from 'postgres';
import type { DatabaseOptions } from '../subgraphs/kit/db.js';

/**
 * A fresh, empty database for tests and benchmarks: in-memory PGlite without a URL, or a real
 * PostgreSQL database named `<database of url>_<name>`, dropped and created anew.
 */
export async function freshDatabaseOptions(url: string | undefined, name: string): Promise<DatabaseOptions> {
  if (!url) return { memory: true };
  const target = new URL(url);
  const dbName = `${target.pathname.slice(1) || 'ecert'}_${name}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE "${dbName}"`);
  } finally {
    await sql.end();
  }
  target.pathname = `/${dbName}`;
  return { databaseUrl: target.toString(), poolSize: 5 };
}

/**
 * Drops the PostgreSQL database of `databaseUrl` (its connections cut), from the server's
 * maintenance database, as freshDatabaseOptions makes them: for suites and benchmarks that clean
 * up after themselves (a million generated entities take gigabytes).
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const admin = new URL(databaseUrl);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql`DROP DATABASE IF EXISTS ${sql(name)} WITH (FORCE)`;
  } finally {
    await sql.end();
  }
}
