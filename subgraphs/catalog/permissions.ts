import { allow, or, rule, type IRules } from 'graphql-shield';
import { federationRules, hasRoleRule, isAgency, isAuthenticated } from '../kit/shield.js';
import type { CatalogContext } from './context.js';

/** Another node (or the gateway) calling on its own account (subgraphs/peers.ts), never a client. */
const isHubService = rule('is-hub-service', { cache: 'contextual' })((_parent, _args, ctx: CatalogContext) => ctx.principal.kind === 'service');

/**
 * The catalog is open to every authenticated principal; only data stewards change it. Grants
 * are the stewards' to read and maintain, except that an agency reads its own (myGrants): the
 * gateway does so on the agency's behalf to put them in the request's signed context.
 */
export const permissions: IRules = {
  ...federationRules,
  Query: {
    ...federationRules.Query,
    certificateType: isAuthenticated,
    certificateTypes: isAuthenticated,
    // A node delivering events to an agency's webhook reads the agency's grants: they decide
    // whether its deliveries name certificates' holders (subgraphs/events/webhooks).
    grants: or(isHubService, hasRoleRule('steward')),
    myGrants: isAgency,
    // A node redefining a type reads which grants the change affects; a steward may look too.
    grantsOfType: or(isHubService, hasRoleRule('steward')),
  },
  Mutation: {
    defineCertificateType: hasRoleRule('steward'),
    grantAccess: hasRoleRule('steward'),
    revokeGrant: hasRoleRule('steward'),
  },
  CertificateType: isAuthenticated,
  ItemDefinition: isAuthenticated,
  // A type's history is catalog data like its current definition.
  CertificateTypeVersion: isAuthenticated,
  // What a redefinition changes, the grants it affects included, is only in the answer to a
  // steward's defineCertificateType; the rules say so again.
  CertificateTypeChange: hasRoleRule('steward'),
  DefinitionDifference: hasRoleRule('steward'),
  // A Grant is reached only through the root fields above and a steward's CertificateTypeChange,
  // each already guarded: a steward (or a node) sees any grant, an agency only its own.
  // Everything on a grant is for whoever got there.
  Grant: allow,
};
