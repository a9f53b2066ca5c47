import type { GrantClaim } from './principal.js';

/**
 * The request's grants that open certificate type `type` for the request's purpose and are
 * unexpired at `now`. The gateway already narrows grants to the purpose; the owning subgraph
 * checks again because its rules must stand on their own.
 */
export function grantsFor(type: string, grants: readonly GrantClaim[], purpose: string | null, now: Date): GrantClaim[] {
  if (purpose === null) return [];
  const at = now.toISOString();
  return grants.filter((g) => g.type === type && g.purposes.includes(purpose) && (g.expiresAt === null || g.expiresAt > at));
}
