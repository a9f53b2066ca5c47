import type { FindingConnectionResolvers, QueryResolvers } from '../generated/resolvers.js';
import { holdingTable, supervisionFindings, supervisionHoldings } from '../supervision/page.js';

export const supervisionQueries: Pick<QueryResolvers, 'supervisionFindings' | 'supervisionHoldingTable' | 'supervisionHoldings'> = {
  supervisionFindings: (_parent, args, ctx) => supervisionFindings(ctx, args),
  supervisionHoldingTable: async (_parent, args, ctx) => holdingTable(await supervisionHoldings(ctx, args)),
  supervisionHoldings: (_parent, args, ctx) => supervisionHoldings(ctx, args, 'supervisionHoldings'),
};

export const FindingConnection: FindingConnectionResolvers = {
  edges: (page) => page.edges(),
  pageInfo: (page) => page.pageInfo(),
  totalCount: (page) => page.totalCount(),
};
