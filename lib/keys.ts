import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

export type SigningKey = { privateKey: PrivateKey; publicJwk: JWK; kid: string };

const ALG = 'EdDSA';

/**
 * Loads the Ed25519 signing key `name` from `dir`, creating it (mode 0600) on first use.
 * Used for the development identity provider and the gateway's context key.
 */
export async function loadOrCreateSigningKey(dir: string, name: string): Promise<SigningKey> {
  const file = join(dir, `${name}.private.jwk.json`);
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const pair = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    privateJwk = { ...(await exportJWK(pair.privateKey)), kid: `${name}-${Date.now().toString(36)}`, alg: ALG };
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      // Another process of the same hub created it first: use theirs.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    }
    await writeFile(join(dir, `${name}.public.jwk.json`), JSON.stringify(publicPart(privateJwk)), { mode: 0o644 });
  }
  const privateKey = await importJWK(privateJwk, ALG);
  return { privateKey, publicJwk: publicPart(privateJwk), kid: privateJwk.kid ?? name };
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
