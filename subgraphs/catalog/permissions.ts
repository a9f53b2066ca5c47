import { allow, type IRules } from 'graphql-shield';
import { federationRules, hasRoleRule, isAgency, isAuthenticated } from '../../lib/shield.js';

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
    grants: hasRoleRule('steward'),
    myGrants: isAgency,
  },
  Mutation: {
    defineCertificateType: hasRoleRule('steward'),
    grantAccess: hasRoleRule('steward'),
    revokeGrant: hasRoleRule('steward'),
  },
  CertificateType: isAuthenticated,
  ItemDefinition: isAuthenticated,
  // A Grant is reached only through the root fields above, each already guarded: a steward
  // sees any grant, an agency only its own. Everything on a grant is for whoever got there.
  Grant: allow,
};
