import type { LegalEntityResolvers } from '../generated/resolvers.js';

export const LegalEntity: LegalEntityResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.entityByUscc.load(reference.uscc),
  node: (_entity, _args, ctx) => ctx.node.code,
};
