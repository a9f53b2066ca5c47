import { readAccessLog } from '../../../lib/audit/access-log.js';
import { verifyAuditChain } from '../../../lib/audit/verify.js';
import { certificateIdProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { certificatePage, verification } from '../service.js';

export const Query: QueryResolvers = {
  certificate: (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return ctx.loaders.certificateById.load(id);
  },
  certificates: (_parent, args, ctx) => certificatePage(ctx.db, ctx.principal, ctx.node.code, args, ctx.today),
  verifyCertificate: async (_parent, { id }, ctx) => {
    const problem = certificateIdProblem(id);
    if (problem) throw badInput('id', problem);
    return verification(id, await ctx.loaders.certificateById.load(id), ctx.today, ctx.now());
  },
  accessLog: (_parent, args, ctx) => readAccessLog(ctx.db, ctx.node.code, ctx.principal, args),
  // A list of one: the gateway concatenates every node's answer.
  auditChain: async (_parent, _args, ctx) => [await verifyAuditChain(ctx.db, ctx.node.code)],
};
