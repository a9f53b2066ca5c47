/**
 * npm run bench:rules — what the authorization rules and the audit log cost. Three embedded
 * hubs with the same data answer the same 500-certificate list query with items, round-robin
 * in one run: rules + audit (the hub as shipped), rules without audit, and a permissive rule
 * set without audit. The consumer asking holds a grant on every item of the type for its
 * purpose, so all three answers are identical and only the enforcement differs.
 * Target: rules under 15% over permissive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../../lib/codes.js';
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import type { Enforcement } from '../../subgraphs/kit/subgraph.js';
import { grantAccess } from '../../subgraphs/catalog/service.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { issueCertificate } from '../../subgraphs/certificate/service.js';
import { agencyBySlug, CERTIFICATE_TYPES, demoData, TYPE_CODES } from '../demo/data.js';
import { seedDemoData } from '../demo/seed.js';
import { startEmbeddedHub, type EmbeddedHub } from '../../hub/embedded-hub.js';
import { summarize, writeResults } from './results.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);
const WARMUP = 3;
const PER_NODE = 170; // 510 certificates of the bench type over three nodes
const PURPOSE = 'bench';
const CONSUMER = agencyBySlug('fz-tax');
const STEWARD = agencyBySlug('fj-bigdata');
const ISSUERS = ['fj-amr', 'fz-amr', 'xm-amr'].map(agencyBySlug);
const DEMO_TYPE = CERTIFICATE_TYPES.find((type) => type.code === TYPE_CODES.constructionSafety)!; // CONDITIONAL
// Only the provincial housing department issues it in the demo; the bench lets the three market
// regulators issue it too, so that the 500 certificates lie on all three nodes.
const TYPE = { ...DEMO_TYPE, issuers: [...DEMO_TYPE.issuers, ...ISSUERS.map((issuer) => issuer.code)] };
const today = isoDate(new Date());

const VARIANTS: Record<string, Enforcement> = {
  'rules + audit (as shipped)': { rules: true, audit: true },
  'rules, no audit': { rules: true, audit: false },
  'permissive rules, no audit': { rules: false, audit: false },
};

async function startVariant(enforcement: Enforcement): Promise<{ hub: EmbeddedHub; keysDir: string }> {
  const keysDir = mkdtempSync(join(tmpdir(), 'ecert-bench-rules-'));
  const hub = await startEmbeddedHub({
    keysDir,
    enforcement,
    nodes: ['350000', '350100', '350200'].map((code) => ({ code, name: FUJIAN_REGIONS[code]!, database: { memory: true as const } })),
    beforeOpen: async (nodes, topology) => {
      const nodeOf = (code: string) => nodes.find((node) => node.code === code)!;
      const dbOf = (code: string) => nodeOf(code).database.db;
      await seedDemoData(nodes.map((node) => ({ code: node.code, db: node.database.db, kek: node.kek })), {
        today,
        nodeForRegion: (region) => topology.ownerOfRegion(region),
      });
      const catalog = catalogFromList(CERTIFICATE_TYPES.map((type) => (type.code === TYPE.code ? TYPE : type)));
      const holders = demoData(today).legalEntities;
      await Promise.all(
        ISSUERS.map(async (issuer) => {
          for (let i = 0; i < PER_NODE; i++) {
            const holder = holders[i % holders.length]!;
            const node = nodeOf(topology.ownerOfRegion(issuer.region));
            await issueCertificate({ db: node.database.db, catalog, kek: node.kek }, issuer, {
              typeCode: TYPE.code,
              number: `BENCH-${issuer.region}-${i}`,
              holderKind: 'ORGANIZATION',
              holderCode: holder.uscc,
              holderName: holder.name,
              issuedOn: '2025-06-01',
              validFrom: '2025-06-01',
              items: TYPE.items.map((item) => ({ code: item.code, value: `${item.name} ${i}` })),
            });
          }
        }),
      );
      await grantAccess(dbOf(topology.province), catalog, STEWARD.code, {
        agency: CONSUMER.code,
        certificateType: TYPE.code,
        items: TYPE.items.map((item) => item.code),
        purposes: [PURPOSE],
        expiresAt: null,
      });
    },
  });
  return { hub, keysDir };
}

const QUERY = /* GraphQL */ `
  query Bench($type: ID!) {
    certificates(filter: { typeCode: $type }, first: 500) {
      edges { node { id number status validUntil holderCode holderName issuerName items { code name value } } }
    }
  }
`;

const hubs = await Promise.all(Object.entries(VARIANTS).map(async ([name, enforcement]) => ({ name, ...(await startVariant(enforcement)) })));
const runs = await Promise.all(
  hubs.map(async ({ name, hub }) => {
    const token = await hub.token({ sub: CONSUMER.code, kind: 'agency', roles: ['consumer'], name: CONSUMER.name });
    const run = async () => {
      const response = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': PURPOSE },
        body: JSON.stringify({ query: QUERY, variables: { type: TYPE.code } }),
      });
      const body = (await response.json()) as { data?: { certificates: { edges: unknown[] } }; errors?: unknown[] };
      if (body.errors || body.data?.certificates.edges.length !== 500) throw new Error(`${name}: ${JSON.stringify(body.errors ?? 'short page')}`);
    };
    return { name, run };
  }),
);

const samples: Record<string, number[]> = Object.fromEntries(runs.map(({ name }) => [name, []]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const { name, run } of runs) {
    const started = performance.now();
    await run();
    if (round >= WARMUP) samples[name]!.push(performance.now() - started);
  }
}
for (const { hub, keysDir } of hubs) {
  await hub.stop();
  rmSync(keysDir, { recursive: true, force: true });
}

const median = (name: string) => summarize(samples[name]!).median;
const rows = Object.keys(VARIANTS).map((name) => {
  const { median: m, p99, n } = summarize(samples[name]!);
  return { variant: name, 'median ms': m.toFixed(1), 'p99 ms': p99.toFixed(1), n };
});
const ruleCost = median('rules, no audit') / median('permissive rules, no audit') - 1;
const auditCost = median('rules + audit (as shipped)') / median('rules, no audit') - 1;
console.log(`500 certificates with ${TYPE.items.length} items each, through the gateway, ${ROUNDS} rounds round-robin (PGlite)`);
console.table(rows);
console.log(`rules cost:  ${(ruleCost * 100).toFixed(1)}% over permissive (target < 15%)`);
console.log(`audit cost:  ${(auditCost * 100).toFixed(1)}% over rules without audit`);
writeResults('rules', { rows, ruleCost, auditCost });
