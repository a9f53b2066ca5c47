import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { HubDatabase } from '../../lib/db.js';
import { isoDate } from '../../lib/codes.js';
import { canonicalJson, generateSealKey, SEAL_ALGORITHM, signSeal, sm3Hex, verifySeal } from '../../lib/seal.js';
import { issuerSerials, sealKeys, type CertificateRow, type PublishedSealKey, type SealKeyRow } from './db/schema.js';

/** The stored fields of a certificate that its seal covers: its face, without status or origin. */
export type SealedFields = Pick<
  CertificateRow,
  'id' | 'number' | 'typeCode' | 'holderKind' | 'holderCode' | 'holderName' | 'issuerCode' | 'issuerName' | 'issuedOn' | 'validFrom' | 'validUntil'
> & {
  /** The SM3 of an external certificate's scanned document; absent or null for the others. */
  scanDigest?: string | null;
};

/** The columns of seal_keys that may leave the node. */
export const PUBLISHED_KEY_COLUMNS = {
  keyId: sealKeys.keyId,
  issuerCode: sealKeys.issuerCode,
  publicKey: sealKeys.publicKey,
  createdAt: sealKeys.createdAt,
  retiredAt: sealKeys.retiredAt,
};

/**
 * The signed payload of a certificate: the RFC 8785 canonical JSON of its face and its items as
 * a code → value object, plus `scanDigest` (the SM3 of its scanned document) for an external
 * certificate. Status is left out on purpose: it changes, and verification reads it live.
 * Recomputed from the stored row on every read, so a row edited behind the hub's back no longer
 * matches its signature.
 */
export function signedPayloadOf(certificate: SealedFields, items: ReadonlyArray<{ code: string; value: string }>): string {
  return canonicalJson({
    id: certificate.id,
    number: certificate.number,
    typeCode: certificate.typeCode,
    holderKind: certificate.holderKind,
    holderCode: certificate.holderCode,
    holderName: certificate.holderName,
    issuerCode: certificate.issuerCode,
    issuerName: certificate.issuerName,
    issuedOn: certificate.issuedOn,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    items: Object.fromEntries(items.map((item) => [item.code, item.value])),
    // Absent, not null, for certificates without a scan: their payload is as it always was.
    ...(certificate.scanDigest == null ? {} : { scanDigest: certificate.scanDigest }),
  });
}

/**
 * Takes the issuer's lock: its row in issuer_serials, which every issuance of the issuer also
 * locks (without taking a serial here), so key creation and rotation never race an issuance.
 */
async function lockIssuer(tx: HubDatabase, issuerCode: string): Promise<void> {
  await tx
    .insert(issuerSerials)
    .values({ issuerCode, lastSerial: 0 })
    .onConflictDoUpdate({ target: issuerSerials.issuerCode, set: { lastSerial: sql`${issuerSerials.lastSerial}` } });
}

/** A new key pair for `issuerCode`, inserted unless a current key exists (then null). */
async function insertKey(tx: HubDatabase, issuerCode: string, at: Date): Promise<SealKeyRow | null> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(sealKeys).where(eq(sealKeys.issuerCode, issuerCode));
  const pair = generateSealKey();
  const [created] = await tx
    .insert(sealKeys)
    .values({
      keyId: `${issuerCode}-${isoDate(at).replaceAll('-', '')}-${n + 1}`,
      issuerCode,
      publicKey: pair.publicKey,
      privateKey: pair.privateKey,
      createdAt: at,
    })
    .onConflictDoNothing({ target: sealKeys.issuerCode, where: sql`retired_at IS NULL` })
    .returning();
  return created ?? null;
}

/**
 * The issuer's current key, created at its first sealing. Called inside the issuing transaction
 * after the issuer's serial row is locked; the unique partial index and ON CONFLICT keep it to
 * one current key even for a caller that holds no lock.
 */
export async function currentSealKey(tx: HubDatabase, issuerCode: string, at: Date): Promise<SealKeyRow> {
  const current = () =>
    tx
      .select()
      .from(sealKeys)
      .where(and(eq(sealKeys.issuerCode, issuerCode), isNull(sealKeys.retiredAt)))
      .then(([row]) => row ?? null);
  const found = await current();
  if (found) return found;
  const created = await insertKey(tx, issuerCode, at);
  if (created) return created;
  const other = await current();
  if (!other) throw new Error(`no current seal key for ${issuerCode}`);
  return other;
}

/** Seals a certificate's face with `key`: the signature to store beside it. */
export function sealFace(key: Pick<SealKeyRow, 'keyId' | 'privateKey'>, certificate: SealedFields, items: ReadonlyArray<{ code: string; value: string }>) {
  return { sealKeyId: key.keyId, sealSignature: signSeal(key.privateKey, signedPayloadOf(certificate, items)) };
}

/**
 * Retires `issuerCode`'s current key (if any) and makes a new one, in one transaction. `record`
 * writes the change's access record inside it.
 */
export async function rotateSealKey(
  db: HubDatabase,
  issuerCode: string,
  options: { at?: Date; record?: (tx: HubDatabase) => Promise<void> } = {},
): Promise<PublishedSealKey> {
  const at = options.at ?? new Date();
  return db.transaction(async (tx) => {
    await lockIssuer(tx, issuerCode);
    await tx
      .update(sealKeys)
      .set({ retiredAt: at })
      .where(and(eq(sealKeys.issuerCode, issuerCode), isNull(sealKeys.retiredAt)));
    const created = await insertKey(tx, issuerCode, at);
    if (!created) throw new Error(`seal key of ${issuerCode} rotated concurrently`);
    await options.record?.(tx);
    const { privateKey: _secret, ...published } = created;
    return published;
  });
}

/** Every key `issuerCode` ever used at this node, oldest first, without private keys. */
export function sealKeysOf(db: HubDatabase, issuerCode: string): Promise<PublishedSealKey[]> {
  return db
    .select(PUBLISHED_KEY_COLUMNS)
    .from(sealKeys)
    .where(eq(sealKeys.issuerCode, issuerCode))
    .orderBy(asc(sealKeys.createdAt), asc(sealKeys.keyId));
}

/** What a seal says about a stored certificate. */
export interface SealCheck {
  signedPayload: string;
  /** Null when the certificate has no seal. */
  signatureValid: boolean | null;
}

/** Checks the stored signature against the payload recomputed from the stored row and items. */
export function checkSeal(
  certificate: CertificateRow,
  items: ReadonlyArray<{ code: string; value: string }>,
  key: Pick<PublishedSealKey, 'publicKey'> | null,
): SealCheck {
  const signedPayload = signedPayloadOf(certificate, items);
  if (certificate.sealKeyId === null || certificate.sealSignature === null) return { signedPayload, signatureValid: null };
  // A seal whose key is not published cannot be trusted.
  const signatureValid = key !== null && verifySeal(key.publicKey, signedPayload, certificate.sealSignature);
  return { signedPayload, signatureValid };
}

/** Whether `digest` (hex, any case) is the SM3 of `signedPayload`. */
export const digestMatches = (digest: string, signedPayload: string): boolean => digest.toLowerCase() === sm3Hex(signedPayload);

export { SEAL_ALGORITHM };
