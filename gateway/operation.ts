import {
  Kind,
  parse,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { fragmentsOf } from './selections.js';

/** Helpers over the subgraph operations the query planner produces. */

export type Path = ReadonlyArray<string | number>;

export const responseKey = (field: FieldNode): string => field.alias?.value ?? field.name.value;

export function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('a subgraph fetch without an operation');
  return operation;
}

/** The value of `path` (e.g. `input.uscc`) among a field's arguments, variables substituted. */
export function argumentValue(field: FieldNode, path: string, variables: Record<string, unknown> | undefined): unknown {
  const [name, ...rest] = path.split('.');
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  let value: unknown = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
  for (const key of rest) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Parses selections such as `__hub_code: code` once, for injection into subgraph fetches. */
export function selections(source: string): readonly SelectionNode[] {
  const operation = operationOf(parse(`{ ${source} }`, { noLocation: true }));
  return operation.selectionSet.selections;
}

/**
 * A copy of `document` in which every field that `match` accepts gets `extra` added to its
 * selection set, so that mergers can read sort keys and totals the client did not ask for.
 */
export function injectSelections(
  document: DocumentNode,
  match: (field: FieldNode, parentType: string | undefined, depth: number) => readonly SelectionNode[] | null,
): DocumentNode {
  const typeStack: Array<string | undefined> = [];
  let depth = 0;
  return visit(document, {
    InlineFragment: {
      enter: (node) => void typeStack.push(node.typeCondition?.name.value),
      leave: () => void typeStack.pop(),
    },
    Field: {
      enter(node) {
        depth++;
        const extra = match(node, typeStack.at(-1), depth);
        if (!extra || !node.selectionSet) return undefined;
        return { ...node, selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, ...extra] } };
      },
      leave: () => void depth--,
    },
  });
}

/**
 * A copy of a root operation keeping only the root fields whose response keys are in `keep`,
 * without the variables and fragments that only the dropped fields used (unused ones would
 * fail the subgraph's validation).
 */
export function keepRootFields(document: DocumentNode, keep: ReadonlySet<string>): DocumentNode {
  const operation = operationOf(document);
  const kept = operation.selectionSet.selections.filter((s) => s.kind !== Kind.FIELD || keep.has(responseKey(s)));
  const trimmed: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections: kept } };

  const fragments = fragmentsOf(document);
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (v) => void usedVariables.add(v.name.value),
      FragmentSpread: (spread) => {
        if (!usedFragments.has(spread.name.value)) {
          usedFragments.add(spread.name.value);
          const fragment = fragments.get(spread.name.value);
          if (fragment) collect(fragment);
        }
      },
    });
  collect({ ...trimmed, variableDefinitions: [] });

  return {
    ...document,
    definitions: [
      { ...trimmed, variableDefinitions: operation.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)) ?? [] },
      ...[...fragments.values()].filter((f) => usedFragments.has(f.name.value)),
    ],
  };
}

/** Keys the gateway adds to subgraph selections; never shown to clients. */
export const INJECTED_PREFIX = '__hub_';

export const isInjectedPath = (path: Path): boolean => path.some((segment) => typeof segment === 'string' && segment.startsWith(INJECTED_PREFIX));
