import type { QueryResolvers } from '../generated/resolvers.js';
import { certificateStatistics } from '../statistics.js';

export const statisticsQueries: Pick<QueryResolvers, 'certificateStatistics'> = {
  certificateStatistics: (_parent, args, ctx) => certificateStatistics(ctx, args),
};
