import type { FindingConnectionResolvers, QueryResolvers } from '../generated/resolvers.js';
import { supervisionFindings, supervisionHoldings } from '../supervision/page.js';

export const supervisionQueries: Pick<QueryResolvers, 'supervisionFindings' | 'supervisionHoldings'> = {
  supervisionFindings: (_parent, args, ctx) => supervisionFindings(ctx, args),
  supervisionHoldings: (_parent, args, ctx) => supervisionHoldings(ctx, args),
};

export const FindingConnection: FindingConnectionResolvers = {
  edges: (page) => page.edges(),
  pageInfo: (page) => page.pageInfo(),
  totalCount: (page) => page.totalCount(),
};
