/**
 * npm run node -- --node CODE [--port N] [--database-url URL] [--migrate] [--nodes FILE] [--host H] [--drain-timeout MS] [--webhook-allow LIST]
 * One node as its own process: the catalog, legal-entity and certificate subgraphs at
 * <url>/catalog, <url>/legal-entity and <url>/certificate, over its own database. HUB_DATA_DIR
 * (development keys; without a database URL, the node's PGlite) is kept 0700 with files 0600,
 * whatever the umask (lib/private-files.ts). On PostgreSQL it refuses to start while migrations
 * are pending, unless --migrate (README › Operating the hub › Migrations).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Topology, type NodeEntry } from '../gateway/topology.js';
import { openNodeDatabase, shownDatabaseUrl } from '../subgraphs/kit/db.js';
import { keepNewFilesPrivate, makePrivateTree } from '../lib/private-files.js';
import { FUJIAN_REGIONS } from '../lib/regions.js';
import { createNode, pendingNodeMigrations, type HubNode } from '../subgraphs/node.js';
import { describePending, PendingMigrationsError } from '../subgraphs/kit/migrations.js';
import { dataDir, fail, failUsage, hubLogger, LOG_USAGE, stopOnSignals, userPath, WEBHOOK_USAGE, webhookOptions } from './args.js';
import { otlpTracing } from '../lib/tracing.js';
import { CONFIG_USAGE, configOrExit, httpUrl, postgresUrl, regionCode, serverOptions, WEBHOOK_SPEC, whole } from './config.js';
import { DEFAULT_DRAIN_MS, drain, listen } from '../hub/listen.js';
import type { TrustedSigners } from '../lib/hub-context.js';
import type { SigningKey } from '../lib/keys.js';
import type { SecretKeyRing } from '../subgraphs/kit/secret-keys.js';
import { DEFAULT_SCAN_QUOTA } from '../subgraphs/certificate/service.js';
import { gatewayPublicKeys, metricsToken, nodeKey, nodeSecrets, peerKeys, pemFile } from '../hub/keys-config.js';

const USAGE = `usage: npm run node -- --node CODE [--config FILE] [--port N] [--database-url URL] [--migrate] [--nodes FILE] [--host H] [--registry-type CODE]
                    [--drain-timeout MS] [--webhook-allow LIST] [--webhook-timeout MS] [--webhook-retry-window MS] [--public-url URL] [--log-level LEVEL]
  --node          this node's 6-digit region code (default: HUB_NODE)
  --port, --host  where it listens (default: HUB_PORT, else 4100; HUB_HOST or HOST, else 127.0.0.1)
  --database-url  PostgreSQL of this node (default: HUB_DATABASE_URL or DATABASE_URL, else embedded PGlite in HUB_DATA_DIR/nodes/CODE)
  --migrate       apply the database's pending migrations before serving (default: HUB_MIGRATE, 1 to migrate); without
                  it a node on PostgreSQL refuses to start while any is pending (exit 1) and names them: apply them with
                  npm run migrate -- --database-url URL. A node's own PGlite is always migrated
  --nodes         the node registry file, to find the catalogs of other nodes (default: HUB_NODES)
  --registry-type the catalog type code whose grants open the registry's personal fields (default: HUB_REGISTRY_TYPE)
  --tls-cert, --tls-key  serve https with this certificate chain and key, PEM (default: HUB_TLS_CERT, HUB_TLS_KEY)
  --ca            CA certificates (PEM) of other nodes served over https, when not from a public CA (default: HUB_CA or HUB_NODE_CA)
  --scan-quota-count, --scan-quota-mb  each agency's daily quota of external certificates' scans
                  (default: HUB_SCAN_QUOTA_COUNT, HUB_SCAN_QUOTA_MB, else 200 scans, 500 MB)
  --correction-days  working days (weekends skipped) an issuer has to answer an error report (纠错) (default: HUB_CORRECTION_DAYS, else 5)
  --jobs-poll     how often the node writes scheduled status changes and reads every node's registry changes for
                  follow-ups, in ms (default: HUB_JOBS_POLL or HUB_JOBS_POLL_MS, else 30000)
  --drain-timeout how long requests in flight may take to finish after SIGTERM/SIGINT, in ms; /readyz says 503 meanwhile
                  (default: HUB_DRAIN_TIMEOUT or HUB_DRAIN_TIMEOUT_MS, else 10000)
  --public-url    where clients reach the hub (its gateway), for the links of presentations (亮证)
                  (default: HUB_PUBLIC_URL, else http://127.0.0.1:4000)
  --metrics-token-file  a file holding a token (at least 32 characters) that lets Prometheus read GET /metrics here directly,
                  as Authorization: Bearer TOKEN (default: HUB_METRICS_TOKEN_FILE; without one, only through the gateway's
                  /metrics/nodes/CODE with an operator's token)
${WEBHOOK_USAGE}
Keys (see README › Security): HUB_NODE_KEY, HUB_GATEWAY_PUBLIC_KEY, HUB_KEK_FILE, HUB_AUDIT_KEY_FILE; else the development keys in HUB_DATA_DIR/keys
Logs: ${LOG_USAGE}
${CONFIG_USAGE}`;
const values = configOrExit(
  {
    node: { type: 'string', check: regionCode },
    // Not PORT, which the gateway and npm start read: a node beside them on one machine needs a port of its own.
    ...serverOptions({ portAliases: [] }),
    'database-url': { type: 'string', check: postgresUrl, secret: true, aliases: ['DATABASE_URL'] },
    migrate: { type: 'boolean' },
    nodes: { type: 'string', file: true },
    'registry-type': { type: 'string' },
    'tls-cert': { type: 'string', file: true },
    'tls-key': { type: 'string', file: true },
    ca: { type: 'string', file: true, aliases: ['HUB_NODE_CA'] },
    'scan-quota-count': { type: 'string', check: whole(0) },
    'scan-quota-mb': { type: 'string', check: whole(0) },
    // 0 is allowed: a report is then due the day it is made.
    'correction-days': { type: 'string', check: whole(0) },
    'jobs-poll': { type: 'string', check: whole(100, 'milliseconds'), aliases: ['HUB_JOBS_POLL_MS'] },
    'public-url': { type: 'string', check: httpUrl },
    'metrics-token-file': { type: 'string', file: true },
    ...WEBHOOK_SPEC,
  },
  USAGE,
  { argv: process.argv.slice(2), env: process.env, resolvePath: userPath },
);
const code = values.node ?? failUsage(`--node is required\n${USAGE}`);
const port = Number(values.port ?? 4100);
const host = values.host ?? '127.0.0.1';
const databaseUrl = values['database-url'];
// A node's own PGlite is its own to migrate, as the embedded hub's are; a PostgreSQL database is
// the operator's, whose schema changes when they say so: several processes of one node may share
// it, and an upgrade rolled out to one of them should not change it under the others.
const migrate = values.migrate === true || !databaseUrl;
const registryFile = values.nodes;
const tlsCertFile = values['tls-cert'];
const tlsKeyFile = values['tls-key'];
if (Boolean(tlsCertFile) !== Boolean(tlsKeyFile)) failUsage('--tls-cert and --tls-key go together');
const ownUrl = `${tlsCertFile ? 'https' : 'http'}://${host}:${port}`;
const drainMs = Number(values['drain-timeout'] ?? DEFAULT_DRAIN_MS);
const publicUrl = values['public-url'];
const webhooks = webhookOptions(values);
const logger = hubLogger(values['log-level']);
const scanQuota = {
  count: Number(values['scan-quota-count'] ?? DEFAULT_SCAN_QUOTA.count),
  bytes: Number(values['scan-quota-mb'] ?? DEFAULT_SCAN_QUOTA.bytes / 1024 / 1024) * 1024 * 1024,
};
const correctionDays = Number(values['correction-days'] ?? 5);
const jobsPollMs = Number(values['jobs-poll'] ?? 30_000);
const registry: NodeEntry[] = registryFile
  ? (JSON.parse(readFileSync(registryFile, 'utf8')) as NodeEntry[])
  : [{ code, name: FUJIAN_REGIONS[code] ?? code, url: ownUrl }];
const topology = new Topology(registry.some((entry) => entry.code === code) ? registry : [...registry, { code, name: code, url: ownUrl }]);

const started = performance.now();
// Before anything is written, whatever writes it: keys, the database, PGlite's later files.
keepNewFilesPrivate();
// The data directory itself, and what an earlier version left readable in it; created here
// only when this node keeps its database there. Not the other nodes' databases beside this
// one's (nodes/<code>): their own processes keep those private, and are writing them meanwhile.
if (!databaseUrl || existsSync(dataDir())) {
  const nodesDir = join(dataDir(), 'nodes');
  await makePrivateTree(dataDir(), { skip: (path) => dirname(path) === nodesDir && basename(path) !== code });
}
let keys: { trusted: TrustedSigners; nodeKey: SigningKey; kek: SecretKeyRing; auditKeys: SecretKeyRing };
let tls: { cert: Buffer; key: Buffer } | undefined;
let ca: Buffer | undefined;
let scrapeToken: string | null = null;
try {
  keys = {
    trusted: { gateway: await gatewayPublicKeys(), nodes: await peerKeys(topology.nodes, code) },
    nodeKey: await nodeKey(code),
    ...(await nodeSecrets(code)),
  };
  tls = tlsCertFile && tlsKeyFile ? { cert: (await pemFile(tlsCertFile))!, key: (await pemFile(tlsKeyFile))! } : undefined;
  ca = await pemFile(values.ca);
  scrapeToken = await metricsToken(values['metrics-token-file']);
} catch (error) {
  fail(`node ${code}: ${(error as Error).message}`);
}
const database = await openNodeDatabase(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir(), 'nodes', code) });
// What --migrate is about to apply, to say so once it has.
const applying = migrate ? await pendingNodeMigrations(database) : [];
let node: HubNode;
try {
  node = await createNode({
    code,
    name: topology.node(code).name,
    database,
    ...keys,
    ca,
    province: topology.province,
    nodes: topology.nodes.map((entry) => entry.code),
    scanQuota,
    correctionDays,
    certificateJobs: { pollMs: jobsPollMs },
    nodeForRegion: (region) => topology.ownerOfRegion(region),
    nodeUrl: (owner) => topology.node(owner).url,
    registryTypeCode: values['registry-type'] ?? null,
    webhooks,
    ...(publicUrl ? { publicUrl } : {}),
    logger,
    metricsToken: scrapeToken,
    processMetrics: true,
    // Traces (README › Operating the hub › Traces): only with a collector to send them to.
    ...(process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? { tracing: otlpTracing(process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) } : {}),
    migrate,
  });
} catch (error) {
  if (!(error instanceof PendingMigrationsError)) throw error;
  await database.close();
  const shown = shownDatabaseUrl(databaseUrl!);
  // Exit 1, not 2: the command line is right, and the same one starts the node once the database is migrated.
  fail(
    `node ${code}: the database ${shown} has ${error.pending.length} migration${error.pending.length === 1 ? '' : 's'} not applied (${describePending(error.pending)}).\n` +
      `Apply them first: npm run migrate -- --database-url ${shown}\n` +
      `or start the node with --migrate (HUB_MIGRATE=1). See README › Operating the hub › Migrations.`,
  );
}
if (applying.length > 0) {
  // An upgrade's few by name; a new database's many by count.
  const perSubgraph = new Map<string, number>();
  for (const { subgraph } of applying) perSubgraph.set(subgraph, (perSubgraph.get(subgraph) ?? 0) + 1);
  const counts = [...perSubgraph].map(([subgraph, count]) => `${subgraph} ${count}`).join(', ');
  logger.info(
    { migrations: applying.map((migration) => `${migration.subgraph}/${migration.tag}`) },
    `node ${code}: applied ${applying.length} migration${applying.length === 1 ? '' : 's'} (${applying.length <= 5 ? describePending(applying) : counts})`,
  );
}
const handler = (req: IncomingMessage, res: ServerResponse) => void node.handle(req, res);
const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
const url = await listen(server, port, host);
console.log(`node ${code} ready at ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.engine})`);

stopOnSignals(drainMs, async () => {
  node.beginDrain();
  const report = await drain(server, { graceMs: drainMs });
  await node.stop();
  await database.close();
  return report;
});
