import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badInput, unauthenticated } from '../lib/errors.js';
import { executeApollo, HttpError, parseJsonBody, readBody, requestPath, sendError, sendJson } from '../lib/http.js';
import type { SigningKey } from '../lib/keys.js';
import { hideInternalErrors } from '../lib/subgraph.js';
import type { SubgraphName } from '../schema/compose.js';
import type { Authenticator } from './auth.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import { apiSchemaOf, contractIntrospection, isIntrospectionOnly } from './contract.js';
import { contextSigner } from './context-signer.js';
import { SingleFetchFastPath } from './fast-path.js';
import { NodeRoutingDataSource, type GatewayContext } from './data-source.js';
import { sendGraphiql, wantsGraphiql } from './graphiql.js';
import { GrantCache } from './grants.js';
import { MAX_BODY_BYTES, MAX_TOKENS, operationLimits, oversizedOperationProblem, requestLimitsPlugin, withClientCode } from './limits.js';
import { NodeClient } from './node-client.js';
import { ROUTES } from './routing.js';
import { cachingAuthenticator } from './token-cache.js';
import type { Topology } from './topology.js';

export interface GatewayOptions {
  supergraphSdl: string;
  topology: Topology;
  authenticate: Authenticator;
  /** The gateway's own key, which signs the context every subgraph checks. */
  contextKey: SigningKey;
  /** How long one node may take before its part of an answer is given up (default 3 s). */
  nodeTimeoutMs?: number;
  /** How long an agency's grants are reused before the province catalog is asked again (default 5 s). */
  grantTtlMs?: number;
  /**
   * Each node's circuit breaker: consecutive failures (no answer in time, or none in GraphQL's
   * shape) that open it (default 5), and how long it stays open before one probe (default 5 s).
   */
  circuitBreaker?: Pick<CircuitBreakerOptions, 'failureThreshold' | 'cooldownMs'>;
}

export interface Gateway {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/** The only root field the public may ask for without a token. */
const PUBLIC_FIELDS = new Set(['verifyCertificate', '__typename']);
const MAX_PURPOSE = 200;

/** Refuses, with HTTP 401, any operation but a public verification from a caller without a token. */
const publicAccess: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, document, operationName }) {
        if (contextValue.principal.kind !== 'public') return;
        // Answered from the public's contract, which shows verifyCertificate and nothing else.
        if (isIntrospectionOnly(document, operationName)) return;
        const onlyPublic =
          operation?.operation === 'query' &&
          operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && PUBLIC_FIELDS.has(s.name.value));
        if (!onlyPublic) throw unauthenticated('a bearer token is required; only verifyCertificate is public');
      },
    };
  },
};

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The federated gateway: authenticates the caller, plans each operation over the offline
 * supergraph, and fetches from the nodes through node-aware data sources.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const client = new NodeClient(options.topology, options.nodeTimeoutMs ?? 3_000, options.circuitBreaker);
  const grants = new GrantCache(options.topology, client, options.contextKey, options.grantTtlMs);
  const fastPath = new SingleFetchFastPath(options.supergraphSdl);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new NodeRoutingDataSource(name, ROUTES[name as SubgraphName], options.topology, client),
    // Each cached plan keeps its fetches' parsed documents, so the data sources work out what a
    // fetch means once per plan (cached on the document) instead of re-parsing it per request.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    experimental_didResolveQueryPlan: fastPath.learn,
  });
  const server = new ApolloServer<GatewayContext>({
    gateway: fastPath.wrap(gateway),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The entry points stop the whole hub in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    // Tokens, depth, fields, aliases and cost: see limits.ts.
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [operationLimits()],
    formatError: (formatted, error) => hideInternalErrors(withClientCode(formatted, error), error),
    // Safe in production too: introspection answers from the caller's contract, not the full schema.
    introspection: true,
    plugins: [requestLimitsPlugin<GatewayContext>(), publicAccess, contractIntrospection<GatewayContext>(apiSchemaOf(options.supergraphSdl)), ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();

  const authenticate = cachingAuthenticator(options.authenticate);
  const signContext = contextSigner(options.contextKey);

  async function context(req: IncomingMessage): Promise<GatewayContext> {
    const principal = await authenticate(header(req, 'authorization'));
    const rawPurpose = header(req, 'x-purpose');
    const purpose = rawPurpose === undefined ? null : decodePurpose(rawPurpose);
    const suppliedId = header(req, 'x-request-id');
    const requestId = suppliedId && /^[\w.:-]{1,64}$/.test(suppliedId) ? suppliedId : randomUUID();
    let token: Promise<string> | undefined;
    return {
      principal,
      purpose,
      requestId,
      contextToken: () =>
        (token ??= grants
          .forRequest(principal, purpose, requestId)
          .then((granted) => signContext({ principal, purpose, requestId, grants: granted }))),
    };
  }

  async function health(res: ServerResponse): Promise<void> {
    // The breakers as they were when asked: a hung node's probe below takes the whole timeout.
    const breakers = client.breakerStates();
    const nodes = await Promise.all(
      options.topology.nodes.map(async (node) => ({ code: node.code, name: node.name, url: node.url, ...(await client.health(node.code)) })),
    );
    const withBreakers = nodes.map((node) => ({ ...node, breaker: breakers.get(node.code)! }));
    const ok = withBreakers.every((node) => node.status === 'ok' && node.breaker.state === 'closed');
    sendJson(res, 200, { status: ok ? 'ok' : 'degraded', nodes: withBreakers });
  }

  return {
    async handle(req, res) {
      try {
        const path = requestPath(req);
        if (path === '/healthz' && req.method === 'GET') return await health(res);
        if (path !== '/graphql') throw new HttpError(404, `nothing at ${path}; the API is at /graphql`, 'NOT_FOUND');
        if (wantsGraphiql(req)) return sendGraphiql(req, res);
        const body = req.method === 'POST' ? parseJsonBody(await readBody(req, MAX_BODY_BYTES)) : undefined;
        const tooComplex = oversizedOperationProblem(body);
        if (tooComplex) throw new HttpError(400, tooComplex, 'GRAPHQL_VALIDATION_FAILED');
        await executeApollo(server, req, res, () => context(req), body);
      } catch (error) {
        sendError(res, error);
      }
    },
    async stop() {
      await server.stop();
      client.close();
    },
  };
}

/** X-Purpose is at most 200 characters; clients send non-ASCII reasons percent-encoded. */
function decodePurpose(raw: string): string {
  let purpose = raw;
  try {
    purpose = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: taken as it is
  }
  purpose = purpose.trim();
  if (purpose === '') throw badInputAsHttp('X-Purpose', 'must not be empty when sent');
  if ([...purpose].length > MAX_PURPOSE) throw badInputAsHttp('X-Purpose', `must be at most ${MAX_PURPOSE} characters`);
  return purpose;
}

function badInputAsHttp(field: string, reason: string): GraphQLError {
  const error = badInput(field, reason);
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
}
