import { bigserial, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The access log lives in its own PostgreSQL schema, beside the subgraphs' own. */
export const audit = pgSchema('audit');

/** Who a record says acted: an agency, a holder about itself, or the public. */
export const ACTOR_KINDS = ['agency', 'holder', 'public'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * The node's access log (用证记录): one row per request and certificate (or holder) whose
 * personal data was returned or changed. Rows form a hash chain per node in `seq` order: each
 * row's `hash` covers the previous row's hash and the row's own content (see lib/audit/log.ts),
 * so editing or deleting a row breaks the chain from that row on.
 */
export const accessRecords = audit.table(
  'access_records',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The agency's USCC, the holder's code, or 'public'. */
    actor: text('actor').notNull(),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    /** 用证事由 as the request stated it (X-Purpose). */
    purpose: text('purpose'),
    certificateId: text('certificate_id'),
    holderCode: text('holder_code'),
    /** The fields actually returned (`holderName`, `items.idNumber`, …) or the change (`issueCertificate`). */
    fields: text('fields').array().notNull(),
    requestId: text('request_id').notNull(),
    /** The node that wrote the record: each node's records form one chain. */
    node: text('node').notNull(),
    /** The hash of the node's previous record; 64 zeros for its first. */
    prevHash: text('prev_hash').notNull(),
    /** Hex SHA-256 of prev_hash and the canonical serialisation of the other columns. */
    hash: text('hash').notNull(),
  },
  (t) => [
    // The log is read newest first (seq descending) about one holder or one certificate.
    index('access_records_holder_idx').on(t.holderCode, t.seq),
    index('access_records_certificate_idx').on(t.certificateId, t.seq),
    // The chain's head: the last record of a node, read under the chain lock on every append.
    index('access_records_node_idx').on(t.node, t.seq),
  ],
);

export type AccessRecordRow = typeof accessRecords.$inferSelect;
export type NewAccessRecord = typeof accessRecords.$inferInsert;
