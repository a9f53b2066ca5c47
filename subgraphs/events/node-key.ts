/**
 * A node's own SM2-SM3 key (README › Keys): it signs the node's webhook deliveries and the
 * presentations (亮证) of certificates the node keeps. It is kept like a seal key — in the node's
 * seal_keys, under the node's code instead of an authority's USCC, its private half encrypted
 * with the node's KEK — and published through Query.nodeKeys, so a receiver checks a delivery's
 * X-Ecert-Signature with the key X-Ecert-Key-Id names.
 */
import { and, eq } from 'drizzle-orm';
import { verifySeal } from '../../lib/seal/seal.js';
import type { HubDatabase } from '../kit/db.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import { sealKeys, type PublishedSealKey } from '../certificate/db/schema.js';
import { currentSealKey, sealKeysOf, type SigningSealKey } from '../certificate/sealing.js';

/** How long a decrypted node key is kept in memory before it is read (and decrypted) again. */
const KEY_TTL_MS = 60_000;

export class NodeKey {
  #current: { key: Promise<SigningSealKey>; until: number } | undefined;
  readonly #published = new Map<string, string | null>();

  constructor(
    private readonly db: HubDatabase,
    private readonly kek: SecretKeyRing,
    readonly node: string,
  ) {}

  /** The node's current signing key, made at its first use. */
  current(now = Date.now()): Promise<SigningSealKey> {
    if (!this.#current || this.#current.until <= now) {
      const key = this.db.transaction((tx) => currentSealKey(tx, this.kek, this.node, new Date(now)));
      this.#current = { key, until: now + KEY_TTL_MS };
      key.catch(() => (this.#current = undefined));
    }
    return this.#current.key;
  }

  /** The public half of the node's key `keyId` (current or retired), or null when the node never had it. */
  async publicKey(keyId: string): Promise<string | null> {
    if (this.#published.has(keyId)) return this.#published.get(keyId)!;
    const [row] = await this.db
      .select({ publicKey: sealKeys.publicKey })
      .from(sealKeys)
      .where(and(eq(sealKeys.keyId, keyId), eq(sealKeys.issuerCode, this.node)));
    const found = row?.publicKey ?? null;
    // Only found keys are remembered: a key made later must not stay "unknown".
    if (found !== null) this.#published.set(keyId, found);
    return found;
  }

  /** Whether `signature` (DER, hex) by this node's key `keyId` covers `payload`. */
  async verifies(keyId: string, payload: string, signature: string): Promise<boolean> {
    const publicKey = await this.publicKey(keyId);
    return publicKey !== null && verifySeal(publicKey, payload, signature);
  }

  /** Every key the node ever signed with, oldest first: Query.nodeKeys. */
  published(): Promise<PublishedSealKey[]> {
    return sealKeysOf(this.db, this.node);
  }
}
