import { join } from 'node:path';
import type { JWK } from 'jose';
import type { IdentityProviderConfig, NodeEntry } from '../gateway/index.js';
import { DEV_IDP_ISSUER, HUB_AUDIENCE } from './dev-idp.js';
import { readFile } from 'node:fs/promises';
import { loadOrCreateSigningKey, readPublicKeys, readSigningKey, type SigningKey } from '../lib/keys.js';
import { loadOrCreateKeyRing, readKeyRing, type SecretKeyRing } from '../subgraphs/kit/secret-keys.js';
import { dataDir } from '../scripts/args.js';
import { metricsTokenProblem } from '../lib/metrics.js';

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

/**
 * A node's own signing key, for its calls to other nodes: HUB_NODE_KEY (private JWK file) or
 * the development key `node-<code>` in HUB_DATA_DIR/keys.
 */
export function nodeKey(code: string): Promise<SigningKey> {
  const file = process.env['HUB_NODE_KEY'];
  return file ? readSigningKey(file) : loadOrCreateSigningKey(keysDir(), `node-${code}`);
}

/**
 * The public keys of the other nodes, whose calls a node accepts: each registry entry's `key`.
 * A development hub (no HUB_NODE_KEY) falls back to the keys in HUB_DATA_DIR/keys; a production
 * node refuses to start without every other node's key in the registry.
 */
export async function peerKeys(registry: readonly NodeEntry[], self: string): Promise<Map<string, JWK[]>> {
  const production = Boolean(process.env['HUB_NODE_KEY']);
  const keys = new Map<string, JWK[]>();
  for (const entry of registry) {
    if (entry.key) keys.set(entry.code, [entry.key]);
    else if (entry.code === self) keys.set(entry.code, [(await nodeKey(self)).publicJwk]);
    else if (production) throw new Error(`the node registry gives no "key" for node ${entry.code}: a node with HUB_NODE_KEY trusts only keys the registry names`);
    else keys.set(entry.code, [(await loadOrCreateSigningKey(keysDir(), `node-${entry.code}`)).publicJwk]);
  }
  return keys;
}

/**
 * A node's secrets outside its database: the key-encryption key of its seal keys (HUB_KEK_FILE)
 * and its audit key (HUB_AUDIT_KEY_FILE), each a key file (lib/secret-keys.ts) mounted from the
 * KMS in production; else the development key files in HUB_DATA_DIR/keys.
 */
export async function nodeSecrets(code: string): Promise<{ kek: SecretKeyRing; auditKeys: SecretKeyRing }> {
  const ring = (variable: string, name: string) => {
    const file = process.env[variable];
    return file ? readKeyRing(file) : loadOrCreateKeyRing(keysDir(), `node-${code}-${name}`);
  };
  return { kek: await ring('HUB_KEK_FILE', 'kek'), auditKeys: await ring('HUB_AUDIT_KEY_FILE', 'audit') };
}

/**
 * A node's metrics token (its one line) from the file given by `--metrics-token-file` or
 * HUB_METRICS_TOKEN_FILE, or null without one; throws when it cannot be read or is too weak.
 */
export async function metricsToken(file: string | undefined): Promise<string | null> {
  if (!file) return null;
  const token = (await readFile(file, 'utf8')).trim();
  const problem = metricsTokenProblem(token);
  if (problem) throw new Error(`${file}: a metrics token must be ${problem}`);
  return token;
}

/** A PEM file given by an option or a variable (a CA bundle, a TLS certificate or key), or undefined. */
export async function pemFile(file: string | undefined): Promise<Buffer | undefined> {
  return file ? readFile(file) : undefined;
}
