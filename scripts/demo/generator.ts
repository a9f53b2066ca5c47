/**
 * The generator of the demo data. Its story: the registry's entities are founded, each receives
 * its business licence and the licences of its industry, generation after generation; then the
 * physicians, teachers and street-food vendors are certified; then some certificates are
 * suspended, revoked, withdrawn or cancelled, and a few withdrawn for a wrong face are issued
 * again; then the paper certificates among them come into the hub in a conversion campaign over
 * the last eighteen months, and businesses are founded in every city month after month over the
 * last two years, each with its licences; last, the README's example holders are picked out.
 *
 * Everything is pure and deterministic: a seeded PRNG (mulberry32) draws every choice, and every
 * date is an offset in days from the `today` the data is built for. The number of draws never
 * depends on `today`, so the holders (names, USCCs, ID numbers) are the same whatever day the
 * hub is first started, and the README can name them. Keep the draws in their order: moving one
 * changes every holder after it.
 */
import { usccRegion } from '../../lib/codes.js';
import { AGENCIES, agencyBySlug, educationBureauFor, healthCommissionFor, registrarFor } from './agencies.js';
import { addYears, daysBetween, isDay, printed, termEnd, YEAR_DAYS } from './calendar.js';
import { CERTIFICATE_TYPES, TYPE_CODES } from './certificate-types.js';
import { scheduleConversions } from './conversions.js';
import { DemoRun, originFor, type Draft, type EntityRecord, type Generation, type Someone } from './drafting.js';
import { BLUEPRINT, GENERIC_TRADE_NAMES, INDUSTRIES, RECENT_BLUEPRINT, type Industry, type IndustrySpec, type Licence, type NameParts } from './industries.js';
import { institutionName, licenceSpec } from './licences.js';
import type { DemoCertificate, DemoData, DemoHolder, DemoLegalEntity, DemoPerson, EntityStatusValue } from './model.js';
import { assignOutcomes, reissueCorrections } from './outcomes.js';
import { PRACTICE_SCOPES, STALL_FOODS, STALL_HOURS, STALLS, TEACHER_DISTRICTS, TEACHING } from './people.js';
import { BUILDINGS, cityOf, districtOf, ID_REGIONS, SHOPFRONTS, type District } from './places.js';
import type { Random } from './random.js';
import { dayInMonth, monthlyCounts } from './recent.js';
import {
  BUSINESS_CANCELLED,
  BUSINESS_REVOKED,
  FAMILY_OF_TYPE,
  LICENCE_AFTER_DEREGISTRATION,
  LICENCE_AFTER_REVOCATION,
  PHYSICIAN_TRANSFER,
  SOLE_TRADER_CANCELLED,
} from './reasons.js';

/** The demo data for a hub started on `today` (YYYY-MM-DD). */
export function demoData(today: string): DemoData {
  if (!isDay(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const run = new DemoRun(today);

  const entities = registerEntities(run);
  for (const record of entities) issueEntityCertificates(run, record);

  const hospitals = entities.filter((e) => e.industry.medical && e.entity.status === 'ACTIVE');
  const persons = [...certifyPhysicians(run, hospitals), ...certifyTeachers(run), ...registerFoodVendors(run)];

  assignOutcomes(run);
  reissueCorrections(run);
  scheduleConversions(run);
  // Last, so that the draws of everything above stay as they were before these years were added.
  const recent = registerRecentEntities(run);

  return {
    agencies: AGENCIES,
    certificateTypes: CERTIFICATE_TYPES,
    legalEntities: [...entities, ...recent].map((e) => e.entity),
    persons,
    certificates: finished(run.drafts),
    holders: showcaseHolders(entities, persons, run.drafts),
  };
}

// ---------------------------------------------------------------------------------------------
// Legal entities

/** Founds the entities of the blueprint, district by district: a representative, a name, a USCC and a fate. */
function registerEntities(run: DemoRun): EntityRecord[] {
  const { r } = run;
  const entities: EntityRecord[] = [];
  for (const [districtCode, industryKey, count, showcase = false] of BLUEPRINT) {
    const industry = INDUSTRIES[industryKey];
    for (let n = 0; n < count; n++) {
      const ageRange: readonly [number, number] = showcase ? [3300, 5200] : industry.age;
      const estAgo = r.int(ageRange[0], ageRange[1]);
      // Assuming today is 2024 or later, a representative born by this year was 22 when the entity was founded.
      const latestBirth = Math.min(2000, 2002 - Math.ceil(estAgo / YEAR_DAYS));
      // Only companies and sole traders some months old can have been revoked (吊销) or deregistered (注销); the README's never.
      const mayEnd = !showcase && (industry.kind === '91' || industry.kind === '92') && estAgo >= 260;
      entities.push(foundEntity(run, { districtCode, industryKey, estAgo, latestBirth, showcase, mayEnd }));
    }
  }
  return entities;
}

/**
 * An entity of `industryKey` founded in `districtCode` `estAgo` days before today: its
 * representative (born by `latestBirth`), name, USCC, type, capital and fate — revoked or
 * deregistered some months ago only when it `mayEnd`. Always the same draws, in this order.
 */
function foundEntity(
  run: DemoRun,
  founding: { districtCode: string; industryKey: Industry; estAgo: number; latestBirth: number; showcase: boolean; mayEnd: boolean },
): EntityRecord {
  const { r } = run;
  const { districtCode, industryKey, estAgo, showcase } = founding;
  const place = districtOf(districtCode);
  const industry = INDUSTRIES[industryKey];
  const rep = run.someone(1955, founding.latestBirth, districtCode, false);
  const name = entityName(r, industry, place, rep, run.entityNames);
  const uscc = run.entityUscc(industry.kind, districtCode, estAgo);
  const entityType = industry.entityTypes.length > 0 ? r.pick(industry.entityTypes) : null;
  const capital = industry.capitals.length > 0 ? r.pick(industry.capitals) : null;
  const fateDraw = r.float();
  const eventDraw = r.float();
  const fate: EntityStatusValue = !founding.mayEnd ? 'ACTIVE' : fateDraw < 0.075 ? 'REVOKED' : fateDraw < 0.16 ? 'CANCELLED' : 'ACTIVE';
  const eventAgo = fate === 'ACTIVE' ? null : 40 + Math.floor(eventDraw * (Math.min(420, estAgo - 200) - 40));
  return {
    entity: {
      uscc,
      name,
      legalRepresentative: rep.name,
      legalRepresentativeIdNumber: rep.idNumber,
      address: addressIn(r, place, industry.kind === '92'),
      businessScope: industry.scope,
      establishedOn: run.dateAgo(estAgo),
      status: fate,
    },
    district: place,
    industry,
    industryKey,
    showcase,
    estAgo,
    eventAgo,
    entityType,
    capital,
  };
}

/** A name no other entity has: the industry's pattern with a local or a common trade name. */
function entityName(r: Random, industry: IndustrySpec, place: District, rep: Someone, used: Set<string>): string {
  const city = cityOf(place.code);
  let name = '';
  for (let attempt = 0; attempt < 100; attempt++) {
    const tradeName = r.chance(0.5) && city.tradeNames.length > 0 ? r.pick(city.tradeNames) : r.pick(GENERIC_TRADE_NAMES);
    const parts: NameParts = {
      district: place,
      city,
      tradeName,
      surname: rep.name.charAt(0),
      given: rep.name.slice(1),
      pick: (list) => r.pick(list),
    };
    name = industry.name(parts);
    if (!used.has(name)) break;
  }
  used.add(name);
  return name;
}

/** An address in `place`: a shopfront for a sole trader, else a street number, upstairs in an office building half the time. */
function addressIn(r: Random, place: District, shop: boolean): string {
  const street = r.pick(place.streets);
  const number = r.int(1, 399);
  const building = r.pick(BUILDINGS);
  const floor = r.int(2, 28);
  const room = `${floor}${String(r.int(1, 12)).padStart(2, '0')}`;
  const upstairs = r.chance(0.5);
  const onVillageOrTown = /[村镇]$/.test(street);
  if (shop || onVillageOrTown) return `${place.address}${street}${number}号${shop ? r.pick(SHOPFRONTS) : ''}`;
  return upstairs ? `${place.address}${street}${number}号${building}${floor}层${room}室` : `${place.address}${street}${number}号`;
}

// ---------------------------------------------------------------------------------------------
// The entities' certificates

function organizationHolder(entity: DemoLegalEntity) {
  return { holderKind: 'ORGANIZATION' as const, holderCode: entity.uscc, holderName: entity.name };
}

/** The last day, in days before today, an entity can have been issued anything: a month after it ended. */
function latestIssueAgo(record: EntityRecord): number {
  return record.eventAgo === null ? 0 : record.eventAgo + 30;
}

/** The officers a food licence names (日常监督管理人员), of the entity's region. */
function foodSupervisors(run: DemoRun, region: string): string {
  return `${run.someone(1965, 1995, region, false).name}、${run.someone(1965, 1995, region, false).name}`;
}

/** An entity's certificates: its business licence when it is a business, then the licences of its industry. */
function issueEntityCertificates(run: DemoRun, record: EntityRecord): void {
  // Drawn for every entity, so the draws stay in step.
  const supervisors = foodSupervisors(run, usccRegion(record.entity.uscc));
  if (record.industry.kind === '91' || record.industry.kind === '92') issueBusinessLicence(run, record);
  issueLicences(run, record, supervisors);
}

/** The business licence (营业执照) of a company or sole trader, revoked or cancelled with the entity. */
function issueBusinessLicence(run: DemoRun, record: EntityRecord): void {
  const { r } = run;
  const { entity, showcase, estAgo, eventAgo } = record;
  const latestAgo = latestIssueAgo(record);
  const uChange = r.float();
  const uOrigin = r.float();
  const uWhen = r.float();
  // Issued on founding, or on the last change of registration (变更登记) since.
  const issuedAgo = uChange < 0.45 ? estAgo : latestAgo + Math.floor(uWhen * (estAgo - latestAgo));
  const licence = draftBusinessLicence(run, record, issuedAgo, originFor(issuedAgo, uOrigin), showcase);
  if (entity.status === 'REVOKED' && eventAgo !== null) {
    // Never opened: revoked within about a year of founding; else it stopped trading.
    const reason = estAgo - eventAgo < 400 ? BUSINESS_REVOKED.neverOpened : BUSINESS_REVOKED.stopped;
    // Every branch draws once, so an entity's fate does not shift the draws after it.
    r.float();
    licence.statusChanges.push({ status: 'REVOKED', reason, daysAfterIssue: issuedAgo - eventAgo });
  } else if (entity.status === 'CANCELLED' && eventAgo !== null) {
    const reason = r.pick(record.industry.kind === '91' ? BUSINESS_CANCELLED : SOLE_TRADER_CANCELLED);
    licence.statusChanges.push({ status: 'CANCELLED', reason, daysAfterIssue: issuedAgo - eventAgo });
  } else {
    r.float();
  }
}

/** Drafts the business licence of `record`'s entity issued `issuedAgo` days ago: its term and form drawn, its face from the registry. */
function draftBusinessLicence(run: DemoRun, record: EntityRecord, issuedAgo: number, origin: Draft['origin'], showcase: boolean): Draft {
  const { r } = run;
  const { entity, district: place, industry } = record;
  const company = industry.kind === '91';
  const termYears = r.pick([20, 30, 50]);
  const longTerm = r.chance(0.6);
  return run.draft({
    issuerCode: registrarFor(usccRegion(entity.uscc)).code,
    typeCode: TYPE_CODES.businessLicence,
    // The business licence's number is the USCC itself.
    numberFor: () => entity.uscc,
    ...organizationHolder(entity),
    issuedOn: run.dateAgo(issuedAgo),
    validFrom: run.dateAgo(issuedAgo),
    validUntil: null,
    items: [
      { code: 'uscc', value: entity.uscc },
      { code: 'name', value: entity.name },
      { code: 'entityType', value: record.entityType ?? '个体工商户' },
      { code: 'legalRepresentative', value: entity.legalRepresentative },
      { code: 'businessScope', value: entity.businessScope },
      ...(company && record.capital ? [{ code: 'registeredCapital', value: record.capital }] : []),
      ...(company ? [] : [{ code: 'compositionForm', value: r.chance(0.8) ? '个人经营' : '家庭经营' }]),
      { code: 'establishedOn', value: printed(entity.establishedOn) },
      ...(company
        ? [{ code: 'businessTerm', value: `${printed(entity.establishedOn)}至${longTerm ? '长期' : printed(termEnd(entity.establishedOn, termYears))}` }]
        : []),
      { code: 'address', value: entity.address },
      { code: 'registrationAuthority', value: place.regulator },
    ],
    origin,
    family: 'business',
    issuedAgo,
    open: false,
    showcase,
  });
}

/** The licences `record`'s entity holds: its industry's, and half of the ones its industry sometimes holds, where they exist. */
function licencesOf(run: DemoRun, record: EntityRecord): Licence[] {
  const region = usccRegion(record.entity.uscc);
  const licences = [...record.industry.licences];
  for (const extra of record.industry.sometimes ?? []) {
    const wanted = run.r.chance(0.5);
    if (!wanted) continue;
    // Only Xiamen's municipal bureau issues advertising permits; provincial firms run no site canteens of their own here.
    if (extra === 'advertising' && !region.startsWith('3502')) continue;
    if (extra === 'canteen' && region === '350000') continue;
    licences.push(extra);
  }
  return licences;
}

/**
 * The licences of an entity's industry, each as its generations (renewals); some lapsed and were
 * not renewed, and those of an entity that ended were cancelled with it.
 */
function issueLicences(run: DemoRun, record: EntityRecord, supervisors: string): void {
  const { r } = run;
  const { entity, showcase, estAgo, eventAgo } = record;
  const latestAgo = latestIssueAgo(record);
  const active = eventAgo === null;
  const licences = licencesOf(run, record);
  const lapsed = active && !showcase && r.chance(0.16);
  const lapsedAgo = r.int(5, 500);

  for (const kind of licences) {
    const spec = licenceSpec(kind, record, supervisors, run.numbers);
    const uUndated = r.float();
    const undatedLatest = Math.max(latestAgo, Math.min(estAgo - 30, spec.introducedAgo));
    const chain: Generation[] = spec.years === null
      ? [{ issuedAgo: latestAgo + Math.floor(uUndated * (undatedLatest - latestAgo)), validFrom: '', validUntil: null, current: true }]
      : run.generations(
          spec.years,
          { earliestAgo: Math.min(estAgo - 30, spec.introducedAgo), latestAgo },
          { lapsed: lapsed && kind !== 'canteen', lapsedAgo },
        );
    const uOrigins = [r.float(), r.float(), r.float()];
    chain.forEach((generation, index) => {
      const issuedOn = generation.validFrom || run.dateAgo(generation.issuedAgo);
      const d = run.draft({
        issuerCode: spec.issuer.code,
        typeCode: spec.typeCode,
        numberFor: spec.number,
        ...organizationHolder(entity),
        issuedOn,
        validFrom: issuedOn,
        validUntil: generation.validUntil,
        itemsFor: spec.items,
        origin: originFor(generation.issuedAgo, uOrigins[index] ?? 0),
        family: FAMILY_OF_TYPE[spec.typeCode]!,
        issuedAgo: generation.issuedAgo,
        open: generation.current && active && !showcase,
        showcase,
      });
      if (generation.current && eventAgo !== null) {
        const reason = entity.status === 'REVOKED' ? LICENCE_AFTER_REVOCATION : LICENCE_AFTER_DEREGISTRATION;
        d.statusChanges.push({ status: 'CANCELLED', reason, daysAfterIssue: generation.issuedAgo - eventAgo + r.int(3, 25) });
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The last two years: businesses founded month after month in every city

/**
 * Founds the businesses of RECENT_BLUEPRINT over the last two years, more each month (recent.ts),
 * in a shuffled order of districts, each with its business licence on the day it was founded and
 * the licences of its industry within weeks (先照后证), all of them still valid: new businesses
 * that the supervisors have not yet had to act on. Their representatives were born by 2000.
 */
function registerRecentEntities(run: DemoRun): EntityRecord[] {
  const { r } = run;
  const deck = r.shuffle(RECENT_BLUEPRINT.flatMap(([districtCode, industryKey, count]) => Array.from({ length: count }, () => ({ districtCode, industryKey }))));
  const counts = monthlyCounts(r, deck.length);
  const records: EntityRecord[] = [];
  counts.forEach((count, month) => {
    const back = counts.length - 1 - month;
    for (let n = 0; n < count; n++) {
      const { districtCode, industryKey } = deck[records.length]!;
      const estAgo = daysBetween(dayInMonth(run.today, back, r.float()), run.today);
      const record = foundEntity(run, { districtCode, industryKey, estAgo, latestBirth: 2000, showcase: false, mayEnd: false });
      issueRecentCertificates(run, record);
      records.push(record);
    }
  });
  return records;
}

/** A new business's business licence, issued the day it was founded, and its licences 3 to 30 days later (today at the latest). */
function issueRecentCertificates(run: DemoRun, record: EntityRecord): void {
  const { r } = run;
  const supervisors = foodSupervisors(run, usccRegion(record.entity.uscc));
  if (record.industry.kind === '91' || record.industry.kind === '92') draftBusinessLicence(run, record, record.estAgo, 'ISSUED', false);
  for (const kind of licencesOf(run, record)) {
    const spec = licenceSpec(kind, record, supervisors, run.numbers);
    const issuedAgo = Math.max(0, record.estAgo - r.int(3, 30));
    const issuedOn = run.dateAgo(issuedAgo);
    run.draft({
      issuerCode: spec.issuer.code,
      typeCode: spec.typeCode,
      numberFor: spec.number,
      ...organizationHolder(record.entity),
      issuedOn,
      validFrom: issuedOn,
      validUntil: spec.years === null ? null : termEnd(issuedOn, spec.years),
      itemsFor: spec.items,
      origin: 'ISSUED',
      family: FAMILY_OF_TYPE[spec.typeCode]!,
      issuedAgo,
      open: false,
      showcase: false,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// People and their certificates

function personHolder(p: Someone) {
  return { holderKind: 'PERSON' as const, holderCode: p.idNumber, holderName: p.name };
}

/** Sixteen physicians, registered with the health commission of their main institution's city; the first is the README's. */
function certifyPhysicians(run: DemoRun, hospitals: readonly EntityRecord[]): DemoPerson[] {
  return Array.from({ length: 16 }, (_, n) => certifyPhysician(run, hospitals, n === 0));
}

/** A physician at one of `hospitals`; some moved there from another and hold their earlier, cancelled certificate too. */
function certifyPhysician(run: DemoRun, hospitals: readonly EntityRecord[], showcase: boolean): DemoPerson {
  const { r } = run;
  const hospital = showcase ? hospitals[0]! : r.pick(hospitals);
  const issuedAgo = r.int(60, 5000);
  const transferred = showcase || r.chance(0.3);
  const earlierAgo = issuedAgo + r.int(400, 2500);
  const earliest = transferred ? earlierAgo : issuedAgo;
  const doctor = run.someone(1962, Math.min(1996, 2024 - 26 - Math.ceil(earliest / YEAR_DAYS)), usccRegion(hospital.entity.uscc), true);
  const dental = hospital.industry.medical?.practice === 'dental';
  const level = r.chance(0.85) ? '执业医师' : '执业助理医师';
  const category = dental ? '口腔' : r.chance(0.75) ? '临床' : '中医';
  const practiceScope = r.pick(PRACTICE_SCOPES[category]);
  const alike = hospitals.filter((h) => h !== hospital && (h.industry.medical?.practice === 'dental') === dental);
  const previousHospital = r.pick(alike.length > 0 ? alike : hospitals.filter((h) => h !== hospital));
  const facts = (at: EntityRecord) => [
    { code: 'name', value: doctor.name },
    { code: 'gender', value: doctor.gender },
    { code: 'birthDate', value: printed(doctor.birthDate) },
    { code: 'idNumber', value: doctor.idNumber },
    { code: 'level', value: level },
    { code: 'practiceCategory', value: category },
    { code: 'practiceScope', value: practiceScope },
    { code: 'practicePlace', value: at.district.address },
    { code: 'mainInstitution', value: institutionName(at) },
    { code: 'issuingAuthority', value: healthCommissionFor(usccRegion(at.entity.uscc), 'city').name },
  ];
  const uOrigin = r.float();
  if (transferred) {
    const previousRegion = usccRegion(previousHospital.entity.uscc);
    const old = run.draft({
      issuerCode: healthCommissionFor(previousRegion, 'city').code,
      typeCode: TYPE_CODES.physician,
      numberFor: () => run.numbers.physician(level, category, previousRegion),
      ...personHolder(doctor),
      issuedOn: run.dateAgo(earlierAgo),
      validFrom: run.dateAgo(earlierAgo),
      validUntil: null,
      items: facts(previousHospital),
      origin: originFor(earlierAgo, uOrigin),
      family: 'physician',
      issuedAgo: earlierAgo,
      open: false,
      showcase,
    });
    old.statusChanges.push({ status: 'CANCELLED', reason: PHYSICIAN_TRANSFER, daysAfterIssue: earlierAgo - issuedAgo });
  }
  const region = usccRegion(hospital.entity.uscc);
  run.draft({
    issuerCode: healthCommissionFor(region, 'city').code,
    typeCode: TYPE_CODES.physician,
    numberFor: () => run.numbers.physician(level, category, region),
    ...personHolder(doctor),
    issuedOn: run.dateAgo(issuedAgo),
    validFrom: run.dateAgo(issuedAgo),
    validUntil: null,
    items: facts(hospital),
    origin: originFor(issuedAgo, r.float()),
    family: 'physician',
    issuedAgo,
    open: !showcase,
    showcase,
  });
  return { ...doctor, occupation: 'physician' };
}

/** Fourteen teachers, certified by the education bureau of Fuzhou or Xiamen; some went on to a higher level. */
function certifyTeachers(run: DemoRun): DemoPerson[] {
  return Array.from({ length: 14 }, () => certifyTeacher(run));
}

function certifyTeacher(run: DemoRun): DemoPerson {
  const { r } = run;
  const home = districtOf(r.pick(TEACHER_DISTRICTS));
  const bureau = educationBureauFor(home.code);
  const issuedAgo = r.int(60, 7000);
  const twice = r.chance(0.35);
  const earlierAgo = issuedAgo + r.int(700, 2500);
  const teacher = run.someone(1968, Math.min(2001, 2024 - 22 - Math.ceil((twice ? earlierAgo : issuedAgo) / YEAR_DAYS)), home.code, true);
  const levelIndex = r.int(twice ? 1 : 0, TEACHING.length - 1);
  const certify = (levelAt: number, ago: number) => {
    const level = TEACHING[levelAt]!;
    const subject = r.pick(level.subjects);
    // Senior and vocational qualifications are certified by the city, the others by the district.
    const authority = level.code === '4' || level.code === '5' ? bureau.name : `${home.full}教育局`;
    const issuedOn = run.dateAgo(ago);
    run.draft({
      issuerCode: bureau.code,
      typeCode: TYPE_CODES.teacher,
      numberFor: (on) => run.numbers.teacher(on, home.code, level.code, teacher.gender),
      ...personHolder(teacher),
      issuedOn,
      validFrom: issuedOn,
      validUntil: null,
      items: [
        { code: 'name', value: teacher.name },
        { code: 'gender', value: teacher.gender },
        { code: 'birthDate', value: printed(teacher.birthDate) },
        { code: 'idNumber', value: teacher.idNumber },
        { code: 'qualificationType', value: level.type },
        ...(subject ? [{ code: 'subject', value: subject }] : []),
        { code: 'certifyingAuthority', value: authority },
      ],
      origin: originFor(ago, r.float()),
      family: 'teacher',
      issuedAgo: ago,
      open: true,
      showcase: false,
    });
  };
  if (twice) certify(levelIndex - 1, earlierAgo);
  certify(levelIndex, issuedAgo);
  return { ...teacher, occupation: 'teacher' };
}

/** Ten food vendors of Xiamen's night markets and street stall clusters; the first is the README's. */
function registerFoodVendors(run: DemoRun): DemoPerson[] {
  return Array.from({ length: 10 }, (_, n) => registerFoodVendor(run, n === 0));
}

/** A vendor with a stall and a registration card renewed every two years, or one that lapsed. */
function registerFoodVendor(run: DemoRun, showcase: boolean): DemoPerson {
  const { r } = run;
  const stall = r.pick(STALLS);
  const place = districtOf(stall.place);
  const vendor = run.someone(1958, 1995, r.chance(0.5) ? '3502' : r.pick(Object.keys(ID_REGIONS)), true);
  const foods = r.pick(STALL_FOODS);
  const hours = r.pick(STALL_HOURS);
  const lapsed = !showcase && r.chance(0.2);
  const chain = run.generations(2, { earliestAgo: showcase ? 2400 : r.int(800, 2400), latestAgo: 0 }, { lapsed, lapsedAgo: r.int(10, 300) });
  // The README's vendor shows a card renewed twice: add the generations the draw left out.
  while (showcase && chain.length < 3) {
    const validFrom = addYears(chain[0]!.validFrom, -2);
    chain.unshift({ issuedAgo: daysBetween(validFrom, run.today), validFrom, validUntil: termEnd(validFrom, 2), current: false });
  }
  const stallNo = r.int(1, 40);
  chain.forEach((generation) => {
    const issuedOn = generation.validFrom;
    run.draft({
      issuerCode: agencyBySlug('xm-amr').code,
      typeCode: TYPE_CODES.foodVendor,
      numberFor: (on) => run.numbers.foodVendor(place.code, on),
      ...personHolder(vendor),
      issuedOn,
      validFrom: generation.validFrom,
      validUntil: generation.validUntil,
      items: [
        { code: 'name', value: vendor.name },
        { code: 'idNumber', value: vendor.idNumber },
        { code: 'foodCategories', value: foods },
        { code: 'location', value: `${place.full}${stall.spot}第${stallNo}号摊位` },
        { code: 'hours', value: hours },
        { code: 'registrationAuthority', value: `${place.regulator}${r.pick(place.subdistricts)}市场监督管理所` },
      ],
      origin: 'ISSUED',
      family: 'vendor',
      issuedAgo: generation.issuedAgo,
      open: generation.current && !showcase,
      showcase,
    });
  });
  return { ...vendor, occupation: 'vendor' };
}

// ---------------------------------------------------------------------------------------------
// The finished certificates, and the holders for the README

/** The drafts as certificates, without what only the generator needed, in the order they were issued. */
function finished(drafts: readonly Draft[]): DemoCertificate[] {
  return drafts
    .map(({ family: _family, numberFor: _numberFor, itemsFor: _itemsFor, issuedAgo: _ago, open: _open, showcase: _showcase, ...certificate }) => certificate)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
}

/** The README's holders: the showcase entities, the first physician and the first vendor, with what each holds. */
function showcaseHolders(entities: EntityRecord[], persons: DemoPerson[], drafts: Draft[]): DemoHolder[] {
  const typeName = new Map(CERTIFICATE_TYPES.map((t) => [t.code, t.name]));
  const holds = (code: string) => {
    const counts = new Map<string, number>();
    for (const d of drafts) if (d.holderCode === code) counts.set(d.typeCode, (counts.get(d.typeCode) ?? 0) + 1);
    return [...counts].map(([type, n]) => `${typeName.get(type)}${n > 1 ? ` ×${n}` : ''}`).join(', ');
  };
  const organizations = entities.filter((e) => e.showcase).map((e): DemoHolder => ({ kind: 'ORGANIZATION', code: e.entity.uscc, name: e.entity.name, holds: holds(e.entity.uscc) }));
  const people = [persons.find((p) => p.occupation === 'physician')!, persons.find((p) => p.occupation === 'vendor')!].map(
    (p): DemoHolder => ({ kind: 'PERSON', code: p.idNumber, name: p.name, holds: holds(p.idNumber) }),
  );
  return [...organizations, ...people];
}

/**
 * The README's example holders: three companies whose certificates sit at more than one node,
 * a physician and a street-food vendor. Who they are and what they hold does not depend on the
 * day the data is built for (only the dates do), so this one list serves every hub. (Last in the
 * module because it runs the generator while the module loads.)
 */
export const DEMO_HOLDERS: readonly DemoHolder[] = demoData('2025-01-01').holders;
