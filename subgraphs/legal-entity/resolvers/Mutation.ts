import { forbidden } from '../../../lib/errors.js';
import { submitAnnualReport } from '../annual-reports.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { registerLegalEntity } from '../service.js';

export const Mutation: MutationResolvers = {
  registerLegalEntity: async (_parent, { input }, ctx) => {
    // The shield lets only registrar agencies through; this narrows the principal so the
    // registering authority's code is recorded, and holds should the permissions ever change.
    if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only a registration authority registers legal entities', 'ROLE_REQUIRED', 'registrar');
    const row = await registerLegalEntity(ctx.db, ctx.principal.code, input);
    ctx.loaders.entityByUscc.prime(row.uscc, row);
    return row;
  },
  submitAnnualReport: async (_parent, { input }, ctx) => {
    // The shield lets only organisations through; this narrows the principal to the company whose report it is.
    const { principal } = ctx;
    if (principal.kind !== 'holder' || principal.holderKind !== 'ORGANIZATION') throw forbidden('not allowed: a company files its own annual report, signed in as itself');
    if (!ctx.nodeKey) throw new Error(`node ${ctx.node.code} has no key to seal annual reports`);
    return submitAnnualReport(ctx.db, ctx.nodeKey, ctx.node.code, principal.code, input, {
      at: ctx.now(),
      // The filing and its record commit together; the middleware's later note of it is skipped.
      record: (tx, detail) => ctx.audit.writeChange(tx, 'submitAnnualReport', { holderCode: principal.code }, detail),
    });
  },
};
