import { matterCodeRegion, typeCodeRegion, usccRegion } from '../../lib/codes.js';
import type { HubDatabase } from '../../subgraphs/kit/db.js';
import type { SecretKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { defineMatter } from '../../subgraphs/catalog/matters.js';
import { definePermitRule } from '../../subgraphs/catalog/permit-rules.js';
import { defineCertificateType, grantAccess } from '../../subgraphs/catalog/service.js';
import { catalogFromList } from '../../subgraphs/certificate/catalog.js';
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
  registrarFor,
  REGISTRY_TYPE,
  type DemoAnnualReport,
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
}

/** What one node receives. */
interface NodeWork {
  code: string;
  db: HubDatabase;
  kek: SecretKeyRing;
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

/**
 * Seeds the demo data into fresh node databases through the subgraphs' own service functions,
 * so that it passes the same validation as data entered through the API: each certificate type
 * at the node of its defining authority's region, each legal entity at the node of its USCC's
 * region, each certificate at the node of its issuer's region, each matter (事项) at the node of
 * its agency's region, each annual report (年报) at its entity's node, filed on the day the data says
 * and sealed with that node's key. Every certificate is issued and
 * then changed on the day the data says, so its history reads as it happened. Nodes are seeded
 * in parallel, each one's steps in order.
 */
export async function seedDemoData(
  nodes: Array<{ code: string; db: HubDatabase; kek: SecretKeyRing }>,
  options: { today: string; nodeForRegion: (region: string) => string },
): Promise<SeedCounts> {
  const data = demoData(options.today);
  const work = new Map<string, NodeWork>(
    nodes.map((node) => [node.code, { code: node.code, db: node.db, kek: node.kek, types: [], entities: [], certificates: [], matters: [], annualReports: [] }]),
  );
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
        const { issuerCode: _issuer, origin, statusChanges, ...input } = certificate;
        let id = '';
        events.push({
          on: certificate.issuedOn,
          rank: index,
          async run() {
            const row = await issueCertificate({ db, catalog, kek }, issuer, input, {
              origin,
              today: certificate.issuedOn,
              at: morningOf(certificate.issuedOn),
            });
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

  return {
    types: data.certificateTypes.length + 1,
    entities: data.legalEntities.length,
    certificates: data.certificates.length + (registrar ? DEMO_EXTERNAL_CERTIFICATES.length : 0),
    matters: DEMO_MATTERS.length,
    permitRules: province ? DEMO_PERMIT_RULES.length : 0,
    annualReports: annualReports.length,
  };
}
