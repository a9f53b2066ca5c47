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

/** A grant as the province catalog answers it (Query.grants, Query.myGrants): GRANT_FIELDS. */
export interface GrantAnswer {
  id: string;
  certificateType: { code: string } | null;
  items: string[];
  purposes: string[];
  expiresAt: string | null;
}

/** The selection that answers GrantAnswer. */
export const GRANT_FIELDS = 'id certificateType { code } items purposes expiresAt';

/** The grants of a catalog answer as requests carry them (a grant whose type is gone opens nothing). */
export const grantClaimsOf = (rows: readonly GrantAnswer[]): GrantClaim[] =>
  rows.flatMap((row) => (row.certificateType ? [{ id: row.id, type: row.certificateType.code, items: row.items, purposes: row.purposes, expiresAt: row.expiresAt }] : []));

/**
 * Each agency's grants, kept for `ttlMs` (5 s by default) after they were read: a grant a steward
 * revokes stops working within that time. One read per agency at a time; a failed read is not
 * kept, so the next asker reads again.
 */
export class AgencyGrantCache {
  readonly #entries = new Map<string, { grants: Promise<GrantClaim[]>; expires: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The agency's grants: those kept, or what `read` answers when none are kept or they are too old. */
  get(agency: string, read: () => Promise<GrantClaim[]>, now: number = Date.now()): Promise<GrantClaim[]> {
    let entry = this.#entries.get(agency);
    if (!entry || entry.expires <= now) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      const grants = read();
      entry = { grants, expires: now + this.ttlMs };
      this.#entries.set(agency, entry);
      grants.catch(() => {
        if (this.#entries.get(agency)?.grants === grants) this.#entries.delete(agency);
      });
    }
    return entry.grants;
  }

  /** Forgets every agency's grants. */
  clear(): void {
    this.#entries.clear();
  }
}
