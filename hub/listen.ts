import type { Server } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * How long the hub's servers keep an idle keep-alive connection: longer than the gateway's own
 * idle limit towards nodes (gateway/node-client.ts) and than common load balancers' (60 s), so
 * the server is never the side that closes a connection its client is about to reuse.
 */
export const KEEP_ALIVE_MS = 65_000;

export function listen(server: Server | HttpsServer, port: number, host: string): Promise<string> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants the header timeout above the keep-alive timeout.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  const scheme = server instanceof HttpsServer ? 'https' : 'http';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve(`${scheme}://${host}:${address.port}`);
    });
  });
}

export function close(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
