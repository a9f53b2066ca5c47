import { isNull, sql } from 'drizzle-orm';
import { matterCodeRegion, typeCodeRegion, usccRegion } from '../../lib/codes.js';
import { writeAuditRecords, type AuditChain, type AuditEntry } from '../../subgraphs/audit/log.js';
import type { HubDatabase } from '../../subgraphs/kit/db.js';
import type { SecretKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { defineMatter } from '../../subgraphs/catalog/matters.js';
import { definePermitRule } from '../../subgraphs/catalog/permit-rules.js';
import { defineCertificateType, grantAccess } from '../../subgraphs/catalog/service.js';
import { setTarget } from '../../subgraphs/catalog/targets.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
import { certificates as certificateRows, materialCheckCounts, matterCheckCounts, verificationCounts } from '../../subgraphs/certificate/db/schema.js';
import { changeCertificateStatus, issueCertificate, registerExternalCertificate } from '../../subgraphs/certificate/service.js';
import { registerLegalEntity } from '../../subgraphs/legal-entity/service.js';
import { submitAnnualReport } from '../../subgraphs/legal-entity/annual-reports.js';
import { NodeKey } from '../../subgraphs/events/node-key.js';
import { DEMO_EXTERNAL_CERTIFICATES, EXTERNAL_REGISTRAR } from './external.js';
import {
  AGENCIES,
  changeDate,
  demoAnnualReports,
  DEMO_GRANTS,
  DEMO_MATTERS,
  DEMO_PERMIT_RULES,
  demoData,
  demoTargets,
  demoUsage,
  registrarFor,
  REGISTRY_TYPE,
  TARGET_STEWARD,
  type CertificateKey,
  type DemoAnnualReport,
  type DemoMatterChecks,
  type DemoRequest,
  type DemoTarget,
  type DemoVerificationCount,
  type DemoCertificate,
  type DemoCertificateType,
  type DemoLegalEntity,
  type DemoMatter,
} from './data.js';

export interface SeedCounts {
  types: number;
  entities: number;
  certificates: number;
  matters: number;
  permitRules: number;
  /** Annual report versions filed (年报). */
  annualReports: number;
  /** Public verifications of the last two years, counted per day, type and outcome. */
  verifications: number;
  /** 免提交 checks of the last two years, counted per matter and day. */
  materialChecks: number;
  /** Access records of the last two years' reads, supervision findings and inspection draws; none without the nodes' audit keys. */
  accessRecords: number;
  /** Targets (工作目标) set at the province. */
  targets: number;
}

/** A node to seed: its code, database, key-encryption key and, to write its access history, its audit keys. */
export interface SeedNode {
  code: string;
  db: HubDatabase;
  kek: SecretKeyRing;
  auditKeys?: SecretKeyRing;
}

/** What one node receives. */
interface NodeWork extends SeedNode {
  types: DemoCertificateType[];
  entities: DemoLegalEntity[];
  certificates: DemoCertificate[];
  matters: DemoMatter[];
  annualReports: DemoAnnualReport[];
}

/** One step of a node's history, replayed in the order it happened. */
interface Event {
  on: string;
  /** Issues before changes on the same day; then the order of the data. */
  rank: number;
  run(): Promise<void>;
}

/** 09:30 and 15:00 China time: issued in the morning, changed in the afternoon. */
const morningOf = (date: string) => new Date(`${date}T09:30:00+08:00`);
const afternoonOf = (date: string) => new Date(`${date}T15:00:00+08:00`);

const keyText = (key: CertificateKey) => `${key.typeCode}|${key.issuerCode}|${key.number}`;

/**
 * Seeds the demo data into fresh node databases through the subgraphs' own service functions,
 * so that it passes the same validation as data entered through the API: each certificate type
 * at the node of its defining authority's region, each legal entity at the node of its USCC's
 * region, each certificate at the node of its issuer's region, each matter (事项) at the node of
 * its agency's region, each annual report (年报) at its entity's node, filed on the day the data says
 * and sealed with that node's key. Every certificate is issued (a paper one converted, on the day
 * it came into the hub) and then changed on the day the data says, so its history reads as it
 * happened. Last comes the hub's use over the last two years (usage.ts): the verifications and
 * 免提交 checks counted at each node, the targets at the province and — for the nodes given their
 * `auditKeys` — the access records of past reads, written oldest first with the instants they
 * happened at, before the node has logged anything else, so each chain stays in time order and
 * verifies. Nodes are seeded in parallel, each one's steps in order.
 */
export async function seedDemoData(nodes: SeedNode[], options: { today: string; nodeForRegion: (region: string) => string }): Promise<SeedCounts> {
  // Nothing is dated after this instant: the hub's first moments come after its history.
  const started = new Date();
  const notAfterStart = (at: Date) => (at > started ? started : at);
  const data = demoData(options.today);
  const work = new Map<string, NodeWork>(nodes.map((node) => [node.code, { ...node, types: [], entities: [], certificates: [], matters: [], annualReports: [] }]));
  const nodeOf = (region: string, what: string) => {
    const code = options.nodeForRegion(region);
    const found = work.get(code);
    if (!found) throw new Error(`${what}: region ${region} belongs to node ${code}, which is not being seeded`);
    return found;
  };
  for (const type of [...data.certificateTypes, REGISTRY_TYPE]) nodeOf(typeCodeRegion(type.code), type.name).types.push(type);
  for (const entity of data.legalEntities) nodeOf(usccRegion(entity.uscc), entity.name).entities.push(entity);
  for (const certificate of data.certificates) nodeOf(usccRegion(certificate.issuerCode), certificate.number).certificates.push(certificate);
  for (const matter of DEMO_MATTERS) nodeOf(matterCodeRegion(matter.code), matter.name).matters.push(matter);
  const annualReports = demoAnnualReports(data.legalEntities, options.today);
  for (const report of annualReports) nodeOf(usccRegion(report.uscc), report.uscc).annualReports.push(report);

  const catalog = catalogFromList(data.certificateTypes);
  const issuers = new Map(AGENCIES.map((agency) => [agency.code, agency]));

  await Promise.all(
    [...work.values()].map(async ({ code, db, kek, types, entities, certificates, matters, annualReports: reports }) => {
      for (const type of types) await defineCertificateType(db, type);
      // Each matter is checked against the whole demo catalog, as defineMatter checks it against every node's.
      for (const matter of matters) await defineMatter(db, catalog, matter);
      // A revoked or deregistered entity is recorded with its status, as its registrar records the change.
      for (const entity of entities) await registerLegalEntity(db, registrarFor(usccRegion(entity.uscc)).code, entity);
      // Each annual report filed when the data says, sealed with the node's key, as the company filed it.
      const nodeKey = new NodeKey(db, kek, code);
      for (const report of reports) await submitAnnualReport(db, nodeKey, code, report.uscc, report.input, { at: new Date(report.filedAt) });

      const events: Event[] = [];
      certificates.forEach((certificate, index) => {
        const issuer = issuers.get(certificate.issuerCode);
        if (!issuer) throw new Error(`certificate ${certificate.number}: no demo agency ${certificate.issuerCode}`);
        const { issuerCode: _issuer, origin, statusChanges, convertedOn, ...input } = certificate;
        // A paper certificate comes into the hub, written then, on the day it was converted.
        const on = convertedOn ?? certificate.issuedOn;
        let id = '';
        events.push({
          on,
          rank: index,
          async run() {
            const row = await issueCertificate({ db, catalog, kek }, issuer, input, { origin, today: on, at: notAfterStart(morningOf(on)) });
            id = row.id;
          },
        });
        for (const change of statusChanges) {
          const on = changeDate(certificate, change);
          events.push({
            on,
            rank: certificates.length + index,
            async run() {
              // The status is judged on the day of the change: a licence revoked last year was not yet expired then.
              await changeCertificateStatus(db, issuer, id, change.status, change.reason, { at: afternoonOf(on), today: on });
            },
          });
        }
      });
      events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank));
      for (const event of events) await event.run();
    }),
  );

  // External certificates (外来证照), recorded at the registering authority's node with their scans.
  const registrar = work.get(options.nodeForRegion(EXTERNAL_REGISTRAR.region));
  if (registrar) {
    for (const input of DEMO_EXTERNAL_CERTIFICATES) {
      await registerExternalCertificate({ db: registrar.db, kek: registrar.kek }, EXTERNAL_REGISTRAR, input, { today: options.today, at: morningOf('2024-03-12') });
    }
  }

  // Grants and permit rules live in the province catalog; the types they name are all in the demo catalog.
  const steward = AGENCIES.find((agency) => agency.roles.includes('steward'))!;
  const province = work.get(options.nodeForRegion(steward.region));
  if (province) {
    const lookup = catalogFromList([...data.certificateTypes, REGISTRY_TYPE]);
    for (const grant of DEMO_GRANTS) await grantAccess(province.db, lookup, steward.code, { ...grant, expiresAt: null });
    for (const rule of DEMO_PERMIT_RULES) await definePermitRule(province.db, lookup, rule);
  }

  // The last two years' use, after every certificate it names is in.
  const usage = demoUsage(data, options.today, [...work.keys()], options.nodeForRegion);
  const targets = province ? demoTargets(options.today) : [];
  const written = await Promise.all(
    [...work.values()].map(async (node) => {
      await insertVerificationCounts(node.db, usage.verifications.filter((row) => row.node === node.code));
      await insertMaterialChecks(node.db, usage.matterChecks.filter((row) => row.node === node.code));
      return writeHistory(node, usage.requests.filter((request) => request.node === node.code), node === province ? targets : []);
    }),
  );

  return {
    types: data.certificateTypes.length + 1,
    entities: data.legalEntities.length,
    certificates: data.certificates.length + (registrar ? DEMO_EXTERNAL_CERTIFICATES.length : 0),
    matters: DEMO_MATTERS.length,
    permitRules: province ? DEMO_PERMIT_RULES.length : 0,
    annualReports: annualReports.length,
    verifications: usage.verifications.filter((row) => work.has(row.node)).reduce((sum, row) => sum + row.count, 0),
    materialChecks: usage.matterChecks.filter((row) => work.has(row.node)).reduce((sum, row) => sum + row.checks, 0),
    accessRecords: written.reduce((sum, n) => sum + n, 0),
    targets: targets.length,
  };
}

/**
 * The day's verification counts of a node, one statement (arrays through unnest: one parameter per
 * column). Days go as text: postgres.js cannot send an array of date-like strings as date[].
 */
async function insertVerificationCounts(db: HubDatabase, rows: readonly DemoVerificationCount[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: DemoVerificationCount) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into ${verificationCounts} (day, type_code, outcome, count)
    select u.day::date, u.type_code, u.outcome, u.count
      from unnest(${column((r) => r.day)}::text[], ${column((r) => r.typeCode)}::text[], ${column((r) => r.outcome)}::text[], ${column((r) => r.count)}::int[])
        as u(day, type_code, outcome, count)`);
}

/** The 免提交 checks of a node's matters and their materials' outcomes, one statement per table. */
async function insertMaterialChecks(db: HubDatabase, rows: readonly DemoMatterChecks[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: DemoMatterChecks) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into ${matterCheckCounts} (matter_code, day, checks, all_paperless)
    select u.matter_code, u.day::date, u.checks, u.all_paperless
      from unnest(${column((r) => r.matterCode)}::text[], ${column((r) => r.day)}::text[], ${column((r) => r.checks)}::int[], ${column((r) => r.allPaperless)}::int[])
        as u(matter_code, day, checks, all_paperless)`);
  const materials = rows.flatMap((row) => row.materials.map((material) => ({ matterCode: row.matterCode, day: row.day, ...material })));
  const materialColumn = <T>(pick: (row: (typeof materials)[number]) => T) => sql.param(materials.map(pick));
  await db.execute(sql`
    insert into ${materialCheckCounts} (matter_code, day, certificate_type, outcome, count)
    select u.matter_code, u.day::date, u.certificate_type, u.outcome, u.count
      from unnest(${materialColumn((r) => r.matterCode)}::text[], ${materialColumn((r) => r.day)}::text[], ${materialColumn((r) => r.certificateType)}::text[],
                  ${materialColumn((r) => r.outcome)}::text[], ${materialColumn((r) => r.count)}::int[])
        as u(matter_code, day, certificate_type, outcome, count)`);
}

/**
 * A node's access history and (at the province) its targets, in time order: each request
 * appended to the node's chain with the instant it was made, the requests between two targets in
 * one transaction, and each target set through setTarget with its change recorded at the instant
 * it was set. Without the node's audit keys nothing is logged and the targets are set unrecorded,
 * as the other seeded definitions are. Answers how many access records were written.
 */
async function writeHistory(node: NodeWork, requests: readonly DemoRequest[], targets: readonly DemoTarget[]): Promise<number> {
  const { db, code, auditKeys } = node;
  const chain: AuditChain | null = auditKeys ? { node: code, key: auditKeys.current } : null;
  const ids = new Map<string, string>();
  if (chain && requests.length > 0) {
    const rows = await db
      .select({ id: certificateRows.id, typeCode: certificateRows.typeCode, issuerCode: certificateRows.issuerCode, number: certificateRows.number })
      .from(certificateRows)
      .where(isNull(certificateRows.supersededAt));
    for (const row of rows) ids.set(keyText(row), row.id);
  }
  const entriesOf = (request: DemoRequest): AuditEntry[] =>
    request.records.map((record) => {
      const certificateId = record.certificate ? ids.get(keyText(record.certificate)) : null;
      if (certificateId === undefined) throw new Error(`node ${code}: no certificate ${keyText(record.certificate!)} for the access history`);
      return {
        actor: request.agency.code,
        actorKind: 'agency',
        actorName: request.agency.name,
        purpose: request.purpose,
        requestId: request.requestId,
        clientRequestId: null,
        certificateId,
        holderCode: record.holderCode,
        fields: record.fields,
        detail: record.detail,
        caseNumber: null,
        consentId: null,
      };
    });

  let written = 0;
  let pending: DemoRequest[] = [];
  const flush = async () => {
    if (!chain || pending.length === 0) return;
    const batch = pending;
    pending = [];
    await db.transaction(async (tx) => {
      for (const request of batch) await writeAuditRecords(tx, chain, entriesOf(request), { at: new Date(request.at) });
    });
    written += batch.reduce((sum, request) => sum + request.records.length, 0);
  };
  const timeline = [
    ...requests.map((request) => ({ at: request.at, request, target: null })),
    ...targets.map((target) => ({ at: target.setAt, request: null, target })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const step of timeline) {
    if (step.request) {
      pending.push(step.request);
      continue;
    }
    await flush();
    const at = new Date(step.at);
    await setTarget(db, step.target.input, {
      setBy: TARGET_STEWARD.code,
      at,
      record: async (tx, detail) => {
        if (!chain) return;
        await writeAuditRecords(
          tx,
          chain,
          [
            {
              actor: TARGET_STEWARD.code,
              actorKind: 'agency',
              actorName: TARGET_STEWARD.name,
              purpose: null,
              requestId: step.target.requestId,
              clientRequestId: null,
              certificateId: null,
              holderCode: null,
              fields: ['setTarget'],
              detail: JSON.stringify(detail),
              caseNumber: null,
              consentId: null,
            },
          ],
          { at },
        );
        written++;
      },
    });
  }
  await flush();
  return written;
}
