import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  assertValidSchema,
  buildASTSchema,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  printSchema,
  specifiedScalarTypes,
  validate,
  type DefinitionNode,
  type DocumentNode,
  type ExecutionResult,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';
import { badInput } from '../lib/errors.js';
import type { Principal } from '../lib/principal.js';
import { collectFields, fragmentsOf } from './selections.js';
import { fieldVisibleTo, ROOT_TYPES, visibilityKey } from './visibility.js';

const BUILT_IN_SCALARS: ReadonlySet<string> = new Set(specifiedScalarTypes.map((scalar) => scalar.name));


const contracts = new WeakMap<GraphQLSchema, Map<string, GraphQLSchema>>();

/**
 * The part of `apiSchema` that `principal` could ever be allowed to read: root fields and
 * object fields the visibility table does not open to it are removed, then every type no
 * longer reachable from a root. Cached per API schema and visibility key (at most one per
 * combination of roles), so introspection costs one `execute` on a small schema.
 */
export function contractSchema(apiSchema: GraphQLSchema, principal: Principal): GraphQLSchema {
  let perKey = contracts.get(apiSchema);
  if (!perKey) contracts.set(apiSchema, (perKey = new Map()));
  const key = visibilityKey(principal);
  let contract = perKey.get(key);
  if (!contract) {
    contract = buildContract(apiSchema, principal);
    perKey.set(key, contract);
  }
  return contract;
}

type TypeDefinition = Extract<DefinitionNode, { name: { value: string } }> & { kind: TypeDefinitionKind };
type TypeDefinitionKind =
  | Kind.OBJECT_TYPE_DEFINITION
  | Kind.INTERFACE_TYPE_DEFINITION
  | Kind.UNION_TYPE_DEFINITION
  | Kind.ENUM_TYPE_DEFINITION
  | Kind.SCALAR_TYPE_DEFINITION
  | Kind.INPUT_OBJECT_TYPE_DEFINITION;

const TYPE_DEFINITION_KINDS: ReadonlySet<Kind> = new Set([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
]);

const isTypeDefinition = (definition: DefinitionNode): definition is TypeDefinition => TYPE_DEFINITION_KINDS.has(definition.kind);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Works on the printed SDL rather than on live type objects: filtering AST nodes and building
 * once keeps every reference consistent without rewiring types by hand. The contract is only
 * ever used for introspection, so the API schema's (resolver-less) scalars lose nothing.
 */
function buildContract(apiSchema: GraphQLSchema, principal: Principal): GraphQLSchema {
  const document = parse(printSchema(apiSchema));
  const types = new Map<string, TypeDefinition>();
  for (const definition of document.definitions) if (isTypeDefinition(definition)) types.set(definition.name.value, definition);

  // 1. Fields the table does not open to the principal.
  for (const [name, definition] of types) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const fields = (definition.fields ?? []).filter((field) => fieldVisibleTo(principal, name, field.name.value));
    types.set(name, { ...definition, fields });
  }

  // The built-in scalars are never printed, so never in `types`, but always there.
  const exists = (name: string): boolean => types.has(name) || BUILT_IN_SCALARS.has(name);

  // 2. Types left without fields (or members) go, and with them the fields that return them,
  //    until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, definition] of types) {
      if (
        ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
          (definition.fields ?? []).length === 0) ||
        (definition.kind === Kind.UNION_TYPE_DEFINITION && (definition.types ?? []).length === 0)
      ) {
        types.delete(name);
        changed = true;
      }
    }
    for (const [name, definition] of types) {
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
        const fields = (definition.fields ?? []).filter((field) => exists(namedType(field.type)));
        const interfaces = (definition.interfaces ?? []).filter((iface) => types.has(iface.name.value));
        if (fields.length !== definition.fields?.length || interfaces.length !== definition.interfaces?.length) {
          types.set(name, { ...definition, fields, interfaces });
          changed = true;
        }
      } else if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
        const members = (definition.types ?? []).filter((member) => types.has(member.name.value));
        if (members.length !== definition.types?.length) {
          types.set(name, { ...definition, types: members });
          changed = true;
        }
      }
    }
  }

  // 3. Only what is reachable from the roots (and from the directives) stays.
  const schemaDefinition = document.definitions.find((definition) => definition.kind === Kind.SCHEMA_DEFINITION);
  const roots = schemaDefinition
    ? schemaDefinition.operationTypes.map((operationType) => operationType.type.name.value)
    : [...ROOT_TYPES];
  const reachable = new Set<string>();
  const pending = roots.filter((root) => types.has(root));
  const reach = (name: string): void => {
    if (types.has(name) && !reachable.has(name)) pending.push(name);
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) for (const arg of definition.arguments ?? []) reach(namedType(arg.type));
  }
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reachable.has(name)) continue;
    reachable.add(name);
    const definition = types.get(name)!;
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const iface of definition.interfaces ?? []) reach(iface.name.value);
        for (const field of definition.fields ?? []) reachField(field, reach);
        if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
          // Every implementation of a reachable interface may come back from it.
          for (const [other, candidate] of types) {
            if (
              (candidate.kind === Kind.OBJECT_TYPE_DEFINITION || candidate.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
              candidate.interfaces?.some((iface: NamedTypeNode) => iface.name.value === name)
            ) {
              reach(other);
            }
          }
        }
        break;
      case Kind.UNION_TYPE_DEFINITION:
        for (const member of definition.types ?? []) reach(member.name.value);
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) reach(namedType(field.type));
        break;
      default:
        break;
    }
  }

  const definitions: DefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      const operationTypes = definition.operationTypes.filter((operationType) => reachable.has(operationType.type.name.value));
      definitions.push({ ...definition, operationTypes });
    } else if (isTypeDefinition(definition)) {
      const kept = types.get(definition.name.value);
      if (kept && reachable.has(definition.name.value)) definitions.push(kept);
    } else {
      definitions.push(definition);
    }
  }
  const contract = buildASTSchema({ kind: Kind.DOCUMENT, definitions });
  assertValidSchema(contract);
  return contract;
}

function reachField(field: FieldDefinitionNode, reach: (name: string) => void): void {
  reach(namedType(field.type));
  for (const arg of field.arguments ?? []) reach(namedType(arg.type));
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * The names of the root fields the chosen operation selects, fragments expanded; null when the
 * operation cannot be chosen (none, or several and no name) or uses an unknown fragment.
 */
function rootFieldNames(document: DocumentNode, operationName?: string | null): { operation: string; names: string[] } | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return null;
  const fields = collectFields(operation.selectionSet, fragmentsOf(document), { strict: true });
  return fields ? { operation: operation.operation, names: fields.map((field) => field.name.value) } : null;
}

/**
 * Whether the operation (the named one, or the only one) is a query whose every root
 * selection is `__schema`, `__type` or `__typename` — what GraphiQL sends to learn the schema.
 */
export function isIntrospectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const root = rootFieldNames(document, operationName);
  return root !== null && root.operation === 'query' && root.names.length > 0 && root.names.every((name) => INTROSPECTION_FIELDS.has(name));
}

/** Whether the operation asks about the schema (`__schema` or `__type`) next to anything else. */
function mixesIntrospection(document: DocumentNode, operationName?: string | null): boolean {
  const root = rootFieldNames(document, operationName);
  if (root === null || isIntrospectionOnly(document, operationName)) return false;
  return root.names.some((name) => name === '__schema' || name === '__type');
}

/**
 * Answers an introspection operation from the principal's contract instead of the full API
 * schema, so `__schema` and `__type` show only what the principal could ever read.
 */
export async function executeIntrospection(
  apiSchema: GraphQLSchema,
  principal: Principal,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): Promise<ExecutionResult> {
  const schema = contractSchema(apiSchema, principal);
  const errors = validate(schema, document);
  if (errors.length > 0) return { errors };
  return await execute({ schema, document, variableValues: variables ?? undefined, operationName: operationName ?? undefined });
}

/**
 * The Apollo Server plugin that routes introspection to the contract: an introspection-only
 * operation is answered from the caller's contract (the context has already authenticated
 * it); `__schema` or `__type` mixed with other fields is refused, because the gateway would
 * answer them from the full schema.
 */
export function contractIntrospection<TContext extends { principal: Principal }>(apiSchema: GraphQLSchema): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName }) {
          if (mixesIntrospection(document, operationName)) {
            throw badInput('query', 'ask __schema and __type in an operation of their own');
          }
        },
        async responseForOperation({ document, operationName, request, contextValue }) {
          if (!isIntrospectionOnly(document, operationName)) return null;
          const result = await executeIntrospection(apiSchema, contextValue.principal, document, request.variables, operationName);
          return {
            http: { headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: {
                ...(result.data !== undefined ? { data: result.data } : {}),
                ...(result.errors ? { errors: result.errors.map((error: GraphQLError) => error.toJSON()) } : {}),
              },
            },
          };
        },
      };
    },
  };
}

/** The suggestion graphql-js appends to a validation message; Apollo strips it with the same pattern. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * Gives each validation error the suggestion ("Did you mean …?") that the principal's contract
 * makes for the same mistake at the same place, and no other: a suggestion computed against the
 * full API schema would name fields the principal cannot see (a consumer typing `grant` was
 * offered the steward's `grants`). The document is validated against the contract once; an
 * error the contract does not make the same way (e.g. one inside a type the contract hides)
 * gets no suggestion. Changes the errors' messages in place.
 */
export function suggestWithinContract(errors: ReadonlyArray<Error>, document: DocumentNode, contract: GraphQLSchema): void {
  const where = (error: Error) => JSON.stringify((error as Partial<GraphQLError>).locations ?? []);
  const suggestions = new Map<string, string>();
  for (const error of validate(contract, document)) {
    const match = SUGGESTION.exec(error.message);
    if (match) suggestions.set(`${error.message.slice(0, match.index)}\n${where(error)}`, match[0]);
  }
  for (const error of errors) {
    const message = error.message.replace(SUGGESTION, '');
    error.message = message + (suggestions.get(`${message}\n${where(error)}`) ?? '');
  }
}

/** The type a variable-coercion error's suggestion is about: `… by type "X". Did you mean` or `… in "X" enum. Did you mean`. */
const COERCION_SUGGESTION_TYPE = /(?:by type|in) "(\w+)"(?: enum)?\. Did you mean/;

/**
 * Drops the suggestion from an error about a variable's value (graphql's coercion, which runs
 * after validation and suggests input fields and enum values) unless the type it is about is
 * part of `contract` — input types and enums keep all their fields and values there, so such a
 * suggestion names nothing hidden. `contract` null (the public): every suggestion goes. Other
 * errors are left alone. Changes the errors' messages in place.
 */
export function hideCoercionSuggestions(errors: ReadonlyArray<Error>, contract: GraphQLSchema | null): void {
  for (const error of errors) {
    if (!error.message.startsWith('Variable "$') || !SUGGESTION.test(error.message)) continue;
    const type = COERCION_SUGGESTION_TYPE.exec(error.message)?.[1];
    if (contract && type !== undefined && contract.getType(type)) continue;
    error.message = error.message.replace(SUGGESTION, '');
  }
}

/**
 * The plugin that makes suggestions come from the caller's contract. It relies on Apollo's
 * `hideSchemaDetailsFromClientErrors`, whose plugin strips every suggestion from validation
 * errors: Apollo adds that plugin after ours and runs validation end hooks in reverse order, so
 * this one runs last and puts back, for authenticated principals, what their contract
 * suggests. Errors about variables' values, which Apollo leaves alone, lose suggestions about
 * types outside the contract. The public gets no suggestion at all: its contract is one field,
 * and "did you mean" is a schema probe.
 */
export function contractSuggestions<TContext extends { principal: Principal }>(apiSchema: GraphQLSchema): ApolloServerPlugin<TContext> {
  const contractOf = (principal: Principal) => (principal.kind === 'public' ? null : contractSchema(apiSchema, principal));
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document, contextValue }) {
          // Apollo calls validation end hooks without awaiting them: the body must not await
          // before it has changed the messages (it never does).
          return async (errors) => {
            const contract = errors?.length ? contractOf(contextValue.principal) : null;
            if (contract) suggestWithinContract(errors!, document, contract);
          };
        },
        async didEncounterErrors({ errors, contextValue }) {
          hideCoercionSuggestions(errors, contractOf(contextValue.principal));
        },
      };
    },
  };
}

/** Every root field of the schema, as `Type.field`: what the visibility table must classify. */
export function rootFieldsOf(schema: GraphQLSchema): string[] {
  const names: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) for (const field of Object.keys(root.getFields())) names.push(`${root.name}.${field}`);
  }
  return names;
}
