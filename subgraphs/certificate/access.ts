import { grantsFor } from '../../lib/grants.js';
import type { CatalogType } from './catalog.js';
import type { CertificateContext } from './context.js';
import type { CertificateRow } from './db/schema.js';

/**
 * What the principal of a request may read of one certificate beyond its metadata: whose it
 * is (holder code, name, registry record, status history) and which items of its face.
 */
export interface CertificateAccess {
  identity: boolean;
  item(code: string): boolean;
  /** True when at least one item may be read. */
  anyItem: boolean;
}

const EVERYTHING: CertificateAccess = { identity: true, item: () => true, anyItem: true };
const NOTHING: CertificateAccess = { identity: false, item: () => false, anyItem: false };

/**
 * The sharing rules of DESIGN.md §2, decided once per certificate and request:
 * - the holder and the issuing authority read everything;
 * - UNCONDITIONAL types: any agency reads the holder's identity and the non-sensitive items;
 *   sensitive items only through a grant that names them for the request's purpose;
 * - CONDITIONAL types: identity and items only through a grant for the purpose, only the
 *   items it names;
 * - NOT_SHARED types: nobody else sees more than metadata;
 * - when the type's catalog entry cannot be read, nobody else sees more than metadata.
 */
export function decideAccess(
  certificate: Pick<CertificateRow, 'issuerCode' | 'holderCode' | 'typeCode'>,
  type: CatalogType | null,
  ctx: Pick<CertificateContext, 'principal' | 'grants' | 'purpose'>,
  now: Date,
): CertificateAccess {
  const { principal } = ctx;
  if (principal.kind === 'holder' && principal.code === certificate.holderCode) return EVERYTHING;
  if (principal.kind !== 'agency') return NOTHING;
  if (principal.code === certificate.issuerCode) return EVERYTHING;
  if (!type || type.sharing === 'NOT_SHARED') return NOTHING;
  const granted = grantsFor(certificate.typeCode, ctx.grants, ctx.purpose, now);
  const grantedItems = new Set(granted.flatMap((grant) => grant.items));
  const sensitive = new Set(type.items.filter((item) => item.sensitive).map((item) => item.code));
  const item =
    type.sharing === 'UNCONDITIONAL'
      ? (code: string) => !sensitive.has(code) || grantedItems.has(code)
      : (code: string) => grantedItems.has(code);
  return {
    identity: type.sharing === 'UNCONDITIONAL' || granted.length > 0,
    item,
    anyItem: type.items.some((definition) => item(definition.code)),
  };
}

/**
 * Whether `access` opens every item the certificate carries: the condition for its seal, whose
 * signed payload contains them all.
 */
export function readsEveryItem(access: CertificateAccess, items: ReadonlyArray<{ code: string }>): boolean {
  return items.every((item) => access.item(item.code));
}

/** The access of the request's principal to `certificate`, memoised per request. */
export function accessTo(certificate: CertificateRow, ctx: CertificateContext): Promise<CertificateAccess> {
  let decided = ctx.access.get(certificate.id);
  if (!decided) {
    const { principal } = ctx;
    // Only another agency's access depends on the type's sharing level and items.
    const needsType = principal.kind === 'agency' && principal.code !== certificate.issuerCode;
    decided = needsType
      ? ctx.catalog.getType(certificate.typeCode).then(
          (type) => decideAccess(certificate, type, ctx, ctx.now()),
          // An unreachable catalog must not open anything.
          () => NOTHING,
        )
      : Promise.resolve(decideAccess(certificate, null, ctx, ctx.now()));
    ctx.access.set(certificate.id, decided);
  }
  return decided;
}
