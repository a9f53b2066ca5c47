import type { AbnormalOperationConnectionResolvers } from '../generated/resolvers.js';

/** One node's page of the abnormal operations list (abnormal.ts AbnormalPage); the gateway merges the nodes' pages. */
export const AbnormalOperationConnection: AbnormalOperationConnectionResolvers = {
  edges: (page) => page.edges(),
  pageInfo: (page) => page.pageInfo(),
  totalCount: (page) => page.totalCount(),
};
