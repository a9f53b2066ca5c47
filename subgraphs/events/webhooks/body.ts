/**
 * What a receiver gets (README › Webhooks › Body and headers): a JSON body naming the event and
 * what it is about — never an item's value — signed with the node's SM2 key over its exact
 * bytes. The signature travels as the hex of its DER encoding (what Query.nodeKeys' SealKey
 * and Certificate.seal use too): sm-crypto takes it as it is, OpenSSL after `xxd -r -p`.
 */
import { createHash } from 'node:crypto';
import { eventId } from '../outbox.js';
import type { EventFacts } from './authorization.js';

/** An event as it is delivered. */
export interface DeliveredEvent extends EventFacts {
  seq: number;
  /** The certificate's or entity's status after the change. */
  status: string | null;
}

/** The body's fields in the order they are written. */
export interface DeliveryBody {
  /** The event's id in the province, also X-Ecert-Event-Id. */
  id: string;
  type: string;
  at: string;
  node: string;
  webhook: string;
  certificateId: string | null;
  typeCode: string | null;
  issuerCode: string | null;
  /** Only where the webhook's owner may read the holder; absent otherwise. */
  holderCode?: string;
  status: string | null;
}

/**
 * The body of `event` of `node` for `webhook`, as the bytes that are signed and sent: fields in
 * a fixed order, `holderCode` only when `withHolder`.
 */
export function deliveryBody(node: string, webhook: string, event: DeliveredEvent, withHolder: boolean): string {
  const body: DeliveryBody = {
    id: eventId(node, event.seq),
    type: event.type,
    at: event.at.toISOString(),
    node,
    webhook,
    certificateId: event.certificateId,
    typeCode: event.typeCode,
    issuerCode: event.issuerCode,
    ...(withHolder && event.holderCode !== null ? { holderCode: event.holderCode } : {}),
    status: event.status,
  };
  return JSON.stringify(body);
}

/** The headers of a delivery; the names are README's. */
export const HEADERS = {
  eventId: 'x-ecert-event-id',
  signature: 'x-ecert-signature',
  keyId: 'x-ecert-key-id',
  node: 'x-ecert-node',
  /** The delivery's id ({node}-{number}), for redeliver and for asking about it. */
  delivery: 'x-ecert-delivery',
} as const;

/** Signs many UTF-8 payloads with one private key (lib/seal/seal-pool.ts sign, or signSeals). */
export type Signer = (privateKey: string, payloads: readonly string[]) => Promise<string[]>;

/**
 * Signatures of bodies, remembered per key and body: a retry or a redelivery sends the same bytes
 * and need not be signed again. Bounded: the oldest entries go first.
 */
export class SignatureCache {
  readonly #signatures = new Map<string, string>();

  constructor(
    private readonly sign: Signer,
    private readonly maxEntries = 20_000,
  ) {}

  /** The signature of each body by `key` (DER, hex), signing the ones not seen in one batch. */
  async signatures(key: { keyId: string; privateKey: string }, bodies: readonly string[]): Promise<string[]> {
    const keys = bodies.map((body) => `${key.keyId}\u0000${createHash('sha256').update(body).digest('base64')}`);
    const known = keys.map((cacheKey) => this.#signatures.get(cacheKey));
    const missing = [...new Set(bodies.filter((_body, i) => known[i] === undefined))];
    if (missing.length === 0) return known as string[];
    const signed = await this.sign(key.privateKey, missing);
    const byBody = new Map(missing.map((body, i) => [body, signed[i]!]));
    return bodies.map((body, i) => {
      const fresh = byBody.get(body);
      if (fresh === undefined) return known[i]!;
      this.#remember(keys[i]!, fresh);
      return fresh;
    });
  }

  #remember(cacheKey: string, signature: string): void {
    if (this.#signatures.size >= this.maxEntries) this.#signatures.delete(this.#signatures.keys().next().value!);
    this.#signatures.set(cacheKey, signature);
  }
}
