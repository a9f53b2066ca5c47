/** Permit rules (后置审批): Query.permitRules, Mutation.definePermitRule and deletePermitRule, and PermitRule. */
import { forbidden } from '../../../lib/errors.js';
import type { CatalogContext } from '../context.js';
import type { MutationResolvers, PermitRuleResolvers, QueryResolvers } from '../generated/resolvers.js';
import { localFirstLookup } from '../loaders.js';
import { definePermitRule, deletePermitRule, listPermitRules, type PermitRuleRecorder } from '../permit-rules.js';

/** The calling steward's code; shield lets only stewards through, this narrows the type. */
function stewardOf(ctx: CatalogContext): string {
  if (ctx.principal.kind !== 'agency') throw forbidden('not allowed: only a data steward maintains the permit rules', 'ROLE_REQUIRED', 'steward');
  return ctx.principal.code;
}

/** Writes the change's access record inside its transaction: the rules never change without their record. */
const recordAs =
  (change: 'definePermitRule' | 'deletePermitRule', ctx: CatalogContext): PermitRuleRecorder =>
  (tx, detail) =>
    ctx.audit.writeChange(tx, change, {}, detail);

export const permitRuleQueries: Pick<QueryResolvers, 'permitRules'> = {
  permitRules: (_parent, _args, ctx) => listPermitRules(ctx.db),
};

export const permitRuleMutations: Pick<MutationResolvers, 'definePermitRule' | 'deletePermitRule'> = {
  definePermitRule: (_parent, { input }, ctx) =>
    definePermitRule(ctx.db, localFirstLookup(ctx.loaders, ctx.node.code), input, {
      definedBy: stewardOf(ctx),
      record: recordAs('definePermitRule', ctx),
    }),
  deletePermitRule: (_parent, { code }, ctx) => {
    stewardOf(ctx);
    return deletePermitRule(ctx.db, code, { record: recordAs('deletePermitRule', ctx) });
  },
};

export const PermitRule: PermitRuleResolvers = {
  // Only the key, as a grant's: the type is looked up when a field beyond its code is read (see model.ts).
  certificateType: (rule) => ({ source: 'key', code: rule.typeCode }),
};
