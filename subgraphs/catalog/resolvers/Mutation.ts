import type { MutationResolvers } from '../generated/resolvers.js';
import { defineCertificateType } from '../service.js';

export const Mutation: MutationResolvers = {
  defineCertificateType: (_parent, { input }, ctx) => defineCertificateType(ctx.db, input),
};
