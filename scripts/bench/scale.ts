/**
 * npm run bench:scale [-- --sizes 10000,1000000,10000000] [--seed S] [--repeat N]
 *
 * Page cost against data size (issue 16): for each size — certificates over the three nodes'
 * PostgreSQL databases, written by generate.ts (about three per legal entity) — the nodes and the
 * gateway each run as their own process and a consumer asks 20-certificate pages: the first page,
 * page 50 (walked to by cursor, then asked again), and first pages filtered by holder, by type and
 * by status; each `--repeat` times, medians side by side with the ratio to the smallest size (the
 * goal: ≤ 1.2× from 10 thousand to 10 million). Also the resident memory of the gateway and the
 * nodes after the pages, and the disk per million certificates. The databases are dropped after
 * each size.
 *
 * Env: DATABASE_URL (PostgreSQL, required: one database per node, <database>_bench_scale_<size>_<node>).
 */
import postgres from 'postgres';
import { isoDate } from '../../lib/codes.js';
import { cliArgs, failUsage, wholeOption } from '../args.js';
import { agencyBySlug } from '../demo/agencies.js';
import { TYPE_CODES } from '../demo/certificate-types.js';
import { dropDatabases, generateProvince } from './generate.js';
import { graphql, prepareHub, startGateway, startNodes, stopAll, type Child, type RunningHub } from './processes.js';
import { summarize, writeResults } from './results.js';

const USAGE = `usage: npm run bench:scale [-- --sizes N,N,…] [--seed S] [--repeat N]
  --sizes   certificates to generate for each round, smallest first (default 10000,1000000,10000000)
  --seed    the generator's seed (default 1)
  --repeat  times each page is asked (default 7; the first is not counted)
Env: DATABASE_URL=postgres://… (required)`;
const { values } = cliArgs(USAGE, { sizes: { type: 'string' }, seed: { type: 'string' }, repeat: { type: 'string' } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!process.env['DATABASE_URL']) failUsage('bench:scale needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/ecert');
const SIZES = (values.sizes ?? '10000,1000000,10000000').split(',').map((size) => wholeOption('sizes', size.trim(), 0, 1_000, USAGE));
const SEED = wholeOption('seed', values.seed, 1, 0, USAGE);
const REPEAT = wholeOption('repeat', values.repeat, 7, 2, USAGE);
const NODES = ['350000', '350100', '350200'];
const GOAL_RATIO = 1.2;
const today = isoDate(new Date());
const consumer = agencyBySlug('fz-tax');

const PAGE = /* GraphQL */ `
  query Page($filter: CertificateFilter, $after: String) {
    certificates(filter: $filter, first: 20, after: $after) { edges { node { id typeName issuedOn status } } pageInfo { hasNextPage endCursor } }
  }
`;

interface Shape {
  name: string;
  ms: number[];
}

/** Medians of each shape at one size, the memory after, and the disk the size took. */
interface Round {
  certificates: number;
  shapes: Shape[];
  memoryMb: Record<string, number>;
  databaseMb: number;
}

async function timed(ask: () => Promise<unknown>): Promise<number[]> {
  await ask(); // warm: plans, connections, pages
  const ms: number[] = [];
  for (let i = 1; i < REPEAT; i++) {
    const at = performance.now();
    await ask();
    ms.push(performance.now() - at);
  }
  return ms;
}

async function round(size: number): Promise<Round> {
  const prepared = await prepareHub(NODES, `scale_${size}`, 0);
  let running: RunningHub | undefined;
  let gateway: Child | undefined;
  try {
    console.log(`\n${size} certificates: generating…`);
    await generateProvince({ databaseUrls: prepared.databaseUrls, entities: Math.max(1, Math.round(size / 3)), seed: SEED, today });
    let certificates = 0;
    let bytes = 0;
    let holder = '';
    for (const [code, url] of prepared.databaseUrls) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      certificates += Number((await sql`select count(*)::bigint as n from certificate.certificates`)[0]!['n']);
      bytes += Number((await sql`select pg_database_size(current_database())::bigint as n`)[0]!['n']);
      if (code === '350100') holder = String((await sql`select holder_code from certificate.certificates where type_code = ${TYPE_CODES.businessLicence} limit 1`)[0]?.['holder_code'] ?? '');
      await sql.end();
    }
    running = await startNodes(prepared);
    gateway = await startGateway(running, ['--node-timeout', '60000']);
    const token = await prepared.token({ sub: consumer.code, kind: 'agency', roles: ['consumer'], name: consumer.name, ttlSeconds: 3600 });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent('税务登记信息核验') };
    const page = (filter: Record<string, unknown> | null, after?: string | null) =>
      graphql(`${gateway!.url}/graphql`, PAGE, { filter, ...(after ? { after } : {}) }, headers) as Promise<{ certificates: { pageInfo: { endCursor: string | null } } }>;
    // Page 50: walked to once by cursor, then asked again from the same cursor.
    let cursor: string | null = null;
    for (let n = 1; n < 50; n++) {
      cursor = (await page(null, cursor)).certificates.pageInfo.endCursor;
      if (cursor === null) break;
    }
    const shapes: Shape[] = [
      { name: 'first page', ms: await timed(() => page(null)) },
      { name: 'page 50 by cursor', ms: cursor === null ? [] : await timed(() => page(null, cursor)) },
      { name: 'by holder', ms: await timed(() => page({ holderCode: holder })) },
      { name: 'by type', ms: await timed(() => page({ typeCode: TYPE_CODES.businessLicence })) },
      { name: 'by status', ms: await timed(() => page({ status: ['VALID'] })) },
    ];
    const memoryMb = Object.fromEntries([gateway, ...running.nodes].map((child) => [child.name, Math.round(child.rssMb())]));
    return { certificates, shapes, memoryMb, databaseMb: Math.round(bytes / 2 ** 20) };
  } finally {
    await stopAll(gateway, running);
    prepared.remove();
    await dropDatabases(prepared.databaseUrls);
  }
}

const rounds: Round[] = [];
for (const size of SIZES) rounds.push(await round(size));
const median = (shape: Shape | undefined) => (shape && shape.ms.length > 0 ? summarize(shape.ms).median : null);
console.log(`\n20-certificate pages through the gateway (3 PostgreSQL nodes, processes), median ms; ratio to ${rounds[0]!.certificates} certificates (goal ≤ ${GOAL_RATIO}×):`);
console.table(
  rounds[0]!.shapes.map((shape, i) =>
    Object.fromEntries([
      ['shape', shape.name],
      ...rounds.flatMap((r) => {
        const ms = median(r.shapes[i]);
        const base = median(rounds[0]!.shapes[i]);
        return [
          [`${r.certificates} ms`, ms === null ? '—' : ms.toFixed(1)],
          [`${r.certificates} ×`, ms === null || base === null ? '—' : (ms / base).toFixed(2)],
        ];
      }),
    ]),
  ),
);
console.log('memory after the pages (MB) and disk:');
console.table(rounds.map((r) => ({ certificates: r.certificates, ...r.memoryMb, 'database MB': r.databaseMb, 'MB per million certificates': Math.round((r.databaseMb / r.certificates) * 1e6) })));
writeResults('scale', {
  database: 'postgres',
  seed: SEED,
  today,
  rounds,
  summary: rounds.flatMap((r) => r.shapes.map((shape) => ({ what: `scale ${shape.name} at ${r.certificates}`, value: `median ${median(shape)?.toFixed(1) ?? '—'} ms` }))),
});
