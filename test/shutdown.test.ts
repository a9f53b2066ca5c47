/**
 * Stopping without cutting anyone off (issue 10, "Shutdown"): SIGTERM once cut a 1.35 s request
 * at 0.57 s. Now a server drains (hub/listen.ts drain): it refuses new connections, answers
 * /readyz with 503, lets the requests in flight finish within the grace period and cuts only what
 * is still open when it ends. Proved on plain servers in-process, on the embedded hub, and on
 * `npm run gateway` / `npm run node` as processes stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once, EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedHub, type EmbeddedHub } from '../hub/embedded-hub.js';
import { close, drain, listen } from '../hub/listen.js';
import { buildCertificateId } from '../lib/codes.js';
import { freshDatabaseOptions } from './support/databases.js';
import { uscc } from './support/fixtures.js';
import { HubProcess, waitFor } from './support/processes.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** A well-formed certificate id that no node holds: verifying it asks a node and finds nothing. */
const UNKNOWN_ID = buildCertificateId({
  typeCode: `${uscc('11', '350000', 77)}001`,
  issuer: uscc('11', '350000', 78),
  serial: '4242',
  version: '001',
});
const VERIFY = /* GraphQL */ `query Verify($id: ID!) { verifyCertificate(id: $id) { found } }`;
const VERIFY_BODY = JSON.stringify({ query: VERIFY, variables: { id: UNKNOWN_ID } });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request over node:http — through `agent`, or on a connection of its own — and its whole
 * answer; rejects when the connection fails or is cut before the answer ends.
 */
function send(url: string, path: string, options: { method?: string; body?: string; agent?: Agent } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: options.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Why a request failed: the code of its connection's error (ECONNREFUSED, ECONNRESET, …). */
async function failure(answer: Promise<Answer>): Promise<string> {
  try {
    const { status } = await answer;
    return `answered ${status}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** Everything a raw socket receives until the other side closes it. */
function received(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('close', () => resolve(text));
    socket.once('error', reject);
  });
}

/** A raw connection to `url` that has sent a request's first line and nothing more. */
async function halfSentRequest(url: string, path: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  await new Promise<void>((resolve, reject) => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n`, (error) => (error ? reject(error) : resolve())));
  return socket;
}

const agents: Agent[] = [];
/** A keep-alive agent, as browsers and load balancers use: a `Connection: close` answer means something then. */
function keepAlive(): Agent {
  const agent = new Agent({ keepAlive: true });
  agents.push(agent);
  return agent;
}
afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

/** Where the refused connections end: refused, or reset when the connection raced the close. */
const REFUSED = ['ECONNREFUSED', 'ECONNRESET'];

describe('drain, on a plain server', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => (server.listening ? close(server) : undefined)));
  });

  /**
   * An HTTP server on port 0 started with `listen`: /quick answers at once; /slow (and
   * /slow-streaming, which sends its headers at once) waits until the test finishes it.
   */
  async function slowServer() {
    const events = new EventEmitter();
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/slow' || req.url === '/slow-streaming') {
        if (req.url === '/slow-streaming') res.writeHead(200, { 'content-type': 'text/plain' }).flushHeaders();
        events.emit('slow', () => res.end('the slow answer, whole'));
        return;
      }
      res.end('quick answer');
    });
    const accepted: Socket[] = [];
    server.on('connection', (socket: Socket) => accepted.push(socket));
    const url = await listen(server, 0, '127.0.0.1');
    servers.push(server);
    return {
      server,
      url,
      /** Resolves, once the next slow request has arrived, with what finishes it. */
      nextSlow: () => once(events, 'slow').then(([finish]) => finish as () => void),
      /** The server's side of a client socket, once it has read what the client sent. */
      readFrom: (client: Socket) => waitFor('the server to read the request', () => accepted.find((socket) => socket.remotePort === client.localPort && socket.bytesRead > 0), 5000, 10),
    };
  }
  it('a request in flight when the drain begins gets its whole answer, and a new connection is refused', async () => {
    const { server, url, nextSlow } = await slowServer();
    const arrived = nextSlow();
    const answer = send(url, '/slow', { agent: keepAlive() });
    const finish = await arrived;
    const started = performance.now();
    const drained = drain(server, { graceMs: 10_000 });
    expect(REFUSED).toContain(await failure(send(url, '/quick')));
    finish();
    expect(await answer).toMatchObject({ status: 200, body: 'the slow answer, whole', headers: { connection: 'close' } });
    expect(await drained).toEqual({ cut: 0 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('an idle keep-alive connection is closed as soon as the drain begins', async () => {
    const { server, url } = await slowServer();
    const agent = keepAlive();
    const sockets: Socket[] = [];
    agent.on('free', (socket: Socket) => sockets.push(socket));
    expect((await send(url, '/quick', { agent })).headers.connection).toBe('keep-alive');
    await waitFor('the connection to be free for reuse', () => sockets[0], 5000, 10);
    const closed = once(sockets[0]!, 'close');
    expect(await drain(server, { graceMs: 10_000 })).toEqual({ cut: 0 });
    await closed;
  });

  it('a keep-alive connection whose answer was already under way is closed when that answer ends, while others are still in flight', async () => {
    const { server, url, nextSlow } = await slowServer();
    const agent = keepAlive();
    const arrived = nextSlow();
    const answer = send(url, '/slow-streaming', { agent });
    const finish = await arrived;
    const otherArrived = nextSlow();
    const other = send(url, '/slow');
    const finishOther = await otherArrived;
    const drained = drain(server, { graceMs: 10_000 });
    const socket = Object.values(agent.sockets).flat()[0]!;
    const closed = once(socket, 'close');
    finish();
    // Its headers went out before the drain began, saying keep-alive: the server closes it anyway.
    expect(await answer).toMatchObject({ status: 200, body: 'the slow answer, whole', headers: { connection: 'keep-alive' } });
    await closed;
    finishOther();
    expect((await other).body).toBe('the slow answer, whole');
    expect(await drained).toEqual({ cut: 0 });
  });

  it('a request arriving on an open connection while the server drains is answered with Connection: close', async () => {
    const { server, url, nextSlow, readFrom } = await slowServer();
    const arrived = nextSlow();
    const slow = send(url, '/slow');
    const finish = await arrived;
    const late = await halfSentRequest(url, '/quick');
    await readFrom(late);
    const drained = drain(server, { graceMs: 10_000 });
    const text = received(late);
    late.write('\r\n');
    const answer = await text;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toMatch(/quick answer$/);
    finish();
    expect((await slow).body).toBe('the slow answer, whole');
    expect(await drained).toEqual({ cut: 0 });
  });

  it('a request still open when the grace period ends is cut, and counted', async () => {
    const { server, url, nextSlow } = await slowServer();
    const arrived = nextSlow();
    const answer = failure(send(url, '/slow'));
    await arrived;
    const started = performance.now();
    expect(await drain(server, { graceMs: 300 })).toEqual({ cut: 1 });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3000);
    expect(await answer).toMatch(/ECONNRESET|socket hang up/);
  });

  it('a server nothing is asked of drains at once', async () => {
    const { server } = await slowServer();
    const started = performance.now();
    expect(await drain(server, { graceMs: 10_000 })).toEqual({ cut: 0 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.listening).toBe(false);
  });
});

describe('the embedded hub, stopped gracefully', () => {
  let hub: EmbeddedHub;
  let keysDir: string;
  let probe: Server | null = null;
  let stopped: Promise<unknown> | null = null;

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'ecert-shutdown-'));
    hub = await startEmbeddedHub({
      keysDir,
      nodes: [{ code: '350000', name: '福建省', database: await freshDatabaseOptions('shutdown_350000') }],
      anchorIntervalMs: 0,
    });
  }, 120_000);

  afterAll(async () => {
    if (probe?.listening) await close(probe);
    await (stopped ?? hub?.stopGracefully(0));
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('finishes a request in flight through gateway and node, says 503 on /readyz meanwhile and refuses new connections', async () => {
    const node = hub.nodes[0]!;
    expect(await send(hub.url, '/readyz')).toMatchObject({ status: 200, body: '{"status":"ready"}' });
    expect(await send(node.url, '/readyz')).toMatchObject({ status: 200, body: '{"status":"ready"}' });

    // A request in flight at the gateway: its body is half sent when the stop begins.
    const upload = httpRequest(`${hub.url}/graphql`, {
      method: 'POST',
      agent: keepAlive(),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(VERIFY_BODY) },
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      upload.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      upload.on('error', reject);
    });
    const half = Math.floor(VERIFY_BODY.length / 2);
    await new Promise<void>((resolve, reject) => upload.write(VERIFY_BODY.slice(0, half), (error) => (error ? reject(error) : resolve())));
    // Answered after the gateway has read the headers sent before it: the upload is in flight.
    expect((await send(hub.url, '/readyz')).status).toBe(200);

    const stopping = hub.stopGracefully(10_000);
    stopped = stopping;
    // The gateway's own server no longer accepts connections: its readiness, asked of the same gateway.
    probe = createServer((req, res) => void hub.gateway.handle(req, res));
    const probeUrl = await listen(probe, 0, '127.0.0.1');
    expect(await send(probeUrl, '/readyz')).toMatchObject({ status: 503, body: '{"status":"draining"}' });
    expect(REFUSED).toContain(await failure(send(hub.url, '/readyz')));
    // The node still serves the gateway's requests in flight, and tells a load balancer it is going.
    expect(await send(node.url, '/readyz')).toMatchObject({ status: 503, body: '{"status":"draining"}' });
    expect(await send(node.url, '/healthz')).toMatchObject({ status: 200 });

    upload.end(VERIFY_BODY.slice(half));
    const { status, headers, body } = await answer;
    expect({ status, connection: headers.connection, body: JSON.parse(body) }).toEqual({
      status: 200,
      connection: 'close',
      body: { data: { verifyCertificate: { found: false } } },
    });
    expect(await stopping).toEqual({ cut: 0 });
    expect(REFUSED).toContain(await failure(send(node.url, '/readyz')));
  });
});

describe('npm run gateway, stopped with SIGTERM', () => {
  /**
   * A node that is slow on purpose, in this test process: it answers a subgraph request no
   * sooner than SLOW_MS after it arrived — the request of 1.35 s that SIGTERM once cut — and not
   * before the test lets it (so that what the test checks meanwhile happens while it is in flight).
   */
  const SLOW_MS = 1500;
  const slowNode = new EventEmitter();
  const waiting: Array<() => void> = [];
  let nodeServer: Server;
  let dir: string;
  let registry: string;
  const gateways: HubProcess[] = [];

  beforeAll(async () => {
    nodeServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const arrived = performance.now();
        const reply = () => {
          if (!res.writableEnded && !res.destroyed) {
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { verifyCertificate: { found: false } } }));
          }
        };
        const answer = () => void setTimeout(reply, Math.max(0, arrived + SLOW_MS - performance.now()));
        waiting.push(answer);
        slowNode.emit('request', answer);
      });
    });
    const nodeUrl = await listen(nodeServer, 0, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'ecert-shutdown-gateway-'));
    registry = join(dir, 'nodes.json');
    writeFileSync(registry, JSON.stringify([{ code: '350000', name: '福建省', url: nodeUrl }]));
  });

  afterEach(async () => {
    for (const answer of waiting.splice(0)) answer();
    await Promise.all(gateways.splice(0).map((gateway) => gateway.kill()));
  });

  afterAll(async () => {
    await close(nodeServer);
    rmSync(dir, { recursive: true, force: true });
  });

  /** `npm run gateway` on a free port in front of the slow node; resolves with it, its URL and its exit. */
  async function startGateway(args: string[] = [], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gateway.ts', '--nodes', registry, '--port', '0', '--anchor-interval', '0', ...args], {
      cwd: ROOT,
      env: { ...process.env, HUB_DATA_DIR: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const gateway = new HubProcess('gateway', child);
    gateways.push(gateway);
    await gateway.ready(/gateway ready at/, 60_000);
    const url = /gateway ready at (http:\/\/\S+)\/graphql/.exec(gateway.log)![1]!;
    return { gateway, url, exited };
  }

  /**
   * A verification through the gateway, once the slow node holds it: the request in flight
   * (wrapped, so that awaiting this does not await its answer).
   */
  async function requestInFlight(url: string): Promise<{ answer: Promise<Answer> }> {
    const atNode = once(slowNode, 'request');
    const answer = send(url, '/graphql', { method: 'POST', body: VERIFY_BODY, agent: keepAlive() });
    await atNode;
    return { answer };
  }

  it('lets a request in flight finish with its whole answer, says 503 on /readyz, refuses new connections and exits well within the grace period', async () => {
    const { gateway, url, exited } = await startGateway();
    expect(await send(url, '/readyz')).toMatchObject({ status: 200, body: '{"status":"ready"}' });
    const sent = performance.now();
    const { answer } = await requestInFlight(url);
    const late = await halfSentRequest(url, '/readyz');
    // Answered after the gateway has read what came before on the other connection.
    expect((await send(url, '/readyz')).status).toBe(200);

    const signalled = performance.now();
    gateway.signal('SIGTERM');
    await gateway.ready(/SIGTERM: draining/, 5000);
    expect(REFUSED).toContain(await failure(send(url, '/readyz')));
    const text = received(late);
    late.write('\r\n');
    const readiness = await text;
    expect(readiness).toMatch(/^HTTP\/1\.1 503 /);
    expect(readiness).toMatch(/\r\nConnection: close\r\n/i);
    expect(readiness).toMatch(/\{"status":"draining"\}$/);

    for (const release of waiting.splice(0)) release();
    const { status, headers, body } = await answer;
    expect({ status, connection: headers.connection, body: JSON.parse(body) }).toEqual({
      status: 200,
      connection: 'close',
      body: { data: { verifyCertificate: { found: false } } },
    });
    expect(performance.now() - sent).toBeGreaterThanOrEqual(SLOW_MS);
    expect(await exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    expect(gateway.log).toMatch(/drained in [\d.]+ s, stopped/);
  }, 90_000);

  it('cuts a request longer than the grace period (HUB_DRAIN_TIMEOUT_MS) when the period ends, and exits then', async () => {
    const { gateway, url, exited } = await startGateway([], { HUB_DRAIN_TIMEOUT_MS: '1000' });
    const answer = failure((await requestInFlight(url)).answer);
    const signalled = performance.now();
    gateway.signal('SIGTERM');
    expect(await exited).toBe(0);
    const took = performance.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(1000 + 4000);
    expect(await answer).toMatch(/ECONNRESET|socket hang up/);
    expect(gateway.log).toMatch(/SIGTERM: draining — no new connections, up to 1 s for requests in flight/);
    expect(gateway.log).toMatch(/stopped after [\d.]+ s: 1 request still open at the deadline, cut/);
  }, 90_000);

  it('exits at once on a second signal while draining', async () => {
    const { gateway, url, exited } = await startGateway(['--drain-timeout', '60000']);
    const answer = failure((await requestInFlight(url)).answer);
    const signalled = performance.now();
    gateway.signal('SIGTERM');
    await gateway.ready(/SIGTERM: draining/, 5000);
    gateway.signal('SIGINT');
    expect(await exited).toBe(1);
    expect(performance.now() - signalled).toBeLessThan(5000);
    expect(await answer).toMatch(/ECONNRESET|socket hang up/);
  }, 90_000);

  it('refuses a --drain-timeout that is not a number of milliseconds (exit 2)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gateway.ts', '--nodes', registry, '--drain-timeout', 'soon'], {
      cwd: ROOT,
      env: { ...process.env, HUB_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const gateway = new HubProcess('gateway', child);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(gateway.log).toMatch(/--drain-timeout: milliseconds, at least 0/);
  }, 60_000);
});

// One node's PGlite in a data directory of its own: this runs once, in the PGlite pass.
describe.skipIf(Boolean(process.env['DATABASE_URL']))('npm run node, stopped with SIGTERM', () => {
  it('answers /readyz, then drains and closes its database at once when nothing is in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecert-shutdown-node-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/node.ts', '--node', '350000', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, HUB_DATA_DIR: dir, DATABASE_URL: '', HUB_NODES: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const node = new HubProcess('node 350000', child);
    try {
      await node.ready(/node 350000 ready at/, 90_000);
      const url = /node 350000 ready at (http:\/\/\S+)/.exec(node.log)![1]!;
      expect(await send(url, '/readyz')).toMatchObject({ status: 200, body: '{"status":"ready"}' });
      const signalled = performance.now();
      node.signal('SIGTERM');
      expect(await exited).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(5000);
      expect(node.log).toMatch(/SIGTERM: draining — no new connections, up to 10 s for requests in flight/);
      expect(node.log).toMatch(/drained in [\d.]+ s, stopped/);
    } finally {
      await node.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
