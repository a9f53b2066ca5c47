import { isoDate, usccProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import { abnormalOperations } from '../abnormal.js';
import { currentReportsOf } from '../annual-reports.js';
import type { QueryResolvers } from '../generated/resolvers.js';

export const Query: QueryResolvers = {
  legalEntity: (_parent, { uscc }, ctx) => {
    const problem = usccProblem(uscc);
    if (problem) throw badInput('uscc', problem);
    return ctx.loaders.entityByUscc.load(uscc);
  },
  annualReports: (_parent, { uscc }, ctx) => {
    const problem = usccProblem(uscc);
    if (problem) throw badInput('uscc', problem);
    return currentReportsOf(ctx.db, uscc);
  },
  abnormalOperations: (_parent, args, ctx) => abnormalOperations(ctx.db, isoDate(ctx.now()), args),
};
