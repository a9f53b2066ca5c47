/**
 * National-standard seal primitives: SM2 signatures (GM/T 0003 / GB/T 32918) over SM3 digests,
 * with the signer ID folded in through the Z value, over RFC 8785 canonical JSON.
 *
 * Signing is ./sm2-sign.ts (a fixed-base comb for k·G, ~4× sm-crypto-v2's signatures per core);
 * verification and key generation come from `sm-crypto-v2` (SM2 on @noble/curves): among the pure-JS SM2
 * libraries compared (sm-crypto, miniprogram-sm-crypto; gm-crypto has no SM2 signatures) it
 * signed ~25× and verified ~5× faster (~30× with the cached tables below), and its seals verify
 * with the independent `sm-crypto` and with OpenSSL (see seal.test.ts, scripts/bench/seal.ts).
 * Node's built-in crypto is not used for signing: on an SM2-curve key it does plain ECDSA.
 * DER encoding, range checks and input validation are done here, strictly, so that a malformed
 * or malleated signature is rejected before it reaches the library.
 */
import { createHash, getHashes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';
import { N, signBatch } from './sm2-sign.js';

export interface SealKeyPair {
  /** 64 lowercase hex characters: d in [1, n-2]. */
  privateKey: string;
  /** Uncompressed point: '04' + x (64 hex) + y (64 hex). */
  publicKey: string;
}

export const SEAL_ALGORITHM = 'SM2-SM3';
/** The default signer ID of GM/T 0009 / GB/T 35276, used in Z for every seal. */
export const SIGNER_ID = '1234567812345678';


const PRIVATE_KEY = /^[0-9a-fA-F]{64}$/;
const PUBLIC_KEY = /^04[0-9a-fA-F]{128}$/;
const DER_HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** In a `u` regex a surrogate range matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Creates a fresh seal key pair from the platform CSPRNG (WebCrypto getRandomValues). */
export function generateSealKey(): SealKeyPair {
  for (;;) {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    // The library draws d from [1, n-1]; SM2 signing needs d ≤ n-2 (1 + d must be invertible).
    if (BigInt(`0x${privateKey}`) <= N - 2n) return { privateKey: privateKey.toLowerCase(), publicKey: publicKey.toLowerCase() };
  }
}

/** The uncompressed public key ('04' + x + y, lowercase hex) of a private key. */
export function publicKeyOf(privateKey: string): string {
  const d = parsePrivateKey(privateKey);
  return sm2.getPublicKeyFromPrivateKey(toHex32(d)).toLowerCase();
}

/** Whether Node's OpenSSL has SM3 (it does in the official builds; a FIPS build may not). */
const NATIVE_SM3 = getHashes().includes('sm3');

/**
 * SM3 digest as lowercase hex; strings are hashed as UTF-8. OpenSSL's SM3 where Node has it
 * (a 10 MB scan in tens of milliseconds instead of ~180 ms), sm-crypto-v2's otherwise; the
 * tests check both give the same digests.
 */
export function sm3Hex(data: string | Uint8Array): string {
  return NATIVE_SM3 ? createHash('sm3').update(data).digest('hex') : sm3(data);
}

/** The pure-JavaScript SM3, for tests that compare it with the native one. @internal */
export const sm3HexPortable = (data: string | Uint8Array): string => sm3(data);

/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units, ECMAScript
 * number serialisation, no whitespace. Follows JSON.stringify for `toJSON` and for values that
 * JSON cannot hold (dropped in objects, null in arrays); rejects non-finite numbers, BigInt and
 * lone surrogates, which I-JSON forbids.
 */
export function canonicalJson(value: unknown): string {
  const out = serialize(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return out;
}

function serialize(input: unknown): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      // ECMAScript Number.prototype.toString is exactly RFC 8785's number format; -0 becomes "0".
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not a JSON number');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => serialize(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = serialize(record[key]);
    if (member !== undefined) parts.push(`${quote(key)}:${member}`);
  }
  return `{${parts.join(',')}}`;
}

function quote(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new TypeError('canonicalJson: string contains a lone surrogate');
  // JSON.stringify escapes exactly as RFC 8785 §3.2.2.2: \b \t \n \f \r \" \\ and \u00xx (lowercase).
  return JSON.stringify(text);
}

/**
 * Signs the UTF-8 payload with SM2: e = SM3(Z ‖ M), Z = SM3(ENTL ‖ SIGNER_ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA).
 * Returns the DER encoding (SEQUENCE of two INTEGERs r, s) as lowercase hex.
 */
export function signSeal(privateKey: string, payload: string): string {
  return signSeals(privateKey, [payload])[0]!;
}

/**
 * signSeal for many payloads with one key, cheaper per seal (one inversion for the batch; see
 * sm2-sign.ts). DER hex signatures in payload order.
 */
export function signSeals(privateKey: string, payloads: readonly string[]): string[] {
  const dHex = toHex32(parsePrivateKey(privateKey));
  return signBatch(dHex, payloads, SIGNER_ID).map(([r, s]) => encodeDer(r, s));
}

/**
 * Signs with a caller-chosen nonce k. Only for reproducing the published test vector: a reused
 * or predictable k reveals the private key.
 * @internal
 */
export function signSealWithNonceForTest(privateKey: string, payload: string, k: string): string {
  const [[r, s]] = signBatch(toHex32(parsePrivateKey(privateKey)), [payload], SIGNER_ID, [parseScalar(k)]) as [[bigint, bigint]];
  return encodeDer(r, s);
}

/**
 * Verifies an SM2 seal (DER hex) over the UTF-8 payload with SIGNER_ID. Never throws: any
 * malformed key or signature, non-canonical DER, or r/s outside [1, n-1] gives false.
 */
export function verifySeal(publicKey: string, payload: string, signature: string): boolean {
  try {
    if (typeof publicKey !== 'string' || typeof payload !== 'string' || typeof signature !== 'string') return false;
    if (!PUBLIC_KEY.test(publicKey)) return false;
    const rs = decodeDer(signature);
    if (!rs) return false;
    const [r, s] = rs;
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const key = verifyingKey(publicKey.toLowerCase());
    if (!key) return false;
    // e = SM3(Z ‖ M) here, with the key's Z computed once and OpenSSL's SM3: the library would
    // decode the point again and hash in JavaScript on every call. `hash: false` takes e as given.
    const e = NATIVE_SM3 ? createHash('sm3').update(key.z).update(payload, 'utf8').digest() : Buffer.from(sm3(Buffer.concat([key.z, Buffer.from(payload, 'utf8')])), 'hex');
    return sm2.doVerifySignature(e, toHex32(r) + toHex32(s), key.point, { hash: false, der: false });
  } catch {
    return false;
  }
}

/**
 * verifySeal with a memory of the seals that verified, for a reader that checks the same stored
 * seals again and again (every 免提交 check verifies the applicant's certificates). Keyed by the
 * SHA-256 of the public key, the signature and the payload: a hit means exactly this triple
 * verified before, so a row edited since (another payload) is verified afresh. Only seals that
 * verify are kept — a forged one costs a verification each time, and cannot crowd out good
 * ones by filling the memory. At most `limit` entries, the least recently used leaving first.
 * Public data only: nothing secret is kept.
 */
export class VerifiedSeals {
  readonly #verified = new Set<string>();
  readonly #limit: number;
  readonly #verify: typeof verifySeal;

  /** `verify` is replaceable in tests, to count the verifications the memory saves. */
  constructor(options: { limit?: number; verify?: typeof verifySeal } = {}) {
    this.#limit = options.limit ?? 10_000;
    this.#verify = options.verify ?? verifySeal;
  }

  /** How many verified seals are remembered. */
  get size(): number {
    return this.#verified.size;
  }

  /** verifySeal(publicKey, payload, signature), answered from memory when this exact triple verified before. */
  verify(publicKey: string, payload: string, signature: string): boolean {
    // Only a well-formed key and signature (hex, no separator in them) make an unambiguous key.
    if (typeof publicKey !== 'string' || typeof payload !== 'string' || typeof signature !== 'string' || !PUBLIC_KEY.test(publicKey) || !DER_HEX.test(signature)) {
      return this.#verify(publicKey, payload, signature);
    }
    const id = createHash('sha256').update(`${publicKey}:${signature}:`).update(payload, 'utf8').digest('base64');
    if (this.#verified.delete(id)) {
      this.#verified.add(id);
      return true;
    }
    if (!this.#verify(publicKey, payload, signature)) return false;
    if (this.#verified.size >= this.#limit) this.#verified.delete(this.#verified.values().next().value!);
    this.#verified.add(id);
    return true;
  }
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) as hex, for tests against published values. */
export function signerZ(publicKey: string, signerId: string = SIGNER_ID): string {
  return bytesToHex(sm2.getZ(publicKey.toLowerCase(), signerId));
}

/** e = SM3(Z ‖ M) as hex, for tests against published values. */
export function messageDigestE(publicKey: string, payload: string, signerId: string = SIGNER_ID): string {
  return sm2.getHash(new TextEncoder().encode(payload), publicKey.toLowerCase(), signerId);
}

function parsePrivateKey(privateKey: string): bigint {
  if (typeof privateKey !== 'string' || !PRIVATE_KEY.test(privateKey)) {
    throw new TypeError('seal private key must be 64 hex characters');
  }
  const d = BigInt(`0x${privateKey}`);
  // d = n-1 has no inverse of (1 + d); GM/T 0003 restricts d to [1, n-2].
  if (d < 1n || d > N - 2n) throw new RangeError('seal private key out of range');
  return d;
}

function parseScalar(hex: string): bigint {
  if (!PRIVATE_KEY.test(hex)) throw new TypeError('scalar must be 64 hex characters');
  const value = BigInt(`0x${hex}`);
  if (value < 1n || value >= N) throw new RangeError('scalar out of range');
  return value;
}

function toHex32(value: bigint): string {
  return value.toString(16).padStart(64, '0');
}

function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

type PublicPoint = Exclude<Parameters<typeof sm2.doVerifySignature>[2], string>;

/** What verification needs of a public key, worked out once per key. */
interface VerifyingKey {
  /** The point with a precomputed window table: the scalar multiplication ~5× faster. */
  point: PublicPoint;
  /** Z = SM3(ENTL ‖ SIGNER_ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), the same for every seal of the key. */
  z: Uint8Array;
}

/*
 * A node verifies against few keys (one per issuing authority and rotation), so a small bounded
 * cache holds their tables and Z values. Public data only: nothing secret cached.
 */
const KEY_CACHE_LIMIT = 256;
const keyCache = new Map<string, VerifyingKey | null>();

/** The verifying key of a public key (lowercase '04' + x + y), or null when it is no point on the curve. */
function verifyingKey(publicKey: string): VerifyingKey | null {
  const cached = keyCache.get(publicKey);
  if (cached !== undefined) return cached;
  let key: VerifyingKey | null;
  try {
    // fromHex rejects points not on the curve; precompute also fixes the table for this key.
    key = { point: sm2.precomputePublicKey(publicKey), z: sm2.getZ(publicKey, SIGNER_ID) };
  } catch {
    key = null;
  }
  if (keyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = keyCache.keys().next().value;
    if (oldest !== undefined) keyCache.delete(oldest);
  }
  keyCache.set(publicKey, key);
  return key;
}

function derInteger(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  // A leading byte >= 0x80 would read as negative: INTEGER needs a 00 in front.
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return `02${derLength(hex.length / 2)}${hex}`;
}

function derLength(length: number): string {
  if (length < 0x80) return length.toString(16).padStart(2, '0');
  return `81${length.toString(16).padStart(2, '0')}`;
}

/** DER SEQUENCE { INTEGER r, INTEGER s } as lowercase hex. */
export function encodeDer(r: bigint, s: bigint): string {
  const body = derInteger(r) + derInteger(s);
  return `30${derLength(body.length / 2)}${body}`;
}

/**
 * Strict DER decoding of SEQUENCE { INTEGER r, INTEGER s }: minimal lengths, minimal positive
 * integers, no trailing bytes. Anything else is null, so one signature has one encoding.
 */
export function decodeDer(hex: string): [bigint, bigint] | null {
  if (typeof hex !== 'string' || hex.length > 400 || !DER_HEX.test(hex)) return null;
  const bytes = Buffer.from(hex, 'hex');
  let at = 0;
  const readLength = (): number | null => {
    const first = bytes[at++];
    if (first === undefined) return null;
    if (first < 0x80) return first;
    if (first !== 0x81) return null;
    const second = bytes[at++];
    if (second === undefined || second < 0x80) return null;
    return second;
  };
  const readInteger = (): bigint | null => {
    if (bytes[at++] !== 0x02) return null;
    const length = readLength();
    if (length === null || length === 0 || at + length > bytes.length) return null;
    const content = bytes.subarray(at, at + length);
    at += length;
    const lead = content[0]!;
    if (lead & 0x80) return null; // negative
    if (lead === 0 && (length === 1 || (content[1]! & 0x80) === 0)) return length === 1 ? 0n : null; // non-minimal
    return BigInt(`0x${content.toString('hex')}`);
  };
  if (bytes[at++] !== 0x30) return null;
  const total = readLength();
  if (total === null || at + total !== bytes.length) return null;
  const r = readInteger();
  const s = readInteger();
  if (r === null || s === null || at !== bytes.length) return null;
  return [r, s];
}
