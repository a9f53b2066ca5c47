/**
 * Symmetric secrets a node holds outside its database: the key-encryption key (KEK) that wraps
 * the seal keys' private halves, and the audit key that makes the access log's chain an HMAC.
 * Someone who can read or write the database — a backup, a WAL file, a replica — gets neither.
 *
 * A key file holds one key per line, base64 of 32 random bytes (lines starting with # are
 * comments): the first is current, the others are earlier keys still needed to read data they
 * protected. Production points at a file provisioned from the KMS/HSM that holds the key
 * (mounted secret); a development hub makes its own in HUB_DATA_DIR/keys (mode 0600).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateTree } from '../../lib/private-files.js';

const KEY_BYTES = 32;

/** One secret key and its id: the first 16 hex digits of its SHA-256, never the key itself. */
export interface SecretKey {
  id: string;
  bytes: Buffer;
}

/** The current key, and every key still needed to read what earlier keys protected. */
export interface SecretKeyRing {
  current: SecretKey;
  all: readonly SecretKey[];
}

export const secretKeyOf = (bytes: Buffer): SecretKey => {
  if (bytes.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes, not ${bytes.length}`);
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes };
};

/** The key ring of a key file's text (see the module comment). */
export function parseKeyRing(text: string, where: string): SecretKeyRing {
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line, i) => {
      const bytes = Buffer.from(line, 'base64');
      if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== line) throw new Error(`${where}: line ${i + 1} is not base64 of ${KEY_BYTES} bytes`);
      return secretKeyOf(bytes);
    });
  if (keys.length === 0) throw new Error(`${where} holds no key`);
  return { current: keys[0]!, all: keys };
}

/** Reads a key file, e.g. one mounted from the KMS. */
export async function readKeyRing(file: string): Promise<SecretKeyRing> {
  return parseKeyRing(await readFile(file, 'utf8'), file);
}

/** Loads the development key file `dir/name.key`, creating it (mode 0600) with a fresh key on first use. */
export async function loadOrCreateKeyRing(dir: string, name: string): Promise<SecretKeyRing> {
  const file = join(dir, `${name}.key`);
  try {
    return await readKeyRing(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await makePrivateTree(dir);
  try {
    await writeFile(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (raced) {
    // Another process of the same hub made it first: use theirs.
    if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
  }
  return readKeyRing(file);
}

/** Hex HMAC-SHA-256 of `parts`, in order, with `key`. */
export function hmacHex(key: SecretKey, ...parts: string[]): string {
  const mac = createHmac('sha256', key.bytes);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

const ENVELOPE = 'v1';

/**
 * Encrypts `plaintext` with the ring's current key: AES-256-GCM, a fresh 96-bit nonce, and
 * `context` as associated data — the envelope opens only for the same context (e.g. the seal
 * key's id), so an envelope copied onto another row does not decrypt there.
 * `v1.<key id>.<nonce>.<tag>.<ciphertext>`, base64url.
 */
export function encryptSecret(ring: SecretKeyRing, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.bytes, nonce);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [ENVELOPE, ring.current.id, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The plaintext of an envelope made by encryptSecret for `context`; throws when no key of the ring opens it. */
export function decryptSecret(ring: SecretKeyRing, envelope: string, context: string): string {
  const [version, keyId, nonce, tag, ciphertext] = envelope.split('.');
  if (version !== ENVELOPE || !keyId || nonce === undefined || tag === undefined || ciphertext === undefined) throw new Error('not an encrypted secret');
  const key = ring.all.find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`encrypted with key ${keyId}, which this node does not hold`);
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(nonce, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The id of the key an envelope was made with, to find envelopes a retired key still protects. */
export const envelopeKeyId = (envelope: string): string | null => envelope.split('.')[1] ?? null;
