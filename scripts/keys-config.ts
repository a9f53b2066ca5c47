import { join } from 'node:path';
import type { JWK } from 'jose';
import type { IdentityProviderConfig } from '../gateway/auth.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from '../lib/dev-idp.js';
import { loadOrCreateSigningKey, readPublicKeys, readSigningKey, type SigningKey } from '../lib/keys.js';
import { dataDir } from './args.js';

/**
 * Where the separately started processes find their keys. In production each is given by an
 * environment variable (a mounted secret or a JWKS URL); on one developer machine they default
 * to the development keys in HUB_DATA_DIR/keys, as the embedded hub uses.
 */
const keysDir = () => join(dataDir(), 'keys');

/** The gateway's context-signing key: HUB_GATEWAY_KEY (private JWK file) or the development key. */
export function gatewayKey(): Promise<SigningKey> {
  const file = process.env['HUB_GATEWAY_KEY'];
  return file ? readSigningKey(file) : loadOrCreateSigningKey(keysDir(), 'gateway');
}

/** What a node trusts: HUB_GATEWAY_PUBLIC_KEY (JWK or JWKS file) or the development key. */
export async function gatewayPublicKeys(): Promise<JWK[]> {
  const file = process.env['HUB_GATEWAY_PUBLIC_KEY'];
  return file ? readPublicKeys(file) : [(await loadOrCreateSigningKey(keysDir(), 'gateway')).publicJwk];
}

/**
 * The identity provider the gateway trusts: HUB_IDP_JWKS (a JWKS file, or an https URL),
 * HUB_IDP_ISSUER and HUB_IDP_AUDIENCE; else the development identity provider.
 */
export async function identityProvider(): Promise<IdentityProviderConfig> {
  const jwks = process.env['HUB_IDP_JWKS'];
  const audience = process.env['HUB_IDP_AUDIENCE'] || HUB_AUDIENCE;
  if (jwks) {
    const issuer = process.env['HUB_IDP_ISSUER'];
    if (!issuer) throw new Error('HUB_IDP_JWKS needs HUB_IDP_ISSUER: the issuer its tokens name');
    const keys = /^https?:\/\//.test(jwks) ? new URL(jwks) : await readPublicKeys(jwks);
    return { issuer, audience, keys };
  }
  return { issuer: DEV_IDP_ISSUER, audience, keys: [(await loadOrCreateSigningKey(keysDir(), 'idp')).publicJwk] };
}
