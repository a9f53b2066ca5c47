import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentId, uscc } from '../../test/support/fixtures.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { createLegalEntitySubgraph, migrationsFolder as legalEntityMigrations } from '../../subgraphs/legal-entity/server.js';
import { registerLegalEntity } from '../../subgraphs/legal-entity/service.js';
import type { NodeDatabase } from '../db.js';
import type { Principal } from '../principal.js';
import { accessRecords } from './db/schema.js';
import { appendAuditRecords, AuditRecorder, GENESIS_HASH, recordHash, type AuditEntry } from './log.js';
import { verifyAuditChain } from './verify.js';

let database: NodeDatabase;

beforeAll(async () => {
  database = await migratedDatabase('audit_unit', [['legal-entity', legalEntityMigrations]]);
});
afterAll(() => database?.close());

const AUDITOR = agency(uscc('11', '350000', 9001), 'auditor');
const CONSUMER_CODE = uscc('11', '350100', 9002);
const CONSUMER = agency(CONSUMER_CODE, 'consumer');
const HOLDER = residentId('350102', '19880808', 21);

let requests = 0;
/** One request's entries about `count` holders, as the recorder would hand them over. */
function entries(count: number, fields = ['holderName']): AuditEntry[] {
  const requestId = `request-${++requests}`;
  return Array.from({ length: count }, (_, i) => ({
    actor: CONSUMER_CODE,
    actorKind: 'agency' as const,
    purpose: '公积金提取',
    requestId,
    certificateId: null,
    holderCode: residentId('350102', '19880808', 100 + i),
    fields,
  }));
}

/** The node's records in chain order. */
const chain = (node: string) => database.db.select().from(accessRecords).where(eq(accessRecords.node, node)).orderBy(asc(accessRecords.seq));

describe('the recorder', () => {
  const recorder = () => new AuditRecorder({ node: '350200', principal: CONSUMER, purpose: 'P-1', requestId: 'r-1' });

  it('merges the entries of one certificate into one record with the union of fields, the holder taken from any of them', () => {
    const audit = recorder();
    audit.record({ certificateId: 'C1' }, ['items.idNumber']);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName']);
    audit.record({ certificateId: 'C1', holderCode: HOLDER }, ['holderName', 'items.name']);
    audit.record({ certificateId: 'C2', holderCode: HOLDER }, ['holderCode']);
    const request = { actor: CONSUMER_CODE, actorKind: 'agency', purpose: 'P-1', requestId: 'r-1' };
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
    const holder = new AuditRecorder({ node: '350200', principal: self, purpose: null, requestId: 'r' });
    holder.record({ holderCode: HOLDER }, ['holderName']);
    expect(holder.take()[0]).toMatchObject({ actor: HOLDER, actorKind: 'holder', purpose: null });
    const anyone = new AuditRecorder({ node: '350200', principal: { kind: 'public' }, purpose: null, requestId: 'r' });
    anyone.recordChange('verify', {});
    expect(anyone.take()[0]).toMatchObject({ actor: 'public', actorKind: 'public', fields: ['verify'] });
  });
});

describe('the chain', () => {
  it('links every record to the one before, starting from the genesis hash, and verifies intact', async () => {
    await appendAuditRecords(database.db, 'A1', entries(3));
    await appendAuditRecords(database.db, 'A1', entries(2, ['items.idNumber', 'items.name']));
    const rows = await chain('A1');
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    rows.forEach((row, i) => {
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]!.hash);
      expect(row.hash).toBe(recordHash(row.prevHash, row));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(await verifyAuditChain(database.db, 'A1')).toEqual({ node: 'A1', records: 5, intact: true, firstBrokenSeq: null, reason: null });
  });

  it('one request is one INSERT: all its records share the request id and the instant', async () => {
    await appendAuditRecords(database.db, 'A2', entries(4));
    const rows = await chain('A2');
    expect(new Set(rows.map((row) => row.requestId)).size).toBe(1);
    expect(new Set(rows.map((row) => row.at.toISOString())).size).toBe(1);
  });

  it('an empty node verifies intact with no records', async () => {
    expect(await verifyAuditChain(database.db, 'EMPTY')).toEqual({ node: 'EMPTY', records: 0, intact: true, firstBrokenSeq: null, reason: null });
  });

  it("an UPDATE of one record's fields is detected at that record", async () => {
    for (let i = 0; i < 4; i++) await appendAuditRecords(database.db, 'B1', entries(1));
    const rows = await chain('B1');
    const target = rows[2]!;
    await database.db.update(accessRecords).set({ fields: ['holderName', 'status'] }).where(eq(accessRecords.seq, target.seq));
    const status = await verifyAuditChain(database.db, 'B1');
    expect(status).toMatchObject({ node: 'B1', records: 4, intact: false, firstBrokenSeq: target.seq });
    expect(status.reason).toContain('changed');
  });

  it('an UPDATE that also recomputes the hash is detected at the next record', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, 'B2', entries(1));
    const [first, second] = await chain('B2');
    const forged = { ...first!, purpose: '另一个事由' };
    await database.db
      .update(accessRecords)
      .set({ purpose: forged.purpose, hash: recordHash(forged.prevHash, forged) })
      .where(eq(accessRecords.seq, first!.seq));
    expect(await verifyAuditChain(database.db, 'B2')).toMatchObject({ intact: false, firstBrokenSeq: second!.seq });
  });

  it('a DELETE of a middle record is detected at the record after it', async () => {
    for (let i = 0; i < 5; i++) await appendAuditRecords(database.db, 'C1', entries(1));
    const rows = await chain('C1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[2]!.seq));
    const status = await verifyAuditChain(database.db, 'C1');
    expect(status).toMatchObject({ node: 'C1', records: 4, intact: false, firstBrokenSeq: rows[3]!.seq });
    expect(status.reason).toContain(`record ${rows[2]!.seq} was deleted`);
  });

  it('a DELETE of the first record is detected at the new first', async () => {
    for (let i = 0; i < 2; i++) await appendAuditRecords(database.db, 'C2', entries(1));
    const rows = await chain('C2');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[0]!.seq));
    expect(await verifyAuditChain(database.db, 'C2')).toMatchObject({ intact: false, firstBrokenSeq: rows[1]!.seq });
  });

  it('a truncated tail is not detectable: the shorter chain is valid in itself', async () => {
    for (let i = 0; i < 3; i++) await appendAuditRecords(database.db, 'C3', entries(1));
    const rows = await chain('C3');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[2]!.seq));
    expect(await verifyAuditChain(database.db, 'C3')).toMatchObject({ records: 2, intact: true });
  });

  it('verification reads in batches and still sees every link', async () => {
    for (let i = 0; i < 7; i++) await appendAuditRecords(database.db, 'D1', entries(1));
    expect(await verifyAuditChain(database.db, 'D1', 3)).toMatchObject({ records: 7, intact: true });
    const rows = await chain('D1');
    await database.db.delete(accessRecords).where(eq(accessRecords.seq, rows[3]!.seq));
    expect(await verifyAuditChain(database.db, 'D1', 3)).toMatchObject({ records: 6, intact: false, firstBrokenSeq: rows[4]!.seq });
  });

  it('concurrent appends queue on the chain lock and keep the chain valid', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAuditRecords(database.db, 'E1', entries(1 + (i % 3)))));
    const status = await verifyAuditChain(database.db, 'E1');
    expect(status).toEqual({ node: 'E1', records: 39, intact: true, firstBrokenSeq: null, reason: null });
    // One request's records are contiguous: no other append slipped between them.
    const rows = await chain('E1');
    const runs = rows.map((row) => row.requestId).filter((id, i, ids) => i === 0 || ids[i - 1] !== id);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('each node chains its own records, also in a shared table', async () => {
    await Promise.all([appendAuditRecords(database.db, 'F1', entries(2)), appendAuditRecords(database.db, 'F2', entries(2))]);
    await appendAuditRecords(database.db, 'F1', entries(1));
    expect(await verifyAuditChain(database.db, 'F1')).toMatchObject({ records: 3, intact: true });
    expect(await verifyAuditChain(database.db, 'F2')).toMatchObject({ records: 2, intact: true });
  });
});

describe('a subgraph request', () => {
  const NODE = { code: '350100', name: '福州市' };
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
    expect(await verifyAuditChain(database.db, NODE.code)).toMatchObject({ intact: true });
  });

  it('an auditor reading public registry fields leaves no record', async () => {
    const before = (await recordsOf()).length;
    await executeAs(subgraph, AUDITOR, `query($uscc: ID!) { legalEntity(uscc: $uscc) { uscc name node } }`, { uscc: ENTITY });
    expect(await recordsOf()).toHaveLength(before);
  });
});
