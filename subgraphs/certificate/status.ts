import { sql, type SQL } from 'drizzle-orm';
import { certificates, type CertificateRow, type StoredStatus } from './db/schema.js';
import type { CertificateStatus } from './generated/resolvers.js';

/** Stored statuses that turn into EXPIRED once valid_until has passed; final statuses stay as they are. */
const EXPIRABLE: readonly StoredStatus[] = ['VALID', 'SUSPENDED'];

/**
 * The status a certificate is in on `today` (YYYY-MM-DD, China time): its stored status, or the
 * status scheduled for a day that has come (pending_status on pending_effective_on — the node
 * writes it into the row that day, scheduled.ts, but a read never waits for that); then EXPIRED
 * when that is VALID or SUSPENDED and its validUntil lies before today. EXPIRED is never stored
 * because it changes with the calendar, not with any action.
 *
 * The rule exists once, in two forms kept side by side — `of` for rows in JavaScript and `sql`
 * for statements — so that a status filter and the status answered for the same row agree.
 * `today` is an argument (never the database's CURRENT_DATE) because the hub's calendar is
 * China time whatever the server's time zone, and one request uses one day throughout.
 */
export const effectiveStatus = {
  of(row: Pick<CertificateRow, 'status' | 'validUntil' | 'pendingStatus' | 'pendingEffectiveOn'>, today: string): CertificateStatus {
    const set = storedStatusOn(row, today);
    return EXPIRABLE.includes(set) && row.validUntil !== null && row.validUntil < today ? 'EXPIRED' : set;
  },

  /** The same rule as an SQL expression of type text. */
  sql(today: string): SQL<CertificateStatus> {
    const { status, validUntil, pendingStatus, pendingEffectiveOn } = certificates;
    const expirable = sql.join(
      EXPIRABLE.map((value) => sql`${value}`),
      sql`, `,
    );
    const set = sql`(CASE WHEN ${pendingStatus} IS NOT NULL AND ${pendingEffectiveOn} <= ${today}::date THEN ${pendingStatus} ELSE ${status} END)`;
    return sql<CertificateStatus>`(CASE WHEN ${set} IN (${expirable}) AND ${validUntil} < ${today}::date THEN 'EXPIRED' ELSE ${set}::text END)`;
  },

  /** An SQL condition: the certificate's effective status on `today` is one of `statuses`. */
  in(statuses: readonly CertificateStatus[], today: string): SQL {
    return sql`${effectiveStatus.sql(today)} = ANY(${sql.param([...statuses])}::text[])`;
  },
};

/** The status set for `today`: the stored one, or a scheduled one whose day has come. */
export function storedStatusOn(row: Pick<CertificateRow, 'status' | 'pendingStatus' | 'pendingEffectiveOn'>, today: string): StoredStatus {
  return row.pendingStatus !== null && row.pendingEffectiveOn !== null && row.pendingEffectiveOn <= today ? row.pendingStatus : row.status;
}

/** The statuses after which nothing changes a certificate any more. */
export const FINAL: ReadonlySet<CertificateStatus> = new Set<CertificateStatus>(['REVOKED', 'WITHDRAWN', 'CANCELLED', 'SUPERSEDED']);

/**
 * The national code of each status (电子证照状态代码): 01 有效, 02 暂扣, 03 撤销, 04 注销, 05 失效
 * (expired, or replaced by a newer version), 07 吊销.
 */
export const NATIONAL_STATUS_CODE: Readonly<Record<CertificateStatus, string>> = {
  VALID: '01',
  SUSPENDED: '02',
  WITHDRAWN: '03',
  CANCELLED: '04',
  EXPIRED: '05',
  SUPERSEDED: '05',
  REVOKED: '07',
};

/** 证照状态 in Chinese, as the national status codes name them. */
export const STATUS_LABELS: Readonly<Record<CertificateStatus, string>> = {
  VALID: '有效',
  SUSPENDED: '暂扣',
  REVOKED: '吊销',
  WITHDRAWN: '撤销',
  CANCELLED: '注销',
  EXPIRED: '过期',
  SUPERSEDED: '已换发',
};

/** Why EXPIRED or SUPERSEDED cannot be the target of a status change, or null. */
export function notSettable(status: CertificateStatus): string | null {
  if (status === 'EXPIRED') return 'EXPIRED is computed from validUntil and cannot be set';
  if (status === 'SUPERSEDED') return 'SUPERSEDED is set by amendCertificate, when a newer version replaces the certificate';
  return null;
}

/** True for the statuses a certificate row may store (all but the computed EXPIRED). */
export const isStoredStatus = (status: CertificateStatus): status is StoredStatus => status !== 'EXPIRED';

/**
 * Why a certificate whose effective status is `from` cannot be set to `to`, or null when it can.
 * Revoked (吊销), withdrawn (撤销) and cancelled (注销) are final; suspension (暂扣) is lifted by
 * setting VALID again; an expired certificate can still be revoked, withdrawn or cancelled, for
 * the record, but not revived by a status change.
 */
export function transitionProblem(from: CertificateStatus, to: CertificateStatus): string | null {
  const unsettable = notSettable(to);
  if (unsettable) return unsettable;
  if (from === 'SUPERSEDED') return 'a newer version replaced this certificate: change the status of the newest version';
  if (from === to) return `the certificate is already ${from}`;
  if (FINAL.has(from)) return `a ${from} certificate cannot change status any more`;
  if (from === 'EXPIRED' && !FINAL.has(to)) return 'an expired certificate can only be revoked, withdrawn or cancelled';
  return null;
}
