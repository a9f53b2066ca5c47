/**
 * npm run bench:import -- [--rows N] [--batch N] [--parallel N] [--floor-url URL] [--skip-floor] [--profile DIR] [--processes]
 * Converting the paper stock, measured end to end: N generated rows (default 100,000) of
 * 厦门市食品摊贩登记卡 imported with `npm run import` into a fresh embedded hub (`npm start` on a new
 * data directory, its own process), as 厦门市市场监督管理局 — every row checked, sealed (SM2),
 * stored with its items, history and access record. Beside it, in the same run:
 *  - the floor: the same rows (certificate + items) written with plain multi-row INSERTs into
 *    PostgreSQL (--floor-url, default DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres;
 *    a scratch database is created and dropped) and into PGlite, nothing checked, nothing sealed;
 *  - seal and verify operations per second on one core, and the signing pool's on every core.
 * The import's client and the hub are sampled for resident memory every half second: streaming
 * keeps the client flat however long the file is. --profile DIR writes the hub's CPU profile
 * (.cpuprofile, for Chrome DevTools) there. --processes imports instead through the deployed
 * shape: the gateway and nodes 350000, 350100, 350200 each its own process (`npm run gateway`,
 * `npm run node`), on PostgreSQL with DATABASE_URL (one database per node), PGlite otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { mintToken } from '../../hub/dev-idp.js';
import { loadOrCreateSigningKey } from '../../lib/keys.js';
import { SealPool } from '../../lib/seal/seal-pool.js';
import { generateSealKey, signSeal, verifySeal } from '../../lib/seal/seal.js';
import { cliArgs } from '../args.js';
import { STOCK_ISSUER as ISSUER, STOCK_ITEMS as ITEMS, STOCK_TYPE as TYPE, stockRow as row, writeStockCsv } from '../demo/stock.js';
import { prepareHub, startGateway, startNodes, stopAll, type Child } from './processes.js';
import { writeResults } from './results.js';

const { values } = cliArgs('usage: npm run bench:import -- [--rows N] [--batch N] [--floor-url URL] [--skip-floor] [--profile DIR] [--processes] [--parallel N]', {
  profile: { type: 'string' },
  processes: { type: 'boolean' },
  parallel: { type: 'string' },
  rows: { type: 'string' },
  batch: { type: 'string' },
  'floor-url': { type: 'string' },
  'skip-floor': { type: 'boolean' },
});
const ROWS = Number(values.rows ?? 100_000);
const BATCH = Number(values.batch ?? 500);
const PARALLEL = Number(values.parallel ?? 2);
const FLOOR_URL = values['floor-url'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Resident memory of a process in MB, from /proc; 0 once it has gone. */
function rssMb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before "${text}":\n${output}`)));
  });
}

interface MemorySeries {
  first: number;
  min: number;
  max: number;
  last: number;
}

const series = (samples: number[]): MemorySeries => ({
  first: samples[0] ?? 0,
  min: Math.min(...samples),
  max: Math.max(...samples),
  last: samples.at(-1) ?? 0,
});

/** Runs `npm run import` of `file` against `hubUrl`, sampling its memory and the hub's (`hubRss`). */
async function runImport(hubUrl: string, token: string, file: string, hubRss: () => number) {
  const hubBefore = hubRss();
  const started = performance.now();
  const client = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/import.ts', '--hub', hubUrl, '--token', token, '--type', TYPE, '--batch', String(BATCH), '--parallel', String(PARALLEL), file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  client.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const clientMemory: number[] = [];
  const hubMemory: number[] = [];
  let samples = 0;
  const sampler = setInterval(() => {
    const c = rssMb(client.pid);
    if (c > 0) clientMemory.push(c);
    hubMemory.push(hubRss());
    // A line every 30 s, so a long run (a million rows) shows its memory as it goes.
    if (++samples % 60 === 0) {
      console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: client ${c.toFixed(0)} MB, hub ${hubMemory.at(-1)!.toFixed(0)} MB`);
    }
  }, 500);
  const code = await new Promise<number | null>((resolve) => client.once('exit', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited with ${code}: ${stdout}`);
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  const imported = Number(/imported (\d+)/.exec(summary)?.[1] ?? 0);
  return { seconds, imported, rowsPerSecond: imported / seconds, summary, clientRssMb: series(clientMemory), hubRssMb: { before: hubBefore, ...series(hubMemory) } };
}

/** Through `npm start`: the embedded hub, one process, PGlite. */
async function importThroughHub(dataDir: string, file: string) {
  const port = 4300 + Math.floor(Math.random() * 600);
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];
  const hub = spawn(process.execPath, [...profile, '--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, HUB_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await waitFor(hub, 'ecert-hub ready');
    const key = await loadOrCreateSigningKey(join(dataDir, 'keys'), 'idp');
    const token = await mintToken(key, { sub: ISSUER.code, kind: 'agency', roles: ['issuer'], ttlSeconds: 6 * 3600, name: ISSUER.name });
    return await runImport(`http://127.0.0.1:${port}`, token, file, () => rssMb(hub.pid));
  } finally {
    hub.kill('SIGTERM');
    await new Promise((resolve) => hub.once('exit', resolve));
  }
}

/** Through the deployed shape: gateway and three nodes, each its own process. */
async function importThroughProcesses(file: string) {
  const prepared = await prepareHub(['350000', '350100', '350200'], 'import', 0);
  const hub = await startNodes(prepared);
  let gateway: Child | undefined;
  try {
    gateway = await startGateway(hub);
    const token = await prepared.token({ sub: ISSUER.code, kind: 'agency', roles: ['issuer'], ttlSeconds: 6 * 3600, name: ISSUER.name });
    const xiamen = hub.nodes[hub.registry.findIndex((entry) => entry.code === '350200')]!;
    return await runImport(gateway.url, token, file, () => xiamen.rssMb());
  } finally {
    await stopAll(gateway, hub);
    prepared.remove();
  }
}

const FLOOR_TABLES = `
  create table certificates (id text primary key, type_code text not null, number text not null, holder_kind text not null,
    holder_code text not null, holder_name text not null, issuer_code text not null, issued_on date not null, valid_from date not null,
    valid_until date, status text not null, unique (type_code, issuer_code, number));
  create table certificate_items (certificate_id text not null references certificates(id), position int not null, code text not null,
    value text not null, primary key (certificate_id, code));`;

/** The same rows as plain multi-row INSERTs of BATCH rows: certificates, then their items. */
function floorBatches(): Array<{ certificates: unknown[][]; items: unknown[][] }> {
  const batches = [];
  for (let start = 1; start <= ROWS; start += BATCH) {
    const certificates: unknown[][] = [];
    const items: unknown[][] = [];
    for (let n = start; n < Math.min(start + BATCH, ROWS + 1); n++) {
      const r = row(n);
      const id = `1.2.156.3005.2.${TYPE}.${ISSUER.code}.${String(n).padStart(8, '0')}.001.X`;
      certificates.push([id, TYPE, r.number, 'PERSON', r.holderCode, r.holderName, ISSUER.code, r.issuedOn, r.issuedOn, null, 'VALID']);
      r.items.forEach((value, position) => items.push([id, position, ITEMS[position]!, value]));
    }
    batches.push({ certificates, items });
  }
  return batches;
}

const placeholders = (rows: unknown[][]): { text: string; params: unknown[] } => {
  const params: unknown[] = [];
  const text = rows.map((r) => `(${r.map((value) => (params.push(value), `$${params.length}`)).join(',')})`).join(',');
  return { text, params };
};

async function floorPostgres(): Promise<{ seconds: number; rowsPerSecond: number }> {
  const database = `ecert_bench_floor_${process.pid}`;
  // The scratch database is made from the server's maintenance database, whatever FLOOR_URL names.
  const adminUrl = new URL(FLOOR_URL);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(FLOOR_URL);
  url.pathname = `/${database}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(FLOOR_TABLES);
    const batches = floorBatches();
    const started = performance.now();
    for (const batch of batches) {
      await sql.begin(async (tx) => {
        const c = placeholders(batch.certificates);
        await tx.unsafe(`insert into certificates values ${c.text}`, c.params as never[]);
        const i = placeholders(batch.items);
        await tx.unsafe(`insert into certificate_items values ${i.text}`, i.params as never[]);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rowsPerSecond: ROWS / seconds };
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

async function floorPglite(): Promise<{ seconds: number; rowsPerSecond: number }> {
  const db = new PGlite();
  try {
    await db.exec(FLOOR_TABLES);
    const batches = floorBatches();
    const started = performance.now();
    for (const batch of batches) {
      await db.transaction(async (tx) => {
        const c = placeholders(batch.certificates);
        await tx.query(`insert into certificates values ${c.text}`, c.params);
        const i = placeholders(batch.items);
        await tx.query(`insert into certificate_items values ${i.text}`, i.params);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rowsPerSecond: ROWS / seconds };
  } finally {
    await db.close();
  }
}

/** Seal and verify operations per second on this thread, and signing on the pool's threads. */
async function sealRates() {
  const key = generateSealKey();
  const payloads = Array.from({ length: 2000 }, (_, n) => JSON.stringify({ n, ...row(n + 1) }));
  const perSecond = (count: number, started: number) => count / ((performance.now() - started) / 1000);
  let started = performance.now();
  const signatures = payloads.slice(0, 1000).map((payload) => signSeal(key.privateKey, payload));
  const signOneCore = perSecond(1000, started);
  started = performance.now();
  const valid = signatures.every((signature, n) => verifySeal(key.publicKey, payloads[n]!, signature));
  const verifyOneCore = perSecond(1000, started);
  const pool = new SealPool();
  try {
    await pool.warm();
    started = performance.now();
    await pool.sign(key.privateKey, payloads);
    const signPool = perSecond(payloads.length, started);
    return { signOneCore, verifyOneCore, signPool, poolThreads: pool.size, valid };
  } finally {
    await pool.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'ecert-bench-import-'));
try {
  const file = join(dataDir, 'stock.csv');
  console.log(`generating ${ROWS} rows…`);
  await writeStockCsv(file, 1, ROWS);
  const where = values.processes
    ? `the gateway and three node processes on ${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'}`
    : 'the embedded hub (one process, PGlite)';
  console.log(`importing through ${where} in batches of ${BATCH}…`);
  const hub = values.processes ? await importThroughProcesses(file) : await importThroughHub(join(dataDir, 'hub'), file);
  console.log(hub.summary);
  const floor = values['skip-floor'] ? null : { postgres: await floorPostgres(), pglite: await floorPglite() };
  const seal = await sealRates();
  const rows = [
    { what: `import through ${where}: checked, sealed, audited`, rowsPerSecond: hub.rowsPerSecond, seconds: hub.seconds },
    ...(floor
      ? [
          { what: 'floor: plain multi-row INSERT, PostgreSQL', rowsPerSecond: floor.postgres.rowsPerSecond, seconds: floor.postgres.seconds },
          { what: 'floor: plain multi-row INSERT, PGlite', rowsPerSecond: floor.pglite.rowsPerSecond, seconds: floor.pglite.seconds },
        ]
      : []),
  ];
  console.table(rows.map((r) => ({ ...r, rowsPerSecond: Math.round(r.rowsPerSecond), seconds: r.seconds.toFixed(1) })));
  if (floor) {
    console.log(`hub / PostgreSQL floor: ${(hub.rowsPerSecond / floor.postgres.rowsPerSecond).toFixed(2)}; hub / PGlite floor: ${(hub.rowsPerSecond / floor.pglite.rowsPerSecond).toFixed(2)}`);
  }
  console.log(`memory (MB): client ${JSON.stringify(hub.clientRssMb, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}, hub ${JSON.stringify(hub.hubRssMb, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
  console.log(
    `seals: sign ${Math.round(seal.signOneCore)}/s and verify ${Math.round(seal.verifyOneCore)}/s on one core; sign ${Math.round(seal.signPool)}/s on ${seal.poolThreads} worker threads`,
  );
  writeResults('import', {
    through: where,
    rows: ROWS,
    batch: BATCH,
    hub,
    floor,
    seal,
    summary: [
      { what: 'import rows/s (sealed)', value: Math.round(hub.rowsPerSecond) },
      ...(floor ? [{ what: 'import / PostgreSQL INSERT floor', value: Number((hub.rowsPerSecond / floor.postgres.rowsPerSecond).toFixed(2)) }] : []),
      { what: 'import client RSS max MB', value: Math.round(hub.clientRssMb.max) },
    ],
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
