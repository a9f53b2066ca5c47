import { and, isNull, sql } from 'drizzle-orm';
import type { CertificateStatus } from '../generated/resolvers.js';
import type { HubDatabase } from '../../kit/db.js';
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
export const MAX_HOLDINGS_HOLDERS = 2_000;

/**
 * The current certificates (replaced versions left out) that `holders` hold at this node — of
 * `types` when given, else of every type; only VALID ones when `validOnly`. One statement on the
 * holder index, the end of validity and the last status change's day computed in it.
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
  const status = effectiveStatus.sql(today);
  const rows = await db
    .select({
      id: certificates.id,
      holderCode: certificates.holderCode,
      typeCode: certificates.typeCode,
      typeName: certificates.typeName,
      number: certificates.number,
      status,
      validUntil: certificates.validUntil,
      issuerCode: certificates.issuerCode,
      issuerName: certificates.issuerName,
      changedOn: sql<string | null>`(select max(sc.effective_on)::text from ${statusChanges} sc where sc.certificate_id = ${certificates}.id)`,
    })
    .from(certificates)
    .where(
      and(
        sql`${certificates.holderCode} = ANY(${sql.param([...holders])}::text[])`,
        types === null ? undefined : sql`${certificates.typeCode} = ANY(${sql.param([...types])}::text[])`,
        isNull(certificates.supersededAt),
        validOnly ? effectiveStatus.in(['VALID'], today) : undefined,
      ),
    );
  return rows.map(({ changedOn, ...row }) => ({
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
