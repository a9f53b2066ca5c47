import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { GraphQLError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, DEFAULT_MAX_TOKEN_LIFETIME_S, type AuthenticatorOptions } from './auth.js';

const ISSUER = 'test-idp';
const AUDIENCE = 'ecert-hub';
/** An agency's USCC (check character included). */
const AGENCY = '113500000000000RX8';
/** The gateway's clock in these tests, in seconds. */
const NOW = 1_750_000_000;

let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  privateKey = pair.privateKey;
  publicJwk = await exportJWK(pair.publicKey);
});

/** A token of the trusted identity provider with exactly these timing claims. */
function token(times: { iat?: number; exp: number }): Promise<string> {
  const claims: JWTPayload = { kind: 'agency', roles: ['consumer'], exp: times.exp, ...(times.iat === undefined ? {} : { iat: times.iat }) };
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(AGENCY).sign(privateKey);
}

function authenticator(options: AuthenticatorOptions = {}) {
  return createAuthenticator({ issuer: ISSUER, audience: AUDIENCE, keys: [publicJwk] }, { now: () => NOW * 1000, ...options });
}

/** The refusal of `promise`, which must be a 401 UNAUTHENTICATED. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = (await promise.then(
    () => null,
    (caught: unknown) => caught,
  )) as GraphQLError | null;
  expect(error, 'the token was accepted').not.toBeNull();
  expect(error!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  return error!.message;
}

describe('token lifetime', () => {
  it('accepts a token living exactly the default maximum of 12 hours', async () => {
    const principal = await authenticator()(`Bearer ${await token({ iat: NOW - 60, exp: NOW - 60 + DEFAULT_MAX_TOKEN_LIFETIME_S })}`);
    expect(principal).toMatchObject({ kind: 'agency', code: AGENCY });
  });

  it('refuses a token living longer than 12 hours (exp − iat), saying so, even when it has little time left', async () => {
    const longLived = await token({ iat: NOW - 30 * 86400, exp: NOW + 60 });
    expect(await refusal(authenticator()(`Bearer ${longLived}`))).toMatch(/lives 2592060 s \(exp − iat\), longer than the 43200 s the hub accepts/);
  });

  it('measures a token without iat from now to exp', async () => {
    expect(await authenticator()(`Bearer ${await token({ exp: NOW + 3600 })}`)).toMatchObject({ kind: 'agency' });
    expect(await refusal(authenticator()(`Bearer ${await token({ exp: NOW + DEFAULT_MAX_TOKEN_LIFETIME_S + 1 })}`))).toMatch(/exp − now, without iat/);
  });

  it('takes a configured maximum instead of the default', async () => {
    const hour = await token({ iat: NOW, exp: NOW + 3600 });
    expect(await refusal(authenticator({ maxLifetimeSeconds: 600 })(`Bearer ${hour}`))).toMatch(/longer than the 600 s/);
    const day = await token({ iat: NOW, exp: NOW + 86400 });
    expect(await authenticator({ maxLifetimeSeconds: 86400 })(`Bearer ${day}`)).toMatchObject({ kind: 'agency' });
  });
});

describe('issue time', () => {
  it('accepts an iat up to the clock skew (default 60 s) ahead of the gateway', async () => {
    expect(await authenticator()(`Bearer ${await token({ iat: NOW + 60, exp: NOW + 3600 })}`)).toMatchObject({ kind: 'agency' });
  });

  it('refuses an iat further in the future than the clock skew, saying how far', async () => {
    const future = await token({ iat: NOW + 3600, exp: NOW + 7200 });
    expect(await refusal(authenticator()(`Bearer ${future}`))).toMatch(/issued 3600 s in the future \(iat\), more than the 60 s of clock skew/);
    expect(await refusal(authenticator({ clockSkewSeconds: 5 })(`Bearer ${await token({ iat: NOW + 10, exp: NOW + 3600 })}`))).toMatch(/the 5 s of clock skew/);
  });

  it('still refuses an expired token as expired', async () => {
    expect(await refusal(authenticator()(`Bearer ${await token({ iat: NOW - 7200, exp: NOW - 3600 })}`))).toBe('the token has expired');
  });
});
