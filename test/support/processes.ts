/**
 * The hub as separate operating-system processes, for the fault tests: every node its own
 * `scripts/node.ts`, the gateway its own `scripts/gateway.ts`, run with tsx exactly as
 * `npm run node` / `npm run gateway` run them, sharing one temporary HUB_DATA_DIR (so the
 * development keys, and the tokens the test mints from them, are the ones the processes trust)
 * and one node registry file. Also: a PostgreSQL cluster of its own for one node, and a
 * counting HTTP proxy that shows what the gateway sent to a node.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../hub/ports.js';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeEntry } from '../../gateway/topology.js';
import { mintToken, type TokenRequest } from '../../hub/dev-idp.js';
import { loadOrCreateSigningKey, type SigningKey } from '../../lib/keys.js';
import { close, listen } from '../../hub/listen.js';
import type { GraphQLAnswer } from './hub.js';

const ROOT = new URL('../..', import.meta.url).pathname;


/** Polls `check` every `everyMs` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** One child process running a hub script with tsx. */
export class HubProcess {
  private output = '';
  private readonly exit: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 40_000) this.output = this.output.slice(-20_000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exit = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What the process has printed (the last 20–40 kB), for failure messages. */
  get log(): string {
    return this.output;
  }

  /** Resolves when the output shows `line`; fails if the process exits first or `timeoutMs` passes. */
  ready(line: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        this.child.off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (line.test(this.output)) done();
      };
      const exited = () => done(new Error(`${this.name} exited before it was ready:\n${this.output}`));
      const timer = setTimeout(() => done(new Error(`${this.name} not ready within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      this.child.stdout!.on('data', check);
      this.child.once('exit', exited);
      check();
    });
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGKILL (after SIGCONT, in case it is stopped), resolving once it has exited. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM, the orderly stop of the entry points; SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

export interface NodeProcessOptions {
  code: string;
  port: number;
  databaseUrl: string;
}

export interface GatewayProcessOptions {
  port: number;
  nodeTimeoutMs?: number;
  breakerFailures?: number;
  breakerCooldownMs?: number;
}

/**
 * A distributed hub on one machine: a temporary HUB_DATA_DIR with the development keys made
 * before any process starts (so that no two processes race to make them), a registry file,
 * and every process started through it, so that `killAll` can always clean up.
 */
export class ProcessHub {
  readonly dir = mkdtempSync(join(tmpdir(), 'ecert-faults-'));
  readonly registryFile = join(this.dir, 'nodes.json');
  private readonly processes = new Set<HubProcess>();
  private idpKey!: SigningKey;

  private constructor() {}

  static async create(): Promise<ProcessHub> {
    const hub = new ProcessHub();
    const keysDir = join(hub.dir, 'keys');
    hub.idpKey = await loadOrCreateSigningKey(keysDir, 'idp');
    await loadOrCreateSigningKey(keysDir, 'gateway');
    return hub;
  }

  writeRegistry(entries: NodeEntry[]): void {
    writeFileSync(this.registryFile, JSON.stringify(entries, null, 2));
  }

  token(request: TokenRequest): Promise<string> {
    return mintToken(this.idpKey, request);
  }

  private spawn(name: string, script: string, args: string[]): HubProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, HUB_DATA_DIR: this.dir, HUB_NODES: this.registryFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new HubProcess(name, child);
    this.processes.add(started);
    child.once('exit', () => this.processes.delete(started));
    return started;
  }

  /** Starts `scripts/node.ts` and resolves once it prints its ready line. */
  async startNode(options: NodeProcessOptions, timeoutMs = 120_000): Promise<HubProcess> {
    const node = this.spawn(`node ${options.code}`, 'scripts/node.ts', [
      '--node',
      options.code,
      '--port',
      String(options.port),
      '--database-url',
      options.databaseUrl,
      // The test's own fresh databases: the node migrates them as it starts.
      '--migrate',
      '--nodes',
      this.registryFile,
    ]);
    await node.ready(new RegExp(`node ${options.code} ready at`), timeoutMs);
    return node;
  }

  /** Starts `scripts/gateway.ts` and resolves once it prints its ready line. */
  async startGateway(options: GatewayProcessOptions, timeoutMs = 120_000): Promise<HubProcess> {
    const optional = (flag: string, value: number | undefined) => (value === undefined ? [] : [flag, String(value)]);
    const gateway = this.spawn('gateway', 'scripts/gateway.ts', [
      '--nodes',
      this.registryFile,
      '--port',
      String(options.port),
      ...optional('--node-timeout', options.nodeTimeoutMs),
      ...optional('--breaker-failures', options.breakerFailures),
      ...optional('--breaker-cooldown', options.breakerCooldownMs),
    ]);
    await gateway.ready(/gateway ready at/, timeoutMs);
    return gateway;
  }

  /** Kills every process still running (stopped ones are continued first) and removes the directory. */
  async killAll(): Promise<void> {
    await Promise.all([...this.processes].map((process) => process.kill()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** POSTs an operation to a gateway; a refused connection rejects (as `fetch` does). */
export async function graphql(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 15_000,
): Promise<GraphQLAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer, 'status'>) };
}

/** The code of the error behind a failed `fetch` (ECONNREFUSED, ECONNRESET, …), if any. */
export function connectionErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

/**
 * An HTTP proxy in front of one node that counts the subgraph requests passing through it:
 * what the gateway actually sent, even while the node behind it is stopped and cannot count.
 */
export interface CountingProxy {
  url: string;
  /** Subgraph operations (POST /certificate, /legal-entity, /catalog) received so far. */
  readonly operations: number;
  close(): Promise<void>;
}

export async function countingProxy(port: number, target: string): Promise<CountingProxy> {
  let operations = 0;
  const upstream = new URL(target);
  const server: Server = createHttpServer((req, res) => {
    if (req.method === 'POST' && req.url !== '/healthz') operations++;
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.destroy();
    });
    // A caller that gives up (the gateway's timeout) gives up on the node too.
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  const url = await listen(server, port, '127.0.0.1');
  return {
    url,
    get operations() {
      return operations;
    },
    close: () => close(server),
  };
}

/**
 * Whether the installed postgres.js survives PostgreSQL dropping the connection of a
 * transaction in flight. postgres.js 3.4.9 does not: the transaction's own ROLLBACK is written
 * to the closed socket from a setImmediate, and the TypeError that throws takes the whole
 * process down (porsager/postgres#1066, #1154, #1208). Tried in a child process of its own,
 * so that the crash is its and not the test's.
 */
export function postgresDriverSurvivesLostTransaction(url: string): Promise<{ survives: boolean; output: string }> {
  const probe = `
    import postgres from 'postgres';
    const sql = postgres(process.argv[1], { max: 2, onnotice() {} });
    const admin = postgres(process.argv[1], { max: 1, onnotice() {} });
    let pid;
    // Its rejection is handled at once: the backend may close the connection, and so reject the
    // transaction, before pg_terminate_backend has answered; a .catch attached only then comes too
    // late, and Node ends the probe for an unhandled rejection that is the probe's, not the driver's.
    const transaction = sql.begin(async (t) => {
      [{ pid }] = await t\`select pg_backend_pid() as pid\`;
      await t\`select pg_sleep(10)\`;
    }).catch(() => {});
    while (!pid) await new Promise((resolve) => setTimeout(resolve, 20));
    await admin\`select pg_terminate_backend(\${pid})\`;
    await transaction;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sql\`select 1\`;
    await Promise.all([sql.end({ timeout: 1 }), admin.end({ timeout: 1 })]);
  `;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', probe, url], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ survives: !error, output: `${stdout}${stderr}` }),
    );
  });
}

const run = (file: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${file} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
  });

/** Where PostgreSQL's server programs are installed, or null if this machine has none. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

/**
 * A PostgreSQL cluster of its own in a temporary directory (initdb, trust authentication, a
 * free port on 127.0.0.1), so that a test can restart one node's PostgreSQL and no one else's.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export class PostgresCluster {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  /** `postgres://postgres@127.0.0.1:PORT/<database>` */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private asOwner(program: string, args: string[]): Promise<string> {
    const path = join(this.bin, program);
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
  }

  static async create(bin: string): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'ecert-pg-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const cluster = new PostgresCluster(bin, dir, await freePort());
    try {
      await cluster.asOwner('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
      await cluster.pgCtl('start');
    } catch (error) {
      await cluster.remove();
      throw error;
    }
    return cluster;
  }

  private pgCtl(action: 'start' | 'restart', mode?: string): Promise<string> {
    // fsync off: these clusters live for one test run; a restart of PostgreSQL (not of the
    // machine) keeps every committed transaction either way.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    return this.asOwner('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'log'), '-w', '-t', '30', ...(mode ? ['-m', mode] : []), '-o', options, action]);
  }

  /** `pg_ctl restart -m fast`: every connection is terminated, the server comes back on the same port. */
  restart(): Promise<string> {
    return this.pgCtl('restart', 'fast');
  }

  /** Stops the server (immediately) and deletes the cluster. */
  async remove(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.asOwner('pg_ctl', ['-D', this.dataDir, '-w', '-m', 'immediate', 'stop']).catch(() => undefined);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export { freePort };
