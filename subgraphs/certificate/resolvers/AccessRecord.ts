import type { AccessRecordResolvers } from '../generated/resolvers.js';

/** A row of the node's access log (subgraphs/audit/db/schema.ts), under the contract's names. */
export const AccessRecord: AccessRecordResolvers = {
  at: (record) => record.at.toISOString(),
  agency: (record) => record.actor,
};
