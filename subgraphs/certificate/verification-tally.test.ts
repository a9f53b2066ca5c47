import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeDatabase } from '../kit/db.js';
import { migratedDatabase } from '../../test/support/subgraph.js';
import { verificationCounts } from './db/schema.js';
import { migrationsFolder } from './server.js';
import { VerificationTally, verificationOutcome } from './verification-tally.js';

/** Public verifications counted in memory and written a few seconds later, in one upsert. */
let database: NodeDatabase;

beforeAll(async () => {
  database = await migratedDatabase('verification_tally', [['certificate', migrationsFolder]]);
});
afterAll(() => database?.close());

const rows = () =>
  database.db
    .select()
    .from(verificationCounts)
    .orderBy(asc(verificationCounts.day), asc(verificationCounts.typeCode), asc(verificationCounts.outcome));

describe('VerificationTally', () => {
  it('adds the counts gathered to the day’s rows in one write, and again on the next flush', async () => {
    const tally = new VerificationTally(database.db, 60_000);
    tally.note('2026-11-01', 'T1', 'VALID');
    tally.note('2026-11-01', 'T1', 'VALID');
    tally.note('2026-11-01', 'T1', 'TAMPERED');
    tally.note('2026-11-02', '', 'NOT_FOUND');
    expect(await rows()).toEqual([]);
    await tally.flush();
    tally.note('2026-11-01', 'T1', 'VALID');
    await tally.flush();
    await tally.flush(); // nothing gathered: nothing written
    expect(await rows()).toEqual([
      { day: '2026-11-01', typeCode: 'T1', outcome: 'TAMPERED', count: 1 },
      { day: '2026-11-01', typeCode: 'T1', outcome: 'VALID', count: 3 },
      { day: '2026-11-02', typeCode: '', outcome: 'NOT_FOUND', count: 1 },
    ]);
  });

  it('keeps the counts it could not write for the next flush', async () => {
    let away = true;
    const flaky = new Proxy(database.db, {
      get(target, property) {
        if (property === 'insert' && away) return () => { throw new Error('database away'); };
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const tally = new VerificationTally(flaky, 60_000);
    tally.note('2026-11-03', 'T2', 'VALID');
    tally.note('2026-11-03', 'T2', 'VALID');
    await expect(tally.flush()).rejects.toThrow('database away');
    tally.note('2026-11-03', 'T2', 'VALID');
    away = false;
    await tally.flush();
    expect((await rows()).filter((row) => row.typeCode === 'T2')).toEqual([{ day: '2026-11-03', typeCode: 'T2', outcome: 'VALID', count: 3 }]);
  });

  it('names the outcome: a broken seal or digest first, then the status', () => {
    expect(verificationOutcome({ found: false, status: null, signatureValid: null, digestMatches: null })).toBe('NOT_FOUND');
    expect(verificationOutcome({ found: true, status: 'VALID', signatureValid: true, digestMatches: null })).toBe('VALID');
    expect(verificationOutcome({ found: true, status: 'VALID', signatureValid: true, digestMatches: false })).toBe('TAMPERED');
    expect(verificationOutcome({ found: true, status: 'REVOKED', signatureValid: false, digestMatches: true })).toBe('TAMPERED');
    expect(verificationOutcome({ found: true, status: 'EXPIRED', signatureValid: true, digestMatches: true })).toBe('NOT_VALID');
  });
});
