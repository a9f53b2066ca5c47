/**
 * Child process of test/data-permissions.test.ts, started under `umask 000`: opens a node's
 * PGlite data directory in DATA/nodes/350200 as `npm start` does, writes rows, creates a key in
 * DATA/keys, closes, and prints the umask it started with (so the test knows its premise held).
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openNodeDatabase } from '../../subgraphs/kit/db.js';
import { loadOrCreateSigningKey } from '../../lib/keys.js';

// Read by setting: 0 is what the test's shell gave, so setting 0 back changes nothing.
const startedWith = process.umask(0);
process.umask(startedWith);

const data = process.argv[2];
if (!data) throw new Error('usage: private-data-child.ts DATA');
const database = await openNodeDatabase({ dataDir: join(data, 'nodes', '350200') });
await database.db.execute(sql`CREATE TABLE IF NOT EXISTS secrets (id serial PRIMARY KEY, value text NOT NULL)`);
await database.db.execute(sql`INSERT INTO secrets (value) SELECT 'private key ' || n FROM generate_series(1, 5000) AS n`);
await database.db.execute(sql`CHECKPOINT`);
await loadOrCreateSigningKey(join(data, 'keys'), 'gateway');
await database.close();
console.log(JSON.stringify({ startedWith }));
