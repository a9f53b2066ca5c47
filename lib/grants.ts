import type { GrantClaim } from './principal.js';

/**
 * Whether a grant applies to a request of `purpose` at `now`: it names the purpose and has not
 * expired. The one rule of a grant's life outside the catalog: the gateway narrows an agency's
 * grants with it before it signs them into a request, and every node applies it again, because
 * its rules must stand on their own. (The province catalog keeps revoked grants out when it
 * answers myGrants.)
 */
export function grantApplies(grant: Pick<GrantClaim, 'purposes' | 'expiresAt'>, purpose: string | null, now: Date): boolean {
  return purpose !== null && grant.purposes.includes(purpose) && (grant.expiresAt === null || grant.expiresAt > now.toISOString());
}

/** The request's grants that open certificate type `type` for the request's purpose at `now`. */
export function grantsFor(type: string, grants: readonly GrantClaim[], purpose: string | null, now: Date): GrantClaim[] {
  return grants.filter((grant) => grant.type === type && grantApplies(grant, purpose, now));
}
