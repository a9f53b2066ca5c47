import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { residentIdProblem, usccProblem } from '../lib/codes.js';
import { unauthenticated } from '../lib/errors.js';
import { isRole, PUBLIC, type Principal } from '../lib/principal.js';

/** A trusted identity provider: who signs the bearer tokens the hub accepts. */
export interface IdentityProviderConfig {
  issuer: string;
  audience: string;
  /** Its public keys, or the URL of its JWKS. */
  keys: JWK[] | URL;
}

export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

/** Only asymmetric signatures: `alg: none` and shared-secret tokens are refused outright. */
const ALGORITHMS = ['EdDSA', 'ES256'];

/**
 * Turns the Authorization header into a principal. No header: the public, which may only
 * verify certificates. A header that does not hold a valid, unexpired token of the trusted
 * identity provider: HTTP 401.
 */
export function createAuthenticator(idp: IdentityProviderConfig): Authenticator {
  const keySet = idp.keys instanceof URL ? createRemoteJWKSet(idp.keys) : createLocalJWKSet({ keys: idp.keys });
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return PUBLIC;
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keySet, { issuer: idp.issuer, audience: idp.audience, algorithms: ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid';
      throw unauthenticated(reason);
    }
    return principalOf(payload);
  };
}

function principalOf(payload: JWTPayload): Principal {
  const sub = String(payload.sub);
  const name = typeof payload['name'] === 'string' ? payload['name'] : null;
  if (payload['kind'] === 'agency') {
    if (usccProblem(sub)) throw unauthenticated('an agency token names the agency by its USCC');
    const roles = payload['roles'];
    if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string' && isRole(role))) {
      throw unauthenticated('the token lists unknown roles');
    }
    return { kind: 'agency', code: sub, name, roles: roles.filter(isRole) };
  }
  if (payload['kind'] === 'holder') {
    if (!usccProblem(sub)) return { kind: 'holder', code: sub, holderKind: 'ORGANIZATION', name };
    if (!residentIdProblem(sub)) return { kind: 'holder', code: sub, holderKind: 'PERSON', name };
    throw unauthenticated('a holder token names the holder by a USCC or resident ID number');
  }
  throw unauthenticated('the token does not say whether it is for an agency or a holder');
}
