import type { AuditedFields } from '../audit/middleware.js';
import type { CatalogLookup } from '../kit/catalog-lookup.js';
import type { HubDatabase } from '../kit/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type Enforcement, type NodeInfo } from '../kit/subgraph.js';
import type { PeerClient } from '../kit/peers.js';
import type { MatterLookup } from '../kit/remote-catalog.js';
import type { CatalogContext } from './context.js';
import type { ConsentModel } from './consents.js';
import { createCatalogLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { agencyGrantsSource } from './readiness.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/**
 * What the catalog records in the access log besides its changes. Types, grants and matters name
 * agencies, never holders; a consent (授权用证) names its holder, so every read of whose it is is
 * recorded as a read of the holder. Giving and revoking a consent write their own records inside
 * their transactions, naming the holder (a Boolean answer names nobody), so the audit middleware
 * leaves them alone.
 */
const CATALOG_AUDIT: AuditedFields = {
  subjects: { Consent: (consent: ConsentModel) => ({ holderCode: consent.holderCode }) },
  personal: { Consent: { holderCode: true } },
  quiet: ['grantConsent', 'revokeConsent'],
};

/**
 * The catalog subgraph of one node: certificate types and their items, the matters (事项) of
 * the region's agencies, and — at the province node — the grants and the holders' consents.
 * `catalog` gives each request a view of the types kept at other nodes, read as this node;
 * `peers` asks other nodes what that view lacks (a type's versions, the grants a redefinition
 * affects, an agency's grants for its matters, kept `grantTtlMs`, default 5 s; who holds the
 * certificates a holder consents to, at the node `nodeForRegion` names). Without `province`,
 * this node is taken for the province.
 */
export function createCatalogSubgraph(deps: {
  node: NodeInfo;
  db: HubDatabase;
  catalog: CatalogLookup;
  peers?: PeerClient | undefined;
  province?: string | undefined;
  grantTtlMs?: number | undefined;
  /** Which node keeps the data of a region; without it, this node keeps every region's. */
  nodeForRegion?: ((region: string) => string) | undefined;
  /** Matters kept at other nodes, read from their catalogs. */
  matters?: MatterLookup | undefined;
  enforcement?: Enforcement;
}) {
  const province = deps.province ?? deps.node.code;
  const nodeForRegion = deps.nodeForRegion ?? (() => deps.node.code);
  // Shared by every request of this subgraph: each agency's grants, read from the province at most every grantTtlMs.
  const agencyGrants = agencyGrantsSource({ db: deps.db, node: deps.node.code, province, peers: deps.peers, ttlMs: deps.grantTtlMs });
  return buildSubgraph<CatalogContext>({
    enforcement: deps.enforcement,
    logger: deps.node.logger,
    name: 'catalog',
    typeDefs,
    resolvers,
    permissions,
    audit: CATALOG_AUDIT,
    context: (claims) => {
      const { catalog, peers, matters } = deps;
      return {
        ...baseContext(claims, deps.node, deps.db),
        loaders: createCatalogLoaders(deps.db, catalog, agencyGrants, peers),
        catalog,
        province,
        peers,
        nodeForRegion,
        matters,
      };
    },
  });
}
