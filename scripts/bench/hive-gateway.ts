/**
 * The peer for the benchmarks: Hive Gateway (@graphql-hive/gateway) serving the same composed
 * supergraph (schema/supergraph.graphql) in front of the same subgraphs of one node.
 *
 *   tsx scripts/bench/hive-gateway.ts --nodes FILE --node CODE --port N --auth same|presigned [--dedupe]
 *
 * Hive knows one URL per subgraph, so the supergraph's relative subgraph URLs are pointed at
 * node CODE; queries that only that node answers are answered the same as by ecert-hub's
 * gateway. The nodes refuse a request without a context signed by the gateway's key
 * (`x-hub-context`), which Hive passes with its header propagation:
 * - `same`: per request, what ecert-hub's gateway does — verify the caller's bearer JWT
 *   (the same authenticator), then sign a context for that principal and request;
 * - `presigned`: no verification at all; one context signed for the benchmark's principal,
 *   re-signed every 30 s (it lives 60 s) — the least work Hive can do and still be let in.
 * Hive's HTTP transport by default sends one upstream request for identical queries in flight
 * at the same time (same query, variables and headers) and shares the answer. With a pre-signed
 * context every request is identical, so under load most never reach the node — which
 * ecert-hub cannot do, since each request carries its own signed identity and request id and
 * each read of personal data is audited per request. It is therefore off unless `--dedupe`.
 * Reads the keys from HUB_DATA_DIR/keys as `npm run gateway` does.
 */
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createAuthenticator } from '../../gateway/auth.js';
import type { NodeEntry } from '../../gateway/topology.js';
import { HUB_CONTEXT_HEADER, signHubContext } from '../../lib/hub-context.js';
import type { Principal } from '../../lib/principal.js';
import { supergraphPath } from '../../schema/compose.js';
import { cliArgs, fail, portOption } from '../args.js';
import { close, listen } from '../embedded-hub.js';
import { gatewayKey, identityProvider } from '../keys-config.js';

const USAGE = 'usage: tsx scripts/bench/hive-gateway.ts --nodes FILE --node CODE [--port N] [--auth same|presigned] [--principal JSON] [--dedupe]';
const { values } = cliArgs(USAGE, {
  nodes: { type: 'string' },
  node: { type: 'string' },
  port: { type: 'string' },
  auth: { type: 'string' },
  principal: { type: 'string' },
  dedupe: { type: 'boolean' },
});
const registry = JSON.parse(readFileSync(values.nodes ?? fail(USAGE), 'utf8')) as NodeEntry[];
const node = registry.find((entry) => entry.code === values.node) ?? fail(`--node: not in the registry\n${USAGE}`);
const auth = values.auth ?? 'same';
if (auth !== 'same' && auth !== 'presigned') fail(USAGE);

const supergraph = readFileSync(supergraphPath, 'utf8').replace(/url: "\/([\w-]+)"/g, (_all, subgraph: string) => `url: "${node.url}/${subgraph}"`);
const key = await gatewayKey();
const authenticate = createAuthenticator(await identityProvider());

/** Per request (the propagation hook runs per subgraph fetch, so the context is kept on the request). */
const perRequest = new WeakMap<object, Promise<string>>();
function sameWork(request: Request): Promise<string> {
  let token = perRequest.get(request);
  if (!token) {
    token = authenticate(request.headers.get('authorization') ?? undefined).then((principal) =>
      signHubContext(key, { principal, purpose: request.headers.get('x-purpose'), requestId: randomUUID(), grants: [] }),
    );
    perRequest.set(request, token);
  }
  return token;
}

let presigned = '';
if (auth === 'presigned') {
  const principal = JSON.parse(values.principal ?? fail('--auth presigned needs --principal')) as Principal;
  const sign = async () => {
    presigned = await signHubContext(key, { principal, purpose: null, requestId: 'hive-bench', grants: [] });
  };
  await sign();
  setInterval(() => void sign(), 30_000).unref();
}

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: values.dedupe === true } } },
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request }) => ({ [HUB_CONTEXT_HEADER]: auth === 'same' ? await sameWork(request) : presigned }),
  },
});
const server = createServer(gateway);
const url = await listen(server, portOption(values.port, 0), '127.0.0.1');
console.log(`hive gateway ready at ${url}/graphql, subgraphs of node ${node.code}, auth ${auth}, upstream dedupe ${values.dedupe === true}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void close(server).then(() => gateway.dispose()).then(() => process.exit(0)));
}
