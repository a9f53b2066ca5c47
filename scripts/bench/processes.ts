/**
 * The hub as separate processes for the benchmarks: every node its own `scripts/node.ts`
 * process, the gateway its own `scripts/gateway.ts` process (and the peer its own), so that
 * the load generator does not share an event loop with what it measures. The data is seeded
 * once, before the nodes start, into one database per node (PGlite data directories, or fresh
 * PostgreSQL databases when DATABASE_URL is set).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../hub/ports.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeEntry } from '../../gateway/topology.js';
import { isoDate, usccCheckChar } from '../../lib/codes.js';
import { openNodeDatabase, type DatabaseOptions } from '../../subgraphs/kit/db.js';
import { mintToken, type TokenRequest } from '../../hub/dev-idp.js';
import { freshDatabaseOptions } from '../../hub/fresh-database.js';
import { loadOrCreateSigningKey, type SigningKey } from '../../lib/keys.js';
import { loadOrCreateKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { FUJIAN_REGIONS, nodeForRegion } from '../../lib/regions.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { issueCertificate } from '../../subgraphs/certificate/service.js';
import { migrateNode } from '../../subgraphs/node.js';
import { CERTIFICATE_TYPES, demoData, REGISTRY_TYPE, TYPE_CODES } from '../demo/data.js';
import { seedDemoData } from '../demo/seed.js';

/** Every region of Fujian, province first: the nodes the fan-out benchmark adds one by one. */
export const ALL_NODES = Object.keys(FUJIAN_REGIONS);

export interface PreparedHub {
  dir: string;
  codes: string[];
  /** PostgreSQL URL of each node's database, when DATABASE_URL is set. */
  databaseUrls: Map<string, string>;
  /** How to open each node's database (its PGlite data directory, or its PostgreSQL database), e.g. for an embedded hub over the same data. */
  databaseOptions: Map<string, DatabaseOptions>;
  idpKey: SigningKey;
  gatewayKey: SigningKey;
  token(request: TokenRequest): Promise<string>;
  remove(): void;
}

/** `uscc('11', '350300', 7)`: a valid USCC of a government agency in that region. */
function agencyUscc(region: string, n: number): string {
  const first17 = `11${region}${String(n).padStart(8, '0')}X`;
  return first17 + usccCheckChar(first17);
}

/**
 * Creates one database per node and seeds it: the demo data (at 350000, 350100 and 350200),
 * and `extraPerNode` certificates issued by an agency of every other region to that region's
 * node, so that every node of a larger hub has a share of the list.
 */
export async function prepareHub(codes: string[], name: string, extraPerNode = 40): Promise<PreparedHub> {
  const dir = mkdtempSync(join(tmpdir(), `ecert-bench-${name}-`));
  const keysDir = join(dir, 'keys');
  const [idpKey, gatewayKey] = await Promise.all([loadOrCreateSigningKey(keysDir, 'idp'), loadOrCreateSigningKey(keysDir, 'gateway')]);
  // Every node process loads every other node's key at start: made here, once, the nodes
  // started side by side do not race to create the same key files.
  await Promise.all(codes.map((code) => loadOrCreateSigningKey(keysDir, `node-${code}`)));
  const databaseUrl = process.env['DATABASE_URL'];
  const databaseUrls = new Map<string, string>();
  const options = new Map<string, DatabaseOptions>();
  for (const code of codes) {
    if (databaseUrl) {
      const fresh = await freshDatabaseOptions(databaseUrl, `bench_${name}_${code}`);
      databaseUrls.set(code, (fresh as { databaseUrl: string }).databaseUrl);
      options.set(code, fresh);
    } else {
      mkdirSync(join(dir, 'nodes'), { recursive: true });
      options.set(code, { dataDir: join(dir, 'nodes', code) });
    }
  }
  // The node processes started later (HUB_DATA_DIR = dir) read their key-encryption key from
  // the same development key file (scripts/keys-config.ts nodeSecrets), so they can open the
  // seal keys seeded here.
  const databases = await Promise.all(
    codes.map(async (code) => ({ code, database: await openNodeDatabase(options.get(code)!), kek: await loadOrCreateKeyRing(keysDir, `node-${code}-kek`) })),
  );
  try {
    await Promise.all(databases.map(({ database }) => migrateNode(database)));
    const nodeCodes = new Set(codes);
    const today = isoDate(new Date());
    await seedDemoData(
      databases.map(({ code, database, kek }) => ({ code, db: database.db, kek })),
      { today, nodeForRegion: (region) => nodeForRegion(region, nodeCodes) },
    );
    // Business licences: unconditionally shared, so any consumer reads their holders too. The
    // demo names the market regulators of some regions only; here an agency of every region
    // issues them.
    const demoType = CERTIFICATE_TYPES.find((t) => t.code === TYPE_CODES.businessLicence)!;
    const type = { ...demoType, issuers: [...demoType.issuers, 'region:350000'] };
    const catalog = catalogFromList(CERTIFICATE_TYPES.map((t) => (t.code === type.code ? type : t)));
    const holders = demoData(today).legalEntities;
    await Promise.all(
      databases
        .filter(({ code }) => !['350000', '350100', '350200'].includes(code))
        .map(async ({ code, database, kek }) => {
          const issuer = { code: agencyUscc(code, 1), name: `${FUJIAN_REGIONS[code]}市场监督管理局` };
          for (let i = 0; i < extraPerNode; i++) {
            const holder = holders[i % holders.length]!;
            const day = `20${String(15 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
            await issueCertificate({ db: database.db, catalog, kek }, issuer, {
              typeCode: type.code,
              number: `BENCH-${code}-${i}`,
              holderKind: 'ORGANIZATION',
              holderCode: holder.uscc,
              holderName: holder.name,
              issuedOn: day,
              validFrom: day,
              items: type.items.map((item) => ({ code: item.code, value: `${item.name} ${i}` })),
            });
          }
        }),
    );
  } finally {
    await Promise.all(databases.map(({ database }) => database.close()));
  }
  return {
    dir,
    codes,
    databaseUrls,
    databaseOptions: options,
    idpKey,
    gatewayKey,
    token: (request) => mintToken(idpKey, request),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}


/** utime + stime of a process in ms (Linux clock ticks are 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  /** Resident memory of the process in MB, from /proc. */
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms, from /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script> ...args` and resolves once its standard output shows a
 * line matching `ready` (the URL is taken from that line).
 */
export function startChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { nodeFlags?: string[]; ready?: RegExp; cwd?: string } = {},
): Promise<Child> {
  const ready = options.ready ?? /ready at (http:\/\/\S+?)(\/graphql)?[ ,]/;
  // BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every process a benchmark
  // starts: Node refuses profiling flags in NODE_OPTIONS.
  const extraFlags = (process.env['BENCH_NODE_FLAGS'] ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extraFlags, ...(options.nodeFlags ?? []), '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 20_000) output = output.slice(-10_000);
  };
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      collect(chunk);
      const match = ready.exec(output);
      if (!match) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.off('exit', onExit);
      resolve({
        name,
        process: child,
        url: match[1]!,
        rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
        cpuMs: () => cpuMsOf(child.pid!),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      });
    });
  });
}

export interface RunningHub {
  prepared: PreparedHub;
  registryFile: string;
  registry: NodeEntry[];
  nodes: Child[];
  stop(): Promise<void>;
}

/** Starts every node of a prepared hub as its own process (in parallel) and writes the registry file. */
export async function startNodes(prepared: PreparedHub): Promise<RunningHub> {
  const registry: NodeEntry[] = [];
  for (const code of prepared.codes) registry.push({ code, name: FUJIAN_REGIONS[code]!, url: `http://127.0.0.1:${await freePort()}` });
  const registryFile = join(prepared.dir, 'nodes.json');
  writeFileSync(registryFile, JSON.stringify(registry, null, 2));
  const started = await Promise.allSettled(
    registry.map((entry) => {
      const url = prepared.databaseUrls.get(entry.code);
      return startChild(
        `node ${entry.code}`,
        'scripts/node.ts',
        ['--node', entry.code, '--port', new URL(entry.url).port, '--nodes', registryFile, '--registry-type', REGISTRY_TYPE.code, ...(url ? ['--database-url', url] : [])],
        { HUB_DATA_DIR: prepared.dir },
      );
    }),
  );
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw failed.reason;
  }
  return {
    prepared,
    registryFile,
    registry,
    nodes,
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}

/** ecert-hub's gateway (`scripts/gateway.ts`, with `args` added) as its own process in front of running nodes. */
export async function startGateway(hub: RunningHub, args: string[] = []): Promise<Child> {
  const port = await freePort();
  return startChild('ecert-hub gateway', 'scripts/gateway.ts', ['--nodes', hub.registryFile, '--port', String(port), ...args], { HUB_DATA_DIR: hub.prepared.dir });
}

/** POSTs one operation and returns its parsed answer, throwing on an HTTP or GraphQL error. */
export async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data!;
}

/** Stops everything given, ignoring what has already stopped. */
export async function stopAll(...things: Array<{ stop(): Promise<void> } | undefined>): Promise<void> {
  for (const thing of things) await thing?.stop().catch(() => {});
}

export { freePort };
