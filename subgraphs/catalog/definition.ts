import type { CatalogItem, SharingLevelValue } from '../kit/catalog-lookup.js';
import type { HolderKindValue } from '../../lib/codes.js';

/**
 * What a steward defines of a certificate type, all but its code: one version of the type. The
 * catalog keeps every version as one of these (certificate_type_versions.definition), and the
 * access log records a redefinition as the one before and the one after.
 */
export interface TypeDefinition {
  name: string;
  definingAuthority: string;
  holderKind: HolderKindValue;
  sharing: SharingLevelValue;
  validityYears: number | null;
  issuers: string[];
  /** In printed order. */
  items: CatalogItem[];
}

/** One field that a redefinition changes, before and after, as text (null: absent). */
export interface DefinitionDifference {
  field: string;
  before: string | null;
  after: string | null;
}

/** What a redefinition changes, for the steward to read before it is made. */
export interface DefinitionComparison {
  differences: DefinitionDifference[];
  /** What changes for certificates already issued, in words. */
  effects: string[];
  /** Why the redefinition needs `confirm: true`: it opens data that was closed. Empty when it does not. */
  confirmationReasons: string[];
  /** Which grants on the type change meaning: every one, or those naming one of `items`. */
  affectedGrants: { all: boolean; items: string[] };
}

/** How widely each level shares: a redefinition to a higher rank opens data. */
const SHARING_RANK: Readonly<Record<SharingLevelValue, number>> = { NOT_SHARED: 0, CONDITIONAL: 1, UNCONDITIONAL: 2 };

/**
 * Who reads the holder's identity on certificates of a type that another agency issued, by the
 * type's sharing level (subgraphs/certificate/access.ts decides it the same way).
 */
const IDENTITY_READERS: Readonly<Record<SharingLevelValue, string>> = {
  UNCONDITIONAL: 'by every consumer agency',
  CONDITIONAL: 'only through a grant',
  NOT_SHARED: 'only by the issuer and the holder',
};

/** Who reads an item's value on certificates of a type that another agency issued. */
function itemReaders(sharing: SharingLevelValue, sensitive: boolean): string {
  if (sharing === 'NOT_SHARED') return 'only by the issuer and the holder';
  if (sharing === 'CONDITIONAL' || sensitive) return 'only through a grant naming it';
  return 'by every consumer agency';
}

const list = (values: readonly string[]): string | null => (values.length === 0 ? null : values.join(', '));
const validity = (years: number | null): string => (years === null ? 'no fixed term' : `${years} year${years === 1 ? '' : 's'}`);

/** Nothing to compare a first definition with: it changes nothing that exists. */
export const FIRST_DEFINITION: DefinitionComparison = {
  differences: [],
  effects: [],
  confirmationReasons: [],
  affectedGrants: { all: false, items: [] },
};

/**
 * What redefining a type from `before` to `after` changes: the differences field by field, what
 * that means for the certificates already issued and for the grants on the type, and whether it
 * opens data that was closed — sharing widened, an item dropped (its values no longer described,
 * so withheld) or made non-sensitive — which a steward must confirm. A holder kind never changes
 * (the caller refuses that first), so it is not compared.
 */
export function compareDefinitions(before: TypeDefinition, after: TypeDefinition): DefinitionComparison {
  const differences: DefinitionDifference[] = [];
  const effects: string[] = [];
  const confirmationReasons: string[] = [];
  const grantItems = new Set<string>();

  if (before.name !== after.name) {
    differences.push({ field: 'name', before: before.name, after: after.name });
    effects.push(`the type is named ${after.name} (was: ${before.name}), on existing certificates too`);
  }
  if (before.definingAuthority !== after.definingAuthority) {
    differences.push({ field: 'definingAuthority', before: before.definingAuthority, after: after.definingAuthority });
    effects.push(`the defining authority is named ${after.definingAuthority} (was: ${before.definingAuthority})`);
  }

  const sharingChanged = before.sharing !== after.sharing;
  if (sharingChanged) {
    differences.push({ field: 'sharing', before: before.sharing, after: after.sharing });
    if (SHARING_RANK[after.sharing] > SHARING_RANK[before.sharing]) {
      confirmationReasons.push(`sharing widens from ${before.sharing} to ${after.sharing}`);
    }
    effects.push(
      `holder identity of existing certificates becomes readable ${IDENTITY_READERS[after.sharing]} (was: ${IDENTITY_READERS[before.sharing]})`,
    );
    if (after.sharing === 'NOT_SHARED') effects.push('every grant on the type stops applying: a NOT_SHARED type cannot be granted');
  }

  if (before.validityYears !== after.validityYears) {
    differences.push({
      field: 'validityYears',
      before: before.validityYears === null ? null : String(before.validityYears),
      after: after.validityYears === null ? null : String(after.validityYears),
    });
    effects.push(`new certificates are valid for ${validity(after.validityYears)} (was: ${validity(before.validityYears)}); existing certificates keep their validity`);
  }

  const issuersBefore = new Set(before.issuers);
  const issuersAfter = new Set(after.issuers);
  const issuersAdded = after.issuers.filter((issuer) => !issuersBefore.has(issuer));
  const issuersRemoved = before.issuers.filter((issuer) => !issuersAfter.has(issuer));
  if (issuersAdded.length > 0 || issuersRemoved.length > 0) {
    differences.push({ field: 'issuers', before: list(before.issuers), after: list(after.issuers) });
    if (issuersAdded.length > 0) effects.push(`${issuersAdded.join(', ')} may now issue, convert and amend certificates of the type`);
    if (issuersRemoved.length > 0) {
      effects.push(`${issuersRemoved.join(', ')} may no longer issue, convert or amend certificates of the type; certificates already issued stay as they are`);
    }
  }

  const itemsBefore = new Map(before.items.map((item) => [item.code, item]));
  const itemsAfter = new Map(after.items.map((item) => [item.code, item]));
  /** Items kept with the same sensitivity whose readers change with the sharing level, grouped by the change. */
  const reread = new Map<string, { before: string; after: string; codes: string[] }>();
  for (const item of before.items) {
    const now = itemsAfter.get(item.code);
    if (!now) {
      differences.push({ field: `items.${item.code}`, before: item.name, after: null });
      confirmationReasons.push(`item ${item.code} is dropped`);
      effects.push(`item ${item.code} is dropped: its value on existing certificates is withheld from everyone but issuer and holder`);
      grantItems.add(item.code);
      continue;
    }
    if (item.name !== now.name) {
      differences.push({ field: `items.${item.code}.name`, before: item.name, after: now.name });
      effects.push(`item ${item.code} is renamed from ${item.name} to ${now.name}: existing certificates show the new name`);
      grantItems.add(item.code);
    }
    if (item.required !== now.required) {
      differences.push({ field: `items.${item.code}.required`, before: String(item.required), after: String(now.required) });
      effects.push(
        now.required
          ? `item ${item.code} becomes required: new and converted certificates must carry it; existing ones without it stay as they are`
          : `item ${item.code} becomes optional for new and converted certificates`,
      );
    }
    const readersBefore = itemReaders(before.sharing, item.sensitive);
    const readersAfter = itemReaders(after.sharing, now.sensitive);
    if (item.sensitive !== now.sensitive) {
      differences.push({ field: `items.${item.code}.sensitive`, before: String(item.sensitive), after: String(now.sensitive) });
      grantItems.add(item.code);
      if (now.sensitive) {
        effects.push(`item ${item.code} becomes sensitive: readable ${readersAfter} (was: ${readersBefore})`);
      } else {
        confirmationReasons.push(`item ${item.code} is no longer sensitive`);
        effects.push(
          readersAfter === readersBefore
            ? `item ${item.code} is no longer sensitive: still readable ${readersAfter} while the type is ${after.sharing}, by every consumer agency once it is UNCONDITIONAL`
            : `item ${item.code} is no longer sensitive: readable ${readersAfter} (was: ${readersBefore})`,
        );
      }
    } else if (readersBefore !== readersAfter) {
      const key = `${readersBefore}\u0000${readersAfter}`;
      const group = reread.get(key) ?? { before: readersBefore, after: readersAfter, codes: [] };
      group.codes.push(item.code);
      reread.set(key, group);
    }
  }
  for (const { before: was, after: now, codes } of reread.values()) {
    const subject = codes.length === 1 ? `item ${codes[0]} of existing certificates becomes` : `items ${codes.join(', ')} of existing certificates become`;
    effects.push(`${subject} readable ${now} (was: ${was})`);
  }
  for (const item of after.items) {
    if (itemsBefore.has(item.code)) continue;
    differences.push({ field: `items.${item.code}`, before: null, after: item.name });
    effects.push(
      `item ${item.code} is added${item.required ? ' as required' : ''}: new certificates carry it, existing ones do not; readable ${itemReaders(after.sharing, item.sensitive)}`,
    );
  }
  const keptBefore = before.items.filter((item) => itemsAfter.has(item.code)).map((item) => item.code);
  const keptAfter = after.items.filter((item) => itemsBefore.has(item.code)).map((item) => item.code);
  if (keptBefore.join() !== keptAfter.join()) {
    differences.push({ field: 'items', before: list(before.items.map((item) => item.code)), after: list(after.items.map((item) => item.code)) });
    effects.push('the items are printed in a new order');
  }

  return {
    differences,
    effects,
    confirmationReasons,
    // A grant means something else when the sharing level changes under it, or when an item it names goes, is renamed or changes sensitivity.
    affectedGrants: { all: sharingChanged, items: [...grantItems] },
  };
}
