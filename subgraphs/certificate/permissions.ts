import { allow, or, rule, type IRules } from 'graphql-shield';
import { federationRules, hasRoleRule, isAgency, isAuthenticated } from '../../lib/shield.js';
import type { CertificateContext } from './context.js';
import type { CertificateRow } from './db/schema.js';
import type { LegalEntityRef } from './model.js';

// Rules that read the parent must not be cached per request ('contextual'): the answer differs
// from one certificate to the next. They are cheap comparisons, so they are not cached at all.

/** Any holder (person or organisation) asking about itself. */
const isHolder = rule('is-holder', { cache: 'contextual' })((_parent, _args, ctx: CertificateContext) => ctx.principal.kind === 'holder');

/** The principal is the holder of this certificate. */
const isHolderOf = rule('is-holder-of', { cache: 'no_cache' })(
  (certificate: CertificateRow, _args, ctx: CertificateContext) =>
    ctx.principal.kind === 'holder' && ctx.principal.code === certificate.holderCode,
);

/** The principal is the agency that issued this certificate. */
const isIssuerOf = rule('is-issuer-of', { cache: 'no_cache' })(
  (certificate: CertificateRow, _args, ctx: CertificateContext) =>
    ctx.principal.kind === 'agency' && ctx.principal.code === certificate.issuerCode,
);

/** The principal is this legal entity, asking as a holder. */
const isEntityItself = rule('is-entity-itself', { cache: 'no_cache' })(
  (entity: LegalEntityRef, _args, ctx: CertificateContext) =>
    ctx.principal.kind === 'holder' && ctx.principal.holderKind === 'ORGANIZATION' && ctx.principal.code === entity.uscc,
);

/** Who may read what a certificate is: type, number, issuer, dates, status. */
const canReadMetadata = or(isAgency, isHolderOf);
/**
 * Who may read whose it is and what it says: holder identity and the items on its face. Grants
 * (a later issue) will add `hasGrantFor` here, for consumers the sharing level admits.
 */
const canReadContent = or(isIssuerOf, isHolderOf);

/**
 * The key and the node: the caller already has the id (it asked for this certificate, or the
 * gateway resolved a reference with it) and the node follows from the id's issuer region.
 * Both are non-null, so denying them would null the whole certificate instead of one field.
 */
const canReadKey = isAuthenticated;

export const permissions: IRules = {
  ...federationRules,
  Query: {
    ...federationRules.Query,
    certificate: isAuthenticated,
    certificates: or(isAgency, isHolder),
    // Public verification (亮证核验): status and names only, nothing about the holder.
    verifyCertificate: allow,
  },
  Mutation: {
    issueCertificate: hasRoleRule('issuer'),
    changeCertificateStatus: hasRoleRule('issuer'),
  },
  Certificate: {
    id: canReadKey,
    node: canReadKey,
    number: canReadMetadata,
    type: canReadMetadata,
    holderKind: canReadMetadata,
    issuerCode: canReadMetadata,
    issuerName: canReadMetadata,
    issuedOn: canReadMetadata,
    validFrom: canReadMetadata,
    validUntil: canReadMetadata,
    status: canReadMetadata,
    origin: canReadMetadata,
    holderCode: canReadContent,
    holderName: canReadContent,
    holder: canReadContent,
    items: canReadContent,
    statusHistory: canReadContent,
  },
  LegalEntity: {
    uscc: isAuthenticated,
    certificates: or(isAgency, isEntityItself),
  },
  // Reached only through a field guarded above (the list, the certificate's items, history or
  // type), so whoever reaches them may read them; the guard is on the way in.
  CertificateConnection: allow,
  CertificateEdge: allow,
  PageInfo: allow,
  CertificateItem: allow,
  StatusChange: allow,
  CertificateType: allow,
  Verification: allow,
};
