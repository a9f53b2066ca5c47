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
  /**
   * Who may issue certificates of the type: USCCs, or `region:<6 digits>` for every agency
   * registered in that region (a province or city code covers its cities and districts). The
   * defining authority always may. Absent in a lookup that predates it: then only the defining
   * authority may.
   */
  issuers?: readonly string[];
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

/** Whether an agency registered in `agencyRegion` lies within `region` (province 350000 ⊃ city 350200 ⊃ district 350203). */
export function regionCovers(region: string, agencyRegion: string): boolean {
  const prefix = region.replace(/(00)+$/, '');
  return agencyRegion.startsWith(prefix);
}

/**
 * Why `agency` may not issue certificates of `type`, or null when it may: it is the defining
 * authority (the first 18 characters of the type code), or the type's issuers name it or a
 * region it is registered in.
 */
export function issuerProblem(type: Pick<CatalogType, 'code' | 'name' | 'issuers'>, agency: string): string | null {
  if (type.code.slice(0, 18) === agency) return null;
  const agencyRegion = agency.slice(2, 8);
  for (const issuer of type.issuers ?? []) {
    if (issuer === agency) return null;
    if (issuer.startsWith('region:') && regionCovers(issuer.slice('region:'.length), agencyRegion)) return null;
  }
  return `${agency} is not among the authorities competent to issue ${type.name} (${type.code})`;
}

/** A lookup over a fixed list of types. */
export function catalogFromList(types: readonly CatalogType[]): CatalogLookup {
  const byCode = new Map(types.map((type) => [type.code, type]));
  return { getType: async (code) => byCode.get(code) ?? null };
}
