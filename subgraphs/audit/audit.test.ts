import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentId, uscc } from '../../test/support/fixtures.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { createLegalEntitySubgraph, migrationsFolder as legalEntityMigrations } from '../legal-entity/server.js';
import { registerLegalEntity } from '../legal-entity/service.js';
import type { NodeDatabase } from '../kit/db.js';
import type { HubContextClaims, Principal } from '../../lib/principal.js';
import { accessRecords } from './db/schema.js';
import { freshKeyRing, TEST_AUDIT_KEYS, testNode } from '../../test/support/secrets.js';
import { appendAuditRecords, AuditRecorder, canonicalRecord, GENESIS_HASH, recordHash, type AuditEntry, type HashedColumns } from './log.js';
import { anchorsOf, chainHead, keyLegacyChain, recordAnchor, verifyAuditChain } from './verify.js';
import { decodeAccessCursor, encodeAccessCursor, readAccessLog } from './access-log.js';
import { hmacHex } from '../kit/secret-keys.js';
import type { AccessRecordRow } from './db/schema.js';

const KEY = TEST_AUDIT_KEYS.current;
/** The chain of `node` under the test audit key. */
const chainOf = (node: string) => ({ node, key: KEY });
/** Verifies `node`'s chain with the test keys and no anchors. */
const verify = (node: string, batchSize?: number) => verifyAuditChain(database.db, node, TEST_AUDIT_KEYS, null, batchSize);
const INTACT = { intact: true, firstBrokenSeq: null, reason: null };

let database: NodeDatabase;

beforeAll(async () => {
  database = await migratedDatabase('audit_unit', [['legal-entity', legalEntityMigrations]]);
});
afterAll(() => database?.close());

const AUDITOR = agency(uscc('11', '350000', 9001), 'auditor');
const CONSUMER_CODE = uscc('11', '350100', 9002);
const CONSUMER = agency(CONSUMER_CODE, 'consumer');
const CONSUMER_NAME = `agency ${CONSUMER_CODE}`;
const HOLDER = residentId('350102', '19880808', 21);

let requests = 0;
/** One request's entries about `count` holders, as the recorder would hand them over. */
function entries(count: number, fields = ['holderName']): AuditEntry[] {
  const requestId = `request-${++requests}`;
  return Array.from({ length: count }, (_, i) => ({
    actor: CONSUMER_CODE,
    actorKind: 'agency' as const,
    actorName: CONSUMER_NAME,
    purpose: '公积金提取',
    requestId,
    clientRequestId: null,
    certificateId: null,
    holderCode: residentId('350102', '19880808', 100 + i),
    fields,
    detail: null,
    caseNumber: null,
    consentId: null,
  }));
}

/** The node's records in chain order. */
const chain = (node: string) => database.db.select().from(accessRecords).where(eq(accessRecords.node, node)).orderBy(asc(accessRecords.seq));

describe('the recorder', () => {
  const recorder = () => new AuditRecorder({ chain: chainOf('350200'), principal: CONSUMER, purpose: 'P-1', requestId: 'r-1' });

  it('merges the entries of one certificate into one record with the union of fields, the holder taken from any of them', () => {
    const audit = recorder();
    audit.record({ certificateId: 'C1' }, ['items.idNumber']);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName', 'items.name']);
    audit.record({ certificateId: 'C2', holderCode: HOLDER }, ['holderCode']);
    const request = {
      actor: CONSUMER_CODE,
      actorKind: 'agency',
      actorName: CONSUMER_NAME,
      purpose: 'P-1',
      requestId: 'r-1',
      clientRequestId: null,
      detail: null,
      caseNumber: null,
      consentId: null,
    };
    expect(audit.take()).toEqual([
      { ...request, certificateId: 'C1', holderCode: HOLDER, fields: ['holderName', 'items.idNumber', 'items.name'] },
      { ...request, certificateId: 'C2', holderCode: HOLDER, fields: ['holderCode'] },
    ]);
    expect(audit.take()).toEqual([]);
  });

  it('writes no record for an entry that names only whom it is about', () => {
    const audit = recorder();
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, []);
    expect(audit.take()).toEqual([]);
  });

  it('records a holder reading about itself as the holder, and the public as the public', () => {
    const self: Principal = { kind: 'holder', code: HOLDER, holderKind: 'PERSON', name: null };
    const holder = new AuditRecorder({ chain: chainOf('350200'), principal: self, purpose: null, requestId: 'r' });
    holder.record({ holderCode: HOLDER }, ['holderName']);
    expect(holder.take()[0]).toMatchObject({ actor: HOLDER, actorKind: 'holder', actorName: null, purpose: null });
    const anyone = new AuditRecorder({ chain: chainOf('350200'), principal: { kind: 'public' }, purpose: null, requestId: 'r' });
    anyone.recordChange('verify', {});
    expect(anyone.take()[0]).toMatchObject({ actor: 'public', actorKind: 'public', actorName: null, fields: ['verify'] });
    const gateway = new AuditRecorder({ chain: chainOf('350200'), principal: { kind: 'service', code: 'gateway' }, purpose: null, requestId: 'r' });
    gateway.recordChange('anchorAuditChains', {});
    expect(gateway.take()[0]).toMatchObject({ actor: 'gateway', actorKind: 'service', actorName: null });
  });
});

describe('the chain', () => {
  it('links every record to the one before, starting from the genesis hash, and verifies intact', async () => {
    await appendAuditRecords(database.db, chainOf('A1'), entries(3));
    await appendAuditRecords(database.db, chainOf('A1'), entries(2, ['items.idNumber', 'items.name']));
    const rows = await chain('A1');
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.forEach((row, i) => {
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]!.hash);
      expect(row.hash).toBe(recordHash(KEY, row.prevHash, row));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(await verify('A1')).toMatchObject({ node: 'A1', records: 5, ...INTACT, lastSeq: rows[4]!.seq, lastHash: rows[4]!.hash });
  });

  it('one request is one INSERT: all its records share the request id and the instant', async () => {
    await appendAuditRecords(database.db, chainOf('A2'), entries(4));
    const rows = await chain('A2');
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(1);
    expect(new Set(rows.map((row) => row.at.toISOString())).size).toBe(1);
  });

  it('an empty node verifies intact with no records', async () => {
    expect(await verify('EMPTY')).toMatchObject({ node: 'EMPTY', records: 0, ...INTACT, lastSeq: null, lastHash: null });
  });

  it("an UPDATE of one record's fields is detected at that record", async () => {
    for (let i = 0; i < 4; i++) await appendAuditRecords(database.db, chainOf('B1'), entries(1));
    const rows = await chain('B1');
    const target = rows[2]!;
    await database.db.update(accessRecords).set({ fields: ['holderName', 'status'] }).where(eq(accessRecords.seq, target.seq));
    const status = await verify('B1');
    expect(status).toMatchObject({ node: 'B1', records: 4, intact: false, firstBrokenSeq: target.seq });
    expect(status.reason).toContain('changed');
  });

  it('an UPDATE that also recomputes the hash is detected at the next record', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, chainOf('B2'), entries(1));
    const [first, second] = await chain('B2');
    const forged = { ...first!, purpose: '另一个事由' };
    await database.db
      .update(accessRecords)
      .set({ purpose: forged.purpose, hash: recordHash(KEY, forged.prevHash, forged) })
      .where(eq(accessRecords.seq, first!.seq));
    expect(await verify('B2')).toMatchObject({ intact: false, firstBrokenSeq: second!.seq });
  });

  it('a DELETE of a middle record is detected at the record after it', async () => {
    for (let i = 0; i < 5; i++) await appendAuditRecords(database.db, chainOf('C1'), entries(1));
    const rows = await chain('C1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[2]!.seq));
    const status = await verify('C1');
    expect(status).toMatchObject({ node: 'C1', records: 4, intact: false, firstBrokenSeq: rows[3]!.seq });
    expect(status.reason).toContain(`record ${rows[2]!.seq} was deleted`);
  });

  it('a DELETE of the first record is detected at the new first', async () => {
    for (let i = 0; i < 2; i++) await appendAuditRecords(database.db, chainOf('C2'), entries(1));
    const rows = await chain('C2');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[0]!.seq));
    expect(await verify('C2')).toMatchObject({ intact: false, firstBrokenSeq: rows[1]!.seq });
  });

  it('without anchors a truncated tail is not detectable: the shorter chain is valid in itself', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, chainOf('C3'), entries(1));
    const rows = await chain('C3');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[2]!.seq));
    expect(await verify('C3')).toMatchObject({ records: 2, intact: true, anchorsAvailable: false });
  });

  it('a record deleted and every later hash recomputed without the audit key is detected at the first recomputed record', async () => {
    for (let i = 0; i < 4; i++) await appendAuditRecords(database.db, chainOf('K1'), entries(1));
    const rows = await chain('K1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[1]!.seq));
    // What the review did to the unkeyed chain: relink the rest with hashes it can compute (plain SHA-256, or a guessed key).
    const guessed = freshKeyRing().current;
    let previous = rows[0]!.hash;
    for (const row of rows.slice(2)) {
      const hash = recordHash(guessed, previous, row);
      await database.db.update(accessRecords).set({ prevHash: previous, hash }).where(eq(accessRecords.seq, row.seq));
      previous = hash;
    }
    const status = await verify('K1');
    expect(status).toMatchObject({ intact: false, firstBrokenSeq: rows[2]!.seq });
    expect(status.reason).toContain('changed');
  });

  it('a record without a key, or with a key the node does not hold, is not accepted as the node\'s', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, chainOf('K2'), entries(1));
    const rows = await chain('K2');
    await database.db.update(accessRecords).set({ keyId: null }).where(eq(accessRecords.seq, rows[1]!.seq));
    expect(await verify('K2')).toMatchObject({ intact: false, firstBrokenSeq: rows[1]!.seq, reason: expect.stringContaining('not keyed') });
    const other = freshKeyRing().current;
    await appendAuditRecords(database.db, { node: 'K3', key: other }, entries(1));
    expect(await verify('K3')).toMatchObject({ intact: false, reason: expect.stringContaining(`audit key ${other.id}`) });
  });

  it('an earlier audit key of the ring still verifies the records it made', async () => {
    const old = freshKeyRing().current;
    await appendAuditRecords(database.db, { node: 'K4', key: old }, entries(2));
    await appendAuditRecords(database.db, chainOf('K4'), entries(1));
    const ring = { current: KEY, all: [KEY, old] };
    expect(await verifyAuditChain(database.db, 'K4', ring, null)).toMatchObject({ records: 3, ...INTACT });
  });
  it('verification reads in batches and still sees every link', async () => {
    for (let i = 0; i < 7; i++) await appendAuditRecords(database.db, chainOf('D1'), entries(1));
    expect(await verify('D1', 3)).toMatchObject({ records: 7, intact: true });
    const rows = await chain('D1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[3]!.seq));
    expect(await verify('D1', 3)).toMatchObject({ records: 6, intact: false, firstBrokenSeq: rows[4]!.seq });
  });

  it('concurrent appends queue on the chain lock and keep the chain valid', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAuditRecords(database.db, chainOf('E1'), entries(1 + (i % 3)))));
    const status = await verify('E1');
    expect(status).toMatchObject({ node: 'E1', records: 39, ...INTACT });
    // One request's records are contiguous: no other append slipped between them.
    const rows = await chain('E1');
    const runs = rows.map((row) => row.requestId).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('each node chains its own records, also in a shared table', async () => {
    await Promise.all([appendAuditRecords(database.db, chainOf('F1'), entries(2)), appendAuditRecords(database.db, chainOf('F2'), entries(2))]);
    await appendAuditRecords(database.db, chainOf('F1'), entries(1));
    expect(await verify('F1')).toMatchObject({ records: 3, intact: true });
    expect(await verify('F2')).toMatchObject({ records: 2, intact: true });
  });
});

describe('anchors', () => {
  it('a truncated tail is detected against an anchor kept of a later head', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, chainOf('N1'), entries(1));
    const head = await chainHead(database.db, 'N1');
    await recordAnchor(database.db, 'N1', head!);
    const rows = await chain('N1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[2]!.seq));
    const status = await verifyAuditChain(database.db, 'N1', TEST_AUDIT_KEYS, await anchorsOf(database.db, 'N1'));
    expect(status).toMatchObject({ records: 2, intact: false, firstBrokenSeq: rows[1]!.seq + 1, anchorsChecked: 1, anchorsAvailable: true });
    expect(status.reason).toContain(`anchored at record ${rows[2]!.seq}`);
  });

  it('a chain rewritten by someone holding the audit key is detected against its anchors', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, chainOf('N2'), entries(1));
    await recordAnchor(database.db, 'N2', (await chainHead(database.db, 'N2'))!);
    const rows = await chain('N2');
    // An insider with the key rewrites the middle record and relinks the rest: every link holds.
    let previous = rows[0]!.hash;
    for (const row of rows.slice(1)) {
      const rewritten = { ...row, purpose: row === rows[1] ? '另一个事由' : row.purpose };
      const hash = recordHash(KEY, previous, rewritten);
      await database.db.update(accessRecords).set({ purpose: rewritten.purpose, prevHash: previous, hash }).where(eq(accessRecords.seq, row.seq));
      previous = hash;
    }
    expect(await verify('N2')).toMatchObject({ intact: true });
    const status = await verifyAuditChain(database.db, 'N2', TEST_AUDIT_KEYS, await anchorsOf(database.db, 'N2'));
    expect(status).toMatchObject({ intact: false, firstBrokenSeq: rows[2]!.seq, reason: expect.stringContaining('rewritten') });
  });

  it('anchoring the same head again confirms it; a new head adds an anchor; the latest confirmation is the last anchor time', async () => {
    await appendAuditRecords(database.db, chainOf('N3'), entries(1));
    const first = await recordAnchor(database.db, 'N3', (await chainHead(database.db, 'N3'))!, new Date('2026-11-01T00:00:00Z'));
    const again = await recordAnchor(database.db, 'N3', (await chainHead(database.db, 'N3'))!, new Date('2026-11-01T00:01:00Z'));
    expect(again).toMatchObject({ seq: first.seq, anchoredAt: first.anchoredAt });
    expect(again.confirmedAt.toISOString()).toBe('2026-11-01T00:01:00.000Z');
    await appendAuditRecords(database.db, chainOf('N3'), entries(1));
    await recordAnchor(database.db, 'N3', (await chainHead(database.db, 'N3'))!, new Date('2026-11-01T00:02:00Z'));
    const status = await verifyAuditChain(database.db, 'N3', TEST_AUDIT_KEYS, await anchorsOf(database.db, 'N3'));
    expect(status).toMatchObject({ ...INTACT, anchorsChecked: 2, lastAnchorAt: '2026-11-01T00:02:00.000Z' });
  });
});

describe('a chain written before the log was keyed', () => {
  /** Rows as the unkeyed log wrote them: SHA-256 of the previous hash and the old canonical form, no key id. */
  async function writeLegacy(node: string, count: number) {
    let previous = GENESIS_HASH;
    for (let i = 0; i < count; i++) {
      const row = { at: new Date(Date.UTC(2025, 0, 1, 0, i)), actor: CONSUMER_CODE, actorKind: 'agency' as const, purpose: '旧事由', certificateId: null, holderCode: HOLDER, fields: ['holderName'], requestId: `legacy-${i}`, node };
      const hash = createHash('sha256')
        .update(previous)
        .update(JSON.stringify([row.at.toISOString(), row.actor, row.actorKind, row.purpose, row.certificateId, row.holderCode, row.fields, row.requestId, row.node]))
        .digest('hex');
      await database.db.insert(accessRecords).values({ ...row, prevHash: previous, hash });
      previous = hash;
    }
  }

  it('is keyed at the node\'s start when intact, and verifies with the audit key after', async () => {
    await writeLegacy('L1', 5);
    expect(await verify('L1')).toMatchObject({ intact: false, reason: expect.stringContaining('not keyed') });
    expect(await keyLegacyChain(database.db, chainOf('L1'), 2)).toEqual({ keyed: 5, broken: null });
    await appendAuditRecords(database.db, chainOf('L1'), entries(1));
    expect(await verify('L1')).toMatchObject({ records: 6, ...INTACT });
    expect(await keyLegacyChain(database.db, chainOf('L1'))).toEqual({ keyed: 0, broken: null });
  });

  it('is left as it is when already broken, and shows as not written by the node', async () => {
    await writeLegacy('L2', 4);
    const rows = await chain('L2');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[1]!.seq));
    const outcome = await keyLegacyChain(database.db, chainOf('L2'));
    expect(outcome.keyed).toBe(0);
    expect(outcome.broken).toContain(`record ${rows[2]!.seq}`);
    expect((await chain('L2')).every((row) => row.keyId === null)).toBe(true);
    expect(await verify('L2')).toMatchObject({ intact: false, firstBrokenSeq: rows[0]!.seq });
  });
});

/**
 * Appends one record to `node`'s chain at the instant `at`, chained and keyed as the writer does:
 * for records of several nodes at one instant, and for a clock set back (a later seq, an earlier `at`).
 */
async function appendAt(node: string, at: Date, entry: AuditEntry): Promise<void> {
  const prevHash = (await chainHead(database.db, node))?.hash ?? GENESIS_HASH;
  const columns: HashedColumns = { ...entry, at, node };
  await database.db.insert(accessRecords).values({ ...columns, prevHash, hash: recordHash(KEY, prevHash, columns), keyId: KEY.id });
}

/**
 * Appends a record as an older log wrote it: its keyed hash made over the canonical form of
 * that time — the eleven columns every form has, then `more` — computed here, not with the code
 * under test.
 */
async function appendInOldForm(node: string, at: Date, old: Omit<AuditEntry, 'caseNumber' | 'consentId' | 'actorName'> & { actorName?: string | null }, more: unknown[]): Promise<void> {
  const prevHash = (await chainHead(database.db, node))?.hash ?? GENESIS_HASH;
  const canonical = JSON.stringify([
    at.toISOString(),
    old.actor,
    old.actorKind,
    old.purpose,
    old.certificateId,
    old.holderCode,
    old.fields,
    old.requestId,
    node,
    old.clientRequestId,
    old.detail,
    ...more,
  ]);
  await database.db.insert(accessRecords).values({ ...old, at, node, prevHash, hash: hmacHex(KEY, prevHash, canonical), keyId: KEY.id });
}

/** A record as the log wrote it before names were recorded: no actor_name (as the migration leaves every older row), eleven elements. */
async function appendUnnamed(node: string, at: Date, entry: AuditEntry): Promise<void> {
  const { actorName: _none, caseNumber: _case, consentId: _consent, ...old } = entry;
  await appendInOldForm(node, at, old, []);
}

describe("the actor's name", () => {
  it("is kept as the actor's token gave it, and the hash covers it: changing or clearing it breaks the chain at that record", async () => {
    const audit = new AuditRecorder({ chain: chainOf('G1'), principal: CONSUMER, purpose: 'P-1', requestId: 'r-1' });
    audit.record({ holderCode: HOLDER }, ['holderName']);
    await appendAuditRecords(database.db, chainOf('G1'), audit.take());
    await appendAuditRecords(database.db, chainOf('G1'), entries(2));
    const rows = await chain('G1');
    expect(rows.map((row) => row.actorName)).toEqual([CONSUMER_NAME, CONSUMER_NAME, CONSUMER_NAME]);
    expect(await verify('G1')).toMatchObject({ records: 3, ...INTACT });
    for (const actorName of ['另一个机关', null]) {
      await database.db.update(accessRecords).set({ actorName }).where(eq(accessRecords.seq, rows[1]!.seq));
      expect(await verify('G1')).toMatchObject({ intact: false, firstBrokenSeq: rows[1]!.seq, reason: expect.stringContaining('changed') });
    }
  });

  it('records written before names were recorded still verify, in one chain with named records after them', async () => {
    for (const [i, entry] of entries(3).entries()) await appendUnnamed('G2', new Date(Date.UTC(2025, 5, 1, 0, i)), entry);
    await appendAuditRecords(database.db, chainOf('G2'), entries(2));
    const rows = await chain('G2');
    expect(rows.map((row) => row.actorName)).toEqual([null, null, null, CONSUMER_NAME, CONSUMER_NAME]);
    expect(await verify('G2')).toMatchObject({ records: 5, ...INTACT });
    // Naming an old record afterwards is an edit like any other.
    await database.db.update(accessRecords).set({ actorName: CONSUMER_NAME }).where(eq(accessRecords.seq, rows[0]!.seq));
    expect(await verify('G2')).toMatchObject({ intact: false, firstBrokenSeq: rows[0]!.seq });
  });
});

/** A named record as the log wrote it before case numbers and consents were recorded: twelve elements. */
async function appendNamedBefore(node: string, at: Date, entry: AuditEntry): Promise<void> {
  const { caseNumber: _case, consentId: _consent, ...old } = entry;
  await appendInOldForm(node, at, old, [old.actorName]);
}

describe('the case number (办件号) and the consent (授权用证)', () => {
  const CASE = '2026-FZ-000123';
  const withCase = (caseNumber: string | null) =>
    new AuditRecorder({ chain: chainOf('350200'), principal: CONSUMER, purpose: 'P-1', requestId: 'r-1', caseNumber });

  it("every record of a request carries the request's case number, null without one", () => {
    const audit = withCase(CASE);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    audit.record({ holderCode: HOLDER }, ['legalRepresentative']);
    expect(audit.take().map((entry) => entry.caseNumber)).toEqual([CASE, CASE]);
    const none = withCase(null);
    none.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    expect(none.take()[0]).toMatchObject({ caseNumber: null, consentId: null });
  });

  it("a resolver's case number replaces the request's for every record not yet written; a bad one is BAD_USER_INPUT naming the argument", () => {
    const audit = withCase(CASE);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    expect(audit.useCaseNumber(undefined)).toBe(CASE);
    expect(audit.useCaseNumber(null)).toBe(CASE);
    for (const [bad, field] of [
      ['2026-FZ\n000124', 'caseNumber'],
      ['x'.repeat(65), 'caseNumber'],
      ['  ', 'input.caseNumber'],
    ] as const) {
      expect(() => audit.useCaseNumber(bad, field), JSON.stringify(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }));
    }
    expect(audit.caseNumber).toBe(CASE);
    expect(audit.useCaseNumber(' 2026-FZ-000124 ')).toBe('2026-FZ-000124');
    audit.record({ certificateId: 'C2', holderCode: HOLDER }, ['holderName']);
    expect(audit.take().map((entry) => entry.caseNumber)).toEqual(['2026-FZ-000124', '2026-FZ-000124']);
  });

  it("a subject's record carries the consent its fields were read under: merged with its other entries, the first consent named stays", () => {
    const audit = withCase(null);
    audit.record({ certificateId: 'C1' }, ['items.idNumber'], { consentId: 'CONSENT-1' });
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderCode'], { consentId: null });
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['items.name'], { consentId: 'CONSENT-9' });
    audit.record({ certificateId: 'C2', holderCode: HOLDER }, ['holderName']);
    audit.record({ certificateId: 'C3', holderCode: HOLDER }, ['holderName']);
    audit.record({ certificateId: 'C3' }, ['items.name'], { consentId: 'CONSENT-3' });
    expect(audit.take().map(({ certificateId, fields, consentId }) => ({ certificateId, fields, consentId }))).toEqual([
      { certificateId: 'C1', fields: ['holderCode', 'holderName', 'items.idNumber', 'items.name'], consentId: 'CONSENT-1' },
      { certificateId: 'C2', fields: ['holderName'], consentId: null },
      { certificateId: 'C3', fields: ['holderName', 'items.name'], consentId: 'CONSENT-3' },
    ]);
  });

  it('records without them keep the canonical forms their hashes were made over; with either, the name and both follow', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const base: HashedColumns = {
      at,
      actor: CONSUMER_CODE,
      actorKind: 'agency',
      purpose: 'P-1',
      certificateId: 'C1',
      holderCode: HOLDER,
      fields: ['holderName'],
      requestId: 'r-1',
      node: 'N',
      clientRequestId: null,
      detail: null,
    };
    const eleven = [at.toISOString(), CONSUMER_CODE, 'agency', 'P-1', 'C1', HOLDER, ['holderName'], 'r-1', 'N', null, null];
    expect(canonicalRecord(base)).toBe(JSON.stringify(eleven));
    expect(canonicalRecord({ ...base, actorName: null, caseNumber: null, consentId: null })).toBe(JSON.stringify(eleven));
    expect(canonicalRecord({ ...base, actorName: '某机关', caseNumber: null, consentId: null })).toBe(JSON.stringify([...eleven, '某机关']));
    expect(canonicalRecord({ ...base, caseNumber: CASE })).toBe(JSON.stringify([...eleven, null, CASE, null]));
    expect(canonicalRecord({ ...base, actorName: '某机关', consentId: 'CONSENT-1' })).toBe(JSON.stringify([...eleven, '某机关', null, 'CONSENT-1']));
    // One text in each place gives four different forms: none is read as another.
    const forms = [{ actorName: 'X' }, { caseNumber: 'X' }, { consentId: 'X' }, { actorName: 'X', caseNumber: 'X' }].map((extra) =>
      canonicalRecord({ ...base, ...extra }),
    );
    expect(new Set(forms).size).toBe(4);
  });

  it('the hash covers them: a case number or consent edited, cleared or added breaks the chain at that record', async () => {
    const [first, second, third] = entries(3);
    await appendAuditRecords(database.db, chainOf('H1'), [
      { ...first!, caseNumber: CASE, consentId: 'CONSENT-1' },
      { ...second!, caseNumber: CASE },
      { ...third!, consentId: 'CONSENT-3' },
    ]);
    await appendAuditRecords(database.db, chainOf('H1'), entries(1));
    const rows = await chain('H1');
    expect(rows.map(({ caseNumber, consentId }) => [caseNumber, consentId])).toEqual([
      [CASE, 'CONSENT-1'],
      [CASE, null],
      [null, 'CONSENT-3'],
      [null, null],
    ]);
    expect(await verify('H1')).toMatchObject({ records: 4, ...INTACT });
    const edits: Array<[number, { caseNumber?: string | null; consentId?: string | null }]> = [
      [0, { caseNumber: '2026-FZ-999999' }],
      [0, { caseNumber: null }],
      [0, { consentId: 'CONSENT-2' }],
      [0, { consentId: null }],
      [1, { caseNumber: null }],
      [2, { consentId: null }],
      [3, { caseNumber: CASE }],
      [3, { consentId: 'CONSENT-1' }],
    ];
    for (const [i, edit] of edits) {
      const row = rows[i]!;
      await database.db.update(accessRecords).set(edit).where(eq(accessRecords.seq, row.seq));
      const status = await verify('H1');
      expect(status, `record ${i}: ${JSON.stringify(edit)}`).toMatchObject({ intact: false, firstBrokenSeq: row.seq, reason: expect.stringContaining('changed') });
      await database.db.update(accessRecords).set({ caseNumber: row.caseNumber, consentId: row.consentId }).where(eq(accessRecords.seq, row.seq));
    }
    expect(await verify('H1')).toMatchObject({ records: 4, ...INTACT });
  });

  it('records written before them still verify, in one chain with records that carry them', async () => {
    const [a, b, c, d] = entries(4);
    await appendUnnamed('H2', new Date(Date.UTC(2025, 5, 1, 0, 0)), a!);
    await appendNamedBefore('H2', new Date(Date.UTC(2025, 5, 1, 0, 1)), b!);
    await appendNamedBefore('H2', new Date(Date.UTC(2025, 5, 1, 0, 2)), c!);
    await appendAuditRecords(database.db, chainOf('H2'), [{ ...d!, caseNumber: CASE, consentId: 'CONSENT-1' }]);
    await appendAuditRecords(database.db, chainOf('H2'), entries(1));
    const rows = await chain('H2');
    expect(rows.map(({ actorName, caseNumber }) => [actorName, caseNumber])).toEqual([
      [null, null],
      [CONSUMER_NAME, null],
      [CONSUMER_NAME, null],
      [CONSUMER_NAME, CASE],
      [CONSUMER_NAME, null],
    ]);
    expect(await verify('H2')).toMatchObject({ records: 5, ...INTACT });
    // Giving an old record a case number afterwards is an edit like any other.
    await database.db.update(accessRecords).set({ caseNumber: CASE }).where(eq(accessRecords.seq, rows[1]!.seq));
    expect(await verify('H2')).toMatchObject({ intact: false, firstBrokenSeq: rows[1]!.seq });
  });
});

describe('reading the log a page at a time', () => {
  /** Three nodes sharing the table here; their codes order them as 350000, 350100, 350200 would. */
  const NODES = ['Q0', 'Q1', 'Q2'];
  const READER = residentId('350102', '19900101', 77);
  const reader: Principal = { kind: 'holder', code: READER, holderKind: 'PERSON', name: null };
  const T0 = Date.UTC(2026, 0, 1, 8);
  /** Minutes after T0 of each node's records, in the order they are appended (seq order). */
  const TIMES: Record<string, number[]> = {
    Q0: [0, 5, 5, 9, 3], // the last one after the node's clock was set back
    Q1: [5, 5, 7, 9],
    Q2: [1, 5, 9, 9, 9],
  };
  const WRITTEN = Object.values(TIMES).flat().length;
  /** The hub's order of access records, as the gateway merges them: at ↓, node code ↑, seq ↓. */
  const hubOrder = (a: AccessRecordRow, b: AccessRecordRow) =>
    b.at.getTime() - a.at.getTime() || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || b.seq - a.seq;
  /** One page as the gateway makes it: every node's `first` after the cursor, merged, the first `first` kept. */
  async function page(first: number, after: string | null): Promise<AccessRecordRow[]> {
    const parts = await Promise.all(NODES.map((node) => readAccessLog(database.db, node, reader, { first, after })));
    return parts.flat().sort(hubOrder).slice(0, first);
  }

  beforeAll(async () => {
    for (const node of NODES) {
      for (const minutes of TIMES[node]!) {
        const [about, other] = entries(2);
        // Half of them from before names were recorded; another holder's records are never read.
        const write = minutes % 2 === 0 ? appendUnnamed : appendAt;
        await write(node, new Date(T0 + minutes * 60_000), { ...about!, holderCode: READER });
        await appendAt(node, new Date(T0 + minutes * 60_000), other!);
      }
    }
  });

  it('pages after the last cursor give every record once, in the same order as one read of them all', async () => {
    const all = await page(500, null);
    expect(all).toHaveLength(WRITTEN);
    expect(all.every((record) => record.holderCode === READER)).toBe(true);
    const stored = await database.db.select().from(accessRecords).where(eq(accessRecords.holderCode, READER));
    expect(all.map((record) => record.seq)).toEqual(stored.sort(hubOrder).map((record) => record.seq));

    const read: AccessRecordRow[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const next = await page(3, after);
      pages++;
      read.push(...next);
      if (next.length < 3) break;
      after = encodeAccessCursor(next.at(-1)!);
    }
    expect(pages).toBe(Math.floor(WRITTEN / 3) + 1);
    expect(read.map((record) => record.seq)).toEqual(all.map((record) => record.seq));
    for (const node of NODES) expect(await verify(node)).toMatchObject({ records: 2 * TIMES[node]!.length, ...INTACT });
  });

  it("each node answers exactly its records after any record's cursor, whichever node made it", async () => {
    const all = await page(500, null);
    for (const cursor of all) {
      for (const node of NODES) {
        const answer = await readAccessLog(database.db, node, reader, { first: 500, after: encodeAccessCursor(cursor) });
        const expected = all.filter((record) => record.node === node && hubOrder(record, cursor) > 0);
        expect(answer.map((record) => record.seq), `${node} after ${cursor.node}#${cursor.seq}`).toEqual(expected.map((record) => record.seq));
      }
    }
  });

  it('an `after` that is not a cursor of the log is BAD_USER_INPUT naming after', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const good = encodeAccessCursor({ at: new Date(T0), node: 'Q1', seq: 7 });
    expect(decodeAccessCursor(good)).toEqual({ at: new Date(T0).toISOString(), node: 'Q1', seq: 7 });
    for (const after of [
      'not a cursor',
      '',
      encode(['2024-04-01', '1.2.156.3005.2.x']), // a certificate list's cursor
      encode(['2026-02-30T00:00:00.000Z', 'Q1', 7]),
      encode(['2026-01-01T08:00:00Z', 'Q1', 7]),
      encode([new Date(T0).toISOString(), 'Q 1', 7]),
      encode([new Date(T0).toISOString(), 'Q1', 0]),
      encode([new Date(T0).toISOString(), 'Q1', 1.5]),
      encode({ at: new Date(T0).toISOString(), node: 'Q1', seq: 7 }),
    ]) {
      await expect(readAccessLog(database.db, 'Q0', reader, { after }), after).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
  });
});

describe('a subgraph request', () => {
  const NODE = testNode('350100', '福州市');
  const ENTITY = uscc('91', '350104', 9100);
  const REGISTRAR_CODE = uscc('11', '350100', 9003);
  const REGISTRAR = agency(REGISTRAR_CODE, 'registrar');
  const self: Principal = { kind: 'holder', code: ENTITY, holderKind: 'ORGANIZATION', name: null };
  const READ = /* GraphQL */ `query($uscc: ID!) { legalEntity(uscc: $uscc) { name legalRepresentative legalRepresentativeIdNumber } }`;
  const REGISTER = /* GraphQL */ `
    mutation($input: RegisterLegalEntityInput!) { registerLegalEntity(input: $input) { uscc name } }
  `;
  const input = {
    uscc: ENTITY,
    name: '福州闽江茶业有限公司',
    legalRepresentative: '郑海',
    legalRepresentativeIdNumber: residentId('350102', '19700101', 55),
    address: '福州市台江区',
    establishedOn: '2012-04-01',
  };
  let subgraph: ReturnType<typeof createLegalEntitySubgraph>;
  const recordsOf = () => database.db.select().from(accessRecords).where(eq(accessRecords.node, NODE.code)).orderBy(asc(accessRecords.seq));

  beforeAll(async () => {
    subgraph = createLegalEntitySubgraph({ node: NODE, db: database.db });
    await registerLegalEntity(database.db, REGISTRAR_CODE, input);
  });

  it('writes one record of the personal fields returned, with the purpose and the request id', async () => {
    const result = await executeAs(subgraph, self, READ, { uscc: ENTITY }, '年报核验');
    expect(result.errors).toBeUndefined();
    const [record] = await recordsOf();
    expect(record).toMatchObject({
      actor: ENTITY,
      actorKind: 'holder',
      purpose: '年报核验',
      holderCode: ENTITY,
      certificateId: null,
      fields: ['legalRepresentative', 'legalRepresentativeIdNumber'],
      requestId: 'test',
    });
  });

  it('does not record a field the rules withheld, nor a read of public fields only', async () => {
    const before = (await recordsOf()).length;
    const withheld = await executeAs(subgraph, CONSUMER, READ, { uscc: ENTITY }, '年报核验');
    expect(withheld.errors?.map((error) => error.path)).toEqual([['legalEntity', 'legalRepresentativeIdNumber']]);
    await executeAs(subgraph, CONSUMER, `query($uscc: ID!) { legalEntity(uscc: $uscc) { name status } }`, { uscc: ENTITY });
    const after = await recordsOf();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ actor: CONSUMER_CODE, fields: ['legalRepresentative'] });
  });

  it('records a change under the mutation name, about whom its result is', async () => {
    await executeAs(subgraph, REGISTRAR, REGISTER, { input: { ...input, address: '福州市鼓楼区' } });
    expect((await recordsOf()).at(-1)).toMatchObject({ holderCode: ENTITY, fields: ['registerLegalEntity'] });
  });

  it('when the record cannot be written, a read returns no data and says AUDIT_UNAVAILABLE; a change keeps its result and says so', async () => {
    await database.db.execute(sql`ALTER TABLE audit.access_records RENAME TO access_records_away`);
    try {
      const read = await executeAs(subgraph, self, READ, { uscc: ENTITY });
      expect(read.data).toBeNull();
      expect(read.errors?.map((error) => error.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
      const change = await executeAs(subgraph, REGISTRAR, REGISTER, { input: { ...input, address: '福州市晋安区' } });
      expect(change.data).toEqual({ registerLegalEntity: { uscc: ENTITY, name: input.name } });
      expect(change.errors?.map((error) => error.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
    } finally {
      await database.db.execute(sql`ALTER TABLE audit.access_records_away RENAME TO access_records`);
    }
    expect(await verify(NODE.code)).toMatchObject({ intact: true });
  });

  it("the request's case number (办件号) is on the resolvers' context and on its record; a context without one has null", async () => {
    const claims: HubContextClaims = { principal: self, purpose: '年报核验', requestId: 'with-case', caseNumber: '2026-FZ-000123', grants: [] };
    const context = subgraph.context(claims);
    expect(context.caseNumber).toBe('2026-FZ-000123');
    const response = await subgraph.server.executeOperation({ query: READ, variables: { uscc: ENTITY } }, { contextValue: context });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
    expect((await recordsOf()).at(-1)).toMatchObject({ requestId: 'with-case', caseNumber: '2026-FZ-000123', consentId: null });
    const { caseNumber: _none, ...older } = claims;
    expect(subgraph.context(older).caseNumber).toBeNull();
    expect(await verify(NODE.code)).toMatchObject(INTACT);
  });

  it('an auditor reading public registry fields leaves no record', async () => {
    const before = (await recordsOf()).length;
    await executeAs(subgraph, AUDITOR, `query($uscc: ID!) { legalEntity(uscc: $uscc) { uscc name node } }`, { uscc: ENTITY });
    expect(await recordsOf()).toHaveLength(before);
  });
});
