/**
 * Matching a node's new events to the webhooks that want them (README › Webhooks): the oldest
 * undispatched events, in the order they were appended, each matched against the subscriptions
 * (authorization.ts matches); their deliveries inserted in one statement and the events marked
 * dispatched, in one transaction.
 *
 * One dispatcher at a time per database (a transaction-scoped advisory lock; the others skip
 * their turn): deliveries of one certificate must be created in event order, because the sender
 * sends a delivery only when none earlier of its webhook and certificate is pending. Two
 * dispatchers each locking a batch with SKIP LOCKED could create event 7's delivery — and send
 * it — before event 6's. For the same reason rows are not skipped when locked: a holder's inbox
 * marking an event read holds its row for a moment, and the dispatcher waits for it rather than
 * pass it by.
 *
 * An event is matched only against a list of webhooks read after it happened (`until`: the
 * list's age), so that a webhook created just before a change is not missed because the node's
 * list was a few seconds old; a batch stops at the first event newer than that, and the worker
 * reads the list again. (While the province cannot be reached the worker moves `until` on
 * anyway after a while: see worker.ts STALE_LIST_GRACE_MS.)
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../../kit/db.js';
import { executeRows } from '../../kit/db.js';
import { deliveries, eventLog } from '../db/schema.js';
import { matches, type EventFacts } from './authorization.js';
import type { Subscription, SubscriptionSnapshot } from './subscriptions.js';

/** Class of the advisory lock that lets one dispatcher at a time work on a database. */
const DISPATCH_LOCK_CLASS = 0x6469_7370; // 'disp'

export interface DispatchResult {
  /** Whether this dispatcher had its turn (another held the lock otherwise). */
  ran: boolean;
  /** Events marked dispatched. */
  events: number;
  /** Deliveries created. */
  deliveries: number;
  /** Events left because they are newer than the list of webhooks: read it again, then dispatch. */
  heldBack: boolean;
  /** Whether the batch was full: more may be waiting. */
  more: boolean;
}

/**
 * What deliveries of one event to one webhook go out in order with: the webhook and the event's
 * certificate, else whom it is about.
 */
export const orderingKeyOf = (webhookId: string, event: Pick<EventFacts, 'certificateId' | 'holderCode'> & { seq: number }): string =>
  `${webhookId} ${event.certificateId ?? (event.holderCode === null ? `event:${event.seq}` : `holder:${event.holderCode}`)}`;

/** The subscriptions worth testing against events of each type. */
function byEventType(list: readonly Subscription[]): Map<string, Subscription[]> {
  const index = new Map<string, Subscription[]>();
  for (const subscription of list) {
    for (const type of subscription.events) {
      const entries = index.get(type) ?? [];
      entries.push(subscription);
      index.set(type, entries);
    }
  }
  return index;
}

/**
 * Dispatches up to `batch` of the oldest undispatched events that happened no later than `until`
 * (epoch ms) against `snapshot`: one transaction, one statement per step whatever the number of
 * events and webhooks.
 */
export async function dispatchEvents(db: HubDatabase, node: string, snapshot: SubscriptionSnapshot, until: number, batch: number): Promise<DispatchResult> {
  return db.transaction(async (tx) => {
    const [turn] = await executeRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${DISPATCH_LOCK_CLASS}::int, hashtext(${node})) as locked`,
    );
    if (!turn?.locked) return { ran: false, events: 0, deliveries: 0, heldBack: false, more: false };
    const pending = await tx
      .select({
        seq: eventLog.seq,
        type: eventLog.type,
        at: eventLog.at,
        certificateId: eventLog.certificateId,
        typeCode: eventLog.typeCode,
        issuerCode: eventLog.issuerCode,
        holderCode: eventLog.holderCode,
        actor: eventLog.actor,
      })
      .from(eventLog)
      .where(eq(eventLog.dispatched, false))
      .orderBy(asc(eventLog.seq))
      .limit(batch)
      .for('update');
    const newer = pending.findIndex((event) => event.at.getTime() > until);
    const ready = newer < 0 ? pending : pending.slice(0, newer);
    if (ready.length === 0) return { ran: true, events: 0, deliveries: 0, heldBack: newer >= 0, more: false };

    const candidates = byEventType(snapshot.list);
    const rows: Array<{ webhookId: string; eventSeq: number; orderingKey: string }> = [];
    for (const event of ready) {
      for (const subscription of candidates.get(event.type) ?? []) {
        if (matches(subscription, event)) rows.push({ webhookId: subscription.id, eventSeq: event.seq, orderingKey: orderingKeyOf(subscription.id, event) });
      }
    }
    if (rows.length > 0) {
      await tx.execute(sql`
        insert into ${deliveries} (webhook_id, event_seq, ordering_key)
        select t.webhook_id, t.event_seq, t.ordering_key
        from unnest(${sql.param(rows.map((row) => row.webhookId))}::text[], ${sql.param(rows.map((row) => row.eventSeq))}::bigint[],
                    ${sql.param(rows.map((row) => row.orderingKey))}::text[]) as t(webhook_id, event_seq, ordering_key)
        on conflict (event_seq, webhook_id) do nothing`);
    }
    await tx
      .update(eventLog)
      .set({ dispatched: true })
      .where(sql`${eventLog.seq} = any(${sql.param(ready.map((event) => event.seq))}::bigint[])`);
    return { ran: true, events: ready.length, deliveries: rows.length, heldBack: newer >= 0, more: newer < 0 && pending.length === batch };
  });
}
