/**
 * Which migrations a node's database still lacks (subgraphs/kit/migrations.ts pendingMigrations,
 * decided as drizzle's migrator decides), `npm run migrate`, and `npm run node` refusing a
 * PostgreSQL database with pending migrations unless told to migrate (README › Operating the
 * hub › Migrations). The first part runs on PGlite and, with DATABASE_URL, on PostgreSQL; the
 * commands need PostgreSQL.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import { executeRows, MIGRATIONS_SCHEMA, migrationsTableOf, openNodeDatabase, type NodeDatabase } from '../subgraphs/kit/db.js';
import { pendingMigrations, PendingMigrationsError } from '../subgraphs/kit/migrations.js';
import { createNode, migrateNode, NODE_MIGRATIONS, pendingNodeMigrations } from '../subgraphs/node.js';
import { freshDatabaseOptions } from './support/databases.js';
import { dropDatabase } from '../hub/fresh-database.js';
import { HubProcess } from './support/processes.js';
import { freshKeyRing } from './support/secrets.js';

const DATABASE_URL = process.env['DATABASE_URL'];
const ROOT = new URL('..', import.meta.url).pathname;

/** Every migration of a subgraph's folder, in journal order: what a fresh database lacks. */
const journalTags = (folder: string) =>
  (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries.map((entry) => entry.tag);
const ALL = NODE_MIGRATIONS.flatMap(({ subgraph, folder }) => journalTags(folder).map((tag) => ({ subgraph, tag })));
const CERTIFICATE = NODE_MIGRATIONS.find((entry) => entry.subgraph === 'certificate')!;
const LAST_CERTIFICATE_TAG = journalTags(CERTIFICATE.folder).at(-1)!;

/** Deletes the latest row of a subgraph's migrations table, as drizzle orders them. */
async function forgetLastMigration(database: NodeDatabase, subgraph: string): Promise<void> {
  const table = sql`${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(migrationsTableOf(subgraph))}`;
  await database.db.execute(sql`delete from ${table} where id = (select id from ${table} order by created_at desc limit 1)`);
}

const opened: NodeDatabase[] = [];
const created: string[] = [];
/** A fresh database (PGlite, or PostgreSQL with DATABASE_URL), closed and dropped after the suite. */
const fresh = async (name: string) => {
  const options = await freshDatabaseOptions(name);
  if ('databaseUrl' in options) created.push(options.databaseUrl);
  const database = await openNodeDatabase(options);
  opened.push(database);
  return { database, databaseUrl: 'databaseUrl' in options ? options.databaseUrl : undefined };
};
afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
  await Promise.all(created.map(dropDatabase));
});

describe('pending migrations', () => {
  it('on a fresh database every migration of every subgraph is pending, in the order a node applies them', async () => {
    const { database } = await fresh('migrations_fresh');
    const pending = await pendingNodeMigrations(database);
    expect(pending.map(({ subgraph, tag }) => ({ subgraph, tag }))).toEqual(ALL);
    expect(pending.length).toBeGreaterThan(NODE_MIGRATIONS.length);
    // Reading what is pending creates nothing: not even drizzle's schema.
    const [schemas] = await executeRows<{ n: number }>(database.db, sql`select count(*)::int as n from pg_catalog.pg_namespace where nspname = ${MIGRATIONS_SCHEMA}`);
    expect(schemas!.n).toBe(0);
  });

  it('after migrateNode nothing is pending, and a migration whose row is deleted from its table is pending again, alone', async () => {
    const { database } = await fresh('migrations_tamper');
    await migrateNode(database);
    expect(await pendingNodeMigrations(database)).toEqual([]);
    await forgetLastMigration(database, 'certificate');
    const pending = await pendingMigrations(database, 'certificate', CERTIFICATE.folder);
    expect(pending.map((migration) => migration.tag)).toEqual([LAST_CERTIFICATE_TAG]);
    expect(await pendingNodeMigrations(database)).toEqual(pending);
  });

  it('a node told not to migrate refuses a database with pending migrations, naming them, and has changed nothing', async () => {
    const { database } = await fresh('migrations_refused');
    const keysDir = mkdtempSync(join(tmpdir(), 'ecert-migrations-'));
    try {
      const started = createNode({
        code: '350100',
        name: '福州市',
        database,
        trusted: { gateway: [], nodes: new Map() },
        nodeKey: await loadOrCreateSigningKey(keysDir, 'node-350100'),
        kek: freshKeyRing(),
        auditKeys: freshKeyRing(),
        province: '350000',
        nodes: ['350000', '350100'],
        nodeForRegion: () => '350000',
        nodeUrl: () => 'http://127.0.0.1:9',
        migrate: false,
      });
      const error = await started.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(PendingMigrationsError);
      expect((error as PendingMigrationsError).pending).toHaveLength(ALL.length);
      expect((error as PendingMigrationsError).message).toMatch(new RegExp(`^the database has ${ALL.length} migrations not applied: audit: 0000_\\w+, .*; certificate: .*${LAST_CERTIFICATE_TAG}$`));
      expect(await pendingNodeMigrations(database)).toHaveLength(ALL.length);
    } finally {
      rmSync(keysDir, { recursive: true, force: true });
    }
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script as `npm run` does (tsx, in the repository root) to its end. */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL
    ? 'npm run migrate and npm run node on PostgreSQL'
    : 'npm run migrate and npm run node — SKIPPED: they need real PostgreSQL (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/ecert_ops)',
  () => {
    it('a node refuses a fresh database naming the command; migrate --dry-run lists, migrate applies; then the node starts', async () => {
      const { database, databaseUrl } = await fresh('migrations_cli');
      const dataDir = mkdtempSync(join(tmpdir(), 'ecert-migrations-cli-'));
      // No DATABASE_URL or HUB_MIGRATE from the test's own environment: only what each call says.
      const env = { HUB_DATA_DIR: dataDir, DATABASE_URL: '', HUB_MIGRATE: '', HUB_NODES: '' };
      try {
        const refused = await run('node.ts', ['--node', '350000', '--port', '0', '--database-url', databaseUrl!], env);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`has ${ALL.length} migrations not applied (audit: ${journalTags(NODE_MIGRATIONS[0]!.folder).join(', ')}; events: `);
        expect(refused.stderr).toContain(`Apply them first: npm run migrate -- --database-url ${databaseUrl}\n`);
        expect(refused.stderr).toContain('or start the node with --migrate');
        expect(await pendingNodeMigrations(database)).toHaveLength(ALL.length);

        const dryRun = await run('migrate.ts', ['--database-url', databaseUrl!, '--dry-run'], env);
        expect(dryRun.code).toBe(0);
        for (const { subgraph, folder } of NODE_MIGRATIONS) {
          const tags = journalTags(folder);
          expect(dryRun.stdout).toMatch(new RegExp(`^  ${subgraph} +${tags.length} pending: ${tags.join(', ')}$`, 'm'));
        }
        expect(dryRun.stdout).toContain(`${ALL.length} migrations pending: npm run migrate -- --database-url ${databaseUrl} applies them`);
        expect(await pendingNodeMigrations(database)).toHaveLength(ALL.length);

        const applied = await run('migrate.ts', ['--database-url', databaseUrl!], env);
        expect(applied.code).toBe(0);
        for (const { subgraph, folder } of NODE_MIGRATIONS) {
          const tags = journalTags(folder);
          expect(applied.stdout).toMatch(new RegExp(`^  ${subgraph} +applied ${tags.length}: ${tags.join(', ')}$`, 'm'));
        }
        expect(applied.stdout).toMatch(new RegExp(`^applied ${ALL.length} migrations in [\\d.]+ s$`, 'm'));
        expect(await pendingNodeMigrations(database)).toEqual([]);

        // Without --migrate now: nothing is pending, so it starts.
        const node = new HubProcess(
          'node 350000',
          spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', '--node', '350000', '--port', '0', '--database-url', databaseUrl!], {
            cwd: ROOT,
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        );
        try {
          await node.ready(/node 350000 ready at/, 60_000);
          expect(node.log).not.toMatch(/applied \d+ migration/);
        } finally {
          await node.stop();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 90_000);

    it('migrate says which subgraph failed and exits 1; a call without a database exits 2', async () => {
      const { database, databaseUrl } = await fresh('migrations_broken');
      await migrateNode(database);
      // The row of the last certificate migration gone: drizzle applies it again, and its CREATE fails.
      await forgetLastMigration(database, 'certificate');
      const env = { DATABASE_URL: '' };
      const [failed, withoutUrl] = await Promise.all([run('migrate.ts', ['--database-url', databaseUrl!], env), run('migrate.ts', [], env)]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/^  audit +up to date$/m);
      expect(failed.stdout).toMatch(new RegExp(`^  certificate +FAILED, nothing of it applied \\(${LAST_CERTIFICATE_TAG} pending\\): .+$`, 'm'));
      expect(failed.stderr).toContain('certificate: its migrations failed and were rolled back');
      expect(withoutUrl.code).toBe(2);
      expect(withoutUrl.stderr).toMatch(/^--database-url is required/);
    }, 60_000);
  },
);
