import { randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { baseMultipleX, N, signBatch } from './sm2-sign.js';

/** k·G's x by sm-crypto-v2 (noble's generic multiplication), the reference. */
const referenceX = (k: bigint) => BigInt(`0x${sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0')).slice(2, 66)}`);

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
