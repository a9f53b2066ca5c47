import type { QueryResolvers } from '../generated/resolvers.js';
import { certificateStatistics } from '../statistics.js';
import { usageStatistics } from '../usage.js';

export const statisticsQueries: Pick<QueryResolvers, 'certificateStatistics' | 'usageStatistics'> = {
  certificateStatistics: (_parent, args, ctx) => certificateStatistics(ctx, args),
  usageStatistics: (_parent, args, ctx) => usageStatistics(ctx, args),
};
