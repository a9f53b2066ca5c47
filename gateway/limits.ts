import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  valueFromASTUntyped,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';
import { intArgument, operationCost } from './cost.js';
import { foldSelections, fragmentsOf, type SelectionFold } from './selections.js';

/*
 * What the gateway accepts from a client, checked before any node is asked. Every limit answers
 * a client error, never a 5xx:
 *
 * | limit                                   | value      | a client that exceeds it gets                             |
 * | --------------------------------------- | ---------- | --------------------------------------------------------- |
 * | request body                            | 16 MiB     | HTTP 413 PAYLOAD_TOO_LARGE, before the body is read        |
 * | tokens in the document                  | 20,000     | HTTP 400 GRAPHQL_PARSE_FAILED                             |
 * | depth (fields and inline fragments)     | 10         | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | depth under `__schema` / `__type`       | 15         | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | fields, fragments expanded              | 2,000      | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | aliases, fragments expanded             | 100        | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | root fields, aliases included           | 20         | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | cost                                    | 100,000    | HTTP 400 GRAPHQL_VALIDATION_FAILED                        |
 * | values in one list of the variables     | 1,000      | HTTP 400 BAD_USER_INPUT, field `variables`                |
 * | nesting of the variables                | 16         | HTTP 400 BAD_USER_INPUT, field `variables`                |
 * | page size `first`                       | not < 0    | HTTP 400 BAD_USER_INPUT, field `first`                    |
 * | page size `first` (upper bound)         | 1000 (500 for accessLog) | BAD_USER_INPUT, field `first`, from the subgraph |
 * | batched operations (a JSON array)       | refused    | HTTP 400 BAD_REQUEST                                      |
 *
 * Fragment cycles, unknown fields and the like are graphql's own validation: HTTP 400
 * GRAPHQL_VALIDATION_FAILED. A node reads up to twice the body limit (lib/http.ts).
 */

/**
 * Largest request body the gateway reads, variables included. Large enough for the biggest
 * legitimate operation — registerExternalCertificate carries a scanned document of up to 10 MB
 * as base64, about 13.4 MB of JSON — and refused with 413 as soon as the declared length, or
 * the bytes received so far, pass it, so no more than this is ever held per request.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * Most lexical tokens a document may have. Bounds what graphql's own parser and validation do
 * with a document before our limits below see it: a 16 MiB body of `a a a …` would otherwise
 * take seconds to validate. Large values travel as variables, or as one string token.
 */
export const MAX_TOKENS = 20_000;
/** Deepest nesting of fields and inline fragments a client may send (`__typename` does not count). */
export const MAX_DEPTH = 10;
/** Introspection (`__schema`, `__type`) nests `ofType` deeper than data: GraphiQL's own query is 13 deep. */
export const MAX_INTROSPECTION_DEPTH = 15;
/** Most fields (aliases and every fragment use included) one operation may select. */
export const MAX_FIELDS = 2_000;
/** Most aliased fields, fragments expanded: what an alias bomb multiplies. */
export const MAX_ALIASES = 100;
/**
 * Most root fields (aliases included) one operation may ask for. Each is at least one query at
 * one node, and a list one at every node in scope: 100 aliased one-row pages kept three
 * embedded nodes busy for seconds. Twenty still check twenty certificates by id at once.
 */
export const MAX_ROOT_FIELDS = 20;
/** Longest list a variable may hold (importCertificates takes at most 500 rows). */
export const MAX_LIST_VALUES = 1_000;
/** Deepest nesting of objects and lists in variables; the deepest input type nests 4. */
export const MAX_VARIABLE_DEPTH = 16;
/**
 * Most an operation may cost: each field costs 1 for every time it can be resolved, i.e. times
 * the `first` of every enclosing page (its default when not given, at most MAX_PAGE) and times
 * LIST_ESTIMATE for every other enclosing list. A full 1000-certificate page with items, type
 * and holder costs about 64,000, GraphiQL's introspection about 51,000; two such pages, or
 * five nested lists, are refused.
 */
export const MAX_COST = 100_000;
/** Largest `first` of a page; the subgraphs refuse more with BAD_USER_INPUT. */
export const MAX_PAGE = 1_000;
/** How many elements a list without `first` (a type's items, an entity's certificates) is assumed to have. */
export const LIST_ESTIMATE = 10;

/** What a selection set selects, fragments expanded, as the limits count it. */
interface Shape {
  fields: number;
  aliases: number;
  /** Deepest data path below the set (introspection excluded). */
  depth: number;
  /** Deepest path under `__schema` or `__type` below the set. */
  introspectionDepth: number;
  /** Fields of the set itself, inline fragments and spreads flattened, `__` fields not counted. */
  top: number;
}

const EMPTY: Shape = { fields: 0, aliases: 0, depth: 0, introspectionDepth: 0, top: 0 };
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** What a field and an inline fragment add to a Shape; spreads count what their fragment counts. */
const MEASURE: SelectionFold<Shape> = {
  empty: EMPTY,
  field(field, _parentType, below) {
    const inner = field.selectionSet ? below(field.selectionSet, '') : EMPTY;
    const leaf = field.name.value === '__typename';
    const introspection = INTROSPECTION_ROOTS.has(field.name.value);
    return {
      fields: 1 + inner.fields,
      aliases: (field.alias ? 1 : 0) + inner.aliases,
      depth: leaf || introspection ? 0 : 1 + inner.depth,
      introspectionDepth: introspection ? 1 + inner.depth : inner.introspectionDepth,
      top: field.name.value.startsWith('__') ? 0 : 1,
    };
  },
  // A level of its own: `... on Query { ... on Query { … } }` must not nest without end.
  inline: (_fragment, inside) => ({ ...inside, depth: inside.depth + 1, introspectionDepth: inside.introspectionDepth === 0 ? 0 : inside.introspectionDepth + 1 }),
  add: (a, b) => ({
    fields: a.fields + b.fields,
    aliases: a.aliases + b.aliases,
    depth: Math.max(a.depth, b.depth),
    introspectionDepth: Math.max(a.introspectionDepth, b.introspectionDepth),
    top: a.top + b.top,
  }),
};

/** The first limit an operation exceeds, as the message a client reads, or null. */
function overLimit(shape: Shape): string | null {
  if (shape.depth > MAX_DEPTH) return `the operation is nested deeper than ${MAX_DEPTH} levels`;
  if (shape.introspectionDepth > MAX_INTROSPECTION_DEPTH) return `the introspection is nested deeper than ${MAX_INTROSPECTION_DEPTH} levels`;
  if (shape.fields > MAX_FIELDS) return `the operation selects more than ${MAX_FIELDS} fields`;
  if (shape.aliases > MAX_ALIASES) return `the operation uses more than ${MAX_ALIASES} aliases`;
  if (shape.top > MAX_ROOT_FIELDS) return `the operation asks for more than ${MAX_ROOT_FIELDS} root fields`;
  return null;
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}

/**
 * The limits every operation of a document must keep, or the message of the first one it
 * breaks. A document so deeply nested that walking it exhausts the stack is refused as such.
 */
export function documentLimitProblem(document: DocumentNode): string | null {
  const fragments = fragmentsOf(document);
  try {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const problem = overLimit(foldSelections(definition.selectionSet, '', fragments, MEASURE));
      if (problem) return problem;
    }
  } catch (error) {
    if (error instanceof RangeError) return `the operation is nested deeper than ${MAX_DEPTH} levels`;
    throw error;
  }
  return null;
}

/**
 * Depth, fields and aliases as a validation rule: Apollo answers a breach with HTTP 400
 * GRAPHQL_VALIDATION_FAILED before any node is asked.
 */
export function operationLimits() {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const problem = documentLimitProblem(document);
      if (problem) context.reportError(new GraphQLError(problem, { extensions: { code: 'QUERY_TOO_COMPLEX' } }));
      // graphql 16 does not check that the schema has the operation's root type (17 does); the
      // query planner would fail on a subscription with a 500.
      const schema = context.getSchema();
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[definition.operation];
        if (!root) context.reportError(new GraphQLError(`the hub has no ${definition.operation} operations`, { nodes: [definition] }));
      }
      return false;
    },
  });
}

/** Documents shorter than this are left to the validation rule; see `oversizedOperationProblem`. */
export const PRECHECK_LENGTH = 4 * 1024;

/**
 * The limit a long operation breaks, measured before Apollo sees it, or null. graphql's own
 * validation runs with the rule above in one pass, and some of its rules grow faster than the
 * document (20,000 tokens of one repeated field take about a second), so a long document that
 * breaks a limit is refused here, after one parse. A document that does not parse is left to
 * Apollo, which answers GRAPHQL_PARSE_FAILED; short ones cost nothing extra.
 */
export function oversizedOperationProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string' || query.length < PRECHECK_LENGTH) return null;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS, noLocation: true });
  } catch {
    return null;
  }
  return documentLimitProblem(document);
}

/**
 * A list in the variables longer than MAX_LIST_VALUES, or values nested deeper than
 * MAX_VARIABLE_DEPTH, before graphql coerces them (200,000 enum values took two seconds);
 * walked without recursion, however deep the JSON.
 */
export function variablesLimitProblem(variables: unknown): string | null {
  const pending: Array<[unknown, number]> = [[variables, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_VARIABLE_DEPTH) return `values nested deeper than ${MAX_VARIABLE_DEPTH} levels`;
    const items = Array.isArray(value) ? value : Object.values(value);
    if (Array.isArray(value) && value.length > MAX_LIST_VALUES) return `a list of more than ${MAX_LIST_VALUES} values`;
    for (const item of items) if (typeof item === 'object' && item !== null) pending.push([item, depth + 1]);
  }
  return null;
}

/**
 * Whether any `first` of the document, variables substituted, is negative: no page can be, and
 * the lists merged across nodes must never be cut to a negative length. Upper bounds differ by
 * field and are the subgraphs' to enforce.
 */
function negativePage(document: DocumentNode, variables: Readonly<Record<string, unknown>>): boolean {
  let negative = false;
  visit(document, {
    Argument(argument) {
      if (argument.name.value !== 'first') return;
      const value = intArgument(argument.value, variables);
      if (value !== undefined && value < 0) negative = true;
    },
  });
  return negative;
}

/**
 * Apollo refuses some malformed requests itself — a persisted-query hash that does not match
 * its query, an unknown persisted-query version — with HTTP 400 and no error code. They are the
 * client's mistakes: BAD_REQUEST, not an internal error to hide.
 */
export function withClientCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null;
  const status = original?.extensions?.http?.status;
  if (original?.extensions?.code !== undefined || typeof status !== 'number' || status < 400 || status >= 500) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
}

/**
 * Checks what needs the operation's variables once Apollo has resolved the operation — variable
 * sizes and negative pages (BAD_USER_INPUT), then MAX_COST (GRAPHQL_VALIDATION_FAILED) — all
 * with HTTP 400, before any node is asked.
 */
export function requestLimitsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) {
            // Apollo leaves this to the executor, and the gateway's answers it with a 500.
            const named = request.operationName ? `there is no operation named ${JSON.stringify(request.operationName)}` : 'the document has several operations: name the one to run (operationName)';
            throw new GraphQLError(named, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          const variablesProblem = variablesLimitProblem(request.variables);
          if (variablesProblem) throw new GraphQLError(`variables: ${variablesProblem}`, { extensions: { code: 'BAD_USER_INPUT', field: 'variables', http: { status: 400 } } });
          // The data sources route by the request's variables (an id, a USCC) as sent: a variable
          // left out takes its default here, as graphql's own coercion would give it.
          request.variables = withVariableDefaults(operation, request.variables);
          if (negativePage(document, request.variables ?? {})) {
            throw new GraphQLError('first: must not be negative', { extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } } });
          }
          const cost = operationCost(schema, document, operation, { maxPage: MAX_PAGE, listEstimate: LIST_ESTIMATE }, request.variables ?? {});
          if (cost > MAX_COST) throw tooComplex(`the operation costs ${cost}, more than ${MAX_COST} (each field counts once per element of the pages and lists around it)`);
        },
      };
    },
  };
}

/**
 * The request's variables with the operation's defaults filled in for those it leaves out
 * (`query ($id: ID! = "…")` sent without variables): what the operation's fields will read.
 */
export function withVariableDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...(variables ?? {}) };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && !Object.hasOwn(filled, name)) filled[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return filled;
}
