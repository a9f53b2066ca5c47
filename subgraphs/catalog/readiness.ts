import { and, gt, isNull, or, sql } from 'drizzle-orm';
import { AgencyGrantCache } from '../../lib/grants.js';
import { materialAccess, type MaterialAccess } from '../../lib/material-access.js';
import type { GrantClaim } from '../../lib/principal.js';
import type { HubDatabase } from '../kit/db.js';
import type { PeerClient } from '../kit/peers.js';
import { readProvinceGrants } from '../kit/province-grants.js';
import type { CatalogContext } from './context.js';
import { grants } from './db/schema.js';
import { localFirstLookup } from './loaders.js';
import type { MatterMaterialModel } from './model.js';

/** Reads the live grants of several agencies: one answer per agency, in order, an Error for an agency whose grants could not be read. */
export type AgencyGrantsBatch = (agencies: readonly string[]) => Promise<Array<GrantClaim[] | Error>>;

/**
 * How a node's catalog reads agencies' grants to say whether their matters are paperless-ready.
 * Grants are kept at the province node: there, from its own table, fresh on every request; at
 * any other node from the province's catalog on this node's own account (`grants(agency)`), each
 * agency's kept for `ttlMs` (5 s by default, as the gateway keeps them) so that a revoked grant
 * stops counting within seconds. An agency whose grants cannot be read gets an Error.
 */
export function agencyGrantsSource(deps: {
  db: HubDatabase;
  node: string;
  province: string;
  peers?: PeerClient | undefined;
  ttlMs?: number | undefined;
}): AgencyGrantsBatch {
  if (deps.node === deps.province) {
    return async (agencies) => {
      const rows = await deps.db
        .select()
        .from(grants)
        .where(
          and(
            sql`${grants.agency} = ANY(${sql.param([...agencies])})`,
            isNull(grants.revokedAt),
            or(isNull(grants.expiresAt), gt(grants.expiresAt, sql`now()`)),
          ),
        );
      return agencies.map((agency) =>
        rows
          .filter((row) => row.agency === agency)
          .map((row) => ({ id: row.id, type: row.typeCode, items: row.items, purposes: row.purposes, expiresAt: row.expiresAt?.toISOString() ?? null })),
      );
    };
  }
  const cache = new AgencyGrantCache(deps.ttlMs);
  const { peers, province } = deps;
  return (agencies) =>
    Promise.all(
      agencies.map((agency) =>
        cache
          .get(agency, () => (peers ? readProvinceGrants(peers, province, agency) : Promise.reject(new Error('this node has no way to reach the province node'))))
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ),
    );
}

/**
 * Whether the matter's agency may read what `material` needs for the matter without the
 * holder's consent (lib/material-access.ts), as this request sees the catalog. Default deny: a
 * type that cannot be read counts as one the catalog cannot find, and grants that cannot be read
 * open nothing. The agency's grants are read only when the answer depends on them — never for a
 * material that the sharing level alone opens or closes, since grants only ever open more.
 */
export async function materialAccessFor(material: MatterMaterialModel, ctx: CatalogContext): Promise<MaterialAccess> {
  const type = await localFirstLookup(ctx.loaders, ctx.node.code)
    .getType(material.certificateType)
    .catch(() => null);
  const now = new Date();
  const withoutGrants = materialAccess(material, type, material.matter.code, [], now);
  if (withoutGrants.blockedBy !== 'NO_GRANT') return withoutGrants;
  const agencyGrants = await ctx.loaders.agencyGrants.load(material.matter.agencyCode).catch(() => null);
  return agencyGrants === null ? withoutGrants : materialAccess(material, type, material.matter.code, agencyGrants, now);
}
