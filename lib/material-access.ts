import { grantsFor } from './grants.js';
import type { GrantClaim } from './principal.js';

/**
 * Whether an agency may read, for one matter (事项), the items a material of the matter needs —
 * on its own, without the holder's consent: by the type's sharing level and the agency's grants
 * naming the matter code as a purpose. The same rule as a consumer's read of a certificate
 * (subgraphs/certificate/access.ts sharedAccess), asked of a type rather than of a certificate,
 * so that the catalog can say which matters need no paper (Matter.paperlessReady) and the
 * counter's check can tell a material it may read from one that needs consent.
 */

/** What the rule needs of a certificate type: its sharing level and which of its items are sensitive. */
export interface MaterialType {
  sharing: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
  items: ReadonlyArray<{ code: string; sensitive: boolean }>;
}

/** A material of a matter: a certificate of `certificateType`, of which the matter needs `items` (none: the certificate itself). */
export interface MaterialNeed {
  certificateType: string;
  items: readonly string[];
}

/**
 * Why a material is not readable without consent:
 * - `TYPE_UNKNOWN`: the catalog cannot find (or cannot now read) the type: nothing is shared without it;
 * - `NOT_SHARED`: only the type's issuer and holder read it;
 * - `ITEM_NOT_DEFINED`: a needed item the type no longer defines;
 * - `NO_GRANT`: a CONDITIONAL type, or a sensitive item, and no live grant of the agency for
 *   the type with the matter code among its purposes opens it.
 */
export type MaterialBlock = 'TYPE_UNKNOWN' | 'NOT_SHARED' | 'ITEM_NOT_DEFINED' | 'NO_GRANT';

export interface MaterialAccess {
  readable: boolean;
  /** Null when readable. */
  blockedBy: MaterialBlock | null;
}

const READABLE: MaterialAccess = { readable: true, blockedBy: null };
const blocked = (blockedBy: MaterialBlock): MaterialAccess => ({ readable: false, blockedBy });

/**
 * Whether the agency whose grants are `grants` may read the items `material` needs for the
 * matter `matter` at `now` without the holder's consent:
 * - a type the catalog cannot find: no;
 * - NOT_SHARED: no;
 * - UNCONDITIONAL: when every needed item is non-sensitive or named by a live grant of the
 *   agency for the type with the matter code among its purposes;
 * - CONDITIONAL: when such a grant exists and such grants name every needed item (no needed
 *   items: any such grant, which opens the holder's identity).
 * Grants of other types, for other purposes, expired ones (and, by the catalog, revoked ones)
 * count for nothing; as on a certificate read, the items of all the agency's applicable grants
 * on the type add up. A needed item the type no longer defines is never readable.
 */
export function materialAccess(
  material: MaterialNeed,
  type: MaterialType | null,
  matter: string,
  grants: readonly GrantClaim[],
  now: Date,
): MaterialAccess {
  if (!type) return blocked('TYPE_UNKNOWN');
  if (type.sharing === 'NOT_SHARED') return blocked('NOT_SHARED');
  const sensitive = new Map(type.items.map((item) => [item.code, item.sensitive]));
  if (material.items.some((item) => !sensitive.has(item))) return blocked('ITEM_NOT_DEFINED');
  const granted = grantsFor(material.certificateType, grants, matter, now);
  const grantedItems = new Set(granted.flatMap((grant) => grant.items));
  if (type.sharing === 'CONDITIONAL') {
    return granted.length > 0 && material.items.every((item) => grantedItems.has(item)) ? READABLE : blocked('NO_GRANT');
  }
  return material.items.every((item) => !sensitive.get(item) || grantedItems.has(item)) ? READABLE : blocked('NO_GRANT');
}
