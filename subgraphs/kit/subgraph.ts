import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, shield, type IRules } from 'graphql-shield';
import { readFileSync } from 'node:fs';
import { AuditRecorder } from '../audit/log.js';
import { auditMiddleware, auditPlugin, type AuditedFields } from '../audit/middleware.js';
import type { HubDatabase } from './db.js';
import { shieldOptions } from './shield.js';
import type { HubContextClaims } from '../../lib/principal.js';
import { hideInternalErrors } from '../../lib/errors.js';
import type { NodeInfo, SubgraphContext } from './context.js';

export const baseContext = (claims: HubContextClaims, node: NodeInfo, db: HubDatabase): SubgraphContext => ({
  principal: claims.principal,
  purpose: claims.purpose,
  caseNumber: claims.caseNumber ?? null,
  requestId: claims.requestId,
  grants: claims.grants,
  grantsForOtherPurposes: claims.grantsForOtherPurposes ?? [],
  node,
  db,
  audit: new AuditRecorder({
    chain: { node: node.code, key: node.auditKeys.current },
    principal: claims.principal,
    purpose: claims.purpose,
    requestId: claims.requestId,
    clientRequestId: claims.clientRequestId ?? null,
    caseNumber: claims.caseNumber ?? null,
  }),
});

/** Reads a subgraph's SDL from a URL relative to its module. */
export const loadTypeDefs = (url: URL) => parse(readFileSync(url, 'utf8'));

export interface Subgraph<TContext extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  server: ApolloServer<TContext>;
  /** Builds the per-request context (fresh DataLoaders included) from the verified claims. */
  context(claims: HubContextClaims): TContext;
}

/**
 * Whether a subgraph enforces its rules and keeps its access log. Always both in the hub; the
 * benchmarks build the same hub without them to measure what they cost.
 */
export interface Enforcement {
  rules: boolean;
  audit: boolean;
}

export const ENFORCED: Enforcement = { rules: true, audit: true };

/**
 * Builds a federated subgraph schema with its graphql-shield permissions applied and the
 * Apollo Server that executes it. Never listens: the node decides where it is served.
 * `audit` declares the subgraph's personal fields: the audit middleware, inside shield, notes
 * each one that returns a value (and every mutation), and the audit plugin writes the notes to
 * the node's access log when the request ends.
 */
export function buildSubgraph<TContext extends SubgraphContext>(options: {
  name: string;
  typeDefs: ReturnType<typeof parse>;
  resolvers: unknown;
  permissions: IRules;
  audit: AuditedFields;
  context(claims: HubContextClaims): TContext;
  enforcement?: Enforcement | undefined;
}): Subgraph<TContext> {
  const { rules, audit } = options.enforcement ?? ENFORCED;
  const federated = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
  // The permissive variant still runs shield on every field, with a rule that allows it, so a
  // comparison measures the rules themselves.
  const guard = rules ? shield(options.permissions, shieldOptions) : shield({}, { ...shieldOptions, fallbackRule: allow });
  // The first middleware is the outermost: a field shield denies never reaches the audit.
  const schema = audit ? applyMiddleware(federated, guard, auditMiddleware(federated, options.audit)) : applyMiddleware(federated, guard);
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    // The entry points stop the whole hub in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(audit ? [auditPlugin<TContext>()] : [])],
    formatError: hideInternalErrors,
  });
  return { name: options.name, schema, server, context: options.context };
}

export type { NodeInfo, SubgraphContext };
