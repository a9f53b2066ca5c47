import { typeCodeProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { listCertificateTypes } from '../service.js';

export const Query: QueryResolvers = {
  certificateType: (_parent, { code }, ctx) => {
    const problem = typeCodeProblem(code);
    if (problem) throw badInput('code', problem);
    return ctx.loaders.typeByCode.load(code);
  },
  certificateTypes: async (_parent, _args, ctx) => {
    const rows = await listCertificateTypes(ctx.db);
    for (const row of rows) ctx.loaders.typeByCode.prime(row.code, row);
    return rows;
  },
};
