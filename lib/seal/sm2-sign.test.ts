import { randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { baseMultipleWork, baseMultipleX, N, signBatch } from './sm2-sign.js';

/** k·G's x by sm-crypto-v2 (noble's generic multiplication), the reference. */
const referenceX = (k: bigint) => BigInt(`0x${sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0')).slice(2, 66)}`);

const randomK = () => (BigInt(`0x${randomBytes(32).toString('hex')}`) % (N - 1n)) + 1n;

/** The k of the GB/T 32918.5 example signature (lib/seal.test.ts reproduces it). */
const PUBLISHED_K = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;

/** The one k in [1, n − 1] whose last comb addition is a doubling (see sm2-sign.ts). */
const EXCEPTIONAL_K = (1n << 257n) - (1n << 249n) - N;

/** One table read per window; 31 mixed additions of 11 field multiplications each. */
const COMB_WORK = { pointAdditions: 31, multiplications: 31 * 11, tableReads: 32 };

describe('the fixed-base comb', () => {
  it('gives the same k·G as noble for edge values of k: digit boundaries, carries, n − 1', () => {
    const edges = [1n, 2n, 3n, 127n, 128n, 129n, 255n, 256n, 257n, 0x80n << 248n, (1n << 255n) + 1n, (1n << 256n) - 1n - (1n << 224n), N - 2n, N - 1n];
    for (const k of edges) {
      if (k >= N) continue;
      expect(baseMultipleX(k), `k = ${k.toString(16)}`).toBe(referenceX(k));
    }
  });

  it('gives the same k·G as noble for 100 random k, and for k whose digits are all 0 or all -1', () => {
    const ks = Array.from({ length: 100 }, () => BigInt(`0x${randomBytes(32).toString('hex')}`) % (N - 1n) + 1n);
    ks.push(BigInt(`0x${'80'.repeat(31)}01`), BigInt(`0x${'ff'.repeat(30)}`), 1n << 200n);
    for (const k of ks) expect(baseMultipleX(k), `k = ${k.toString(16)}`).toBe(referenceX(k));
  });

  it('gives the same k·G as noble around the odd recoding: even k (k + n), 9-bit digits, long carries, the top window', () => {
    const ks = [
      (1n << 8n) - 1n,
      1n << 8n,
      (1n << 8n) + 1n,
      (1n << 9n) - 1n,
      1n << 9n,
      (1n << 9n) + 1n,
      1n << 64n,
      (1n << 64n) - 1n,
      (1n << 64n) + 1n,
      BigInt(`0x${'01'.padEnd(64, '0')}`),
      BigInt(`0x${'0100'.repeat(16)}`),
      BigInt(`0x${'ff00'.repeat(16)}`),
      BigInt(`0x${'00ff'.repeat(16)}`),
      BigInt(`0x${'80'.repeat(32)}`),
      BigInt(`0x${'7f'.repeat(32)}`),
      1n << 248n,
      (1n << 248n) - 1n,
      (1n << 255n) - 1n,
      1n << 255n,
      N - 3n,
      N - 256n,
      N - 257n,
      EXCEPTIONAL_K - 2n,
      EXCEPTIONAL_K - 1n,
      EXCEPTIONAL_K + 1n,
      EXCEPTIONAL_K + 2n,
      PUBLISHED_K,
    ];
    for (const k of ks) expect(baseMultipleX(k), `k = ${k.toString(16)}`).toBe(referenceX(k));
  });

  it('does the same point additions, field multiplications and table reads for every k, whether its low digits are zero or not', () => {
    const zeroLowDigits = [1n, 2n, 1n << 8n, 1n << 16n, 1n << 64n, 1n << 200n, BigInt(`0x${'01'.padEnd(64, '0')}`), BigInt(`0x${'0100'.repeat(16)}`)];
    const nonZeroLowDigits = [3n, 255n, 0x1234n, BigInt(`0x${'ff'.repeat(31)}`), BigInt(`0x${'7f'.repeat(32)}`), N - 1n, N - 2n, PUBLISHED_K];
    const random = Array.from({ length: 100 }, randomK);
    for (const k of [...zeroLowDigits, ...nonZeroLowDigits, ...random]) {
      expect(baseMultipleWork(k), `k = ${k.toString(16)}`).toEqual(COMB_WORK);
    }
  });

  it('gives no point for the one k whose last addition would be a doubling, so the signer draws another', () => {
    expect(EXCEPTIONAL_K > 0n && EXCEPTIONAL_K < N).toBe(true);
    expect(baseMultipleX(EXCEPTIONAL_K)).toBeNull();
    const { privateKey } = sm2.generateKeyPairHex();
    expect(() => signBatch(privateKey, ['x'], '1234567812345678', [EXCEPTIONAL_K])).toThrow(/exceptional case/);
  });

  it('signs a batch whose signatures each verify with sm-crypto-v2, with fresh k every time', () => {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    const payloads = Array.from({ length: 40 }, (_, i) => `{"n":${i},"名称":"证照"}`);
    const signatures = signBatch(privateKey, payloads, '1234567812345678');
    signatures.forEach(([r, s], i) => {
      const hex = r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
      expect(sm2.doVerifySignature(payloads[i]!, hex, publicKey, { hash: true, der: false, userId: '1234567812345678' })).toBe(true);
    });
    expect(new Set(signatures.map(([r]) => r)).size).toBe(payloads.length);
  });
});
