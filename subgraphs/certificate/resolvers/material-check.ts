import { allPaperless } from '../../../lib/material-check.js';
import type { MaterialCheckResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { checkMaterials } from '../material-check.js';
import { materialCheckCountsOf, recordMaterialCheck } from '../material-tally.js';

export const materialCheckQueries: Pick<QueryResolvers, 'checkMaterials' | 'materialCheckCounts'> = {
  checkMaterials: (_parent, args, ctx) => checkMaterials(ctx, args),
  materialCheckCounts: (_parent, args, ctx) => materialCheckCountsOf(ctx, args),
};

export const materialCheckMutations: Pick<MutationResolvers, 'recordMaterialCheck'> = {
  recordMaterialCheck: (_parent, args, ctx) => recordMaterialCheck(ctx.db, ctx.today, args),
};

export const MaterialCheck: MaterialCheckResolvers = {
  checkedAt: (check) => check.checkedAt.toISOString(),
  allPaperless: (check) => allPaperless(check.materials),
};
