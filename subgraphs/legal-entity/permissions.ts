import { rule, type IRules } from 'graphql-shield';
import { federationRules, hasRoleRule, isAuthenticated } from '../../lib/shield.js';
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
 * The registry (法人库) is readable by every authenticated principal, except the legal
 * representative's ID number, which is personal data only the entity itself sees.
 */
export const permissions: IRules = {
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
    legalRepresentativeIdNumber: isEntityItself,
  },
};
