import { encodeAccessCursor } from '../../audit/access-log.js';
import type { AccessRecordResolvers } from '../generated/resolvers.js';

/** A row of the node's access log (subgraphs/audit/db/schema.ts), under the contract's names. */
export const AccessRecord: AccessRecordResolvers = {
  at: (record) => record.at.toISOString(),
  agency: (record) => record.actor,
  agencyName: (record) => record.actorName,
  // Looked up when read, not recorded: a record is written at the node that keeps its
  // certificate, so the row is here, and the request's loader reads a page's certificates in one
  // statement. The log keeps what the actor did (its name as it was then is part of that);
  // the type's name is what the certificate is.
  certificateTypeName: async (record, _args, ctx) =>
    record.certificateId === null ? null : ((await ctx.loaders.certificateById.load(record.certificateId))?.typeName ?? null),
  cursor: (record) => encodeAccessCursor(record),
};
