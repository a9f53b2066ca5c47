import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bodyDigest, contextSigner, GATEWAY_ISSUER, HubContextVerifier } from './hub-context.js';
import type { SigningKey } from './keys.js';
import type { HubContextClaims } from './principal.js';

const BODY = JSON.stringify({ query: '{ certificateTypes { code } }' });
const TARGET = { node: '350100', subgraph: 'certificate' };
const claims: HubContextClaims = {
  principal: { kind: 'agency', code: '11350100MB0000001X', name: '福州市行政审批局', roles: ['consumer'] },
  purpose: '道路运输证年审',
  requestId: 'request-1',
  grants: [],
};

async function gatewayKey(): Promise<SigningKey> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'gateway-test', alg: 'EdDSA' }, kid: 'gateway-test', alg: 'EdDSA' };
}

describe("the request's case number in the signed context", () => {
  it('reaches the node as the gateway signed it, and as null when the request had none', async () => {
    const key = await gatewayKey();
    const verifier = new HubContextVerifier('350100', { gateway: [key.publicJwk], nodes: new Map() });
    const signed = contextSigner(key, GATEWAY_ISSUER).prepare({ ...claims, caseNumber: '2026-FZ-000123' })(TARGET, BODY);
    expect(verifier.check(signed, 'certificate').claims).toMatchObject({ purpose: claims.purpose, caseNumber: '2026-FZ-000123' });
    const without = contextSigner(key, GATEWAY_ISSUER).prepare(claims)(TARGET, BODY);
    expect(verifier.check(without, 'certificate').claims.caseNumber).toBeNull();
  });

  it('is null in a context signed before case numbers were forwarded (no `case` claim)', async () => {
    const key = await gatewayKey();
    const verifier = new HubContextVerifier('350100', { gateway: [key.publicJwk], nodes: new Map() });
    const iat = Math.floor(Date.now() / 1000);
    const payload = {
      principal: claims.principal,
      purpose: claims.purpose,
      rid: claims.requestId,
      crid: null,
      grants: [],
      og: [],
      iss: GATEWAY_ISSUER,
      aud: `ecert-hub:${TARGET.node}/${TARGET.subgraph}`,
      dig: bodyDigest(BODY),
      jti: randomUUID(),
      iat,
      exp: iat + 60,
    };
    const older = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'hub-context+jwt' })
      .sign(key.privateKey);
    expect(verifier.check(older, 'certificate').claims).toMatchObject({ purpose: claims.purpose, requestId: 'request-1', caseNumber: null });
  });
});
