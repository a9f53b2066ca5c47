import { sql, type SQL } from 'drizzle-orm';
import { certificates, type CertificateRow, type StoredStatus } from './db/schema.js';
import type { CertificateStatus } from './generated/resolvers.js';

/** Stored statuses that turn into EXPIRED once valid_until has passed; final statuses stay as they are. */
const EXPIRABLE: readonly StoredStatus[] = ['VALID', 'SUSPENDED'];

/**
 * The status a certificate is in on `today` (YYYY-MM-DD, China time): EXPIRED when it is VALID
 * or SUSPENDED and its validUntil lies before today, else its stored status. EXPIRED is never
 * stored because it changes with the calendar, not with any action.
 *
 * The rule exists once, in two forms kept side by side — `of` for rows in JavaScript and `sql`
 * for statements — so that a status filter and the status answered for the same row agree.
 * `today` is an argument (never the database's CURRENT_DATE) because the hub's calendar is
 * China time whatever the server's time zone, and one request uses one day throughout.
 */
export const effectiveStatus = {
  of(row: Pick<CertificateRow, 'status' | 'validUntil'>, today: string): CertificateStatus {
    return EXPIRABLE.includes(row.status) && row.validUntil !== null && row.validUntil < today ? 'EXPIRED' : row.status;
  },

  /** The same rule as an SQL expression of type text. */
  sql(today: string): SQL<CertificateStatus> {
    const { status, validUntil } = certificates;
    const expirable = sql.join(
      EXPIRABLE.map((value) => sql`${value}`),
      sql`, `,
    );
    return sql<CertificateStatus>`(CASE WHEN ${status} IN (${expirable}) AND ${validUntil} < ${today}::date THEN 'EXPIRED' ELSE ${status}::text END)`;
  },

  /** An SQL condition: the certificate's effective status on `today` is one of `statuses`. */
  in(statuses: readonly CertificateStatus[], today: string): SQL {
    return sql`${effectiveStatus.sql(today)} = ANY(${sql.param([...statuses])}::text[])`;
  },
};

const FINAL: ReadonlySet<CertificateStatus> = new Set<CertificateStatus>(['REVOKED', 'WITHDRAWN', 'CANCELLED']);

/** Why EXPIRED cannot be the target of a status change. */
export const NOT_SETTABLE = 'EXPIRED is computed from validUntil and cannot be set';

/** True for the statuses a certificate row may store (all but the computed EXPIRED). */
export const isStoredStatus = (status: CertificateStatus): status is StoredStatus => status !== 'EXPIRED';

/**
 * Why a certificate whose effective status is `from` cannot be set to `to`, or null when it can.
 * Revoked (吊销), withdrawn (撤销) and cancelled (注销) are final; suspension (暂扣) is lifted by
 * setting VALID again; an expired certificate can still be revoked, withdrawn or cancelled, for
 * the record, but not revived by a status change.
 */
export function transitionProblem(from: CertificateStatus, to: CertificateStatus): string | null {
  if (!isStoredStatus(to)) return NOT_SETTABLE;
  if (from === to) return `the certificate is already ${from}`;
  if (FINAL.has(from)) return `a ${from} certificate cannot change status any more`;
  if (from === 'EXPIRED' && !FINAL.has(to)) return 'an expired certificate can only be revoked, withdrawn or cancelled';
  return null;
}
