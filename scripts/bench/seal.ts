/**
 * npm run bench:seal — SM2 seal and verify operations per second on one core, side by side in
 * one run: lib/seal as shipped (sm-crypto-v2 with cached public keys and precomputed
 * verification tables), sm-crypto-v2 called plainly, and the independent sm-crypto used by the
 * interoperability tests. Every implementation signs and verifies the same canonical JSON face of
 * a certificate with the signer ID 1234567812345678; rounds alternate between implementations so
 * that machine noise falls on all of them alike. Every signature is checked by another
 * implementation before timing starts.
 */
import { sm2 as referenceSm2 } from 'sm-crypto';
import { sm2 as smCryptoV2 } from 'sm-crypto-v2';
import { SIGNER_ID, canonicalJson, generateSealKey, signSeal, sm3Hex, verifySeal } from '../../lib/seal/seal.js';
import { writeResults } from './results.js';

const SECONDS_PER_ROUND = Number(process.env['BENCH_SECONDS'] ?? 1);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

const payload = canonicalJson({
  id: '1.2.156.3005.2.11100000000013127D001.91350100M000100Y43.BENCH-000001.001.K',
  number: 'BENCH-000001',
  typeCode: '11100000000013127D001',
  holder: { kind: 'ORGANIZATION', code: '91350100M000100Y43', name: '福州市示例科技有限公司' },
  issuer: { code: '11350100003619378K', name: '福州市市场监督管理局' },
  issuedOn: '2025-06-01',
  validFrom: '2025-06-01',
  validUntil: '2030-05-31',
  items: { registeredCapital: '1000万元人民币', legalRepresentative: '张三', address: '福建省福州市鼓楼区五四路 1 号' },
});

interface Implementation {
  name: string;
  sign: () => string;
  verify: (signature: string) => boolean;
}

const key = generateSealKey();
const options = { hash: true, der: true, userId: SIGNER_ID, publicKey: key.publicKey };

const implementations: Implementation[] = [
  {
    name: 'lib/seal (own comb signing, sm-crypto-v2 verifying with cached tables)',
    sign: () => signSeal(key.privateKey, payload),
    verify: (signature) => verifySeal(key.publicKey, payload, signature),
  },
  {
    name: 'sm-crypto-v2, plain calls',
    sign: () => smCryptoV2.doSignature(payload, key.privateKey, options),
    verify: (signature) => smCryptoV2.doVerifySignature(payload, signature, key.publicKey, options),
  },
  {
    name: 'sm-crypto (independent, jsbn)',
    sign: () => referenceSm2.doSignature(payload, key.privateKey, options),
    verify: (signature) => referenceSm2.doVerifySignature(payload, signature, key.publicKey, options),
  },
];

/** Runs `op` for about `seconds` and returns how many it did and the milliseconds taken. */
function timed(op: () => unknown, seconds: number): { count: number; ms: number } {
  const start = performance.now();
  const until = start + seconds * 1000;
  let count = 0;
  let now = start;
  while (now < until) {
    op();
    count++;
    if ((count & 3) === 0 || count < 4) now = performance.now();
  }
  return { count, ms: performance.now() - start };
}

// Every implementation's signature must verify with the others before any number counts.
const samples = implementations.map((impl) => impl.sign());
for (const [i, signature] of samples.entries()) {
  for (const other of implementations) {
    if (!other.verify(signature)) throw new Error(`${other.name} rejects a signature of ${implementations[i]!.name}`);
  }
}

const totals = implementations.map(() => ({ sign: { count: 0, ms: 0 }, verify: { count: 0, ms: 0 } }));
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, impl] of implementations.entries()) {
    const signature = samples[i]!;
    const sign = timed(impl.sign, SECONDS_PER_ROUND);
    const verify = timed(() => impl.verify(signature), SECONDS_PER_ROUND);
    const total = totals[i]!;
    total.sign.count += sign.count;
    total.sign.ms += sign.ms;
    total.verify.count += verify.count;
    total.verify.ms += verify.ms;
  }
}

const digest = timed(() => sm3Hex(payload), SECONDS_PER_ROUND);
const rows = implementations.map((impl, i) => {
  const total = totals[i]!;
  return {
    implementation: impl.name,
    signPerSecond: Math.round((total.sign.count * 1000) / total.sign.ms),
    verifyPerSecond: Math.round((total.verify.count * 1000) / total.verify.ms),
  };
});

console.log(`payload: ${Buffer.byteLength(payload)} bytes of canonical JSON; ${ROUNDS} rounds × ${SECONDS_PER_ROUND} s per operation, one core`);
console.table(rows);
console.log(`SM3 of the payload (lib/seal sm3Hex): ${Math.round((digest.count * 1000) / digest.ms)} ops/s`);
writeResults('seal', {
  payloadBytes: Buffer.byteLength(payload),
  rounds: ROUNDS,
  secondsPerRound: SECONDS_PER_ROUND,
  implementations: rows,
  sm3PerSecond: Math.round((digest.count * 1000) / digest.ms),
});
