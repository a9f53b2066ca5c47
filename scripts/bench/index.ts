/**
 * npm run bench [-- --only peer,load] — every benchmark of the suite, one after another, each in
 * its own process (so one's hub and memory are gone before the next starts), then a summary.
 *
 *   list      gateway overhead: the 3-node list through the gateway, direct, and the SQL floor
 *   peer      ecert-hub's gateway against Hive Gateway on single-node queries
 *   load      autocannon with 20, 50 and 100 connections: req/s, p50, p99, errors, memory
 *   fanout    the list over 3, 6 and 10 nodes, beside each node's own latency
 *   batching  SQL statements per request for 10, 100 and 1,000 certificates
 *   events    what events and webhooks cost: import and issuance beside none, deliveries per second
 *   materials the 免提交 check of 10 materials over 3 nodes beside a single certificate read
 *
 * Each is also runnable alone: `npx tsx scripts/bench/<file>`. Results: bench-results/*.json.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cliArgs } from '../args.js';
import { writeResults } from './results.js';

const BENCHMARKS: Record<string, { file: string; results: string }> = {
  list: { file: 'list-query.ts', results: 'list-query' },
  peer: { file: 'peer.ts', results: 'peer' },
  load: { file: 'load.ts', results: 'load' },
  fanout: { file: 'fanout.ts', results: 'fanout' },
  batching: { file: 'batching.ts', results: 'batching' },
  events: { file: 'events.ts', results: 'events' },
  materials: { file: 'materials.ts', results: 'materials' },
};
const USAGE = `usage: npm run bench [-- --only ${Object.keys(BENCHMARKS).join(',')}]`;
const { values } = cliArgs(USAGE, { only: { type: 'string' } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const chosen = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(BENCHMARKS);
for (const name of chosen) {
  if (!BENCHMARKS[name]) {
    console.error(`unknown benchmark ${name}\n${USAGE}`);
    process.exit(2);
  }
}

/** The newest results file of a benchmark written since `since`. */
function resultsSince(prefix: string, since: number): string | null {
  let newest: { file: string; at: number } | null = null;
  let files: string[] = [];
  try {
    files = readdirSync('bench-results');
  } catch {
    return null;
  }
  for (const file of files) {
    if (!file.startsWith(`${prefix}-`) || !file.endsWith('.json')) continue;
    const at = statSync(join('bench-results', file)).mtimeMs;
    if (at >= since && (!newest || at > newest.at)) newest = { file: join('bench-results', file), at };
  }
  return newest?.file ?? null;
}

const summary: Array<{ benchmark: string; what: string; value: string }> = [];
let failed = false;
for (const name of chosen) {
  const { file, results } = BENCHMARKS[name]!;
  console.log(`\n=== ${name}: scripts/bench/${file} ===`);
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('scripts/bench', file)], { stdio: 'inherit' });
    child.once('exit', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) {
    failed = true;
    summary.push({ benchmark: name, what: 'FAILED', value: `exit code ${code}` });
    continue;
  }
  const written = resultsSince(results, started);
  const lines = written ? ((JSON.parse(readFileSync(written, 'utf8')) as { results?: { summary?: Array<{ what: string; value: string }> } }).results?.summary ?? []) : [];
  for (const line of lines) summary.push({ benchmark: name, ...line });
}

console.log('\n=== summary ===');
console.table(summary);
writeResults('summary', summary);
if (failed) process.exitCode = 1;
