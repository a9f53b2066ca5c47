/**
 * npm run bench:supervision [-- --entities N] [--seed S] [--kinds K,…] [--repeat N] [--explain] [--keep] [--max-scan S] [--node-timeout MS]
 *
 * Supervision findings at a province's scale (issue 14 › Scale): generate.ts writes 1,000,000
 * legal entities and about 3,000,000 certificates with their annual reports over the three nodes'
 * PostgreSQL databases; then, with the nodes and the gateway each its own process, a supervisor
 * reads through the gateway, kind by kind (UNLICENSED, LICENCE_EXPIRED, LICENCE_REVOKED,
 * CLOSED_WITH_VALID_LICENCES, ANNUAL_REPORT_MISSING):
 *   - the first page (first: 50), `--repeat` times (the first cold);
 *   - a full scan, paging with first: 200 until hasNextPage is false;
 *   - the kind's totalCount alone (one request that every node answers by scanning its registry).
 * Goals: first page ≤ 2 s, a full scan of one kind ≤ 60 s, memory of the gateway and the nodes
 * flat. The resident memory of each process is read from /proc every 250 ms during the scans
 * (start / peak / end), their CPU time before and after each, and the CPU of the PostgreSQL
 * backends serving the node databases (pg_stat_activity's pids, /proc). The totals are checked
 * against what the generator says the data holds (generate.ts expectedFindings; the demo seed's
 * own few entities come on top).
 *
 * `--explain` then runs the findings engine's statements (subgraphs/certificate/supervision) in
 * this process, as node 350100 (the largest registry) runs them against its database and asks the
 * others', for the first round of each kind and for one round half-way through its registry, and
 * prints EXPLAIN (ANALYZE, BUFFERS) of each.
 *
 * Env: DATABASE_URL (PostgreSQL, required: one database per node, <database>_bench_supervision_<node>).
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { readFileSync } from 'node:fs';
import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../../subgraphs/kit/db.js';
import { checkedFilter, FINDING_KINDS, scanFindings, type FindingKind, type FindingSources } from '../../subgraphs/certificate/supervision/findings.js';
import { heldCertificates } from '../../subgraphs/certificate/supervision/holdings.js';
import { openHolders } from '../../subgraphs/certificate/supervision/page.js';
import type { PermitRule } from '../../subgraphs/certificate/supervision/rules.js';
import { cliArgs, failUsage, wholeOption } from '../args.js';
import { agencyBySlug, CERTIFICATE_TYPES, DEMO_PERMIT_RULES } from '../demo/data.js';
import { makeUscc } from '../demo/identifiers.js';
import { dropDatabases, generateProvince, generationTable, type GenerationResult } from './generate.js';
import { graphql, prepareHub, startGateway, startNodes, stopAll, type Child, type RunningHub } from './processes.js';
import { summarize, writeResults } from './results.js';

const USAGE = `usage: npm run bench:supervision [-- --entities N] [--seed S] [--kinds K,…] [--repeat N] [--explain] [--keep] [--max-scan S] [--node-timeout MS]
  --entities      legal entities to generate, about 3 certificates each (default 1000000)
  --seed          the generator's seed (default 1)
  --kinds         the finding kinds to measure (default all: ${FINDING_KINDS.join(',')})
  --repeat        first pages read per kind (default 3; the first is cold)
  --explain       afterwards, EXPLAIN (ANALYZE, BUFFERS) of the findings statements of node 350100
  --keep          keep the node databases (default: dropped at the end)
  --max-scan      stop a full scan after this many seconds, reporting how far it came (default 900)
  --node-timeout  the gateway's --node-timeout, in ms (default 600000: measure, do not cut)
Env: DATABASE_URL=postgres://… (required: the generator writes with COPY into one database per node)`;
const { values } = cliArgs(USAGE, {
  entities: { type: 'string' },
  seed: { type: 'string' },
  kinds: { type: 'string' },
  repeat: { type: 'string' },
  explain: { type: 'boolean' },
  keep: { type: 'boolean' },
  'max-scan': { type: 'string' },
  'node-timeout': { type: 'string' },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (name: 'entities' | 'seed' | 'repeat' | 'max-scan' | 'node-timeout', fallback: number, least: number) => wholeOption(name, values[name], fallback, least, USAGE);
if (!process.env['DATABASE_URL']) {
  failUsage(
    'bench:supervision needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/ecert (one database per node is made beside it).\n' +
      'A province (a million entities, three million certificates) is written with COPY over the PostgreSQL protocol and is\n' +
      'several gigabytes: more than embedded PGlite nodes are meant to hold. The findings on PGlite are covered by test/supervision.test.ts.',
  );
}
const ENTITIES = whole('entities', 1_000_000, 1);
const SEED = whole('seed', 1, 0);
const REPEAT = whole('repeat', 3, 1);
const NODE_TIMEOUT = whole('node-timeout', 600_000, 50);
const MAX_SCAN_MS = whole('max-scan', 900, 1) * 1000;
const KINDS = (values.kinds ? values.kinds.split(',').map((kind) => kind.trim()) : [...FINDING_KINDS]) as FindingKind[];
for (const kind of KINDS) if (!FINDING_KINDS.includes(kind)) failUsage(`--kinds: unknown kind ${kind}\n${USAGE}`);

const NODES = ['350000', '350100', '350200'];
/** The node whose statements --explain shows: the largest registry. */
const EXPLAINED_NODE = '350100';
const GOAL = { firstPageMs: 2_000, scanMs: 60_000 };
const STEWARD = agencyBySlug('fj-bigdata');
const SUPERVISOR = { code: makeUscc('11', '350000', 'MB9J0001'), name: '福建省市场监督管理局执法总队（基准）' };

const PAGE = /* GraphQL */ `
  query Findings($filter: SupervisionFindingsFilter, $first: Int, $after: String) {
    supervisionFindings(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id kind since detail entity { uscc name status node } rule { code } certificate { id status node } } }
    }
  }
`;
const COUNT = /* GraphQL */ `
  query Count($filter: SupervisionFindingsFilter) { supervisionFindings(filter: $filter, first: 0) { totalCount } }
`;
const DEFINE_RULE = /* GraphQL */ `mutation Define($input: DefinePermitRuleInput!) { definePermitRule(input: $input) { code } }`;

interface Page {
  supervisionFindings: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; kind: string; detail: string; entity: { uscc: string } } }>;
  };
}

/** Resident memory of processes, read every `everyMs` while something runs: start, peak and end of each. */
class MemoryWatch {
  readonly #samples: number[][];
  readonly #timer: NodeJS.Timeout;

  constructor(private readonly processes: readonly Child[], everyMs = 250) {
    this.#samples = processes.map((child) => [child.rssMb()]);
    this.#timer = setInterval(() => processes.forEach((child, i) => this.#samples[i]!.push(child.rssMb())), everyMs);
  }

  stop(): Record<string, { start: number; peak: number; end: number }> {
    clearInterval(this.#timer);
    return Object.fromEntries(
      this.processes.map((child, i) => {
        const samples = [...this.#samples[i]!, child.rssMb()];
        return [child.name, { start: Math.round(samples[0]!), peak: Math.round(Math.max(...samples)), end: Math.round(samples.at(-1)!) }];
      }),
    );
  }
}

/** Whether a USCC is one generate.ts made (its organisation codes start with MAG or 5; the demo's never do). */
const generatedUscc = (uscc: string) => /^.{8}(MAG|5)/.test(uscc);

/** utime + stime of a process in ms, or null when it is gone (/proc; clock ticks of 10 ms). */
function cpuMsOfPid(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * The CPU the PostgreSQL backends serving `databases` spend: their pids from pg_stat_activity,
 * read every second (a backend that ends between two readings loses its last second), summed
 * per database from the first reading of each backend.
 */
class BackendCpu {
  readonly #seen = new Map<number, { database: string; first: number; last: number }>();
  readonly #timer: NodeJS.Timeout;
  readonly #sql: postgres.Sql;

  constructor(url: string, private readonly databases: readonly string[]) {
    // From the server's maintenance database: the database DATABASE_URL names need not exist.
    const admin = new URL(url);
    admin.pathname = '/postgres';
    this.#sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    this.#timer = setInterval(() => void this.read(), 1000);
  }

  async read(): Promise<void> {
    const rows = await this.#sql<Array<{ pid: number; datname: string }>>`select pid, datname from pg_stat_activity where datname = any(${this.databases as string[]})`.catch(() => []);
    for (const { pid, datname } of rows) {
      const cpu = cpuMsOfPid(pid);
      if (cpu === null) continue;
      const seen = this.#seen.get(pid);
      if (seen) seen.last = cpu;
      else this.#seen.set(pid, { database: datname, first: cpu, last: cpu });
    }
  }

  /** CPU ms per database so far. */
  total(): Record<string, number> {
    const totals = Object.fromEntries(this.databases.map((database) => [database, 0]));
    for (const { database, first, last } of this.#seen.values()) totals[database]! += last - first;
    return totals;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sql.end();
  }
}

interface KindResult {
  kind: FindingKind;
  expected: number;
  totalCount: number | null;
  countError?: string;
  countMs: number;
  firstPageMs: number[];
  /** `silent`: findings that name a node that did not answer (a holdings question that timed out). */
  scan: { ms: number; pages: number; findings: number; ofGenerated: number; silent: number; complete: boolean; pageMs: ReturnType<typeof summarize> & { max: number } };
  memory: Record<string, { start: number; peak: number; end: number }>;
  /** CPU ms of each process (gateway, nodes) and of each node's PostgreSQL backends during the full scan. */
  scanCpuMs: Record<string, number>;
  countCpuMs: Record<string, number>;
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function measure(gatewayUrl: string, token: string, processes: Child[], backends: BackendCpu, expected: GenerationResult['expectedFindings']): Promise<KindResult[]> {
  const post = (query: string, variables: Record<string, unknown>) => graphql(gatewayUrl, query, variables, { authorization: `Bearer ${token}` });
  const cpu = async () => {
    await backends.read();
    const backend = backends.total();
    return {
      ...Object.fromEntries(processes.map((child) => [child.name, child.cpuMs()])),
      ...Object.fromEntries(Object.entries(backend).map(([database, ms]) => [`postgres ${database.slice(-6)}`, ms])),
    } as Record<string, number>;
  };
  const spent = (before: Record<string, number>, after: Record<string, number>) => Object.fromEntries(Object.keys(after).map((key) => [key, after[key]! - (before[key] ?? 0)]));
  const results: KindResult[] = [];
  for (const kind of KINDS) {
    const filter = { kinds: [kind] };
    const firstPageMs: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const started = performance.now();
      await post(PAGE, { filter, first: 50 });
      firstPageMs.push(performance.now() - started);
    }
    const memory = new MemoryWatch(processes);
    let cpuBefore = await cpu();
    const scanStarted = performance.now();
    const pageMs: number[] = [];
    let findings = 0;
    let ofGenerated = 0;
    let silent = 0;
    let complete = true;
    let after: string | null = null;
    let last = '';
    for (;;) {
      const started = performance.now();
      const page: Page['supervisionFindings'] = ((await post(PAGE, { filter, first: 200, after })) as unknown as Page).supervisionFindings;
      pageMs.push(performance.now() - started);
      for (const edge of page.edges) {
        if (edge.node.kind !== kind || edge.node.id <= last) throw new Error(`page ${pageMs.length}: ${edge.node.id} (${edge.node.kind}) out of order or of another kind`);
        last = edge.node.id;
        if (generatedUscc(edge.node.entity.uscc)) ofGenerated++;
        if (edge.node.detail.includes('did not answer')) silent++;
      }
      findings += page.edges.length;
      if (pageMs.length % 50 === 0) console.log(`    ${kind}: ${pageMs.length} pages, ${findings} findings, ${((performance.now() - scanStarted) / 1000).toFixed(0)} s`);
      if (!page.pageInfo.hasNextPage) break;
      if (performance.now() - scanStarted > MAX_SCAN_MS) {
        complete = false;
        console.log(`    ${kind}: stopped after ${(MAX_SCAN_MS / 1000).toFixed(0)} s (--max-scan)`);
        break;
      }
      after = page.pageInfo.endCursor;
    }
    const scanMs = performance.now() - scanStarted;
    const scanCpuMs = spent(cpuBefore, await cpu());
    cpuBefore = await cpu();
    const countStarted = performance.now();
    // A count reads every entity of the kind at every node, as a full scan does: after a scan that
    // did not finish it is not started. One the gateway gave up on (--node-timeout) is reported,
    // not fatal: the other kinds still run.
    const counted = complete
      ? await (post(COUNT, { filter }) as Promise<{ supervisionFindings: { totalCount: number } }>).catch((error: Error) => error)
      : new Error(`not run: the full scan did not finish within --max-scan ${MAX_SCAN_MS / 1000} s`);
    const countMs = complete ? performance.now() - countStarted : Number.NaN;
    const countCpuMs = spent(cpuBefore, await cpu());
    const result: KindResult = {
      kind,
      expected: expected[kind],
      totalCount: counted instanceof Error ? null : counted.supervisionFindings.totalCount,
      ...(counted instanceof Error ? { countError: counted.message.slice(0, 300) } : {}),
      countMs,
      firstPageMs,
      scan: { ms: scanMs, pages: pageMs.length, findings, ofGenerated, silent, complete, pageMs: { ...summarize(pageMs), max: Math.max(...pageMs) } },
      memory: memory.stop(),
      scanCpuMs,
      countCpuMs,
    };
    console.log(
      `  ${kind}: first page ${firstPageMs.map((ms) => (ms / 1000).toFixed(2)).join(' / ')} s; full scan ${(scanMs / 1000).toFixed(1)} s, ${result.scan.pages} pages, ${findings} findings; ` +
        `totalCount ${result.totalCount === null ? `(${result.countError})` : `${result.totalCount} in ${(countMs / 1000).toFixed(1)} s`} (generated data holds ${result.expected}, the scan found ${ofGenerated} of generated entities` +
        `${silent > 0 ? `, ${silent} naming a node that did not answer` : ''})`,
    );
    results.push(result);
  }
  return results;
}

/** A drizzle handle on a node's database that keeps every statement it runs, with its parameters. */
function recordingDatabase(url: string) {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  const statements: Array<{ query: string; params: unknown[] }> = [];
  const db = drizzle({ client, logger: { logQuery: (query: string, params: unknown[]) => statements.push({ query, params }) } }) as unknown as HubDatabase;
  return { client, db, statements };
}

/**
 * The engine's statements for the first round of each kind (and one round half-way through the
 * registry), run in this process against each node's database the way the node runs them — its
 * own holdings first, the others' databases for the holders they leave open — then each one
 * again under EXPLAIN (ANALYZE, BUFFERS).
 */
async function explainFindings(databaseUrls: ReadonlyMap<string, string>, today: string): Promise<Array<{ kind: string; node: string; round: string; statement: string; ms: number; plan: string }>> {
  const names = new Map(CERTIFICATE_TYPES.map((type) => [type.code, type.name]));
  const rules: PermitRule[] = DEMO_PERMIT_RULES.map((rule) => ({ ...rule, certificateTypeName: names.get(rule.certificateType) ?? rule.certificateType }));
  const nodes = new Map([...databaseUrls].map(([code, url]) => [code, recordingDatabase(url)]));
  const explained: Array<{ kind: string; node: string; round: string; statement: string; ms: number; plan: string }> = [];
  try {
    // At the largest node (Fuzhou's), as it runs them; the other nodes answer its holdings questions.
    for (const [code, { db, client }] of [...nodes].filter(([code]) => code === EXPLAINED_NODE)) {
      const [middle] = await client<Array<{ uscc: string }>>`
        select uscc from legal_entity.legal_entities order by uscc collate "C"
        offset (select count(*) / 2 from legal_entity.legal_entities) limit 1`;
      const sources: FindingSources = {
        db,
        node: code,
        today,
        rules: async () => rules,
        async holdings({ holders, types, validOnly, needs, settledByAny }) {
          const local = await heldCertificates(db, code, today, holders, types, validOnly);
          const open = openHolders(local, { holders, needs, settledByAny });
          const remote = await Promise.all(
            [...nodes].filter(([other]) => other !== code).map(([other, node]) => heldCertificates(node.db, other, today, open, types, validOnly)),
          );
          return { held: [...local, ...remote.flat()], silent: [] };
        },
      };
      for (const kind of KINDS) {
        for (const [round, after] of [['first', null], ['half-way', `${middle!.uscc}/`]] as const) {
          for (const node of nodes.values()) node.statements.length = 0;
          // As a first page of 50 reads (and the round it reads ahead).
          const scan = scanFindings(sources, checkedFilter({ kinds: [kind] }), after === null ? null : { after }, 51);
          await scan.next();
          await scan.return(undefined);
          for (const [at, node] of nodes) {
            for (const { query, params } of node.statements) {
              const started = performance.now();
              const rows = await node.client.unsafe(`explain (analyze, buffers) ${query}`, params as never[]);
              const ms = performance.now() - started;
              const statement = /from "legal_entity"\."legal_entities"/.test(query) ? 'candidates (registry)' : /from "certificate"\."certificates"/.test(query) ? 'holdings (certificates)' : query.slice(0, 40);
              explained.push({
                kind,
                node: at === code ? code : `${at} for ${code}`,
                round,
                statement,
                ms,
                plan: rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n'),
              });
            }
          }
        }
      }
    }
  } finally {
    await Promise.all([...nodes.values()].map((node) => node.client.end()));
  }
  return explained;
}

const today = isoDate(new Date());
const started = performance.now();
console.log(`bench:supervision: ${ENTITIES} entities (seed ${SEED}) over ${NODES.join(', ')}, PostgreSQL, today ${today}`);
const prepared = await prepareHub(NODES, 'supervision', 0);
let running: RunningHub | undefined;
let gateway: Child | undefined;
try {
  console.log('generating…');
  const generated = await generateProvince({ databaseUrls: prepared.databaseUrls, entities: ENTITIES, seed: SEED, today });
  console.table(generationTable(generated));
  console.log(
    `generated ${generated.totalRows} rows in ${generated.seconds.total.toFixed(0)} s (${Math.round(generated.rowsPerSecond)} rows/s; ` +
      `COPY ${generated.seconds.copy.toFixed(0)} s, indexes and keys ${generated.seconds.indexes.toFixed(0)} s, VACUUM (ANALYZE) ${generated.seconds.vacuum.toFixed(0)} s); ` +
      `findings in the generated data: ${Object.entries(generated.expectedFindings).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  );

  running = await startNodes(prepared);
  gateway = await startGateway(running, ['--node-timeout', String(NODE_TIMEOUT)]);
  const gatewayUrl = `${gateway.url}/graphql`;
  const steward = await prepared.token({ sub: STEWARD.code, kind: 'agency', roles: ['steward'], name: STEWARD.name });
  // The demo's permit rules, defined (again: the seed has them) as a steward does, through the gateway.
  for (const rule of DEMO_PERMIT_RULES) await graphql(gatewayUrl, DEFINE_RULE, { input: rule }, { authorization: `Bearer ${steward}` });
  const supervisor = await prepared.token({ sub: SUPERVISOR.code, kind: 'agency', roles: ['supervisor'], name: SUPERVISOR.name, ttlSeconds: 6 * 3600 });
  const processes = [gateway, ...running.nodes];
  const backends = new BackendCpu(process.env['DATABASE_URL']!, [...prepared.databaseUrls.values()].map(databaseOf));
  console.log(`measuring through the gateway (node timeout ${NODE_TIMEOUT} ms)…`);
  let kinds: KindResult[];
  try {
    kinds = await measure(gatewayUrl, supervisor, processes, backends, generated.expectedFindings);
  } finally {
    await backends.stop();
  }
  await stopAll(gateway, running);
  gateway = undefined;
  running = undefined;

  const table = kinds.map((k) => ({
    kind: k.kind,
    'in data': k.expected,
    totalCount: k.totalCount ?? 'no answer',
    'count s': Number.isNaN(k.countMs) ? '-' : Number((k.countMs / 1000).toFixed(1)),
    'first page s (cold / median)': `${(k.firstPageMs[0]! / 1000).toFixed(2)} / ${(summarize(k.firstPageMs).median / 1000).toFixed(2)}`,
    // A scan stopped by --max-scan: how long the whole would take at the pace it kept, by the share of the kind's findings it read.
    'full scan s': k.scan.complete
      ? Number((k.scan.ms / 1000).toFixed(1))
      : `stopped at ${(k.scan.ms / 1000).toFixed(0)}, ≈${((k.scan.ms / 1000) * (k.expected / Math.max(1, k.scan.ofGenerated))).toFixed(0)} at that pace`,
    pages: k.scan.pages,
    findings: k.scan.findings,
    'of generated': k.scan.ofGenerated,
    'page ms median / max': `${k.scan.pageMs.median.toFixed(0)} / ${k.scan.pageMs.max.toFixed(0)}`,
    goals: `${summarize(k.firstPageMs).median <= GOAL.firstPageMs ? 'page ok' : 'page SLOW'}, ${k.scan.ms <= GOAL.scanMs ? 'scan ok' : 'scan SLOW'}`,
  }));
  console.log(`\nsupervision findings through the gateway, ${ENTITIES} entities, ${Object.values(generated.rows).reduce((sum, rows) => sum + rows.certificates, 0)} certificates (goals: first page ≤ 2 s, full scan ≤ 60 s):`);
  console.table(table);
  const names = processes.map((child) => child.name);
  console.log('memory during each kind’s full scan and count, MB (start / peak / end):');
  console.table(kinds.map((k) => ({ kind: k.kind, ...Object.fromEntries(names.map((name) => [name, `${k.memory[name]!.start} / ${k.memory[name]!.peak} / ${k.memory[name]!.end}`])) })));
  console.log('CPU seconds during each full scan, and [during the count]:');
  console.table(kinds.map((k) => ({ kind: k.kind, ...Object.fromEntries(Object.keys(k.scanCpuMs).map((key) => [key, `${(k.scanCpuMs[key]! / 1000).toFixed(1)} [${((k.countCpuMs[key] ?? 0) / 1000).toFixed(1)}]`])) })));

  const explained = values.explain ? await explainFindings(prepared.databaseUrls, today) : [];
  if (explained.length > 0) {
    console.log('\nEXPLAIN (ANALYZE, BUFFERS) of the findings statements, run in this process against each node’s database:');
    console.table(explained.map(({ plan: _plan, ...row }) => ({ ...row, ms: Number(row.ms.toFixed(1)) })));
    const shown = new Set<string>();
    for (const row of explained) {
      const key = `${row.kind} ${row.statement} ${row.round}`;
      if (row.node !== EXPLAINED_NODE || shown.has(key)) continue;
      shown.add(key);
      console.log(`\n--- ${row.kind}, ${row.round} round, ${row.statement} at ${row.node} (${row.ms.toFixed(0)} ms):\n${row.plan}`);
    }
  }

  const elapsed = (performance.now() - started) / 1000;
  console.log(`\ntotal ${(elapsed / 60).toFixed(1)} min`);
  writeResults('supervision', {
    database: 'postgres',
    entities: ENTITIES,
    seed: SEED,
    today,
    generation: generated,
    kinds,
    explained,
    minutes: elapsed / 60,
    summary: [
      {
        what: `supervision: generation of ${ENTITIES} entities`,
        value: `${generated.totalRows} rows in ${generated.seconds.total.toFixed(0)} s (${Math.round(generated.rowsPerSecond)} rows/s)`,
      },
      ...kinds.map((k) => ({
        what: `supervision ${k.kind}`,
        value: `first page ${(summarize(k.firstPageMs).median / 1000).toFixed(2)} s, full scan ${(k.scan.ms / 1000).toFixed(1)} s (${k.scan.findings}), totalCount ${(k.countMs / 1000).toFixed(1)} s`,
      })),
    ],
  });
} finally {
  await stopAll(gateway, running);
  prepared.remove();
  if (!values.keep) await dropDatabases(prepared.databaseUrls);
}
