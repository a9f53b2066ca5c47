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

/** What the hub accepts of a token's timing, whoever signed it. */
export interface AuthenticatorOptions {
  /**
   * Longest a token may live, in seconds: `exp − iat`, or `exp − now` for a token without
   * `iat` (default DEFAULT_MAX_TOKEN_LIFETIME_S, 12 h). A stolen token is worth only as long
   * as it lives, and the gateway cannot revoke one, so a longer-lived token is refused.
   */
  maxLifetimeSeconds?: number;
  /**
   * How far `iat` may lie ahead of the gateway's clock, in seconds (default
   * DEFAULT_CLOCK_SKEW_S, 60 s): clocks differ a little; a token issued much later than now
   * was minted with a wrong clock or to outlive the lifetime check.
   */
  clockSkewSeconds?: number;
  /** The clock, in milliseconds (default Date.now); tests move it. */
  now?: () => number;
}

/** Default longest token lifetime: 12 hours, a working day with room. */
export const DEFAULT_MAX_TOKEN_LIFETIME_S = 12 * 3600;
/** Default tolerance for an `iat` ahead of the gateway's clock. */
export const DEFAULT_CLOCK_SKEW_S = 60;

/** Only asymmetric signatures: `alg: none` and shared-secret tokens are refused outright. */
const ALGORITHMS = ['EdDSA', 'ES256'];

/**
 * Turns the Authorization header into a principal. No header: the public, which may only
 * verify certificates. A header that does not hold a valid, unexpired token of the trusted
 * identity provider, or one that lives longer than `maxLifetimeSeconds` or was issued in the
 * future beyond `clockSkewSeconds`: HTTP 401 UNAUTHENTICATED with the reason.
 */
export function createAuthenticator(idp: IdentityProviderConfig, options: AuthenticatorOptions = {}): Authenticator {
  const keySet = idp.keys instanceof URL ? createRemoteJWKSet(idp.keys) : createLocalJWKSet({ keys: idp.keys });
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_S;
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_S;
  const now = options.now ?? Date.now;
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return PUBLIC;
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    const at = now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, keySet, {
        issuer: idp.issuer,
        audience: idp.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(at),
      }));
    } catch (error) {
      const reason = error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid';
      throw unauthenticated(reason);
    }
    const problem = timingProblem(payload, at / 1000, maxLifetime, skew);
    if (problem) throw unauthenticated(problem);
    return principalOf(payload);
  };
}

/** Why a verified token's `iat` and `exp` are not acceptable at `now` (seconds), or null. */
function timingProblem(payload: JWTPayload, now: number, maxLifetime: number, skew: number): string | null {
  // jose has checked that both are numbers when present, and that exp is still ahead.
  const { iat, exp } = payload as { iat?: number; exp: number };
  if (iat !== undefined && iat > now + skew) {
    return `the token was issued ${Math.round(iat - now)} s in the future (iat), more than the ${skew} s of clock skew the hub allows`;
  }
  const lifetime = iat === undefined ? exp - now : exp - iat;
  if (lifetime > maxLifetime) {
    return `the token lives ${Math.round(lifetime)} s (${iat === undefined ? 'exp − now, without iat' : 'exp − iat'}), longer than the ${maxLifetime} s the hub accepts: ask the identity provider for a shorter-lived one`;
  }
  return null;
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
