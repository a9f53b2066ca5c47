import { forbidden } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { localFirstLookup } from '../loaders.js';
import { defineCertificateType, grantAccess, revokeGrant } from '../service.js';

/** The calling steward's code; shield lets only stewards through, this narrows the type. */
function stewardOf(principal: Principal): string {
  if (principal.kind !== 'agency') throw forbidden('only a data steward maintains grants');
  return principal.code;
}

export const Mutation: MutationResolvers = {
  defineCertificateType: (_parent, { input }, ctx) => defineCertificateType(ctx.db, input),
  grantAccess: (_parent, { input }, ctx) =>
    grantAccess(ctx.db, localFirstLookup(ctx.loaders, ctx.node.code), stewardOf(ctx.principal), input),
  revokeGrant: (_parent, { id }, ctx) => revokeGrant(ctx.db, stewardOf(ctx.principal), id),
};
