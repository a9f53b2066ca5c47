/**
 * npm run gateway -- --nodes FILE [--port N] [--node-timeout MS] [--breaker-failures N] [--breaker-cooldown MS] [--host H]
 *   [--max-token-lifetime S] [--clock-skew S] [--trust-proxy ADDRESS]... [--public-burst N] [--public-rate R]
 *   [--digest-burst N] [--digest-rate R] [--node-ca FILE] [--tls-cert FILE --tls-key FILE] [--anchor-interval MS] [--drain-timeout MS]
 * The gateway as its own process, routing to the nodes of the registry FILE:
 * [{"code":"350200","name":"厦门市","url":"http://127.0.0.1:4102"}, …]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { createAuthenticator, DEFAULT_CLOCK_SKEW_S, DEFAULT_MAX_TOKEN_LIFETIME_S } from '../gateway/auth.js';
import { DEFAULT_COOLDOWN_MS, DEFAULT_FAILURE_THRESHOLD } from '../gateway/circuit-breaker.js';
import { bucketLimitProblem, DEFAULT_DIGEST_LIMIT, DEFAULT_PUBLIC_LIMIT, type BucketLimit } from '../gateway/rate-limit.js';
import { createGateway } from '../gateway/server.js';
import { Topology, type NodeEntry } from '../gateway/topology.js';
import { supergraphPath } from '../schema/compose.js';
import { fail, failUsage, hubLogger, LOG_USAGE, stopOnSignals, userPath } from './args.js';
import { otlpTracing } from '../lib/tracing.js';
import { CONFIG_USAGE, configOrExit, positiveNumber, proxyAddress, serverOptions, whole } from './config.js';
import { DEFAULT_DRAIN_MS, drain, listen } from '../hub/listen.js';
import { gatewayKey, identityProvider, pemFile } from '../hub/keys-config.js';

const USAGE = `usage: npm run gateway -- --nodes FILE [--config FILE] [--port N] [--node-timeout MS] [--breaker-failures N] [--breaker-cooldown MS] [--host H]
         [--max-token-lifetime S] [--clock-skew S] [--trust-proxy ADDRESS]... [--public-burst N] [--public-rate R] [--digest-burst N] [--digest-rate R]
         [--drain-timeout MS] [--log-level LEVEL]
  --nodes               the node registry file (default: HUB_NODES)
  --port, --host        where it listens (default: HUB_PORT or PORT, else 4000; HUB_HOST or HOST, else 127.0.0.1)
  --node-timeout        how long one node may take before its part of an answer is given up (default: HUB_NODE_TIMEOUT or HUB_NODE_TIMEOUT_MS, else 3000)
  --breaker-failures    consecutive failures of a node that open its circuit breaker (default: HUB_BREAKER_FAILURES, else 5)
  --breaker-cooldown    how long an open breaker refuses a node before one probe (default: HUB_BREAKER_COOLDOWN or HUB_BREAKER_COOLDOWN_MS, else 5000)
  --max-token-lifetime  longest lifetime (exp − iat) of a bearer token the gateway accepts, in seconds
                        (default: HUB_MAX_TOKEN_LIFETIME or HUB_MAX_TOKEN_LIFETIME_S, else ${DEFAULT_MAX_TOKEN_LIFETIME_S} = 12 h)
  --clock-skew          how far a token's iat may lie ahead of this machine's clock, in seconds (default: HUB_CLOCK_SKEW or HUB_CLOCK_SKEW_S, else ${DEFAULT_CLOCK_SKEW_S})
  --trust-proxy         address of a reverse proxy in front of the gateway whose X-Forwarded-For is believed for the
                        client address rate limits key on; repeat for several (default: HUB_TRUST_PROXY, comma-separated, else none)
  --public-burst        verifications a client without a token may make at once, per address (default: HUB_PUBLIC_BURST, else ${DEFAULT_PUBLIC_LIMIT.burst})
  --public-rate         verifications per second such a client regains (default: HUB_PUBLIC_RATE or HUB_PUBLIC_PER_SECOND, else ${DEFAULT_PUBLIC_LIMIT.perSecond})
  --digest-burst        digest checks (verifyCertificate with a digest) at once, per address or per token's principal
                        (default: HUB_DIGEST_BURST, else ${DEFAULT_DIGEST_LIMIT.burst})
  --digest-rate         digest checks per second regained (default: HUB_DIGEST_RATE or HUB_DIGEST_PER_SECOND, else ${DEFAULT_DIGEST_LIMIT.perSecond}, one per 10 s)
  Over a limit a client gets HTTP 429 with Retry-After and extensions.code RATE_LIMITED.
  --node-ca             CA certificates (PEM) of nodes served over https, when not from a public CA (default: HUB_NODE_CA)
  --tls-cert, --tls-key serve https with this certificate chain and key, PEM (default: HUB_TLS_CERT, HUB_TLS_KEY)
  --anchor-interval     how often every node's access log is anchored at the province node, in ms; 0 never
                        (default: HUB_ANCHOR_INTERVAL or HUB_ANCHOR_INTERVAL_MS, else 60000)
  --drain-timeout       how long requests in flight may take to finish after SIGTERM/SIGINT, in ms; /readyz says 503 meanwhile
                        (default: HUB_DRAIN_TIMEOUT or HUB_DRAIN_TIMEOUT_MS, else 10000)
Keys (see README › Security): HUB_GATEWAY_KEY, HUB_IDP_JWKS, HUB_IDP_ISSUER, HUB_IDP_AUDIENCE; else the development keys in HUB_DATA_DIR/keys
Logs: ${LOG_USAGE}. Metrics: GET /metrics and /metrics/nodes/CODE with an operator's token
${CONFIG_USAGE}`;
const values = configOrExit(
  {
    nodes: { type: 'string', file: true },
    ...serverOptions({ portAliases: ['PORT'] }),
    'node-timeout': { type: 'string', check: whole(50, 'milliseconds'), aliases: ['HUB_NODE_TIMEOUT_MS'] },
    'breaker-failures': { type: 'string', check: whole(1) },
    'breaker-cooldown': { type: 'string', check: whole(0, 'milliseconds'), aliases: ['HUB_BREAKER_COOLDOWN_MS'] },
    'max-token-lifetime': { type: 'string', check: whole(1, 'seconds'), aliases: ['HUB_MAX_TOKEN_LIFETIME_S'] },
    'clock-skew': { type: 'string', check: whole(0, 'seconds'), aliases: ['HUB_CLOCK_SKEW_S'] },
    'trust-proxy': { type: 'string', multiple: true, check: proxyAddress },
    'public-burst': { type: 'string', check: whole(1) },
    'public-rate': { type: 'string', check: positiveNumber, aliases: ['HUB_PUBLIC_PER_SECOND'] },
    'digest-burst': { type: 'string', check: whole(1) },
    'digest-rate': { type: 'string', check: positiveNumber, aliases: ['HUB_DIGEST_PER_SECOND'] },
    'node-ca': { type: 'string', file: true },
    'tls-cert': { type: 'string', file: true },
    'tls-key': { type: 'string', file: true },
    'anchor-interval': { type: 'string', check: whole(0, 'milliseconds'), aliases: ['HUB_ANCHOR_INTERVAL_MS'] },
  },
  USAGE,
  { argv: process.argv.slice(2), env: process.env, resolvePath: userPath },
);
const file = values.nodes ?? failUsage(`--nodes is required\n${USAGE}`);
let topology: Topology;
try {
  topology = new Topology(JSON.parse(readFileSync(file, 'utf8')) as NodeEntry[]);
} catch (error) {
  fail(`${file}: ${(error as Error).message}`);
}
const timeout = Number(values['node-timeout'] ?? 3000);
const breakerFailures = Number(values['breaker-failures'] ?? DEFAULT_FAILURE_THRESHOLD);
const breakerCooldown = Number(values['breaker-cooldown'] ?? DEFAULT_COOLDOWN_MS);
const maxTokenLifetime = Number(values['max-token-lifetime'] ?? DEFAULT_MAX_TOKEN_LIFETIME_S);
const clockSkew = Number(values['clock-skew'] ?? DEFAULT_CLOCK_SKEW_S);
const trustProxy = values['trust-proxy'] ?? [];
function bucketOption(name: string, burst: string | undefined, rate: string | undefined, fallback: BucketLimit): BucketLimit {
  const limit = { burst: Number(burst ?? fallback.burst), perSecond: Number(rate ?? fallback.perSecond) };
  const problem = bucketLimitProblem(limit);
  return problem ? failUsage(`--${name}-burst/--${name}-rate: ${problem}`) : limit;
}
const rateLimits = {
  public: bucketOption('public', values['public-burst'], values['public-rate'], DEFAULT_PUBLIC_LIMIT),
  digest: bucketOption('digest', values['digest-burst'], values['digest-rate'], DEFAULT_DIGEST_LIMIT),
};

const anchorInterval = Number(values['anchor-interval'] ?? 60_000);
const drainMs = Number(values['drain-timeout'] ?? DEFAULT_DRAIN_MS);
const tlsCertFile = values['tls-cert'];
const tlsKeyFile = values['tls-key'];
if (Boolean(tlsCertFile) !== Boolean(tlsKeyFile)) failUsage('--tls-cert and --tls-key go together');
let nodeCa: Buffer | undefined;
let tls: { cert: Buffer; key: Buffer } | undefined;
try {
  nodeCa = await pemFile(values['node-ca']);
  tls = tlsCertFile && tlsKeyFile ? { cert: (await pemFile(tlsCertFile))!, key: (await pemFile(tlsKeyFile))! } : undefined;
} catch (error) {
  fail((error as Error).message);
}

const logger = hubLogger(values['log-level']);
const gateway = await createGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  topology,
  authenticate: createAuthenticator(await identityProvider(), { maxLifetimeSeconds: maxTokenLifetime, clockSkewSeconds: clockSkew }),
  contextKey: await gatewayKey(),
  nodeTimeoutMs: timeout,
  circuitBreaker: { failureThreshold: breakerFailures, cooldownMs: breakerCooldown },
  rateLimits,
  trustProxy,
  anchorIntervalMs: anchorInterval,
  ...(nodeCa ? { nodeCa } : {}),
  logger,
  processMetrics: true,
  // Traces (README › Operating the hub › Traces): only with a collector to send them to.
  ...(process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? { tracing: otlpTracing(process.env['OTEL_EXPORTER_OTLP_ENDPOINT']) } : {}),
});
const handler = (req: IncomingMessage, res: ServerResponse) => void gateway.handle(req, res);
const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
const url = await listen(server, Number(values.port ?? 4000), values.host ?? '127.0.0.1');
console.log(`gateway ready at ${url}/graphql, routing to ${topology.nodes.map((node) => node.code).join(', ')}`);

stopOnSignals(drainMs, async () => {
  gateway.beginDrain();
  const report = await drain(server, { graceMs: drainMs });
  await gateway.stop();
  return report;
});
