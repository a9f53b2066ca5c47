/**
 * The peer for the benchmarks: Hive Gateway (@graphql-hive/gateway) serving the same composed
 * supergraph (schema/supergraph.graphql) in front of the same subgraphs of one node.
 *
 *   tsx scripts/bench/hive-gateway.ts --nodes FILE --node CODE --port N --auth same|presigned [--dedupe]
 *
 * Hive knows one URL per subgraph, so the supergraph's relative subgraph URLs are pointed at
 * node CODE; queries that only that node answers are answered the same as by ecert-hub's
 * gateway. A node accepts only a context signed by the gateway's key (`x-hub-context`) for
 * itself and the one subgraph fetched, over the SHA-256 of the exact body it receives, and
 * each context once: so a plugin's `onFetch` hook — the last to see each upstream fetch, after
 * Hive's other plugins have set its headers and body — signs every subgraph fetch over the
 * body Hive sends, for node CODE and the subgraph named by the URL's last path segment:
 * - `same`: what ecert-hub's gateway does — per client request, verify the caller's bearer JWT
 *   (the same authenticator) and prepare the claims for that principal and request; per
 *   fetch, sign them for its target and body;
 * - `presigned`: no verification at all; the claims for the benchmark's principal prepared
 *   once, each fetch still signed on its own — the least work Hive can do and still be let in.
 * Hive's HTTP transport by default sends one upstream request for identical queries in flight
 * at the same time (same query, variables and headers) and shares the answer. The context is
 * added after that step, at the fetch, so identical queries are merged whoever asks: under
 * `presigned` (one principal) that is still correct, and most requests under load never reach
 * the node — which ecert-hub cannot do, since each request carries its own signed identity and
 * request id and each read of personal data is audited per request. It is therefore off
 * unless `--dedupe`.
 * Reads the keys from HUB_DATA_DIR/keys as `npm run gateway` does.
 */
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createAuthenticator } from '../../gateway/auth.js';
import type { NodeEntry } from '../../gateway/topology.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER, type FetchSigner } from '../../lib/hub-context.js';
import type { Principal } from '../../lib/principal.js';
import { supergraphPath } from '../../schema/compose.js';
import { cliArgs, fail, portOption } from '../args.js';
import { close, listen } from '../../hub/listen.js';
import { gatewayKey, identityProvider } from '../../hub/keys-config.js';

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

const signer = contextSigner(key, GATEWAY_ISSUER);

/** Per client request: the verified caller's claims, prepared once for all the fetches it makes. */
const perRequest = new WeakMap<Request, Promise<FetchSigner>>();
function sameWork(request: Request): Promise<FetchSigner> {
  let prepared = perRequest.get(request);
  if (!prepared) {
    prepared = authenticate(request.headers.get('authorization') ?? undefined).then((principal) =>
      signer.prepare({ principal, purpose: request.headers.get('x-purpose'), requestId: randomUUID(), grants: [] }),
    );
    perRequest.set(request, prepared);
  }
  return prepared;
}

const presigned =
  auth === 'presigned'
    ? signer.prepare({
        principal: JSON.parse(values.principal ?? fail('--auth presigned needs --principal')) as Principal,
        purpose: null,
        requestId: 'hive-bench',
        grants: [],
      })
    : undefined;

/** Signs each upstream fetch to node CODE for its subgraph, over the body as sent. */
const signSubgraphFetches: GatewayPlugin = {
  onFetch({ url, options, setOptions, context }) {
    if (!url.startsWith(`${node.url}/`)) return;
    const body = options.body;
    // The node hashes the bytes it receives: only a body whose bytes are known here can be signed.
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error(`hive-gateway: cannot sign a fetch to ${url} whose body is neither a string nor bytes`);
    const target = { node: node.code, subgraph: new URL(url).pathname.split('/').pop()! };
    const sign = (fetchSigner: FetchSigner) => setOptions({ ...options, headers: { ...options.headers, [HUB_CONTEXT_HEADER]: fetchSigner(target, body) } });
    if (presigned) return sign(presigned);
    if (!('request' in context)) throw new Error(`hive-gateway: a fetch to ${url} outside a client request`);
    return sameWork(context.request).then(sign);
  },
};

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: values.dedupe === true } } },
  plugins: () => [signSubgraphFetches],
});
const server = createServer(gateway);
const url = await listen(server, portOption(values.port, 0), '127.0.0.1');
console.log(`hive gateway ready at ${url}/graphql, subgraphs of node ${node.code}, auth ${auth}, upstream dedupe ${values.dedupe === true}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void close(server).then(() => gateway.dispose()).then(() => process.exit(0)));
}
