/**
 * npm start: the whole hub in one process — gateway on PORT (default 4000) and nodes 350000,
 * 350100 and 350200 on embedded PostgreSQL (PGlite) kept in HUB_DATA_DIR (default .data).
 * A new data directory is seeded with the demo data. The data directory is its user's alone:
 * 0700 directories and 0600 files whatever the umask, an older tree included (lib/private-files.ts).
 * SIGTERM/SIGINT drain it: requests in flight get `--drain-timeout` ms (HUB_DRAIN_TIMEOUT_MS, default 10 s).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isoDate } from '../lib/codes.js';
import { keepNewFilesPrivate, makePrivateTree } from '../lib/private-files.js';
import { FUJIAN_REGIONS } from '../lib/regions.js';
import { REGISTRY_TYPE } from './demo/data.js';
import { seedDemoData } from './demo/seed.js';
import { startEmbeddedHub } from '../hub/embedded-hub.js';
import { DEFAULT_DRAIN_MS } from '../hub/listen.js';
import { cliArgs, dataDir, fail, failUsage, hubLogger, LOG_USAGE, portOption, stopOnSignals, WEBHOOK_OPTIONS, WEBHOOK_USAGE, webhookOptions } from './args.js';

const USAGE = `usage: npm start [-- --drain-timeout MS] [--webhook-allow LIST] [--webhook-timeout MS] [--webhook-retry-window MS]
  --drain-timeout  how long requests in flight may take to finish after SIGTERM/SIGINT, in ms; /readyz says 503 meanwhile
                   (default: HUB_DRAIN_TIMEOUT_MS, else 10000)
${WEBHOOK_USAGE}
Also: PORT (default 4000), HOST (default 127.0.0.1), HUB_DATA_DIR (default .data), HUB_REGISTRY_TYPE,\nHUB_PUBLIC_URL (where clients reach the hub, for presentation links; default the gateway's own address),
${LOG_USAGE}`;
const { values } = cliArgs(USAGE, {
  'drain-timeout': { type: 'string' },
  ...WEBHOOK_OPTIONS,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const drainMs = Number(values['drain-timeout'] ?? (process.env['HUB_DRAIN_TIMEOUT_MS'] || DEFAULT_DRAIN_MS));
if (!Number.isInteger(drainMs) || drainMs < 0) failUsage('--drain-timeout: milliseconds, at least 0');
const webhooks = webhookOptions(values);
const logger = hubLogger();

// Before anything is written: the keys, the databases and hub.json are created with this umask.
keepNewFilesPrivate();

const EMBEDDED_NODES = ['350000', '350100', '350200'];
const started = performance.now();
const dir = resolve(dataDir());
const marker = join(dir, 'hub.json');
const nodesDir = join(dir, 'nodes');
const isNew = !existsSync(nodesDir);
if (!isNew && !existsSync(marker)) {
  fail(`${dir} was left half-initialised by an interrupted first start; remove it to start over`);
}
mkdirSync(nodesDir, { recursive: true, mode: 0o700 });
// Also what an earlier version left readable (0755 directories, 0666 database files).
await makePrivateTree(dir);

const hub = await startEmbeddedHub({
  keysDir: join(dir, 'keys'),
  port: portOption(process.env['PORT'], 4000),
  host: process.env['HOST'] || '127.0.0.1',
  registryTypeCode: process.env['HUB_REGISTRY_TYPE'] || REGISTRY_TYPE.code,
  webhooks,
  logger,
  // One process: the gateway's /metrics carries its CPU, memory and event loop.
  processMetrics: true,
  ...(process.env['HUB_PUBLIC_URL'] ? { publicUrl: process.env['HUB_PUBLIC_URL'] } : {}),
  nodes: EMBEDDED_NODES.map((code) => ({ code, name: FUJIAN_REGIONS[code]!, database: { dataDir: join(nodesDir, code) } })),
  beforeOpen: async (nodes, topology) => {
    if (!isNew) return;
    const seeding = performance.now();
    const counts = await seedDemoData(
      nodes.map((node) => ({ code: node.code, db: node.database.db, kek: node.kek, auditKeys: node.auditKeys })),
      { today: isoDate(new Date()), nodeForRegion: (region) => topology.ownerOfRegion(region) },
    );
    writeFileSync(marker, JSON.stringify({ createdAt: new Date().toISOString(), demo: counts }, null, 2), { mode: 0o600 });
    console.log(
      `seeded demo data in ${((performance.now() - seeding) / 1000).toFixed(1)} s: ` +
        `${counts.types} certificate types, ${counts.entities} legal entities, ${counts.certificates} certificates, ${counts.matters} matters`,
    );
  },
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`ecert-hub ready in ${seconds} s (${isNew ? 'new' : 'existing'} data in ${dir})`);
console.log(`  gateway  ${hub.url}/graphql   health ${hub.url}/healthz   ready ${hub.url}/readyz`);
console.log(`  metrics  ${hub.url}/metrics   ${hub.url}/metrics/nodes/CODE  (an operator's token)`);
for (const node of hub.nodes) console.log(`  node ${node.code} ${FUJIAN_REGIONS[node.code]}  ${node.url}`);
console.log(`  tokens:  npm run --silent token -- --sub CODE --kind agency|holder [--role R]  (see README)`);

stopOnSignals(drainMs, () => hub.stopGracefully(drainMs));
