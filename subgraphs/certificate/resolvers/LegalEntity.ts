import { visibleOfEntity } from '../access.js';
import type { LegalEntityResolvers } from '../generated/resolvers.js';

/** This subgraph contributes `certificates` to the legal-entity subgraph's LegalEntity. */
export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (reference) => ({ uscc: reference.uscc }),
  certificates: async (entity, { status }, ctx) => visibleOfEntity(ctx, entity.uscc, await ctx.loaders.certificatesOfEntity(status).load(entity.uscc)),
};
