/**
 * SM2 signing (GM/T 0003.2 §6.1) with a fixed-base comb for k·G — the one costly step of a
 * signature. sm-crypto-v2 multiplies k·G with a generic window method, about 32 additions of
 * ~14 BigInt field multiplications each, plus two modular inversions per signature. Here:
 * - a table of the multiples 1·2^(8i)·G … 128·2^(8i)·G (33 windows × 128 affine points, built
 *   once on first use in ~0.2 s, ~0.4 MB), read with signed 8-bit digits: 33 mixed additions, no
 *   doublings (a mixed Jacobian + affine addition is ~11 multiplications);
 * - the affine x of k·G for a whole batch with one inversion (Montgomery's trick);
 * - Z (the signer ID's hash) and (1 + d)⁻¹ computed once per key;
 * - e = SM3(Z ‖ M) with OpenSSL's SM3 where Node has it.
 * About 4× the signatures per core. Verification stays with sm-crypto-v2 (see seal.ts), and
 * the tests check these signatures with sm-crypto-v2, the independent sm-crypto and OpenSSL,
 * and reproduce the GB/T 32918.5 example signature from its published k.
 *
 * Side channels: as in the libraries it replaces, BigInt arithmetic is not constant-time; a zero
 * digit still costs an addition (thrown away), so the number of additions does not depend on k.
 */
import { createHash, getHashes, randomBytes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';

/** The field prime p, the order n, the coefficient a = p − 3 and the base point of sm2p256v1. */
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const A = P - 3n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

const WINDOW = 8;
const HALF = 1 << (WINDOW - 1);
/** 33 windows: a signed digit may carry into a 257th bit. */
const WINDOWS = Math.ceil(257 / WINDOW);
const MASK = BigInt((1 << WINDOW) - 1);

const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

/** a⁻¹ mod m by the extended Euclidean algorithm; m prime, a not a multiple of m. */
function invert(a: bigint, m: bigint): bigint {
  let [r0, r1, x0, x1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [x0, x1] = [x1, x0 - q * x1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return mod(x0, m);
}

/** Every value's inverse mod m with one inversion (Montgomery's trick). */
function invertAll(values: readonly bigint[], m: bigint): bigint[] {
  const prefix: bigint[] = new Array<bigint>(values.length);
  let product = 1n;
  for (let i = 0; i < values.length; i++) {
    prefix[i] = product;
    product = (product * values[i]!) % m;
  }
  let inverse = invert(product, m);
  const out: bigint[] = new Array<bigint>(values.length);
  for (let i = values.length - 1; i >= 0; i--) {
    out[i] = (inverse * prefix[i]!) % m;
    inverse = (inverse * values[i]!) % m;
  }
  return out;
}

type Jacobian = [x: bigint, y: bigint, z: bigint];

/**
 * (X1, Y1, Z1) + (x2, y2) with the second point affine; null in the exceptional case of equal
 * or opposite x (a doubling or the point at infinity), which a caller resolves by a new k.
 */
function addMixed(X1: bigint, Y1: bigint, Z1: bigint, x2: bigint, y2: bigint): Jacobian | null {
  const Z1Z1 = (Z1 * Z1) % P;
  const U2 = (x2 * Z1Z1) % P;
  const S2 = (((y2 * Z1) % P) * Z1Z1) % P;
  const H = mod(U2 - X1, P);
  const R = mod(S2 - Y1, P);
  if (H === 0n) return null;
  const HH = (H * H) % P;
  const HHH = (H * HH) % P;
  const V = (X1 * HH) % P;
  const X3 = mod(R * R - HHH - 2n * V, P);
  const Y3 = mod(R * (V - X3) - Y1 * HHH, P);
  return [X3, Y3, (Z1 * H) % P];
}

function doubleAffine(x: bigint, y: bigint): [bigint, bigint] {
  const slope = mod((3n * x * x + A) * invert(2n * y, P), P);
  const x3 = mod(slope * slope - 2n * x, P);
  return [x3, mod(slope * (x - x3) - y, P)];
}

interface CombTable {
  xs: bigint[];
  ys: bigint[];
}

let table: CombTable | null = null;

/** j·2^(8i)·G for i < 33 and 1 ≤ j ≤ 128, affine, at [i·128 + j − 1]. */
function combTable(): CombTable {
  if (table) return table;
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  let [bx, by] = [GX, GY];
  for (let i = 0; i < WINDOWS; i++) {
    const multiples: Jacobian[] = [[bx, by, 1n], [...doubleAffine(bx, by), 1n]];
    for (let j = 2; j < HALF; j++) {
      const [X, Y, Z] = multiples[j - 1]!;
      const next = addMixed(X, Y, Z, bx, by);
      if (!next) throw new Error('comb table: exceptional addition'); // cannot happen below the order
      multiples.push(next);
    }
    const inverses = invertAll(
      multiples.map(([, , z]) => z),
      P,
    );
    multiples.forEach(([X, Y], j) => {
      const zi = inverses[j]!;
      const zi2 = (zi * zi) % P;
      xs.push((X * zi2) % P);
      ys.push((((Y * zi2) % P) * zi) % P);
    });
    // The next window's base: 2^8 times this one's = 2 × (128 × base).
    [bx, by] = doubleAffine(xs[xs.length - 1]!, ys[ys.length - 1]!);
  }
  table = { xs, ys };
  return table;
}

/** Builds the comb table now rather than at the first signature (a signing thread's start). */
export function prepareSigning(): void {
  combTable();
}

/** k·G in Jacobian coordinates, or null in an exceptional case (then draw another k). */
function multiplyBase(k: bigint): Jacobian | null {
  const { xs, ys } = combTable();
  let acc: Jacobian | null = null;
  let carry = 0;
  let rest = k;
  for (let i = 0; i < WINDOWS; i++) {
    let digit = Number(rest & MASK) + carry;
    rest >>= BigInt(WINDOW);
    carry = digit >= HALF ? 1 : 0;
    if (carry) digit -= 1 << WINDOW;
    // A zero digit adds window i's first point to a throw-away sum, costing what any digit costs.
    const at = i * HALF + Math.max(Math.abs(digit), 1) - 1;
    const x = xs[at]!;
    const y = digit < 0 ? P - ys[at]! : ys[at]!;
    if (acc === null) {
      if (digit !== 0) acc = [x, y, 1n];
      continue;
    }
    const sum = addMixed(acc[0], acc[1], acc[2], x, y);
    if (digit === 0) continue;
    if (sum === null) return null;
    acc = sum;
  }
  return carry ? null : acc;
}

const NATIVE_SM3 = getHashes().includes('sm3');

interface SigningKey {
  d: bigint;
  z: Uint8Array;
  /** (1 + d)⁻¹ mod n: as secret as d itself. */
  inverseOnePlusD: bigint;
}

const KEY_CACHE_LIMIT = 64;
const keys = new Map<string, SigningKey>();

/** The per-key constants; `dHex` is a valid private key (seal.ts checks before calling). */
function signingKey(dHex: string, signerId: string): SigningKey {
  const cacheKey = `${dHex}:${signerId}`;
  let key = keys.get(cacheKey);
  if (!key) {
    const d = BigInt(`0x${dHex}`);
    const publicKey = sm2.getPublicKeyFromPrivateKey(dHex);
    key = { d, z: sm2.getZ(publicKey, signerId), inverseOnePlusD: invert(1n + d, N) };
    // Bounded, and a retired key's constants leave with the oldest entries.
    if (keys.size >= KEY_CACHE_LIMIT) keys.delete(keys.keys().next().value!);
    keys.set(cacheKey, key);
  }
  return key;
}

/** e = SM3(Z ‖ M) as an integer. */
function digestE(z: Uint8Array, payload: string): bigint {
  const message = Buffer.from(payload, 'utf8');
  const hex = NATIVE_SM3 ? createHash('sm3').update(z).update(message).digest('hex') : sm3(Buffer.concat([z, message]));
  return BigInt(`0x${hex}`);
}

/** A uniformly random k in [1, n − 1] from the CSPRNG, by rejection. */
function randomScalar(): bigint {
  for (;;) {
    const k = BigInt(`0x${randomBytes(32).toString('hex')}`);
    if (k >= 1n && k < N) return k;
  }
}

/**
 * Signs each payload (UTF-8) with the private key `dHex` (64 hex digits, in [1, n − 2]) and the
 * signer ID: [r, s] per payload, in order. `nonces` fixes k — only for reproducing published
 * test vectors: a reused or predictable k gives the private key away.
 */
export function signBatch(dHex: string, payloads: readonly string[], signerId: string, nonces?: readonly bigint[]): Array<[bigint, bigint]> {
  const { d, z, inverseOnePlusD } = signingKey(dHex, signerId);
  const es = payloads.map((payload) => digestE(z, payload));
  const ks: bigint[] = [];
  const points: Jacobian[] = [];
  payloads.forEach((_payload, i) => {
    for (;;) {
      const k = nonces ? nonces[i]! : randomScalar();
      const point = multiplyBase(k);
      if (point) {
        ks.push(k);
        points.push(point);
        return;
      }
      if (nonces) throw new RangeError('the given k hits an exceptional case of the comb');
    }
  });
  const zInverses = invertAll(
    points.map(([, , zc]) => zc),
    P,
  );
  return points.map(([X], i) => {
    const zi = zInverses[i]!;
    const x1 = (X * ((zi * zi) % P)) % P;
    const k = ks[i]!;
    const r = (es[i]! + x1) % N;
    const s = mod(inverseOnePlusD * (k - r * d), N);
    // GM/T 0003.2 §6.1 A5, A6: start again with another k (never the same one).
    if (r === 0n || r + k === N || s === 0n) {
      if (nonces) throw new RangeError('the given k gives r = 0, r + k = n or s = 0');
      return signBatch(dHex, [payloads[i]!], signerId)[0]!;
    }
    return [r, s];
  });
}

/** k·G's affine x for tests against another implementation. @internal */
export function baseMultipleX(k: bigint): bigint | null {
  const point = multiplyBase(k);
  if (!point) return null;
  const zi = invert(point[2], P);
  return (point[0] * ((zi * zi) % P)) % P;
}
