import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type Enforcement, type NodeInfo } from '../kit/subgraph.js';
import type { CatalogLookup } from './catalog.js';
import type { CertificateContext, CertificateServices } from './context.js';
import { DigestGuard } from './digest-guard.js';
import { createCertificateLoaders } from './loaders.js';
import { audited } from './audit.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/**
 * The certificate subgraph of one node: its certificates, their items and status history.
 * `catalog` gives each request a view of the certificate types (owned by the catalog subgraph
 * of each type's node), read as this node. `now` is the clock,
 * replaceable in tests; a request reads it once for its calendar day.
 */
export function createCertificateSubgraph(deps: {
  node: NodeInfo;
  db: HubDatabase;
  catalog: CatalogLookup;
  /** The node's secrets and neighbours; see CertificateServices. `digests` defaults to a fresh guard. */
  services: Omit<CertificateServices, 'digests'> & { digests?: DigestGuard };
  now?: () => Date;
  enforcement?: Enforcement;
}) {
  const services: CertificateServices = { ...deps.services, digests: deps.services.digests ?? new DigestGuard() };
  const now = deps.now ?? (() => new Date());
  return buildSubgraph<CertificateContext>({
    enforcement: deps.enforcement,
    name: 'certificate',
    typeDefs,
    resolvers,
    permissions,
    audit: audited,
    context: (claims) => {
      const today = isoDate(now());
      return {
        ...baseContext(claims, deps.node, deps.db),
        loaders: createCertificateLoaders(deps.db, today),
        catalog: deps.catalog,
        today,
        now,
        access: new Map(),
        services,
      };
    },
  });
}
