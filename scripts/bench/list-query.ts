/**
 * npm run bench:list — gateway overhead: the three-node certificate list (20 certificates)
 * through the gateway — alone, with type names from the catalog, and with type and holder —
 * beside the same query sent straight to one node's certificate subgraph and beside one
 * hand-written SQL statement (the floor: through postgres.js on PostgreSQL, PGlite's own query
 * otherwise), measured round-robin in one run so that a noisy, shared machine slows every
 * variant alike. Prints medians, p99 and ratios. The hub runs in this process (embedded).
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isoDate } from '../../lib/codes.js';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { contextSigner, GATEWAY_ISSUER, HUB_CONTEXT_HEADER } from '../../lib/hub-context.js';
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import { agencyBySlug, TYPE_CODES } from '../demo/data.js';
import { seedDemoData } from '../demo/seed.js';
import { startEmbeddedHub } from '../../hub/embedded-hub.js';
import { summarize, writeResults } from './results.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 300);
const WARMUP = 30;
const keysDir = mkdtempSync(join(tmpdir(), 'ecert-bench-'));
const databaseUrl = process.env['DATABASE_URL'];

const nodes = await Promise.all(
  ['350000', '350100', '350200'].map(async (code) => ({
    code,
    name: FUJIAN_REGIONS[code]!,
    database: await freshDatabaseOptions(databaseUrl, `bench_${code}`),
  })),
);
const hub = await startEmbeddedHub({
  keysDir,
  nodes,
  beforeOpen: async (nodes, topology) => {
    await seedDemoData(nodes.map((node) => ({ code: node.code, db: node.database.db, kek: node.kek })), {
      today: isoDate(new Date()),
      nodeForRegion: (region) => topology.ownerOfRegion(region),
    });
  },
});

const consumer = agencyBySlug('fz-tax');
const token = await hub.token({ sub: consumer.code, kind: 'agency', roles: ['consumer'], name: consumer.name });
const principal = { kind: 'agency' as const, code: consumer.code, name: consumer.name, roles: ['consumer' as const] };
const SAME = `{ certificates(first: 20) { edges { node { id number status validUntil issuerName type { code } } } } }`;
const WITH_TYPES = `{ certificates(first: 20) { edges { node { id number status validUntil issuerName type { code name } } } } }`;
// Business licences are shared unconditionally: a consumer reads their holders too.
const WITH_HOLDERS = `{ certificates(first: 20, filter: { typeCode: "${TYPE_CODES.businessLicence}" }) { edges { node { id number status validUntil issuerName type { code name } holder { name } } } } }`;
const province = hub.nodes.find((node) => node.code === '350000')!;
const provinceUrl = (nodes.find((node) => node.code === '350000')!.database as { databaseUrl?: string }).databaseUrl;
// The floor: one statement straight to the province node's database, through postgres.js itself.
const floorClient = provinceUrl ? postgres(provinceUrl, { max: 1, onnotice: () => {} }) : null;

// The direct requests are signed as the gateway signs its fetches: claims prepared per request,
// a context per fetch bound to the province's certificate subgraph and to the exact body sent
// (the node accepts each context once, so none can be reused across rounds).
const signer = contextSigner(hub.gatewayKey, GATEWAY_ISSUER);
const DIRECT_TARGET = { node: '350000', subgraph: 'certificate' };
const directBody = JSON.stringify({ query: SAME });

async function post(url: string, query: string, headers: Record<string, string>, body = JSON.stringify({ query })): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || answer.errors) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(answer.errors ?? answer)}`);
}

const variants: Record<string, () => Promise<void>> = {
  'gateway, 3 nodes': () => post(`${hub.url}/graphql`, SAME, { authorization: `Bearer ${token}` }),
  'gateway, 3 nodes + type names (catalog)': () => post(`${hub.url}/graphql`, WITH_TYPES, { authorization: `Bearer ${token}` }),
  'gateway, 3 nodes, business licences + type names + holders': () => post(`${hub.url}/graphql`, WITH_HOLDERS, { authorization: `Bearer ${token}` }),
  'one node subgraph, direct': () => {
    const sign = signer.prepare({ principal, purpose: null, requestId: randomUUID(), grants: [] });
    return post(`${province.url}/certificate`, SAME, { [HUB_CONTEXT_HEADER]: sign(DIRECT_TARGET, directBody) }, directBody);
  },
  'one SQL statement (floor)': async () => {
    if (floorClient) {
      await floorClient`select id, number, status, valid_until, issuer_name, type_code from certificate.certificates order by issued_on desc, id collate "C" limit 20`;
      return;
    }
    await province.database.db.execute(
      sql`select id, number, status, valid_until, issuer_name, type_code from certificate.certificates order by issued_on desc, id collate "C" limit 20`,
    );
  },
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const started = performance.now();
    await run();
    if (round >= WARMUP) samples[name]!.push(performance.now() - started);
  }
}
await floorClient?.end();
await hub.stop();
rmSync(keysDir, { recursive: true, force: true });

const floor = summarize(samples['one node subgraph, direct']!).median;
const rows = Object.entries(samples).map(([variant, times]) => {
  const { median, p99, n } = summarize(times);
  return { variant, 'median ms': median.toFixed(2), 'p99 ms': p99.toFixed(2), 'vs direct subgraph': (median / floor).toFixed(2), n };
});
console.log(`database: ${databaseUrl ? 'PostgreSQL' : 'PGlite (in memory)'}, ${ROUNDS} rounds, round-robin`);
console.table(rows);
writeResults('list-query', {
  database: databaseUrl ? 'postgres' : 'pglite',
  rows,
  summary: rows.map((row) => ({ what: `list of 20: ${row.variant}`, value: `${row['median ms']} ms median, p99 ${row['p99 ms']} ms, ${row['vs direct subgraph']}× direct subgraph` })),
});
