import { type IRules } from 'graphql-shield';
import { federationRules, hasRoleRule, isAuthenticated } from '../../lib/shield.js';

/** The catalog is open to every authenticated principal; only data stewards change it. */
export const permissions: IRules = {
  ...federationRules,
  Query: {
    ...federationRules.Query,
    certificateType: isAuthenticated,
    certificateTypes: isAuthenticated,
  },
  Mutation: {
    defineCertificateType: hasRoleRule('steward'),
  },
  CertificateType: isAuthenticated,
  ItemDefinition: isAuthenticated,
};
