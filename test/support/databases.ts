import postgres from 'postgres';
import { openNodeDatabase, type DatabaseOptions, type NodeDatabase } from '../../lib/db.js';

/**
 * Where a test's database lives: in-memory PGlite by default, or — when DATABASE_URL is set —
 * a real PostgreSQL database named `<database>_<name>`, dropped and created anew.
 */
export async function freshDatabaseOptions(name: string): Promise<DatabaseOptions> {
  const url = process.env['DATABASE_URL'];
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

/** A fresh, empty, open database for a test (see freshDatabaseOptions). */
export async function freshDatabase(name: string): Promise<NodeDatabase> {
  return openNodeDatabase(await freshDatabaseOptions(name));
}
