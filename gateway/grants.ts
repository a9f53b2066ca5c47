import { AgencyGrantCache, GRANT_FIELDS, grantApplies, grantClaimsOf, type GrantAnswer } from '../lib/grants.js';
import type { ContextSigner } from '../lib/hub-context.js';
import type { GrantClaim, Principal } from '../lib/principal.js';
import type { NodeClient } from './node-client.js';
import type { Topology } from './topology.js';

const MY_GRANTS = /* GraphQL */ `
  query HubGrants { myGrants { ${GRANT_FIELDS} } }
`;

/**
 * The grants of each agency, read from the province catalog and kept for `ttlMs`: a grant a
 * steward revokes stops working on every node within that time. What the request receives
 * is narrowed to its purpose and to grants still unexpired at that moment.
 */
export class GrantCache {
  private readonly cache: AgencyGrantCache;

  constructor(
    private readonly topology: Topology,
    private readonly client: NodeClient,
    private readonly signer: ContextSigner,
    ttlMs = 5_000,
  ) {
    this.cache = new AgencyGrantCache(ttlMs);
  }

  /**
   * The agency's grants for the request: those that apply to its purpose, and — reduced to type
   * and items — the live ones for other purposes, so that a node refusing can say the purpose is
   * the matter (PURPOSE_NOT_GRANTED) without being given anything it opens.
   */
  async forRequest(
    principal: Principal,
    purpose: string | null,
    requestId: string,
    now = Date.now(),
  ): Promise<{ grants: GrantClaim[]; elsewhere: Array<{ type: string; items: string[] }> }> {
    if (principal.kind !== 'agency') return { grants: [], elsewhere: [] };
    let grants: GrantClaim[];
    try {
      // A failed read is not remembered: the next request asks again.
      grants = await this.cache.get(principal.code, () => this.fetch(principal, requestId), now);
    } catch (error) {
      // Without the province catalog nobody gets more than their roles allow: default deny.
      console.error(`grants of ${principal.code} unavailable:`, (error as Error).message);
      return { grants: [], elsewhere: [] };
    }
    const at = new Date(now);
    const applying = grants.filter((grant) => grantApplies(grant, purpose, at));
    const elsewhere = new Map<string, Set<string>>();
    for (const grant of grants) {
      if (applying.includes(grant) || !grant.purposes.some((other) => grantApplies(grant, other, at))) continue;
      const items = elsewhere.get(grant.type) ?? new Set<string>();
      for (const item of grant.items) items.add(item);
      elsewhere.set(grant.type, items);
    }
    return { grants: applying, elsewhere: [...elsewhere].map(([type, items]) => ({ type, items: [...items] })) };
  }

  private async fetch(principal: Principal, requestId: string): Promise<GrantClaim[]> {
    const sign = this.signer.prepare({ principal, purpose: null, requestId, grants: [] });
    const answer = await this.client.send(this.topology.province, 'catalog', { query: MY_GRANTS }, sign, requestId);
    const rows = answer.data?.['myGrants'];
    if (!Array.isArray(rows)) throw new Error(answer.errors?.[0]?.message ?? 'no grants in the answer');
    return grantClaimsOf(rows as GrantAnswer[]);
  }

  /** Forgets every cached grant, e.g. right after a steward changed them through this gateway. */
  clear(): void {
    this.cache.clear();
  }
}
