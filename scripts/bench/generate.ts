/**
 * A province's registry and certificates at scale, written straight into the nodes' PostgreSQL
 * databases for the benchmarks that need volume (`npm run bench:supervision`, issue 16's
 * `bench:scale`): 1,000,000 legal entities and about 3,000,000 certificates in minutes.
 *
 * Reuse:
 *
 *     const prepared = await prepareHub(['350000', '350100', '350200'], 'scale', 0); // processes.ts: databases made, migrated, demo seeded
 *     const generated = await generateProvince({ databaseUrls: prepared.databaseUrls, entities: 1_000_000, today });
 *     console.table(generationTable(generated));
 *     const holder = entityAt(generated.seed, 4711, today).uscc; // any entity, recomputed without reading the database
 *
 * About 3 certificates per entity (3.0 at the default distributions): for N certificates pass
 * N / 3 entities. The nodes must be migrated and must not be running (indexes are rebuilt).
 *
 * The model. Entity n (0 ≤ n < entities) is drawn from its own PRNG, seeded with (seed, n), so
 * the first N entities are the same whatever the total, and `entityAt` recomputes any of them:
 * - its region: province-level (350000, 6 %), Fuzhou (350100 and its districts, 50 %) or Xiamen
 *   (350200 and its districts, 44 %); it is kept at the node of its region (lib/regions.ts);
 * - its industry, from the demo's (scripts/demo/industries.ts) with weights of a city's register
 *   (eateries, shops, tech and trade first, hospitals rare): name, category, entity type, capital
 *   and business scope are the industry's, the scope a real 许可项目/一般项目 text; about 60 % of
 *   entities carry an activity a demo permit rule (scripts/demo/permit-rules.ts) names, matched
 *   with lib/permit-rules.ts as the nodes match it;
 * - a USCC with valid check characters (lib/codes.ts through scripts/demo/identifiers.ts makeUscc):
 *   pre-2015 organisation codes for entities older than 11 years, MA… codes after, unique by n
 *   and outside the demo's code ranges; founded 1 month to 25 years ago (65 % within 10 years);
 * - its status: 95 % ACTIVE, 2 % REVOKED, 3 % CANCELLED (30 % of the closed ones still hold VALID
 *   certificates: CLOSED_WITH_VALID_LICENCES);
 * - its business licence (营业执照, the registrar of its region, valid without end; 45 % amended,
 *   each further amendment 45 %, at most 3: each version SUPERSEDED by the next, one serial), and
 *   for every certificate type a matched rule requires, a chain of terms (validity of the type,
 *   renewed on expiry, terms that ended more than 12 years ago not kept — paper only then): 90 %
 *   hold a VALID current term, 4 % never held one (UNLICENSED), 3.5 % let the last expire
 *   (LICENCE_EXPIRED; an entity too young for a past term stays valid), 2.5 % had the current one
 *   revoked, withdrawn, cancelled or suspended (LICENCE_REVOKED); car-rental firms their 备案证明. Each chain is issued by the type's
 *   authority of the entity's region, 10–30 % by another node's (a food licence from another
 *   city's regulator, a drug licence from the province's 药监局, every 安全生产许可证 by the
 *   province's 住建厅), so remote clearing is exercised;
 * - its annual reports (年报) of the year the abnormal operations list stands for
 *   (subgraphs/legal-entity/report-calendar.ts listedYear) and of the year before: filed by 94 %
 *   and 95.5 % of the ACTIVE entities that owe them, 10 % of filings late (补报), 3 % amended once.
 *
 * At the defaults about 3 % of entities are UNLICENSED, 2 % LICENCE_EXPIRED, 2 % LICENCE_REVOKED,
 * 1.5 % CLOSED_WITH_VALID_LICENCES and 5.5 % ANNUAL_REPORT_MISSING (expectedFindings counts them
 * exactly, by the engine's rules).
 *
 * The rows keep every constraint of the tables: 证照标识 with their MOD 37,36 check characters
 * (buildCertificateId), serials unique per issuer (issuer_serials moved past them), numbers unique
 * per type and issuer among current versions, the history (status_changes: the issuance of each
 * certificate and each change after it, with its effective day). What is not generated: seals
 * (null on certificates, as on rows stored before seals; one fixed signature on annual reports,
 * whose columns require one — findings never verify seals), items' real values where they do not
 * follow from the entity (an item's name and the certificate number instead), events, access
 * records and the demo's persons.
 *
 * How: one pass over the entities in this process feeds `COPY … FROM STDIN` streams (postgres.js
 * `sql\`copy …\`.writable()`), one per table and node, with the tables' indexes, primary keys and
 * foreign keys dropped first and built again after the load (what pg_restore does: one sorted
 * build instead of millions of random insertions), then VACUUM (ANALYZE), so that the planner has
 * statistics and index-only scans a visibility map, as autovacuum would give a live node. A
 * generation that fails half-way leaves the databases without those indexes: make them again
 * (prepareHub drops and creates them).
 */
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { once } from 'node:events';
import { dropDatabase } from '../../hub/fresh-database.js';
import { buildCertificateId } from '../../lib/codes.js';
import { scopeMatches } from '../../lib/permit-rules.js';
import { nodeForRegion } from '../../lib/regions.js';
import { certificateItems, certificates, issuerSerials, statusChanges, type StoredStatus } from '../../subgraphs/certificate/db/schema.js';
import { effectiveStatus } from '../../subgraphs/certificate/status.js';
import { dayAfter } from '../../subgraphs/certificate/supervision/holdings.js';
import type { FindingKind } from '../../subgraphs/certificate/supervision/findings.js';
import { annualReports, legalEntities } from '../../subgraphs/legal-entity/db/schema.js';
import { foundedBy, listedYear, reportDeadline } from '../../subgraphs/legal-entity/report-calendar.js';
import { agencyBySlug, healthCommissionFor, registrarFor, transportBureauFor, type DemoAgency } from '../demo/agencies.js';
import { addDays, addYears, daysBetween, termEnd } from '../demo/calendar.js';
import { CERTIFICATE_TYPES, TYPE_CODES, type DemoCertificateType } from '../demo/certificate-types.js';
import { originFor } from '../demo/drafting.js';
import { makeResidentId, makeUscc, type EntityCategory } from '../demo/identifiers.js';
import { GENERIC_TRADE_NAMES, INDUSTRIES, type Industry } from '../demo/industries.js';
import { DEMO_PERMIT_RULES } from '../demo/permit-rules.js';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from '../demo/people.js';
import { cityOf, districtOf } from '../demo/places.js';
import { mulberry32, Random } from '../demo/random.js';
import { FAMILY_OF_TYPE, REASONS, BUSINESS_CANCELLED, BUSINESS_REVOKED, LICENCE_AFTER_DEREGISTRATION, LICENCE_AFTER_REVOCATION } from '../demo/reasons.js';

// ---------------------------------------------------------------------------------------------
// Distributions

/** Regions and their share of the register (weights): the province's own, Fuzhou's and Xiamen's. */
const REGIONS: ReadonlyArray<readonly [region: string, weight: number]> = [
  ['350000', 6],
  ['350100', 2], ['350102', 9], ['350103', 7], ['350104', 8], ['350105', 3], ['350111', 7], ['350112', 4], ['350121', 5], ['350181', 5],
  ['350200', 2], ['350203', 12], ['350205', 5], ['350206', 11], ['350211', 6], ['350212', 4], ['350213', 4],
];

/** The district whose streets and names a city-level registration (350100, 350200) borrows. */
const CITY_SEAT: Readonly<Record<string, string>> = { '350100': '350102', '350200': '350203' };

/** Industries and their share of the register (weights). */
const INDUSTRY_WEIGHTS: ReadonlyArray<readonly [Industry, number]> = [
  ['eatery', 14], ['restaurantCo', 6], ['convenience', 8], ['supermarket', 3], ['foodTrade', 5], ['workshop', 2], ['construction', 6],
  ['privateHospital', 0.3], ['dental', 0.8], ['communityHealth', 0.1], ['publicHospital', 0.05], ['nonprofitHospital', 0.1],
  ['pharmacy', 2], ['pharmacyChain', 0.5], ['pharmaWholesale', 0.3], ['logistics', 4], ['carRental', 0.8], ['tech', 15], ['trade', 12],
  ['beauty', 5], ['group', 3], ['shoes', 2], ['textile', 2], ['tea', 2], ['foodProduction', 1.5], ['furniture', 1.5], ['seafood', 1],
];

const SHARES = {
  revoked: 0.02,
  cancelled: 0.03,
  /** Of the closed entities, those whose certificates were left VALID. */
  closedStillValid: 0.3,
  /** Per certificate type a rule requires of an ACTIVE entity. */
  unlicensed: 0.04,
  expired: 0.035,
  revokedLicence: 0.025,
  /** The chance of each further amendment of the registration (at most 3): a new version of the business licence. */
  amendedBusinessLicence: 0.45,
  /** Annual reports filed of those owed: the year the list stands for, and the year before. */
  reportFiled: 0.94,
  reportFiledYearBefore: 0.955,
  reportLate: 0.1,
  reportAmended: 0.03,
};

/** Terms that ended longer ago than this were paper only: not in the hub. */
const KEPT_YEARS = 12;
/** Certificate serials per entity and issuer: serial = SERIAL_BASE + n × SERIAL_SLOTS + k, unique per issuer. */
const SERIAL_SLOTS = 32;
/** Above every serial the demo (or a hub's own issuance so far) uses. */
const SERIAL_BASE = 100_000_000;
/** The fixed seal of generated annual reports (their columns require one; nothing here verifies it). */
const UNSEALED = { keyId: 'bench-generated', signature: '00' };

const TYPES = new Map(CERTIFICATE_TYPES.map((type) => [type.code, type]));
const RULES = DEMO_PERMIT_RULES;

// ---------------------------------------------------------------------------------------------
// The model of one entity

export interface GeneratedCertificate {
  id: string;
  type: DemoCertificateType;
  issuer: DemoAgency;
  /** The node that keeps it: its issuer's. */
  node: string;
  serial: string;
  version: string;
  number: string;
  issuedOn: string;
  validUntil: string | null;
  status: StoredStatus;
  origin: 'ISSUED' | 'CONVERTED';
  /** The effective day of the change to `status` (null for one issued VALID and left so). */
  changedOn: string | null;
  changeReason: string | null;
}

export interface GeneratedReport {
  year: number;
  version: number;
  filedAt: Date;
  filedLate: boolean;
  employees: number;
  revenue: string;
  phone: string;
  salt: string;
  website: string | null;
}

export interface GeneratedEntity {
  n: number;
  uscc: string;
  name: string;
  region: string;
  /** The node that keeps it: its region's. */
  node: string;
  industry: Industry;
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
  legalRepresentative: string;
  idNumber: string;
  address: string;
  scope: string;
  establishedOn: string;
  /** The day it was revoked or cancelled; null for an ACTIVE one. */
  closedOn: string | null;
  registrar: DemoAgency;
  entityType: string;
  capital: string;
  /** Codes of the permit rules its scope matches. */
  rules: string[];
  certificates: GeneratedCertificate[];
  reports: GeneratedReport[];
}

/** murmur3's finaliser: a well-mixed 32-bit seed for entity n. */
function mix(seed: number, n: number): number {
  let h = (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + n) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const weighted = <T>(r: Random, table: ReadonlyArray<readonly [T, number]>, total: number): T => {
  let u = r.float() * total;
  for (const [value, weight] of table) if ((u -= weight) < 0) return value;
  return table.at(-1)![0];
};
const REGION_TOTAL = REGIONS.reduce((sum, [, weight]) => sum + weight, 0);
const INDUSTRY_TOTAL = INDUSTRY_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

/** The rules each scope matches, worked out once per scope text (there are few). */
const rulesOfScope = new Map<string, string[]>();
function matchedRules(scope: string): string[] {
  let codes = rulesOfScope.get(scope);
  if (!codes) rulesOfScope.set(scope, (codes = RULES.filter((rule) => scopeMatches(scope, rule.keywords) !== null).map((rule) => rule.code)));
  return codes;
}

const BASE31 = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 8 characters of an organisation code for entity n: a bijection of n, so codes never repeat. */
function organizationBase(n: number, seed: number, old: boolean): string {
  if (old) return `5${String((n * 7_777_777 + seed * 1_000_003) % 10_000_000).padStart(7, '0')}`;
  let v = (n * 7_777_777 + seed * 1_000_003) % 31 ** 5;
  let digits = '';
  for (let i = 0; i < 5; i++, v = Math.floor(v / 31)) digits = BASE31[v % 31] + digits;
  return `MAG${digits}`;
}

/** The authority that issues a licence of `type` to an entity of `region`: its region's mostly, another node's for a share. */
function issuerOf(type: string, region: string, r: Random): DemoAgency {
  const own = registrarFor(region);
  switch (type) {
    case TYPE_CODES.foodBusiness:
    case TYPE_CODES.foodWorkshop:
      return r.chance(0.12) ? agencyBySlug(r.pick(['fj-amr', 'fz-amr', 'xm-amr'].filter((slug) => slug !== own.slug))) : own;
    case TYPE_CODES.drugBusiness:
      return r.chance(0.3) ? agencyBySlug('fj-mpa') : own;
    case TYPE_CODES.constructionSafety:
      return agencyBySlug('fj-housing');
    case TYPE_CODES.medicalInstitution:
      return healthCommissionFor(region, r.chance(0.15) ? 'province' : 'city');
    case TYPE_CODES.roadTransport:
      return r.chance(0.1) ? agencyBySlug(region.startsWith('3502') ? 'fz-transport' : 'xm-transport') : transportBureauFor(region);
    case TYPE_CODES.carRental:
      return agencyBySlug('fz-transport');
    default:
      return own;
  }
}

/** A licence number in the type's printed shape; the serial makes it unique per type and issuer. */
function numberOf(type: string, entity: { uscc: string; region: string }, serial: string, issuedOn: string, catering: boolean): string {
  switch (type) {
    case TYPE_CODES.businessLicence:
      return entity.uscc;
    case TYPE_CODES.foodBusiness:
      return `JY${catering ? 2 : 1}${entity.region}${serial}`;
    case TYPE_CODES.constructionSafety:
      return `（闽）JZ安许证字〔${issuedOn.slice(0, 4)}〕${serial}`;
    case TYPE_CODES.medicalInstitution:
      return `${entity.uscc.slice(8, 17)}${entity.region}${serial}`;
    case TYPE_CODES.drugBusiness:
      return `闽DB${serial}`;
    case TYPE_CODES.roadTransport:
      return `闽交运管许可${entity.region.startsWith('3502') ? '厦' : '榕'}字${entity.region}${serial}号`;
    case TYPE_CODES.foodWorkshop:
      return `闽食坊登${entity.region}${serial}`;
    default:
      return `${issuedOn.slice(0, 4)}${serial}`;
  }
}

const CHANGE_OUTCOME: Partial<Record<StoredStatus, 'revoked' | 'withdrawn' | 'cancelled' | 'suspended'>> = {
  REVOKED: 'revoked',
  WITHDRAWN: 'withdrawn',
  CANCELLED: 'cancelled',
  SUSPENDED: 'suspended',
};

function reasonOf(type: string, status: StoredStatus, r: Random): string {
  const outcome = CHANGE_OUTCOME[status];
  const reasons = outcome ? REASONS[FAMILY_OF_TYPE[type]!]?.[outcome] : undefined;
  return reasons && reasons.length > 0 ? r.pick(reasons) : `依法${status === 'REVOKED' ? '吊销' : status === 'WITHDRAWN' ? '撤销' : status === 'SUSPENDED' ? '暂扣' : '注销'}`;
}

/**
 * Entity `n` of the generation with `seed` on `today`, with its certificates and annual reports:
 * the same whatever the total, so a benchmark can name any generated holder without a query.
 */
export function entityAt(seed: number, n: number, today: string, nodeCodes: ReadonlySet<string> = new Set(['350000', '350100', '350200'])): GeneratedEntity {
  const r = new Random(mulberry32(mix(seed, n)));
  const region = weighted(r, REGIONS, REGION_TOTAL);
  const industry = weighted(r, INDUSTRY_WEIGHTS, INDUSTRY_TOTAL);
  const spec = INDUSTRIES[industry];
  const place = districtOf(CITY_SEAT[region] ?? region);
  // Province-level firms sit in Fuzhou: they are named with its trade names and dishes.
  const city = cityOf(region === '350000' ? '350100' : region);
  const ageDays = r.chance(0.65) ? r.int(30, 3652) : r.int(3653, 9131);
  const establishedOn = addDays(today, -ageDays);
  const female = r.chance(0.4);
  const surname = r.pick(SURNAMES);
  const given = r.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  const name = spec.name({ district: place, city, tradeName: r.pick([...city.tradeNames, ...GENERIC_TRADE_NAMES]), surname, given, pick: (list) => r.pick(list) });
  const category: EntityCategory = spec.kind;
  const uscc = makeUscc(category, region, organizationBase(n, seed, ageDays > 11 * 365.25));
  const birth = addDays(establishedOn, -r.int(23 * 365, 55 * 365));
  const idNumber = makeResidentId(place.code === '350000' ? '350102' : place.code, birth, r.int(0, 999));
  const address = `${place.address}${r.pick(place.streets)}${r.int(1, 388)}号${r.chance(0.5) ? `${r.int(1, 28)}层` : ''}`;
  const u = r.float();
  const status = u < SHARES.revoked ? 'REVOKED' : u < SHARES.revoked + SHARES.cancelled ? 'CANCELLED' : 'ACTIVE';
  const closedOn = status === 'ACTIVE' ? null : addDays(establishedOn, Math.min(ageDays - 1, r.int(180, Math.max(180, ageDays - 1))));
  const stillValid = status !== 'ACTIVE' && r.chance(SHARES.closedStillValid);
  const registrar = registrarFor(region);
  const entity: GeneratedEntity = {
    n,
    uscc,
    name,
    region,
    node: nodeForRegion(region, nodeCodes),
    industry,
    status,
    legalRepresentative: surname + given,
    idNumber,
    address,
    scope: spec.scope,
    establishedOn,
    closedOn,
    registrar,
    entityType: spec.entityTypes.length > 0 ? r.pick(spec.entityTypes) : '',
    capital: spec.capitals.length > 0 ? r.pick(spec.capitals) : '',
    rules: matchedRules(spec.scope),
    certificates: [],
    reports: [],
  };

  const slots = new Map<string, number>();
  const serialFor = (issuer: DemoAgency) => {
    const k = slots.get(issuer.code) ?? 0;
    if (k >= SERIAL_SLOTS) throw new RangeError(`entity ${n}: more than ${SERIAL_SLOTS} certificates of one issuer`);
    slots.set(issuer.code, k + 1);
    return String(SERIAL_BASE + n * SERIAL_SLOTS + k);
  };
  const catering = entity.rules.includes('CATERING');
  const push = (type: DemoCertificateType, issuer: DemoAgency, serial: string, version: string, issuedOn: string, validUntil: string | null, status: StoredStatus, changedOn: string | null, changeReason: string | null) => {
    entity.certificates.push({
      id: buildCertificateId({ typeCode: type.code, issuer: issuer.code, serial, version }),
      type,
      issuer,
      node: nodeForRegion(issuer.region, nodeCodes),
      serial,
      version,
      number: numberOf(type.code, entity, serial, issuedOn, catering),
      issuedOn,
      validUntil,
      status,
      origin: originFor(daysBetween(issuedOn, today), r.float()),
      changedOn,
      changeReason,
    });
  };
  /** What closing did to a certificate still valid then: revoked with the entity, or cancelled. */
  const closing = (type: string): { status: StoredStatus; reason: string } =>
    type === TYPE_CODES.businessLicence
      ? status === 'REVOKED'
        ? { status: 'REVOKED', reason: r.pick(Object.values(BUSINESS_REVOKED)) }
        : { status: 'CANCELLED', reason: r.pick(BUSINESS_CANCELLED) }
      : { status: 'CANCELLED', reason: status === 'REVOKED' ? LICENCE_AFTER_REVOCATION : LICENCE_AFTER_DEREGISTRATION };

  // The business licence: one serial, a new version at each amended registration (变更登记).
  const licence = TYPES.get(TYPE_CODES.businessLicence)!;
  const licenceSerial = serialFor(registrar);
  const end = closedOn !== null && !stillValid ? closing(licence.code) : null;
  const lastDay = closedOn ?? addDays(today, -1);
  let amendments = 0;
  while (amendments < 3 && r.chance(SHARES.amendedBusinessLicence)) amendments++;
  const versionDays = [establishedOn];
  for (let k = 0; k < amendments; k++) {
    const from = addDays(versionDays.at(-1)!, 30);
    if (from >= lastDay) break;
    versionDays.push(addDays(from, r.int(0, daysBetween(from, lastDay))));
  }
  versionDays.forEach((day, k) => {
    const version = String(k + 1).padStart(3, '0');
    if (k < versionDays.length - 1) push(licence, registrar, licenceSerial, version, day, null, 'SUPERSEDED', versionDays[k + 1]!, '变更登记，换发营业执照');
    else push(licence, registrar, licenceSerial, version, day, null, end?.status ?? 'VALID', end ? closedOn : null, end?.reason ?? null);
  });

  // The licences the scope's rules require (and a car-rental firm's 备案证明): a chain of terms each.
  const required = [...new Set(entity.rules.map((code) => RULES.find((rule) => rule.code === code)!.certificateType))];
  if (industry === 'carRental') required.push(TYPE_CODES.carRental);
  const keptSince = addYears(today, -KEPT_YEARS);
  for (const typeCode of required) {
    const type = TYPES.get(typeCode)!;
    const issuer = issuerOf(typeCode, region, r);
    const fate = r.float();
    if (status === 'ACTIVE' && fate < SHARES.unlicensed) continue;
    const terms: Array<{ from: string; until: string | null }> = [];
    const horizon = closedOn !== null && !stillValid ? closedOn : today;
    for (let from = addDays(establishedOn, r.int(10, 120)); from <= horizon; ) {
      const until = type.validityYears === null ? null : termEnd(from, type.validityYears);
      if (until === null || until >= keptSince) terms.push({ from, until });
      if (until === null || until >= today) break;
      from = addDays(until, 1);
    }
    const expiredFate = status === 'ACTIVE' && fate < SHARES.unlicensed + SHARES.expired;
    // Let the last term expire: the one running today is never issued.
    if (expiredFate && terms.length > 1 && terms.at(-1)!.until !== null) terms.pop();
    const revokedFate = status === 'ACTIVE' && !expiredFate && fate < SHARES.unlicensed + SHARES.expired + SHARES.revokedLicence;
    terms.forEach((term, i) => {
      const last = i === terms.length - 1;
      let stored: StoredStatus = 'VALID';
      let changedOn: string | null = null;
      let reason: string | null = null;
      if (last && revokedFate && term.from < today) {
        stored = r.pick<StoredStatus>(['REVOKED', 'REVOKED', 'WITHDRAWN', 'CANCELLED', 'SUSPENDED']);
        changedOn = addDays(term.from, r.int(1, daysBetween(term.from, today) - 1 || 1));
        reason = reasonOf(typeCode, stored, r);
      } else if (last && closedOn !== null && !stillValid && (term.until === null || term.until >= closedOn)) {
        ({ status: stored, reason } = closing(typeCode));
        changedOn = closedOn;
      }
      push(type, issuer, serialFor(issuer), '001', term.from, term.until, stored, changedOn, reason);
    });
  }

  // Annual reports of the ACTIVE entities: the list's year and the year before.
  if (status === 'ACTIVE') {
    const listed = listedYear(today);
    for (const [year, share] of [[listed - 1, SHARES.reportFiledYearBefore], [listed, SHARES.reportFiled]] as const) {
      if (establishedOn > foundedBy(year) || !r.chance(share)) continue;
      const late = r.chance(SHARES.reportLate);
      const lateUntil = [addDays(today, -1), reportDeadline(year + 1)].sort()[0]!;
      const day = late && lateUntil > reportDeadline(year)
        ? addDays(reportDeadline(year), r.int(1, daysBetween(reportDeadline(year), lateUntil)))
        : addDays(`${year + 1}-01-01`, r.int(0, daysBetween(`${year + 1}-01-01`, reportDeadline(year))));
      const filed = (on: string, version: number): GeneratedReport => ({
        year,
        version,
        filedAt: new Date(`${on}T${String(r.int(8, 21)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`),
        filedLate: on > reportDeadline(year),
        employees: r.int(1, spec.kind === '92' ? 8 : 300),
        revenue: `${r.int(50_000, spec.kind === '92' ? 2_000_000 : 90_000_000)}.00`,
        phone: `${region.startsWith('3502') ? '0592' : '0591'}-${r.int(2_000_0000, 8_999_9999)}`,
        salt: Array.from({ length: 4 }, () => r.int(0, 0xffffffff).toString(16).padStart(8, '0')).join(''),
        website: r.chance(0.1) ? `https://www.${uscc.slice(8, 16).toLowerCase()}.cn` : null,
      });
      entity.reports.push(filed(day, 1));
      if (day < reportDeadline(year) && r.chance(SHARES.reportAmended)) {
        entity.reports.push(filed(addDays(day, r.int(1, daysBetween(day, reportDeadline(year)))), 2));
      }
    }
  }
  return entity;
}

/**
 * The findings the nodes should report for `entity` on `today`, by kind: the rules of
 * subgraphs/certificate/supervision/findings.ts applied to what the model generated, so a
 * benchmark can check the engine's totalCount against the data.
 */
export function expectedFindings(entity: GeneratedEntity, today: string): Partial<Record<FindingKind, number>> {
  const found: Partial<Record<FindingKind, number>> = {};
  const add = (kind: FindingKind) => (found[kind] = (found[kind] ?? 0) + 1);
  const current = entity.certificates
    .filter((certificate) => certificate.status !== 'SUPERSEDED')
    .map((certificate) => {
      const status = effectiveStatus.of({ status: certificate.status, validUntil: certificate.validUntil, pendingStatus: null, pendingEffectiveOn: null }, today);
      return { ...certificate, effective: status, since: status === 'VALID' ? null : status === 'EXPIRED' ? dayAfter(certificate.validUntil!) : certificate.changedOn };
    });
  if (entity.status === 'ACTIVE') {
    for (const code of entity.rules) {
      const type = RULES.find((rule) => rule.code === code)!.certificateType;
      const held = current.filter((certificate) => certificate.type.code === type);
      if (held.some((certificate) => certificate.effective === 'VALID')) continue;
      const last = held.reduce<(typeof held)[number] | null>((best, c) => (best === null || (c.since ?? '') > (best.since ?? '') ? c : best), null);
      add(last === null ? 'UNLICENSED' : last.effective === 'EXPIRED' ? 'LICENCE_EXPIRED' : 'LICENCE_REVOKED');
    }
    const year = listedYear(today);
    if (today > reportDeadline(year) && entity.establishedOn <= foundedBy(year) && !entity.reports.some((report) => report.year === year && report.version === 1)) {
      add('ANNUAL_REPORT_MISSING');
    }
  } else if (current.some((certificate) => certificate.effective === 'VALID')) {
    add('CLOSED_WITH_VALID_LICENCES');
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Rows

/** China time on a day: the hour an office records things at. */
const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

/** What an item of a certificate's face says, from the entity where it can. */
function itemValue(code: string, name: string, entity: GeneratedEntity, certificate: GeneratedCertificate): string {
  switch (code) {
    case 'uscc':
    case 'creditCode':
      return entity.uscc;
    case 'name':
    case 'enterpriseName':
    case 'operatorName':
    case 'institutionName':
    case 'operator':
    case 'applicant':
      return entity.name;
    case 'legalRepresentative':
    case 'principal':
    case 'enterprisePrincipal':
    case 'qualityPrincipal':
      return entity.legalRepresentative;
    case 'address':
    case 'domicile':
    case 'premises':
    case 'registeredAddress':
    case 'location':
    case 'warehouseAddress':
      return entity.address;
    case 'businessScope':
      return entity.scope;
    case 'entityType':
      return entity.entityType || '有限责任公司';
    case 'registeredCapital':
      return entity.capital || '壹佰万圆整';
    case 'establishedOn':
      return entity.establishedOn;
    case 'businessTerm':
      return `${entity.establishedOn}至长期`;
    case 'issuingAuthority':
    case 'registrationAuthority':
    case 'filingAuthority':
    case 'supervisoryAuthority':
    case 'certifyingAuthority':
      return certificate.issuer.name;
    default:
      return `${name}（${certificate.number}）`;
  }
}

/** A value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

type Row = Array<string | number | boolean | null>;

/** The tables the generator fills, each with the columns it writes (SQL names from the Drizzle tables). */
const TABLES = {
  legalEntities: {
    table: legalEntities,
    columns: [legalEntities.uscc, legalEntities.name, legalEntities.status, legalEntities.legalRepresentative, legalEntities.legalRepresentativeIdNumber,
      legalEntities.address, legalEntities.businessScope, legalEntities.establishedOn, legalEntities.registeredBy, legalEntities.registeredAt, legalEntities.updatedAt],
  },
  annualReports: {
    table: annualReports,
    columns: [annualReports.uscc, annualReports.year, annualReports.version, annualReports.name, annualReports.address, annualReports.phone, annualReports.email,
      annualReports.employees, annualReports.operatingStatus, annualReports.website, annualReports.revenue, annualReports.filedAt, annualReports.filedLate,
      annualReports.salt, annualReports.sealKeyId, annualReports.sealSignature],
  },
  certificates: {
    table: certificates,
    columns: [certificates.id, certificates.typeCode, certificates.typeName, certificates.number, certificates.holderKind, certificates.holderCode,
      certificates.holderName, certificates.issuerCode, certificates.issuerName, certificates.issuedOn, certificates.validFrom, certificates.validUntil,
      certificates.status, certificates.origin, certificates.serial, certificates.version, certificates.createdAt, certificates.updatedAt, certificates.enteredAt, certificates.supersededAt],
  },
  certificateItems: {
    table: certificateItems,
    columns: [certificateItems.certificateId, certificateItems.position, certificateItems.code, certificateItems.name, certificateItems.value],
  },
  statusChanges: {
    table: statusChanges,
    columns: [statusChanges.certificateId, statusChanges.at, statusChanges.actor, statusChanges.fromStatus, statusChanges.toStatus, statusChanges.reason, statusChanges.effectiveOn],
  },
} satisfies Record<string, { table: PgTable; columns: PgColumn[] }>;

export type GeneratedTable = keyof typeof TABLES;

/** The rows of `entity`, table by table, each with the node that keeps it. */
function* rowsOf(entity: GeneratedEntity): Generator<[GeneratedTable, string, Row]> {
  const e = entity;
  yield ['legalEntities', e.node, [e.uscc, e.name, e.status, e.legalRepresentative, e.idNumber, e.address, e.scope, e.establishedOn, e.registrar.code,
    at(e.establishedOn, 9), at(e.closedOn ?? e.establishedOn, e.closedOn ? 16 : 9)]];
  for (const report of e.reports) {
    yield ['annualReports', e.node, [e.uscc, report.year, report.version, e.name, e.address, report.phone, `office@${e.uscc.slice(8, 16).toLowerCase()}.cn`,
      report.employees, 'OPERATING', report.website, report.revenue, report.filedAt.toISOString(), report.filedLate, report.salt, UNSEALED.keyId, UNSEALED.signature]];
  }
  for (const c of e.certificates) {
    const superseded = c.status === 'SUPERSEDED' ? at(c.changedOn!, 11) : null;
    yield ['certificates', c.node, [c.id, c.type.code, c.type.name, c.number, 'ORGANIZATION', e.uscc, e.name, c.issuer.code, c.issuer.name, c.issuedOn, c.issuedOn,
      c.validUntil, c.status, c.origin, c.serial, c.version, at(c.issuedOn), at(c.changedOn ?? c.issuedOn), at(c.issuedOn), superseded]];
    let position = 0;
    for (const item of c.type.items) yield ['certificateItems', c.node, [c.id, position++, item.code, item.name, itemValue(item.code, item.name, e, c)]];
    yield ['statusChanges', c.node, [c.id, at(c.issuedOn), c.issuer.code, null, 'VALID', c.origin === 'CONVERTED' ? '存量转换' : '颁发', c.issuedOn]];
    if (c.changedOn !== null) yield ['statusChanges', c.node, [c.id, at(c.changedOn, 11), c.issuer.code, 'VALID', c.status, c.changeReason ?? '', c.changedOn]];
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

/** One COPY … FROM STDIN stream: rows gathered into chunks, written with backpressure. */
class CopyStream {
  rows = 0;
  #chunk: string[] = [];
  #size = 0;

  private constructor(private readonly writable: NodeJS.WritableStream) {}

  static async open(sql: postgres.Sql, spec: { table: PgTable; columns: PgColumn[] }): Promise<CopyStream> {
    const writable = await sql`copy ${sql(qualified(spec.table))} (${sql(spec.columns.map((column) => column.name))}) from stdin`.writable();
    return new CopyStream(writable);
  }

  push(row: Row): void {
    const line = row.map(field).join('\t') + '\n';
    this.#chunk.push(line);
    this.#size += line.length;
    this.rows++;
  }

  /** Writes what was gathered once it is worth a write (or always, when `force`), waiting while the connection is full. */
  async flush(force = false): Promise<void> {
    if (this.#size === 0 || (!force && this.#size < 1 << 16)) return;
    const chunk = this.#chunk.join('');
    this.#chunk = [];
    this.#size = 0;
    if (!this.writable.write(chunk)) await once(this.writable, 'drain');
  }

  async end(): Promise<void> {
    await this.flush(true);
    const done = once(this.writable, 'finish');
    this.writable.end();
    await done;
  }
}

/** `schema.table` of a Drizzle table. */
const qualified = (table: PgTable): string => {
  const { schema, name } = getTableConfig(table);
  return `${schema}.${name}`;
};

/** The tables of a node the load writes, as regclass text. */
const LOADED = Object.values(TABLES).map(({ table }) => qualified(table));

interface Definition {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the indexes, primary keys and foreign keys of the loaded tables (and the foreign keys of
 * other tables that point at them) and answers how to build them again. The statements are
 * PostgreSQL's own definitions from its catalog (pg_get_constraintdef, pg_get_indexdef), so what
 * is built again is exactly what the migrations made.
 */
async function dropIndexes(sql: postgres.Sql): Promise<{ constraints: Definition[]; indexes: Definition[]; foreignKeys: Definition[] }> {
  const constraints = await sql<Array<Definition & { type: string }>>`
    select c.conrelid::regclass::text as table, quote_ident(c.conname) as name, pg_get_constraintdef(c.oid) as definition, c.contype::text as type
    from pg_constraint c
    where c.contype in ('p', 'u', 'f') and (c.conrelid = any(${LOADED}::regclass[]) or c.confrelid = any(${LOADED}::regclass[]))`;
  const indexes = await sql<Definition[]>`
    select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid = any(${LOADED}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u'))`;
  const foreignKeys = constraints.filter((c) => c.type === 'f');
  const keys = constraints.filter((c) => c.type !== 'f');
  for (const c of foreignKeys) await sql.unsafe(`alter table ${c.table} drop constraint ${c.name}`);
  for (const c of keys) await sql.unsafe(`alter table ${c.table} drop constraint ${c.name}`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  return { constraints: keys, indexes, foreignKeys };
}

async function buildIndexes(sql: postgres.Sql, dropped: Awaited<ReturnType<typeof dropIndexes>>): Promise<void> {
  await sql`set maintenance_work_mem = '256MB'`;
  for (const c of dropped.constraints) await sql.unsafe(`alter table ${c.table} add constraint ${c.name} ${c.definition}`);
  for (const index of dropped.indexes) await sql.unsafe(index.definition);
  for (const c of dropped.foreignKeys) await sql.unsafe(`alter table ${c.table} add constraint ${c.name} ${c.definition}`);
}

export interface GenerateOptions {
  /** The PostgreSQL URL of each node's database, migrated and not in use by a node process (processes.ts PreparedHub.databaseUrls). */
  databaseUrls: ReadonlyMap<string, string>;
  entities: number;
  /** The seed of every draw (default 1). */
  seed?: number;
  /** The day the data is generated for (YYYY-MM-DD, China time): ages, terms and reports count back from it. */
  today: string;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
}

export interface GenerationResult {
  entities: number;
  seed: number;
  today: string;
  seconds: { copy: number; indexes: number; vacuum: number; total: number };
  /** Rows written, per node and table. */
  rows: Record<string, Record<GeneratedTable, number>>;
  totalRows: number;
  /** Rows per second over the whole generation (copy, indexes and vacuum). */
  rowsPerSecond: number;
  /** pg_database_size of each node's database afterwards (the demo seed included). */
  databaseBytes: Record<string, number>;
  /** Findings the generated data holds, by kind (expectedFindings summed; the demo seed's own not counted). */
  expectedFindings: Record<FindingKind, number>;
}

/**
 * Generates `entities` legal entities with their certificates and annual reports into the nodes'
 * databases (see the top of this file), and answers what it wrote, how fast and how big.
 */
export async function generateProvince(options: GenerateOptions): Promise<GenerationResult> {
  const { databaseUrls, entities, today } = options;
  const seed = options.seed ?? 1;
  const log = options.log ?? ((line: string) => console.log(line));
  const nodeCodes = new Set(databaseUrls.keys());
  const started = performance.now();
  // One connection per table for the streams, one for the statements around them.
  const clients = new Map([...databaseUrls].map(([code, url]) => [code, postgres(url, { max: Object.keys(TABLES).length + 1, onnotice: () => {} })]));
  const issuers = new Map([...databaseUrls.keys()].map((code) => [code, new Set<string>()]));
  const expected: Record<FindingKind, number> = { UNLICENSED: 0, LICENCE_EXPIRED: 0, LICENCE_REVOKED: 0, CLOSED_WITH_VALID_LICENCES: 0, ANNUAL_REPORT_MISSING: 0 };
  try {
    const dropped = new Map(await Promise.all([...clients].map(async ([code, sql]) => [code, await dropIndexes(sql)] as const)));
    const streams = new Map(
      await Promise.all(
        [...clients].map(async ([code, sql]) => {
          const byTable = {} as Record<GeneratedTable, CopyStream>;
          for (const name of Object.keys(TABLES) as GeneratedTable[]) byTable[name] = await CopyStream.open(sql, TABLES[name]);
          return [code, byTable] as const;
        }),
      ),
    );
    const all = [...streams.values()].flatMap((byTable) => Object.values(byTable));
    const step = Math.max(1, Math.round(entities / 10));
    for (let n = 0; n < entities; n++) {
      const entity = entityAt(seed, n, today, nodeCodes);
      for (const [table, node, row] of rowsOf(entity)) streams.get(node)![table].push(row);
      for (const certificate of entity.certificates) issuers.get(certificate.node)!.add(certificate.issuer.code);
      for (const [kind, count] of Object.entries(expectedFindings(entity, today))) expected[kind as FindingKind] += count;
      if (n % 200 === 199) await Promise.all(all.map((stream) => stream.flush()));
      if ((n + 1) % step === 0) {
        const rows = all.reduce((sum, stream) => sum + stream.rows, 0);
        const seconds = (performance.now() - started) / 1000;
        log(`  ${n + 1} entities, ${rows} rows, ${seconds.toFixed(0)} s (${Math.round(rows / seconds)} rows/s)`);
      }
    }
    await Promise.all(all.map((stream) => stream.end()));
    const copied = performance.now();
    log(`  copied in ${((copied - started) / 1000).toFixed(0)} s; building indexes and keys…`);
    await Promise.all([...clients].map(([code, sql]) => buildIndexes(sql, dropped.get(code)!)));
    // Past every generated serial, so that the next certificate issued through the hub takes a fresh one.
    const lastSerial = SERIAL_BASE + entities * SERIAL_SLOTS;
    await Promise.all(
      [...clients].map(([code, sql]) => {
        const counters = [...(issuers.get(code) ?? [])].map((issuer) => ({ issuer_code: issuer, last_serial: lastSerial }));
        if (counters.length === 0) return null;
        return sql`
          insert into ${sql(qualified(issuerSerials))} ${sql(counters)}
          on conflict (issuer_code) do update set last_serial = greatest(${sql(qualified(issuerSerials))}.last_serial, excluded.last_serial)`;
      }),
    );
    const indexed = performance.now();
    log(`  indexes and keys in ${((indexed - copied) / 1000).toFixed(0)} s; VACUUM (ANALYZE)…`);
    await Promise.all([...clients].map(([, sql]) => sql.unsafe(`vacuum (analyze) ${LOADED.join(', ')}`)));
    const finished = performance.now();
    const rows = Object.fromEntries(
      [...streams].map(([code, byTable]) => [code, Object.fromEntries(Object.entries(byTable).map(([table, stream]) => [table, stream.rows])) as Record<GeneratedTable, number>]),
    );
    const totalRows = all.reduce((sum, stream) => sum + stream.rows, 0);
    const databaseBytes = Object.fromEntries(
      await Promise.all([...clients].map(async ([code, sql]) => [code, Number((await sql`select pg_database_size(current_database()) as size`)[0]!['size'])] as const)),
    );
    const total = (finished - started) / 1000;
    return {
      entities,
      seed,
      today,
      seconds: { copy: (copied - started) / 1000, indexes: (indexed - copied) / 1000, vacuum: (finished - indexed) / 1000, total },
      rows,
      totalRows,
      rowsPerSecond: totalRows / total,
      databaseBytes,
      expectedFindings: expected,
    };
  } finally {
    await Promise.all([...clients.values()].map((sql) => sql.end({ timeout: 5 })));
  }
}

/** The generation as a table to print: rows per table and node, and each database's size. */
export function generationTable(result: GenerationResult): Array<Record<string, string | number>> {
  const tables = Object.keys(TABLES) as GeneratedTable[];
  return Object.entries(result.rows).map(([node, rows]) => ({
    node,
    ...Object.fromEntries(tables.map((table) => [table, rows[table]])),
    'database MB': Math.round(result.databaseBytes[node]! / 2 ** 20),
  }));
}

/** Drops the nodes' databases (a million entities take gigabytes). */
export async function dropDatabases(databaseUrls: ReadonlyMap<string, string>): Promise<void> {
  for (const url of databaseUrls.values()) await dropDatabase(url);
}
