/**
 * npx tsx scripts/bench/fanout.ts — fan-out scaling: the certificate list (20 certificates with
 * type and holder) through the gateway over 3, 6 and 10 nodes (all ten Fujian regions), each
 * node its own process over its own database. One hub of ten nodes answers all three, the
 * scope chosen with the `nodes` filter, so the data and the routing of entity references are
 * the same; each node is also asked the same page straight at its certificate subgraph, in
 * the same round-robin, to compare the gateway with the slowest node and with the sum of all.
 *
 * Env: BENCH_ROUNDS (default 150), DATABASE_URL, BENCH_NODE_LATENCY_MS: put a proxy in front of
 * every node that holds each request that long before passing it on — the network between
 * cities, which a real deployment has and loopback does not. Fanned out in parallel, that time
 * is paid once whatever the number of nodes; fanned out one after another it would add up.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { agencyBySlug, TYPE_CODES } from '../demo/data.js';
import { close, listen } from '../../hub/listen.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER } from '../../lib/hub-context.js';
import { ALL_NODES, prepareHub, startGateway, startNodes, stopAll, type Child } from './processes.js';
import { summarize, writeResults } from './results.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 150);
const LATENCY_MS = Number(process.env['BENCH_NODE_LATENCY_MS'] ?? 0);

/** A proxy that holds each request LATENCY_MS before forwarding it to `target`. */
async function delayingProxy(target: string): Promise<{ url: string; server: Server }> {
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    setTimeout(() => {
      const forward = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, LATENCY_MS);
  });
  return { url: await listen(server, 0, '127.0.0.1'), server };
}
const WARMUP = 20;
const SCOPES = [3, 6, 10];

const listQuery = (nodes: string[]) =>
  /* GraphQL */ `{ certificates(first: 20, filter: { typeCode: "${TYPE_CODES.businessLicence}", nodes: ${JSON.stringify(nodes)} }) { totalCount edges { node { id number status validUntil issuerName type { code name } holder { name } } } } }`;
const NODE_QUERY = /* GraphQL */ `{ certificates(first: 20, filter: { typeCode: "${TYPE_CODES.businessLicence}" }) { totalCount edges { node { id number status validUntil issuerName type { code } holder { uscc } } } } }`;

const prepared = await prepareHub(ALL_NODES, 'fanout');
const hub = await startNodes(prepared);
let gateway: Child | undefined;
const proxies: Server[] = [];
try {
  // Latency is what is measured: a node slowed by the machine's other work is waited for
  // (30 s) rather than given up after the default 3 s.
  let route = hub;
  if (LATENCY_MS > 0) {
    // The gateway reaches every node through its proxy; direct requests below go the same way.
    const proxied = await Promise.all(hub.registry.map(async (entry) => ({ entry, proxy: await delayingProxy(entry.url) })));
    proxies.push(...proxied.map(({ proxy }) => proxy.server));
    const registry = proxied.map(({ entry, proxy }) => ({ ...entry, url: proxy.url }));
    const registryFile = join(prepared.dir, 'nodes-proxied.json');
    writeFileSync(registryFile, JSON.stringify(registry, null, 2));
    route = { ...hub, registry, registryFile };
  }
  gateway = await startGateway(route, ['--node-timeout', '30000']);
  const consumer = agencyBySlug('fz-tax');
  const principal = { kind: 'agency' as const, code: consumer.code, name: consumer.name, roles: ['consumer' as const] };
  const token = await prepared.token({ sub: consumer.code, kind: 'agency', roles: ['consumer'], name: consumer.name });

  /** Business licences (shared unconditionally, holders readable): 20 through the gateway, at least one per node. */
  const post = async (url: string, body: string, headers: Record<string, string>, atLeast = 20) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const answer = (await response.json()) as { data?: { certificates: { edges: unknown[] } }; errors?: unknown[] };
    if (!response.ok || answer.errors || (answer.data?.certificates.edges.length ?? 0) < atLeast) throw new Error(`${url}: ${JSON.stringify(answer.errors ?? answer).slice(0, 400)}`);
  };
  // The direct requests are signed as the gateway signs its fetches: a context per request,
  // bound to that node's certificate subgraph and to the exact body sent, since a node accepts
  // each context once and only for the body it was signed over.
  const signer = contextSigner(prepared.gatewayKey, GATEWAY_ISSUER);
  const nodeBody = JSON.stringify({ query: NODE_QUERY });
  const contextHeader = (node: string) => {
    const sign = signer.prepare({ principal, purpose: null, requestId: randomUUID(), grants: [] });
    return { [HUB_CONTEXT_HEADER]: sign({ node, subgraph: 'certificate' }, nodeBody) };
  };

  const variants: Record<string, () => Promise<void>> = {};
  for (const size of SCOPES) {
    const query = listQuery(ALL_NODES.slice(0, size));
    const body = JSON.stringify({ query });
    variants[`gateway, ${size} nodes`] = () => post(`${gateway!.url}/graphql`, body, { authorization: `Bearer ${token}` });
  }
  for (const entry of route.registry) {
    variants[`node ${entry.code} direct`] = () => post(`${entry.url}/certificate`, nodeBody, contextHeader(entry.code), 1);
  }

  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = performance.now();
      await run();
      if (round >= WARMUP) samples[name]!.push(performance.now() - started);
    }
  }

  const median = (name: string) => summarize(samples[name]!).median;
  const rows = SCOPES.map((size) => {
    const nodes = ALL_NODES.slice(0, size).map((code) => median(`node ${code} direct`));
    const { median: m, p99 } = summarize(samples[`gateway, ${size} nodes`]!);
    const slowest = Math.max(...nodes);
    const sum = nodes.reduce((a, b) => a + b, 0);
    return {
      nodes: size,
      'gateway median ms': m.toFixed(1),
      'gateway p99 ms': p99.toFixed(1),
      'slowest node median ms': slowest.toFixed(1),
      'sum of node medians ms': sum.toFixed(1),
      'gateway / slowest node': (m / slowest).toFixed(2),
      'gateway / sum of nodes': (m / sum).toFixed(2),
    };
  });
  const perNode = route.registry.map((entry) => {
    const { median: m, p99 } = summarize(samples[`node ${entry.code} direct`]!);
    return { node: entry.code, 'direct median ms': m.toFixed(1), 'direct p99 ms': p99.toFixed(1) };
  });
  console.log(
    `\nfan-out: one hub of 10 node processes (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}), scope by the nodes filter, ${ROUNDS} rounds round-robin` +
      (LATENCY_MS > 0 ? `, ${LATENCY_MS} ms of network in front of every node` : ''),
  );
  console.table(perNode);
  console.table(rows);
  console.log(
    'Each node is its own process, but this machine has 2 cores: nodes that answer side by side\n' +
      'share them, so with many nodes the wait grows with the busiest core as well as the slowest node.',
  );
  writeResults('fanout', {
    database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite',
    nodeLatencyMs: LATENCY_MS,
    rounds: ROUNDS,
    perNode,
    rows,
    summary: rows.map((row) => ({
      what: `fan-out: list of 20 over ${row.nodes} nodes`,
      value: `${row['gateway median ms']} ms median (slowest node ${row['slowest node median ms']} ms, sum of nodes ${row['sum of node medians ms']} ms)`,
    })),
  });
} finally {
  await stopAll(gateway, hub);
  await Promise.all(proxies.map((server) => close(server)));
  prepared.remove();
}
