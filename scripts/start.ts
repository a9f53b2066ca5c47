/**
 * npm start: the whole hub in one process — gateway on PORT (default 4000) and nodes 350000,
 * 350100 and 350200 on embedded PostgreSQL (PGlite) kept in HUB_DATA_DIR (default .data).
 * A new data directory is seeded with the demo data. The data directory is its user's alone:
 * 0700 directories and 0600 files whatever the umask, an older tree included (lib/private-files.ts).
 * SIGTERM/SIGINT drain it: requests in flight get `--drain-timeout` ms (HUB_DRAIN_TIMEOUT_MS, default 10 s).
 * Options from the command line, the environment or `--config FILE` (scripts/config.ts).
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
import { dataDir, fail, hubLogger, LOG_USAGE, stopOnSignals, userPath, WEBHOOK_USAGE, webhookOptions } from './args.js';
import { otlpTracing } from '../lib/tracing.js';
import { CONFIG_USAGE, configOrExit, httpUrl, serverOptions, WEBHOOK_SPEC } from './config.js';

const USAGE = `usage: npm start [-- --config FILE] [--port N] [--host H] [--drain-timeout MS] [--registry-type CODE] [--public-url URL]
                 [--webhook-allow LIST] [--webhook-timeout MS] [--webhook-retry-window MS] [--log-level LEVEL]
  --config         a JSON file of these options by name, e.g. {"port": 4000, "drain-timeout": 10000} (default: HUB_CONFIG)
  --port, --host   where the gateway listens (default: HUB_PORT or PORT, else 4000; HUB_HOST or HOST, else 127.0.0.1)
  --drain-timeout  how long requests in flight may take to finish after SIGTERM/SIGINT, in ms; /readyz says 503 meanwhile
                   (default: HUB_DRAIN_TIMEOUT, HUB_DRAIN_TIMEOUT_MS, else 10000)
  --registry-type  the catalog type code whose grants open the registry's personal fields (default: HUB_REGISTRY_TYPE)
  --public-url     where clients reach the hub, for presentation links (default: HUB_PUBLIC_URL, else the gateway's own address)
${WEBHOOK_USAGE}
Also: HUB_DATA_DIR (default .data).
${LOG_USAGE}
${CONFIG_USAGE}`;
const values = configOrExit(
  {
    ...serverOptions({ portAliases: ['PORT'] }),
    'registry-type': { type: 'string' },
    'public-url': { type: 'string', check: httpUrl },
    ...WEBHOOK_SPEC,
  },
  USAGE,
  { argv: process.argv.slice(2), env: process.env, resolvePath: userPath },
);
const drainMs = Number(values['drain-timeout'] ?? DEFAULT_DRAIN_MS);
const webhooks = webhookOptions(values);
const logger = hubLogger(values['log-level']);

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
  port: Number(values.port ?? 4000),
  host: values.host ?? '127.0.0.1',
  registryTypeCode: values['registry-type'] ?? REGISTRY_TYPE.code,
  webhooks,
  logger,
  // One process: the gateway's /metrics carries its CPU, memory and event loop.
  processMetrics: true,
  // Traces (README › Operating the hub › Traces): only with a collector to send them to.
  ...(process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? { tracing: otlpTracing(process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) } : {}),
  ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
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
