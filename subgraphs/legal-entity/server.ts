import type { HubDatabase } from '../kit/db.js';
import { baseContext, buildSubgraph, loadTypeDefs, type Enforcement, type NodeInfo } from '../kit/subgraph.js';
import type { LegalEntityContext, ReportSeals } from './context.js';
import { createLegalEntityLoaders } from './loaders.js';
import { audited } from './audit.js';
import { permissionsFor } from './permissions.js';
import { resolvers } from './resolvers/index.js';

export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export const migrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/**
 * The legal-entity subgraph of one node: the registry (法人库) of the node's region, and the
 * annual reports (年报) of its entities. `registryTypeCode` is the catalog entry whose grants
 * open the registry's personal fields; without one, only the entity itself reads them.
 * `nodeKey` (the node's own key, events/node-key.ts) seals annual reports; without it they
 * cannot be filed. `now` is the clock the annual report windows go by (tests move it).
 */
export function createLegalEntitySubgraph(deps: {
  node: NodeInfo;
  db: HubDatabase;
  registryTypeCode?: string | null;
  enforcement?: Enforcement;
  nodeKey?: ReportSeals | null;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  return buildSubgraph<LegalEntityContext>({
    enforcement: deps.enforcement,
    logger: deps.node.logger,
    name: 'legal-entity',
    typeDefs,
    resolvers,
    permissions: permissionsFor(deps.registryTypeCode ?? null),
    audit: audited,
    context: (claims) => ({
      ...baseContext(claims, deps.node, deps.db),
      loaders: createLegalEntityLoaders(deps.db),
      now,
      nodeKey: deps.nodeKey ?? null,
    }),
  });
}
