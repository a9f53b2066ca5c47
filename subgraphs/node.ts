import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import { typeCodeRegion } from '../lib/codes.js';
import { auditMigrationsFolder } from '../lib/audit/log.js';
import type { NodeDatabase } from '../lib/db.js';
import { HUB_CONTEXT_HEADER, hubContextVerifier } from '../lib/hub-context.js';
import { executeApollo, HttpError, requestPath, sendError, sendJson } from '../lib/http.js';
import type { HubContextClaims } from '../lib/principal.js';
import { createRemoteCatalog } from '../lib/remote-catalog.js';
import { ENFORCED, type Enforcement, type Subgraph, type SubgraphContext } from '../lib/subgraph.js';
import { createCatalogSubgraph, migrationsFolder as catalogMigrations } from './catalog/server.js';
import { createCertificateSubgraph, migrationsFolder as certificateMigrations } from './certificate/server.js';
import { createLegalEntitySubgraph, migrationsFolder as legalEntityMigrations } from './legal-entity/server.js';

export interface NodeOptions {
  code: string;
  name: string;
  database: NodeDatabase;
  /** Public keys of the gateway whose signed context this node accepts. */
  gatewayKeys: JWK[];
  /** Which node keeps data of a region, and where that node is served. */
  nodeForRegion(region: string): string;
  nodeUrl(node: string): string;
  /** How long the certificate and catalog subgraphs trust another node's catalog answer. */
  catalogTtlMs?: number;
  /** The catalog entry whose grants open the legal-entity registry's personal fields. */
  registryTypeCode?: string | null;
  /** Rules and audit on (the default); benchmarks turn them off to measure their cost. */
  enforcement?: Enforcement;
}

export interface HubNode {
  code: string;
  name: string;
  database: NodeDatabase;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/** A subgraph served at `path`, its context type kept inside the closure. */
function mount<TContext extends SubgraphContext>(path: string, subgraph: Subgraph<TContext>) {
  return {
    path,
    start: () => subgraph.server.start(),
    stop: () => subgraph.server.stop(),
    execute: (req: IncomingMessage, res: ServerResponse, claims: HubContextClaims, token: string | undefined) =>
      executeApollo(subgraph.server, req, res, async () => subgraph.context(claims, token)),
  };
}

/**
 * Applies the migrations of the node's access log, which every subgraph writes to, then every
 * subgraph's own, catalog first.
 */
export async function migrateNode(database: NodeDatabase): Promise<void> {
  await database.migrate('audit', auditMigrationsFolder);
  await database.migrate('catalog', catalogMigrations);
  await database.migrate('legal-entity', legalEntityMigrations);
  await database.migrate('certificate', certificateMigrations);
}

/**
 * One node: the catalog, legal-entity and certificate subgraphs over the node's own database,
 * served at /catalog, /legal-entity and /certificate, each refusing any request that does
 * not carry a valid context signed by the gateway. Migrations run before it answers.
 */
export async function createNode(options: NodeOptions): Promise<HubNode> {
  const { database } = options;
  await migrateNode(database);
  const node = { code: options.code, name: options.name };
  const catalog = createRemoteCatalog({
    locate: (typeCode) => {
      const owner = options.nodeForRegion(typeCodeRegion(typeCode));
      return { node: owner, url: `${options.nodeUrl(owner)}/catalog` };
    },
    ...(options.catalogTtlMs === undefined ? {} : { ttlMs: options.catalogTtlMs }),
  });
  const enforcement = options.enforcement ?? ENFORCED;
  const mounted = [
    // The catalog subgraph reads other nodes' catalogs too: grants kept at the province name
    // types that municipal authorities define and keep at their own nodes.
    mount('/catalog', createCatalogSubgraph({ node, db: database.db, catalog, enforcement })),
    mount('/legal-entity', createLegalEntitySubgraph({ node, db: database.db, registryTypeCode: options.registryTypeCode ?? null, enforcement })),
    mount('/certificate', createCertificateSubgraph({ node, db: database.db, catalog, enforcement })),
  ];
  const subgraphs = new Map(mounted.map((entry) => [entry.path, entry]));
  await Promise.all(mounted.map((entry) => entry.start()));
  const verify = hubContextVerifier(options.gatewayKeys);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = requestPath(req);
      if (path === '/healthz') {
        await database.db.execute('select 1');
        sendJson(res, 200, { node: node.code, name: node.name, status: 'ok' });
        return;
      }
      const subgraph = subgraphs.get(path);
      if (!subgraph) throw new HttpError(404, `no subgraph at ${path}`, 'NOT_FOUND');
      const header = req.headers[HUB_CONTEXT_HEADER];
      const token = Array.isArray(header) ? header[0] : header;
      let claims: HubContextClaims;
      try {
        claims = await verify(token);
      } catch (error) {
        throw new HttpError(401, (error as Error).message, 'UNAUTHENTICATED');
      }
      await subgraph.execute(req, res, claims, token);
    } catch (error) {
      sendError(res, error);
    }
  }

  return {
    code: node.code,
    name: node.name,
    database,
    handle,
    async stop() {
      await Promise.all(mounted.map((entry) => entry.stop()));
    },
  };
}
