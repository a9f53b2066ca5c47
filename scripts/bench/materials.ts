/**
 * npm run bench:materials [-- --requests N] [--warmup N] [--background N] [--pause MS] [--sql] —
 * the 免提交 check (checkMaterials) of a matter of 10 materials over three nodes beside a single
 * `certificate` read by the same agency: median and p95 latency of one client sending one
 * request after another, the two interleaved in one run so that a noisy, shared machine slows
 * both alike, and their ratio (issue 13: the check within 1.5× of the read). Nodes and gateway
 * each run as their own process, so that the three nodes a check asks answer side by side as
 * they would on three machines; the CPU each process spends per request is read from /proc.
 *
 * The applicant holds one current certificate of each material's type — five UNCONDITIONAL
 * types (one material needs a sensitive item, opened by a grant naming the matter), four
 * CONDITIONAL types opened by grants naming the matter, one NOT_SHARED (NEEDS_CONSENT) — issued
 * by the market regulators of the three nodes, and three expired older ones, each at another
 * node than the current one, so that the gateway picks the best of several answers for some
 * materials. Beside them `--background` certificates (default 3,000) of the same types for 600
 * other holders, so that the holder lookup is an index lookup among many rows.
 *
 * Before the processes start, the same databases are opened by an embedded hub (one process) to
 * count what a check costs: the requests each node receives (its server's 'request' events,
 * node-to-node catalog lookups included) and the SQL statements it runs (subgraphs/kit/db.ts
 * StatementCounter), for the first check after the setup, a warm check and a read, and the plan
 * of the holder lookup at each node.
 *
 * Env: DATABASE_URL (PostgreSQL, one database per node: <database>_bench_materials_<node>).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { typeCodeRegion } from '../../lib/codes.js';
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import { startEmbeddedHub, type EmbeddedHub } from '../../hub/embedded-hub.js';
import { executeRows } from '../../subgraphs/kit/db.js';
import { defineCertificateType } from '../../subgraphs/catalog/service.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { certificates } from '../../subgraphs/certificate/db/schema.js';
import { issueCertificate } from '../../subgraphs/certificate/service.js';
import { cliArgs, wholeOption } from '../args.js';
import { agencyBySlug, REGISTRY_TYPE } from '../demo/data.js';
import { makeUscc } from '../demo/identifiers.js';
import { graphql, prepareHub, startGateway, startNodes, stopAll, type Child, type RunningHub } from './processes.js';
import { summarize, writeResults } from './results.js';

const USAGE = `usage: npm run bench:materials [-- --requests N] [--warmup N] [--background N] [--pause MS] [--sql]
  --requests    measured requests of each kind, interleaved (default 300)
  --warmup      requests of each kind before measuring (default 30)
  --background  other holders' certificates over the three nodes (default 3000)
  --pause       idle time after each request, in which the work a node does after answering (the
                check's count, access records) finishes before the next request starts (default 20)
  --sql         also print the SQL statements of one check at each node`;
const { values } = cliArgs(USAGE, {
  requests: { type: 'string' },
  warmup: { type: 'string' },
  background: { type: 'string' },
  pause: { type: 'string' },
  sql: { type: 'boolean' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = (value: string | undefined, name: string, fallback: number) => wholeOption(name, value, fallback, 0, USAGE);
const REQUESTS = Math.max(1, count(values.requests, 'requests', 300));
const WARMUP = count(values.warmup, 'warmup', 30);
const BACKGROUND = count(values.background, 'background', 3000);
const PAUSE_MS = count(values.pause, 'pause', 20);
const DATABASE = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';

const NODES = ['350000', '350100', '350200'];
/** The market regulators of the three nodes: each issues at its own node. */
const ISSUERS = ['fj-amr', 'fz-amr', 'xm-amr'].map(agencyBySlug);
const STEWARD = agencyBySlug('fj-bigdata');
/** A city's administrative service centre: its matter, its counter's checks and reads. */
const CENTRE = { code: makeUscc('11', '350100', 'MB9C0001'), name: '福州市行政服务中心（基准）' };
const MATTER = `${CENTRE.code}0901`;
const APPLICANT = { code: makeUscc('91', '350100', 'MA9B0001'), name: '福州基准材料核验有限公司' };

/** One defining authority per node: a type is kept at the node of its authority's region. */
const AUTHORITY = new Map(NODES.map((code, i) => [code, makeUscc('11', code, `MB9A000${i + 1}`)]));
const ITEMS = [
  { code: 'name', name: '名称', required: true, sensitive: false },
  { code: 'principal', name: '负责人', required: true, sensitive: false },
  { code: 'scope', name: '许可范围', required: true, sensitive: false },
  { code: 'premises', name: '经营场所', required: false, sensitive: false },
];
const PHONE = { code: 'contactPhone', name: '联系电话', required: false, sensitive: true };
const TYPE_SPECS = [
  ['营业执照', 'UNCONDITIONAL', '350000'],
  ['食品经营许可证', 'UNCONDITIONAL', '350000'],
  ['道路运输经营许可证', 'UNCONDITIONAL', '350100'],
  ['排污许可证', 'UNCONDITIONAL', '350100'],
  ['消防安全检查合格证', 'UNCONDITIONAL', '350200'],
  ['建筑施工企业安全生产许可证', 'CONDITIONAL', '350000'],
  ['危险化学品经营许可证', 'CONDITIONAL', '350100'],
  ['户外广告设置许可证', 'CONDITIONAL', '350200'],
  ['医疗器械经营许可证', 'CONDITIONAL', '350200'],
  ['特种设备使用登记证', 'NOT_SHARED', '350000'],
] as const;
const TYPES = TYPE_SPECS.map(([name, sharing, region], i) => ({
  code: `${AUTHORITY.get(region)!}${101 + i}`,
  name,
  definingAuthority: `${FUJIAN_REGIONS[region]}基准发证机关`,
  holderKind: 'ORGANIZATION' as const,
  sharing,
  validityYears: null,
  issuers: ['region:350000'],
  // The food licence carries a sensitive item its material needs: a grant for the matter opens it.
  items: i === 1 ? [...ITEMS, PHONE] : ITEMS,
}));
/** Each material needs 2 or 3 items of its type. */
const MATERIALS = TYPES.map((type, i) => ({
  certificateType: type.code,
  items: i === 1 ? ['name', 'scope', 'contactPhone'] : i % 2 === 0 ? ['name', 'principal', 'scope'] : ['name', 'scope'],
  required: true,
  note: `${type.name}（基准）`,
}));
/** What the check must answer for each material: the NOT_SHARED type needs the holder's consent. */
const EXPECTED = TYPES.map((type) => (type.sharing === 'NOT_SHARED' ? 'NEEDS_CONSENT' : 'ELECTRONIC'));
/** Types of which the applicant also holds an expired certificate, at the next node. */
const EXPIRED_TOO = new Set([0, 4, 8]);
/** The certificates read one at a time: UNCONDITIONAL, one at each node (issuer index i % 3). */
const READ_TYPES = [0, 4, 2];

const itemsOf = (type: (typeof TYPES)[number], holder: string, n: number) =>
  type.items.map((item) => ({ code: item.code, value: item.code === 'contactPhone' ? `0591-8800${String(n % 10_000).padStart(4, '0')}` : `${holder} ${item.name}` }));

const CHECK = /* GraphQL */ `
  query Check($matter: ID!, $applicant: String!, $caseNumber: String!) {
    checkMaterials(matter: $matter, applicant: $applicant, caseNumber: $caseNumber) {
      allPaperless
      materials { certificateType outcome reason certificate { id items { code value } } }
    }
  }
`;
const READ = /* GraphQL */ `query Read($id: ID!) { certificate(id: $id) { id number status validUntil issuerName items { code value } } }`;

type Post = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;
interface CheckAnswer {
  checkMaterials: { materials: Array<{ outcome: string; certificate: { items: unknown[] } | null }> };
}

/** Sends a check and fails unless every material has its expected outcome and a shown certificate its needed items only. */
async function check(post: Post, caseNumber: string): Promise<void> {
  const answer = (await post(CHECK, { matter: MATTER, applicant: APPLICANT.code, caseNumber })) as unknown as CheckAnswer;
  const { materials } = answer.checkMaterials;
  const wrong = materials.findIndex(
    (material, i) => material.outcome !== EXPECTED[i] || (material.outcome === 'ELECTRONIC' && material.certificate?.items.length !== MATERIALS[i]!.items.length),
  );
  if (materials.length !== MATERIALS.length || wrong >= 0) throw new Error(`unexpected check answer (material ${wrong}): ${JSON.stringify(answer).slice(0, 800)}`);
}

async function read(post: Post, id: string): Promise<void> {
  const answer = (await post(READ, { id })) as { certificate: { id: string } | null };
  if (answer.certificate?.id !== id) throw new Error(`unexpected read answer: ${JSON.stringify(answer).slice(0, 400)}`);
}

const as = (url: string, token: string): Post => (query, variables) => graphql(url, query, variables, { authorization: `Bearer ${token}` });

const setupStarted = performance.now();
const prepared = await prepareHub(NODES, 'materials', 0);
let embedded: EmbeddedHub | undefined;
let running: RunningHub | undefined;
let gateway: Child | undefined;
try {
  // ---- Phase 1: one process, the same databases: the setup, then what a check costs in requests and statements.
  embedded = await startEmbeddedHub({
    keysDir: join(prepared.dir, 'keys'),
    nodes: NODES.map((code) => ({ code, name: FUJIAN_REGIONS[code]!, database: prepared.databaseOptions.get(code)! })),
    registryTypeCode: REGISTRY_TYPE.code,
    nodeTimeoutMs: 30_000,
    anchorIntervalMs: 0,
    // Only the requests' own statements are counted: no webhook or job polls beside them.
    webhooks: { deliver: false },
    certificateJobs: { run: false },
    beforeOpen: async (nodes, topology) => {
      const nodeOf = (region: string) => nodes.find((node) => node.code === topology.ownerOfRegion(region))!;
      for (const type of TYPES) await defineCertificateType(nodeOf(typeCodeRegion(type.code)).database.db, type);
      const catalog = catalogFromList(TYPES);
      await Promise.all(
        ISSUERS.map(async (issuer, k) => {
          const node = nodeOf(issuer.region);
          for (let i = k; i < BACKGROUND; i += ISSUERS.length) {
            const type = TYPES[i % TYPES.length]!;
            const holder = makeUscc('91', issuer.region, `MA9H${String(i % 600).padStart(4, '0')}`);
            const day = `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-${String(10 + (i % 18)).padStart(2, '0')}`;
            await issueCertificate({ db: node.database.db, catalog, kek: node.kek }, issuer, {
              typeCode: type.code,
              number: `MB-BG-${i}`,
              holderKind: 'ORGANIZATION',
              holderCode: holder,
              holderName: `背景企业${i % 600}`,
              issuedOn: day,
              validFrom: day,
              items: itemsOf(type, `背景企业${i % 600}`, i),
            });
          }
        }),
      );
    },
  });
  const hub = embedded;
  const token = (sub: string, roles: Array<'consumer' | 'steward' | 'issuer'>, name: string) => hub.token({ sub, kind: 'agency', roles, name });
  const steward = as(`${hub.url}/graphql`, await token(STEWARD.code, ['steward'], STEWARD.name));
  await steward(`mutation($input: DefineMatterInput!) { defineMatter(input: $input) { code } }`, {
    input: { code: MATTER, name: '食品经营许可（新办，基准）', agencyName: CENTRE.name, materials: MATERIALS },
  });
  for (const [i, type] of TYPES.entries()) {
    const items = type.sharing === 'CONDITIONAL' ? MATERIALS[i]!.items : MATERIALS[i]!.items.filter((code) => type.items.find((item) => item.code === code)?.sensitive);
    if (type.sharing === 'NOT_SHARED' || items.length === 0) continue;
    await steward(`mutation($input: GrantAccessInput!) { grantAccess(input: $input) { id } }`, {
      input: { agency: CENTRE.code, certificateType: type.code, items, purposes: [MATTER] },
    });
  }
  const issuers = await Promise.all(ISSUERS.map(async (issuer) => as(`${hub.url}/graphql`, await token(issuer.code, ['issuer'], issuer.name))));
  const held: string[] = [];
  for (const [i, type] of TYPES.entries()) {
    const issued = (await issuers[i % 3]!(`mutation($input: IssueCertificateInput!) { issueCertificate(input: $input) { id } }`, {
      input: {
        typeCode: type.code,
        number: `MB-A-${i}`,
        holderKind: 'ORGANIZATION',
        holderCode: APPLICANT.code,
        holderName: APPLICANT.name,
        issuedOn: '2024-03-01',
        validFrom: '2024-03-01',
        items: itemsOf(type, APPLICANT.name, i),
      },
    })) as { issueCertificate: { id: string } };
    held.push(issued.issueCertificate.id);
    if (!EXPIRED_TOO.has(i)) continue;
    await issuers[(i + 1) % 3]!(`mutation($input: IssueCertificateInput!) { issueCertificate(input: $input) { id } }`, {
      input: {
        typeCode: type.code,
        number: `MB-A-${i}-OLD`,
        holderKind: 'ORGANIZATION',
        holderCode: APPLICANT.code,
        holderName: APPLICANT.name,
        issuedOn: '2016-03-01',
        validFrom: '2016-03-01',
        validUntil: '2021-02-28',
        items: itemsOf(type, APPLICANT.name, i),
      },
    });
  }
  const readIds = READ_TYPES.map((i) => held[i]!);
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  // Every request each node's server receives, by path, and the statements its database runs.
  const received = new Map(NODES.map((code) => [code, new Map<string, number>()]));
  for (const node of hub.nodes) {
    node.server.on('request', (req: { url?: string }) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const paths = received.get(node.code)!;
      paths.set(path, (paths.get(path) ?? 0) + 1);
    });
  }
  const snapshot = () =>
    new Map(hub.nodes.map((node) => [node.code, { paths: new Map(received.get(node.code)!), statements: node.database.statements.count }]));
  const activity = () => [...snapshot().values()].reduce((sum, node) => sum + node.statements + [...node.paths.values()].reduce((a, b) => a + b, 0), 0);
  /** Waits until no node has received a request or run a statement for 200 ms (the count the gateway sends after answering, the access records). */
  const settled = async () => {
    for (let last = -1, now = activity(); now !== last; last = now, now = activity()) await new Promise((resolve) => setTimeout(resolve, 200));
  };
  /** Requests by path and statements per node, per call of `run`, averaged over `times` calls. */
  const costOf = async (run: () => Promise<void>, times: number) => {
    await settled();
    const before = snapshot();
    for (let i = 0; i < times; i++) {
      await run();
      await settled();
    }
    const after = snapshot();
    return new Map(
      NODES.map((code) => {
        const paths = new Map<string, number>();
        for (const [path, n] of after.get(code)!.paths) {
          const added = n - (before.get(code)!.paths.get(path) ?? 0);
          if (added > 0) paths.set(path, added / times);
        }
        return [code, { paths, statements: (after.get(code)!.statements - before.get(code)!.statements) / times }];
      }),
    );
  };
  const centre = as(`${hub.url}/graphql`, await token(CENTRE.code, ['consumer'], CENTRE.name));
  let caseNumber = 0;
  const nextCase = () => `MB-${process.pid}-${++caseNumber}`;
  const coldCheck = await costOf(() => check(centre, nextCase()), 1);
  const warmCheck = await costOf(() => check(centre, nextCase()), 5);
  // What those statements are, for one more check.
  for (const node of hub.nodes) node.database.statements.keepLog = true;
  await costOf(() => check(centre, nextCase()), 1);
  const statementLog = Object.fromEntries(hub.nodes.map((node) => [node.code, [...node.database.statements.log]]));
  for (const node of hub.nodes) node.database.statements.keepLog = false;
  let readRound = 0;
  const warmRead = await costOf(() => read(centre, readIds[readRound++ % readIds.length]!), 6);

  // The plan of the check's holder lookup (subgraphs/certificate/material-check.ts) at each node.
  const plans = await Promise.all(
    hub.nodes.map(async (node) => {
      const lookup = node.database.db
        .select()
        .from(certificates)
        .where(and(eq(certificates.holderCode, APPLICANT.code), sql`${certificates.typeCode} = ANY(${sql.param(TYPES.map((type) => type.code))})`, isNull(certificates.supersededAt)));
      const rows = await executeRows<{ 'QUERY PLAN': string }>(node.database.db, sql`EXPLAIN ${lookup}`);
      const [counted] = await executeRows<{ total: number }>(node.database.db, sql`SELECT count(*)::int AS total FROM ${certificates}`);
      // The plan's scans, outermost first, without costs.
      const plan = rows
        .map((row) => row['QUERY PLAN'].replace(/^[\s->]+/, '').replace(/\s+\(cost=.*\)$/, ''))
        .filter((line) => /Scan|BitmapAnd|BitmapOr/.test(line));
      return { node: node.code, certificates: counted?.total ?? 0, plan: plan.join(' → ') };
    }),
  );
  embedded = undefined;
  await hub.stop();

  // ---- Phase 2: nodes and gateway as processes, over the same databases: latency.
  running = await startNodes(prepared);
  gateway = await startGateway(running, ['--node-timeout', '30000']);
  const gatewayUrl = `${gateway.url}/graphql`;
  const centreToken = await prepared.token({ sub: CENTRE.code, kind: 'agency', roles: ['consumer'], name: CENTRE.name });
  const client = as(gatewayUrl, centreToken);
  const processes = [gateway, ...running.nodes];
  const variants = {
    'certificate(id), 1 node': () => read(client, readIds[readRound++ % readIds.length]!),
    'checkMaterials, 10 materials, 3 nodes': () => check(client, nextCase()),
  };
  type Variant = keyof typeof variants;
  const names = Object.keys(variants) as Variant[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Variant, number[]>;
  const cpu = Object.fromEntries(names.map((name) => [name, processes.map(() => 0)])) as Record<Variant, number[]>;
  // What the processes spend doing nothing asked of them (webhook and job polls): the floor under the CPU columns.
  const idleBefore = processes.map((child) => child.cpuMs());
  const idleStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idlePerSecond = processes.map((child, i) => ((child.cpuMs() - idleBefore[i]!) * 1000) / (performance.now() - idleStarted));
  const measureStarted = performance.now();
  for (let round = 0; round < WARMUP + REQUESTS; round++) {
    // Each goes first every other round: neither always follows the other's leftovers.
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const cpuBefore = processes.map((child) => child.cpuMs());
      const started = performance.now();
      await variants[name]();
      const elapsed = performance.now() - started;
      if (PAUSE_MS > 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      if (round < WARMUP) continue;
      samples[name].push(elapsed);
      // Read after the pause: what a request leaves to do after its answer is counted to it.
      processes.forEach((child, i) => (cpu[name][i]! += child.cpuMs() - cpuBefore[i]!));
    }
  }
  const measureSeconds = (performance.now() - measureStarted) / 1000;

  // ---- Report.
  const stats = Object.fromEntries(names.map((name) => [name, summarize(samples[name])])) as Record<Variant, ReturnType<typeof summarize>>;
  const latency = names.map((name) => ({
    request: name,
    'median ms': stats[name].median.toFixed(2),
    'p95 ms': stats[name].p95.toFixed(2),
    'p99 ms': stats[name].p99.toFixed(2),
    'gateway CPU ms': (cpu[name][0]! / REQUESTS).toFixed(1),
    'nodes CPU ms': (cpu[name].slice(1).reduce((a, b) => a + b, 0) / REQUESTS).toFixed(1),
    [`by node (${NODES.join(' / ')})`]: cpu[name].slice(1).map((ms) => (ms / REQUESTS).toFixed(1)).join(' / '),
    n: stats[name].n,
  }));
  const [readStats, checkStats] = names.map((name) => stats[name]);
  const ratio = { median: checkStats!.median / readStats!.median, p95: checkStats!.p95 / readStats!.p95 };
  const costRows = (label: string, cost: Awaited<ReturnType<typeof costOf>>) =>
    NODES.map((code) => {
      const { paths, statements } = cost.get(code)!;
      return {
        request: label,
        node: code,
        '/certificate': Number((paths.get('/certificate') ?? 0).toFixed(2)),
        '/catalog': Number((paths.get('/catalog') ?? 0).toFixed(2)),
        other: [...paths].filter(([path]) => path !== '/certificate' && path !== '/catalog').map(([path, n]) => `${path} ${n.toFixed(2)}`).join(', ') || '-',
        'SQL statements': Number(statements.toFixed(2)),
      };
    });
  const costs = [
    ...costRows('first check (catalog caches partly cold)', coldCheck),
    ...costRows('check (warm, mean of 5)', warmCheck),
    ...costRows('read (warm, mean of 6, one node each)', warmRead),
  ];

  console.log(
    `\nmaterials: the 免提交 check beside a single certificate read, ${DATABASE}, gateway and 3 nodes each its own process, ` +
      `one client, ${REQUESTS} requests each interleaved after ${WARMUP} of warm-up, ${PAUSE_MS} ms pause after each (${measureSeconds.toFixed(0)} s; setup ${setupSeconds.toFixed(0)} s)`,
  );
  console.log(`matter ${MATTER}: 10 materials (5 UNCONDITIONAL, 4 CONDITIONAL with grants for the matter, 1 NOT_SHARED → NEEDS_CONSENT), 2–3 items each;`);
  console.log(`applicant ${APPLICANT.code}: ${TYPES.length + EXPIRED_TOO.size} certificates over the 3 nodes; ${BACKGROUND} background certificates of the same types`);
  console.table(latency);
  console.log(
    `check / read: median ${ratio.median.toFixed(2)}×, p95 ${ratio.p95.toFixed(2)}× — goal ≤ 1.5×: ${ratio.median <= 1.5 ? 'met' : 'NOT met'} (median)` +
      '\n(CPU per request: user + system time of each process from /proc (10 ms ticks) from the start of a request to the end of its pause,' +
      '\n summed over the run and divided by the requests; the reads go to the three nodes in turn;' +
      `\n idle, the same processes spend ${processes.map((child, i) => `${child.name.replace('ecert-hub ', '')} ${idlePerSecond[i]!.toFixed(1)}`).join(', ')} ms of CPU per second)`,
  );
  console.log('\nnode requests and SQL statements per request, embedded hub over the same databases (node-to-node catalog lookups included):');
  console.table(costs);
  console.log('holder lookup of the check at each node (EXPLAIN):');
  console.table(plans);
  if (values.sql) {
    for (const [code, statements] of Object.entries(statementLog)) {
      console.log(`\nSQL statements of one check at node ${code}:`);
      for (const statement of statements) console.log(`  ${statement.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
  }
  writeResults('materials', {
    database: DATABASE.toLowerCase(),
    requests: REQUESTS,
    warmup: WARMUP,
    background: BACKGROUND,
    latency,
    ratio,
    pauseMs: PAUSE_MS,
    idleCpuMsPerSecond: Object.fromEntries(processes.map((child, i) => [child.name, idlePerSecond[i]])),
    costs,
    plans,
    statementLog,
    summary: [
      ...latency.map((row) => ({ what: `materials: ${row.request}`, value: `${row['median ms']} ms median, p95 ${row['p95 ms']} ms` })),
      { what: 'materials: check / read', value: `${ratio.median.toFixed(2)}× median, ${ratio.p95.toFixed(2)}× p95 (goal ≤ 1.5×)` },
      {
        what: 'materials: node requests per warm check',
        value: NODES.map((code) => `${code}: ${[...warmCheck.get(code)!.paths].map(([path, n]) => `${path} ${n}`).join(', ')}`).join('; '),
      },
    ],
  });
} finally {
  await stopAll(gateway, running, embedded);
  prepared.remove();
}
