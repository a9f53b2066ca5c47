/**
 * npm run bench:stats [-- --entities N] [--seed S] [--repeat N] [--keep]
 *
 * Certificate statistics at a province's scale (issue 15 › Scale): generate.ts writes N legal
 * entities with about three certificates each over the three nodes' PostgreSQL databases (the
 * issue's goal is 10,000,000 certificates: --entities 3340000); then, with the nodes and the
 * gateway each its own process, an analyst asks certificateStatistics through the gateway, each
 * shape `--repeat` times (the first cold): per type and month for one year (goal ≤ 1 s), per node
 * and status, per issuer region and type, and the total — which is checked against a count of
 * every node's current certificates in SQL — and the monthly report (npm run report's figures,
 * goal ≤ 10 s) for the ten issuers with most certificates, each given a year's targets.
 *
 * Env: DATABASE_URL (PostgreSQL, required: one database per node, <database>_bench_stats_<node>).
 */
import postgres from 'postgres';
import { isoDate } from '../../lib/codes.js';
import { cliArgs, failUsage, wholeOption } from '../args.js';
import { makeUscc } from '../demo/identifiers.js';
import { dropDatabases, generateProvince, generationTable } from './generate.js';
import { graphql, prepareHub, startGateway, startNodes, stopAll, type Child, type RunningHub } from './processes.js';
import { summarize, writeResults } from './results.js';
import { gatherReport, httpAsk } from '../report/gather.js';
import type { MonthlyReport } from '../report/model.js';

const USAGE = `usage: npm run bench:stats [-- --entities N] [--seed S] [--repeat N] [--keep]
  --entities  legal entities to generate, about 3 certificates each (default 1000000; 3340000 for the goal's 10 million certificates)
  --seed      the generator's seed (default 1)
  --repeat    times each statistics query is asked (default 5; the first is cold)
  --keep      keep the node databases (default: dropped at the end)
Env: DATABASE_URL=postgres://… (required: the generator writes with COPY into one database per node)`;
const { values } = cliArgs(USAGE, { entities: { type: 'string' }, seed: { type: 'string' }, repeat: { type: 'string' }, keep: { type: 'boolean' } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (name: 'entities' | 'seed' | 'repeat', fallback: number, least: number) => wholeOption(name, values[name], fallback, least, USAGE);
if (!process.env['DATABASE_URL']) failUsage('bench:stats needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/ecert (one database per node is made beside it).');
const ENTITIES = whole('entities', 1_000_000, 1);
const SEED = whole('seed', 1, 0);
const REPEAT = whole('repeat', 5, 1);

const NODES = ['350000', '350100', '350200'];
const GOAL_MS = 1_000;
const REPORT_GOAL_MS = 10_000;
const ANALYST = { code: makeUscc('11', '350000', 'MB9J0002'), name: '福建省统计局（基准）' };
const STEWARD = { code: makeUscc('11', '350000', 'MB9J0003'), name: '福建省大数据管理局（基准）' };
const SET_TARGET = /* GraphQL */ `mutation Set($input: SetTargetInput!) { setTarget(input: $input) { agency } }`;

const STATISTICS = /* GraphQL */ `
  query Statistics($filter: CertificateStatisticsFilter, $groupBy: [CertificateDimension!]!) {
    certificateStatistics(filter: $filter, groupBy: $groupBy) { keys { value } count }
  }
`;

const today = isoDate(new Date());
const lastYear = String(Number(today.slice(0, 4)) - 1);
const SHAPES: Array<{ name: string; groupBy: string[]; filter?: Record<string, unknown> }> = [
  { name: `TYPE × MONTH, ${lastYear}`, groupBy: ['TYPE', 'MONTH'], filter: { issuedFrom: `${lastYear}-01-01`, issuedTo: `${lastYear}-12-31` } },
  { name: 'NODE × STATUS, all', groupBy: ['NODE', 'STATUS'] },
  { name: 'REGION × TYPE, all', groupBy: ['REGION', 'TYPE'] },
  { name: 'total', groupBy: [] },
];

/** Whether a shape with a goal met it: 'ok', 'SLOW', or '' for shapes without one. */
function goalOf(shape: string, medianMs: number): string {
  const goal = shape.startsWith('TYPE × MONTH') ? GOAL_MS : shape.startsWith('monthly report') ? REPORT_GOAL_MS : null;
  return goal === null ? '' : medianMs <= goal ? 'ok' : 'SLOW';
}

const started = performance.now();
console.log(`bench:stats: ${ENTITIES} entities (seed ${SEED}) over ${NODES.join(', ')}, PostgreSQL, today ${today}`);
const prepared = await prepareHub(NODES, 'stats', 0);
let running: RunningHub | undefined;
let gateway: Child | undefined;
try {
  console.log('generating…');
  const generated = await generateProvince({ databaseUrls: prepared.databaseUrls, entities: ENTITIES, seed: SEED, today });
  console.table(generationTable(generated));
  // What the total must be: every node's current certificates, counted in SQL.
  let current = 0;
  for (const url of prepared.databaseUrls.values()) {
    const client = postgres(url, { max: 1, onnotice: () => {} });
    current += Number((await client`select count(*)::bigint as n from certificate.certificates where superseded_at is null`)[0]!['n']);
    await client.end();
  }
  running = await startNodes(prepared);
  gateway = await startGateway(running, ['--node-timeout', '600000']);
  const token = await prepared.token({ sub: ANALYST.code, kind: 'agency', roles: ['analyst'], name: ANALYST.name, ttlSeconds: 3600 });
  const ask = (shape: (typeof SHAPES)[number]) =>
    graphql(`${gateway!.url}/graphql`, STATISTICS, { groupBy: shape.groupBy, ...(shape.filter ? { filter: shape.filter } : {}) }, { authorization: `Bearer ${token}` });
  const results: Array<{ shape: string; rows: number; ms: number[]; total?: number }> = [];
  for (const shape of SHAPES) {
    const ms: number[] = [];
    let answer: Record<string, unknown> = {};
    for (let i = 0; i < REPEAT; i++) {
      const at = performance.now();
      answer = await ask(shape);
      ms.push(performance.now() - at);
    }
    const rows = answer['certificateStatistics'] as Array<{ count: number }>;
    results.push({ shape: shape.name, rows: rows.length, ms, ...(shape.groupBy.length === 0 ? { total: rows[0]?.count ?? 0 } : {}) });
  }
  // The monthly report (npm run report) of this month, for the ten issuers with most certificates,
  // each with a year's target of every metric.
  const steward = await prepared.token({ sub: STEWARD.code, kind: 'agency', roles: ['steward'], name: STEWARD.name, ttlSeconds: 3600 });
  const issuers = (await graphql(`${gateway.url}/graphql`, STATISTICS, { groupBy: ['ISSUER'] }, { authorization: `Bearer ${token}` }))['certificateStatistics'] as Array<{
    keys: Array<{ value: string }>;
    count: number;
  }>;
  const departments = [...issuers].sort((a, b) => b.count - a.count).slice(0, 10).map((row) => row.keys[0]!.value);
  for (const agency of departments) {
    for (const [metric, value] of [['STOCK_CONVERTED', 10_000], ['ISSUED_ELECTRONIC_SHARE', 0.8], ['PAPERLESS_MATTERS_SHARE', 0.9], ['ONLINE_CHECK_SHARE', 0.5]] as const) {
      await graphql(`${gateway.url}/graphql`, SET_TARGET, { input: { agency, metric, period: today.slice(0, 4), value } }, { authorization: `Bearer ${steward}` });
    }
  }
  const reportMs: number[] = [];
  let report: MonthlyReport | undefined;
  for (let i = 0; i < REPEAT; i++) {
    const at = performance.now();
    report = await gatherReport(httpAsk(new URL(`${gateway.url}/graphql`), token), { month: today.slice(0, 7), hub: gateway.url });
    reportMs.push(performance.now() - at);
  }
  results.push({ shape: `monthly report, ${report!.departments.length} departments`, rows: report!.departments.length, ms: reportMs });

  const total = results.find((result) => result.total !== undefined)?.total;
  if (total !== current) throw new Error(`the total through the gateway (${total}) is not the nodes' count of current certificates (${current})`);
  console.log(`\ncertificateStatistics through the gateway, ${current} current certificates (goals: TYPE × MONTH for a year ≤ ${GOAL_MS} ms, the monthly report ≤ ${REPORT_GOAL_MS} ms):`);
  console.table(
    results.map((result) => ({
      shape: result.shape,
      rows: result.rows,
      'cold ms': Math.round(result.ms[0]!),
      'median ms': Math.round(summarize(result.ms).median),
      goal: goalOf(result.shape, summarize(result.ms).median),
    })),
  );
  const elapsed = (performance.now() - started) / 1000;
  console.log(`total ${(elapsed / 60).toFixed(1)} min; the total matches the nodes' count (${current})`);
  writeResults('stats', {
    database: 'postgres',
    entities: ENTITIES,
    certificates: current,
    seed: SEED,
    today,
    generation: generated,
    results,
    summary: results.map((result) => ({ what: `stats ${result.shape}`, value: `median ${Math.round(summarize(result.ms).median)} ms over ${current} certificates` })),
  });
} finally {
  await stopAll(gateway, running);
  prepared.remove();
  if (!values.keep) await dropDatabases(prepared.databaseUrls);
}
