/**
 * Backup and restore of a node as README › Operating the hub › Backup and restore tells an
 * operator to do it: `pg_dump -Fc` of the node's database while the node keeps issuing,
 * `pg_restore` into a new database, the node started on it with the same keys (kept outside the
 * database) and without migrating. PostgreSQL only: PGlite has neither tool.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../hub/listen.js';
import { parseCertificateId } from '../lib/codes.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER } from '../lib/hub-context.js';
import { loadOrCreateSigningKey } from '../lib/keys.js';
import type { HubContextClaims } from '../lib/principal.js';
import { anchorsOf, verifyAuditChain, type AnchorModel } from '../subgraphs/audit/verify.js';
import { certificates, issuerSerials } from '../subgraphs/certificate/db/schema.js';
import { executeRows, openNodeDatabase, type NodeDatabase } from '../subgraphs/kit/db.js';
import { loadOrCreateKeyRing } from '../subgraphs/kit/secret-keys.js';
import { createNode, pendingNodeMigrations, type HubNode } from '../subgraphs/node.js';
import { freshDatabaseOptions } from './support/databases.js';
import { dropDatabase } from '../hub/fresh-database.js';
import { AGENCY, DEFINE_TYPE, FOOD_LICENCE, foodLicenceFor, ISSUE, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

const DATABASE_URL = process.env['DATABASE_URL'];
const ROOT = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);
/** The node backed up: its audit anchors live at another node, the province's. */
const NODE = '350100';
const SHOP = { uscc: uscc('91', '350102', 5301), name: '福州鼓楼闽江餐饮有限公司' };
/** Certificates committed before the dump, at least: enough to matter, few enough for a quick test. */
const BEFORE_DUMP = 40;

const VERIFY_PUBLICLY = (count: number) =>
  /* GraphQL */ `query Verify(${Array.from({ length: count }, (_, i) => `$id${i}: ID!`).join(', ')}) {
    ${Array.from({ length: count }, (_, i) => `v${i}: verifyCertificate(id: $id${i}) { id found status signatureValid }`).join('\n    ')}
  }`;
const PUBLIC_CLAIMS: HubContextClaims = { principal: { kind: 'public' }, purpose: null, requestId: 'restore-check', grants: [] };

let hub: TestHub;
let issuer: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;
let dumpDir: string;
let restoredUrl: string | undefined;
let restored: NodeDatabase | undefined;
let restoredNode: HubNode | undefined;
let restoredServer: Server | undefined;

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL
    ? 'backup and restore of a node on PostgreSQL'
    : 'backup and restore — SKIPPED: it needs real PostgreSQL and pg_dump (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/ecert_ops)',
  () => {
    beforeAll(async () => {
      dumpDir = mkdtempSync(join(tmpdir(), 'ecert-backup-'));
      hub = await startTestHub('backup');
      issuer = await hub.as(AGENCY.fuzhouIssuer);
      const steward = await hub.as(AGENCY.steward);
      expect((await steward(DEFINE_TYPE, { input: FOOD_LICENCE })).errors).toBeUndefined();
    }, 120_000);

    afterAll(async () => {
      if (restoredServer) await close(restoredServer);
      await restoredNode?.stop();
      await restored?.close();
      const urls = hub ? await Promise.all(hub.nodes.map((entry) => databaseUrlOf(entry.database))) : [];
      await hub?.stop();
      await Promise.all([...urls, restoredUrl].filter((url): url is string => url !== undefined).map(dropDatabase));
      rmSync(dumpDir, { recursive: true, force: true });
    });

    it('a pg_dump taken while the node issues restores into a new database: the node starts on it unmigrated with its keys, every certificate committed before the dump verifies, the audit chain matches the province’s anchors up to the dump, and no 证照标识 is handed out twice', async () => {
      let sequence = 0;
      const issue = async (): Promise<string> => {
        const number = `JY13501020${String(++sequence).padStart(6, '0')}`;
        const answer = await issuer(ISSUE, { input: foodLicenceFor(SHOP, number, '2025-03-01', '2030-02-28') });
        expect(answer.errors).toBeUndefined();
        return answer.data!['issueCertificate'].id as string;
      };
      // Write load: two issuers in a loop until told to stop.
      const committed: string[] = [];
      let loading = true;
      let enoughIssued: () => void = () => {};
      const enough = new Promise<void>((resolve) => (enoughIssued = resolve));
      const issuing = async () => {
        while (loading) {
          committed.push(await issue());
          if (committed.length >= BEFORE_DUMP) enoughIssued();
        }
      };
      const load = Promise.all([issuing(), issuing()]);
      let anchorsBeforeDump: AnchorModel[];
      let beforeDump: string[];
      let duringDump: number;
      let dumpMs: number;
      const file = join(dumpDir, `node-${NODE}.dump`);
      const province = hub.nodes.find((entry) => entry.code === hub.topology.province)!.database.db;
      try {
        // A failed issuance ends the wait at once.
        await Promise.race([enough, load]);
        // An anchor of the chain at the province, taken before the dump: the restored chain must match it.
        expect((await hub.gateway.anchorAuditChains()).failed).toEqual([]);
        anchorsBeforeDump = await anchorsOf(province, NODE);
        expect(anchorsBeforeDump.length).toBeGreaterThan(0);

        // Every issuance answered by now was committed before pg_dump takes its snapshot.
        beforeDump = [...committed];
        const source = await databaseUrlOf(hub.nodes.find((entry) => entry.code === NODE)!.database);
        const dumpStarted = performance.now();
        await run('pg_dump', ['-Fc', '--file', file, '--dbname', source]);
        dumpMs = performance.now() - dumpStarted;
        duringDump = committed.length - beforeDump.length;
      } finally {
        // The load stops whatever happened, so that nothing issues on into the next step or the hub's stop.
        loading = false;
        await load;
      }
      // One more after the dump, and an anchor of it: the live chain is now beyond the backup.
      committed.push(await issue());
      expect((await hub.gateway.anchorAuditChains()).failed).toEqual([]);
      console.log(
        `backup: ${beforeDump.length} certificates before pg_dump, ${duringDump} issued during its ${dumpMs.toFixed(0)} ms, ${committed.length} in all; dump ${statSync(file).size} bytes`,
      );

      // A new database, restored from the dump as README says.
      restoredUrl = ((await freshDatabaseOptions('backup_restored')) as { databaseUrl: string }).databaseUrl;
      await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, file]);
      restored = await openNodeDatabase({ databaseUrl: restoredUrl, poolSize: 3 });
      expect(await pendingNodeMigrations(restored)).toEqual([]);

      // Every certificate committed before the dump is there, and nothing that was never issued.
      const rows = await restored.db.select({ id: certificates.id }).from(certificates).where(inArray(certificates.id, committed));
      const ids = new Set(rows.map((row) => row.id));
      expect(beforeDump.filter((id) => !ids.has(id))).toEqual([]);
      expect(await restored.db.$count(certificates)).toBe(ids.size);

      // Left as restored, the issuer's counter would give the next certificate the 证照标识 of one issued after the dump …
      const lost = committed.filter((id) => !ids.has(id));
      expect(lost.length).toBeGreaterThan(0);
      const [counter] = await restored.db.select().from(issuerSerials).where(eq(issuerSerials.issuerCode, AGENCY.fuzhouIssuer.sub));
      expect(Math.min(...lost.map(serialOf))).toBe(counter!.lastSerial + 1);
      // … so the README's script moves every counter past what the node could have handed out since.
      await run('psql', ['-v', 'ON_ERROR_STOP=1', '--quiet', '--dbname', restoredUrl, '--file', join(ROOT, 'scripts/after-restore.sql')]);

      // The node on the restored database: the same keys as before, from outside the database; not migrating.
      restoredNode = await createNode({
        code: NODE,
        name: hub.topology.node(NODE).name,
        database: restored,
        trusted: {
          gateway: [hub.gatewayKey.publicJwk],
          nodes: new Map(
            await Promise.all(hub.topology.nodes.map(async (entry) => [entry.code, [(await loadOrCreateSigningKey(hub.keysDir, `node-${entry.code}`)).publicJwk]] as const)),
          ),
        },
        nodeKey: await loadOrCreateSigningKey(hub.keysDir, `node-${NODE}`),
        kek: await loadOrCreateKeyRing(hub.keysDir, `node-${NODE}-kek`),
        auditKeys: await loadOrCreateKeyRing(hub.keysDir, `node-${NODE}-audit`),
        province: hub.topology.province,
        nodes: hub.topology.nodes.map((entry) => entry.code),
        nodeForRegion: (region) => hub.topology.ownerOfRegion(region),
        nodeUrl: (code) => hub.topology.node(code).url,
        webhooks: { deliver: false },
        certificateJobs: { run: false },
        migrate: false,
      });
      const node = restoredNode;
      restoredServer = createServer((req, res) => void node.handle(req, res));
      const url = await listen(restoredServer, 0, '127.0.0.1');

      // Asked as the gateway asks it: a context signed with the gateway's key, for this node's certificate subgraph.
      const ask = async (claims: HubContextClaims, query: string, variables: Record<string, unknown>) => {
        const body = JSON.stringify({ query, variables });
        const context = contextSigner(hub.gatewayKey, GATEWAY_ISSUER).prepare(claims)({ node: NODE, subgraph: 'certificate' }, body);
        const response = await fetch(`${url}/certificate`, { method: 'POST', headers: { 'content-type': 'application/json', [HUB_CONTEXT_HEADER]: context }, body });
        const answer = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
        expect(answer.errors).toBeUndefined();
        return answer.data!;
      };
      const verifyPublicly = async (batch: readonly string[]) =>
        Object.values(await ask(PUBLIC_CLAIMS, VERIFY_PUBLICLY(batch.length), Object.fromEntries(batch.map((id, i) => [`id${i}`, id]))));

      // Every certificate restored, each committed before the dump among them: found, valid, its seal verifying.
      const restoredIds = [...ids];
      for (let start = 0; start < restoredIds.length; start += 50) {
        const batch = restoredIds.slice(start, start + 50);
        expect(await verifyPublicly(batch)).toEqual(batch.map((id) => ({ id, found: true, status: 'VALID', signatureValid: true })));
      }

      // The audit chain: intact against the anchors the province held when the dump was taken …
      const keys = await loadOrCreateKeyRing(hub.keysDir, `node-${NODE}-audit`);
      const atDump = await verifyAuditChain(restored.db, NODE, keys, anchorsBeforeDump);
      expect(atDump).toMatchObject({ intact: true, reason: null, anchorsChecked: anchorsBeforeDump.length });
      expect(atDump.records).toBeGreaterThanOrEqual(beforeDump.length);
      // … and against today's, the records written after the dump show as lost, from the first one.
      const anchorsNow: AnchorModel[] = await anchorsOf(province, NODE);
      const now = await verifyAuditChain(restored.db, NODE, keys, anchorsNow);
      expect(now.intact).toBe(false);
      expect(now.firstBrokenSeq).toBe(atDump.lastSeq! + 1);
      expect(now.reason).toMatch(/^records \d+ to \d+ were deleted: the chain was anchored at record \d+ on /);

      // The restored node seals again — its seal keys open with the KEK from the key file — under a 证照标识 never handed out.
      const issuerClaims: HubContextClaims = {
        principal: { kind: 'agency', code: AGENCY.fuzhouIssuer.sub, name: AGENCY.fuzhouIssuer.name, roles: ['issuer'] },
        purpose: null,
        requestId: 'restored-issue',
        grants: [],
      };
      const issued = await ask(issuerClaims, ISSUE, { input: foodLicenceFor(SHOP, `JY13501020${String(++sequence).padStart(6, '0')}`, '2025-03-01', '2030-02-28') });
      const fresh = issued['issueCertificate']!['id'] as string;
      expect(committed).not.toContain(fresh);
      expect(serialOf(fresh)).toBeGreaterThan(counter!.lastSerial + 1_000_000_000);
      expect(await verifyPublicly([fresh])).toEqual([{ id: fresh, found: true, status: 'VALID', signatureValid: true }]);
      // Writing again hides nothing: the chain still breaks, at the latest where the last anchor made after the dump is.
      const afterWriting = await verifyAuditChain(restored.db, NODE, keys, anchorsNow);
      expect(afterWriting.intact).toBe(false);
      expect(afterWriting.firstBrokenSeq).toBeLessThanOrEqual(Math.max(...anchorsNow.map((anchor) => anchor.seq)));
    }, 60_000);
  },
);

/** The serial of a 证照标识 (root.type.issuer.serial.version.check), as a number. */
function serialOf(id: string): number {
  const parts = parseCertificateId(id);
  if ('problem' in parts) throw new Error(`${id}: ${parts.problem}`);
  return Number(parts.serial);
}

/** The URL of a database the test hub made under DATABASE_URL, asked of the database itself. */
async function databaseUrlOf(database: NodeDatabase): Promise<string> {
  const [row] = await executeRows<{ name: string }>(database.db, sql`select current_database() as name`);
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}
