/**
 * A webhook receiver for the benchmarks, as its own process (so that the process measuring
 * latency does not also answer thousands of POSTs): answers 204 to every POST and counts them;
 * `GET /count` answers how many it has had. Prints `ready at <url>` when it listens.
 */
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(received));
    return;
  }
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`webhook receiver ready at http://127.0.0.1:${port} (GET /count)`);
});
process.on('SIGTERM', () => process.exit(0));
