import { buildOperationContext, executeQueryPlan, type ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway/dist/config.js';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { OperationContext } from '@apollo/gateway/dist/operationContext.js';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { operationOf } from './operation.js';
import { collectFields, fragmentsOf } from './selections.js';

/** What a fast operation needs: its one fetch and the data source that serves it. */
interface FastPlan {
  queryPlan: QueryPlan;
  fetch: FetchNode;
  dataSource: GraphQLDataSource;
}

/** The parts of Apollo Gateway the normal path uses to shape a response, reached once. */
interface GatewayInternals {
  supergraphSchema: unknown;
  apiSchema: unknown;
  config: { telemetry?: unknown };
  validateIncomingRequest(requestContext: GatewayGraphQLRequestContext, operationContext: OperationContext): GraphQLError[];
}

/** One selection after fragments are expanded: comparable between two documents. */
type Shape = Array<{ key: string; name: string; args: string; directives: string; selections: Shape | null }>;

/**
 * The shape of a selection set against `schema`, fragments expanded, or null when it uses
 * anything the comparison does not vouch for: a fragment on another type than the one it is
 * spread in (abstract types), or a field the schema does not know.
 */
function shapeOf(set: SelectionSetNode, parentType: string, fragments: ReadonlyMap<string, FragmentDefinitionNode>, schema: GraphQLSchema, depth = 0): Shape | null {
  if (depth > 64) return null;
  const type = schema.getType(parentType);
  if (!type || !('getFields' in type)) return null;
  const fields = type.getFields();
  // A fragment on another type needs Apollo's type conditions, and a directive on a fragment
  // (@skip/@include) decides for all its fields: neither is flattened here.
  const collected = collectFields(set, fragments, {
    strict: true,
    accept: (fragment) => (!fragment.typeCondition || fragment.typeCondition === parentType) && fragment.directives.length === 0,
  });
  if (!collected) return null;
  const out: Shape = [];
  for (const selection of collected) {
    const name = selection.name.value;
    let selections: Shape | null = null;
    if (selection.selectionSet) {
      const definition = fields[name];
      if (!definition) return null;
      let named = definition.type;
      while ('ofType' in named) named = named.ofType;
      selections = shapeOf(selection.selectionSet, named.name, fragments, schema, depth + 1);
      if (!selections) return null;
    } else if (name !== '__typename' && !fields[name]) {
      return null;
    }
    out.push({
      key: selection.alias?.value ?? name,
      name,
      args: (selection.arguments ?? []).map(print).join(','),
      directives: (selection.directives ?? []).map(print).join(','),
      selections,
    });
  }
  return out;
}

const sameShape = (a: Shape | null, b: Shape | null): boolean => a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether the client's operation and the one subgraph fetch of its plan select exactly the
 * same fields (names, aliases, arguments, directives, nesting, order): then the subgraph's
 * answer, when it has no errors, is the client's answer as it is.
 */
export function selectsTheSame(
  client: OperationDefinitionNode,
  clientFragments: readonly FragmentDefinitionNode[],
  fetch: DocumentNode,
  schema: GraphQLSchema,
): boolean {
  const root = schema.getQueryType()?.name;
  if (!root || client.operation !== 'query') return false;
  const fetchOperation = operationOf(fetch);
  if (fetchOperation.operation !== 'query') return false;
  return sameShape(shapeOf(client.selectionSet, root, fragmentsOf(clientFragments), schema), shapeOf(fetchOperation.selectionSet, root, fragmentsOf(fetch), schema));
}

/** Whether a query plan is one fetch at the root, with nothing for the gateway to add or rewrite. */
export function singleFetchOf(queryPlan: QueryPlan): FetchNode | null {
  const node = queryPlan.node;
  if (!node || node.kind !== 'Fetch') return null;
  if (node.requires || node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) return null;
  if (!node.operationDocumentNode || node.operationKind !== 'query') return null;
  return node;
}

/**
 * Whether the supergraph gives every field the same type in each subgraph and hides nothing
 * (`@join__field(type:)` and `@inaccessible` are the only ways it differs from a subgraph):
 * otherwise Apollo's response shaping could change a subgraph's answer, and no fetch is fast.
 */
export function supergraphAllowsFastPath(supergraphSdl: string): boolean {
  let differs = false;
  visit(parse(supergraphSdl, { noLocation: true }), {
    Directive(directive, _key, _parent, _path, ancestors) {
      // Definitions of the directives themselves are no use of them.
      if (ancestors.some((node) => 'kind' in node && node.kind === Kind.DIRECTIVE_DEFINITION)) return;
      const name = directive.name.value;
      if (name === 'inaccessible' || (name === 'join__field' && directive.arguments?.some((arg) => arg.name.value === 'type'))) differs = true;
    },
  });
  return !differs;
}

const MAX_PLANS = 2_000;

/** How many requests took the fast path in this process: for tests and benchmarks. */
export const fastPathStats = { taken: 0 };

/**
 * Operations whose query plan is a single fetch from one subgraph skip Apollo Gateway's plan
 * executor: the gateway's data source (routing, merging, NODE_UNAVAILABLE) answers, and an
 * answer without errors goes to the client as it is, instead of through Apollo's per-request
 * operation rebuild and response shaping, which cannot change it (the fetch selects exactly
 * what the client selected, and the subgraph's types are the supergraph's). An answer with
 * errors, or without data, is shaped by Apollo's own `executeQueryPlan` from the same answer,
 * so results and errors are identical to the normal path by construction.
 *
 * Each operation takes the normal path first; its plan, seen through the gateway's
 * `experimental_didResolveQueryPlan`, decides whether later requests may take this one.
 * Authentication, the contract, limits, variable validation and error formatting stay where
 * they were: in Apollo Server and in the gateway's own variable check, which runs here too.
 */
export class SingleFetchFastPath {
  private readonly plans = new Map<string, FastPlan | null>();
  private readonly enabled: boolean;
  private internals: GatewayInternals | null = null;

  constructor(supergraphSdl: string) {
    this.enabled = supergraphAllowsFastPath(supergraphSdl);
  }

  private static key(requestContext: GatewayGraphQLRequestContext): string | null {
    if (!requestContext.queryHash) return null;
    return `${requestContext.queryHash}\u0000${requestContext.request.operationName ?? ''}`;
  }

  /** For `experimental_didResolveQueryPlan`: remembers whether an operation's plan may be fast. */
  readonly learn: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, serviceMap, operationContext, requestContext }) => {
    const key = SingleFetchFastPath.key(requestContext);
    if (!key || this.plans.has(key)) return;
    let plan: FastPlan | null = null;
    const fetch = this.enabled ? singleFetchOf(queryPlan) : null;
    const dataSource = fetch ? serviceMap[fetch.serviceName] : undefined;
    if (
      fetch &&
      dataSource &&
      selectsTheSame(operationContext.operation, Object.values(operationContext.fragments), fetch.operationDocumentNode!, operationContext.schema)
    ) {
      plan = { queryPlan, fetch, dataSource };
    }
    if (this.plans.size >= MAX_PLANS) this.plans.clear();
    this.plans.set(key, plan);
  };

  /** The gateway for Apollo Server: Apollo Gateway, with this fast path in front of its executor. */
  wrap(gateway: ApolloGateway): GatewayInterface {
    const internals = gateway as unknown as GatewayInternals;
    return {
      onSchemaLoadOrUpdate: (callback) =>
        gateway.onSchemaLoadOrUpdate((schema) => {
          // A new supergraph plans anew.
          this.plans.clear();
          callback(schema);
        }),
      load: async (options) => {
        const loaded = await gateway.load(options);
        if (typeof internals.validateIncomingRequest !== 'function' || !internals.supergraphSchema || !internals.apiSchema) {
          throw new Error('this version of @apollo/gateway does not have what the fast path relies on');
        }
        this.internals = internals;
        const normal = loaded.executor;
        const executor: GatewayExecutor = (requestContext) => this.execute(requestContext, normal);
        return { ...loaded, executor };
      },
      stop: () => gateway.stop(),
    };
  }

  private async execute(requestContext: GatewayGraphQLRequestContext, normal: GatewayExecutor): Promise<GatewayExecutionResult> {
    const key = SingleFetchFastPath.key(requestContext);
    const plan = key ? this.plans.get(key) : null;
    // Apollo shows the plan when asked with this header (outside production); traces need the normal path too.
    if (!plan || !this.internals || requestContext.request.http?.headers.get('apollo-query-plan-experimental') || requestContext.metrics.captureTraces) {
      return normal(requestContext);
    }
    const operationContext = buildOperationContext({
      schema: requestContext.schema,
      operationDocument: requestContext.document,
      operationName: requestContext.request.operationName,
    });
    const invalid = this.internals.validateIncomingRequest(requestContext, operationContext);
    if (invalid.length > 0) return { errors: invalid };
    fastPathStats.taken++;

    const { fetch, dataSource, queryPlan } = plan;
    const provided = requestContext.request.variables;
    const variables: Record<string, unknown> = Object.create(null);
    for (const name of fetch.variableUsages ?? []) {
      if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    const answer = await dataSource.process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: fetch.operation, variables, operationName: fetch.operationName },
      incomingRequestContext: requestContext,
      context: requestContext.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: [],
    });
    const data = answer.data;
    if (!answer.errors?.length && data && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown> };

    // Errors, or no data: shaped by Apollo from the same answer, as the normal path would.
    const replay: GraphQLDataSource = { process: async () => answer };
    return executeQueryPlan(
      queryPlan,
      { [fetch.serviceName]: replay },
      requestContext,
      operationContext,
      this.internals.supergraphSchema as Parameters<typeof executeQueryPlan>[4],
      this.internals.apiSchema as Parameters<typeof executeQueryPlan>[5],
      this.internals.config.telemetry as Parameters<typeof executeQueryPlan>[6],
    );
  }
}
