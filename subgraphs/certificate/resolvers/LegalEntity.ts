import type { LegalEntityResolvers } from '../generated/resolvers.js';

/** This subgraph contributes `certificates` to the legal-entity subgraph's LegalEntity. */
export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (reference) => ({ uscc: reference.uscc }),
  certificates: (entity, { status }, ctx) => ctx.loaders.certificatesOfEntity(status).load(entity.uscc),
};
