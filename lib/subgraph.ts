import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { shield, type IRules } from 'graphql-shield';
import { readFileSync } from 'node:fs';
import type { HubDatabase } from './db.js';
import { shieldOptions } from './shield.js';
import type { GrantClaim, HubContextClaims, Principal } from './principal.js';

export interface NodeInfo {
  code: string;
  name: string;
}

/** What every subgraph resolver sees: who asks, why, and this node's database. */
export interface SubgraphContext {
  principal: Principal;
  purpose: string | null;
  requestId: string;
  /** The agency's grants for this request's purpose, as the gateway signed them. */
  grants: GrantClaim[];
  node: NodeInfo;
  db: HubDatabase;
}

export const baseContext = (claims: HubContextClaims, node: NodeInfo, db: HubDatabase): SubgraphContext => ({
  principal: claims.principal,
  purpose: claims.purpose,
  requestId: claims.requestId,
  grants: claims.grants,
  node,
  db,
});

/** Reads a subgraph's SDL from a URL relative to its module. */
export const loadTypeDefs = (url: URL) => parse(readFileSync(url, 'utf8'));

export interface Subgraph<TContext extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  server: ApolloServer<TContext>;
  /**
   * Builds the per-request context (fresh DataLoaders included) from the verified gateway
   * claims; `token` is the signed context itself, for calls this subgraph makes to another
   * node's subgraph on the same request's behalf.
   */
  context(claims: HubContextClaims, token?: string): TContext;
}

/**
 * Builds a federated subgraph schema with its graphql-shield permissions applied and the
 * Apollo Server that executes it. Never listens: the node decides where it is served.
 */
export function buildSubgraph<TContext extends SubgraphContext>(options: {
  name: string;
  typeDefs: ReturnType<typeof parse>;
  resolvers: unknown;
  permissions: IRules;
  context(claims: HubContextClaims, token?: string): TContext;
}): Subgraph<TContext> {
  const schema = applyMiddleware(
    buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    shield(options.permissions, shieldOptions),
  );
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    formatError: hideInternalErrors,
  });
  return { name: options.name, schema, server, context: options.context };
}

/**
 * Errors with a code we chose pass through; anything else (an SQL message, a bug) is logged
 * here and answered as a plain internal error so nothing internal leaks to clients.
 */
export function hideInternalErrors(formatted: import('graphql').GraphQLFormattedError, error: unknown) {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error('internal error:', error);
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
