import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, foreignKey, index, integer, pgSchema, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

/** Binary content (bytea): postgres.js gives a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Everything the certificate subgraph keeps lives in its own PostgreSQL schema. */
export const certificate = pgSchema('certificate');

export const holderKind = certificate.enum('holder_kind', ['PERSON', 'ORGANIZATION']);
/**
 * Every status the API speaks of. The history records EXPIRED as a "from" status (a certificate
 * revoked after it ran out), but a certificate row never stores it: see the check below.
 */
export const certificateStatus = certificate.enum('certificate_status', ['VALID', 'SUSPENDED', 'EXPIRED', 'REVOKED', 'WITHDRAWN', 'CANCELLED']);
export const certificateOrigin = certificate.enum('certificate_origin', ['ISSUED', 'CONVERTED', 'EXTERNAL']);

/** The statuses a certificate row stores; EXPIRED is computed from valid_until at read time. */
export type StoredStatus = 'VALID' | 'SUSPENDED' | 'REVOKED' | 'WITHDRAWN' | 'CANCELLED';

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
    version: text('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
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
  },
  (t) => [
    // Type, issuer and printed number identify a certificate: issuing it twice is an input error.
    unique('certificates_type_issuer_number_unique').on(t.typeCode, t.issuerCode, t.number),
    // Written unqualified: drizzle-kit would otherwise qualify the column with schema and table.
    check('certificates_status_stored', sql`status <> 'EXPIRED'`),
    // The list order (issued_on DESC, id COLLATE "C"), so keyset pages are index range scans.
    // NULLS FIRST is what a plain ORDER BY … DESC means; drizzle-kit would write NULLS LAST,
    // and PostgreSQL does not match such an index to the query's order.
    index('certificates_list_order_idx').on(t.issuedOn.desc().nullsFirst(), sql`${t.id} COLLATE "C"`),
    // A holder's certificates (LegalEntity.certificates, filter.holderCode) in list order.
    index('certificates_holder_idx').on(t.holderCode, t.issuedOn.desc().nullsFirst(), sql`${t.id} COLLATE "C"`),
    index('certificates_type_idx').on(t.typeCode),
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

export type CertificateRow = typeof certificates.$inferSelect;
export type CertificateItemRow = typeof certificateItems.$inferSelect;
export type StatusChangeRow = typeof statusChanges.$inferSelect;
export type SealKeyRow = typeof sealKeys.$inferSelect;
export type ScanRow = typeof scans.$inferSelect;
/** What is published of a seal key: everything but its private half. */
export type PublishedSealKey = Omit<SealKeyRow, 'privateKey' | 'encryptedPrivateKey'>;
