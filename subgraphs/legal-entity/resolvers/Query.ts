import { usccProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  legalEntity: (_parent, { uscc }, ctx) => {
    const problem = usccProblem(uscc);
    if (problem) throw badInput('uscc', problem);
    return ctx.loaders.entityByUscc.load(uscc);
  },
};
