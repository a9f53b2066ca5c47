import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * Writes a benchmark's results to bench-results/<name>-<time>.json (ignored by git) and returns
 * the file. A `summary` list of `{ what, value }` in the results is what `npm run bench` shows.
 */
export function writeResults(name: string, results: unknown): string {
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), node: process.version, results }, null, 2));
  console.log(`results written to ${file}`);
  return file;
}

/** Median, 95th and 99th percentile of a list of milliseconds. */
export function summarize(samples: number[]): { median: number; p95: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}
