import { Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { foldSelections, fragmentsOf } from './selections.js';

/*
 * What an operation costs before any node is asked: each field costs 1 for every time it can
 * be resolved — times the `first` of every enclosing page (its default when not given, at most
 * the largest page) and times an estimate for every other enclosing list. The gateway refuses
 * an operation over its limit (limits.ts MAX_COST); this is only the counting.
 */

export interface CostSettings {
  /** Largest `first` of a page: a larger or missing one counts as this. */
  maxPage: number;
  /** How many elements a list without `first` is assumed to have. */
  listEstimate: number;
}

/** The value of an integer argument, variables substituted; undefined when it is not an integer. */
export function intArgument(value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isInteger(given) ? given : undefined;
  }
  return undefined;
}

/**
 * The parts of a field definition the cost reads. Types are known by their printed names
 * (`[Certificate!]!`), not by graphql's `isListType` and friends: the gateway's schema is built
 * by Apollo's CommonJS copy of graphql, and graphql's instanceof checks throw when a type of one
 * copy meets the predicates of the other.
 */
interface FieldInfo {
  args: ReadonlyArray<{ name: string; defaultValue?: unknown }>;
  type: { toString(): string };
}

const namedTypeOf = (field: FieldInfo) => String(field.type).replace(/[[\]!]/g, '');
const isList = (field: FieldInfo) => String(field.type).startsWith('[');
const INTROSPECTION_FIELDS: Record<string, FieldInfo> = { __schema: { args: [], type: '__Schema!' }, __type: { args: [], type: '__Type' } };

/**
 * How many times each field below `field` may be resolved for each time `field` is: its page
 * size when it takes `first`, the list estimate for any other list, except a connection's
 * edges, which are the page already counted.
 */
function multiplier(
  field: FieldNode,
  definition: FieldInfo | undefined,
  parent: string,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  settings: CostSettings,
): number {
  if (!definition) return 1;
  const first = definition.args.find((arg) => arg.name === 'first');
  if (first) {
    let argument = field.arguments?.find((arg) => arg.name.value === 'first')?.value;
    if (argument?.kind === Kind.VARIABLE && !(argument.name.value in variables)) {
      // A variable not sent takes its own default, else the argument's.
      const name = argument.name.value;
      argument = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    }
    const size = argument ? intArgument(argument, variables) : typeof first.defaultValue === 'number' ? first.defaultValue : undefined;
    // Out-of-range pages are the subgraph's to refuse, naming `first`; here they count as the largest.
    return Math.max(1, Math.min(size ?? settings.maxPage, settings.maxPage));
  }
  if (isList(definition)) return parent.endsWith('Connection') ? 1 : settings.listEstimate;
  return 1;
}

/**
 * What an operation costs, with the request's variables: each fragment is costed once per
 * request, at multiplier 1, and scaled where it is spread (foldSelections).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  settings: CostSettings,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const queryType = schema.getQueryType()?.name;
  const fieldOf = (parent: string, name: string): FieldInfo | undefined => {
    if (parent === queryType && INTROSPECTION_FIELDS[name]) return INTROSPECTION_FIELDS[name];
    const type = schema.getType(parent) as { getFields?: () => Record<string, FieldInfo> } | undefined;
    return typeof type?.getFields === 'function' ? type.getFields()[name] : undefined;
  };
  const costOf = (root: string) =>
    foldSelections<number>(operation.selectionSet, root, fragmentsOf(document), {
      empty: 0,
      add: (a, b) => a + b,
      field(selection, parent, below) {
        const definition = fieldOf(parent, selection.name.value);
        const times = multiplier(selection, definition, parent, operation, variables, settings);
        return times * (1 + (selection.selectionSet && definition ? below(selection.selectionSet, namedTypeOf(definition)) : 0));
      },
    });
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return root ? costOf(root.name) : 0;
}

