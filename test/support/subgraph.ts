import { auditMigrationsFolder } from '../../subgraphs/audit/log.js';
import { eventsMigrationsFolder } from '../../subgraphs/events/outbox.js';
import type { NodeDatabase } from '../../subgraphs/kit/db.js';
import type { GrantClaim, HubContextClaims, Principal, Role } from '../../lib/principal.js';
import type { Subgraph, SubgraphContext } from '../../subgraphs/kit/subgraph.js';
import { freshDatabase } from './databases.js';

export interface ExecutionResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/** Runs one operation against a subgraph in-process, as `principal`. */
export async function executeAs<TContext extends SubgraphContext>(
  subgraph: Subgraph<TContext>,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
  purpose: string | null = null,
  grants: GrantClaim[] = [],
): Promise<ExecutionResult> {
  const claims: HubContextClaims = { principal, purpose, requestId: 'test', grants };
  const response = await subgraph.server.executeOperation({ query, variables }, { contextValue: subgraph.context(claims) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as ExecutionResult;
}

/**
 * A migrated database for one subgraph's tests, with the node's access log and events (every
 * subgraph writes its request's access records and its changes' events there, as on a node).
 */
export async function migratedDatabase(name: string, migrations: Array<[subgraph: string, folder: string]>): Promise<NodeDatabase> {
  const database = await freshDatabase(name);
  await database.migrate('audit', auditMigrationsFolder);
  await database.migrate('events', eventsMigrationsFolder);
  for (const [subgraph, folder] of migrations) await database.migrate(subgraph, folder);
  return database;
}

export const agency = (code: string, ...roles: Role[]): Principal => ({
  kind: 'agency',
  code,
  name: `agency ${code}`,
  roles,
});
