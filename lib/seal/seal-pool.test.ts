import { readdirSync, readFileSync } from 'node:fs';
import { sm2 } from 'sm-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SealPool } from './seal-pool.js';
import { SIGNER_ID } from './seal.js';

const pool = new SealPool({ workers: 1, niceness: 10 });
afterAll(() => pool.close());

/** The nice value of each thread of this process (Linux keeps it per thread), from /proc. */
function threadNiceness(): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    // Fields after the command name: state is field 3; nice is field 19.
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    values.set(Number(tid), Number(fields[16]));
  }
  return values;
}

describe('a background signing pool', () => {
  it('signs on a thread at the nice value it was given, leaving the others alone, and its signatures verify', async () => {
    const { privateKey, publicKey } = sm2.generateKeyPairHex();
    const before = threadNiceness();
    await pool.warm();
    const payloads = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `350200-${i}`, type: 'CERTIFICATE_ISSUED' }));
    const signatures = await pool.sign(privateKey, payloads);
    payloads.forEach((payload, i) => expect(sm2.doVerifySignature(payload, signatures[i]!, publicKey, { der: true, hash: true, userId: SIGNER_ID })).toBe(true));
    const after = threadNiceness();
    const added = [...after].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
    expect(added).toContain(10);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  });
});
