import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Deepest selection nesting a client may send; introspection fields do not count. */
export const MAX_DEPTH = 10;
/** Most fields (aliases and fragment uses included) one operation may select. */
export const MAX_FIELDS = 2_000;

/**
 * Refuses operations nested deeper than `maxDepth` or selecting more than `maxFields` fields,
 * fragments expanded where they are used, before any node is asked.
 */
export function operationLimits(maxDepth = MAX_DEPTH, maxFields = MAX_FIELDS) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        let fields = 0;
        let deepest = 0;
        const walk = (set: SelectionSetNode, depth: number, expanding: ReadonlySet<string>): void => {
          for (const selection of set.selections) {
            if (fields > maxFields || deepest > maxDepth) return;
            if (selection.kind === Kind.FIELD) {
              if (selection.name.value.startsWith('__')) continue;
              fields++;
              deepest = Math.max(deepest, depth + 1);
              if (selection.selectionSet) walk(selection.selectionSet, depth + 1, expanding);
            } else if (selection.kind === Kind.INLINE_FRAGMENT) {
              walk(selection.selectionSet, depth, expanding);
            } else {
              const name = selection.name.value;
              const fragment = fragments.get(name);
              // A cycle is reported by graphql's own NoFragmentCycles rule.
              if (fragment && !expanding.has(name)) walk(fragment.selectionSet, depth, new Set([...expanding, name]));
            }
          }
        };
        walk(operation.selectionSet, 0, new Set());
        if (deepest > maxDepth) {
          context.reportError(new GraphQLError(`the operation is nested deeper than ${maxDepth} fields`, { nodes: [operation], extensions: { code: 'QUERY_TOO_COMPLEX' } }));
        } else if (fields > maxFields) {
          context.reportError(new GraphQLError(`the operation selects more than ${maxFields} fields`, { nodes: [operation], extensions: { code: 'QUERY_TOO_COMPLEX' } }));
        }
        return false;
      },
    };
  };
}
