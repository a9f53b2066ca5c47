import { certificateIdProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { certificatePage, verification } from '../service.js';

export const Query: QueryResolvers = {
  certificate: (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return ctx.loaders.certificateById.load(id);
  },
  certificates: (_parent, args, ctx) => certificatePage(ctx.db, ctx.principal, ctx.node.code, args, ctx.today),
  verifyCertificate: async (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return verification(id, await ctx.loaders.certificateById.load(id), ctx.today, ctx.now());
  },
};
