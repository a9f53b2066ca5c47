import type { HolderKindValue } from '../../lib/codes.js';

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
}

/**
 * How the certificate subgraph reads the catalog, which it does not own: the node answers from
 * the catalog subgraph of the type's node (over HTTP, with a bounded cache); tests and the demo
 * seed answer from memory.
 */
export interface CatalogLookup {
  getType(code: string): Promise<CatalogType | null>;
}

/** A lookup over a fixed list of types. */
export function catalogFromList(types: readonly CatalogType[]): CatalogLookup {
  const byCode = new Map(types.map((type) => [type.code, type]));
  return { getType: async (code) => byCode.get(code) ?? null };
}
