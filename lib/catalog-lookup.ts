import type { HolderKindValue } from './codes.js';

export interface CatalogItem {
  code: string;
  name: string;
  required: boolean;
  sensitive: boolean;
}

export type SharingLevelValue = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';

/** A certificate type as the catalog subgraph of its defining authority's node describes it. */
export interface CatalogType {
  code: string;
  name: string;
  holderKind: HolderKindValue;
  sharing: SharingLevelValue;
  validityYears: number | null;
  items: CatalogItem[];
  /**
   * The defining authority's name and the node that keeps the type: a catalog subgraph always
   * answers them; lookups built from a fixed list for issuance need not.
   */
  definingAuthority?: string;
  node?: string;
}

/**
 * How a subgraph reads certificate types it does not keep itself: a node answers from the
 * catalog subgraph of the type's node (over HTTP, with a bounded cache, see remote-catalog.ts);
 * tests and the demo seed answer from memory.
 */
export interface CatalogLookup {
  getType(code: string): Promise<CatalogType | null>;
}

/** A lookup over a fixed list of types. */
export function catalogFromList(types: readonly CatalogType[]): CatalogLookup {
  const byCode = new Map(types.map((type) => [type.code, type]));
  return { getType: async (code) => byCode.get(code) ?? null };
}
