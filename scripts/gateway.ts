/**
 * npm run gateway -- --nodes FILE [--port N] [--node-timeout MS] [--breaker-failures N] [--breaker-cooldown MS] [--host H]
 * The gateway as its own process, routing to the nodes of the registry FILE:
 * [{"code":"350200","name":"厦门市","url":"http://127.0.0.1:4102"}, …]
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createAuthenticator } from '../gateway/auth.js';
import { DEFAULT_COOLDOWN_MS, DEFAULT_FAILURE_THRESHOLD } from '../gateway/circuit-breaker.js';
import { createGateway } from '../gateway/server.js';
import { Topology, type NodeEntry } from '../gateway/topology.js';
import { supergraphPath } from '../schema/compose.js';
import { cliArgs, fail, portOption, stopOnSignals } from './args.js';
import { close, listen } from './embedded-hub.js';
import { gatewayKey, identityProvider } from './keys-config.js';

const USAGE = `usage: npm run gateway -- --nodes FILE [--port N] [--node-timeout MS] [--breaker-failures N] [--breaker-cooldown MS] [--host H]
  --node-timeout      how long one node may take before its part of an answer is given up (default: HUB_NODE_TIMEOUT_MS, else 3000)
  --breaker-failures  consecutive failures of a node that open its circuit breaker (default: HUB_BREAKER_FAILURES, else 5)
  --breaker-cooldown  how long an open breaker refuses a node before one probe (default: HUB_BREAKER_COOLDOWN_MS, else 5000)`;
const { values } = cliArgs(USAGE, {
  nodes: { type: 'string' },
  port: { type: 'string' },
  'node-timeout': { type: 'string' },
  'breaker-failures': { type: 'string' },
  'breaker-cooldown': { type: 'string' },
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
const breakerFailures = Number(values['breaker-failures'] ?? process.env['HUB_BREAKER_FAILURES'] ?? DEFAULT_FAILURE_THRESHOLD);
if (!Number.isInteger(breakerFailures) || breakerFailures < 1) fail('--breaker-failures: a whole number, at least 1');
const breakerCooldown = Number(values['breaker-cooldown'] ?? process.env['HUB_BREAKER_COOLDOWN_MS'] ?? DEFAULT_COOLDOWN_MS);
if (!Number.isInteger(breakerCooldown) || breakerCooldown < 0) fail('--breaker-cooldown: milliseconds, at least 0');

const gateway = await createGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  topology,
  authenticate: createAuthenticator(await identityProvider()),
  contextKey: await gatewayKey(),
  nodeTimeoutMs: timeout,
  circuitBreaker: { failureThreshold: breakerFailures, cooldownMs: breakerCooldown },
});
const server = createServer((req, res) => void gateway.handle(req, res));
const url = await listen(server, portOption(values.port ?? process.env['PORT'], 4000), values.host ?? process.env['HOST'] ?? '127.0.0.1');
console.log(`gateway ready at ${url}/graphql, routing to ${topology.nodes.map((node) => node.code).join(', ')}`);

stopOnSignals(async () => {
  await close(server);
  await gateway.stop();
});
