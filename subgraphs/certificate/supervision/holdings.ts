import { and, isNull, sql } from 'drizzle-orm';
import type { CertificateStatus } from '../generated/resolvers.js';
import { executeRows, type HubDatabase } from '../../kit/db.js';
import { certificates, statusChanges } from '../db/schema.js';
import { effectiveStatus } from '../status.js';

/**
 * What supervision needs to know of one current certificate (never its items): enough to say
 * whether its holder is licensed for the type, and since when it is not.
 */
export interface HeldCertificate {
  id: string;
  holderCode: string;
  typeCode: string;
  typeName: string;
  number: string;
  status: CertificateStatus;
  validUntil: string | null;
  issuerCode: string;
  issuerName: string;
  /**
   * The day it stopped being valid: the day after validUntil for an expired one, the effective
   * day of its last status change for one revoked, withdrawn, cancelled or suspended; null for a
   * valid one.
   */
  since: string | null;
  node: string;
}

/** The most holders one question names: a batch of entities. */
export const MAX_HOLDINGS_HOLDERS = 4_000;

/**
 * The ranges of holder codes that cover `holders`: one per run of codes that share their first 8
 * characters — a USCC's category and registration region (GB 32100) — from the least to the
 * greatest. The entities of one registration region are kept by one node's registry, so the
 * entities of a round of findings (consecutive entities of one registry) come in few such runs,
 * and a run's range holds the certificates of that round's entities and hardly any other: read
 * as one index range scan each, where looking up 2,000 codes one by one costs ten times more
 * (README › Performance).
 */
/** More runs than this are looked up holder by holder: a statement stays of a reasonable size. */
const MAX_RANGES = 64;

export function holderRanges(holders: readonly string[]): Array<{ from: string; to: string }> {
  const runs = new Map<string, { from: string; to: string }>();
  for (const holder of holders) {
    const prefix = holder.slice(0, 8);
    const run = runs.get(prefix);
    if (!run) runs.set(prefix, { from: holder, to: holder });
    else if (holder < run.from) run.from = holder;
    else if (holder > run.to) run.to = holder;
  }
  return [...runs.values()];
}

/**
 * The current certificates (replaced versions left out) that `holders` hold at this node — of
 * `types` when given, else of every type; only VALID ones when `validOnly`. One statement: an
 * index range scan on the holder index per run of holders (holderRanges), the end of validity
 * computed in it and — for those no longer valid — the day of the last status change; the rows
 * of holders in a range but not asked about are left out here.
 */
export async function heldCertificates(
  db: HubDatabase,
  node: string,
  today: string,
  holders: readonly string[],
  types: readonly string[] | null,
  validOnly: boolean,
): Promise<HeldCertificate[]> {
  if (holders.length === 0 || (types !== null && types.length === 0)) return [];
  const ranges = holderRanges(holders);
  const status = effectiveStatus.sql(today);
  const c = certificates;
  const rows = await executeRows<Omit<HeldCertificate, 'since' | 'node'> & { changedOn: string | null }>(
    db,
    sql`select ${c.id} as id, ${c.holderCode} as "holderCode", ${c.typeCode} as "typeCode", ${c.typeName} as "typeName", ${c.number} as number,
               ${status} as status, ${c.validUntil}::text as "validUntil", ${c.issuerCode} as "issuerCode", ${c.issuerName} as "issuerName",
               case when ${status} <> 'VALID'
                    then (select max(sc.effective_on)::text from ${statusChanges} sc where sc.certificate_id = ${c.id}) end as "changedOn"
        from ${c}
        where ${and(
          ranges.length > MAX_RANGES
            ? sql`${c.holderCode} = ANY(${sql.param([...holders])}::text[])`
            : sql`(${sql.join(
                ranges.map((range) => sql`${c.holderCode} between ${range.from} and ${range.to}`),
                sql` or `,
              )})`,
          isNull(c.supersededAt),
          // "is true": a condition no index answers, so that the plan stays one holder range scan
          // per run — not a scan of every certificate of the types, which grows with the node.
          types === null ? undefined : sql`(${c.typeCode} = ANY(${sql.param([...types])}::text[])) is true`,
          validOnly ? effectiveStatus.in(['VALID'], today) : undefined,
        )}`,
  );
  const asked = new Set(holders);
  return rows
    .filter((row) => asked.has(row.holderCode))
    .map(({ changedOn, ...row }) => ({
      ...row,
      since: row.status === 'VALID' ? null : row.status === 'EXPIRED' ? dayAfter(row.validUntil!) : changedOn,
      node,
    }));
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
