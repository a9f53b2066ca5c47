/** Presenting a certificate (亮证): the holder's token and the public check (see ../presentation.ts). */
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { checkPresentation, presentCertificate } from '../presentation.js';

export const presentationQueries: Pick<QueryResolvers, 'verifyPresentation'> = {
  verifyPresentation: (_parent, { token }, ctx) => checkPresentation(ctx, token),
};

export const presentationMutations: Pick<MutationResolvers, 'presentCertificate'> = {
  presentCertificate: (_parent, args, ctx) => presentCertificate(ctx, args),
};
