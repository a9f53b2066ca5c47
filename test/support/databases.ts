import { openNodeDatabase, type DatabaseOptions, type NodeDatabase } from '../../subgraphs/kit/db.js';
import { freshDatabaseOptions as fresh } from '../../hub/fresh-database.js';

/** A fresh database for a test: PGlite, or PostgreSQL when DATABASE_URL is set (see lib/fresh-database.ts). */
export const freshDatabaseOptions = (name: string): Promise<DatabaseOptions> => fresh(process.env['DATABASE_URL'], name);

/** A fresh, empty, open database for a test. */
export async function freshDatabase(name: string): Promise<NodeDatabase> {
  return openNodeDatabase(await freshDatabaseOptions(name));
}
