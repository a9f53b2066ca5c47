/**
 * npx tsx scripts/bench/batching.ts — SQL statements per request for lists of 10, 100 and
 * 1,000 certificates with their items, history, types (catalog) and holders (registry), over
 * three nodes, counted at each node's database (lib/db.ts StatementCounter). What DataLoader
 * batching buys: the count does not grow with the length of the list.
 *
 * Env: DATABASE_URL (PostgreSQL instead of PGlite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate, typeCodeRegion, usccRegion } from '../../lib/codes.js';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import { defineCertificateType } from '../../subgraphs/catalog/service.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { issueCertificate } from '../../subgraphs/certificate/service.js';
import { registerLegalEntity } from '../../subgraphs/legal-entity/service.js';
import { agencyBySlug, CERTIFICATE_TYPES, demoData, registrarFor, TYPE_CODES } from '../demo/data.js';
import { startEmbeddedHub } from '../../hub/embedded-hub.js';
import { writeResults } from './results.js';

const SIZES = [10, 100, 1000];
const PER_NODE = 340; // 1,020 certificates of one holder over three nodes
const ISSUERS = ['fj-amr', 'fz-amr', 'xm-amr'].map(agencyBySlug);
// Only the provincial housing department issues it in the demo; the bench lets the three market
// regulators issue it too, so that the holder's certificates lie on all three nodes.
const TYPES = [TYPE_CODES.constructionSafety].map((code) => {
  const type = CERTIFICATE_TYPES.find((candidate) => candidate.code === code)!;
  return { ...type, issuers: [...type.issuers, ...ISSUERS.map((issuer) => issuer.code)] };
});
const today = isoDate(new Date());
const HOLDER = demoData(today).legalEntities.find((entity) => usccRegion(entity.uscc).startsWith('3502'))!;

const keysDir = mkdtempSync(join(tmpdir(), 'ecert-bench-batching-'));
const databaseUrl = process.env['DATABASE_URL'];
const hub = await startEmbeddedHub({
  keysDir,
  // 1,000 certificates with everything, three nodes in this one process: far more than 3 s.
  nodeTimeoutMs: 120_000,
  // Only the requests' statements are counted: no webhook worker polling beside them.
  webhooks: { deliver: false },
  nodes: await Promise.all(
    ['350000', '350100', '350200'].map(async (code) => ({
      code,
      name: FUJIAN_REGIONS[code]!,
      database: await freshDatabaseOptions(databaseUrl, `bench_batching_${code}`),
    })),
  ),
  beforeOpen: async (nodes, topology) => {
    const nodeOf = (region: string) => nodes.find((node) => node.code === topology.ownerOfRegion(region))!;
    const dbOf = (region: string) => nodeOf(region).database.db;
    for (const type of TYPES) await defineCertificateType(dbOf(typeCodeRegion(type.code)), type);
    await registerLegalEntity(dbOf(usccRegion(HOLDER.uscc)), registrarFor(usccRegion(HOLDER.uscc)).code, HOLDER);
    const catalog = catalogFromList(TYPES);
    await Promise.all(
      ISSUERS.map(async (issuer) => {
        for (let i = 0; i < PER_NODE; i++) {
          const type = TYPES[i % TYPES.length]!;
          const day = `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`;
          await issueCertificate({ db: dbOf(issuer.region), catalog, kek: nodeOf(issuer.region).kek }, issuer, {
            typeCode: type.code,
            number: `BATCH-${issuer.region}-${i}`,
            holderKind: 'ORGANIZATION',
            holderCode: HOLDER.uscc,
            holderName: HOLDER.name,
            issuedOn: day,
            validFrom: day,
            items: type.items.filter((item) => item.required).map((item) => ({ code: item.code, value: `${item.name} ${i}` })),
          });
        }
      }),
    );
  },
});

const LIST = /* GraphQL */ `
  query($first: Int, $holder: String) {
    certificates(first: $first, filter: { holderCode: $holder }) {
      totalCount
      edges { node { id number status items { code value } statusHistory { to } type { name sharing items { code name } } holder { name status } } }
    }
  }
`;

try {
  const token = await hub.token({ sub: HOLDER.uscc, kind: 'holder' });
  const rows: Array<Record<string, number>> = [];
  for (const first of SIZES) {
    hub.nodes.forEach((node) => node.database.statements.reset());
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LIST, variables: { first, holder: HOLDER.uscc } }),
    });
    const body = (await response.json()) as { data?: { certificates: { edges: Array<{ node: { holder: unknown; type: unknown } }> } }; errors?: unknown[] };
    const edges = body.data?.certificates.edges ?? [];
    if (body.errors || edges.length !== first || edges.some((edge) => !edge.node.holder || !edge.node.type)) {
      throw new Error(`list of ${first}: ${JSON.stringify(body.errors ?? `${edges.length} edges`).slice(0, 500)}`);
    }
    const perNode = Object.fromEntries(hub.nodes.map((node) => [`node ${node.code}`, node.database.statements.count]));
    rows.push({ certificates: first, ...perNode, total: Object.values(perNode).reduce((a, b) => a + b, 0) });
  }
  console.log(`\nbatching: SQL statements per request at each node (${databaseUrl ? 'PostgreSQL' : 'PGlite'}); list with items, history, type and holder, read by the holder`);
  console.log('(the certificate subgraph also appends the access records of the request: a few statements, whatever the count)');
  console.table(rows);
  writeResults('batching', {
    database: databaseUrl ? 'postgres' : 'pglite',
    rows,
    summary: rows.map((row) => ({ what: `batching: SQL statements for ${row.certificates} certificates`, value: `${row.total} (${hub.nodes.map((node) => row[`node ${node.code}`]).join(' / ')} at ${hub.nodes.map((node) => node.code).join(' / ')})` })),
  });
} finally {
  await hub.stop();
  rmSync(keysDir, { recursive: true, force: true });
}
