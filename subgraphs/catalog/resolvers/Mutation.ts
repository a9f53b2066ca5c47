import { forbidden } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { localFirstLookup } from '../loaders.js';
import { defineCertificateType, grantAccess, revokeGrant } from '../service.js';

/** The calling steward's code; shield lets only stewards through, this narrows the type. */
function stewardOf(principal: Principal): string {
  if (principal.kind !== 'agency') throw forbidden('not allowed: only a data steward maintains the catalog and its grants', 'ROLE_REQUIRED', 'steward');
  return principal.code;
}

export const Mutation: MutationResolvers = {
  defineCertificateType: (_parent, { input, dryRun, confirm }, ctx) =>
    defineCertificateType(ctx.db, input, {
      definedBy: stewardOf(ctx.principal),
      dryRun: dryRun ?? false,
      confirm: confirm ?? false,
      // Inside the definition's transaction: the catalog never changes without its record.
      record: (tx, detail) => ctx.audit.writeChange(tx, 'defineCertificateType', {}, detail),
    }),
  grantAccess: (_parent, { input }, ctx) =>
    grantAccess(ctx.db, localFirstLookup(ctx.loaders, ctx.node.code), stewardOf(ctx.principal), input),
  revokeGrant: (_parent, { id }, ctx) => revokeGrant(ctx.db, stewardOf(ctx.principal), id),
};
