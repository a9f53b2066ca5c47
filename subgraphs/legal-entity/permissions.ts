import { or, rule, type IRules } from 'graphql-shield';
import { grantsFor } from '../../lib/grants.js';
import { federationRules, grantDenial, hasRoleRule, isAuthenticated, refusal, type Denial } from '../kit/shield.js';
import type { LegalEntityRow } from './db/schema.js';
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
  },
  Mutation: {
    registerLegalEntity: hasRoleRule('registrar'),
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
});
