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
  return async (header) => {
    if (!header) throw unauthenticated('this subgraph answers only requests forwarded by the hub gateway');
    try {
      const { payload } = await jwtVerify(header, keySet, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['EdDSA', 'ES256'],
        typ: 'hub-context+jwt',
        maxTokenAge: `${HUB_CONTEXT_TTL_SECONDS * 2}s`,
      });
      return {
        principal: payload['principal'] as Principal,
        purpose: typeof payload['purpose'] === 'string' ? payload['purpose'] : null,
        requestId: String(payload['rid'] ?? payload.jti),
        grants: Array.isArray(payload['grants']) ? (payload['grants'] as GrantClaim[]) : [],
      };
    } catch {
      throw unauthenticated('the gateway context is invalid or expired');
    }
  };
}
