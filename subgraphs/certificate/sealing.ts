import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { isoDate } from '../../lib/codes.js';
import { canonicalJson, generateSealKey, SEAL_ALGORITHM, signSeal, sm3Hex, VerifiedSeals } from '../../lib/seal/seal.js';
import { decryptSecret, encryptSecret, envelopeKeyId, type SecretKeyRing } from '../kit/secret-keys.js';
import { issuerSerials, sealKeys, type CertificateRow, type PublishedSealKey, type SealKeyRow } from './db/schema.js';

/** The stored fields of a certificate that its seal covers: its face, without status or origin. */
export type SealedFields = Pick<
  CertificateRow,
  'id' | 'number' | 'typeCode' | 'holderKind' | 'holderCode' | 'holderName' | 'issuerCode' | 'issuerName' | 'issuedOn' | 'validFrom' | 'validUntil'
> & {
  /** The SM3 of an external certificate's scanned document; absent or null for the others. */
  scanDigest?: string | null;
  /** The seal's random salt (hex); absent or null for a seal made before salts. */
  sealSalt?: string | null;
  /** For an external certificate: the name of the agency that registered it; absent or null for the others. */
  registrarName?: string | null;
};

/** A fresh salt for a seal: 128 random bits, hex. */
export const newSealSalt = (): string => randomBytes(16).toString('hex');

/** A seal key ready to sign with: its id and its private half, decrypted for this use only. */
export interface SigningSealKey {
  keyId: string;
  privateKey: string;
}

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
    // Absent, not null, where a certificate has none: a payload sealed before these existed stays as it was.
    ...(certificate.scanDigest == null ? {} : { scanDigest: certificate.scanDigest }),
    ...(certificate.sealSalt == null ? {} : { salt: certificate.sealSalt }),
    ...(certificate.registrarName == null ? {} : { registrarName: certificate.registrarName }),
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

/** A new key pair for `issuerCode`, its private half encrypted with `kek`, inserted unless a current key exists (then null). */
async function insertKey(tx: HubDatabase, kek: SecretKeyRing, issuerCode: string, at: Date): Promise<SealKeyRow | null> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(sealKeys).where(eq(sealKeys.issuerCode, issuerCode));
  const pair = generateSealKey();
  const keyId = `${issuerCode}-${isoDate(at).replaceAll('-', '')}-${n + 1}`;
  const [created] = await tx
    .insert(sealKeys)
    .values({
      keyId,
      issuerCode,
      publicKey: pair.publicKey,
      // The key id is the envelope's associated data: copied onto another row it does not open.
      encryptedPrivateKey: encryptSecret(kek, pair.privateKey, keyId),
      createdAt: at,
    })
    .onConflictDoNothing({ target: sealKeys.issuerCode, where: sql`retired_at IS NULL` })
    .returning();
  return created ?? null;
}

/** The private half of a stored key, decrypted with `kek`. */
function signingKeyOf(kek: SecretKeyRing, row: SealKeyRow): SigningSealKey {
  if (row.encryptedPrivateKey === null) throw new Error(`seal key ${row.keyId} has no private key at this node`);
  return { keyId: row.keyId, privateKey: decryptSecret(kek, row.encryptedPrivateKey, row.keyId) };
}

/**
 * The issuer's current key, created at its first sealing, decrypted with the node's `kek`.
 * Called inside the issuing transaction after the issuer's serial row is locked; the unique
 * partial index and ON CONFLICT keep it to one current key even for a caller that holds no lock.
 */
export async function currentSealKey(tx: HubDatabase, kek: SecretKeyRing, issuerCode: string, at: Date): Promise<SigningSealKey> {
  const current = () =>
    tx
      .select()
      .from(sealKeys)
      .where(and(eq(sealKeys.issuerCode, issuerCode), isNull(sealKeys.retiredAt)))
      .then(([row]) => row ?? null);
  const found = await current();
  if (found) return signingKeyOf(kek, found);
  const created = await insertKey(tx, kek, issuerCode, at);
  if (created) return signingKeyOf(kek, created);
  const other = await current();
  if (!other) throw new Error(`no current seal key for ${issuerCode}`);
  return signingKeyOf(kek, other);
}

/** Seals a certificate's face with `key`: the signature to store beside it. */
export function sealFace(key: SigningSealKey, certificate: SealedFields, items: ReadonlyArray<{ code: string; value: string }>) {
  return { sealKeyId: key.keyId, sealSignature: signSeal(key.privateKey, signedPayloadOf(certificate, items)) };
}

/**
 * Brings the node's seal keys under its key-encryption key, at start: a private key still in
 * plain text (written before keys were encrypted) is encrypted, or destroyed when its key is
 * retired; one encrypted with an earlier KEK of the ring is encrypted again with the current
 * one. The table is then rewritten (VACUUM FULL), so the old row versions holding plain text
 * leave its files. Returns how many keys were encrypted, re-encrypted and destroyed.
 */
export async function protectSealKeys(db: HubDatabase, kek: SecretKeyRing): Promise<{ encrypted: number; reencrypted: number; destroyed: number }> {
  const outcome = { encrypted: 0, reencrypted: 0, destroyed: 0 };
  const rows = await db
    .select()
    .from(sealKeys)
    .where(or(isNotNull(sealKeys.privateKey), and(isNotNull(sealKeys.encryptedPrivateKey), isNotNull(sealKeys.retiredAt))));
  const stale = (await db.select().from(sealKeys).where(isNotNull(sealKeys.encryptedPrivateKey))).filter(
    (row) => row.retiredAt === null && envelopeKeyId(row.encryptedPrivateKey!) !== kek.current.id,
  );
  if (rows.length === 0 && stale.length === 0) return outcome;
  await db.transaction(async (tx) => {
    for (const row of rows) {
      if (row.retiredAt !== null) {
        await tx.update(sealKeys).set({ privateKey: null, encryptedPrivateKey: null }).where(eq(sealKeys.keyId, row.keyId));
        outcome.destroyed++;
      } else {
        await tx
          .update(sealKeys)
          .set({ privateKey: null, encryptedPrivateKey: encryptSecret(kek, row.privateKey!, row.keyId) })
          .where(eq(sealKeys.keyId, row.keyId));
        outcome.encrypted++;
      }
    }
    for (const row of stale) {
      const plain = decryptSecret(kek, row.encryptedPrivateKey!, row.keyId);
      await tx.update(sealKeys).set({ encryptedPrivateKey: encryptSecret(kek, plain, row.keyId) }).where(eq(sealKeys.keyId, row.keyId));
      outcome.reencrypted++;
    }
  });
  if (outcome.encrypted + outcome.destroyed > 0) await db.execute(sql`VACUUM FULL ${sealKeys}`);
  return outcome;
}

/**
 * Retires `issuerCode`'s current key (if any) and makes a new one, in one transaction. `record`
 * writes the change's access record inside it.
 */
export async function rotateSealKey(
  db: HubDatabase,
  kek: SecretKeyRing,
  issuerCode: string,
  options: { at?: Date; record?: (tx: HubDatabase) => Promise<void> } = {},
): Promise<PublishedSealKey> {
  const at = options.at ?? new Date();
  return db.transaction(async (tx) => {
    await lockIssuer(tx, issuerCode);
    // A retired key signs nothing again: its private half is destroyed, its public half stays published.
    await tx
      .update(sealKeys)
      .set({ retiredAt: at, privateKey: null, encryptedPrivateKey: null })
      .where(and(eq(sealKeys.issuerCode, issuerCode), isNull(sealKeys.retiredAt)));
    const created = await insertKey(tx, kek, issuerCode, at);
    if (!created) throw new Error(`seal key of ${issuerCode} rotated concurrently`);
    await options.record?.(tx);
    const { privateKey: _plain, encryptedPrivateKey: _encrypted, ...published } = created;
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

/**
 * The seals of stored certificates that verified at this node: a certificate read or checked
 * again is not verified again while its face, items, key and signature are unchanged.
 */
const verifiedSeals = new VerifiedSeals();

/** Checks the stored signature against the payload recomputed from the stored row and items. */
export function checkSeal(
  certificate: CertificateRow,
  items: ReadonlyArray<{ code: string; value: string }>,
  key: Pick<PublishedSealKey, 'publicKey'> | null,
): SealCheck {
  const signedPayload = signedPayloadOf(certificate, items);
  if (certificate.sealKeyId === null || certificate.sealSignature === null) return { signedPayload, signatureValid: null };
  // A seal whose key is not published cannot be trusted.
  const signatureValid = key !== null && verifiedSeals.verify(key.publicKey, signedPayload, certificate.sealSignature);
  return { signedPayload, signatureValid };
}

/** Whether `digest` (hex, any case) is the SM3 of `signedPayload`. */
export const digestMatches = (digest: string, signedPayload: string): boolean => digest.toLowerCase() === sm3Hex(signedPayload);

export { SEAL_ALGORITHM };
