import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { makePrivateTree } from './private-files.js';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

export type SigningKey = { privateKey: PrivateKey; publicJwk: JWK; kid: string; alg: 'EdDSA' | 'ES256' };

const ALG = 'EdDSA' as const;

/**
 * Loads the Ed25519 signing key `name` from `dir`, creating it on first use. `dir` is made
 * private every time (0700, its files 0600, whatever the umask and whoever created them): the
 * public halves too, since one rule for the whole data directory is easier to keep than two.
 * Used for the development identity provider and the gateway's context key.
 */
export async function loadOrCreateSigningKey(dir: string, name: string): Promise<SigningKey> {
  const file = join(dir, `${name}.private.jwk.json`);
  await makePrivateTree(dir);
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const pair = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    privateJwk = { ...(await exportJWK(pair.privateKey)), kid: `${name}-${Date.now().toString(36)}`, alg: ALG };
    try {
      await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      // Another process of the same hub created it first: use theirs.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    }
    await writeFile(join(dir, `${name}.public.jwk.json`), JSON.stringify(publicPart(privateJwk)), { mode: 0o600 });
  }
  const privateKey = await importJWK(privateJwk, ALG);
  return { privateKey, publicJwk: publicPart(privateJwk), kid: privateJwk.kid ?? name, alg: ALG };
}

function publicPart(jwk: JWK): JWK {
  const { d: _d, ...pub } = jwk;
  return pub;
}

/** Reads a public JWK or a JWK set ({"keys": [...]}) from a file. */
export async function readPublicKeys(file: string): Promise<JWK[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as JWK | { keys: JWK[] };
  const keys = 'keys' in parsed && Array.isArray(parsed.keys) ? parsed.keys : [parsed as JWK];
  for (const key of keys) if ('d' in key) throw new Error(`${file} holds a private key; give the public key only`);
  return keys;
}

/** Reads a private signing key (an OKP Ed25519 or EC P-256 JWK) from a file, e.g. a mounted secret. */
export async function readSigningKey(file: string): Promise<SigningKey> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  if (!('d' in jwk)) throw new Error(`${file} holds no private key`);
  const alg = jwk.kty === 'EC' ? 'ES256' : ALG;
  return { privateKey: await importJWK(jwk, alg), publicJwk: publicPart(jwk), kid: jwk.kid ?? 'gateway', alg };
}
