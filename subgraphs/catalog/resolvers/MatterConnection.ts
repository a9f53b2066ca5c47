import type { MatterConnectionResolvers } from '../generated/resolvers.js';

/** One node's page of matters (matters.ts MatterPage); the gateway merges the nodes' pages. */
export const MatterConnection: MatterConnectionResolvers = {
  edges: (page) => page.edges(),
  pageInfo: (page) => page.pageInfo(),
  totalCount: (page) => page.totalCount(),
};
