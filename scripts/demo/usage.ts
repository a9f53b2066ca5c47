/**
 * How the demo hub was used over the last two years, so that usage statistics (usageStatistics)
 * and the monthly report (每月通报) show trends from the first start:
 * - public verifications (公众核验) of the certificates each node keeps, counted per day, type and
 *   outcome, more as more certificates came in and more people scanned their codes;
 * - 免提交 checks of the demo matters at the node of each matter's agency, more every month as
 *   counters took them up, fewer of them NOT_FOUND as the conversion campaign brought the paper
 *   stock in;
 * - agencies' reads of shared certificates for their purposes (食品经营许可审查, 企业开办审核,
 *   招投标资格审查 …, SUPERVISION for the market regulators' online checks), the supervisors'
 *   supervision findings and their random inspection draws (双随机), as access records of the
 *   nodes that keep what was read.
 *
 * Working days, China office hours, from the first day of the month 23 months before today's
 * to yesterday: the history is over before the hub starts. Drawn from its own PRNG, apart from
 * the generator's, so the same data and day give the same history on every machine.
 */
import { createHash } from 'node:crypto';
import { matterCodeAgency, matterCodeRegion, usccRegion } from '../../lib/codes.js';
import { DRAW_ALGORITHM } from '../../lib/draw.js';
import { materialAccess } from '../../lib/material-access.js';
import type { MaterialCheckOutcome } from '../../lib/material-check.js';
import type { FindingKind } from '../../subgraphs/certificate/generated/resolvers.js';
import { checkedDraw } from '../../subgraphs/certificate/resolvers/draws.js';
import type { VerificationOutcome } from '../../subgraphs/certificate/verification-tally.js';
import { agencyBySlug, MARKET_REGULATORS, type DemoAgency } from './agencies.js';
import { addDays, daysBetween, isWorkday, monthStart } from './calendar.js';
import { CERTIFICATE_TYPES, demoGrantClaims, TYPE_CODES } from './certificate-types.js';
import { MATTER_CODES } from './matter-codes.js';
import { DEMO_MATTERS } from './matters.js';
import { enteredOn, type DemoCertificate, type DemoData } from './model.js';
import { mulberry32, Random } from './random.js';
import { RECENT_MONTHS } from './recent.js';

/** One day's verifications of one type at a node, with one outcome (certificate.verification_counts). */
export interface DemoVerificationCount {
  node: string;
  day: string;
  /** '' for an id the node does not keep (NOT_FOUND). */
  typeCode: string;
  outcome: VerificationOutcome;
  count: number;
}

/** One day's 免提交 checks of one matter, at its agency's node (certificate.matter_check_counts and material_check_counts). */
export interface DemoMatterChecks {
  node: string;
  matterCode: string;
  day: string;
  checks: number;
  /** Checks in which every required material was ELECTRONIC. */
  allPaperless: number;
  /** Every material of every check, counted by type and outcome. */
  materials: Array<{ certificateType: string; outcome: MaterialCheckOutcome; count: number }>;
}

/** A certificate as the data knows it before the hub has given it an id. */
export interface CertificateKey {
  typeCode: string;
  issuerCode: string;
  number: string;
}

/** What one access record of a request says: about which certificate (or none), which fields, what detail. */
export interface DemoAccessRecord {
  certificate: CertificateKey | null;
  holderCode: string | null;
  /** Sorted, without repeats. */
  fields: string[];
  /** JSON, for a change (an inspection draw); null for a read. */
  detail: string | null;
}

/** One request of an agency as one node recorded it: its instant, who, why, and a record per certificate. */
export interface DemoRequest {
  node: string;
  /** ISO 8601 instant, China office hours. */
  at: string;
  agency: DemoAgency;
  purpose: string;
  requestId: string;
  records: DemoAccessRecord[];
}

/** The history, each part as the seed writes it: counts per node and day, and the requests in the order they were made. */
export interface DemoUsage {
  verifications: DemoVerificationCount[];
  matterChecks: DemoMatterChecks[];
  /** In time order. */
  requests: DemoRequest[];
}

/** The seed of the usage history's PRNG ('use'); apart from the generator's (drafting.ts). */
const USAGE_SEED = 0x75_7365;

/** Verifications per certificate kept and day, once scanning a certificate's code had caught on. */
const VERIFICATIONS_PER_CERTIFICATE_DAY = 0.02;
const VERIFICATION_OUTCOME_SHARES = { NOT_VALID: 0.06, TAMPERED: 0.003 } as const;
/** Ids a node does not keep, asked of it per day (a mistyped code, another province's). */
const NOT_FOUND_PER_NODE_DAY = 0.1;

/** 免提交 checks per working day of each matter, once counters had taken it up. */
const CHECKS_PER_DAY: Readonly<Record<string, number>> = {
  [MATTER_CODES.fuzhouFoodLicence]: 2.5,
  [MATTER_CODES.xiamenFoodLicenceRenewal]: 2,
  [MATTER_CODES.constructionPermit]: 1,
  [MATTER_CODES.drugWholesale]: 0.3,
  [MATTER_CODES.outdoorAdvertisingRenewal]: 0.6,
  [MATTER_CODES.freightTransport]: 0.8,
  [MATTER_CODES.taxRegistration]: 3,
  [MATTER_CODES.sealEngraving]: 2,
  [MATTER_CODES.medicalInstitutionChange]: 0.3,
  [MATTER_CODES.physicianRelocation]: 0.4,
  [MATTER_CODES.teacherRegistration]: 0.8,
};

/** What a reader reads of each type: the items its review needs (as the access log names them, `items.<code>`). */
const ITEMS_READ: Readonly<Record<string, readonly string[]>> = {
  [TYPE_CODES.businessLicence]: ['uscc', 'name', 'legalRepresentative', 'address', 'businessScope'],
  [TYPE_CODES.foodBusiness]: ['operatorName', 'creditCode', 'premises', 'businessFormat', 'businessItems'],
  [TYPE_CODES.drugBusiness]: ['enterpriseName', 'creditCode', 'operationMode', 'businessScope'],
  [TYPE_CODES.foodWorkshop]: ['name', 'creditCode', 'premises', 'foodVarieties'],
  [TYPE_CODES.roadTransport]: ['operatorName', 'address', 'businessScope'],
  [TYPE_CODES.outdoorAdvertising]: ['applicant', 'location', 'form', 'size'],
  [TYPE_CODES.medicalInstitution]: ['institutionName', 'address', 'principal', 'departments'],
  // Through the demo grants: only the items they name.
  [TYPE_CODES.constructionSafety]: ['enterpriseName', 'principal', 'scope'],
  [TYPE_CODES.foodVendor]: ['name', 'idNumber', 'location'],
};

/**
 * Why agencies read shared certificates: the reader, its purpose (用证事由), the types it looks
 * for (one of `types`), the holder's other certificates it reads beside (`with`), whose (holders
 * registered in a city: the first four digits of their code), and how often (weight). Every
 * read is one the hub allows: a type shared unconditionally, the reader's own, or a demo grant's
 * items for the grant's purpose.
 */
interface ReadScenario {
  reader: string;
  purpose: string;
  types: readonly string[];
  with?: readonly string[];
  city?: string;
  /** Only certificates the reader issued itself (a type it could not read otherwise). */
  own?: boolean;
  weight: number;
}

/** The market regulators' online checks (非现场监管) of their cities' licensed businesses. */
const SUPERVISION_WEIGHT: Readonly<Record<string, number>> = { '3501': 6, '3502': 6, '3505': 3 };
const SUPERVISION_SCENARIOS: ReadScenario[] = MARKET_REGULATORS.filter((slug) => agencyBySlug(slug).roles.includes('consumer')).map((slug) => {
  const city = agencyBySlug(slug).region.slice(0, 4);
  return { reader: slug, purpose: 'SUPERVISION', types: [TYPE_CODES.foodBusiness, TYPE_CODES.drugBusiness, TYPE_CODES.foodWorkshop], city, weight: SUPERVISION_WEIGHT[city] ?? 1.5 };
});

const READ_SCENARIOS: readonly ReadScenario[] = [
  { reader: 'fz-amr', purpose: '食品经营许可审查', types: [TYPE_CODES.businessLicence], with: [TYPE_CODES.foodBusiness], city: '3501', weight: 6 },
  { reader: 'xm-amr', purpose: '食品经营许可审查', types: [TYPE_CODES.businessLicence], with: [TYPE_CODES.foodBusiness], city: '3502', weight: 6 },
  { reader: 'qz-amr', purpose: '食品经营许可审查', types: [TYPE_CODES.businessLicence], with: [TYPE_CODES.foodBusiness], city: '3505', weight: 2 },
  { reader: 'fz-tax', purpose: '税务登记信息核验', types: [TYPE_CODES.businessLicence], city: '3501', weight: 6 },
  { reader: 'fz-tax', purpose: '税务登记信息核验', types: [TYPE_CODES.constructionSafety], weight: 1 },
  { reader: 'xm-police', purpose: '企业开办审核', types: [TYPE_CODES.businessLicence], city: '3502', weight: 5 },
  { reader: 'xm-police', purpose: '治安案件调查', types: [TYPE_CODES.foodVendor], weight: 1 },
  { reader: 'fj-housing', purpose: '招投标资格审查', types: [TYPE_CODES.constructionSafety], with: [TYPE_CODES.businessLicence], own: true, weight: 4 },
  { reader: 'fj-mpa', purpose: '药品经营许可审查', types: [TYPE_CODES.drugBusiness], with: [TYPE_CODES.businessLicence], weight: 2 },
  { reader: 'xm-transport', purpose: '道路运输经营许可审查', types: [TYPE_CODES.roadTransport], with: [TYPE_CODES.businessLicence], city: '3502', weight: 1 },
  { reader: 'xm-municipal', purpose: '户外广告设置许可审查', types: [TYPE_CODES.outdoorAdvertising], with: [TYPE_CODES.businessLicence], city: '3502', weight: 1 },
  { reader: 'xm-health', purpose: '医疗机构执业登记审查', types: [TYPE_CODES.medicalInstitution], with: [TYPE_CODES.businessLicence], city: '3502', own: true, weight: 1 },
  ...SUPERVISION_SCENARIOS,
];

/** The supervisors who look at supervision findings and draw whom to inspect. */
const SUPERVISOR = 'fj-inspect';
const SUPERVISION_PURPOSE = 'SUPERVISION';
/** What a draw drew from, in turn: a kind of findings, or all of them (null). */
const DRAW_KINDS: ReadonlyArray<FindingKind | null> = ['LICENCE_EXPIRED', 'UNLICENSED', null, 'ANNUAL_REPORT_MISSING', 'LICENCE_REVOKED'];

/** Poisson-distributed count with mean `mean` (Knuth: a handful of draws for the small means here). */
function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = r.float(); p > limit; p *= r.float()) k++;
  return k;
}

/** How many of `n` happen, each with chance `p`. */
function binomial(r: Random, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (r.chance(p)) k++;
  return k;
}

/** A request id as the gateway gives one (a version 4 UUID), from the PRNG. */
function requestIdOf(r: Random): string {
  const hex = Array.from({ length: 32 }, () => r.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + r.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** An instant of `day` in China office hours (08:30–17:30), to the millisecond. */
function officeInstant(r: Random, day: string): string {
  const ms = r.int(8.5 * 3_600_000, 17.5 * 3_600_000 - 1);
  const hh = String(Math.floor(ms / 3_600_000)).padStart(2, '0');
  const mm = String(Math.floor(ms / 60_000) % 60).padStart(2, '0');
  const ss = String(Math.floor(ms / 1000) % 60).padStart(2, '0');
  return new Date(`${day}T${hh}:${mm}:${ss}.${String(ms % 1000).padStart(3, '0')}+08:00`).toISOString();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const keyOf = (c: DemoCertificate): CertificateKey => ({ typeCode: c.typeCode, issuerCode: c.issuerCode, number: c.number });

/** The fields a read of `certificate` returns: whose it is and the items read. */
const readFields = (certificate: DemoCertificate): string[] =>
  ['holderCode', 'holderName', ...(ITEMS_READ[certificate.typeCode] ?? []).filter((code) => certificate.items.some((item) => item.code === code)).map((code) => `items.${code}`)].sort();

/**
 * The usage history of the demo data `data` for a hub started on `today` whose nodes are `nodes`,
 * each certificate, matter and agency kept at the node `nodeOf` names for its region.
 */
export function demoUsage(data: DemoData, today: string, nodes: readonly string[], nodeOf: (region: string) => string): DemoUsage {
  const r = new Random(mulberry32(USAGE_SEED));
  const first = monthStart(today, RECENT_MONTHS - 1);
  const span = daysBetween(first, today);
  const days = Array.from({ length: span }, (_, i) => addDays(first, i));
  /** How far the history is on `day`: 0 on its first day, 1 on the last. */
  const progress = (day: string) => daysBetween(first, day) / Math.max(1, span - 1);
  return {
    verifications: verifications(r, data, days, progress, nodeOf),
    matterChecks: matterChecks(r, days, progress, nodeOf),
    requests: requests(r, data, today, progress, nodes, nodeOf),
  };
}

function verifications(r: Random, data: DemoData, days: readonly string[], progress: (day: string) => number, nodeOf: (region: string) => string): DemoVerificationCount[] {
  // Per node and type, the days its certificates came into the hub, in order: only those in by a day are verified on it.
  const entered = new Map<string, Map<string, string[]>>();
  for (const certificate of data.certificates) {
    const node = nodeOf(usccRegion(certificate.issuerCode));
    const byType = entered.get(node) ?? new Map<string, string[]>();
    byType.set(certificate.typeCode, [...(byType.get(certificate.typeCode) ?? []), enteredOn(certificate)]);
    entered.set(node, byType);
  }
  const rows: DemoVerificationCount[] = [];
  for (const [node, byType] of [...entered].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const types = [...byType].sort(([a], [b]) => (a < b ? -1 : 1)).map(([typeCode, list]) => ({ typeCode, list: list.sort(), present: 0 }));
    for (const day of days) {
      // Scanning caught on: a third as often at first; and less at weekends.
      const uptake = (0.35 + 0.65 * progress(day)) * (isWorkday(day) ? 1 : 0.4);
      for (const type of types) {
        while (type.present < type.list.length && type.list[type.present]! <= day) type.present++;
        const n = poisson(r, VERIFICATIONS_PER_CERTIFICATE_DAY * type.present * uptake);
        if (n === 0) continue;
        const notValid = binomial(r, n, VERIFICATION_OUTCOME_SHARES.NOT_VALID);
        const tampered = binomial(r, n - notValid, VERIFICATION_OUTCOME_SHARES.TAMPERED);
        const counts: Array<[VerificationOutcome, number]> = [['VALID', n - notValid - tampered], ['NOT_VALID', notValid], ['TAMPERED', tampered]];
        for (const [outcome, count] of counts) if (count > 0) rows.push({ node, day, typeCode: type.typeCode, outcome, count });
      }
      const notFound = poisson(r, NOT_FOUND_PER_NODE_DAY * uptake);
      if (notFound > 0) rows.push({ node, day, typeCode: '', outcome: 'NOT_FOUND', count: notFound });
    }
  }
  return rows;
}

function matterChecks(r: Random, days: readonly string[], progress: (day: string) => number, nodeOf: (region: string) => string): DemoMatterChecks[] {
  const typeByCode = new Map(CERTIFICATE_TYPES.map((type) => [type.code, type]));
  const rows: DemoMatterChecks[] = [];
  for (const matter of DEMO_MATTERS) {
    const node = nodeOf(matterCodeRegion(matter.code));
    const grants = demoGrantClaims(matterCodeAgency(matter.code));
    const materials = matter.materials.map((material) => {
      const type = typeByCode.get(material.certificateType);
      return {
        ...material,
        readable: materialAccess(material, type ?? null, matter.code, grants, new Date()).readable,
        termed: (type?.validityYears ?? null) !== null,
      };
    });
    for (const day of days.filter(isWorkday)) {
      // Counters took 免提交 up over the two years; the paper stock coming in left fewer applicants without a certificate in the hub.
      const checks = poisson(r, CHECKS_PER_DAY[matter.code]! * (0.25 + 0.75 * progress(day)));
      if (checks === 0) continue;
      const missing = 0.1 - 0.06 * progress(day);
      const tally = new Map<string, { certificateType: string; outcome: MaterialCheckOutcome; count: number }>();
      let allPaperless = 0;
      for (let n = 0; n < checks; n++) {
        let paperless = true;
        for (const material of materials) {
          const u = r.float();
          const outcome: MaterialCheckOutcome =
            u < (material.required ? missing : 0.6) ? 'NOT_FOUND'
            : material.termed && u > 0.96 ? 'EXPIRED'
            : u > 0.99 ? 'NOT_VALID'
            : material.readable ? 'ELECTRONIC' : 'NEEDS_CONSENT';
          if (material.required && outcome !== 'ELECTRONIC') paperless = false;
          const key = `${material.certificateType} ${outcome}`;
          const entry = tally.get(key) ?? { certificateType: material.certificateType, outcome, count: 0 };
          entry.count++;
          tally.set(key, entry);
        }
        if (paperless) allPaperless++;
      }
      rows.push({ node, matterCode: matter.code, day, checks, allPaperless, materials: [...tally.values()] });
    }
  }
  return rows;
}

function requests(r: Random, data: DemoData, today: string, progress: (day: string) => number, nodes: readonly string[], nodeOf: (region: string) => string): DemoRequest[] {
  const byHolder = new Map<string, DemoCertificate[]>();
  for (const certificate of data.certificates) byHolder.set(certificate.holderCode, [...(byHolder.get(certificate.holderCode) ?? []), certificate]);
  // The README's holders are left out: their access log shows only what the README's own examples read.
  const showcase = new Set(data.holders.map((holder) => holder.code));
  // Each scenario's candidates, in the order they came into the hub: those in by a day can be read on it.
  const scenarios = READ_SCENARIOS.map((scenario) => ({
    ...scenario,
    candidates: data.certificates
      .filter((c) => scenario.types.includes(c.typeCode) && (scenario.city === undefined || (c.holderKind === 'ORGANIZATION' && usccRegion(c.holderCode).startsWith(scenario.city))))
      .filter((c) => !scenario.own || c.issuerCode === agencyBySlug(scenario.reader).code)
      .filter((c) => !showcase.has(c.holderCode))
      .sort((a, b) => (enteredOn(a) < enteredOn(b) ? -1 : enteredOn(a) > enteredOn(b) ? 1 : 0)),
  }));
  const totalWeight = scenarios.reduce((sum, s) => sum + s.weight, 0);
  const pickScenario = () => {
    let u = r.float() * totalWeight;
    for (const scenario of scenarios) if ((u -= scenario.weight) < 0) return scenario;
    return scenarios.at(-1)!;
  };
  const supervisor = agencyBySlug(SUPERVISOR);
  const drawNode = nodeOf(supervisor.region);
  const requests: DemoRequest[] = [];
  const findings = (at: string) => {
    const requestId = requestIdOf(r);
    // The gateway asks every node; each records the request once.
    for (const node of nodes) requests.push({ node, at, agency: supervisor, purpose: SUPERVISION_PURPOSE, requestId, records: [{ certificate: null, holderCode: null, fields: ['supervisionFindings'], detail: null }] });
  };
  const drawsInYear = new Map<string, number>();

  for (let month = 0; month < RECENT_MONTHS; month++) {
    const start = monthStart(today, RECENT_MONTHS - 1 - month);
    const workdays = Array.from({ length: 31 }, (_, i) => addDays(start, i)).filter((day) => day.slice(0, 7) === start.slice(0, 7) && day < today && isWorkday(day));
    const grow = month / (RECENT_MONTHS - 1);
    const reads = Math.round((8 + 24 * grow) * (0.85 + 0.3 * r.float()));
    const looks = Math.round((1 + 1.5 * grow) * (0.75 + 0.5 * r.float()));
    if (workdays.length === 0) continue;
    for (let n = 0; n < reads; n++) {
      const day = r.pick(workdays);
      const at = officeInstant(r, day);
      const scenario = pickScenario();
      const present = scenario.candidates.filter((c) => enteredOn(c) <= day);
      if (present.length === 0) continue;
      const read = r.pick(present);
      const beside = (scenario.with ?? [])
        .map((typeCode) => (byHolder.get(read.holderCode) ?? []).filter((c) => c.typeCode === typeCode && enteredOn(c) <= day).sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : -1))[0])
        .filter((c): c is DemoCertificate => c !== undefined);
      const agency = agencyBySlug(scenario.reader);
      const requestId = requestIdOf(r);
      // Each node records what it returned of its own certificates.
      const byNode = new Map<string, DemoAccessRecord[]>();
      for (const certificate of [read, ...beside]) {
        const node = nodeOf(usccRegion(certificate.issuerCode));
        byNode.set(node, [...(byNode.get(node) ?? []), { certificate: keyOf(certificate), holderCode: certificate.holderCode, fields: readFields(certificate), detail: null }]);
      }
      for (const [node, records] of byNode) requests.push({ node, at, agency, purpose: scenario.purpose, requestId, records });
    }
    for (let n = 0; n < looks; n++) findings(officeInstant(r, r.pick(workdays)));
    // A random inspection draw every third month (never today's, which may have no working day yet), from the findings looked at just before.
    if (month % 3 === 1) {
      const day = r.pick(workdays);
      const at = officeInstant(r, day);
      findings(new Date(Date.parse(at) - r.int(5, 40) * 60_000).toISOString());
      const year = day.slice(0, 4);
      const ordinal = (drawsInYear.get(year) ?? 0) + 1;
      drawsInYear.set(year, ordinal);
      const kind = DRAW_KINDS[Math.floor(month / 3) % DRAW_KINDS.length]!;
      const seed = `${year}年第${ordinal}次双随机抽查`;
      const size = r.int(5, 15);
      const population = r.int(12, 70);
      const inspectors = r.int(6, 14);
      const detail = checkedDraw({
        algorithm: DRAW_ALGORITHM,
        seed,
        kind,
        region: null,
        size,
        population,
        populationDigest: sha256(`${seed} population`),
        drawn: Math.min(size, population),
        drawnDigest: sha256(`${seed} drawn`),
        inspectors,
        inspectorsDigest: sha256(`${seed} inspectors`),
        unavailableNodes: [],
      });
      requests.push({
        node: drawNode,
        at,
        agency: supervisor,
        purpose: SUPERVISION_PURPOSE,
        requestId: requestIdOf(r),
        records: [{ certificate: null, holderCode: null, fields: ['recordInspectionDraw'], detail: JSON.stringify(detail) }],
      });
    }
  }
  return requests.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
