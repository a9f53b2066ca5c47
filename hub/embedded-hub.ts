import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEFAULT_DRAIN_MS, drain, listen, type DrainReport } from './listen.js';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { createAuthenticator, createGateway, Topology, type Gateway, type IdentityProviderConfig, type NodeEntry } from '../gateway/index.js';
import { openNodeDatabase, type DatabaseOptions, type NodeDatabase } from '../subgraphs/kit/db.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE, mintToken, type TokenRequest } from './dev-idp.js';
import type { TrustedSigners } from '../lib/hub-context.js';
import { loadOrCreateSigningKey, type SigningKey } from '../lib/keys.js';
import { loadOrCreateKeyRing } from '../subgraphs/kit/secret-keys.js';
import type { ScanQuota } from '../subgraphs/certificate/service.js';
import { supergraphPath } from '../schema/compose.js';
import type { Enforcement } from '../subgraphs/kit/subgraph.js';
import { createNode, type HubNode } from '../subgraphs/node.js';
import type { WebhookOptions } from '../subgraphs/events/webhooks/options.js';
import type { CertificateJobOptions } from '../subgraphs/certificate/jobs.js';
import { SILENT_LOGGER, type Logger } from '../lib/log.js';
import type { TracingOptions } from '../lib/tracing.js';

export interface EmbeddedHubOptions {
  /** Where the development identity provider's and the gateway's keys live. */
  keysDir: string;
  nodes: Array<{ code: string; name: string; database: DatabaseOptions }>;
  /** Gateway port; 0 picks a free one. */
  port?: number;
  host?: string;
  nodeTimeoutMs?: number;
  /** How long the gateway, and the nodes' catalogs for their matters, reuse an agency's grants (default 5 s). */
  grantTtlMs?: number;
  /** How long the gateway answers certificate types from its cache (default 30 s; 0: never). */
  catalogCacheTtlMs?: number;
  /** The catalog entry whose grants open the registry's personal fields. */
  registryTypeCode?: string | null;
  /** Rules and audit on (the default); benchmarks turn them off to measure their cost. */
  enforcement?: Enforcement;
  /** Each agency's daily quota of external certificates' scans (default: DEFAULT_SCAN_QUOTA). */
  scanQuota?: ScanQuota;
  /** How often the gateway anchors every node's access log (default 60 s; 0 never). */
  anchorIntervalMs?: number;
  /**
   * Serve the nodes over https with this certificate and key (PEM); the gateway and the nodes
   * trust `ca` for them. Without it the nodes speak plain http on their host.
   */
  nodeTls?: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer };
  /** Where clients reach the hub, for presentation links (default: the gateway's own URL). */
  publicUrl?: string;
  /** How the nodes deliver events to webhooks (default: loopback only, 24 h of retries). */
  webhooks?: WebhookOptions;
  /** How many working days issuers have to answer error reports (default 5). */
  correctionDays?: number;
  /** How the nodes run their certificate jobs: scheduled status changes and follow-ups (default: every 30 s). */
  certificateJobs?: CertificateJobOptions;
  /** The nodes' registry clock (annual reports: NodeOptions.now); default the system's. */
  now?: () => Date;
  /** Runs once every node is migrated and before the gateway opens, e.g. to seed demo data. */
  beforeOpen?: (nodes: HubNode[], topology: Topology) => Promise<void>;
  /** Where the gateway and the nodes log (each line says which: `component`, and a node's `node`); default: nowhere. */
  logger?: Logger;
  /** Whether the gateway's /metrics also shows the process's own metrics (one process: only the gateway's shows them). */
  processMetrics?: boolean;
  /**
   * A token that lets Prometheus read each node's GET /metrics directly (NodeOptions.metricsToken);
   * without it, nodes' metrics are read through the gateway's /metrics/nodes/CODE only.
   */
  nodeMetricsToken?: string;
  /** Where the gateway's and the nodes' spans go, each as a service of its own (lib/tracing.ts); default: no tracing. */
  tracing?: TracingOptions;
}

export interface EmbeddedHub {
  url: string;
  gateway: Gateway;
  nodes: Array<{ code: string; url: string; node: HubNode; database: NodeDatabase; server: Server | HttpsServer }>;
  topology: Topology;
  idpKey: SigningKey;
  gatewayKey: SigningKey;
  token(request: TokenRequest): Promise<string>;
  /**
   * Stops the hub gracefully: the gateway drains first (hub/listen.ts drain), so that the
   * requests it is answering can still reach the nodes, then the nodes with what is left of
   * `graceMs`; then each is stopped and its database closed. /readyz answers 503 everywhere from
   * the start. Resolves with the requests (the gateway's and the nodes') cut at the deadline.
   */
  stopGracefully(graceMs: number): Promise<DrainReport>;
  /** `stopGracefully` with the default grace period (DEFAULT_DRAIN_MS). */
  stop(): Promise<void>;
}

/**
 * The whole hub in one process: every node on its own HTTP port over its own database, and the
 * gateway in front, talking to the nodes over real HTTP exactly as in a distributed hub.
 */
export async function startEmbeddedHub(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? SILENT_LOGGER;
  const [idpKey, gatewayKey, ...nodeKeys] = await Promise.all([
    loadOrCreateSigningKey(options.keysDir, 'idp'),
    loadOrCreateSigningKey(options.keysDir, 'gateway'),
    ...options.nodes.map((spec) => loadOrCreateSigningKey(options.keysDir, `node-${spec.code}`)),
  ]);
  const keyOfNode = new Map(options.nodes.map((spec, i) => [spec.code, nodeKeys[i]!]));
  const secretsOfNode = new Map(
    await Promise.all(
      options.nodes.map(
        async (spec) =>
          [
            spec.code,
            { kek: await loadOrCreateKeyRing(options.keysDir, `node-${spec.code}-kek`), auditKeys: await loadOrCreateKeyRing(options.keysDir, `node-${spec.code}-audit`) },
          ] as const,
      ),
    ),
  );
  const trusted: TrustedSigners = {
    gateway: [gatewayKey.publicJwk],
    nodes: new Map([...keyOfNode].map(([code, key]) => [code, [key.publicJwk]])),
  };

  // Nodes listen first (answering 503 until ready) so that every node knows every URL.
  const ready = new Map<string, HubNode>();
  const servers = await Promise.all(
    options.nodes.map(async (spec) => {
      const handler = (req: IncomingMessage, res: ServerResponse) => {
        const node = ready.get(spec.code);
        if (node) return void node.handle(req, res);
        if (req.url === '/readyz') return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"starting"}');
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"node starting"}]}');
      };
      const server = options.nodeTls ? createHttpsServer({ cert: options.nodeTls.cert, key: options.nodeTls.key }, handler) : createServer(handler);
      return { spec, server, url: await listen(server, 0, host) };
    }),
  );
  const entries: NodeEntry[] = servers.map(({ spec, url }) => ({ code: spec.code, name: spec.name, url }));
  const topology = new Topology(entries);
  // The gateway's port is taken now, so that the nodes know the hub's URL; it answers 503 until ready.
  let gateway: Gateway | undefined;
  const gatewayServer = createServer((req, res) => {
    if (gateway) return void gateway.handle(req, res);
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"hub starting"}]}');
  });
  const url = await listen(gatewayServer, options.port ?? 0, host);
  // Presentation links point at the gateway (each node's own `url` is shadowed below).
  const publicUrl = options.publicUrl ?? url;

  const started = await Promise.all(
    servers.map(async ({ spec, server, url }) => {
      const database = await openNodeDatabase(spec.database);
      const node = await createNode({
        code: spec.code,
        name: spec.name,
        database,
        trusted,
        nodeKey: keyOfNode.get(spec.code)!,
        ...secretsOfNode.get(spec.code)!,
        ca: options.nodeTls?.ca,
        province: topology.province,
        nodes: topology.nodes.map((entry) => entry.code),
        ...(options.scanQuota ? { scanQuota: options.scanQuota } : {}),
        ...(options.correctionDays === undefined ? {} : { correctionDays: options.correctionDays }),
        ...(options.certificateJobs ? { certificateJobs: options.certificateJobs } : {}),
        nodeForRegion: (region) => topology.ownerOfRegion(region),
        ...(options.grantTtlMs === undefined ? {} : { grantTtlMs: options.grantTtlMs }),
        nodeUrl: (code) => topology.node(code).url,
        registryTypeCode: options.registryTypeCode ?? null,
        ...(options.enforcement ? { enforcement: options.enforcement } : {}),
        publicUrl,
        ...(options.webhooks ? { webhooks: options.webhooks } : {}),
        ...(options.now ? { now: options.now } : {}),
        logger,
        metricsToken: options.nodeMetricsToken ?? null,
        ...(options.tracing ? { tracing: options.tracing } : {}),
      });
      return { code: spec.code, url, node, database, server };
    }),
  );
  for (const entry of started) ready.set(entry.code, entry.node);
  await options.beforeOpen?.(started.map((entry) => entry.node), topology);

  const idp: IdentityProviderConfig = { issuer: DEV_IDP_ISSUER, audience: HUB_AUDIENCE, keys: [idpKey.publicJwk] };
  const openGateway: Gateway = await createGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    topology,
    authenticate: createAuthenticator(idp),
    contextKey: gatewayKey,
    ...(options.nodeTimeoutMs === undefined ? {} : { nodeTimeoutMs: options.nodeTimeoutMs }),
    ...(options.grantTtlMs === undefined ? {} : { grantTtlMs: options.grantTtlMs }),
    ...(options.catalogCacheTtlMs === undefined ? {} : { catalogCacheTtlMs: options.catalogCacheTtlMs }),
    ...(options.anchorIntervalMs === undefined ? {} : { anchorIntervalMs: options.anchorIntervalMs }),
    ...(options.nodeTls ? { nodeCa: options.nodeTls.ca } : {}),
    logger,
    processMetrics: options.processMetrics ?? false,
    ...(options.tracing ? { tracing: options.tracing } : {}),
  });
  gateway = openGateway;

  async function stopGracefully(graceMs: number): Promise<DrainReport> {
    const deadline = performance.now() + graceMs;
    openGateway.beginDrain();
    for (const entry of started) entry.node.beginDrain();
    const atGateway = await drain(gatewayServer, { graceMs });
    await openGateway.stop();
    // What the nodes still answer now is what the gateway gave up on, or their calls to each other.
    const atNodes = await Promise.all(
      started.map(async (entry) => {
        const report = await drain(entry.server, { graceMs: Math.max(0, deadline - performance.now()) });
        await entry.node.stop();
        await entry.database.close();
        return report;
      }),
    );
    return { cut: atNodes.reduce((sum, report) => sum + report.cut, atGateway.cut) };
  }

  return {
    url,
    gateway: openGateway,
    nodes: started,
    topology,
    idpKey,
    gatewayKey,
    token: (request) => mintToken(idpKey, request),
    stopGracefully,
    async stop() {
      await stopGracefully(DEFAULT_DRAIN_MS);
    },
  };
}
