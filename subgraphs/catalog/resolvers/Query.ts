import { matterCodeProblem, typeCodeProblem } from '../../../lib/codes.js';
import { badInput, forbidden } from '../../../lib/errors.js';
import { requireUscc } from '../../kit/validate.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { listMatters } from '../matters.js';
import { listCertificateTypes, listGrants, liveGrantsOf, liveGrantsOfType } from '../service.js';

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
  grants: (_parent, { agency }, ctx) => listGrants(ctx.db, agency == null ? null : requireUscc('agency', agency)),
  grantsOfType: (_parent, { code }, ctx) => {
    const problem = typeCodeProblem(code);
    if (problem) throw badInput('code', problem);
    return liveGrantsOfType(ctx.db, code);
  },
  myGrants: (_parent, _args, ctx) => {
    // The shield lets only agencies through; this narrows the principal to read its code.
    if (ctx.principal.kind !== 'agency') throw forbidden('not authorized to read Query.myGrants: only an agency holds grants');
    return liveGrantsOf(ctx.db, ctx.principal.code);
  },
  matter: (_parent, { code }, ctx) => {
    const problem = matterCodeProblem(code);
    if (problem) throw badInput('code', problem);
    return ctx.loaders.matterByCode.load(code);
  },
  matters: (_parent, args, ctx) => listMatters(ctx.db, args),
};
