import type { Principal } from '../lib/principal.js';
import type { Authenticator } from './auth.js';

export interface TokenCacheOptions {
  /** Most tokens remembered at once; the oldest is forgotten first (default 10,000). */
  maxEntries?: number;
  /**
   * Longest a verified token is trusted without checking its signature again, however far
   * its expiry (default 60 s): bounds how long a key the identity provider withdrew from its
   * JWKS still opens the hub.
   */
  maxAgeMs?: number;
  now?: () => number;
}

/** The `exp` claim of an already verified compact JWT, in milliseconds, or null. */
function expiryOf(authorization: string): number | null {
  const payload = authorization.slice('Bearer '.length).split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Remembers the principal of each bearer token `authenticate` accepted, until the token
 * expires (or `maxAgeMs` has passed), so that a client sending the same token again costs a
 * map lookup instead of a signature verification. The same bytes verify the same way until
 * then: the verification depends only on the token, the trusted keys and the clock, and the
 * clock is checked on every use. Refusals are never remembered: a bad token is checked, and
 * refused, every time.
 */
export function cachingAuthenticator(authenticate: Authenticator, options: TokenCacheOptions = {}): Authenticator {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return authenticate(authorization);
    const at = now();
    const hit = verified.get(authorization);
    if (hit && at < hit.until) return hit.principal;
    if (hit) verified.delete(authorization);
    const principal = await authenticate(authorization);
    const expires = expiryOf(authorization);
    if (expires !== null) {
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(authorization, { principal, until: Math.min(expires, at + maxAgeMs) });
    }
    return principal;
  };
}
