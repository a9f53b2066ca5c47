import { or, rule, type IRules } from 'graphql-shield';
import { grantsFor } from '../../lib/grants.js';
import { federationRules, hasRoleRule, isAuthenticated } from '../kit/shield.js';
import type { LegalEntityRow } from './db/schema.js';
import type { LegalEntityContext } from './context.js';

/**
 * The organisation itself, signed in as a holder. Cached per entity ('strict' keys on the
 * parent) because a contextual cache would reuse the first entity's answer for every other.
 */
const isEntityItself = rule('is-entity-itself', { cache: 'strict' })(
  (entity: LegalEntityRow, _args, ctx: LegalEntityContext) =>
    ctx.principal.kind === 'holder' && ctx.principal.holderKind === 'ORGANIZATION' && ctx.principal.code === entity.uscc,
);

/**
 * An agency with a grant, for the request's purpose, on the registry's catalog entry
 * (`registryTypeCode`) that names the field: personal registry data is shared like the items
 * of a certificate type.
 */
function hasGrantFor(registryTypeCode: string | null, field: string) {
  return rule(`has-grant-for-${field}`, { cache: 'contextual' })(
    (_entity: LegalEntityRow, _args, ctx: LegalEntityContext) =>
      registryTypeCode !== null &&
      ctx.principal.kind === 'agency' &&
      grantsFor(registryTypeCode, ctx.grants, ctx.purpose, new Date()).some((grant) => grant.items.includes(field)),
  );
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
    legalRepresentativeIdNumber: or(isEntityItself, hasGrantFor(registryTypeCode, 'legalRepresentativeIdNumber')),
  },
});
