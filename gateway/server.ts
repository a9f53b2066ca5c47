import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badInput, unauthenticated } from '../lib/errors.js';
import { executeApollo, HttpError, parseJsonBody, readBody, requestPath, sendError, sendJson } from '../lib/http.js';
import { contextSigner, GATEWAY_ISSUER, type FetchSigner } from '../lib/hub-context.js';
import type { SigningKey } from '../lib/keys.js';
import { SILENT_LOGGER, type Logger } from '../lib/log.js';
import { sendMetrics } from '../lib/metrics.js';
import { hasRole, type Principal } from '../lib/principal.js';
import { purposeProblem } from '../lib/purpose.js';
import { caseNumberProblem } from '../lib/case-number.js';
import { hideInternalErrors } from '../lib/errors.js';
import type { SubgraphName } from '../schema/compose.js';
import type { Authenticator } from './auth.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import { ALL_PUBLIC_QUERY_FIELDS, isPublicQueryField } from '../lib/public.js';
import { PRESENTATION_PATH } from '../lib/presentation.js';
import { apiSchemaOf } from '../schema/api-schema.js';
import { contractIntrospection, contractSuggestions, isIntrospectionOnly } from './contract.js';
import { SingleFetchFastPath } from './fast-path.js';
import type { GatewayContext, RequestContext, RequestObservation } from './context.js';
import { NodeRoutingDataSource } from './data-source.js';
import { purposeFromArguments } from './operation-purpose.js';
import { sendGraphiql, wantsGraphiql } from './graphiql.js';
import { GrantCache } from './grants.js';
import {
  PRESENTATION_CHECK,
  presentationJsonHeaders,
  presentationPage,
  presentationPageHeaders,
  wantsJson,
  type PresentationAnswer,
} from './presentation-page.js';
import { MAX_BODY_BYTES, MAX_TOKENS, operationLimits, oversizedOperationProblem, requestLimitsPlugin, withClientCode } from './limits.js';
import { GatewayMetrics } from './metrics.js';
import { NodeClient } from './node-client.js';
import { finishObservation, noteFailure, observationPlugin, startObservation } from './observe.js';
import { clientAddress, RateLimiter, rateLimitPlugin, trustedProxySet, type RateLimitOptions } from './rate-limit.js';
import { ROUTES } from './routing.js';
import { cachingAuthenticator } from './token-cache.js';
import type { Topology } from './topology.js';
import { componentTracing, type TracingOptions } from '../lib/tracing.js';
import { DEFAULT_ENTITY_TTL_MS, EntityCache } from './entity-cache.js';

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
   * How long the gateway answers CertificateType entities (the types' names and items on every
   * list) from its cache instead of asking the catalog again; 0 turns it off. Default 30 s.
   */
  catalogCacheTtlMs?: number;
  /**
   * Each node's circuit breaker: consecutive failures (no answer in time, or none in GraphQL's
   * shape) that open it (default 5), and how long it stays open before one probe (default 5 s).
   */
  circuitBreaker?: Pick<CircuitBreakerOptions, 'failureThreshold' | 'cooldownMs'>;
  /** The CA certificates (PEM) of nodes served over https, when they are not from a public CA. */
  nodeCa?: string | Buffer;
  /**
   * Limits on public verifications and on digest checks, per client (see rate-limit.ts for the
   * defaults: public burst 60 then 2 per second per address; digest checks burst 10 then one
   * per 10 s per address or principal).
   */
  rateLimits?: Pick<RateLimitOptions, 'public' | 'digest' | 'maxKeys'>;
  /**
   * Addresses of the reverse proxies in front of the gateway. Only a request arriving from one
   * of them has its X-Forwarded-For read for the client address the rate limits key on; by
   * default none, and the header is ignored.
   */
  trustProxy?: readonly string[];
  /**
   * How often the gateway anchors every node's access log at the province node (default 60 s;
   * 0 never — then only auditors' anchorAuditChains does).
   */
  anchorIntervalMs?: number;
  /**
   * Where the gateway writes a line per GraphQL request, internal errors with their stack and
   * its audit anchors (README › Operating the hub › Logs); default: nowhere.
   */
  logger?: Logger;
  /**
   * Whether GET /metrics also shows the process's own metrics (CPU, memory, event loop, GC):
   * true where the gateway is the process's only component, or its first (npm start).
   */
  processMetrics?: boolean;
  /**
   * Where the gateway's spans go (service `ecert-gateway`: README › Operating the hub › Traces);
   * default: no tracing, the no-op tracer.
   */
  tracing?: TracingOptions;
}

/** One node's chain head as anchorAuditChains kept it. */
export interface AuditAnchorAnswer {
  node: string;
  seq: number;
  hash: string;
}

export interface Gateway {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Anchors every node's access log now, as the gateway itself (what it does every
   * `anchorIntervalMs`): the anchors kept, and the nodes that could not be anchored.
   */
  anchorAuditChains(): Promise<{ anchors: AuditAnchorAnswer[]; failed: Array<{ node: string | null; message: string }> }>;
  /**
   * The gateway is going away (its server drains, hub/listen.ts drain): GET /readyz answers 503
   * from now on, so that a load balancer sends nothing new, and no more anchors are started.
   */
  beginDrain(): void;
  stop(): Promise<void>;
}

const ANCHOR_AUDIT_CHAINS = /* GraphQL */ `mutation HubAnchorAuditChains { anchorAuditChains { node seq hash } }`;

/** What a client may send as X-Request-Id to find its requests again; anything else is dropped. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Refuses, with HTTP 401, any operation but a public verification from a caller without a token. */
const publicAccess: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, document, operationName }) {
        if (contextValue.principal.kind !== 'public') return;
        // Answered from the public's contract, which shows only the public fields (lib/public.ts).
        if (isIntrospectionOnly(document, operationName)) return;
        const onlyPublic =
          operation?.operation === 'query' &&
          operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && isPublicQueryField(s.name.value));
        if (!onlyPublic) throw unauthenticated(`a bearer token is required; only ${ALL_PUBLIC_QUERY_FIELDS.join(', ')} are public`);
      },
    };
  },
};

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The client's own X-Request-Id when it is a plain token, else null. */
function clientRequestIdOf(req: IncomingMessage): string | null {
  const supplied = header(req, 'x-request-id');
  return supplied !== undefined && CLIENT_REQUEST_ID.test(supplied) ? supplied : null;
}

/** The catalog's entities read on almost every list and changed rarely: kept a while (entity-cache.ts). */
const CACHED_CATALOG_ENTITIES: ReadonlySet<string> = new Set(['CertificateType']);

/** GET /metrics/nodes/CODE: a node's metrics, through the gateway. */
const NODE_METRICS_PATH = /^\/metrics\/nodes\/(\d{6})$/;

/**
 * The federated gateway: authenticates the caller, plans each operation over the offline
 * supergraph, and fetches from the nodes through node-aware data sources.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = (options.logger ?? SILENT_LOGGER).child({ component: 'gateway' });
  // Read when scraped: the breakers and the rate limiter below.
  const metrics: GatewayMetrics = new GatewayMetrics(
    { breakers: () => client.breakerStates(), rateLimits: () => limiter.stats() },
    { processMetrics: options.processMetrics ?? false },
  );
  const tracing = componentTracing(options.tracing, 'ecert-gateway');
  const client = new NodeClient(options.topology, options.nodeTimeoutMs ?? 3_000, options.circuitBreaker, options.nodeCa, metrics, tracing.tracer);
  const signer = contextSigner(options.contextKey, GATEWAY_ISSUER);
  const grants = new GrantCache(options.topology, client, signer, options.grantTtlMs);
  const catalogCache = new EntityCache({ ttlMs: options.catalogCacheTtlMs ?? DEFAULT_ENTITY_TTL_MS });
  const fastPath = new SingleFetchFastPath(options.supergraphSdl);
  // @apollo/gateway 2.14 reports usage to Apollo (usage-reporting.api.apollographql.com) and
  // probes the cloud providers' metadata addresses at construction unless this is set: a
  // province's hub calls nobody, and its nodes' answers are its own business.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) =>
      new NodeRoutingDataSource(name, ROUTES[name as SubgraphName], options.topology, client, name === 'catalog' ? { typenames: CACHED_CATALOG_ENTITIES, cache: catalogCache } : undefined),
    // Each cached plan keeps its fetches' parsed documents, so the data sources work out what a
    // fetch means once per plan (cached on the document) instead of re-parsing it per request.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    experimental_didResolveQueryPlan: fastPath.learn,
  });
  const limiter = new RateLimiter(options.rateLimits);
  const trustedProxies = trustedProxySet(options.trustProxy ?? []);
  const apiSchema = apiSchemaOf(options.supergraphSdl);
  const server = new ApolloServer<RequestContext>({
    gateway: fastPath.wrap(gateway),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The entry points stop the whole hub in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    // Tokens, depth, fields, aliases and cost: see limits.ts.
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [operationLimits()],
    formatError: (formatted, error) => hideInternalErrors(withClientCode(formatted, error), error, logger),
    // Safe in production too: introspection answers from the caller's contract, not the full schema.
    introspection: true,
    // Validation errors lose graphql's "Did you mean …", which is computed against the full
    // schema; contractSuggestions puts back what the caller's contract suggests.
    hideSchemaDetailsFromClientErrors: true,
    plugins: [
      observationPlugin<RequestContext>(),
      requestLimitsPlugin<RequestContext>(),
      publicAccess,
      purposeFromArguments<RequestContext>(),
      rateLimitPlugin<RequestContext>(limiter),
      contractIntrospection<RequestContext>(apiSchema),
      contractSuggestions<RequestContext>(apiSchema),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();

  const authenticate = cachingAuthenticator(options.authenticate);

  /**
   * `requestId` is the gateway's own, always: a client's X-Request-Id is only kept beside it
   * (`clientRequestId`), so no client can make its requests look like someone else's in the
   * access log, or smuggle text into it.
   */
  async function context(req: IncomingMessage, requestId: string, observation?: RequestObservation): Promise<RequestContext> {
    const principal = await authenticate(header(req, 'authorization'));
    if (observation) observation.principal = principal;
    const rawPurpose = header(req, 'x-purpose');
    const purpose = rawPurpose === undefined ? null : decodeHeaderText(rawPurpose, 'X-Purpose', purposeProblem);
    const rawCaseNumber = header(req, 'x-case-number');
    const caseNumber = rawCaseNumber === undefined ? null : decodeHeaderText(rawCaseNumber, 'X-Case-Number', caseNumberProblem);
    const clientRequestId = clientRequestIdOf(req);
    let sign: Promise<FetchSigner> | undefined;
    const request: RequestContext = {
      principal,
      purpose,
      requestId,
      clientRequestId,
      caseNumber,
      clientAddress: clientAddress(req, trustedProxies),
      // Purpose and case number as the context the fetch runs in has them when the first fetch is
      // signed: an operation's arguments may state them (operation-purpose.ts), and Apollo Server
      // hands plugins and data sources a copy of this object, so they are read from `this`.
      fetchSigner(this: GatewayContext) {
        const { purpose: stated, caseNumber: statedCase } = this;
        return (sign ??= grants.forRequest(principal, stated, requestId).then(({ grants: granted, elsewhere }) =>
          signer.prepare({
            principal,
            purpose: stated,
            requestId,
            clientRequestId,
            caseNumber: statedCase ?? null,
            grants: granted,
            grantsForOtherPurposes: elsewhere,
          }),
        ));
      },
      followUp: runOnOwnAccount,
      ...(observation ? { observation } : {}),
    };
    return request;
  }

  /**
   * `context` for Apollo Server, noting why it failed (a refused token, a bad X-Purpose): Apollo
   * answers those before its plugins run.
   */
  function observedContext(req: IncomingMessage, requestId: string, observation: RequestObservation): () => Promise<RequestContext> {
    return () =>
      context(req, requestId, observation).catch((error: unknown) => {
        noteFailure(observation, error);
        throw error;
      });
  }

  // Concurrent /healthz requests share one probe of the nodes: anyone may ask, and asking must
  // not let a client multiply the gateway's requests to the nodes.
  let probing: ReturnType<typeof probeNodes> | null = null;
  function probeNodes() {
    return Promise.all(options.topology.nodes.map(async (node) => ({ code: node.code, name: node.name, url: node.url, ...(await client.health(node.code)) })));
  }

  /**
   * GET /healthz: 200 `{"status":"ok"}`, or 503 `{"status":"degraded"}` when a node is down
   * or its breaker is not closed. Node names, URLs, breakers, timings and the rate-limit
   * counters only for an operator's token; an invalid token is refused with 401.
   */
  async function health(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const principal = await principalOf(req);
    // The breakers as they were when asked: a hung node's probe below takes the whole timeout.
    const breakers = client.breakerStates();
    const nodes = await (probing ??= probeNodes().finally(() => (probing = null)));
    const withBreakers = nodes.map((node) => ({ ...node, breaker: breakers.get(node.code)! }));
    const ok = withBreakers.every((node) => node.status === 'ok' && node.breaker.state === 'closed');
    const status = ok ? 'ok' : 'degraded';
    const headers = { 'cache-control': 'no-store' };
    if (!hasRole(principal, 'operator')) return sendJson(res, ok ? 200 : 503, { status }, headers);
    sendJson(res, ok ? 200 : 503, { status, nodes: withBreakers, rateLimits: limiter.stats() }, headers);
  }

  /** The caller of a plain route (not GraphQL): a refused token is HTTP 401. */
  async function principalOf(req: IncomingMessage): Promise<Principal> {
    try {
      return await authenticate(header(req, 'authorization'));
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions['code'] === 'UNAUTHENTICATED') throw new HttpError(401, error.message, 'UNAUTHENTICATED');
      throw error;
    }
  }

  /**
   * The caller of /metrics, who must be an operator: 401 without a token or with a bad one,
   * 403 for anyone else — neither with any metric. Metrics name no certificate data, but they
   * show the hub's traffic, its nodes and its weak spots.
   */
  async function operator(req: IncomingMessage): Promise<Principal> {
    const principal = await principalOf(req);
    if (principal.kind === 'public') throw new HttpError(401, "metrics need an operator's bearer token", 'UNAUTHENTICATED');
    if (!hasRole(principal, 'operator')) throw new HttpError(403, 'metrics are for the role operator', 'FORBIDDEN');
    return principal;
  }

  /**
   * GET /metrics/nodes/CODE: the node's own /metrics, fetched with a context the gateway signs
   * for the operator (the node checks the signature and the role), so that Prometheus reaches
   * every node through the gateway with the one operator token. A node that cannot be reached
   * is 502 NODE_UNAVAILABLE.
   */
  async function nodeMetrics(req: IncomingMessage, res: ServerResponse, code: string, requestId: string): Promise<void> {
    const principal = await operator(req);
    const unavailable = (reason: string) =>
      sendJson(res, 502, { errors: [{ message: `node ${code} is unavailable: ${reason}`, extensions: { code: 'NODE_UNAVAILABLE', node: code } }] });
    if (!options.topology.nodes.some((node) => node.code === code)) throw new HttpError(404, `no node ${code} in the registry`, 'NOT_FOUND');
    const sign = signer.prepare({ principal, purpose: null, requestId, grants: [] });
    let answer: Awaited<ReturnType<NodeClient['metrics']>>;
    try {
      answer = await client.metrics(code, sign, requestId);
    } catch (error) {
      return unavailable((error as Error).message);
    }
    // The node's own refusal (a gateway key it does not trust, a node of an older version) is
    // not the operator's: their token was good.
    if (answer.status !== 200) return unavailable(`it answered HTTP ${answer.status}`);
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.text), 'cache-control': 'no-store' });
    res.end(answer.text);
  }

  /** A context of the gateway's own (the service principal `gateway`), for operations it runs itself. */
  function ownContext(): RequestContext {
    const principal = { kind: 'service', code: 'gateway' } as const;
    const requestId = randomUUID();
    return {
      principal,
      purpose: null,
      requestId,
      clientRequestId: null,
      clientAddress: 'gateway',
      fetchSigner: async () => signer.prepare({ principal, purpose: null, requestId, grants: [] }),
    };
  }

  /** The gateway's own operations under way (runOnOwnAccount): stop waits for them. */
  const ownOperations = new Set<Promise<void>>();

  /** Runs `operation` as the gateway (Merged.followUp), routed like any other; a failure is only logged. */
  function runOnOwnAccount(operation: { query: string; variables: Record<string, unknown> }): void {
    const running = executeOwn(operation).finally(() => ownOperations.delete(running));
    ownOperations.add(running);
  }

  async function executeOwn(operation: { query: string; variables: Record<string, unknown> }): Promise<void> {
    try {
      const response = await server.executeOperation(operation, { contextValue: ownContext() });
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      if (errors?.length) logger.error({ errors: errors.map((error) => error.message) }, "the gateway's own operation failed");
    } catch (error) {
      logger.error({ err: error }, "the gateway's own operation failed");
    }
  }

  /**
   * The gateway's own request: anchorAuditChains as the service principal `gateway`, which the
   * nodes' rules let anchor (an auditor may too). Each node keeps its chain head at the province
   * node; the gateway's log keeps a line of every anchor as well, outside every node.
   */
  async function anchorAuditChains() {
    const response = await server.executeOperation<{ anchorAuditChains: AuditAnchorAnswer[] | null }>(
      { query: ANCHOR_AUDIT_CHAINS },
      { contextValue: ownContext() },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : { data: null, errors: [{ message: 'no single result' }] };
    const anchors = result.data?.anchorAuditChains ?? [];
    const failed = (result.errors ?? []).map((error) => ({
      node: typeof error.extensions?.['node'] === 'string' ? (error.extensions['node'] as string) : null,
      message: error.message,
    }));
    return { anchors, failed };
  }

  /**
   * GET /presentation?token=…, the link in a presentation's QR code (亮证): verifyPresentation for
   * the caller, run by the same server, plugins and limits as a POST of it — so a phone without a
   * token is the public, charged to the public rate limit, and an agency that sends its token is
   * recorded as itself. Answers a page, or the GraphQL answer itself to `Accept: application/json`,
   * with the status the POST would have had.
   */
  async function presentationLink(req: IncomingMessage, res: ServerResponse, requestId: string, observation: RequestObservation): Promise<void> {
    const token = new URL(req.url ?? '/', 'http://hub').searchParams.get('token') ?? '';
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([
          ['content-type', 'application/json'],
          ['accept', 'application/json'],
        ]),
        search: '',
        body: { query: PRESENTATION_CHECK, variables: { token } },
      },
      context: observedContext(req, requestId, observation),
    });
    const text = await responseText(response);
    const status = response.status ?? 200;
    const retryAfter = response.headers.get('retry-after');
    const limited = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
    if (wantsJson(req)) {
      res.writeHead(status, { ...presentationJsonHeaders(), ...limited, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    const html = presentationPage(JSON.parse(text) as PresentationAnswer, retryAfter);
    res.writeHead(status, { ...presentationPageHeaders(), ...limited, 'content-length': String(Buffer.byteLength(html)) });
    res.end(html);
  }

  const anchorIntervalMs = options.anchorIntervalMs ?? 60_000;
  let anchoring: Promise<void> = Promise.resolve();
  const anchorTimer =
    anchorIntervalMs > 0
      ? setInterval(() => {
          anchoring = anchorAuditChains().then(
            ({ anchors, failed }) => {
              for (const anchor of anchors) logger.info({ node: anchor.node, seq: anchor.seq, hash: anchor.hash }, 'audit anchor');
              for (const failure of failed) logger.error({ node: failure.node, reason: failure.message }, 'audit anchor failed');
            },
            (error: unknown) => logger.error({ err: error }, 'audit anchoring failed'),
          );
        }, anchorIntervalMs)
      : null;
  anchorTimer?.unref();

  let draining = false;

  return {
    async handle(req, res) {
      const requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
      // Only GraphQL requests (POST or GET /graphql, and the presentation link) are observed.
      let observation: RequestObservation | null = null;
      try {
        const path = requestPath(req);
        if (path === '/healthz' && req.method === 'GET') return await health(req, res);
        // Readiness, unlike /healthz, asks nothing of the nodes: a load balancer polls it often.
        if (path === '/readyz' && req.method === 'GET') {
          return sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready' }, { 'cache-control': 'no-store' });
        }
        if (path === '/metrics' && req.method === 'GET') {
          await operator(req);
          return await sendMetrics(res, metrics.registry);
        }
        const nodeMetricsPath = req.method === 'GET' ? NODE_METRICS_PATH.exec(path) : null;
        if (nodeMetricsPath) return await nodeMetrics(req, res, nodeMetricsPath[1]!, requestId);
        if (path === PRESENTATION_PATH && req.method === 'GET') {
          observation = startObservation(req, tracing.tracer);
          return await presentationLink(req, res, requestId, observation);
        }
        if (path !== '/graphql') throw new HttpError(404, `nothing at ${path}; the API is at /graphql`, 'NOT_FOUND');
        if (wantsGraphiql(req)) return sendGraphiql(req, res);
        observation = startObservation(req, tracing.tracer);
        const body = req.method === 'POST' ? parseJsonBody(await readBody(req, MAX_BODY_BYTES)) : undefined;
        const tooComplex = oversizedOperationProblem(body);
        if (tooComplex) throw new HttpError(400, tooComplex, 'GRAPHQL_VALIDATION_FAILED');
        await executeApollo(server, req, res, observedContext(req, requestId, observation), body);
      } catch (error) {
        if (observation) noteFailure(observation, error);
        sendError(res, error, logger, { requestId });
      } finally {
        try {
          if (observation) finishObservation(observation, res.statusCode, { requestId, clientRequestId: clientRequestIdOf(req) }, { metrics, logger });
        } catch {
          // The answer is sent: a log line that cannot be written must not turn into a crash.
        }
      }
    },
    anchorAuditChains,
    beginDrain() {
      draining = true;
      if (anchorTimer) clearInterval(anchorTimer);
    },
    async stop() {
      if (anchorTimer) clearInterval(anchorTimer);
      await anchoring;
      // The gateway's own operations still under way (counts of checks) finish first: the nodes stop after the gateway.
      await Promise.allSettled([...ownOperations]);
      await server.stop();
      client.close();
      // The last requests' spans leave before the process does.
      await tracing.shutdown();
    },
  };
}

/** The whole body of an Apollo Server answer, as text. */
async function responseText(response: HTTPGraphQLResponse): Promise<string> {
  if (response.body.kind === 'complete') return response.body.string;
  let text = '';
  for await (const chunk of response.body.asyncIterator) text += chunk;
  return text;
}

/**
 * X-Purpose or X-Case-Number as stored: clients send non-ASCII text percent-encoded, so the
 * rules of lib/purpose.ts or lib/case-number.ts (one line, no control or bidirectional
 * characters, at most 200 or 64 characters) apply to the decoded text, which is what the access
 * log keeps. A problem is a 400 BAD_USER_INPUT naming the header.
 */
function decodeHeaderText(raw: string, name: string, problemOf: (text: string) => string | null): string {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: taken as it is
  }
  const problem = problemOf(text);
  if (problem) throw badInputAsHttp(name, problem);
  return text.trim();
}

function badInputAsHttp(field: string, reason: string): GraphQLError {
  const error = badInput(field, reason);
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
}
