/**
 * npm run bench:startup — how long `npm start` takes to answer on a new data directory (cold:
 * migrations and demo seed) and on an existing one (warm), and the memory the process holds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from './results.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ecert-bench-start-'));
const port = 4000 + Math.floor(Math.random() * 900);

/** Resident memory of a process and its children, in MB, from /proc. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function run(label: string): Promise<{ label: string; readySeconds: number; rssMb: number; healthy: boolean }> {
  const started = performance.now();
  // tsx directly (not through npm) so the measured process is the hub itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, HUB_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ecert-hub ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  const readySeconds = (performance.now() - started) / 1000;
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string };
  const rss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { label, readySeconds, rssMb: rss, healthy: health.status === 'ok' };
}

try {
  const rows = [await run('cold (new data directory, seeded)'), await run('warm (existing data directory)')];
  console.table(rows.map((row) => ({ ...row, readySeconds: row.readySeconds.toFixed(2), rssMb: row.rssMb.toFixed(0) })));
  writeResults('startup', rows);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
