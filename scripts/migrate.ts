/**
 * npm run migrate -- --database-url URL [--dry-run]
 * Applies a node's migrations to its PostgreSQL database without starting the node — every
 * subgraph's, in the order a node applies them (subgraphs/node.ts NODE_MIGRATIONS) — and prints,
 * per subgraph, what it applied; with --dry-run, what is pending. Exit codes: README › Exit codes.
 */
import { openNodeDatabase, shownDatabaseUrl } from '../subgraphs/kit/db.js';
import { pendingMigrations, type PendingMigration } from '../subgraphs/kit/migrations.js';
import { NODE_MIGRATIONS } from '../subgraphs/node.js';
import { cliArgs, EXIT, fail, failUsage } from './args.js';

const USAGE = `usage: npm run migrate -- --database-url URL [--dry-run]
  --database-url  the node's PostgreSQL database (default: DATABASE_URL)
  --dry-run       list the pending migrations, apply none
Applies the pending migrations of a node's database in the order the node does (${NODE_MIGRATIONS.map((entry) => entry.subgraph).join(', ')})
and prints what it applied to each. One subgraph's migrations are applied in one transaction: when one fails
(exit 1) that subgraph is left as it was, and the subgraphs before it stay migrated.`;

const { values, positionals } = cliArgs(USAGE, {
  'database-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
if (positionals.length > 0) failUsage(`unexpected: ${positionals.join(' ')}\n${USAGE}`);
const databaseUrl = values['database-url'] ?? (process.env['DATABASE_URL'] || undefined);
if (databaseUrl === undefined) failUsage(`--database-url is required (or DATABASE_URL)\n${USAGE}`);
if (!URL.canParse(databaseUrl) || !/^postgres(ql)?:$/.test(new URL(databaseUrl).protocol)) {
  failUsage(`--database-url: a postgres:// URL, not ${shownDatabaseUrl(databaseUrl)}`);
}
const dryRun = values['dry-run'] === true;
const shown = shownDatabaseUrl(databaseUrl);
const plural = (count: number) => `${count} migration${count === 1 ? '' : 's'}`;
const width = Math.max(...NODE_MIGRATIONS.map((entry) => entry.subgraph.length));
const line = (subgraph: string, text: string) => console.log(`  ${subgraph.padEnd(width)}  ${text}`);
const tags = (pending: readonly PendingMigration[]) => pending.map((migration) => migration.tag).join(', ');
/** What went wrong, from PostgreSQL or the network: drizzle wraps it in a "Failed query: …" of its own. */
const reason = (error: unknown): string => {
  const cause = (error as Error).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
};

const started = performance.now();
// One connection: drizzle applies a subgraph's migrations in one transaction, and nothing here runs side by side.
const database = await openNodeDatabase({ databaseUrl, poolSize: 1 });
console.log(dryRun ? `pending migrations of ${shown} (dry run: nothing is applied)` : `migrating ${shown}`);
let total = 0;
let failure: string | undefined;
for (const { subgraph, folder } of NODE_MIGRATIONS) {
  let pending: PendingMigration[];
  try {
    pending = await pendingMigrations(database, subgraph, folder);
  } catch (error) {
    failure = `cannot read what ${shown} has applied: ${reason(error)}`;
    break;
  }
  if (pending.length === 0) {
    line(subgraph, 'up to date');
    continue;
  }
  if (dryRun) {
    line(subgraph, `${pending.length} pending: ${tags(pending)}`);
    total += pending.length;
    continue;
  }
  try {
    await database.migrate(subgraph, folder);
  } catch (error) {
    line(subgraph, `FAILED, nothing of it applied (${tags(pending)} pending): ${reason(error)}`);
    failure = `${subgraph}: its migrations failed and were rolled back${total > 0 ? `; the ${plural(total)} listed above stay applied` : ''}`;
    break;
  }
  line(subgraph, `applied ${pending.length}: ${tags(pending)}`);
  total += pending.length;
}
await database.close();
if (failure) fail(failure);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (total === 0) console.log(dryRun ? 'nothing pending: the database is up to date' : `nothing to apply: the database is up to date (${seconds} s)`);
else console.log(dryRun ? `${plural(total)} pending: npm run migrate -- --database-url ${shown} applies them` : `applied ${plural(total)} in ${seconds} s`);
