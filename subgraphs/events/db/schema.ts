import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Events, the holders' inboxes and webhooks live in their own PostgreSQL schema, beside the subgraphs'. */
export const events = pgSchema('events');

export const EVENT_TYPES = [
  'CERTIFICATE_ISSUED',
  'CERTIFICATE_CONVERTED',
  'CERTIFICATE_EXTERNAL_REGISTERED',
  'CERTIFICATE_STATUS_CHANGED',
  'CERTIFICATE_NEW_VERSION',
  'LEGAL_ENTITY_CHANGED',
  'NOTICE',
  'CORRECTION_RESOLVED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The node's outbox (README › Events): one row per change to data the node keeps, written in
 * the change's own transaction, so that no change is without its event and no event without
 * its change. An event is also its holder's inbox message: `title`, `body`, and the holder's
 * `delivered_at` / `read_at`. Its id in the province is `{node}-{seq}`. Item values never go in.
 */
export const eventLog = events.table(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    certificateId: text('certificate_id'),
    typeCode: text('type_code'),
    issuerCode: text('issuer_code'),
    /** The holder the event is about (resident ID number or USCC): whose inbox it is in. */
    holderCode: text('holder_code'),
    /** The certificate's (or legal entity's) status after the change. */
    status: text('status'),
    /** The agency that made the change or sent the notice. */
    actor: text('actor'),
    /**
     * For LEGAL_ENTITY_CHANGED: what certificates of the entity must follow (HOLDER_RENAMED,
     * HOLDER_REVOKED, HOLDER_CANCELLED), read by every node's follow-ups; null when nothing.
     */
    causes: text('causes').array(),
    /** The inbox message: one line in Chinese, and the rest. */
    title: text('title').notNull(),
    body: text('body'),
    /** When the holder first fetched it through `inbox`, and when it marked it read. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** False until the node has matched the event to the webhooks that subscribe to it. */
    dispatched: boolean('dispatched').notNull().default(false),
  },
  (t) => [
    // A holder's inbox, newest first, a page at a time from a cursor.
    index('events_holder_idx').on(t.holderCode, t.at, t.seq),
    // Certificate.delivery, and a certificate's events.
    index('events_certificate_idx').on(t.certificateId, t.seq),
    // The dispatcher's queue: only events not yet matched to webhooks.
    index('events_undispatched_idx').on(t.seq).where(sql`not ${t.dispatched}`),
    // Registry changes that certificates follow, in order (Query.registryChanges).
    index('events_registry_causes_idx').on(t.seq).where(sql`causes IS NOT NULL`),
  ],
);

export type EventRow = typeof eventLog.$inferSelect;
export type NewEvent = typeof eventLog.$inferInsert;

/**
 * Agencies' webhooks, kept at the province node (the other nodes read them from it through
 * webhookSubscriptions). `roles` are the owner's roles when it subscribed.
 */
export const webhooks = events.table(
  'webhooks',
  {
    id: text('id').primaryKey(),
    agency: text('agency').notNull(),
    agencyName: text('agency_name'),
    roles: text('roles').array().notNull(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    typeCodes: text('type_codes').array(),
    certificateIds: text('certificate_ids').array(),
    purpose: text('purpose'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_agency_idx').on(t.agency, t.createdAt)],
);

export type WebhookRow = typeof webhooks.$inferSelect;

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatusValue = (typeof DELIVERY_STATUSES)[number];

/**
 * One event on its way to one webhook, at the node that keeps the event. Deliveries of one
 * webhook about one certificate (its `ordering_key`) go out in event order: the next waits until
 * the one before is DELIVERED or FAILED. A worker claims due deliveries by setting
 * `locked_until` and a `lease_id` of its own; one that dies mid-delivery leaves them to be
 * claimed again when the lease passes, and a worker whose lease was taken over cannot write a
 * failure over the new holder's attempt (subgraphs/events/webhooks/sender.ts).
 */
export const deliveries = events.table(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: text('webhook_id').notNull(),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    /**
     * `{webhook id} {certificate id}` (else its holder): deliveries with one key go out in order.
     * The webhook is part of the key so that the order check reads only deliveries_order_idx.
     */
    orderingKey: text('ordering_key').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the retry window started: creation, or the last redeliver. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The claim that holds `locked_until`: a random id per claim, so a stale worker's result is recognised. */
    leaseId: text('lease_id'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
  },
  (t) => [
    // The sender's queue: each webhook's pending deliveries by when they are due.
    index('deliveries_due_idx').on(t.webhookId, t.nextAttemptAt, t.id).where(sql`${t.status} = 'PENDING'`),
    // Order per webhook and certificate: is an earlier delivery still pending? The key alone leads,
    // so that no plan can answer it from deliveries_due_idx by reading every pending delivery of
    // the webhook (a claim would cost the backlog times the rows it claims).
    index('deliveries_order_idx').on(t.orderingKey, t.eventSeq).where(sql`${t.status} = 'PENDING'`),
    // webhookDeliveries: one webhook's, newest first; and dropping a deleted webhook's.
    index('deliveries_webhook_idx').on(t.webhookId, t.createdAt, t.id),
    // One delivery per event and webhook, whatever a dispatcher does twice.
    uniqueIndex('deliveries_event_webhook_key').on(t.eventSeq, t.webhookId),
  ],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
