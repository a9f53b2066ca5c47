/**
 * Entities the gateway keeps a short while instead of asking a node again: the catalog's
 * CertificateType, read on almost every list ("certificates with their type's name") and changed
 * rarely. An entry is one entity's answer to one fetch's selection (the planned query text), so
 * two clients share it only when they asked for exactly the same fields — which their contracts
 * (visibility.ts) allowed them. Entries live `ttlMs` (a change made through another gateway shows
 * after at most that long); a catalog mutation through this gateway empties the cache at once.
 */
export interface EntityCacheOptions {
  /** How long an entry is used; 0 turns the cache off. Default 30 s. */
  ttlMs?: number;
  /** The most entries kept; the oldest go first. Default 10,000. */
  maxEntries?: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

export const DEFAULT_ENTITY_TTL_MS = 30_000;

export class EntityCache {
  readonly ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** `{query}\u0000{key}` → the entity's answer as JSON (each use gets its own copy) and when it expires. */
  readonly #entries = new Map<string, { json: string; expires: number }>();

  constructor(options: EntityCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_ENTITY_TTL_MS;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** A fresh copy of the entity's answer to `query`, or undefined when none is kept or it expired. */
  get(query: string, key: string): unknown {
    const id = `${query}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return JSON.parse(entry.json) as unknown;
  }

  /** Keeps an entity's answer to `query`; a full cache drops its oldest entry first. */
  set(query: string, key: string, value: unknown): void {
    if (!this.enabled) return;
    const id = `${query}\u0000${key}`;
    this.#entries.delete(id);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { json: JSON.stringify(value), expires: this.#now() + this.ttlMs });
  }

  /** Forgets every entry: the catalog changed. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
