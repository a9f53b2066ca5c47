import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { parse, print, type DocumentNode, type FieldNode } from 'graphql';
import { usccRegion } from '../lib/codes.js';
import type { Principal } from '../lib/principal.js';
import type { GatewayContext } from './context.js';
import type { FieldMerger, Merged, Part } from './merge.js';
import { NodeUnavailableError, type NodeClient, type SubgraphError, type SubgraphResponse } from './node-client.js';
import {
  argumentValue,
  injectSelections,
  isInjectedPath,
  keepRootFields,
  operationOf,
  responseKey,
  type Path,
} from './operation.js';
import type { EntityCache } from './entity-cache.js';
import type { EntityRoute, RootRoute, SubgraphRoutes } from './routing.js';
import { fieldsOnType, fragmentsOf } from './selections.js';
import type { Topology } from './topology.js';

type Data = Record<string, unknown>;

interface RootField {
  key: string;
  field: FieldNode;
  route: RootRoute | null;
}

/** What one subgraph fetch means, worked out once per planned fetch and cached on its document. */
type FetchPlan =
  | { kind: 'entities'; query: string; entityFields: Map<string, Map<string, { field: FieldNode; merger: FieldMerger }>> }
  | { kind: 'root'; mutation: boolean; document: DocumentNode; query: string; fields: RootField[] };

/** A routing key or node filter the gateway cannot route by: the client's error. */
class RoutingError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

function nodeError(error: NodeUnavailableError, path?: Path): SubgraphError {
  return { message: error.message, ...(path ? { path } : {}), extensions: { code: 'NODE_UNAVAILABLE', node: error.node } };
}

function badInputError(field: string, reason: string, path: Path): SubgraphError {
  return { message: `${field}: ${reason}`, path, extensions: { code: 'BAD_USER_INPUT', field } };
}

/** Collects errors, dropping those about injected fields and repeats of the same error from several nodes. */
class ErrorList {
  readonly errors: SubgraphError[] = [];
  private readonly seen = new Set<string>();

  add(error: SubgraphError): void {
    if (error.path && isInjectedPath(error.path)) return;
    const fingerprint = JSON.stringify([error.message, error.path ?? null, error.extensions?.['code'] ?? null]);
    if (this.seen.has(fingerprint)) return;
    this.seen.add(fingerprint);
    this.errors.push(error);
  }
}

/**
 * The gateway's data source for one subgraph served by every node. Entity references go to the
 * node that owns their key, in parallel, and come back in order; root lists and contributed
 * fields fan out to the nodes in scope and merge into what one database would answer; a node
 * that fails costs only its own part, reported as NODE_UNAVAILABLE.
 */
export class NodeRoutingDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly plans = new WeakMap<DocumentNode, FetchPlan>();
  private readonly printed = new Map<string, string>();

  constructor(
    private readonly subgraph: string,
    private readonly routes: SubgraphRoutes,
    private readonly topology: Topology,
    private readonly client: NodeClient,
    /** Entities of these types answered from the cache while fresh (entity-cache.ts); emptied by this subgraph's mutations. */
    private readonly cached?: { typenames: ReadonlySet<string>; cache: EntityCache },
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return { data: {} };
    const document = options.document ?? parse(options.request.query ?? '');
    const plan = this.planFor(document);
    const variables = (options.request.variables ?? {}) as Data;
    const context = options.context;
    if (plan.kind === 'entities') return (await this.entities(plan, options.request.operationName, variables, context)) as GatewayGraphQLResponse;
    // A change to what is cached: nothing kept is used from now on, nor after it (a read that
    // raced it may have cached the old answer meanwhile).
    if (plan.mutation) this.cached?.cache.clear();
    try {
      return (await this.root(plan, options.request.operationName, variables, context)) as GatewayGraphQLResponse;
    } finally {
      if (plan.mutation) this.cached?.cache.clear();
    }
  }

  private planFor(document: DocumentNode): FetchPlan {
    let plan = this.plans.get(document);
    if (!plan) {
      plan = this.analyze(document);
      this.plans.set(document, plan);
    }
    return plan;
  }

  private analyze(document: DocumentNode): FetchPlan {
    const operation = operationOf(document);
    const rootFields = fieldsOnType(operation.selectionSet, fragmentsOf(document));
    if (rootFields.some((field) => field.name.value === '_entities')) {
      // Contributed fields that fan out need their mergers' sort keys in every node's answer.
      const entityFields = new Map<string, Map<string, { field: FieldNode; merger: FieldMerger }>>();
      const injected = injectSelections(document, (field, parentType, depth) => {
        if (depth !== 2 || !parentType) return null;
        const route = this.routes.entities[parentType];
        const merger = route?.kind === 'fanOut' ? route.fields[field.name.value] : undefined;
        if (!merger) return null;
        const fields = entityFields.get(parentType) ?? new Map();
        fields.set(responseKey(field), { field, merger });
        entityFields.set(parentType, fields);
        return merger.inject;
      });
      return { kind: 'entities', query: print(injected), entityFields };
    }
    const routes = operation.operation === 'mutation' ? this.routes.Mutation : this.routes.Query;
    const fields = rootFields.map((field) => ({ key: responseKey(field), field, route: routes[field.name.value] ?? null }));
    for (const { field, route } of fields) {
      if (!route && !field.name.value.startsWith('__')) throw new Error(`no route for ${this.subgraph} root field ${field.name.value}`);
    }
    const injected = injectSelections(document, (field, _parent, depth) => {
      if (depth !== 1) return null;
      const route = routes[field.name.value];
      return route?.kind === 'fanOut' ? route.merger.inject : null;
    });
    return { kind: 'root', mutation: operation.operation === 'mutation', document: injected, query: print(injected), fields };
  }

  private async send(node: string, query: string, operationName: string | null | undefined, variables: Data, context: GatewayContext) {
    context.observation?.nodes.add(node);
    return this.client.send(node, this.subgraph, { query, variables, operationName: operationName ?? undefined }, await context.fetchSigner(), context.requestId, context.observation?.trace);
  }

  // ---- root fields -------------------------------------------------------------------------

  private async root(
    plan: Extract<FetchPlan, { kind: 'root' }>,
    operationName: string | null | undefined,
    variables: Data,
    context: GatewayContext,
  ): Promise<SubgraphResponse> {
    const errors = new ErrorList();
    const data: Data = {};
    const targets = new Map<string, string[]>(); // response key → nodes asked
    for (const { key, field, route } of plan.fields) {
      if (!route) {
        data[key] = plan.mutation ? 'Mutation' : 'Query';
        continue;
      }
      try {
        targets.set(key, this.targetsOf(route, field, variables, context.principal));
      } catch (error) {
        if (!(error instanceof RoutingError)) throw error;
        errors.add(badInputError(error.field, error.reason, [key]));
        data[key] = null;
      }
    }

    // Group the fields by node; a mutation's fields run one after another, in order.
    const byNode = new Map<string, Set<string>>();
    for (const [key, nodes] of targets) {
      for (const node of nodes) {
        const keys = byNode.get(node) ?? new Set<string>();
        keys.add(key);
        byNode.set(node, keys);
      }
    }
    const answers = new Map<string, SubgraphResponse | NodeUnavailableError>();
    const ask = async (node: string, keys: Set<string>) => {
      const query = keys.size === plan.fields.length ? plan.query : this.subsetQuery(plan, keys);
      try {
        answers.set(node, await this.send(node, query, operationName, variables, context));
      } catch (error) {
        if (!(error instanceof NodeUnavailableError)) throw error;
        answers.set(node, error);
      }
    };
    if (plan.mutation && byNode.size > 1) {
      for (const [node, keys] of byNode) await ask(node, keys);
    } else {
      await Promise.all([...byNode].map(([node, keys]) => ask(node, keys)));
    }

    for (const { key, field, route } of plan.fields) {
      const nodes = targets.get(key);
      if (!route || !nodes) continue;
      if (route.kind !== 'fanOut') {
        const node = nodes[0]!;
        const answer = answers.get(node)!;
        if (answer instanceof NodeUnavailableError) {
          errors.add(nodeError(answer, [key]));
          data[key] = null;
          continue;
        }
        data[key] = answer.data?.[key] ?? null;
        for (const error of answer.errors ?? []) if (!error.path || error.path[0] === key) errors.add(error);
        continue;
      }
      const parts: Part[] = [];
      const unanswered: string[] = [];
      for (const node of nodes) {
        const answer = answers.get(node)!;
        if (answer instanceof NodeUnavailableError) {
          errors.add(nodeError(answer));
          unanswered.push(node);
          continue;
        }
        if (answer.data && answer.data[key] !== undefined && answer.data[key] !== null) parts.push({ node, value: answer.data[key] });
      }
      const merged = this.merge(route.merger, parts, field, variables, errors, [key], unanswered);
      data[key] = merged?.value ?? null;
      if (merged?.followUp) context.followUp?.(merged.followUp);
      for (const node of nodes) {
        const answer = answers.get(node)!;
        if (answer instanceof NodeUnavailableError) continue;
        for (const error of answer.errors ?? []) {
          if (!error.path || error.path[0] !== key) {
            if (!error.path) errors.add(error);
            continue;
          }
          const inner = merged?.remap(node, error.path.slice(1));
          if (inner) errors.add({ ...error, path: [key, ...inner] });
        }
      }
    }
    return { data, ...(errors.errors.length ? { errors: errors.errors } : {}) };
  }

  private targetsOf(route: RootRoute, field: FieldNode, variables: Data, principal: Principal): string[] {
    switch (route.kind) {
      case 'key': {
        const value = argumentValue(field, route.arg, variables);
        const problem = typeof value === 'string' ? route.key.problem(value) : 'is required';
        if (problem) throw new RoutingError(route.arg, problem);
        return [this.topology.ownerOfRegion(route.key.region(value as string))];
      }
      case 'province':
        return [this.topology.province];
      case 'principal':
        // Anyone but an agency is refused by the subgraph's rules; the province node says so.
        return [principal.kind === 'agency' ? this.topology.ownerOfRegion(usccRegion(principal.code)) : this.topology.province];
      case 'ownUscc': {
        const organisation = principal.kind === 'agency' || (principal.kind === 'holder' && principal.holderKind === 'ORGANIZATION');
        return [organisation ? this.topology.ownerOfRegion(usccRegion(principal.code)) : this.topology.province];
      }
      case 'fanOut': {
        if (!route.scopeArg) return this.topology.nodes.map((node) => node.code);
        const scope = this.topology.scope(argumentValue(field, route.scopeArg, variables));
        if ('problem' in scope) throw new RoutingError(route.scopeArg, scope.problem);
        return scope.nodes;
      }
    }
  }

  private subsetQuery(plan: Extract<FetchPlan, { kind: 'root' }>, keys: Set<string>): string {
    const cacheKey = `${plan.query}\u0000${[...keys].sort().join(',')}`;
    let query = this.printed.get(cacheKey);
    if (!query) {
      query = print(keepRootFields(plan.document, keys));
      if (this.printed.size > 1_000) this.printed.clear();
      this.printed.set(cacheKey, query);
    }
    return query;
  }

  private merge(merger: FieldMerger, parts: Part[], field: FieldNode, variables: Data, errors: ErrorList, path: Path, unanswered: readonly string[] = []): Merged | null {
    try {
      return merger.merge(parts, field, { first: argumentValue(field, 'first', variables), unanswered });
    } catch {
      errors.add({ message: 'a node answered with data the gateway could not merge', path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      return null;
    }
  }

  // ---- entity references -------------------------------------------------------------------

  private async entities(
    plan: Extract<FetchPlan, { kind: 'entities' }>,
    operationName: string | null | undefined,
    variables: Data,
    context: GatewayContext,
  ): Promise<SubgraphResponse> {
    const representations = (variables['representations'] ?? []) as Data[];
    const errors = new ErrorList();
    const result: unknown[] = new Array(representations.length).fill(null);
    const groups = new Map<string, number[]>(); // node → indexes of the representations it gets
    const fannedOut = new Set<number>();
    const allNodes = this.topology.nodes.map((node) => node.code);
    // Cacheable references not in the cache, by index: their answers are kept once they come.
    const toCache = new Map<number, string>();
    const cache = this.cached?.cache.enabled && context.principal.kind !== 'public' ? this.cached : undefined;

    representations.forEach((representation, index) => {
      const typename = String(representation['__typename']);
      const route: EntityRoute | undefined = this.routes.entities[typename];
      let nodes: string[];
      if (!route) {
        errors.add({ message: `no route for entity ${typename}`, path: ['_entities', index], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        return;
      }
      if (route.kind === 'key') {
        const value = representation[route.field];
        const problem = typeof value === 'string' ? route.key.problem(value) : 'is missing';
        if (problem) {
          errors.add(badInputError(route.field, problem, ['_entities', index]));
          return;
        }
        if (cache?.typenames.has(typename)) {
          const key = `${typename}:${value as string}`;
          const kept = cache.cache.get(plan.query, key);
          if (kept !== undefined) {
            result[index] = kept;
            return;
          }
          toCache.set(index, key);
        }
        nodes = [this.topology.ownerOfRegion(route.key.region(value as string))];
      } else {
        fannedOut.add(index);
        nodes = allNodes;
      }
      for (const node of nodes) {
        const group = groups.get(node) ?? [];
        group.push(index);
        groups.set(node, group);
      }
    });

    const answers = new Map<string, SubgraphResponse | NodeUnavailableError>();
    await Promise.all(
      [...groups].map(async ([node, indexes]) => {
        const subset = { ...variables, representations: indexes.map((index) => representations[index]) };
        try {
          answers.set(node, await this.send(node, plan.query, operationName, subset, context));
        } catch (error) {
          if (!(error instanceof NodeUnavailableError)) throw error;
          answers.set(node, error);
          errors.add(nodeError(error));
        }
      }),
    );

    // Owned references: each from its one node, back in its original place.
    const partsOf = new Map<number, Part[]>();
    for (const [node, indexes] of groups) {
      const answer = answers.get(node);
      if (!answer || answer instanceof NodeUnavailableError) continue;
      const values = (answer.data?.['_entities'] as unknown[] | undefined) ?? [];
      // Only a clean answer is kept: an error may belong to any of its entities.
      const clean = !answer.errors || answer.errors.length === 0;
      indexes.forEach((index, local) => {
        const value = values[local] ?? null;
        if (fannedOut.has(index)) {
          const parts = partsOf.get(index) ?? [];
          if (value !== null) parts.push({ node, value });
          partsOf.set(index, parts);
        } else {
          result[index] = value;
          const key = toCache.get(index);
          if (key !== undefined && clean && value !== null) cache!.cache.set(plan.query, key, value);
        }
      });
    }

    // Contributed fields: the nodes' answers for one reference merged field by field.
    const remaps = new Map<number, Map<string, Merged>>();
    for (const index of fannedOut) {
      const parts = partsOf.get(index) ?? [];
      const typename = String(representations[index]!['__typename']);
      const fields = plan.entityFields.get(typename) ?? new Map();
      const merged: Data = {};
      const remap = new Map<string, Merged>();
      for (const part of parts) {
        for (const [key, value] of Object.entries(part.value as Data)) {
          if (key in merged || fields.has(key)) continue;
          merged[key] = value;
        }
      }
      for (const [key, { field, merger }] of fields) {
        const answer = this.merge(
          merger,
          parts.map((part) => ({ node: part.node, value: (part.value as Data)[key] })),
          field,
          variables,
          errors,
          ['_entities', index, key],
        );
        if (answer) remap.set(key, answer);
        merged[key] = answer?.value ?? null;
      }
      result[index] = parts.length ? merged : null;
      remaps.set(index, remap);
    }

    for (const [node, indexes] of groups) {
      const answer = answers.get(node);
      if (!answer || answer instanceof NodeUnavailableError) continue;
      for (const error of answer.errors ?? []) {
        const [root, local, key, ...rest] = error.path ?? [];
        if (root !== '_entities' || typeof local !== 'number') {
          errors.add(error);
          continue;
        }
        const index = indexes[local];
        if (index === undefined) continue;
        const merger = typeof key === 'string' ? remaps.get(index)?.get(key) : undefined;
        if (!merger) {
          errors.add({ ...error, path: ['_entities', index, ...(key === undefined ? [] : [key]), ...rest] });
          continue;
        }
        const inner = merger.remap(node, rest);
        if (inner) errors.add({ ...error, path: ['_entities', index, key as string, ...inner] });
      }
    }
    return { data: { _entities: result }, ...(errors.errors.length ? { errors: errors.errors } : {}) };
  }
}
