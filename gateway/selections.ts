import {
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The one place that walks selection sets through their fragments, as graphql-js's
 * collectFields does for execution: the data sources (which fields a fetch asks), the mergers
 * (which fields a node answered), the contract (which root fields an operation selects), the
 * fast path (whether two operations select the same) and the limits (how deep, how many, how
 * costly) all expand inline fragments and fragment spreads the same way here.
 */

/** A document's fragment definitions by name. */
export function fragmentsOf(document: DocumentNode | readonly FragmentDefinitionNode[]): Map<string, FragmentDefinitionNode> {
  const definitions = 'definitions' in document ? document.definitions : document;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** A fragment as collectFields meets it: inline, or a spread with its definition. */
export interface FragmentUse {
  typeCondition: string | undefined;
  /** The directives on the inline fragment, or on the spread and on the definition. */
  directives: readonly DirectiveNode[];
  selectionSet: SelectionSetNode;
}

export interface CollectOptions {
  /** Which fragments to expand (default: all); the others are passed over, or fail a strict collection. */
  accept?(fragment: FragmentUse): boolean;
  /** A fragment that is unknown, cyclic or not accepted makes the whole collection null, instead of being passed over. */
  strict?: boolean;
}

/**
 * The fields a selection set selects, inline fragments and fragment spreads expanded in order
 * (a fragment spread inside itself, directly or not, is expanded once). Null only for a strict
 * collection that met a fragment it could not or would not expand.
 */
export function collectFields(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, options: CollectOptions = {}): FieldNode[] | null {
  const out: FieldNode[] = [];
  const walk = (current: SelectionSetNode, expanding: ReadonlySet<string>): boolean => {
    for (const selection of current.selections) {
      if (selection.kind === Kind.FIELD) {
        out.push(selection);
        continue;
      }
      let use: FragmentUse | null;
      let name: string | null = null;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        use = inlineUse(selection);
      } else {
        name = selection.name.value;
        const definition = fragments.get(name);
        use =
          definition && !expanding.has(name)
            ? { typeCondition: definition.typeCondition.name.value, directives: [...(selection.directives ?? []), ...(definition.directives ?? [])], selectionSet: definition.selectionSet }
            : null;
      }
      if (!use || (options.accept && !options.accept(use))) {
        if (options.strict) return false;
        continue;
      }
      if (!walk(use.selectionSet, name ? new Set([...expanding, name]) : expanding)) return false;
    }
    return true;
  };
  return walk(set, new Set()) ? out : null;
}

const inlineUse = (fragment: InlineFragmentNode): FragmentUse => ({
  typeCondition: fragment.typeCondition?.name.value,
  directives: fragment.directives ?? [],
  selectionSet: fragment.selectionSet,
});

/** collectFields of a lenient walk: every fragment it can expand, on `typeCondition` or on no type. */
export function fieldsOnType(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, typeCondition?: string): FieldNode[] {
  return collectFields(set, fragments, {
    accept: (fragment) => !typeCondition || !fragment.typeCondition || fragment.typeCondition === typeCondition,
  })!;
}

/** How foldSelections combines what it finds in a selection set. */
export interface SelectionFold<T> {
  /** The value of nothing selected. */
  readonly empty: T;
  /** A field under `parentType`; `below` folds a selection set under a type (its own, for the caller to name). */
  field(field: FieldNode, parentType: string, below: (set: SelectionSetNode, type: string) => T): T;
  /** An inline fragment's value from the fold of its selections (default: that value). */
  inline?(fragment: InlineFragmentNode, inside: T): T;
  /** Two values of one selection set together. */
  add(a: T, b: T): T;
}

/**
 * Folds a selection set in one pass over the document's text: each fragment is folded once, at
 * its own type condition, and its value reused wherever it is spread — so a fragment bomb (F1
 * spreads F0 twice, F2 spreads F1 twice, …) costs a walk of its text, not of its 2^n expansion.
 * A cycle or an unknown fragment counts as `empty` (graphql's own validation refuses both).
 */
export function foldSelections<T>(set: SelectionSetNode, parentType: string, fragments: ReadonlyMap<string, FragmentDefinitionNode>, fold: SelectionFold<T>): T {
  const folded = new Map<string, T>();
  const inProgress = new Set<string>();
  const fragmentValue = (name: string): T => {
    const known = folded.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return fold.empty;
    inProgress.add(name);
    const value = setValue(fragment.selectionSet, fragment.typeCondition.name.value);
    inProgress.delete(name);
    folded.set(name, value);
    return value;
  };
  const setValue = (current: SelectionSetNode, type: string): T => {
    let total = fold.empty;
    for (const selection of current.selections) {
      if (selection.kind === Kind.FIELD) {
        total = fold.add(total, fold.field(selection, type, setValue));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inside = setValue(selection.selectionSet, selection.typeCondition?.name.value ?? type);
        total = fold.add(total, fold.inline ? fold.inline(selection, inside) : inside);
      } else {
        total = fold.add(total, fragmentValue(selection.name.value));
      }
    }
    return total;
  };
  return setValue(set, parentType);
}
