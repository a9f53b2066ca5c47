import type { HubDatabase } from '../../lib/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type NodeInfo } from '../../lib/subgraph.js';
import type { CatalogContext } from './context.js';
import { createCatalogLoaders } from './loaders.js';
import { permissions } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** The catalog subgraph of one node: certificate types and their items. */
export function createCatalogSubgraph(deps: { node: NodeInfo; db: HubDatabase }) {
  return buildSubgraph<CatalogContext>({
    name: 'catalog',
    typeDefs,
    resolvers,
    permissions,
    context: (claims) => ({ ...baseContext(claims, deps.node, deps.db), loaders: createCatalogLoaders(deps.db) }),
  });
}
