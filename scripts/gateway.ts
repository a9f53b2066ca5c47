/**
 * npm run gateway -- --nodes FILE [--port N] [--node-timeout MS] [--host H]
 * The gateway as its own process, routing to the nodes of the registry FILE:
 * [{"code":"350200","name":"厦门市","url":"http://127.0.0.1:4102"}, …]
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createAuthenticator } from '../gateway/auth.js';
import { createGateway } from '../gateway/server.js';
import { Topology, type NodeEntry } from '../gateway/topology.js';
import { supergraphPath } from '../schema/compose.js';
import { cliArgs, fail, portOption, stopOnSignals } from './args.js';
import { close, listen } from './embedded-hub.js';
import { gatewayKey, identityProvider } from './keys-config.js';

const USAGE = 'usage: npm run gateway -- --nodes FILE [--port N] [--node-timeout MS] [--host H]';
const { values } = cliArgs(USAGE, {
  nodes: { type: 'string' },
  port: { type: 'string' },
  'node-timeout': { type: 'string' },
  host: { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const file = values.nodes ?? process.env['HUB_NODES'] ?? fail(`--nodes is required\n${USAGE}`);
let topology: Topology;
try {
  topology = new Topology(JSON.parse(readFileSync(file, 'utf8')) as NodeEntry[]);
} catch (error) {
  fail(`${file}: ${(error as Error).message}`);
}
const timeout = Number(values['node-timeout'] ?? process.env['HUB_NODE_TIMEOUT_MS'] ?? 3000);
if (!Number.isInteger(timeout) || timeout < 50) fail('--node-timeout: milliseconds, at least 50');

const gateway = await createGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  topology,
  authenticate: createAuthenticator(await identityProvider()),
  contextKey: await gatewayKey(),
  nodeTimeoutMs: timeout,
});
const server = createServer((req, res) => void gateway.handle(req, res));
const url = await listen(server, portOption(values.port ?? process.env['PORT'], 4000), values.host ?? process.env['HOST'] ?? '127.0.0.1');
console.log(`gateway ready at ${url}/graphql, routing to ${topology.nodes.map((node) => node.code).join(', ')}`);

stopOnSignals(async () => {
  await close(server);
  await gateway.stop();
});
