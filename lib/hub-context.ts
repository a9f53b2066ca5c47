import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, SignJWT, type JWK } from 'jose';
import { unauthenticated } from './errors.js';
import type { SigningKey } from './keys.js';
import type { GrantClaim, HubContextClaims, Principal } from './principal.js';

/** The header that carries the gateway's signed request context to a subgraph. */
export const HUB_CONTEXT_HEADER = 'x-hub-context';
const ISSUER = 'ecert-hub-gateway';
const AUDIENCE = 'ecert-hub-subgraph';
/** Long enough for a slow subgraph fetch, short enough that a captured header is soon useless. */
export const HUB_CONTEXT_TTL_SECONDS = 60;

/** Signs the context the gateway forwards to subgraphs for one request. */
export async function signHubContext(key: SigningKey, claims: HubContextClaims, ttlSeconds = HUB_CONTEXT_TTL_SECONDS): Promise<string> {
  return new SignJWT({ principal: claims.principal, purpose: claims.purpose, rid: claims.requestId, grants: claims.grants })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'hub-context+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key.privateKey);
}

export type HubContextVerifier = (header: string | undefined) => Promise<HubContextClaims>;

/**
 * Verifies gateway contexts against the gateway's public keys. A subgraph refuses every
 * request without a valid one, so no node can be read around the gateway.
 */
export function hubContextVerifier(gatewayKeys: JWK[]): HubContextVerifier {
  const keySet = createLocalJWKSet({ keys: gatewayKeys });
  // One request's fetches to a node (a list, then its entity references) carry the same
  // context: each distinct header is verified once and its claims kept until it expires.
  const verified = new Map<string, { claims: HubContextClaims; expiresAt: number }>();
  return async (header) => {
    if (!header) throw unauthenticated('this subgraph answers only requests forwarded by the hub gateway');
    const known = verified.get(header);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(header, keySet, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['EdDSA', 'ES256'],
        typ: 'hub-context+jwt',
        maxTokenAge: `${HUB_CONTEXT_TTL_SECONDS * 2}s`,
      });
      const claims: HubContextClaims = {
        principal: payload['principal'] as Principal,
        purpose: typeof payload['purpose'] === 'string' ? payload['purpose'] : null,
        requestId: String(payload['rid'] ?? payload.jti),
        grants: Array.isArray(payload['grants']) ? (payload['grants'] as GrantClaim[]) : [],
      };
      if (verified.size >= VERIFIED_CACHE_LIMIT) verified.delete(verified.keys().next().value!);
      // jwtVerify requires exp (maxTokenAge) and has checked it is in the future.
      verified.set(header, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch {
      throw unauthenticated('the gateway context is invalid or expired');
    }
  };
}

/** Contexts whose verification a node remembers: a few seconds of requests. */
const VERIFIED_CACHE_LIMIT = 1000;
