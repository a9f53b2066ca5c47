import { forbidden } from '../../../lib/errors.js';
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
};
