import { matterCodeAgency } from '../../../lib/codes.js';
import { forbidden } from '../../../lib/errors.js';
import { hasRole, type Principal } from '../../../lib/principal.js';
import type { MutationResolvers } from '../generated/resolvers.js';
import { localFirstLookup } from '../loaders.js';
import { defineMatter } from '../matters.js';
import { defineCertificateType, grantAccess, revokeGrant } from '../service.js';

/** The calling steward's code; shield lets only stewards through, this narrows the type. */
function stewardOf(principal: Principal): string {
  if (principal.kind !== 'agency') throw forbidden('not allowed: only a data steward maintains the catalog and its grants', 'ROLE_REQUIRED', 'steward');
  return principal.code;
}

/**
 * Who defines the matter `code`: a data steward, or the agency that handles it (the code's first
 * 18 characters) with the issuer role. Shield lets only them through; this says so again and
 * narrows the principal to read its code and name.
 */
function matterDefinerOf(principal: Principal, code: string): { code: string; name: string | null } {
  if (principal.kind === 'agency' && (hasRole(principal, 'steward') || (hasRole(principal, 'issuer') && principal.code === matterCodeAgency(code)))) {
    return { code: principal.code, name: principal.name };
  }
  throw forbidden('not allowed: a data steward defines matters, and an agency with the issuer role its own', 'ROLE_REQUIRED', 'steward');
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
  defineMatter: (_parent, { input }, ctx) => {
    const definer = matterDefinerOf(ctx.principal, input.code);
    return defineMatter(ctx.db, localFirstLookup(ctx.loaders, ctx.node.code), input, {
      definedBy: definer.code,
      // The agency defining its own matter is named as its token names it, unless it says otherwise.
      defaultAgencyName: definer.code === matterCodeAgency(input.code) ? definer.name : null,
      // Inside the definition's transaction: the catalog never changes without its record.
      record: (tx, detail) => ctx.audit.writeChange(tx, 'defineMatter', {}, detail),
    });
  },
};
