import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, shield, type IRules } from 'graphql-shield';
import { readFileSync } from 'node:fs';
import { AuditRecorder } from '../audit/log.js';
import { auditMiddleware, auditPlugin, type AuditedFields } from '../audit/middleware.js';
import type { HubDatabase } from './db.js';
import { shieldOptions } from './shield.js';
import type { HubContextClaims } from '../../lib/principal.js';
import { hideInternalErrors } from '../../lib/errors.js';
import { SILENT_LOGGER, type Logger } from '../../lib/log.js';
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
    chain: { node: node.code, key: node.auditKeys.current, ...(node.counters ? { onWritten: node.counters.accessRecordsWritten } : {}) },
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
  /** Where internal errors are logged with their stack (the node's logger); default nowhere. */
  logger?: Logger | undefined;
}): Subgraph<TContext> {
  const logger = options.logger ?? SILENT_LOGGER;
  const { rules, audit } = options.enforcement ?? ENFORCED;
  const federated = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
  // The permissive variant still runs shield on every field, with a rule that allows it, so a
  // comparison measures the rules themselves.
  const guard = rules ? shield(options.permissions, shieldOptions) : shield({}, { ...shieldOptions, fallbackRule: allow });
  // The first middleware is the outermost: a field shield denies never reaches the audit.
  const schema = audit ? applyMiddleware(federated, guard, auditMiddleware(federated, options.audit)) : applyMiddleware(federated, guard);
  unwrapAllowedReads(schema, options.permissions, options.resolvers, options.audit);
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    // The entry points stop the whole hub in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    // No cache hints are given or used (the gateway answers no-store): without the cache control
    // plugin, Apollo Server does not wrap every field's resolver to compute them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ...(audit ? [auditPlugin<TContext>()] : [])],
    formatError: (formatted, error) => hideInternalErrors(formatted, error, logger),
  });
  return { name: options.name, schema, server, context: options.context };
}

/**
 * Takes the middleware off the fields where it does nothing: those of a type allowed as a whole
 * (`Type: allow` in the permissions), read by graphql's default resolver (the subgraph gives them
 * none) and not personal (no audit). Wrapped, each costs an asynchronous call per value — some
 * thousands in a page of supervision findings — for a rule that always says yes. Nothing becomes
 * readable that was not: whoever reaches such a type passed the rules of the field returning it.
 */
function unwrapAllowedReads(schema: GraphQLSchema, permissions: IRules, resolvers: unknown, audited: AuditedFields): void {
  const rules = permissions as Record<string, unknown>;
  const given = (resolvers ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const [typeName, rule] of Object.entries(rules)) {
    if (rule !== allow) continue;
    // An object type, told by its shape: @apollo/subgraph may build the schema with the other
    // (CommonJS) copy of graphql, whose types graphql's isObjectType refuses.
    const type = schema.getType(typeName) as GraphQLObjectType | undefined;
    if (!type || !('getFields' in type) || !('getInterfaces' in type)) continue;
    if ([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].some((root) => root?.name === typeName)) continue;
    const personal = audited.personal[typeName] ?? {};
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      if (given[typeName]?.[fieldName] !== undefined || fieldName in personal) continue;
      field.resolve = undefined;
    }
  }
}

export type { NodeCounters, NodeInfo, SubgraphContext } from './context.js';
