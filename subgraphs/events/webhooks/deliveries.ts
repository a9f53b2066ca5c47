/**
 * An agency's view of its webhooks' deliveries at one node (the gateway merges every node's):
 * webhookDeliveries lists them newest first, redeliver sends one again.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { badInput } from '../../../lib/errors.js';
import type { AuditRecorder } from '../../audit/log.js';
import type { HubDatabase } from '../../kit/db.js';
import type { WebhookDeliveryModel } from '../../certificate/model.js';
import { deliveries, DELIVERY_STATUSES, eventLog, type DeliveryStatusValue } from '../db/schema.js';

/** The most deliveries one webhookDeliveries answers. */
export const MAX_DELIVERIES_PAGE = 500;

const DELIVERY_ID = /^(\d{6})-(\d{1,18})$/;

/** The number of a delivery id `{node}-{number}` of `node`, or null when it names another node or none. */
export function deliveryNumber(id: string, node: string): number | null {
  const match = DELIVERY_ID.exec(id);
  if (!match) throw badInput('delivery', 'a webhook delivery id is {node code}-{number}, such as 350200-17');
  return match[1] === node ? Number(match[2]) : null;
}

const MODEL_COLUMNS = {
  id: deliveries.id,
  webhookId: deliveries.webhookId,
  eventSeq: deliveries.eventSeq,
  eventType: eventLog.type,
  certificateId: eventLog.certificateId,
  status: deliveries.status,
  attempts: deliveries.attempts,
  createdAt: deliveries.createdAt,
  lastAttemptAt: deliveries.lastAttemptAt,
  nextAttemptAt: sql<Date | null>`case when ${deliveries.status} = 'PENDING' then ${deliveries.nextAttemptAt} end`.mapWith(deliveries.nextAttemptAt),
  deliveredAt: deliveries.deliveredAt,
  responseStatus: deliveries.responseStatus,
  lastError: deliveries.lastError,
};

/**
 * The deliveries of webhook `webhookId` at this node, newest first (created, then number), at
 * most `first` (1 to 500), only those in `status` when given. The caller has checked that the
 * webhook is the agency's.
 */
export function deliveriesOf(db: HubDatabase, webhookId: string, status: DeliveryStatusValue | null, first: number): Promise<WebhookDeliveryModel[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE) throw badInput('first', `must be between 1 and ${MAX_DELIVERIES_PAGE}`);
  if (status !== null && !DELIVERY_STATUSES.includes(status)) throw badInput('status', `one of ${DELIVERY_STATUSES.join(', ')}`);
  return db
    .select(MODEL_COLUMNS)
    .from(deliveries)
    .innerJoin(eventLog, eq(eventLog.seq, deliveries.eventSeq))
    .where(and(eq(deliveries.webhookId, webhookId), status === null ? undefined : eq(deliveries.status, status)))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(first);
}

/** The webhook a delivery of this node belongs to, or null when there is no such delivery. */
export async function webhookOfDelivery(db: HubDatabase, number: number): Promise<string | null> {
  const [row] = await db.select({ webhookId: deliveries.webhookId }).from(deliveries).where(eq(deliveries.id, number));
  return row?.webhookId ?? null;
}

/**
 * Makes delivery `number` PENDING again, due now, with a new retry window and its attempts
 * counted afresh, and records the change, in one transaction. An attempt under way keeps its
 * lease (no other worker sends the event meanwhile) but loses the right to write its outcome:
 * the redelivery is a fresh attempt once that lease has passed. The event, and so
 * X-Ecert-Event-Id, stay the same.
 */
export async function redeliver(db: HubDatabase, audit: AuditRecorder, number: number): Promise<WebhookDeliveryModel> {
  return db.transaction(async (tx) => {
    await tx
      .update(deliveries)
      .set({
        status: 'PENDING',
        attempts: 0,
        windowStart: sql`now()`,
        nextAttemptAt: sql`now()`,
        deliveredAt: null,
        leaseId: null,
        lockedUntil: sql`case when ${deliveries.lockedUntil} > now() then ${deliveries.lockedUntil} end`,
      })
      .where(eq(deliveries.id, number));
    await audit.writeChange(tx, 'redeliver', {});
    const [row] = await tx.select(MODEL_COLUMNS).from(deliveries).innerJoin(eventLog, eq(eventLog.seq, deliveries.eventSeq)).where(eq(deliveries.id, number));
    return row!;
  });
}
