import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRecords } from '../audit/db/schema.js';
import { verifyAuditChain } from '../audit/verify.js';
import { isoDate, residentIdCheckChar, usccCheckChar } from '../../lib/codes.js';
import type { NodeDatabase } from '../kit/db.js';
import { SealPool } from '../../lib/seal/seal-pool.js';
import { verifySeal } from '../../lib/seal/seal.js';
import { agency, executeAs, migratedDatabase } from '../../test/support/subgraph.js';
import { catalogFromList, type CatalogType } from './catalog.js';
import { importCertificates, signInline } from './conversion.js';
import { certificateItems, certificates, sealKeys, statusChanges } from './db/schema.js';
import type { ImportRowInput } from './generated/resolvers.js';
import { signedPayloadOf } from './sealing.js';
import { createCertificateSubgraph, migrationsFolder } from './server.js';
import { TEST_KEK, testNode } from '../../test/support/secrets.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);

const AUTHORITY = uscc('11350200000000011');
const VENDOR_CARD = `${AUTHORITY}001`;
const TYPES: CatalogType[] = [
  {
    code: VENDOR_CARD,
    name: '厦门市食品摊贩登记卡',
    holderKind: 'PERSON',
    sharing: 'CONDITIONAL',
    // Any agency of the province may issue it here; the rules of competence have tests of their own.
    issuers: ['region:350000'],
    validityYears: 2,
    items: [
      { code: 'name', name: '摊贩姓名', required: true, sensitive: false },
      { code: 'location', name: '经营地点', required: true, sensitive: false },
      { code: 'hours', name: '经营时段', required: false, sensitive: false },
    ],
  },
];
const ISSUER = agency(AUTHORITY, 'issuer');
const issuer = { code: AUTHORITY, name: '厦门市市场监督管理局' };
const NODE = testNode('350200', '厦门市');

let line = 1;
const vendor = (n: number, overrides: Partial<ImportRowInput> = {}): ImportRowInput => ({
  line: ++line,
  number: `厦食摊字${String(n).padStart(8, '0')}号`,
  holderKind: 'PERSON',
  holderCode: residentId(`35020319800101${String(n % 1000).padStart(3, '0')}`),
  holderName: `摊主${n}`,
  issuedOn: '2024-05-01',
  validFrom: '2024-05-01',
  validUntil: null,
  items: [
    { code: 'name', value: `摊主${n}` },
    { code: 'location', value: `思明区中山路${n}号` },
  ],
  ...overrides,
});
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => vendor(from + i));

let database: NodeDatabase;
const deps = () => ({ db: database.db, catalog: catalogFromList(TYPES), kek: TEST_KEK });

beforeAll(async () => {
  database = await migratedDatabase('certificate_conversion', [['certificate', migrationsFolder]]);
});
afterAll(() => database?.close());

const stored = async (numbers: string[]) =>
  database.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.issuerCode, AUTHORITY), sql`${certificates.number} = ANY(${sql.param(numbers)})`));

describe('a batch of the paper stock', () => {
  it('stores every good row as a sealed CONVERTED certificate with its items and history, serials in row order', async () => {
    const rows = range(1000, 40);
    const outcome = await importCertificates(deps(), issuer, VENDOR_CARD, rows);
    expect(outcome).toEqual({ imported: 40, skipped: 0, rejected: [] });
    const saved = await stored(rows.map((row) => row.number));
    expect(saved).toHaveLength(40);
    const [key] = await database.db.select().from(sealKeys).where(eq(sealKeys.issuerCode, AUTHORITY));
    for (const row of saved) {
      expect(row).toMatchObject({ origin: 'CONVERTED', status: 'VALID', typeName: '厦门市食品摊贩登记卡', validUntil: '2026-04-30', sealKeyId: key!.keyId });
      const items = await database.db.select().from(certificateItems).where(eq(certificateItems.certificateId, row.id));
      expect(items.map((item) => item.code).sort()).toEqual(['location', 'name']);
      expect(verifySeal(key!.publicKey, signedPayloadOf(row, items), row.sealSignature!)).toBe(true);
      const history = await database.db.select().from(statusChanges).where(eq(statusChanges.certificateId, row.id));
      expect(history).toMatchObject([{ fromStatus: null, toStatus: 'VALID', actor: AUTHORITY }]);
    }
    const byNumber = new Map(saved.map((row) => [row.number, row.serial]));
    const serials = rows.map((row) => Number(byNumber.get(row.number)));
    expect(serials).toEqual([...serials].sort((a, b) => a - b));
    expect(new Set(serials).size).toBe(40);
  });

  it('rejects bad rows with their lines and fields, and stores the others', async () => {
    const rows = [vendor(2000), vendor(2001, { holderCode: '350203198001010000' }), vendor(2002, { items: [{ code: 'name', value: 'x' }] }), vendor(2003)];
    const outcome = await importCertificates(deps(), issuer, VENDOR_CARD, rows);
    expect(outcome.imported).toBe(2);
    expect(outcome.rejected).toEqual([
      { line: rows[1]!.line, field: 'holderCode', reason: expect.stringMatching(/check/) },
      { line: rows[2]!.line, field: 'items', reason: expect.stringMatching(/location/) },
    ]);
  });

  it('skips numbers already held and numbers repeated in the batch: sending it again stores nothing twice', async () => {
    const rows = range(3000, 10);
    expect(await importCertificates(deps(), issuer, VENDOR_CARD, rows)).toMatchObject({ imported: 10, skipped: 0 });
    const again = [...rows, vendor(3010), { ...vendor(3010), holderName: '重复' }];
    expect(await importCertificates(deps(), issuer, VENDOR_CARD, again)).toMatchObject({ imported: 1, skipped: 11 });
    expect(await stored([...rows, vendor(3010)].map((row) => row.number))).toHaveLength(11);
  });

  it('two concurrent calls with overlapping rows store each number once', async () => {
    const rows = range(4000, 30);
    const [a, b] = await Promise.all([
      importCertificates(deps(), issuer, VENDOR_CARD, rows),
      importCertificates(deps(), issuer, VENDOR_CARD, rows.slice(10)),
    ]);
    expect(a.imported + b.imported).toBe(30);
    expect(a.imported + a.skipped).toBe(30);
    expect(b.imported + b.skipped).toBe(20);
    expect(await stored(rows.map((row) => row.number))).toHaveLength(30);
  });

  it('a batch whose write fails stores nothing of it, and leaves only a gap in the serials', async () => {
    const rows = range(5000, 20);
    const failing = { ...deps(), sign: async () => Promise.reject(new Error('signer down')) };
    await expect(importCertificates(failing, issuer, VENDOR_CARD, rows)).rejects.toThrow('signer down');
    expect(await stored(rows.map((row) => row.number))).toHaveLength(0);
    const outcome = await importCertificates({ ...deps(), sign: signInline }, issuer, VENDOR_CARD, rows);
    expect(outcome.imported).toBe(20);
  });

  it('signs on the worker threads of a pool, each seal valid', async () => {
    const pool = new SealPool({ workers: 2 });
    try {
      await pool.warm();
      const rows = range(6000, 60);
      expect(await importCertificates({ ...deps(), sign: pool.sign }, issuer, VENDOR_CARD, rows)).toMatchObject({ imported: 60 });
      const [key] = await database.db.select().from(sealKeys).where(eq(sealKeys.issuerCode, AUTHORITY));
      for (const row of await stored(rows.map((r) => r.number))) {
        const items = await database.db.select().from(certificateItems).where(eq(certificateItems.certificateId, row.id));
        expect(verifySeal(key!.publicKey, signedPayloadOf(row, items), row.sealSignature!)).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });
});

describe('importCertificates through the subgraph', () => {
  it('writes one access record per stored certificate, chained, in the batch statement', async () => {
    const subgraph = createCertificateSubgraph({ node: NODE, db: database.db, catalog: catalogFromList(TYPES), services: { kek: TEST_KEK, province: '350000' } });
    const rows = range(7000, 25);
    const result = await executeAs(
      subgraph,
      ISSUER,
      `mutation Import($typeCode: ID!, $rows: [ImportRowInput!]!) { importCertificates(typeCode: $typeCode, rows: $rows) { imported skipped } }`,
      { typeCode: VENDOR_CARD, rows },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ importCertificates: { imported: 25, skipped: 0 } });
    const ids = (await stored(rows.map((row) => row.number))).map((row) => row.id);
    const records = await database.db.select().from(accessRecords).where(sql`${accessRecords.certificateId} = ANY(${sql.param(ids)})`);
    expect(records).toHaveLength(25);
    expect(records.every((record) => record.fields.includes('importCertificates') && record.actor === AUTHORITY)).toBe(true);
    expect(await verifyAuditChain(database.db, NODE.code, NODE.auditKeys, null)).toMatchObject({ intact: true });
  });

  it("takes today's date from the request: a row issued after today is rejected", async () => {
    const tomorrow = isoDate(new Date(Date.now() + 2 * 86_400_000));
    const outcome = await importCertificates(deps(), issuer, VENDOR_CARD, [vendor(8000, { issuedOn: tomorrow, validFrom: tomorrow })]);
    expect(outcome.rejected).toMatchObject([{ field: 'issuedOn' }]);
  });
});
