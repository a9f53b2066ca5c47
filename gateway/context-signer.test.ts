import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubContextVerifier, signHubContext } from '../lib/hub-context.js';
import { loadOrCreateSigningKey, type SigningKey } from '../lib/keys.js';
import type { HubContextClaims } from '../lib/principal.js';
import { contextSigner } from './context-signer.js';

const dir = mkdtempSync(join(tmpdir(), 'ecert-signer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const claims: HubContextClaims = {
  principal: { kind: 'agency', code: '11350000MB1E4Y5F0X', name: '福建省市场监督管理局', roles: ['consumer', 'issuer'] },
  purpose: '行政许可 办理',
  requestId: 'req-1',
  grants: [{ id: 'g1', type: '11100000000019078B001', items: ['name'], purposes: ['行政许可 办理'], expiresAt: null }],
};

async function es256Key(): Promise<SigningKey> {
  const pair = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'es' }, kid: 'es', alg: 'ES256' };
}

describe('the gateway context signer', () => {
  it('signs contexts that the subgraphs verify to the same claims as jose-signed ones', async () => {
    const key = await loadOrCreateSigningKey(dir, 'gateway');
    const verify = hubContextVerifier([key.publicJwk]);
    const fast = contextSigner(key)(claims);
    expect(await verify(fast)).toEqual(await verify(await signHubContext(key, claims)));
    expect(await verify(fast)).toEqual(claims);
  });

  it('writes the same header and claims as signHubContext, with a fresh id per context', async () => {
    const key = await loadOrCreateSigningKey(dir, 'gateway');
    const sign = contextSigner(key);
    const fast = sign(claims);
    const slow = await signHubContext(key, claims);
    expect(decodeProtectedHeader(fast)).toEqual(decodeProtectedHeader(slow));
    const { jti: fastId, iat: fastAt, exp: fastExp, ...fastRest } = decodeJwt(fast);
    const { jti: slowId, iat: slowAt, exp: slowExp, ...slowRest } = decodeJwt(slow);
    expect(fastRest).toEqual(slowRest);
    expect(fastExp! - fastAt!).toBe(slowExp! - slowAt!);
    expect(fastId).not.toBe(slowId);
    expect(decodeJwt(sign(claims)).jti).not.toBe(fastId);
  });

  it('signs with ES256 keys too', async () => {
    const key = await es256Key();
    expect(await hubContextVerifier([key.publicJwk])(contextSigner(key)(claims))).toEqual(claims);
  });

  it('is refused by subgraphs that trust another gateway key', async () => {
    const key = await loadOrCreateSigningKey(dir, 'gateway');
    const other = await loadOrCreateSigningKey(dir, 'other');
    await expect(hubContextVerifier([other.publicJwk])(contextSigner(key)(claims))).rejects.toThrow(/invalid or expired/);
  });

  it('a node remembers a verified context until it expires, not a moment longer', async () => {
    const key = await loadOrCreateSigningKey(dir, 'gateway');
    const verify = hubContextVerifier([key.publicJwk]);
    const header = contextSigner(key, 1)(claims);
    expect(await verify(header)).toEqual(claims);
    expect(await verify(header)).toEqual(claims);
    // A tampered copy of a remembered header is not the same header: verified, and refused.
    await expect(verify(`${header.slice(0, -4)}AAAA`)).rejects.toThrow(/invalid or expired/);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(verify(header)).rejects.toThrow(/invalid or expired/);
  });
});
