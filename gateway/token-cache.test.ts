import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_IDP_ISSUER, HUB_AUDIENCE, mintToken } from '../hub/dev-idp.js';
import { loadOrCreateSigningKey, type SigningKey } from '../lib/keys.js';
import { PUBLIC } from '../lib/principal.js';
import { createAuthenticator, type Authenticator } from './auth.js';
import { agencyBySlug } from '../scripts/demo/data.js';
import { cachingAuthenticator } from './token-cache.js';

const AGENCY = agencyBySlug('fz-tax').code;
const dir = mkdtempSync(join(tmpdir(), 'ecert-token-cache-'));
let idp: SigningKey;
let authenticate: Authenticator;

beforeAll(async () => {
  idp = await loadOrCreateSigningKey(dir, 'idp');
  authenticate = createAuthenticator({ issuer: DEV_IDP_ISSUER, audience: HUB_AUDIENCE, keys: [idp.publicJwk] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Counts how often the real authenticator is asked. */
function counting(): { auth: Authenticator; calls: () => number } {
  let calls = 0;
  return {
    auth: (header) => {
      calls++;
      return authenticate(header);
    },
    calls: () => calls,
  };
}

describe('the bearer token cache', () => {
  it('verifies a token once and answers the same principal after that', async () => {
    const { auth, calls } = counting();
    const cached = cachingAuthenticator(auth);
    const header = `Bearer ${await mintToken(idp, { sub: AGENCY, kind: 'agency', roles: ['consumer'] })}`;
    const first = await cached(header);
    expect(first).toEqual({ kind: 'agency', code: AGENCY, name: null, roles: ['consumer'] });
    expect(await cached(header)).toEqual(first);
    expect(calls()).toBe(1);
  });

  it('refuses a bad token every time, never remembering a refusal', async () => {
    const { auth, calls } = counting();
    const cached = cachingAuthenticator(auth);
    const token = await mintToken(idp, { sub: AGENCY, kind: 'agency', roles: ['consumer'] });
    const forged = `Bearer ${token.slice(0, -4)}AAAA`;
    await expect(cached(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(cached(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(calls()).toBe(2);
  });

  it('stops answering from the cache when the token expires, and the token is then refused', async () => {
    let now = Date.now();
    const { auth, calls } = counting();
    const cached = cachingAuthenticator(auth, { now: () => now });
    const header = `Bearer ${await mintToken(idp, { sub: AGENCY, kind: 'agency', roles: ['consumer'], ttlSeconds: 2 })}`;
    await cached(header);
    now += 1_000;
    await cached(header);
    expect(calls()).toBe(1);
    now += 5_000;
    // The real clock has not moved on, so the real verification still accepts it: asked again.
    await cached(header);
    expect(calls()).toBe(2);
  });

  it('checks a token again after maxAgeMs however long it lives', async () => {
    let now = Date.now();
    const { auth, calls } = counting();
    const cached = cachingAuthenticator(auth, { now: () => now, maxAgeMs: 1_000 });
    const header = `Bearer ${await mintToken(idp, { sub: AGENCY, kind: 'agency', roles: ['consumer'], ttlSeconds: 3600 })}`;
    await cached(header);
    now += 1_001;
    await cached(header);
    expect(calls()).toBe(2);
  });

  it('keeps at most maxEntries tokens, forgetting the oldest', async () => {
    const { auth, calls } = counting();
    const cached = cachingAuthenticator(auth, { maxEntries: 2 });
    const headers = await Promise.all(['consumer', 'issuer', 'auditor'].map(async (role) => `Bearer ${await mintToken(idp, { sub: AGENCY, kind: 'agency', roles: [role as 'consumer'] })}`));
    for (const header of headers) await cached(header);
    await cached(headers[2]!);
    expect(calls()).toBe(3);
    await cached(headers[0]!);
    expect(calls()).toBe(4);
  });

  it('passes requests without a token through as the public', async () => {
    const cached = cachingAuthenticator(authenticate);
    expect(await cached(undefined)).toEqual(PUBLIC);
    expect(await cached('')).toEqual(PUBLIC);
  });
});
