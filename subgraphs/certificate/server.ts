import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../../lib/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type Enforcement, type NodeInfo } from '../../lib/subgraph.js';
import type { CatalogLookup } from './catalog.js';
import type { CertificateContext } from './context.js';
import { createCertificateLoaders } from './loaders.js';
import { audited } from './audit.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/**
 * The certificate subgraph of one node: its certificates, their items and status history.
 * `catalog` gives each request a view of the certificate types (owned by the catalog subgraph
 * of each type's node), acting with the request's signed context `token`. `now` is the clock,
 * replaceable in tests; a request reads it once for its calendar day.
 */
export function createCertificateSubgraph(deps: {
  node: NodeInfo;
  db: HubDatabase;
  catalog: (token: string | undefined) => CatalogLookup;
  now?: () => Date;
  enforcement?: Enforcement;
}) {
  const now = deps.now ?? (() => new Date());
  return buildSubgraph<CertificateContext>({
    enforcement: deps.enforcement,
    name: 'certificate',
    typeDefs,
    resolvers,
    permissions,
    audit: audited,
    context: (claims, token) => {
      const today = isoDate(now());
      return {
        ...baseContext(claims, deps.node, deps.db),
        loaders: createCertificateLoaders(deps.db, today),
        catalog: deps.catalog(token),
        today,
        now,
        access: new Map(),
      };
    },
  });
}
