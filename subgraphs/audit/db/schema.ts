import { bigint, bigserial, index, pgSchema, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** The access log lives in its own PostgreSQL schema, beside the subgraphs' own. */
export const audit = pgSchema('audit');

/** Who a record says acted: an agency, a holder about itself, the public, or the hub itself (a node, the gateway). */
export const ACTOR_KINDS = ['agency', 'holder', 'public', 'service'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * The node's access log (用证记录): one row per request and certificate (or holder) whose
 * personal data was returned or changed. Rows form a hash chain per node in `seq` order: each
 * row's `hash` covers the previous row's hash and the row's own content (see ../log.ts),
 * so editing or deleting a row breaks the chain from that row on.
 */
export const accessRecords = audit.table(
  'access_records',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The agency's USCC, the holder's code, or 'public'. */
    actor: text('actor').notNull(),
    /**
     * The actor's name as its token gave it when the record was written (an agency's name, a
     * holder's own); null for the public, the hub itself, a token without a name, and every
     * record written before names were recorded. The hash covers it only when it is not null
     * (see ../log.ts canonicalRecord), so those older records verify as they did.
     */
    actorName: text('actor_name'),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    /** 用证事由 as the request stated it (X-Purpose). */
    purpose: text('purpose'),
    certificateId: text('certificate_id'),
    holderCode: text('holder_code'),
    /** The fields actually returned (`holderName`, `items.idNumber`, …) or the change (`issueCertificate`). */
    fields: text('fields').array().notNull(),
    requestId: text('request_id').notNull(),
    /** The id the client gave its request (X-Request-Id), sanitised, beside the hub's own. */
    clientRequestId: text('client_request_id'),
    /** What changed, as JSON (e.g. a certificate type's definition before and after); null for reads. */
    detail: text('detail'),
    /**
     * 办件号: the case number of the application the request served (X-Case-Number, or a
     * resolver's argument); null without one, and on every record written before case numbers
     * were recorded.
     */
    caseNumber: text('case_number'),
    /**
     * The id of the holder's consent (授权用证) the read was allowed under; null for a read
     * under no consent. The hash covers it and case_number when either is not null (see
     * ../log.ts canonicalRecord), so older records verify as they did.
     */
    consentId: text('consent_id'),
    /** The node that wrote the record: each node's records form one chain. */
    node: text('node').notNull(),
    /** The hash of the node's previous record; 64 zeros for its first. */
    prevHash: text('prev_hash').notNull(),
    /** Hex HMAC-SHA-256, with the audit key `key_id`, of prev_hash and the canonical serialisation of the other columns. */
    hash: text('hash').notNull(),
    /** Which audit key made `hash` (see lib/secret-keys.ts); null for a record written before the log was keyed. */
    keyId: text('key_id'),
  },
  (t) => [
    // The log is read in the hub's order of access records (at descending, then seq descending:
    // see ../access-log.ts) about one holder, one certificate, or (an auditor) all of them, a
    // page at a time from a cursor: each read is a range of one of these indexes.
    index('access_records_holder_idx').on(t.holderCode, t.at, t.seq),
    index('access_records_certificate_idx').on(t.certificateId, t.at, t.seq),
    index('access_records_node_at_idx').on(t.node, t.at, t.seq),
    // The chain's head: the last record of a node, read under the chain lock on every append.
    index('access_records_node_idx').on(t.node, t.seq),
  ],
);

export type AccessRecordRow = typeof accessRecords.$inferSelect;
export type NewAccessRecord = typeof accessRecords.$inferInsert;

/**
 * Anchors (kept at the province node): a node's chain head — its last sequence number and hash —
 * as it was when anchored, every minute and on demand. A node's chain is checked against its
 * anchors, so a rewritten or truncated chain is found even by someone who holds the node's audit
 * key: the anchors are outside the node. Rows are only added (an anchor seen again is confirmed).
 */
export const anchors = audit.table(
  'anchors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    node: text('node').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    anchoredAt: timestamp('anchored_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last time the node's head was found unchanged at this anchor. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('anchors_node_seq_hash_unique').on(t.node, t.seq, t.hash)],
);

export type AnchorRow = typeof anchors.$inferSelect;
