import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, date, foreignKey, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Binary content (bytea): postgres.js gives a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Everything the certificate subgraph keeps lives in its own PostgreSQL schema. */
export const certificate = pgSchema('certificate');

export const holderKind = certificate.enum('holder_kind', ['PERSON', 'ORGANIZATION']);
/**
 * Every status the API speaks of. The history records EXPIRED as a "from" status (a certificate
 * revoked after it ran out), but a certificate row never stores it: see the check below.
 */
export const certificateStatus = certificate.enum('certificate_status', ['VALID', 'SUSPENDED', 'EXPIRED', 'REVOKED', 'WITHDRAWN', 'CANCELLED', 'SUPERSEDED']);
export const certificateOrigin = certificate.enum('certificate_origin', ['ISSUED', 'CONVERTED', 'EXTERNAL']);

/** The statuses a certificate row stores; EXPIRED is computed from valid_until at read time. */
export type StoredStatus = 'VALID' | 'SUSPENDED' | 'REVOKED' | 'WITHDRAWN' | 'CANCELLED' | 'SUPERSEDED';

export const certificates = certificate.table(
  'certificates',
  {
    /** The 证照标识. */
    id: text('id').primaryKey(),
    typeCode: text('type_code').notNull(),
    /** The type's name when the certificate was issued: a later rename does not change a certificate. */
    typeName: text('type_name').notNull(),
    number: text('number').notNull(),
    holderKind: holderKind('holder_kind').notNull(),
    holderCode: text('holder_code').notNull(),
    holderName: text('holder_name').notNull(),
    issuerCode: text('issuer_code').notNull(),
    issuerName: text('issuer_name').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Null: valid without end. */
    validUntil: date('valid_until', { mode: 'string' }),
    status: certificateStatus('status').$type<StoredStatus>().notNull(),
    origin: certificateOrigin('origin').notNull(),
    serial: text('serial').notNull(),
    /** The version segment of the 证照标识: '001' as first issued, one more per amendment. */
    version: text('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the certificate first came into the hub: its first version's created_at, carried to
     * every later version (a converted paper certificate is counted as converted in that month,
     * whenever it is amended). Statistics' ENTERED_MONTH and enteredFrom/enteredTo.
     */
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** The key that sealed the certificate (seal_keys.key_id); null for a row stored before seals. */
    sealKeyId: text('seal_key_id'),
    /** SM2 signature (DER hex) over the canonical JSON of the face (see seal.ts). */
    sealSignature: text('seal_signature'),
    /**
     * SM3 hex of the scanned document of an EXTERNAL certificate (scans.content), part of the
     * signed payload; null for certificates without a scan.
     */
    scanDigest: text('scan_digest'),
    /**
     * 128 random bits (hex) sealed with the face: without them nobody can confirm a guessed face
     * (a withheld item) against the public digest check. Null for seals made before salts.
     */
    sealSalt: text('seal_salt'),
    /** For an EXTERNAL certificate: the name of the agency that registered it (issuer_code), under its seal. */
    registrarName: text('registrar_name'),
    /**
     * A status change scheduled for a later day (changeCertificateStatus with effectiveOn): the
     * status, the day it takes effect, why, who scheduled it and when. The status read from the
     * row is the pending one from that day on (status.ts), whether or not the node has written
     * it into `status` yet (scheduled.ts does, with its history entry and event).
     */
    pendingStatus: certificateStatus('pending_status').$type<StoredStatus>(),
    pendingEffectiveOn: date('pending_effective_on', { mode: 'string' }),
    pendingReason: text('pending_reason'),
    pendingActor: text('pending_actor'),
    pendingAt: timestamp('pending_at', { withTimezone: true }),
    /** When a newer version replaced it (status SUPERSEDED); null for the current version. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    // Type, issuer and printed number identify a certificate: issuing it twice is an input error.
    // Its versions share the number; only the current one holds it. (By superseded_at, not by
    // status: an index cannot compare an enum as text, and a migration cannot use the enum value
    // SUPERSEDED it adds in the same transaction.)
    uniqueIndex('certificates_type_issuer_number_current').on(t.typeCode, t.issuerCode, t.number).where(sql`superseded_at IS NULL`),
    check('certificates_superseded_when', sql`(superseded_at IS NULL) = (status::text <> 'SUPERSEDED')`),
    // The versions of one certificate: same issuer, type and serial.
    index('certificates_versions_idx').on(t.issuerCode, t.serial, t.typeCode, t.version),
    // Scheduled status changes due by a day (scheduled.ts).
    index('certificates_pending_idx').on(t.pendingEffectiveOn).where(sql`pending_status IS NOT NULL`),
    // Written unqualified: drizzle-kit would otherwise qualify the column with schema and table.
    check('certificates_status_stored', sql`status <> 'EXPIRED'`),
    // The list order (issued_on DESC, id COLLATE "C"), so keyset pages are index range scans.
    // NULLS FIRST is what a plain ORDER BY … DESC means; drizzle-kit would write NULLS LAST,
    // and PostgreSQL does not match such an index to the query's order.
    index('certificates_list_order_idx').on(t.issuedOn.desc().nullsFirst(), sql`${t.id} COLLATE "C"`),
    // A holder's certificates (LegalEntity.certificates, filter.holderCode) in list order.
    index('certificates_holder_idx').on(t.holderCode, t.issuedOn.desc().nullsFirst(), sql`${t.id} COLLATE "C"`),
    index('certificates_type_idx').on(t.typeCode),
    // certificates_statistics_idx — (issued_on) INCLUDE every column statistics count by, over
    // current versions — is made by migration 0006 (Drizzle cannot declare INCLUDE columns).
    // An agency's external registrations of a day, for its scan quota.
    index('certificates_external_by_issuer_idx').on(t.issuerCode, t.createdAt).where(sql`origin = 'EXTERNAL'`),
  ],
);

/** The items on the face of a certificate (照面信息), in the type's printed order. */
export const certificateItems = certificate.table(
  'certificate_items',
  {
    certificateId: text('certificate_id').notNull(),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    /** The item's name when the certificate was issued. */
    name: text('name').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.certificateId, t.code] }),
    foreignKey({ name: 'certificate_items_certificate_fk', columns: [t.certificateId], foreignColumns: [certificates.id] }).onDelete('cascade'),
  ],
);

/** Every status a certificate went through: issuance (from null) and each change after. */
export const statusChanges = certificate.table(
  'status_changes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    certificateId: text('certificate_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Code of the agency that made the change. */
    actor: text('actor').notNull(),
    fromStatus: certificateStatus('from_status'),
    toStatus: certificateStatus('to_status').notNull(),
    reason: text('reason').notNull(),
    /** The day (China time) the change took effect: the day it was made, or the day it was given or scheduled for. */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'status_changes_certificate_fk', columns: [t.certificateId], foreignColumns: [certificates.id] }).onDelete('cascade'),
    index('status_changes_certificate_idx').on(t.certificateId, t.at, t.id),
  ],
);

/**
 * The scanned document (PDF or image, at most 10 MB) of an EXTERNAL certificate (外来证照),
 * beside the certificate: its SM3 digest is certificates.scan_digest, under the seal.
 */
export const scans = certificate.table(
  'scans',
  {
    certificateId: text('certificate_id').primaryKey(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [
    foreignKey({ name: 'scans_certificate_fk', columns: [t.certificateId], foreignColumns: [certificates.id] }).onDelete('cascade'),
    check('scans_size_limit', sql`size = octet_length(content) AND size <= 10485760`),
  ],
);

/** The last serial each issuer used: serials are unique per issuer and never reused. */
export const issuerSerials = certificate.table('issuer_serials', {
  issuerCode: text('issuer_code').primaryKey(),
  lastSerial: bigint('last_serial', { mode: 'number' }).notNull(),
});

/**
 * The seal keys of the issuing authorities of this node's region: one current key per authority
 * (retired_at null), created at its first sealing, and every key ever used, retired or not, so
 * that old seals still verify. The private half of the current key is kept only encrypted with
 * the node's key-encryption key, which is not in the database; a retired key's is destroyed.
 */
export const sealKeys = certificate.table(
  'seal_keys',
  {
    /** `${issuer}-${yyyymmdd}-${n}`: the authority, the day the key was made, its n-th key. */
    keyId: text('key_id').primaryKey(),
    issuerCode: text('issuer_code').notNull(),
    /** Uncompressed SM2 public key, '04' + 128 hex digits. */
    publicKey: text('public_key').notNull(),
    /**
     * The private key in plain text (64 hex digits): only in rows written before keys were
     * encrypted, until the node's next start encrypts them and clears this column.
     */
    privateKey: text('private_key'),
    /** The private key encrypted with the node's key-encryption key (lib/secret-keys.ts); null once retired. */
    encryptedPrivateKey: text('encrypted_private_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    // At most one current key per authority: concurrent first sealings insert it once (ON CONFLICT).
    uniqueIndex('seal_keys_current_unique').on(t.issuerCode).where(sql`retired_at IS NULL`),
    index('seal_keys_issuer_idx').on(t.issuerCode, t.createdAt),
  ],
);

export const correctionStatus = certificate.enum('correction_status', ['OPEN', 'CORRECTED', 'REJECTED']);

/**
 * Error reports (纠错) about this node's certificates: who reported which items of which
 * certificate and what is wrong, until the issuing authority answers. Id `{node}-{seq}`.
 */
export const correctionRequests = certificate.table(
  'correction_requests',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    certificateId: text('certificate_id').notNull(),
    /** The issuing authority of the certificate: whose list it is in. */
    issuerCode: text('issuer_code').notNull(),
    /** The holder of the certificate: whose inbox hears the answer. */
    holderCode: text('holder_code').notNull(),
    /** The holder's code, or the agency's USCC. */
    reporter: text('reporter').notNull(),
    items: text('items').array().notNull(),
    description: text('description').notNull(),
    status: correctionStatus('status').notNull().default('OPEN'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    correctedVersion: text('corrected_version'),
  },
  (t) => [
    foreignKey({ name: 'correction_requests_certificate_fk', columns: [t.certificateId], foreignColumns: [certificates.id] }),
    // The issuer's list, newest first.
    index('correction_requests_issuer_idx').on(t.issuerCode, t.createdAt, t.seq),
    // A reporter's own list, and its open requests per certificate (the flood limit).
    index('correction_requests_reporter_idx').on(t.reporter, t.createdAt, t.seq),
    index('correction_requests_certificate_idx').on(t.certificateId, t.reporter).where(sql`status = 'OPEN'`),
  ],
);

export const followUpStatus = certificate.enum('follow_up_status', ['OPEN', 'DONE']);
export const followUpCause = certificate.enum('follow_up_cause', ['HOLDER_RENAMED', 'HOLDER_REVOKED', 'HOLDER_CANCELLED']);

/**
 * Follow-ups (待核查): a current certificate of this node whose holder a registry — at any node —
 * renamed, revoked or cancelled. One per certificate, cause and registry event (`source`:
 * `{node}-{seq}` of the LEGAL_ENTITY_CHANGED event), so reading an event twice adds nothing.
 */
export const followUps = certificate.table(
  'follow_ups',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    certificateId: text('certificate_id').notNull(),
    issuerCode: text('issuer_code').notNull(),
    holderCode: text('holder_code').notNull(),
    cause: followUpCause('cause').notNull(),
    source: text('source').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    status: followUpStatus('status').notNull().default('OPEN'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [
    foreignKey({ name: 'follow_ups_certificate_fk', columns: [t.certificateId], foreignColumns: [certificates.id] }),
    uniqueIndex('follow_ups_source_key').on(t.certificateId, t.cause, t.source),
    // The issuer's list, newest first.
    index('follow_ups_issuer_idx').on(t.issuerCode, t.since, t.seq),
    // Closing a certificate's open follow-ups when it gets a new version or a final status.
    index('follow_ups_open_idx').on(t.certificateId).where(sql`status = 'OPEN'`),
  ],
);

/** How far this node has read each node's registry changes (Query.registryChanges). */
export const registryCursors = certificate.table('registry_cursors', {
  node: text('node').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 免提交 checks of the matters (事项) this node keeps, counted per day (China time) and per
 * material type and outcome, as the gateway reports each check's merged answer (recordMaterialCheck).
 * Counts only: nothing about who applied or what they hold.
 */
export const materialCheckCounts = certificate.table(
  'material_check_counts',
  {
    matterCode: text('matter_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    certificateType: text('certificate_type').notNull(),
    outcome: text('outcome').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.matterCode, t.day, t.certificateType, t.outcome] })],
);

/** The checks themselves, per matter and day: how many, and how many needed no paper at all. */
export const matterCheckCounts = certificate.table(
  'matter_check_counts',
  {
    matterCode: text('matter_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    checks: integer('checks').notNull(),
    allPaperless: integer('all_paperless').notNull(),
  },
  (t) => [primaryKey({ columns: [t.matterCode, t.day] })],
);

/**
 * Public verifications (verifyCertificate) answered by this node, per day (China time), type and
 * outcome: counts only, nothing about who asked (usageStatistics, KIND VERIFY). A type is ''
 * for an id this node does not keep.
 */
export const verificationCounts = certificate.table(
  'verification_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    typeCode: text('type_code').notNull(),
    outcome: text('outcome').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.typeCode, t.outcome] })],
);

export type CorrectionRequestRow = typeof correctionRequests.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type CertificateItemRow = typeof certificateItems.$inferSelect;
export type StatusChangeRow = typeof statusChanges.$inferSelect;
export type SealKeyRow = typeof sealKeys.$inferSelect;
export type ScanRow = typeof scans.$inferSelect;
/** What is published of a seal key: everything but its private half. */
export type PublishedSealKey = Omit<SealKeyRow, 'privateKey' | 'encryptedPrivateKey'>;
