/**
 * SM2 signing (GM/T 0003.2 §6.1) with a fixed-base comb for k·G — the one costly step of a
 * signature. sm-crypto-v2 multiplies k·G with a generic window method, about 32 additions of
 * ~14 BigInt field multiplications each, plus two modular inversions per signature. Here:
 * - a table of the odd multiples 1, 3, …, 255 × 2^(8i)·G for windows 0–30 and 1, 3, …, 511 ×
 *   2^248·G for window 31 (4,224 affine points, built once on first use in ~0.2 s, ~0.4 MB),
 *   read with signed odd 8-bit digits: 31 mixed additions, no doublings (a mixed Jacobian +
 *   affine addition is 11 multiplications);
 * - the affine x of k·G for a whole batch with one inversion (Montgomery's trick);
 * - Z (the signer ID's hash) and (1 + d)⁻¹ computed once per key;
 * - e = SM3(Z ‖ M) with OpenSSL's SM3 where Node has it.
 * About 4× the signatures per core. Verification stays with sm-crypto-v2 (see seal.ts), and
 * the tests check these signatures with sm-crypto-v2, the independent sm-crypto and OpenSSL,
 * and reproduce the GB/T 32918.5 example signature from its published k.
 *
 * Side channels: the comb does the same work for every k. k is recoded into odd signed digits
 * (Joye–Tunstall: k + n when k is even, which is the same point, then digits that are never
 * zero), so every signature reads 32 table points and does 31 mixed additions of 11 field
 * multiplications each, selecting a point's sign by arithmetic, not by a branch;
 * sm2-sign.test.ts counts the operations. Before, a k with low zero digits skipped
 * additions, so signing time told an observer how many low bytes of k were zero — the kind of
 * leak that lattice attacks turn into the private key. What remains is what the libraries it
 * replaces have too: BigInt arithmetic is not constant-time (its cost follows the size of the
 * values), and which table entry is read depends on k, visible to a cache-timing observer on
 * the same core. The exceptional addition (equal or opposite x) happens for one k in [1, n − 1]
 * only, 2^257 − 2^249 − n (its last addition is a doubling); it returns null and the signer
 * draws another k, so a signature never uses that k.
 */
import { createHash, getHashes, randomBytes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';

/** The field prime p, the order n (the one copy of it: seal.ts checks keys and signatures against it), the coefficient a = p − 3 and the base point of sm2p256v1. */
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const A = P - 3n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

const WINDOW = 8;
/**
 * 32 windows: k' < 2^257 leaves, after 31 signed odd digits of 8 bits, an odd remainder in
 * [1, 511], which is the last window's digit.
 */
const WINDOWS = 32;
/** Odd multiples in the table per window: 1, 3, …, 255 in windows 0–30; 1, 3, …, 511 in the last. */
const PER_WINDOW = 1 << (WINDOW - 1);
const IN_LAST_WINDOW = 1 << WINDOW;
/** A digit is (k' mod 2^9) − 2^8. */
const DIGIT_MASK = BigInt((1 << (WINDOW + 1)) - 1);
const DIGIT_OFFSET = 1 << WINDOW;

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

/** Work done so far by the comb, read by {@link baseMultipleWork}. */
export interface FieldWork {
  /** Mixed point additions (addMixed calls). */
  pointAdditions: number;
  /** Field multiplications (and squarings) mod p inside them. */
  multiplications: number;
  /** Points read from the comb table. */
  tableReads: number;
}

const work: FieldWork = { pointAdditions: 0, multiplications: 0, tableReads: 0 };

/** a·b, counted as a field multiplication; the caller reduces it mod p. */
function mul(a: bigint, b: bigint): bigint {
  work.multiplications++;
  return a * b;
}

type Jacobian = [x: bigint, y: bigint, z: bigint];

/**
 * (X1, Y1, Z1) + (x2, y2) with the second point affine: 11 field multiplications; null in the
 * exceptional case of equal or opposite x (a doubling or the point at infinity), which a caller
 * resolves by a new k. Differences are made non-negative by adding multiples of p rather than by
 * a branch on their sign; X3 and Y3 are each reduced once, products and differences together
 * (a reduction, a BigInt division, costs about as much as the multiplication).
 */
function addMixed(X1: bigint, Y1: bigint, Z1: bigint, x2: bigint, y2: bigint): Jacobian | null {
  work.pointAdditions++;
  const Z1Z1 = mul(Z1, Z1) % P;
  const U2 = mul(x2, Z1Z1) % P;
  const S2 = mul(mul(y2, Z1) % P, Z1Z1) % P;
  const H = (U2 - X1 + P) % P;
  const R = (S2 - Y1 + P) % P;
  if (H === 0n) return null;
  const HH = mul(H, H) % P;
  const HHH = mul(H, HH) % P;
  const V = mul(X1, HH) % P;
  // R² − H³ − 2V and R(V − X3) − Y1·H³, with p added so that no term goes below 0.
  const X3 = (mul(R, R) + 3n * P - HHH - 2n * V) % P;
  const Y3 = (mul(R, V - X3 + P) + mul(Y1, P - HHH)) % P;
  return [X3, Y3, mul(Z1, H) % P];
}

function doubleAffine(x: bigint, y: bigint): [bigint, bigint] {
  const slope = mod((3n * x * x + A) * invert(2n * y, P), P);
  const x3 = mod(slope * slope - 2n * x, P);
  return [x3, mod(slope * (x - x3) - y, P)];
}

function addAffine(x1: bigint, y1: bigint, x2: bigint, y2: bigint): [bigint, bigint] {
  const slope = mod((y2 - y1) * invert(x2 - x1, P), P);
  const x3 = mod(slope * slope - x1 - x2, P);
  return [x3, mod(slope * (x1 - x3) - y1, P)];
}

interface CombTable {
  xs: bigint[];
  ys: bigint[];
}

let table: CombTable | null = null;

/**
 * The odd multiples j·2^(8i)·G, affine: j = 1, 3, …, 255 for windows i < 31 at
 * [i·128 + (j − 1)/2], and j = 1, 3, …, 511 for window 31 after them — 4,224 points, as many as
 * the 33 windows of 128 multiples that the comb had before its digits became odd.
 */
function combTable(): CombTable {
  if (table) return table;
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  let [bx, by] = [GX, GY];
  for (let i = 0; i < WINDOWS; i++) {
    const count = i === WINDOWS - 1 ? IN_LAST_WINDOW : PER_WINDOW;
    const [tx, ty] = doubleAffine(bx, by);
    const multiples: Jacobian[] = [[bx, by, 1n]];
    for (let j = 1; j < count; j++) {
      const [X, Y, Z] = multiples[j - 1]!;
      // (2j + 1)·base = (2j − 1)·base + 2·base; equal x would need 2j + 1 ≡ ±2 mod n.
      const next = addMixed(X, Y, Z, tx, ty);
      if (!next) throw new Error('comb table: exceptional addition');
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
    if (i < WINDOWS - 1) {
      // The next window's base: 2^8 times this one's = 255·base + base.
      const top = i * PER_WINDOW + PER_WINDOW - 1;
      [bx, by] = addAffine(xs[top]!, ys[top]!, bx, by);
    }
  }
  table = { xs, ys };
  return table;
}

/** Builds the comb table now rather than at the first signature (a signing thread's start). */
export function prepareSigning(): void {
  combTable();
}

/**
 * k·G in Jacobian coordinates for k in [1, n − 1], or null in the exceptional case (then draw
 * another k). The same work for every k: k is recoded into 32 odd, hence non-zero, signed digits
 * (Joye–Tunstall), so every window adds one table point — the first one starts the sum, the 31
 * others are mixed additions — with no branch on a digit's value or sign.
 *
 * Before window i < 31 the sum is a·G with 0 < |a| < 2^(8i) ≤ |digit|·2^(8i), so a ± digit·2^(8i)
 * is neither 0 nor as large as n: those additions are never exceptional. In window 31 it is a
 * doubling for k = 2^257 − 2^249 − n alone (a = 255·2^248 − n).
 */
function multiplyBase(k: bigint): Jacobian | null {
  const { xs, ys } = combTable();
  // (k + n)·G = k·G and n is odd, so k' is odd; k' < 2n < 2^257. Arithmetic, not a branch.
  let rest = k + N * ((k & 1n) ^ 1n);
  let acc: Jacobian = [0n, 0n, 0n];
  for (let i = 0; i < WINDOWS; i++) {
    let at: number;
    let negative: number;
    if (i < WINDOWS - 1) {
      // rest is odd, so digit = (rest mod 2^9) − 2^8 is odd, in [−255, 255], and
      // (rest − digit) / 2^8 = 2·⌊rest / 2^9⌋ + 1 is odd again and 8 bits shorter.
      const digit = Number(rest & DIGIT_MASK) - DIGIT_OFFSET;
      rest = (rest - BigInt(digit)) >> BigInt(WINDOW);
      const sign = digit >> 31; // 0 or −1
      negative = -sign;
      at = i * PER_WINDOW + (((digit ^ sign) - sign) >> 1);
    } else {
      // What 31 digits leave of a k' < 2^257: odd and below 2^9.
      negative = 0;
      at = i * PER_WINDOW + (Number(rest) >> 1);
    }
    work.tableReads++;
    const x = xs[at]!;
    const y = ys[at]!;
    // y or p − y, selected by arithmetic on the sign rather than by a branch.
    const selected = y + BigInt(negative) * (P - 2n * y);
    if (i === 0) {
      acc = [x, selected, 1n];
      continue;
    }
    const sum = addMixed(acc[0], acc[1], acc[2], x, selected);
    if (sum === null) return null;
    acc = sum;
  }
  return acc;
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

/**
 * The point additions, field multiplications and table reads that computing k·G takes, for the
 * test that they do not depend on k. @internal
 */
export function baseMultipleWork(k: bigint): FieldWork {
  combTable();
  const before = { ...work };
  multiplyBase(k);
  return {
    pointAdditions: work.pointAdditions - before.pointAdditions,
    multiplications: work.multiplications - before.multiplications,
    tableReads: work.tableReads - before.tableReads,
  };
}
