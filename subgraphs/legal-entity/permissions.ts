import { allow, or, rule, type IRules } from 'graphql-shield';
import { grantsFor } from '../../lib/grants.js';
import { PUBLIC_REGISTRY_QUERY_FIELDS } from '../../lib/public.js';
import { federationRules, grantDenial, hasRoleRule, isAuthenticated, refusal, SIGN_IN, type Denial } from '../kit/shield.js';
import type { AnnualReportRow, LegalEntityRow } from './db/schema.js';
import type { LegalEntityContext } from './context.js';

const ANOTHER_HOLDERS: Denial = { reason: 'NOT_THE_HOLDER', why: 'of all holders only the legal entity itself reads this' };

/**
 * The organisation itself, signed in as a holder; another holder is told NOT_THE_HOLDER. Cached
 * per entity ('strict' keys on the parent) because a contextual cache would reuse the first
 * entity's answer for every other.
 */
const isEntityItself = rule('is-entity-itself', { cache: 'strict' })((entity: LegalEntityRow, _args, ctx: LegalEntityContext, info) => {
  const { principal } = ctx;
  if (principal.kind !== 'holder') return false;
  return (principal.holderKind === 'ORGANIZATION' && principal.code === entity.uscc) || refusal(ANOTHER_HOLDERS, info);
});

/**
 * An agency with a grant, for the request's purpose, on the registry's catalog entry
 * (`registryTypeCode`) that names the field: personal registry data is shared like the items
 * of a certificate type. An agency without one is told why (NO_GRANT, PURPOSE_MISSING, or
 * NOT_SHARED on a hub without that entry); this subgraph asks no other node, so it tells
 * PURPOSE_NOT_GRANTED only from grants the request itself carries.
 */
function hasGrantFor(registryTypeCode: string | null, field: string) {
  return rule(`has-grant-for-${field}`, { cache: 'contextual' })((_entity: LegalEntityRow, _args, ctx: LegalEntityContext, info) => {
    if (ctx.principal.kind !== 'agency') return false;
    if (registryTypeCode === null) {
      return refusal({ reason: 'NOT_SHARED', why: `no catalog entry shares ${field} on this hub: only the legal entity itself reads it` }, info);
    }
    const now = new Date();
    if (grantsFor(registryTypeCode, ctx.grants, ctx.purpose, now).some((grant) => grant.items.includes(field))) return true;
    const wanted = { type: registryTypeCode, items: [field], subject: `${field} of catalog entry ${registryTypeCode}` };
    return refusal(grantDenial(wanted, ctx), info);
  });
}

const ORGANISATIONS_ONLY: Denial = { reason: 'NOT_ALLOWED', why: 'a company files its own annual report, signed in as a holder with its USCC' };

/** An organisation signed in as a holder: it files its own annual report (the node is its registry's, by the gateway's routing). */
const isOrganisation = rule('is-organisation', { cache: 'contextual' })((_parent, _args, ctx: LegalEntityContext, info) => {
  const { principal } = ctx;
  if (principal.kind === 'holder' && principal.holderKind === 'ORGANIZATION') return true;
  return refusal(principal.kind === 'public' ? SIGN_IN : ORGANISATIONS_ONLY, info);
});

const NOT_PUBLISHED: Denial = { reason: 'NOT_SHARED', why: 'an annual report does not publish it: only the company itself reads it' };

/**
 * The unpublished part of an annual report (phone, revenue, the salt of their digest): the
 * company itself reads it; another holder is told NOT_THE_HOLDER, an agency NOT_SHARED. The
 * public passes here and gets null from the resolver without an error: its contract does not
 * show these fields, and a public answer carries no refusals (README › Annual reports).
 * Cached per report ('strict'), as isEntityItself.
 */
const readsUnpublished = rule('reads-unpublished', { cache: 'strict' })((report: AnnualReportRow, _args, ctx: LegalEntityContext, info) => {
  const { principal } = ctx;
  if (principal.kind === 'public') return true;
  if (principal.kind === 'holder') {
    return (principal.holderKind === 'ORGANIZATION' && principal.code === report.uscc) || refusal(ANOTHER_HOLDERS, info);
  }
  return refusal(NOT_PUBLISHED, info);
});

/**
 * The registry (法人库) is readable by every authenticated principal, except the legal
 * representative's ID number: personal data that the entity itself sees, and an agency only
 * through a grant on the registry's catalog entry naming `legalRepresentativeIdNumber`.
 */
export const permissionsFor = (registryTypeCode: string | null): IRules => ({
  ...federationRules,
  Query: {
    ...federationRules.Query,
    legalEntity: isAuthenticated,
    // What the public may ask here (lib/public.ts): the published annual reports and the abnormal operations list.
    ...Object.fromEntries(PUBLIC_REGISTRY_QUERY_FIELDS.map((field) => [field, allow])),
  },
  Mutation: {
    registerLegalEntity: hasRoleRule('registrar'),
    submitAnnualReport: isOrganisation,
  },
  LegalEntity: {
    uscc: isAuthenticated,
    name: isAuthenticated,
    status: isAuthenticated,
    legalRepresentative: isAuthenticated,
    address: isAuthenticated,
    businessScope: isAuthenticated,
    establishedOn: isAuthenticated,
    node: isAuthenticated,
    // `or` answers with its first rule's error: another holder's NOT_THE_HOLDER, else the agency's.
    legalRepresentativeIdNumber: or(isEntityItself, hasGrantFor(registryTypeCode, 'legalRepresentativeIdNumber')),
  },
  // Published (年报公示): everyone reads these, the public included.
  AnnualReport: {
    uscc: allow,
    name: allow,
    year: allow,
    version: allow,
    filedAt: allow,
    filedLate: allow,
    address: allow,
    email: allow,
    employees: allow,
    operatingStatus: allow,
    website: allow,
    seal: allow,
    node: allow,
    phone: readsUnpublished,
    revenue: readsUnpublished,
  },
  AnnualReportSeal: {
    algorithm: allow,
    keyId: allow,
    publicKey: allow,
    signature: allow,
    signedPayload: allow,
    digest: allow,
    withheldDigest: allow,
    valid: allow,
    withheldSalt: readsUnpublished,
  },
  // The abnormal operations list (经营异常名录) is public.
  AbnormalOperation: allow,
  AbnormalOperationConnection: allow,
  AbnormalOperationEdge: allow,
  PageInfo: allow,
});
