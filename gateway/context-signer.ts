import { KeyObject, randomUUID, sign } from 'node:crypto';
import { HUB_CONTEXT_TTL_SECONDS } from '../lib/hub-context.js';
import type { SigningKey } from '../lib/keys.js';
import type { HubContextClaims } from '../lib/principal.js';

/** The issuer and audience lib/hub-context.ts signs and verifies with. */
const ISSUER = 'ecert-hub-gateway';
const AUDIENCE = 'ecert-hub-subgraph';

export type ContextSigner = (claims: HubContextClaims) => string;

/**
 * Signs the per-request context exactly as `signHubContext` does (same header, claims and
 * lifetime; the subgraphs verify it with the same jose code), but synchronously with
 * node:crypto on a key object made once, instead of through WebCrypto: the gateway signs one
 * context per request, and jose's asynchronous path costs several times the signature itself.
 */
export function contextSigner(key: SigningKey, ttlSeconds = HUB_CONTEXT_TTL_SECONDS): ContextSigner {
  const keyObject = key.privateKey instanceof KeyObject ? key.privateKey : KeyObject.from(key.privateKey as CryptoKey);
  const header = Buffer.from(JSON.stringify({ alg: key.alg, kid: key.kid, typ: 'hub-context+jwt' })).toString('base64url');
  const signWith =
    key.alg === 'EdDSA'
      ? (data: Buffer) => sign(null, data, keyObject)
      : (data: Buffer) => sign('sha256', data, { key: keyObject, dsaEncoding: 'ieee-p1363' });
  return (claims) => {
    const iat = Math.floor(Date.now() / 1000);
    const payload = {
      principal: claims.principal,
      purpose: claims.purpose,
      rid: claims.requestId,
      grants: claims.grants,
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      jti: randomUUID(),
      exp: iat + ttlSeconds,
    };
    const input = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${signWith(Buffer.from(input)).toString('base64url')}`;
  };
}
