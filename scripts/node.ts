/**
 * npm run node -- --node CODE [--port N] [--database-url URL] [--nodes FILE] [--host H]
 * One node as its own process: the catalog, legal-entity and certificate subgraphs at
 * <url>/catalog, <url>/legal-entity and <url>/certificate, over its own database.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topology, type NodeEntry } from '../gateway/topology.js';
import { openNodeDatabase } from '../lib/db.js';
import { FUJIAN_REGIONS } from '../lib/regions.js';
import { createNode } from '../subgraphs/node.js';
import { cliArgs, dataDir, fail, portOption, stopOnSignals } from './args.js';
import { close, listen } from './embedded-hub.js';
import { gatewayPublicKeys } from './keys-config.js';

const USAGE = `usage: npm run node -- --node CODE [--port N] [--database-url URL] [--nodes FILE] [--host H] [--registry-type CODE]
  --database-url  PostgreSQL of this node (default: DATABASE_URL, else embedded PGlite in HUB_DATA_DIR/nodes/CODE)
  --nodes         the node registry file, to find the catalogs of other nodes (default: HUB_NODES)
  --registry-type the catalog type code whose grants open the registry's personal fields (default: HUB_REGISTRY_TYPE)`;
const { values } = cliArgs(USAGE, {
  node: { type: 'string' },
  port: { type: 'string' },
  'database-url': { type: 'string' },
  nodes: { type: 'string' },
  host: { type: 'string' },
  'registry-type': { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const code = values.node ?? fail(`--node is required\n${USAGE}`);
if (!/^\d{6}$/.test(code)) fail('--node: a 6-digit region code such as 350200');
const port = portOption(values.port, 4100);
const host = values.host ?? process.env['HOST'] ?? '127.0.0.1';
const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
const registryFile = values.nodes ?? process.env['HUB_NODES'];
const ownUrl = `http://${host}:${port}`;
const registry: NodeEntry[] = registryFile
  ? (JSON.parse(readFileSync(registryFile, 'utf8')) as NodeEntry[])
  : [{ code, name: FUJIAN_REGIONS[code] ?? code, url: ownUrl }];
const topology = new Topology(registry.some((entry) => entry.code === code) ? registry : [...registry, { code, name: code, url: ownUrl }]);

const started = performance.now();
const database = await openNodeDatabase(databaseUrl ? { databaseUrl } : { dataDir: join(dataDir(), 'nodes', code) });
const node = await createNode({
  code,
  name: topology.node(code).name,
  database,
  gatewayKeys: await gatewayPublicKeys(),
  nodeForRegion: (region) => topology.ownerOfRegion(region),
  nodeUrl: (owner) => topology.node(owner).url,
  registryTypeCode: values['registry-type'] ?? process.env['HUB_REGISTRY_TYPE'] ?? null,
});
const server = createServer((req, res) => void node.handle(req, res));
const url = await listen(server, port, host);
console.log(`node ${code} ready at ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s (${database.engine})`);

stopOnSignals(async () => {
  await close(server);
  await node.stop();
  await database.close();
});
