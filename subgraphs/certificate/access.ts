import type { SQL } from 'drizzle-orm';
import { grantsFor } from '../../lib/grants.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import { grantDenial, roleDenial, SIGN_IN, type Denial } from '../kit/shield.js';
import type { CatalogType } from './catalog.js';
import type { CertificateContext } from './context.js';
import type { CertificateRow } from './db/schema.js';
import { consentMayApply } from './consents.js';
import { issuedBy, issuedByOrOfTypes, typesHeldBy } from './service.js';

/**
 * What the principal of a request may read of one certificate beyond its metadata: whose it
 * is (holder code, name, registry record, status history) and which items of its face — and,
 * for a rule that refuses, why not.
 */
export interface CertificateAccess {
  identity: boolean;
  item(code: string): boolean;
  /** True when at least one item may be read. */
  anyItem: boolean;
  /**
   * Why the identity, item `code`, or every item is closed; meaningful only when it is. Worked
   * out only when a rule refuses: the booleans above are all that an open row pays for.
   */
  whyNotIdentity(): Denial;
  whyNotItem(code: string): Denial;
  whyNoItem(): Denial;
}

const NOTHING_CLOSED: Denial = { reason: 'NOT_ALLOWED', why: 'nothing is closed' };
const EVERYTHING: CertificateAccess = {
  identity: true,
  item: () => true,
  anyItem: true,
  whyNotIdentity: () => NOTHING_CLOSED,
  whyNotItem: () => NOTHING_CLOSED,
  whyNoItem: () => NOTHING_CLOSED,
};

/** Nothing beyond metadata, for one reason. */
const closed = (denial: Denial): CertificateAccess => ({
  identity: false,
  item: () => false,
  anyItem: false,
  whyNotIdentity: () => denial,
  whyNotItem: () => denial,
  whyNoItem: () => denial,
});

const OUTSIDERS = {
  holder: closed({ reason: 'NOT_THE_HOLDER', why: 'a holder reads only its own certificates' }),
  agency: closed(roleDenial('consumer', 'to read certificates of other authorities')),
  public: closed(SIGN_IN),
  service: closed({ reason: 'NOT_ALLOWED', why: 'a node reads no certificate on its own account' }),
} satisfies Record<Principal['kind'], CertificateAccess>;

/**
 * Why a principal in none of the relations that open a certificate (its holder, its issuer, a
 * consumer agency) reads nothing of it beyond what the public reads.
 */
export const outsiderDenial = (principal: Principal): Denial => OUTSIDERS[principal.kind].whyNotIdentity();

const catalogUnavailable = (typeCode: string) =>
  closed({ reason: 'CATALOG_UNAVAILABLE', why: `the catalog entry of type ${typeCode} cannot be read, and nothing of it is shared without it` });

type AccessContext = Pick<CertificateContext, 'principal' | 'grants' | 'purpose' | 'grantsForOtherPurposes'>;

/**
 * What a consumer agency may read of a certificate of `type` that it did not issue, by the
 * type's sharing level and the request's grants (README › Principals, roles and rules):
 * - UNCONDITIONAL: the holder's identity and the non-sensitive items; sensitive items only
 *   through a grant that names them for the request's purpose;
 * - CONDITIONAL: identity and items only through a grant for the purpose, only the items it names;
 * - NOT_SHARED, or a type whose catalog entry cannot be read: nothing beyond metadata.
 * An item the type does not define (any more) is withheld from everyone but issuer and holder:
 * nothing about it says it may be shared.
 */
function sharedAccess(typeCode: string, type: CatalogType | null, ctx: AccessContext, now: Date): CertificateAccess {
  if (!type) return catalogUnavailable(typeCode);
  if (type.sharing === 'NOT_SHARED') {
    return closed({ reason: 'NOT_SHARED', why: `${type.name} is not shared: only its issuer and holder read its holder and items` });
  }
  const granted = grantsFor(typeCode, ctx.grants, ctx.purpose, now);
  const grantedItems = new Set(granted.flatMap((grant) => grant.items));
  const defined = new Set(type.items.map((item) => item.code));
  const sensitive = new Set(type.items.filter((item) => item.sensitive).map((item) => item.code));
  const item =
    type.sharing === 'UNCONDITIONAL'
      ? (code: string) => defined.has(code) && (!sensitive.has(code) || grantedItems.has(code))
      : (code: string) => defined.has(code) && grantedItems.has(code);
  const identity = type.sharing === 'UNCONDITIONAL' || granted.length > 0;
  const wanting = (items: readonly string[] | null, subject: string) =>
    grantDenial({ type: typeCode, items, subject }, ctx);
  return {
    identity,
    item,
    anyItem: type.items.some((definition) => item(definition.code)),
    whyNotIdentity: () => wanting(null, type.name),
    whyNotItem: (code) => {
      const definition = type.items.find((candidate) => candidate.code === code);
      if (!definition) {
        return { reason: 'ITEM_NOT_DEFINED', why: `${type.name} no longer defines the item ${code}, so nothing says it may be shared` };
      }
      return wanting([code], `${definition.name} of ${type.name}`);
    },
    whyNoItem: () => (identity ? wanting([...defined], `the items of ${type.name}`) : wanting(null, type.name)),
  };
}

/**
 * The sharing rules (README › Principals, roles and rules), decided once per certificate and request:
 * - the holder and the issuing authority read everything;
 * - another agency reads shared data only in the consumer role (sharedAccess), and an agency
 *   without it nothing beyond what the public sees;
 * - everyone else nothing.
 */
export function decideAccess(
  certificate: Pick<CertificateRow, 'issuerCode' | 'holderCode' | 'typeCode'>,
  type: CatalogType | null,
  ctx: AccessContext,
  now: Date,
): CertificateAccess {
  const { principal } = ctx;
  if (principal.kind === 'holder' && principal.code === certificate.holderCode) return EVERYTHING;
  if (principal.kind !== 'agency') return OUTSIDERS[principal.kind];
  if (principal.code === certificate.issuerCode) return EVERYTHING;
  if (!hasRole(principal, 'consumer')) return OUTSIDERS.agency;
  return sharedAccess(certificate.typeCode, type, ctx, now);
}

/**
 * Whether the request's principal may read the holder's identity on certificates of `typeCode`
 * it did not issue — the condition for finding such certificates by their holder. Only a
 * consumer agency can; the catalog decides for which types.
 */
export async function identityOpenForType(typeCode: string, ctx: CertificateContext): Promise<boolean> {
  if (!hasRole(ctx.principal, 'consumer')) return false;
  const type = await ctx.catalog.getType(typeCode).catch(() => null);
  return sharedAccess(typeCode, type, ctx, ctx.now()).identity;
}

/**
 * The first item the certificate carries that `access` withholds, or null when it opens them
 * all: the condition for its seal, whose signed payload contains them all.
 */
export function withheldItem(access: CertificateAccess, items: ReadonlyArray<{ code: string }>): string | null {
  return items.find((item) => !access.item(item.code))?.code ?? null;
}

/** The access of the request's principal to `certificate`, memoised per request. */
export function accessTo(certificate: CertificateRow, ctx: CertificateContext): Promise<CertificateAccess> {
  let decided = ctx.access.get(certificate.id);
  if (!decided) {
    const { principal } = ctx;
    // Only another agency's access depends on the type's sharing level and items.
    const needsType = principal.kind === 'agency' && principal.code !== certificate.issuerCode && hasRole(principal, 'consumer');
    decided = needsType
      ? ctx.catalog.getType(certificate.typeCode).then(
          (type) => withConsent(certificate, type, decideAccess(certificate, type, ctx, ctx.now()), ctx),
          // An unreachable catalog must not open anything.
          () => catalogUnavailable(certificate.typeCode),
        )
      : Promise.resolve(decideAccess(certificate, null, ctx, ctx.now()));
    const scope = ctx.itemScopes.get(certificate.id);
    if (scope) decided = decided.then((access) => narrowed(access, scope));
    ctx.access.set(certificate.id, decided);
  }
  return decided;
}

/**
 * A consumer agency reading for a matter sees a certificate its own rights do not fully open as
 * its holder would when the holder consented (授权用证, consents.ts): every item, whatever the
 * sharing level. The read is then recorded with the consent's id.
 */
async function withConsent(certificate: CertificateRow, type: CatalogType | null, access: CertificateAccess, ctx: CertificateContext): Promise<CertificateAccess> {
  const complete = type !== null && access.identity && type.items.every((item) => access.item(item.code));
  if (complete || !consentMayApply(ctx)) return access;
  const consent = await ctx.consents.load(certificate);
  if (!consent) return access;
  ctx.audit.record({ certificateId: certificate.id, holderCode: certificate.holderCode }, [], { consentId: consent.id });
  return EVERYTHING;
}

const NOT_NEEDED: Denial = { reason: 'NOT_ALLOWED', why: 'a 免提交 check (checkMaterials) shows only the items its matter needs' };

/** `access` limited to the items in `scope`: what a certificate in a check's answer shows. */
function narrowed(access: CertificateAccess, scope: ReadonlySet<string>): CertificateAccess {
  return {
    identity: access.identity,
    item: (code) => scope.has(code) && access.item(code),
    anyItem: [...scope].some((code) => access.item(code)),
    whyNotIdentity: () => access.whyNotIdentity(),
    whyNotItem: (code) => (scope.has(code) ? access.whyNotItem(code) : NOT_NEEDED),
    whyNoItem: () => (scope.size > 0 ? access.whyNoItem() : NOT_NEEDED),
  };
}

/**
 * Limits what this request shows of a certificate to the items in `scope` (Certificate.items
 * lists no other, and whatever covers every item — its seal, its scan — is refused): a 免提交
 * check returns a certificate with exactly the items its materials need.
 */
export function scopeItems(ctx: CertificateContext, id: string, scope: ReadonlySet<string>): void {
  ctx.itemScopes.set(id, scope);
  const decided = ctx.access.get(id);
  if (decided) ctx.access.set(id, decided.then((access) => narrowed(access, scope)));
}

/**
 * What of a certificate list the request's principal may see (Query.certificates), beyond its
 * filter: a holder its own (certificatePage restricts it); an agency without the consumer role
 * only what it issued; a consumer everything by metadata — but listed by holder, only the
 * certificates whose holder it may read (issued by it, or of a type whose identity is open to
 * it), so that the list is no oracle of what else a person or company holds. A list by holder is
 * recorded in the access log as a read of the holder.
 */
export async function listScope(ctx: CertificateContext, holderCode: string | null): Promise<SQL | undefined> {
  const { principal } = ctx;
  if (principal.kind !== 'agency') return undefined;
  if (!hasRole(principal, 'consumer')) return issuedBy(principal.code);
  if (holderCode === null) return undefined;
  ctx.audit.record({ holderCode }, ['certificates.holderCode']);
  const held = await typesHeldBy(ctx.db, holderCode);
  const open = await Promise.all(held.map(async (type) => ((await identityOpenForType(type, ctx)) ? type : null)));
  return issuedByOrOfTypes(principal.code, open.filter((type): type is string => type !== null));
}

/**
 * The certificates of a legal entity the request's principal may see (LegalEntity.certificates):
 * the entity itself all; an agency those whose holder it may read, the read recorded in the access
 * log; anyone else none.
 */
export async function visibleOfEntity(ctx: CertificateContext, uscc: string, rows: readonly CertificateRow[]): Promise<CertificateRow[]> {
  const { principal } = ctx;
  if (principal.kind === 'holder') return principal.code === uscc ? [...rows] : [];
  if (principal.kind !== 'agency') return [];
  ctx.audit.record({ holderCode: uscc }, ['LegalEntity.certificates']);
  const decided = await Promise.all(rows.map(async (row) => ((await accessTo(row, ctx)).identity ? row : null)));
  return decided.filter((row): row is CertificateRow => row !== null);
}
