/**
 * Status changes scheduled for a later day (changeCertificateStatus with effectiveOn): kept on
 * the certificate's row (pending_*) until their day, when the node writes them into the row with
 * their history entry and event. Reads do not wait for that: the status a row shows from that day
 * on is the scheduled one already (status.ts), and any change to the row first writes a due one
 * (applyDueStatus), so the history keeps every change in its order.
 */
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { appendEvents, certificateEvent } from '../events/outbox.js';
import { certificates, statusChanges, type CertificateRow } from './db/schema.js';
import { closeFollowUps } from './follow-ups.js';
import { effectiveStatus, FINAL, transitionProblem } from './status.js';

/** The columns of a schedule, cleared. */
export const NO_SCHEDULE = { pendingStatus: null, pendingEffectiveOn: null, pendingReason: null, pendingActor: null, pendingAt: null } as const;

/**
 * Writes `row`'s scheduled change into it when its day (China time) is `today` or before, inside
 * the caller's transaction (the row locked by the caller): the status, the history entry (made
 * `at`, effective on the scheduled day, by the agency that scheduled it), the event, and — for a
 * final status — the certificate's open follow-ups closed. Returns the row as it is now.
 */
export async function applyDueStatus(tx: HubDatabase, row: CertificateRow, today: string, at: Date): Promise<CertificateRow> {
  const { pendingStatus: status, pendingEffectiveOn: day } = row;
  if (status === null || day === null || day > today) return row;
  // The status the row had on that day, before the change.
  const from = effectiveStatus.of({ ...row, ...NO_SCHEDULE }, day);
  if (transitionProblem(from, status) !== null) {
    // Nothing a client does leaves a schedule that cannot apply (a change today replaces it, a new
    // version takes it over); a row changed by hand keeps its status and loses the schedule.
    const [cleared] = await tx.update(certificates).set({ ...NO_SCHEDULE, updatedAt: at }).where(eq(certificates.id, row.id)).returning();
    return cleared!;
  }
  const reason = row.pendingReason ?? '';
  const actor = row.pendingActor ?? row.issuerCode;
  const [updated] = await tx
    .update(certificates)
    .set({ status, ...NO_SCHEDULE, updatedAt: at })
    .where(eq(certificates.id, row.id))
    .returning();
  await tx.insert(statusChanges).values({ certificateId: row.id, at, actor, fromStatus: from, toStatus: status, reason, effectiveOn: day });
  await appendEvents(tx, [certificateEvent('CERTIFICATE_STATUS_CHANGED', updated!, { at, status, actor, reason })]);
  if (FINAL.has(status)) await closeFollowUps(tx, row.id, at, `状态 ${status}`);
  return updated!;
}

/**
 * Writes up to `limit` scheduled changes due by `today` in one transaction, oldest day first,
 * skipping rows another transaction holds (another process of the node, or a change under way,
 * which applies the schedule itself). Returns how many it wrote.
 */
export async function applyScheduledStatusChanges(db: HubDatabase, today: string, at: Date, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(certificates)
      .where(and(isNotNull(certificates.pendingStatus), lte(certificates.pendingEffectiveOn, today)))
      .orderBy(asc(certificates.pendingEffectiveOn))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const row of due) await applyDueStatus(tx, row, today, at);
    return due.length;
  });
}
