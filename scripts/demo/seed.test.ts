import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateIdProblem, isoDate, matterCodeRegion, typeCodeRegion, usccRegion } from '../../lib/codes.js';
import type { NodeDatabase } from '../../subgraphs/kit/db.js';
import { nodeForRegion } from '../../lib/regions.js';
import { accessRecords } from '../../subgraphs/audit/db/schema.js';
import { verifyAuditChain } from '../../subgraphs/audit/verify.js';
import { certificateTypes, certificateTypeVersions, itemDefinitions, matters, permitRules, targets } from '../../subgraphs/catalog/db/schema.js';
import { migrationsFolder as catalogMigrations } from '../../subgraphs/catalog/server.js';
import { certificateItems, certificates, materialCheckCounts, matterCheckCounts, scans, statusChanges, verificationCounts } from '../../subgraphs/certificate/db/schema.js';
import { DEMO_EXTERNAL_CERTIFICATES, EXTERNAL_REGISTRAR } from './external.js';
import { migrationsFolder as certificateMigrations } from '../../subgraphs/certificate/server.js';
import { annualReports, legalEntities } from '../../subgraphs/legal-entity/db/schema.js';
import { abnormalOperations } from '../../subgraphs/legal-entity/abnormal.js';
import { migrationsFolder as legalEntityMigrations } from '../../subgraphs/legal-entity/server.js';
import { migratedDatabase } from '../../test/support/subgraph.js';
import {
  DEMO_HOLDERS,
  DEMO_MATTERS,
  DEMO_PERMIT_RULES,
  demoAnnualReports,
  demoData,
  demoTargets,
  demoUsage,
  enteredOn,
  REGISTRY_TYPE,
  statusOn,
  TARGET_STEWARD,
  type DemoData,
  type DemoUsage,
} from './data.js';
import { seedDemoData, type SeedCounts } from './seed.js';
import { TEST_AUDIT_KEYS, TEST_KEK } from '../../test/support/secrets.js';

const NODES = ['350000', '350100', '350200'];
const nodeOf = (region: string) => nodeForRegion(region, new Set(NODES));
const today = isoDate(new Date());

let databases: Map<string, NodeDatabase>;
let data: DemoData;
let usage: DemoUsage;
let counts: SeedCounts;
let seconds: number;
let seededFrom: Date;

beforeAll(async () => {
  const opened = await Promise.all(
    NODES.map(async (code) => {
      const database = await migratedDatabase(`demo_seed_${code}`, [
        ['catalog', catalogMigrations],
        ['legal-entity', legalEntityMigrations],
        ['certificate', certificateMigrations],
      ]);
      return [code, database] as const;
    }),
  );
  databases = new Map(opened);
  data = demoData(today);
  usage = demoUsage(data, today, NODES, nodeOf);
  seededFrom = new Date();
  const started = performance.now();
  counts = await seedDemoData(
    opened.map(([code, database]) => ({ code, db: database.db, kek: TEST_KEK, auditKeys: TEST_AUDIT_KEYS })),
    { today, nodeForRegion: nodeOf },
  );
  seconds = (performance.now() - started) / 1000;
  console.log(`seeded ${counts.types} types, ${counts.entities} entities, ${counts.certificates} certificates into 3 nodes in ${seconds.toFixed(1)} s`);
});
afterAll(async () => {
  await Promise.all([...(databases?.values() ?? [])].map((database) => database.close()));
});

const db = (code: string) => databases.get(code)!.db;
const tally = <T>(list: readonly T[], key: (x: T) => string) => {
  const result: Record<string, number> = {};
  for (const x of list) result[key(x)] = (result[key(x)] ?? 0) + 1;
  return result;
};
const asRecord = (rows: Array<{ key: string; n: number }>) => Object.fromEntries(rows.map((row) => [row.key, row.n]));

describe('seeding the demo data into three fresh nodes', () => {
  it('reports every type (the registry entry included), entity and certificate of the data', () => {
    expect(counts).toEqual({
      types: data.certificateTypes.length + 1,
      entities: data.legalEntities.length,
      certificates: data.certificates.length + DEMO_EXTERNAL_CERTIFICATES.length,
      matters: DEMO_MATTERS.length,
      permitRules: DEMO_PERMIT_RULES.length,
      annualReports: demoAnnualReports(data.legalEntities, today).length,
      verifications: usage.verifications.reduce((sum, row) => sum + row.count, 0),
      materialChecks: usage.matterChecks.reduce((sum, row) => sum + row.checks, 0),
      // Every read, look and draw, and the steward's record of each target.
      accessRecords: usage.requests.reduce((sum, request) => sum + request.records.length, 0) + demoTargets(today).length,
      targets: demoTargets(today).length,
    });
  });

  it('puts each certificate type at the node of its defining authority, with its items', async () => {
    const types = [...data.certificateTypes, REGISTRY_TYPE];
    const expected = tally(types, (type) => nodeOf(typeCodeRegion(type.code)));
    for (const code of NODES) {
      const [types] = await db(code).select({ n: sql<number>`count(*)::int` }).from(certificateTypes);
      expect(types?.n, code).toBe(expected[code] ?? 0);
    }
    const itemTotal = types.reduce((sum, type) => sum + type.items.length, 0);
    let stored = 0;
    for (const code of NODES) stored += (await db(code).select({ n: sql<number>`count(*)::int` }).from(itemDefinitions))[0]?.n ?? 0;
    expect(stored).toBe(itemTotal);
  });

  it('keeps each type as its version 1, with the issuers the data names', async () => {
    for (const type of [...data.certificateTypes, REGISTRY_TYPE]) {
      const database = db(nodeOf(typeCodeRegion(type.code)));
      const [row] = await database.select().from(certificateTypes).where(eq(certificateTypes.code, type.code));
      expect(row, type.name).toMatchObject({ version: 1, issuers: type.issuers });
      const versions = await database.select().from(certificateTypeVersions).where(eq(certificateTypeVersions.typeCode, type.code));
      expect(versions.map((version) => [version.version, version.definition.issuers]), type.name).toEqual([[1, type.issuers]]);
    }
  });

  it('puts each matter at the node of its agency’s region, with its materials in order', async () => {
    for (const code of NODES) {
      const stored = await db(code).select().from(matters);
      const expected = DEMO_MATTERS.filter((matter) => nodeOf(matterCodeRegion(matter.code)) === code);
      expect(stored.map((row) => row.code).sort(), code).toEqual(expected.map((matter) => matter.code).sort());
      for (const matter of expected) {
        expect(stored.find((row) => row.code === matter.code), matter.name).toMatchObject({
          name: matter.name,
          agencyName: matter.agencyName,
          materials: matter.materials,
          definedBy: null,
        });
      }
    }
  });

  it('keeps the permit rules (后置审批) at the province only', async () => {
    const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
    const stored = await db('350000').select().from(permitRules);
    expect(stored.map(({ code, activity, keywords, typeCode, note, definedBy }) => ({ code, activity, keywords, certificateType: typeCode, note, definedBy })).sort(byCode)).toEqual(
      [...DEMO_PERMIT_RULES].sort(byCode).map((rule) => ({ ...rule, definedBy: null })),
    );
    for (const code of ['350100', '350200']) expect(await db(code).select().from(permitRules), code).toEqual([]);
  });

  it('files annual reports at their entities’ nodes, on time, late and corrected, and leaves some missing for the abnormal list', async () => {
    const filed = demoAnnualReports(data.legalEntities, today);
    let stored = 0;
    let late = 0;
    let corrected = 0;
    let listed = 0;
    for (const code of NODES) {
      const rows = await db(code).select().from(annualReports);
      stored += rows.length;
      late += rows.filter((row) => row.filedLate).length;
      corrected += rows.filter((row) => row.version > 1).length;
      for (const row of rows) expect(nodeOf(usccRegion(row.uscc)), row.uscc).toBe(code);
      listed += await abnormalOperations(db(code), today, {}).totalCount();
    }
    expect(stored).toBe(filed.length);
    expect(corrected).toBeGreaterThan(0);
    expect(listed).toBeGreaterThan(0);
    // Late reports exist once a deadline has passed: always for the year before last.
    expect(late).toBeGreaterThan(0);
  });

  it('puts each legal entity at the node of its USCC region, with its registry status', async () => {
    for (const code of NODES) {
      const rows = await db(code)
        .select({ key: sql<string>`${legalEntities.status}::text`, n: sql<number>`count(*)::int` })
        .from(legalEntities)
        .groupBy(legalEntities.status);
      const expected = tally(
        data.legalEntities.filter((entity) => nodeOf(usccRegion(entity.uscc)) === code),
        (entity) => entity.status,
      );
      expect(asRecord(rows), code).toEqual(expected);
    }
  });

  it('puts each certificate at the node of its issuer, with the status the data says, EXPIRED computed from validUntil', async () => {
    for (const code of NODES) {
      const { status, validUntil } = certificates;
      const effective = sql<string>`CASE WHEN ${status} IN ('VALID', 'SUSPENDED') AND ${validUntil} < ${today}::date THEN 'EXPIRED' ELSE ${status}::text END`;
      // Grouped by position: the two copies of the expression would bind `today` as different parameters.
      const rows = await db(code).select({ key: effective, n: sql<number>`count(*)::int` }).from(certificates).groupBy(sql`1`);
      const expected = tally(
        data.certificates.filter((certificate) => nodeOf(usccRegion(certificate.issuerCode)) === code),
        (certificate) => statusOn(certificate, today),
      );
      // The external certificates, registered valid without end, at their registrar's node.
      if (nodeOf(EXTERNAL_REGISTRAR.region) === code) expected['VALID'] = (expected['VALID'] ?? 0) + DEMO_EXTERNAL_CERTIFICATES.length;
      expect(asRecord(rows), code).toEqual(expected);
    }
  });

  it('stores every item and the whole history: issuance plus each change', async () => {
    let items = 0;
    let history = 0;
    let origins: Record<string, number> = {};
    for (const code of NODES) {
      items += (await db(code).select({ n: sql<number>`count(*)::int` }).from(certificateItems))[0]?.n ?? 0;
      history += (await db(code).select({ n: sql<number>`count(*)::int` }).from(statusChanges))[0]?.n ?? 0;
      const rows = await db(code)
        .select({ key: sql<string>`${certificates.origin}::text`, n: sql<number>`count(*)::int` })
        .from(certificates)
        .groupBy(certificates.origin);
      for (const row of rows) origins = { ...origins, [row.key]: (origins[row.key] ?? 0) + row.n };
    }
    expect(items).toBe(data.certificates.reduce((sum, certificate) => sum + certificate.items.length, 0));
    expect(history).toBe(data.certificates.reduce((sum, certificate) => sum + 1 + certificate.statusChanges.length, 0) + DEMO_EXTERNAL_CERTIFICATES.length);
    expect(origins).toEqual({ ...tally(data.certificates, (certificate) => certificate.origin), EXTERNAL: DEMO_EXTERNAL_CERTIFICATES.length });
  });

  it('gives every certificate a valid 证照标识 naming its issuer, and a history in the order it happened', async () => {
    for (const code of NODES) {
      const rows = await db(code).select({ id: certificates.id, issuerCode: certificates.issuerCode }).from(certificates);
      for (const row of rows) {
        expect(certificateIdProblem(row.id)).toBeNull();
        expect(row.id).toContain(`.${row.issuerCode}.`);
      }
    }
    const resumed = data.certificates.find((c) => c.statusChanges.map((change) => change.status).join() === 'SUSPENDED,VALID')!;
    const code = nodeOf(usccRegion(resumed.issuerCode));
    const [stored] = await db(code)
      .select({ id: certificates.id })
      .from(certificates)
      .where(sql`${certificates.typeCode} = ${resumed.typeCode} AND ${certificates.number} = ${resumed.number}`);
    const history = await db(code)
      .select({ at: statusChanges.at, from: statusChanges.fromStatus, to: statusChanges.toStatus, reason: statusChanges.reason })
      .from(statusChanges)
      .where(eq(statusChanges.certificateId, stored!.id))
      .orderBy(statusChanges.at);
    expect(history.map((change) => [change.from, change.to])).toEqual([
      [null, 'VALID'],
      ['VALID', 'SUSPENDED'],
      ['SUSPENDED', 'VALID'],
    ]);
    expect(history.map((change) => change.reason).slice(1)).toEqual(resumed.statusChanges.map((change) => change.reason));
    // Issued, or converted from paper on its own later day.
    expect(isoDate(history[0]!.at)).toBe(enteredOn(resumed));
  });

  it('writes each certificate when it came into the hub: a converted one on its conversion day (created_at and entered_at), the others on their issue day', async () => {
    const expected = new Map(data.certificates.map((c) => [`${c.typeCode}|${c.issuerCode}|${c.number}`, c]));
    let converted = 0;
    for (const code of NODES) {
      const rows = await db(code)
        .select({ typeCode: certificates.typeCode, issuerCode: certificates.issuerCode, number: certificates.number, createdAt: certificates.createdAt, enteredAt: certificates.enteredAt })
        .from(certificates);
      for (const row of rows) {
        const certificate = expected.get(`${row.typeCode}|${row.issuerCode}|${row.number}`);
        if (!certificate) continue;
        expect(isoDate(row.enteredAt), certificate.number).toBe(enteredOn(certificate));
        expect(row.createdAt).toEqual(row.enteredAt);
        if (certificate.origin === 'CONVERTED') converted++;
      }
    }
    expect(converted).toBe(data.certificates.filter((c) => c.origin === 'CONVERTED').length);
  });

  it('counts the last two years’ public verifications and 免提交 checks at the nodes that answered them, each check’s materials beside it', async () => {
    for (const code of NODES) {
      const [verified] = await db(code).select({ n: sql<number>`coalesce(sum(${verificationCounts.count}), 0)::int` }).from(verificationCounts);
      expect(verified?.n, code).toBe(usage.verifications.filter((row) => row.node === code).reduce((sum, row) => sum + row.count, 0));
      const [checked] = await db(code).select({ n: sql<number>`coalesce(sum(${matterCheckCounts.checks}), 0)::int` }).from(matterCheckCounts);
      expect(checked?.n, code).toBe(usage.matterChecks.filter((row) => row.node === code).reduce((sum, row) => sum + row.checks, 0));
      // Every check counts each material of its matter once.
      const counted = new Map<string, number>();
      for (const row of await db(code).select().from(materialCheckCounts)) counted.set(`${row.matterCode} ${row.day}`, (counted.get(`${row.matterCode} ${row.day}`) ?? 0) + row.count);
      const days = await db(code).select().from(matterCheckCounts);
      expect(days.length, code).toBe(usage.matterChecks.filter((row) => row.node === code).length);
      for (const day of days) expect(counted.get(`${day.matterCode} ${day.day}`)).toBe(day.checks * DEMO_MATTERS.find((matter) => matter.code === day.matterCode)!.materials.length);
    }
  });

  it('writes the access history oldest first, before the hub starts, in chains that verify: reads, the supervisors’ looks and draws, and the targets set', async () => {
    for (const code of NODES) {
      const status = await verifyAuditChain(db(code), code, TEST_AUDIT_KEYS, []);
      expect(status, code).toMatchObject({ intact: true, firstBrokenSeq: null });
      const rows = await db(code).select().from(accessRecords).orderBy(asc(accessRecords.seq));
      expect(rows.length, code).toBe(usage.requests.filter((request) => request.node === code).reduce((sum, request) => sum + request.records.length, 0) + (code === '350000' ? demoTargets(today).length : 0));
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.at >= rows[i - 1]!.at, `${code} record ${rows[i]!.seq}`).toBe(true);
      expect(rows.at(-1)!.at < seededFrom).toBe(true);
      for (const row of rows.filter((record) => record.certificateId !== null)) {
        const [certificate] = await db(code).select({ holderCode: certificates.holderCode }).from(certificates).where(eq(certificates.id, row.certificateId!));
        expect(certificate?.holderCode, row.certificateId!).toBe(row.holderCode);
      }
    }
    const province = await db('350000').select().from(accessRecords);
    const draws = province.filter((row) => row.fields.includes('recordInspectionDraw'));
    expect(draws.length).toBe(usage.requests.filter((request) => request.records.some((record) => record.fields.includes('recordInspectionDraw'))).length);
    for (const draw of draws) expect(JSON.parse(draw.detail!)).toMatchObject({ algorithm: 'ecert-hub-draw/1', drawn: expect.any(Number), complete: true });
    const set = province.filter((row) => row.fields.includes('setTarget'));
    expect(set.map((row) => row.actor)).toEqual(demoTargets(today).map(() => TARGET_STEWARD.code));
  });

  it('sets the targets (工作目标) at the province only, as the steward set them', async () => {
    const stored = await db('350000').select().from(targets);
    const expected = demoTargets(today);
    expect(stored).toHaveLength(expected.length);
    for (const target of expected) {
      expect(stored.find((row) => row.agency === target.input.agency && row.metric === target.input.metric && row.period === target.input.period)).toMatchObject({
        value: target.input.value,
        agencyName: target.input.agencyName,
        setBy: TARGET_STEWARD.code,
        setAt: new Date(target.setAt),
      });
    }
    for (const code of ['350100', '350200']) expect(await db(code).select().from(targets), code).toEqual([]);
  });

  it("finds the README holders' certificates at more than one node", async () => {
    for (const holder of DEMO_HOLDERS) {
      let held = 0;
      let nodes = 0;
      for (const code of NODES) {
        const [row] = await db(code)
          .select({ n: sql<number>`count(*)::int` })
          .from(certificates)
          .where(eq(certificates.holderCode, holder.code));
        held += row?.n ?? 0;
        if ((row?.n ?? 0) > 0) nodes++;
      }
      expect(held, holder.name).toBe(data.certificates.filter((c) => c.holderCode === holder.code).length);
      if (holder.kind === 'ORGANIZATION') expect(nodes, holder.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the external certificates with their scans, readable PDFs', async () => {
    const stored = await db(nodeOf(EXTERNAL_REGISTRAR.region)).select().from(scans);
    expect(stored).toHaveLength(DEMO_EXTERNAL_CERTIFICATES.length);
    for (const scan of stored) {
      const text = Buffer.from(scan.content).toString('latin1');
      expect(text.startsWith('%PDF-1.4')).toBe(true);
      // The xref table points at each object: a reader finds them.
      const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
      expect(text.slice(xref, xref + 4)).toBe('xref');
      const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
      offsets.forEach((at, i) => expect(text.slice(at).startsWith(`${i + 1} 0 obj\n`)).toBe(true));
    }
  });
});
