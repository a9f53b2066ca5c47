/**
 * npx tsx scripts/bench/load.ts — throughput and latency under load: autocannon drives the
 * gateway (its own process, in front of three node processes) with 20, 50 and 100 keep-alive
 * connections for a fixed time each, on the three-node certificate list (20 certificates with
 * their type codes, as bench:list) and on a single-node lookup. Every answer must be the expected one: a
 * connection error, a non-2xx status or a different body (a GraphQL error included) counts as
 * an error, and there must be none. The gateway's resident memory is read before and after.
 * The nodes' timeout is raised to 30 s: with 100 connections queueing at nodes that answer a
 * list in tens of milliseconds each (PGlite, two cores), waits pass the default 3 s, and what is
 * measured here is the hub saturated, not a node giving up (test/faults.test.ts covers that).
 *
 * Env: BENCH_LOAD_SECONDS (default 10), BENCH_CONNECTIONS (default 20,50,100), DATABASE_URL.
 */
import { agencyBySlug } from '../demo/data.js';
import { answerOf, load, type LoadResult } from './cannon.js';
import { graphql, prepareHub, startGateway, startNodes, stopAll, type Child } from './processes.js';
import { writeResults } from './results.js';

const SECONDS = Number(process.env['BENCH_LOAD_SECONDS'] ?? 10);
const CONNECTIONS = (process.env['BENCH_CONNECTIONS'] ?? '20,50,100').split(',').map(Number);

export const LIST_QUERY = /* GraphQL */ `query List { certificates(first: 20) { totalCount edges { node { id number status validUntil issuerName type { code } } } } }`;
const ONE_QUERY = /* GraphQL */ `query One($id: ID!) { certificate(id: $id) { id number status issuedOn validUntil issuerName type { code } } }`;

const prepared = await prepareHub(['350000', '350100', '350200'], 'load');
const hub = await startNodes(prepared);
let gateway: Child | undefined;
try {
  gateway = await startGateway(hub, ['--node-timeout', '30000']);
  const url = `${gateway.url}/graphql`;
  const consumer = agencyBySlug('fz-tax');
  const token = await prepared.token({ sub: consumer.code, kind: 'agency', roles: ['consumer'], name: consumer.name });
  const headers = { authorization: `Bearer ${token}` };
  const page = (await graphql(url, `{ certificates(first: 1, filter: { nodes: ["350200"] }) { edges { node { id } } } }`, {}, headers)) as {
    certificates: { edges: Array<{ node: { id: string } }> };
  };
  const queries = {
    'list of 20, 3 nodes': JSON.stringify({ query: LIST_QUERY, variables: {} }),
    'one certificate, 1 node': JSON.stringify({ query: ONE_QUERY, variables: { id: page.certificates.edges[0]!.node.id } }),
  };

  const rssBefore = gateway.rssMb();
  const results: Array<LoadResult & { query: string }> = [];
  for (const [query, body] of Object.entries(queries)) {
    const expectBody = await answerOf(url, body, headers);
    // A short warm-up so the first measured run does not pay for JIT and plan building.
    await load({ url, body, headers, connections: 10, seconds: 2, expectBody });
    for (const connections of CONNECTIONS) {
      results.push({ query, ...(await load({ url, body, headers, connections, seconds: SECONDS, expectBody })) });
    }
  }
  const rssAfter = gateway.rssMb();

  const rows = results.map((r) => ({
    query: r.query,
    connections: r.connections,
    'req/s': Math.round(r.rps),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    requests: r.requests,
    errors: r.errors,
    non2xx: r.non2xx,
    'wrong answers': r.mismatches,
  }));
  const failures = results.reduce((sum, r) => sum + r.errors + r.non2xx + r.mismatches, 0);
  console.log(`\nload: autocannon on loopback, ${SECONDS} s per run, gateway and 3 nodes each in its own process, ${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}`);
  console.table(rows);
  console.log(`gateway RSS: ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after; errors, non-2xx and wrong answers: ${failures}`);
  writeResults('load', {
    database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite',
    seconds: SECONDS,
    rows,
    rssMb: { before: rssBefore, after: rssAfter },
    failures,
    summary: results.map((r) => ({
      what: `load: ${r.query}, ${r.connections} connections`,
      value: `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors + r.non2xx + r.mismatches} errors`,
    })),
  });
  if (failures > 0) process.exitCode = 1;
} finally {
  await stopAll(gateway, hub);
  prepared.remove();
}
