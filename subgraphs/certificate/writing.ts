/**
 * The one way certificates are written, for an issuance (one) and a conversion of the paper
 * stock (a batch alike): serials reserved from the issuer's counter, then the certificates,
 * their items, scans, the first entry of their history and their events (../events/outbox.ts),
 * one statement per table, whatever the number of certificates.
 */
import { sql } from 'drizzle-orm';
import { buildCertificateId, isoDate } from '../../lib/codes.js';
import { appendEvents, certificateEvent } from '../events/outbox.js';
import { executeRows, type HubDatabase } from '../kit/db.js';
import { certificateItems, certificates, issuerSerials, scans, statusChanges } from './db/schema.js';
import { newSealSalt, type SealedFields } from './sealing.js';
import type { CertificateDraft, Issuer } from './service.js';

/** The version of a certificate as first issued, in its 证照标识. */
export const FIRST_VERSION = '001';


/**
 * Takes `count` serials of `issuer` and returns the first: the upsert locks the issuer's counter
 * row until the transaction ends, so concurrent callers take distinct serials, and serials are
 * never reused — a batch that fails later leaves a gap, never a duplicate.
 */
export async function reserveSerials(tx: HubDatabase, issuer: string, count: number): Promise<number> {
  const [counter] = await tx
    .insert(issuerSerials)
    .values({ issuerCode: issuer, lastSerial: count })
    .onConflictDoUpdate({ target: issuerSerials.issuerCode, set: { lastSerial: sql`${issuerSerials.lastSerial} + ${count}` } })
    .returning({ lastSerial: issuerSerials.lastSerial });
  return counter!.lastSerial - count + 1;
}

/** The event a new certificate appends, by how it came into the hub. */
const EVENT_OF_ORIGIN = {
  ISSUED: 'CERTIFICATE_ISSUED',
  CONVERTED: 'CERTIFICATE_CONVERTED',
  EXTERNAL: 'CERTIFICATE_EXTERNAL_REGISTERED',
} as const;

/** A certificate ready to write: its sealed face, its seal, and what goes beside it. */
export interface CertificateToWrite extends SealedFields {
  serial: string;
  /** The version segment of its 证照标识 ('001' as first issued). */
  version: string;
  /** The event it appends: by its origin (CERTIFICATE_ISSUED …), or CERTIFICATE_NEW_VERSION for an amendment. */
  event?: 'CERTIFICATE_NEW_VERSION';
  typeName: string;
  origin: 'ISSUED' | 'CONVERTED' | 'EXTERNAL';
  sealKeyId: string;
  sealSignature: string;
  /** In the type's printed order. */
  items: ReadonlyArray<{ position: number; code: string; name: string; value: string }>;
  scan: { mediaType: string; content: Uint8Array } | null;
  /** The reason of the first entry of its history (颁发 issued, 存量转换 converted …). */
  reason: string;
  /** When its first version came into the hub, for a later version; absent: it comes now. */
  enteredAt?: Date;
}

/** A certificate before its seal: everything the seal covers, and what is stored beside it. */
export type UnsealedCertificate = Omit<CertificateToWrite, 'sealKeyId' | 'sealSignature'>;

/**
 * The certificate `draft` makes as the `offset`-th of a reservation of `issuer`'s serials that
 * starts at `first`: its 证照标识, serial and a fresh seal salt, ready to seal.
 */
export function faceOf(draft: CertificateDraft, issuer: Issuer, first: number, offset: number): UnsealedCertificate {
  return versionFace(draft, issuer, String(first + offset).padStart(8, '0'), FIRST_VERSION);
}

/** The certificate `draft` makes as version `version` of `issuer`'s serial `serial`, ready to seal. */
export function versionFace(draft: CertificateDraft, issuer: Issuer, serial: string, version: string): UnsealedCertificate {
  return {
    id: buildCertificateId({ typeCode: draft.typeCode, issuer: issuer.code, serial, version }),
    serial,
    version,
    number: draft.number,
    typeCode: draft.typeCode,
    typeName: draft.typeName,
    holderKind: draft.holderKind,
    holderCode: draft.holderCode,
    holderName: draft.holderName,
    issuerCode: issuer.code,
    issuerName: issuer.name,
    issuedOn: draft.issuedOn,
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
    origin: draft.origin,
    scanDigest: draft.scan?.digest ?? null,
    sealSalt: newSealSalt(),
    registrarName: draft.registrarName,
    items: draft.items,
    scan: draft.scan,
    reason: draft.reason,
  };
}

/**
 * For benchmarks only (scripts/bench/events.ts): `withoutEvents` leaves the events out, so that
 * what they cost can be measured beside the same write with them. Nothing a client can reach
 * sets it: every change of a running node appends its event.
 */
export interface WriteInstrument {
  withoutEvents?: boolean;
}

/**
 * Writes `batch` inside the caller's transaction — certificates, items, scans, the first
 * entry of each history and each one's event, one statement per table (arrays through unnest:
 * one parameter per column, not per row) — and returns the ids written, in order. A certificate whose number the
 * issuer already holds for its type (stored concurrently, or before) is skipped, not an error:
 * the caller says what that means.
 */
export async function writeCertificates(
  tx: HubDatabase,
  batch: readonly CertificateToWrite[],
  at: Date,
  instrument: WriteInstrument = {},
): Promise<string[]> {
  if (batch.length === 0) return [];
  const column = <T>(pick: (certificate: CertificateToWrite) => T) => sql.param(batch.map(pick));
  const when = at.toISOString();
  const inserted = await executeRows<{ id: string }>(
    tx,
    sql`
      insert into ${certificates} (id, type_code, type_name, number, holder_kind, holder_code, holder_name, issuer_code, issuer_name,
                                   issued_on, valid_from, valid_until, status, origin, serial, version, created_at, updated_at,
                                   entered_at, seal_key_id, seal_signature, seal_salt, scan_digest, registrar_name)
      select t.id, t.type_code, t.type_name, t.number, t.holder_kind::certificate.holder_kind, t.holder_code, t.holder_name,
             t.issuer_code, t.issuer_name, t.issued_on::date, t.valid_from::date, t.valid_until::date,
             'VALID', t.origin::certificate.certificate_origin, t.serial, t.version, ${when}::timestamptz, ${when}::timestamptz,
             coalesce(t.entered_at::timestamptz, ${when}::timestamptz), t.seal_key_id, t.seal_signature, t.seal_salt, t.scan_digest, t.registrar_name
      from unnest(${column((c) => c.id)}::text[], ${column((c) => c.typeCode)}::text[], ${column((c) => c.typeName)}::text[],
                  ${column((c) => c.number)}::text[], ${column((c) => c.holderKind)}::text[], ${column((c) => c.holderCode)}::text[],
                  ${column((c) => c.holderName)}::text[], ${column((c) => c.issuerCode)}::text[], ${column((c) => c.issuerName)}::text[],
                  ${column((c) => c.issuedOn)}::text[], ${column((c) => c.validFrom)}::text[], ${column((c) => c.validUntil)}::text[],
                  ${column((c) => c.origin)}::text[], ${column((c) => c.serial)}::text[], ${column((c) => c.version)}::text[],
                  ${column((c) => c.enteredAt?.toISOString() ?? null)}::text[], ${column((c) => c.sealKeyId)}::text[],
                  ${column((c) => c.sealSignature)}::text[], ${column((c) => c.sealSalt ?? null)}::text[],
                  ${column((c) => c.scanDigest ?? null)}::text[], ${column((c) => c.registrarName ?? null)}::text[])
        with ordinality as t(id, type_code, type_name, number, holder_kind, holder_code, holder_name, issuer_code, issuer_name,
                             issued_on, valid_from, valid_until, origin, serial, version, entered_at, seal_key_id, seal_signature, seal_salt,
                             scan_digest, registrar_name, n)
      order by t.n
      on conflict (type_code, issuer_code, number) where superseded_at IS NULL do nothing
      returning id`,
  );
  const written = new Set(inserted.map((row) => row.id));
  const kept = batch.filter((certificate) => written.has(certificate.id));
  if (kept.length === 0) return [];

  const items = kept.flatMap((certificate) => certificate.items.map((item) => ({ certificateId: certificate.id, ...item })));
  if (items.length > 0) {
    const itemColumn = <T>(pick: (item: (typeof items)[number]) => T) => sql.param(items.map(pick));
    await tx.execute(sql`
      insert into ${certificateItems} (certificate_id, position, code, name, value)
      select * from unnest(${itemColumn((i) => i.certificateId)}::text[], ${itemColumn((i) => i.position)}::int[],
                           ${itemColumn((i) => i.code)}::text[], ${itemColumn((i) => i.name)}::text[], ${itemColumn((i) => i.value)}::text[])`);
  }
  // Scans come one at a time (an external registration), megabytes each: a plain insert.
  for (const certificate of kept) {
    if (!certificate.scan) continue;
    const { mediaType, content } = certificate.scan;
    await tx.insert(scans).values({ certificateId: certificate.id, mediaType, size: content.length, content });
  }
  await tx.execute(sql`
    insert into ${statusChanges} (certificate_id, at, actor, from_status, to_status, reason, effective_on)
    select t.id, ${when}::timestamptz, t.actor, null, 'VALID', t.reason, ${isoDate(at)}::date
    from unnest(${sql.param(kept.map((c) => c.id))}::text[], ${sql.param(kept.map((c) => c.issuerCode))}::text[],
                ${sql.param(kept.map((c) => c.reason))}::text[]) as t(id, actor, reason)`);
  if (instrument.withoutEvents !== true) {
    await appendEvents(
      tx,
      kept.map((certificate) =>
        certificate.event === undefined
          ? certificateEvent(EVENT_OF_ORIGIN[certificate.origin], certificate, { at, status: 'VALID', actor: certificate.issuerCode })
          : certificateEvent(certificate.event, certificate, { at, status: 'VALID', actor: certificate.issuerCode, reason: certificate.reason }),
      ),
    );
  }
  return kept.map((certificate) => certificate.id);
}
