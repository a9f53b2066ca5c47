/** Targets (工作目标): Query.targets and Mutation.setTarget, kept at the province node. */
import { forbidden } from '../../../lib/errors.js';
import type { CatalogContext } from '../context.js';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { listTargets, setTarget } from '../targets.js';

export const targetQueries: Pick<QueryResolvers, 'targets'> = {
  targets: (_parent, args, ctx) => listTargets(ctx.db, args),
};

export const targetMutations: Pick<MutationResolvers, 'setTarget'> = {
  setTarget: (_parent, { input }, ctx: CatalogContext) => {
    // Shield lets only stewards through; this narrows the type.
    if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only a data steward sets targets', 'ROLE_REQUIRED', 'steward');
    return setTarget(ctx.db, input, {
      setBy: ctx.principal.code,
      at: new Date(),
      record: (tx, detail) => ctx.audit.writeChange(tx, 'setTarget', {}, detail),
    });
  },
};
