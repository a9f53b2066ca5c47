import { createServer, type AddressInfo } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999 by default): the ports the system hands to
 * listen(0) and to outgoing connections. A port picked there and named in a registry before its
 * process starts can be taken in between by any connection the machine opens; one picked here
 * only by another process choosing the same number.
 */
const FIRST = 20_000;
const LAST = 32_000;

/** Whether `port` can be bound on 127.0.0.1 right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port free at the moment of asking, for a process that starts later (a node registry names
 * node ports before the nodes start): random below the ephemeral range, checked by binding it.
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (await bindable(port)) return port;
  }
  // A crowded machine: fall back to one the system picks.
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
