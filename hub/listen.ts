import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * How long the hub's servers keep an idle keep-alive connection: longer than the gateway's own
 * idle limit towards nodes (gateway/node-client.ts) and than common load balancers' (60 s), so
 * the server is never the side that closes a connection its client is about to reuse.
 */
export const KEEP_ALIVE_MS = 65_000;

/**
 * How long a draining server gives the requests in flight to finish (`--drain-timeout`,
 * HUB_DRAIN_TIMEOUT_MS): well beyond any read (a node gets 3 s by default) and shorter than the
 * 30 s orchestrators commonly wait before SIGKILL. Only a write to a node slower than that is
 * cut, and it still commits at the node, as when the gateway gives up on a write.
 */
export const DEFAULT_DRAIN_MS = 10_000;

/** What a drain could not finish: the requests still open at the deadline, which were cut. */
export interface DrainReport {
  cut: number;
}

type HubServer = Server | HttpsServer;

/**
 * The requests a server is answering and whether it drains: what `drain` needs and a Node
 * server does not tell (it counts connections, and an idle keep-alive one counts as open).
 */
class RequestTracker {
  readonly open = new Set<ServerResponse>();
  draining = false;
  drained: Promise<DrainReport> | null = null;
  private whenIdle: (() => void) | null = null;

  constructor(private readonly server: HubServer) {
    // First among the request listeners: a request that arrives while draining is marked
    // before its handler can write a header.
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.opened(res));
  }

  private opened(res: ServerResponse): void {
    this.open.add(res);
    if (this.draining) res.setHeader('connection', 'close');
    // 'close' comes after 'finish' and also when the client goes away first: either way the
    // request no longer holds the drain up.
    res.once('close', () => {
      this.open.delete(res);
      if (!this.draining) return;
      // Its keep-alive connection (its headers went out before the drain began, without
      // `Connection: close`) is idle now: closed, so that the client's next request goes elsewhere.
      this.server.closeIdleConnections();
      if (this.open.size === 0) this.whenIdle?.();
    });
  }

  /** Resolves with 0 once no request is open, or with those still open after `graceMs`. */
  settled(graceMs: number): Promise<number> {
    if (this.open.size === 0) return Promise.resolve(0);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.whenIdle = null;
        resolve(this.open.size);
      }, graceMs);
      this.whenIdle = () => {
        clearTimeout(timer);
        this.whenIdle = null;
        resolve(0);
      };
    });
  }
}

const trackers = new WeakMap<HubServer, RequestTracker>();

/**
 * Starts `server` on `port` (0: any free one) and `host` with the hub's keep-alive timeouts,
 * tracking its requests so that `drain` can let them finish; resolves with its base URL.
 */
export function listen(server: HubServer, port: number, host: string): Promise<string> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants the header timeout above the keep-alive timeout.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  if (!trackers.has(server)) trackers.set(server, new RequestTracker(server));
  const scheme = server instanceof HttpsServer ? 'https' : 'http';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve(`${scheme}://${host}:${address.port}`);
    });
  });
}

/**
 * Stops a server started with `listen` gracefully: no new connections (they are refused), idle
 * keep-alive connections closed at once, every response still to come marked
 * `Connection: close` (requests that arrive on a connection already open too), so that a client
 * opens its next request elsewhere; the requests in flight get up to `graceMs` to finish, each
 * connection closed as its request ends. At the deadline whatever is still open is cut.
 * Connections holding no whole request (headers half sent) are closed once the last request
 * ends. Calling it again returns the same drain.
 */
export function drain(server: HubServer, { graceMs }: { graceMs: number }): Promise<DrainReport> {
  const tracker = trackers.get(server);
  if (!tracker) throw new Error('drain: the server was not started with listen(), so its requests in flight are unknown');
  tracker.drained ??= (async () => {
    tracker.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const res of tracker.open) if (!res.headersSent) res.setHeader('connection', 'close');
    const cut = await tracker.settled(graceMs);
    server.closeAllConnections();
    await closed;
    return { cut };
  })();
  return tracker.drained;
}

/**
 * Stops a server at once, cutting the requests in flight: for tests and tools. The entry points
 * stop with `drain`.
 */
export function close(server: HubServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
