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

/** What the rules alone open of a certificate, and whether a holder's consent may open more. */
interface RuledAccess {
  access: CertificateAccess;
  /** Null when the rules need none, or its catalog entry is missing. */
  type: CatalogType | null;
  /**
   * Whether a consent (授权用证) could apply: a consumer agency reading, for a matter, a certificate
   * it did not issue, whose catalog could be read (an unreachable catalog opens nothing).
   */
  consentable: boolean;
}

/** The sharing rules' decision on `certificate` (decideAccess), reading its type when it matters; no consent. */
async function ruledAccess(certificate: CertificateRow, ctx: CertificateContext): Promise<RuledAccess> {
  const { principal } = ctx;
  // Only another agency's access depends on the type's sharing level and items.
  const needsType = principal.kind === 'agency' && principal.code !== certificate.issuerCode && hasRole(principal, 'consumer');
  if (!needsType) return { access: decideAccess(certificate, null, ctx, ctx.now()), type: null, consentable: false };
  let type: CatalogType | null;
  try {
    type = await ctx.catalog.getType(certificate.typeCode);
  } catch {
    // An unreachable catalog must not open anything.
    return { access: catalogUnavailable(certificate.typeCode), type: null, consentable: false };
  }
  return { access: decideAccess(certificate, type, ctx, ctx.now()), type, consentable: consentMayApply(ctx) };
}

/**
 * What the rules open (`ruled`), or — when a consent could apply and `wanted` says the rules
 * leave closed what the reader needs — what the holder's consent for the request's agency and
 * matter opens (授权用证, consents.ts): everything, as to the holder, whatever the sharing level,
 * the read recorded with the consent's id. The one place a consent opens a certificate.
 */
async function withConsent(
  certificate: CertificateRow,
  ruled: RuledAccess,
  wanted: (access: CertificateAccess) => boolean,
  ctx: CertificateContext,
): Promise<CertificateAccess> {
  if (!ruled.consentable || !wanted(ruled.access)) return ruled.access;
  const consent = await ctx.consents.load(certificate);
  if (!consent) return ruled.access;
  ctx.audit.record({ certificateId: certificate.id, holderCode: certificate.holderCode }, [], { consentId: consent.id });
  return EVERYTHING;
}

/** Keeps `decided` as the request's access to certificate `id`, limited to a check's scope when it has one. */
function memoise(ctx: CertificateContext, id: string, decided: Promise<CertificateAccess>): Promise<CertificateAccess> {
  const scope = ctx.itemScopes.get(id);
  const kept = scope ? decided.then((access) => narrowed(access, scope)) : decided;
  ctx.access.set(id, kept);
  return kept;
}

/**
 * The access of the request's principal to `certificate`, memoised per request: the sharing
 * rules, and the holder's consent when they do not open everything (withConsent).
 */
export function accessTo(certificate: CertificateRow, ctx: CertificateContext): Promise<CertificateAccess> {
  const memoised = ctx.access.get(certificate.id);
  if (memoised) return memoised;
  const decided = ruledAccess(certificate, ctx).then((ruled) =>
    withConsent(certificate, ruled, (access) => ruled.type === null || !access.identity || withheldItem(access, ruled.type.items) !== null, ctx),
  );
  return memoise(ctx, certificate.id, decided);
}

/**
 * The access of the request's principal to each of `certificates`, in order, memoised as
 * accessTo's, for a reader that needs a holder's consent only where the rules leave closed what
 * it reads (a 免提交 check: the items its materials need): the rules decide every certificate
 * first, then the consents of those `wantsConsent` picks are asked, all in one batch. A
 * certificate decided earlier in the request keeps its decision.
 */
export function accessToAll(
  certificates: readonly CertificateRow[],
  ctx: CertificateContext,
  wantsConsent: (certificate: CertificateRow, access: CertificateAccess) => boolean,
): Promise<CertificateAccess[]> {
  const fresh = [...new Map(certificates.filter((certificate) => !ctx.access.has(certificate.id)).map((certificate) => [certificate.id, certificate])).values()];
  const decided = Promise.all(fresh.map((certificate) => ruledAccess(certificate, ctx))).then((ruled) =>
    // Every consent is asked in this one synchronous pass: the request's consent loader sends them as one batch.
    Promise.all(ruled.map((rules, i) => withConsent(fresh[i]!, rules, (access) => wantsConsent(fresh[i]!, access), ctx))),
  );
  fresh.forEach((certificate, i) => memoise(ctx, certificate.id, decided.then((all) => all[i]!)));
  return Promise.all(certificates.map((certificate) => ctx.access.get(certificate.id)!));
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
