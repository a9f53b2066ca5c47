import { context as traceContext, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matterCodeRegion, typeCodeRegion } from '../lib/codes.js';
import { auditMigrationsFolder } from './audit/log.js';
import { keyLegacyChain } from './audit/verify.js';
import { NodeKey } from './events/node-key.js';
import { eventsMigrationsFolder } from './events/outbox.js';
import type { WebhookOptions } from './events/webhooks/options.js';
import { WebhookNode } from './events/webhooks/worker.js';
import { foreground } from './kit/foreground.js';
import type { SecretKeyRing } from './kit/secret-keys.js';
import { protectSealKeys } from './certificate/sealing.js';
import type { ScanQuota } from './certificate/service.js';
import type { NodeDatabase } from './kit/db.js';
import { pendingMigrations, PendingMigrationsError, type PendingMigration } from './kit/migrations.js';
import { HUB_CONTEXT_HEADER, HubContextVerifier, type CheckedContext, type TrustedSigners } from '../lib/hub-context.js';
import { executeApollo, HttpError, parseJsonBody, readBodyBytes, requestPath, sendError, sendJson } from '../lib/http.js';
import type { SigningKey } from '../lib/keys.js';
import { SILENT_LOGGER, type Logger } from '../lib/log.js';
import { componentTracing, incomingTrace, type TracingOptions } from '../lib/tracing.js';
import { traceStatements } from './kit/db-tracing.js';
import { metricsTokenMatches, sendMetrics } from '../lib/metrics.js';
import { hasRole, type HubContextClaims } from '../lib/principal.js';
import { NodeMetrics } from './node-metrics.js';
import { createRemoteCatalog, createRemoteMatters } from './kit/remote-catalog.js';
import { permitRuleSource } from './certificate/supervision/rules.js';
import { createPeerClient } from './kit/peers.js';
import { ENFORCED, type Enforcement, type Subgraph, type SubgraphContext } from './kit/subgraph.js';
import { createCatalogSubgraph, migrationsFolder as catalogMigrations } from './catalog/server.js';
import { createCertificateSubgraph, migrationsFolder as certificateMigrations } from './certificate/server.js';
import { CertificateJobs, type CertificateJobOptions } from './certificate/jobs.js';
import { VerificationTally } from './certificate/verification-tally.js';
import { createLegalEntitySubgraph, migrationsFolder as legalEntityMigrations } from './legal-entity/server.js';
import { RegistryJobs } from './legal-entity/jobs.js';

export interface NodeOptions {
  code: string;
  name: string;
  database: NodeDatabase;
  /** Whose signed contexts this node accepts: the gateway's public keys and the other nodes'. */
  trusted: TrustedSigners;
  /** This node's own key, which signs its calls to other nodes (catalog lookups, audit anchors). */
  nodeKey: SigningKey;
  /** CA certificates (PEM) of other nodes served over https, when not from a public CA. */
  ca?: string | Buffer | undefined;
  /** The key-encryption key that wraps the seal keys' private halves (kept outside the database). */
  kek: SecretKeyRing;
  /** The audit keys that make the access log an HMAC chain (kept outside the database). */
  auditKeys: SecretKeyRing;
  /** The province node, which keeps every node's audit anchors. */
  province: string;
  /** Every node of the province, this one included: whose registry changes this node follows. */
  nodes: readonly string[];
  /** How many working days an issuer has to answer an error report (default 5). */
  correctionDays?: number;
  /** How the node runs its certificate jobs: scheduled status changes and follow-ups (default: every 30 s). */
  certificateJobs?: CertificateJobOptions;
  /** Each agency's daily quota of external certificates' scans (default: DEFAULT_SCAN_QUOTA). */
  scanQuota?: ScanQuota;
  /** Which node keeps data of a region, and where that node is served. */
  nodeForRegion(region: string): string;
  nodeUrl(node: string): string;
  /** How long the certificate and catalog subgraphs trust another node's catalog answer. */
  catalogTtlMs?: number;
  /** How long the catalog reuses an agency's grants read from the province, for its matters' paperlessReady (default 5 s). */
  grantTtlMs?: number;
  /** The catalog entry whose grants open the legal-entity registry's personal fields. */
  registryTypeCode?: string | null;
  /** Rules and audit on (the default); benchmarks turn them off to measure their cost. */
  enforcement?: Enforcement;
  /**
   * Whether the node applies its database's pending migrations as it starts: yes by default, for
   * a database it owns (the embedded hub, tests, a node's own PGlite). When false — `npm run node`
   * on PostgreSQL without --migrate — it runs no DDL and refuses to start while any migration is
   * pending (PendingMigrationsError), so an upgrade changes the schema only when an operator says so.
   */
  migrate?: boolean;
  /** Where clients reach the hub (its gateway): presentation links point there. */
  publicUrl?: string;
  /** How this node delivers its events to webhooks, and which hosts they may reach. */
  webhooks?: WebhookOptions;
  /**
   * The clock of the registry: annual report windows, the abnormal operations list and the
   * reminders go by its day (default the system's; tests move it). The other subgraphs read the
   * system's clock.
   */
  now?: () => Date;
  /** Where the node logs internal errors with their stack, and what it did at start (default: nowhere). */
  logger?: Logger;
  /**
   * A token the operator gives Prometheus to scrape this node's GET /metrics directly
   * (`Authorization: Bearer <token>`, compared in constant time); without one, the node's
   * metrics are read only through the gateway's operator-only /metrics/nodes/CODE.
   */
  metricsToken?: string | null;
  /** Whether /metrics also shows the process's own metrics: true where the node is the process's only component. */
  processMetrics?: boolean;
  /**
   * Where the node's spans go (service `ecert-node-<code>`: README › Operating the hub › Traces):
   * a span per subgraph request, continuing the gateway's `traceparent`, and one per SQL
   * statement under it. Default: no tracing, the no-op tracer, and the database left as it is.
   */
  tracing?: TracingOptions;
}

/** The most a scrape's body may hold: the gateway's is empty. */
const SCRAPE_BODY_BYTES = 1024;

export interface HubNode {
  code: string;
  name: string;
  database: NodeDatabase;
  /** The node's key-encryption key, for code that seals certificates at this node directly (the demo seed). */
  kek: SecretKeyRing;
  /** The node's audit keys, for code that writes its access log directly (the demo seed's history of reads). */
  auditKeys: SecretKeyRing;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * The node is going away (its server drains, hub/listen.ts drain): GET /readyz answers 503
   * from now on, so that a load balancer in front of it sends nothing new.
   */
  beginDrain(): void;
  /**
   * The node's webhook delivery: its worker runs unless `webhooks.deliver` is false; tests and
   * benchmarks run a pass now (`webhooks.worker.runOnce()`) or start more workers over the
   * same database (`webhooks.createWorker()`), as more processes of the node would.
   */
  webhooks: WebhookNode;
  /**
   * The node's certificate jobs (scheduled status changes, follow-ups of every node's registry
   * changes): they run unless `certificateJobs.run` is false; tests run a pass now (`jobs.runOnce()`).
   */
  jobs: CertificateJobs;
  /**
   * The node's registry jobs (annual report reminders in June): run as the certificate jobs
   * (`certificateJobs`); tests run a pass now (`registryJobs.runOnce()`).
   */
  registryJobs: RegistryJobs;
  stop(): Promise<void>;
}

/** A subgraph served at `path`, its context type kept inside the closure. */
function mount<TContext extends SubgraphContext>(path: string, subgraph: Subgraph<TContext>) {
  return {
    path,
    start: () => subgraph.server.start(),
    stop: () => subgraph.server.stop(),
    execute: (req: IncomingMessage, res: ServerResponse, claims: HubContextClaims, body: unknown) =>
      executeApollo(subgraph.server, req, res, async () => subgraph.context(claims), body),
  };
}

/**
 * A node's migrations, in the order they are applied: the access log's and the events', which
 * every subgraph writes to, then every subgraph's own, catalog first. `migrateNode`, the start
 * check of `npm run node` and `npm run migrate` all go by this one list.
 */
export const NODE_MIGRATIONS: ReadonlyArray<{ subgraph: string; folder: string }> = [
  { subgraph: 'audit', folder: auditMigrationsFolder },
  { subgraph: 'events', folder: eventsMigrationsFolder },
  { subgraph: 'catalog', folder: catalogMigrations },
  { subgraph: 'legal-entity', folder: legalEntityMigrations },
  { subgraph: 'certificate', folder: certificateMigrations },
];

/** Applies every migration of {@link NODE_MIGRATIONS} that the node's database lacks, in order. */
export async function migrateNode(database: NodeDatabase): Promise<void> {
  for (const { subgraph, folder } of NODE_MIGRATIONS) await database.migrate(subgraph, folder);
}

/** The migrations of {@link NODE_MIGRATIONS} that the node's database has not applied, in the order `migrateNode` would apply them. */
export async function pendingNodeMigrations(database: NodeDatabase): Promise<PendingMigration[]> {
  const pending: PendingMigration[] = [];
  for (const { subgraph, folder } of NODE_MIGRATIONS) pending.push(...(await pendingMigrations(database, subgraph, folder)));
  return pending;
}

/**
 * Brings what the node kept before its secrets existed under them, once: plain-text seal keys
 * are encrypted with the KEK (retired ones destroyed), and an unkeyed access log is keyed with
 * the audit key — after checking it is intact (a broken one is left as it is, and shows so).
 */
async function protectNodeSecrets(options: NodeOptions, logger: Logger): Promise<void> {
  const { db } = options.database;
  const keys = await protectSealKeys(db, options.kek);
  if (keys.encrypted + keys.reencrypted + keys.destroyed > 0) {
    logger.info({ encrypted: keys.encrypted, reencrypted: keys.reencrypted, destroyed: keys.destroyed }, 'seal keys encrypted, retired private keys destroyed');
  }
  const chain = await keyLegacyChain(db, { node: options.code, key: options.auditKeys.current });
  if (chain.keyed > 0) logger.info({ records: chain.keyed }, 'access log keyed');
  if (chain.broken) logger.error({ broken: chain.broken }, 'the access log written before it was keyed is broken; left as it is');
}

/**
 * One node: the catalog, legal-entity and certificate subgraphs over the node's own database,
 * served at /catalog, /legal-entity and /certificate, each refusing any request that does
 * not carry a valid context signed by the gateway. Migrations run before it answers (or, with
 * `migrate: false`, must have run).
 */
export async function createNode(options: NodeOptions): Promise<HubNode> {
  const { database } = options;
  // Refused at start, not at the first error report.
  if (options.correctionDays !== undefined && !(Number.isInteger(options.correctionDays) && options.correctionDays >= 0)) {
    throw new RangeError(`correctionDays: a whole number of working days from 0, not ${options.correctionDays}`);
  }
  if (options.migrate ?? true) {
    await migrateNode(database);
  } else {
    const pending = await pendingNodeMigrations(database);
    if (pending.length > 0) throw new PendingMigrationsError(pending);
  }
  const logger = (options.logger ?? SILENT_LOGGER).child({ component: 'node', node: options.code });
  await protectNodeSecrets(options, logger);
  const metrics = new NodeMetrics({ code: options.code, database, logger, processMetrics: options.processMetrics ?? false });
  const node = { code: options.code, name: options.name, auditKeys: options.auditKeys, logger, counters: metrics };
  const peers = createPeerClient({ self: node.code, key: options.nodeKey, nodeUrl: options.nodeUrl, ca: options.ca });
  const catalog = createRemoteCatalog({
    locate: (typeCode) => options.nodeForRegion(typeCodeRegion(typeCode)),
    request: (owner, query, variables) => peers.request(owner, 'catalog', query, variables),
    ...(options.catalogTtlMs === undefined ? {} : { ttlMs: options.catalogTtlMs }),
  });
  const matters = createRemoteMatters({
    locate: (matterCode) => options.nodeForRegion(matterCodeRegion(matterCode)),
    request: (owner, query, variables) => peers.request(owner, 'catalog', query, variables),
    ...(options.catalogTtlMs === undefined ? {} : { ttlMs: options.catalogTtlMs }),
  });
  const enforcement = options.enforcement ?? ENFORCED;
  const nodeKey = new NodeKey(database.db, options.kek, node.code);
  const verifications = new VerificationTally(database.db);
  const webhooks = new WebhookNode({
    db: database.db,
    node: node.code,
    province: options.province,
    peers,
    catalog,
    nodeKey,
    auditKeys: options.auditKeys,
    onAuditWritten: metrics.accessRecordsWritten,
    ...(options.webhooks ? { options: options.webhooks } : {}),
  });
  const mounted = [
    // The catalog subgraph reads other nodes' catalogs too: grants kept at the province name
    // types that municipal authorities define and keep at their own nodes.
    mount(
      '/catalog',
      createCatalogSubgraph({
        node,
        db: database.db,
        catalog,
        peers,
        province: options.province,
        grantTtlMs: options.grantTtlMs,
        // A holder's consent names a matter and certificates that other nodes keep.
        nodeForRegion: options.nodeForRegion,
        matters,
        enforcement,
      }),
    ),
    mount(
      '/legal-entity',
      createLegalEntitySubgraph({
        node,
        db: database.db,
        registryTypeCode: options.registryTypeCode ?? null,
        enforcement,
        // Annual reports are sealed with the node's own key, as presentations are signed.
        nodeKey,
        ...(options.now ? { now: options.now } : {}),
      }),
    ),
    mount(
      '/certificate',
      createCertificateSubgraph({
        node,
        db: database.db,
        catalog,
        enforcement,
        services: {
          kek: options.kek,
          province: options.province,
          peers,
          matters,
          nodes: options.nodes,
          permitRules: permitRuleSource(peers, options.province, options.catalogTtlMs),
          scanQuota: options.scanQuota,
          correctionDays: options.correctionDays,
          nodeKey,
          webhookNode: webhooks,
          verifications,
          ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        },
      }),
    ),
  ];
  const subgraphs = new Map(mounted.map((entry) => [entry.path, entry]));
  await Promise.all(mounted.map((entry) => entry.start()));
  const verifier = new HubContextVerifier(node.code, options.trusted);
  const tracing = componentTracing(options.tracing, `ecert-node-${node.code}`);
  if (tracing.enabled) traceStatements(database, tracing.tracer);
  let draining = false;
  // Events reach their webhooks from now on (unless another process of the node delivers them).
  webhooks.start();
  const jobs = new CertificateJobs(database.db, { self: node.code, nodes: options.nodes, peers }, options.certificateJobs);
  jobs.start();
  const registryJobs = new RegistryJobs(database.db, options.certificateJobs, options.now);
  registryJobs.start();

  /**
   * Who may read GET (or POST) /metrics: Prometheus with the node's own metrics token, or the
   * gateway's /metrics/nodes/CODE with a context it signed for this node's `metrics` on behalf of
   * an operator. Anyone else gets 401 (403 for a signed context of someone else) and no metric.
   */
  async function authorizeScrape(req: IncomingMessage): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') throw new HttpError(405, 'metrics are read with GET', 'METHOD_NOT_ALLOWED');
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      if (options.metricsToken && metricsTokenMatches(options.metricsToken, authorization)) return;
      throw new HttpError(401, 'not a metrics token of this node', 'UNAUTHENTICATED');
    }
    const header = req.headers[HUB_CONTEXT_HEADER];
    let context: CheckedContext;
    try {
      context = verifier.check(Array.isArray(header) ? header[0] : header, 'metrics');
      verifier.consume(context, await readBodyBytes(req, SCRAPE_BODY_BYTES));
    } catch (error) {
      if (error instanceof HttpError && error.status === 413) throw error;
      throw new HttpError(401, `metrics need this node's metrics token, or the gateway's /metrics/nodes/${node.code}: ${(error as Error).message}`, 'UNAUTHENTICATED');
    }
    if (!hasRole(context.claims.principal, 'operator')) throw new HttpError(403, 'metrics are for the role operator', 'FORBIDDEN');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A subgraph request's span, when tracing is on: ended below with the status it was answered.
    let span: Span | null = null;
    try {
      const path = requestPath(req);
      if (path === '/healthz') {
        await database.db.execute('select 1');
        sendJson(res, 200, { node: node.code, name: node.name, status: 'ok' });
        return;
      }
      // Readiness, unlike /healthz, does not touch the database: a load balancer polls it often.
      if (path === '/readyz') {
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready' }, { 'cache-control': 'no-store' });
        return;
      }
      if (path === '/metrics') {
        await authorizeScrape(req);
        await sendMetrics(res, metrics.registry);
        return;
      }
      const subgraph = subgraphs.get(path);
      if (!subgraph) throw new HttpError(404, `no subgraph at ${path}`, 'NOT_FOUND');
      if (req.method !== 'POST') throw new HttpError(405, 'a subgraph answers POST requests from the hub only', 'METHOD_NOT_ALLOWED');
      if (tracing.enabled) {
        span = tracing.tracer.startSpan(
          `POST ${path}`,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'url.path': path, 'ecert.node': node.code, 'ecert.subgraph': path.slice(1) } },
          incomingTrace(req.headers),
        );
      }
      const header = req.headers[HUB_CONTEXT_HEADER];
      // The signature, signer, audience and lifetime first: nobody else gets a body read.
      let context: CheckedContext;
      try {
        context = verifier.check(Array.isArray(header) ? header[0] : header, path.slice(1));
      } catch (error) {
        throw new HttpError(401, (error as Error).message, 'UNAUTHENTICATED');
      }
      const body = await readBodyBytes(req);
      try {
        verifier.consume(context, body);
      } catch (error) {
        throw new HttpError(401, (error as Error).message, 'UNAUTHENTICATED');
      }
      const serve = () => foreground.serve(() => subgraph.execute(req, res, context.claims, parseJsonBody(body.toString('utf8'))));
      if (!span) return await serve();
      // Who asked, by kind only: an agency's or a holder's code stays out of traces.
      span.setAttribute('ecert.principal.kind', context.claims.principal.kind);
      // The span is active while the subgraph runs, so that its SQL statements' spans are its children.
      await traceContext.with(trace.setSpan(traceContext.active(), span), serve);
    } catch (error) {
      sendError(res, error, logger);
    } finally {
      if (span) {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
        span.end();
      }
    }
  }

  return {
    code: node.code,
    name: node.name,
    database,
    kek: options.kek,
    auditKeys: options.auditKeys,
    handle,
    beginDrain() {
      draining = true;
    },
    webhooks,
    jobs,
    registryJobs,
    async stop() {
      // Deliveries first: POSTs under way finish or are left to their leases.
      await webhooks.stop();
      await jobs.stop();
      await registryJobs.stop();
      await Promise.all(mounted.map((entry) => entry.stop()));
      // The counts of the last seconds' verifications, before the database goes.
      await verifications.flush().catch(() => undefined);
      peers.close();
      await tracing.shutdown();
    },
  };
}
