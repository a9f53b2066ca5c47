/**
 * npx tsx scripts/bench/peer.ts — ecert-hub's gateway against Hive Gateway on single-node
 * queries: the same supergraph, the same subgraphs of the same node (its own process), each
 * gateway in its own process. Latency is measured round-robin (one request at a time, the
 * gateways taking turns), throughput in alternating autocannon bursts, so that a noisy, shared
 * machine slows every gateway alike. Every answer is checked to be the same on both.
 *
 * During the bursts the CPU time each gateway process and the node process use is read from
 * /proc: CPU per request is steadier than requests per second on a machine others share.
 *
 * Env: BENCH_ROUNDS (latency rounds, default 400), BENCH_BURSTS (throughput bursts per
 * gateway, default 3), BENCH_BURST_SECONDS (default 4), BENCH_BASELINE_DIR (a checkout of an
 * earlier ecert-hub, e.g. from `git archive`, whose gateway runs as one more variant; it must
 * sign its contexts per fetch, bound to target and body, or these nodes refuse it),
 * BENCH_LABEL (tag in the JSON), DATABASE_URL (PostgreSQL instead of PGlite).
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { agencyBySlug } from '../demo/data.js';
import { answerOf, load } from './cannon.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER } from '../../lib/hub-context.js';
import type { Principal } from '../../lib/principal.js';
import { freePort, graphql, prepareHub, startChild, startGateway, startNodes, stopAll, type Child } from './processes.js';
import { summarize, writeResults } from './results.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 400);
const WARMUP = 50;
const BURSTS = Number(process.env['BENCH_BURSTS'] ?? 3);
const BURST_SECONDS = Number(process.env['BENCH_BURST_SECONDS'] ?? 4);
const CONNECTIONS = 20;
const NODE = '350000';

const QUERIES: Record<string, { query: string; variables?: (id: string) => Record<string, unknown> }> = {
  'certificate by id': {
    query: /* GraphQL */ `query One($id: ID!) { certificate(id: $id) { id number status issuedOn validUntil issuerName type { code } } }`,
    variables: (id) => ({ id }),
  },
  "20 certificates of one node": {
    query: /* GraphQL */ `query Page { certificates(first: 20, filter: { nodes: ["${NODE}"] }) { totalCount edges { node { id number status validUntil issuerName type { code } } } } }`,
  },
};

const BASELINE = process.env['BENCH_BASELINE_DIR'];
const WHAT_EACH_DOES: Record<string, string> = {
  'ecert-hub':
    'verifies the bearer JWT (EdDSA; once per token, cached until it expires, at most 60 s), reads grants from its cache, prepares the claims per request and signs a context (EdDSA JWT) per subgraph fetch, bound to node, subgraph and the SHA-256 of the body; routes by key',
  ...(BASELINE ? { 'ecert-hub baseline': `the gateway of the checkout in ${BASELINE}, against the same nodes` } : {}),
  'hive (same work)':
    'verifies the bearer JWT with the same authenticator once per request, then signs a context per subgraph fetch over the body Hive sends (an onFetch plugin hook)',
  'hive (pre-signed)':
    'verifies nothing; the claims of the benchmark principal prepared once, each subgraph fetch still signed over its body (onFetch) — the least a node accepts',
  'hive (pre-signed, upstream dedupe)':
    "as pre-signed, with Hive's default inflight deduplication: identical concurrent upstream requests are sent once, under one context (correct only because every request speaks for the same principal)",
  'node direct (no gateway)': 'the subgraph of the node itself, each request with a fresh context for the benchmark principal signed over its body: the floor',
};

const prepared = await prepareHub(['350000', '350100', '350200'], 'peer');
const hub = await startNodes(prepared);
const children: Child[] = [];
try {
  const consumer = agencyBySlug('fz-tax');
  const principal: Principal = { kind: 'agency', code: consumer.code, name: consumer.name, roles: ['consumer'] };
  const token = await prepared.token({ sub: consumer.code, kind: 'agency', roles: ['consumer'], name: consumer.name });
  const hive = (auth: string, dedupe = false) =>
    startChild(
      `hive (${auth})`,
      'scripts/bench/hive-gateway.ts',
      ['--nodes', hub.registryFile, '--node', NODE, '--auth', auth, '--principal', JSON.stringify(principal), ...(dedupe ? ['--dedupe'] : [])],
      { HUB_DATA_DIR: prepared.dir },
    );
  const baseline = async () =>
    startChild('ecert-hub baseline', 'scripts/gateway.ts', ['--nodes', hub.registryFile, '--port', String(await freePort())], { HUB_DATA_DIR: prepared.dir }, { cwd: BASELINE! });
  children.push(...(await Promise.all([startGateway(hub), ...(BASELINE ? [baseline()] : []), hive('same'), hive('presigned'), hive('presigned', true)])));
  const gateways: Record<string, string> = Object.fromEntries(children.map((child, i) => [Object.keys(WHAT_EACH_DOES)[i]!, `${child.url}/graphql`]));
  const DIRECT = 'node direct (no gateway)';
  gateways[DIRECT] = `${hub.registry.find((entry) => entry.code === NODE)!.url}/certificate`;
  const bearer = { authorization: `Bearer ${token}` };
  // Each direct request carries its own context, signed as the gateway signs a fetch: for this
  // node's certificate subgraph, over the exact body sent; a node accepts a context once.
  const signer = contextSigner(prepared.gatewayKey, GATEWAY_ISSUER);
  const directContext = (body: string) => ({
    [HUB_CONTEXT_HEADER]: signer.prepare({ principal, purpose: null, requestId: randomUUID(), grants: [] })({ node: NODE, subgraph: 'certificate' }, body),
  });
  const headersFor = (name: string, body: string) => (name === DIRECT ? directContext(body) : bearer);

  const page = (await graphql(gateways['ecert-hub']!, `{ certificates(first: 1, filter: { nodes: ["${NODE}"] }) { edges { node { id } } } }`, {}, bearer)) as {
    certificates: { edges: Array<{ node: { id: string } }> };
  };
  const id = page.certificates.edges[0]!.node.id;
  const bodies = Object.fromEntries(
    Object.entries(QUERIES).map(([name, { query, variables }]) => [name, JSON.stringify({ query, variables: variables?.(id) ?? {} })]),
  );

  // The same answers, or the comparison means nothing.
  const expected: Record<string, Record<string, string>> = {};
  for (const [query, body] of Object.entries(bodies)) {
    expected[query] = {};
    for (const [gateway, url] of Object.entries(gateways)) expected[query]![gateway] = await answerOf(url, body, headersFor(gateway, body));
    const [first, ...rest] = Object.values(expected[query]!).map((text) => JSON.parse(text) as unknown);
    for (const other of rest) if (!isDeepStrictEqual(first, other)) throw new Error(`the gateways answer "${query}" differently`);
  }

  const post = async (url: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };

  const rows: Array<Record<string, string | number>> = [];
  const ratios: Record<string, Record<string, number>> = {};
  for (const [query, body] of Object.entries(bodies)) {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(gateways).map((name) => [name, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const [name, url] of Object.entries(gateways)) {
        const headers = headersFor(name, body);
        const started = performance.now();
        await post(url, body, headers);
        if (round >= WARMUP) samples[name]!.push(performance.now() - started);
      }
    }
    const rps: Record<string, number[]> = Object.fromEntries(Object.keys(gateways).map((name) => [name, []]));
    const failures: Record<string, number> = Object.fromEntries(Object.keys(gateways).map((name) => [name, 0]));
    const gatewayCpu: Record<string, number[]> = Object.fromEntries(Object.keys(gateways).map((name) => [name, []]));
    const nodeCpu: Record<string, number[]> = Object.fromEntries(Object.keys(gateways).map((name) => [name, []]));
    const node = hub.nodes[hub.registry.findIndex((entry) => entry.code === NODE)]!;
    const processOf = (name: string) => children[Object.keys(WHAT_EACH_DOES).indexOf(name)];
    for (let burst = 0; burst < BURSTS; burst++) {
      for (const [name, url] of Object.entries(gateways)) {
        const gatewayProcess = name === DIRECT ? undefined : processOf(name);
        const [gatewayBefore, nodeBefore] = [gatewayProcess?.cpuMs() ?? 0, node.cpuMs()];
        const result = await load({
          url,
          body,
          ...(name === DIRECT ? { headers: {}, headersPerRequest: () => directContext(body) } : { headers: bearer }),
          connections: CONNECTIONS,
          seconds: BURST_SECONDS,
          expectBody: expected[query]![name]!,
        });
        gatewayCpu[name]!.push(((gatewayProcess?.cpuMs() ?? 0) - gatewayBefore) / result.requests);
        nodeCpu[name]!.push((node.cpuMs() - nodeBefore) / result.requests);
        rps[name]!.push(result.rps);
        failures[name]! += result.errors + result.non2xx + result.mismatches;
      }
    }
    const ours = summarize(samples['ecert-hub']!).median;
    const oursRps = summarize(rps['ecert-hub']!).median;
    ratios[query] = {};
    for (const name of Object.keys(gateways)) {
      const latency = summarize(samples[name]!);
      const throughput = summarize(rps[name]!).median;
      if (name !== 'ecert-hub' && name !== DIRECT) {
        ratios[query]![`latency ${name} / ecert-hub`] = latency.median / ours;
        ratios[query]![`rps ecert-hub / ${name}`] = oursRps / throughput;
        ratios[query]![`gateway CPU per request ${name} / ecert-hub`] = summarize(gatewayCpu[name]!).median / summarize(gatewayCpu['ecert-hub']!).median;
      }
      rows.push({
        query,
        gateway: name,
        'median ms': latency.median.toFixed(2),
        'p99 ms': latency.p99.toFixed(2),
        'median vs ecert-hub': (latency.median / ours).toFixed(2),
        [`req/s (${CONNECTIONS} conn)`]: Math.round(throughput),
        'req/s vs ecert-hub': (throughput / oursRps).toFixed(2),
        'gateway CPU ms/req': name === DIRECT ? '-' : summarize(gatewayCpu[name]!).median.toFixed(2),
        'node CPU ms/req': summarize(nodeCpu[name]!).median.toFixed(2),
        'bad answers': failures[name]!,
      });
    }
  }

  console.log(`\npeer: ecert-hub gateway vs Hive Gateway, same supergraph and subgraphs (node ${NODE}, own process), ${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}`);
  console.log(`latency: ${ROUNDS} rounds round-robin, one request at a time; throughput: ${BURSTS} alternating ${BURST_SECONDS} s bursts, ${CONNECTIONS} connections, median`);
  for (const [name, what] of Object.entries(WHAT_EACH_DOES)) console.log(`  ${name}: ${what}`);
  console.table(rows);
  for (const [query, values] of Object.entries(ratios)) {
    console.log(`${query}: ${Object.entries(values).map(([k, v]) => `${k} = ${v.toFixed(2)}`).join(', ')}`);
  }
  writeResults('peer', {
    label: process.env['BENCH_LABEL'] ?? null,
    database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite',
    perRequest: WHAT_EACH_DOES,
    rows,
    ratios,
    summary: Object.entries(ratios).flatMap(([query, values]) =>
      Object.entries(values).map(([what, value]) => ({ what: `peer, ${query}: ${what}`, value: value.toFixed(2) })),
    ),
  });
} finally {
  await stopAll(...children, hub);
  prepared.remove();
}
