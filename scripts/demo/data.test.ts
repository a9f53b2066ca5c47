import { describe, expect, it } from 'vitest';
import { INSPECTION_DRAW } from '../../subgraphs/audit/changes.js';
import { periodProblem } from '../../subgraphs/catalog/targets.js';
import type { FindingKind } from '../../subgraphs/certificate/generated/resolvers.js';
import { checkedDraw } from '../../subgraphs/certificate/resolvers/draws.js';
import { issuerProblem } from '../../subgraphs/kit/catalog-lookup.js';
import { isoDate, matterCodeAgency, matterCodeProblem, matterCodeRegion, residentIdProblem, typeCodeProblem, typeCodeRegion, usccProblem, usccRegion } from '../../lib/codes.js';
import { materialAccess } from '../../lib/material-access.js';
import { scopeMatches } from '../../lib/permit-rules.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';
import { FUJIAN_REGIONS, nodeForRegion } from '../../lib/regions.js';
import { permitRuleCodeProblem } from '../../subgraphs/catalog/permit-rules.js';
import { transitionProblem } from '../../subgraphs/certificate/status.js';
import {
  AGENCIES,
  agencyBySlug,
  CERTIFICATE_TYPES,
  DEFINING_AUTHORITIES,
  DEMO_GRANTS,
  demoGrantClaims,
  DEMO_HOLDERS,
  DEMO_MATTERS,
  DEMO_PERMIT_RULES,
  MATTER_CODES,
  REGISTRY_TYPE,
  registrarFor,
  TYPE_CODES,
  TYPE_ISSUER_KINDS,
  changeDate,
  demoData,
  demoTargets,
  demoUsage,
  enteredOn,
  statusOn,
  TARGET_STEWARD,
  type CertificateStatusValue,
  type DemoCertificate,
} from './data.js';
import { addDays, isWorkday, monthStart } from './calendar.js';
import { CAMPAIGN_DAYS } from './conversions.js';
import { RECENT_MONTHS } from './recent.js';

const EMBEDDED_NODES = new Set(['350000', '350100', '350200']);
const nodeOf = (region: string) => nodeForRegion(region, EMBEDDED_NODES);
const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const typeByCode = new Map(CERTIFICATE_TYPES.map((type) => [type.code, type]));
const agencyByCode = new Map(AGENCIES.map((agency) => [agency.code, agency]));
const itemValue = (certificate: DemoCertificate, code: string) => certificate.items.find((item) => item.code === code)?.value;

/** A fixed day, and the day the hub would be started on if started now. */
const DAYS = ['2026-06-15', isoDate(new Date())];

describe('demo agencies and certificate types', () => {
  it('every agency, defining authority and type code carries a valid USCC of a 机关 (category 11)', () => {
    const codes = [...AGENCIES.map((a) => a.code), ...Object.values(DEFINING_AUTHORITIES).map((a) => a.code)];
    for (const code of codes) {
      expect(usccProblem(code), code).toBeNull();
      expect(code.slice(0, 2)).toBe('11');
    }
    for (const agency of AGENCIES) expect(usccRegion(agency.code)).toBe(agency.region);
    expect(new Set(AGENCIES.map((a) => a.slug)).size).toBe(AGENCIES.length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('the agencies the README names exist with their roles', () => {
    const expected: Array<[string, string, string, string[]]> = [
      ['fj-amr', '福建省市场监督管理局', '350000', ['issuer', 'registrar']],
      ['fz-amr', '福州市市场监督管理局', '350100', ['issuer', 'registrar', 'consumer']],
      ['xm-amr', '厦门市市场监督管理局', '350200', ['issuer', 'registrar', 'consumer', 'external-registrar']],
      ['fj-housing', '福建省住房和城乡建设厅', '350000', ['issuer', 'consumer']],
      ['fj-health', '福建省卫生健康委员会', '350000', ['issuer']],
      ['xm-health', '厦门市卫生健康委员会', '350200', ['issuer', 'consumer']],
      ['fz-transport', '福州市交通运输局', '350100', ['issuer']],
      ['fj-bigdata', '福建省大数据管理局', '350000', ['steward', 'operator']],
      ['fj-inspect', '福建省市场监督管理局执法稽查局', '350000', ['supervisor']],
      ['fz-tax', '国家税务总局福州市税务局', '350100', ['consumer']],
      ['xm-police', '厦门市公安局', '350200', ['consumer']],
      ['fj-audit', '福建省审计厅', '350000', ['auditor']],
      ['fj-stats', '福建省统计局', '350000', ['analyst']],
    ];
    for (const [slug, name, region, roles] of expected) {
      expect(AGENCIES.find((a) => a.slug === slug)).toMatchObject({ name, region, roles });
    }
  });

  it('every type is a valid definition: code, distinct item codes in lowerCamel ASCII, Chinese names', () => {
    for (const type of CERTIFICATE_TYPES) {
      expect(typeCodeProblem(type.code), type.name).toBeNull();
      expect(type.code.slice(0, 2)).toBe('11');
      const codes = type.items.map((item) => item.code);
      expect(new Set(codes).size, type.name).toBe(codes.length);
      for (const item of type.items) {
        expect(item.code).toMatch(ITEM_CODE);
        expect(item.code.charAt(0)).toBe(item.code.charAt(0).toLowerCase());
        expect(item.name).toMatch(/\p{Script=Han}/u);
      }
      expect(type.items.some((item) => item.required)).toBe(true);
    }
    expect(new Set(CERTIFICATE_TYPES.map((t) => t.code)).size).toBe(CERTIFICATE_TYPES.length);
  });

  it('the catalog is spread over the three embedded nodes, with a type defined in Fujian at each', () => {
    const nodes = new Set(CERTIFICATE_TYPES.map((type) => nodeOf(typeCodeRegion(type.code))));
    expect(nodes).toEqual(EMBEDDED_NODES);
    const fujianDefined = CERTIFICATE_TYPES.filter((type) => typeCodeRegion(type.code).startsWith('35'));
    expect(fujianDefined.map((type) => type.name)).toContain('福建省食品小作坊登记证');
  });

  it('every type names who issues it by the exact USCCs of demo issuers of the right kind, never by region', () => {
    for (const type of CERTIFICATE_TYPES) {
      expect(type.issuers.length, type.name).toBeGreaterThan(0);
      for (const issuer of type.issuers) {
        expect(issuer, type.name).not.toMatch(/^region:/);
        const agency = agencyByCode.get(issuer);
        expect(agency, `${type.name}: ${issuer}`).toBeDefined();
        expect(agency?.roles).toContain('issuer');
        expect(TYPE_ISSUER_KINDS[type.code], `${type.name}: ${agency?.name}`).toContain(agency?.kind);
      }
    }
    // The registry's entry is not a certificate: nobody issues it.
    expect(REGISTRY_TYPE.issuers).toEqual([]);
  });

  it('a demo agency outside a type’s issuers is not competent for it: a garden bureau issues no 医师执业证书 (issue 9, finding 8)', () => {
    const physician = typeByCode.get(TYPE_CODES.physician)!;
    expect(issuerProblem(physician, agencyBySlug('xm-municipal').code)).toMatch(/not among the authorities competent to issue 医师执业证书/);
    expect(issuerProblem(physician, agencyBySlug('fz-amr').code)).not.toBeNull();
    expect(issuerProblem(physician, agencyBySlug('xm-health').code)).toBeNull();
    const licence = typeByCode.get(TYPE_CODES.businessLicence)!;
    expect(issuerProblem(licence, agencyBySlug('xm-health').code)).not.toBeNull();
    expect(issuerProblem(licence, agencyBySlug('nd-amr').code)).toBeNull();
    const advertising = typeByCode.get(TYPE_CODES.outdoorAdvertising)!;
    expect(issuerProblem(advertising, agencyBySlug('xm-amr').code)).not.toBeNull();
  });

  it('personal identity numbers are sensitive items', () => {
    for (const type of CERTIFICATE_TYPES.filter((t) => t.holderKind === 'PERSON')) {
      expect(type.items.find((item) => item.code === 'idNumber')).toMatchObject({ required: true, sensitive: true });
    }
  });
});

describe('demo matters (事项)', () => {
  /** Whether the matter's agency reads every required material without consent, by the demo grants (lib/material-access.ts). */
  const paperlessReady = (matter: (typeof DEMO_MATTERS)[number]) => {
    const grants = demoGrantClaims(matterCodeAgency(matter.code));
    return matter.materials
      .filter((material) => material.required)
      .every((material) => materialAccess(material, typeByCode.get(material.certificateType) ?? null, matter.code, grants, new Date()).readable);
  };

  it('there are at least 8, each a valid definition of a demo agency: code, names, types of the catalog and their items, notes', () => {
    expect(DEMO_MATTERS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(DEMO_MATTERS.map((matter) => matter.code)).size).toBe(DEMO_MATTERS.length);
    expect(new Set(Object.values(MATTER_CODES))).toEqual(new Set(DEMO_MATTERS.map((matter) => matter.code)));
    for (const matter of DEMO_MATTERS) {
      expect(matterCodeProblem(matter.code), matter.name).toBeNull();
      const agency = agencyByCode.get(matterCodeAgency(matter.code));
      expect(agency?.name, matter.name).toBe(matter.agencyName);
      expect(matter.name).toMatch(/\p{Script=Han}/u);
      expect([...matter.name].length).toBeLessThanOrEqual(100);
      expect(unsafeCharacterProblem(matter.name)).toBeNull();
      expect(matter.materials.length).toBeGreaterThan(0);
      expect(matter.materials.length).toBeLessThanOrEqual(50);
      expect(matter.materials.some((material) => material.required), matter.name).toBe(true);
      expect(new Set(matter.materials.map((material) => material.certificateType)).size, matter.name).toBe(matter.materials.length);
      for (const material of matter.materials) {
        const type = typeByCode.get(material.certificateType);
        expect(type, `${matter.name}: ${material.certificateType}`).toBeDefined();
        expect(new Set(material.items).size).toBe(material.items.length);
        for (const item of material.items) expect(type?.items.map((defined) => defined.code), `${matter.name}: ${type?.name}`).toContain(item);
        if (material.note !== null) {
          expect([...material.note].length).toBeLessThanOrEqual(200);
          expect(unsafeCharacterProblem(material.note)).toBeNull();
        }
      }
    }
  });

  it('the matters live at every embedded node, and the issue’s own examples are there with their materials', () => {
    expect(new Set(DEMO_MATTERS.map((matter) => nodeOf(matterCodeRegion(matter.code))))).toEqual(EMBEDDED_NODES);
    const named = (name: string) => DEMO_MATTERS.find((matter) => matter.name === name)?.materials.map((material) => typeByCode.get(material.certificateType)?.name);
    expect(named('食品经营许可（新办）')).toEqual(['营业执照']);
    expect(named('建筑工程施工许可证核发')).toEqual(['营业执照', '建筑施工企业安全生产许可证']);
  });

  it('several are paperless-ready and some are not, one of them ready only through a demo grant naming it', () => {
    const ready = DEMO_MATTERS.filter(paperlessReady).map((matter) => matter.name);
    const notReady = DEMO_MATTERS.filter((matter) => !paperlessReady(matter)).map((matter) => matter.name);
    expect(ready.length).toBeGreaterThanOrEqual(3);
    expect(notReady.length).toBeGreaterThanOrEqual(2);
    expect(notReady.sort()).toEqual(['中小学教师资格定期注册', '医师执业注册（变更执业地点）', '医疗机构执业登记（变更）'].sort());
    expect(ready).toContain('建筑工程施工许可证核发');
    const grant = DEMO_GRANTS.find((candidate) => candidate.purposes.includes(MATTER_CODES.constructionPermit));
    expect(grant?.agency).toBe(matterCodeAgency(MATTER_CODES.constructionPermit));
    // Without that grant the CONDITIONAL safety licence would need paper.
    const permit = DEMO_MATTERS.find((matter) => matter.code === MATTER_CODES.constructionPermit)!;
    const safety = permit.materials.find((material) => material.certificateType === TYPE_CODES.constructionSafety)!;
    expect(materialAccess(safety, typeByCode.get(TYPE_CODES.constructionSafety)!, permit.code, [], new Date()).readable).toBe(false);
  });
});

describe('demo permit rules (后置审批)', () => {
  it('there are at least 6, each with a valid code and one-line texts, naming a type of the catalog that organisations hold', () => {
    expect(DEMO_PERMIT_RULES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(DEMO_PERMIT_RULES.map((rule) => rule.code)).size).toBe(DEMO_PERMIT_RULES.length);
    for (const rule of DEMO_PERMIT_RULES) {
      expect(permitRuleCodeProblem(rule.code), rule.code).toBeNull();
      expect(typeByCode.get(rule.certificateType)?.holderKind, rule.code).toBe('ORGANIZATION');
      expect(rule.keywords.length, rule.code).toBeGreaterThanOrEqual(1);
      for (const text of [rule.activity, ...rule.keywords, rule.note ?? '']) expect(unsafeCharacterProblem(text), rule.code).toBeNull();
    }
  });

  it('the demo registry has entities each rule concerns, with and without a valid licence, and entities no rule concerns', () => {
    const today = DAYS[0]!;
    const data = demoData(today);
    const valid = new Set(data.certificates.filter((c) => statusOn(c, today) === 'VALID').map((c) => `${c.holderCode} ${c.typeCode}`));
    const unconcerned = data.legalEntities.filter((entity) => DEMO_PERMIT_RULES.every((rule) => scopeMatches(entity.businessScope, rule.keywords) === null));
    expect(unconcerned.length).toBeGreaterThan(0);
    for (const rule of DEMO_PERMIT_RULES) {
      const concerned = data.legalEntities.filter((entity) => scopeMatches(entity.businessScope, rule.keywords) !== null);
      const licensed = concerned.filter((entity) => valid.has(`${entity.uscc} ${rule.certificateType}`));
      expect(licensed.length, rule.code).toBeGreaterThan(0);
      expect(concerned.length - licensed.length, rule.code).toBeGreaterThan(0);
    }
  });
});

describe.each(DAYS)('demo data built for %s', (today) => {
  const data = demoData(today);
  const entities = new Map(data.legalEntities.map((entity) => [entity.uscc, entity]));
  const persons = new Map(data.persons.map((person) => [person.idNumber, person]));
  const now = new Date(`${today}T12:00:00+08:00`);

  it('every USCC and resident ID number in the data is valid', () => {
    for (const entity of data.legalEntities) {
      expect(usccProblem(entity.uscc), entity.name).toBeNull();
      expect(['91', '92', '12', '52']).toContain(entity.uscc.slice(0, 2));
      expect(residentIdProblem(entity.legalRepresentativeIdNumber, now), entity.name).toBeNull();
    }
    for (const person of data.persons) expect(residentIdProblem(person.idNumber, now), person.name).toBeNull();
    for (const certificate of data.certificates) {
      expect(usccProblem(certificate.issuerCode)).toBeNull();
      const holderProblem =
        certificate.holderKind === 'PERSON' ? residentIdProblem(certificate.holderCode, now) : usccProblem(certificate.holderCode);
      expect(holderProblem, certificate.holderName).toBeNull();
      for (const code of ['uscc', 'creditCode']) {
        const value = itemValue(certificate, code);
        if (value !== undefined) expect(usccProblem(value)).toBeNull();
      }
      const idNumber = itemValue(certificate, 'idNumber');
      if (idNumber !== undefined) expect(residentIdProblem(idNumber, now)).toBeNull();
    }
  });

  it('an ID number tells the birth date and sex of its person, all born 1955–2001', () => {
    for (const person of data.persons) {
      expect(person.idNumber.slice(6, 14)).toBe(person.birthDate.replaceAll('-', ''));
      expect(Number(person.idNumber.charAt(16)) % 2).toBe(person.gender === '男' ? 1 : 0);
      expect(person.birthDate >= '1955-01-01' && person.birthDate <= '2001-12-31').toBe(true);
    }
    for (const entity of data.legalEntities) {
      const born = entity.legalRepresentativeIdNumber.slice(6, 10);
      expect(Number(born)).toBeGreaterThanOrEqual(1955);
      expect(Number(entity.establishedOn.slice(0, 4)) - Number(born), entity.name).toBeGreaterThanOrEqual(21);
    }
  });

  it('every certificate gives every required item of its type, only items the type defines, consistent with the holder', () => {
    for (const certificate of data.certificates) {
      const type = typeByCode.get(certificate.typeCode);
      expect(type, certificate.typeCode).toBeDefined();
      if (!type) continue;
      expect(certificate.holderKind).toBe(type.holderKind);
      const defined = new Set(type.items.map((item) => item.code));
      const given = certificate.items.map((item) => item.code);
      expect(new Set(given).size).toBe(given.length);
      for (const code of given) expect(defined.has(code), `${type.name} has no item ${code}`).toBe(true);
      for (const item of type.items.filter((i) => i.required)) {
        expect(itemValue(certificate, item.code)?.trim(), `${type.name} ${certificate.number} ${item.code}`).toBeTruthy();
      }
      if (certificate.holderKind === 'ORGANIZATION') {
        const entity = entities.get(certificate.holderCode);
        expect(entity, certificate.holderName).toBeDefined();
        expect(certificate.holderName).toBe(entity?.name);
        expect(certificate.issuedOn >= (entity?.establishedOn ?? '')).toBe(true);
        for (const code of ['uscc', 'creditCode']) {
          if (defined.has(code)) expect(itemValue(certificate, code)).toBe(certificate.holderCode);
        }
        for (const code of ['name', 'operatorName', 'enterpriseName', 'applicant']) {
          if (defined.has(code)) expect(itemValue(certificate, code)).toBe(certificate.holderName);
        }
      } else {
        const person = persons.get(certificate.holderCode);
        expect(person, certificate.holderName).toBeDefined();
        expect(certificate.holderName).toBe(person?.name);
        expect(itemValue(certificate, 'name')).toBe(person?.name);
        expect(itemValue(certificate, 'idNumber')).toBe(person?.idNumber);
      }
    }
  });

  it('business licences carry the USCC as number and the registry facts of their entity', () => {
    const licences = data.certificates.filter((c) => c.typeCode === TYPE_CODES.businessLicence);
    expect(licences.length).toBeGreaterThanOrEqual(100);
    for (const licence of licences) {
      const entity = entities.get(licence.holderCode)!;
      expect(licence.number).toBe(entity.uscc);
      expect(itemValue(licence, 'legalRepresentative')).toBe(entity.legalRepresentative);
      expect(itemValue(licence, 'address')).toBe(entity.address);
      expect(itemValue(licence, 'businessScope')).toBe(entity.businessScope);
    }
    for (const licence of data.certificates.filter((c) => c.typeCode === TYPE_CODES.foodBusiness)) {
      expect(licence.number).toMatch(/^JY\d{14}$/);
    }
  });

  it('numbers are unique per type and issuer, as the certificate subgraph requires', () => {
    const keys = data.certificates.map((c) => `${c.typeCode}|${c.issuerCode}|${c.number}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every issuer has the issuer role and is the kind of authority that issues the type', () => {
    for (const certificate of data.certificates) {
      const issuer = agencyByCode.get(certificate.issuerCode);
      expect(issuer, certificate.issuerCode).toBeDefined();
      expect(issuer?.roles).toContain('issuer');
      expect(TYPE_ISSUER_KINDS[certificate.typeCode], typeByCode.get(certificate.typeCode)?.name).toContain(issuer?.kind);
    }
    // Municipal authorities issue for their own city's holders; the province for everyone else.
    for (const certificate of data.certificates.filter((c) => c.holderKind === 'ORGANIZATION')) {
      const issuerRegion = usccRegion(certificate.issuerCode);
      if (issuerRegion !== '350000') expect(usccRegion(certificate.holderCode).slice(0, 4)).toBe(issuerRegion.slice(0, 4));
    }
  });

  it('every certificate’s issuer is competent for its type by the catalog’s issuers, as issuance checks (issue 9, finding 8)', () => {
    for (const certificate of data.certificates) {
      expect(issuerProblem(typeByCode.get(certificate.typeCode)!, certificate.issuerCode), certificate.number).toBeNull();
    }
  });

  it('dates are consistent: issued by today, valid within the type term, every change made by today and allowed then', () => {
    for (const certificate of data.certificates) {
      const type = typeByCode.get(certificate.typeCode)!;
      expect(certificate.issuedOn <= today).toBe(true);
      expect(certificate.validFrom >= certificate.issuedOn).toBe(true);
      if (type.validityYears === null) expect(certificate.validUntil).toBeNull();
      else {
        expect(certificate.validUntil).not.toBeNull();
        const latest = `${Number(certificate.validFrom.slice(0, 4)) + type.validityYears}${certificate.validFrom.slice(4)}`;
        expect(certificate.validUntil! >= certificate.validFrom && certificate.validUntil! < latest, certificate.number).toBe(true);
      }
      let from: CertificateStatusValue = 'VALID';
      let previous = 0;
      for (const change of certificate.statusChanges) {
        const on = changeDate(certificate, change);
        expect(change.daysAfterIssue).toBeGreaterThan(previous);
        expect(on < today, `${certificate.number} changed on ${on}`).toBe(true);
        const effective = (from === 'VALID' || from === 'SUSPENDED') && certificate.validUntil !== null && certificate.validUntil < on ? 'EXPIRED' : from;
        expect(transitionProblem(effective, change.status), `${certificate.number}: ${effective} → ${change.status}`).toBeNull();
        expect(change.reason).toMatch(/\p{Script=Han}/u);
        from = change.status;
        previous = change.daysAfterIssue;
      }
    }
  });

  it('each status appears at least 20 times, EXPIRED (computed from validUntil) at least 30, and suspensions were lifted', () => {
    const counts = new Map<CertificateStatusValue, number>();
    for (const certificate of data.certificates) counts.set(statusOn(certificate, today), (counts.get(statusOn(certificate, today)) ?? 0) + 1);
    for (const status of ['VALID', 'SUSPENDED', 'EXPIRED', 'REVOKED', 'WITHDRAWN', 'CANCELLED'] as const) {
      expect(counts.get(status) ?? 0, status).toBeGreaterThanOrEqual(20);
    }
    expect(counts.get('EXPIRED')).toBeGreaterThanOrEqual(30);
    const resumed = data.certificates.filter((c) => c.statusChanges.some((change, i) => change.status === 'VALID' && c.statusChanges[i - 1]?.status === 'SUSPENDED'));
    expect(resumed.length).toBeGreaterThanOrEqual(20);
    expect(data.certificates.some((c) => c.origin === 'CONVERTED')).toBe(true);
    expect(data.certificates.some((c) => c.origin === 'ISSUED')).toBe(true);
  });

  it('entities whose licence was revoked or who deregistered show it in the registry and on their business licence', () => {
    for (const entity of data.legalEntities.filter((e) => e.status !== 'ACTIVE')) {
      const licence = data.certificates.find((c) => c.typeCode === TYPE_CODES.businessLicence && c.holderCode === entity.uscc);
      expect(licence && statusOn(licence, today), entity.name).toBe(entity.status);
    }
    expect(data.legalEntities.filter((e) => e.status === 'REVOKED').length).toBeGreaterThanOrEqual(3);
    expect(data.legalEntities.filter((e) => e.status === 'CANCELLED').length).toBeGreaterThanOrEqual(3);
  });

  it('at least 75 entities and 360 certificates, spread over all three nodes', () => {
    expect(data.legalEntities.length).toBeGreaterThanOrEqual(75);
    expect(data.certificates.length).toBeGreaterThanOrEqual(360);
    expect(data.persons.length).toBeGreaterThanOrEqual(35);
    const entitiesPerNode = new Map<string, number>();
    for (const entity of data.legalEntities) {
      const node = nodeOf(usccRegion(entity.uscc));
      entitiesPerNode.set(node, (entitiesPerNode.get(node) ?? 0) + 1);
    }
    const certificatesPerNode = new Map<string, number>();
    for (const certificate of data.certificates) {
      const node = nodeOf(usccRegion(certificate.issuerCode));
      certificatesPerNode.set(node, (certificatesPerNode.get(node) ?? 0) + 1);
    }
    for (const node of EMBEDDED_NODES) {
      expect(entitiesPerNode.get(node) ?? 0, node).toBeGreaterThanOrEqual(20);
      expect(certificatesPerNode.get(node) ?? 0, node).toBeGreaterThanOrEqual(60);
    }
    expect([...entitiesPerNode.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
  });

  it('every one of the last 24 months, today’s included, has several certificates issued, more in the second year than the first', () => {
    const months = Array.from({ length: RECENT_MONTHS }, (_, back) => monthStart(today, RECENT_MONTHS - 1 - back).slice(0, 7));
    const issued = months.map((month) => data.certificates.filter((c) => c.issuedOn.startsWith(month)).length);
    for (const [i, count] of issued.entries()) expect(count, months[i]).toBeGreaterThanOrEqual(3);
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(sum(issued.slice(12))).toBeGreaterThan(sum(issued.slice(0, 12)));
    expect(new Set(issued).size, 'a trend, not the same count every month').toBeGreaterThan(3);
  });

  it('issuing authorities of all ten regions — the province and its nine cities — issued certificates in the last two years', () => {
    const since = monthStart(today, RECENT_MONTHS - 1);
    const regions = new Set(data.certificates.filter((c) => c.issuedOn >= since).map((c) => usccRegion(c.issuerCode)));
    expect([...regions].sort()).toEqual(Object.keys(FUJIAN_REGIONS).sort());
    for (const region of ['350400', '350700', '350800']) {
      const issuer = AGENCIES.find((agency) => agency.region === region && agency.kind === 'market');
      expect(issuer?.roles, region).toEqual(['issuer', 'registrar', 'consumer']);
      expect(data.legalEntities.filter((entity) => usccRegion(entity.uscc).startsWith(region.slice(0, 4))).length, region).toBeGreaterThanOrEqual(3);
    }
  });

  it('businesses were founded in every one of the last 24 months; those of 三明, 南平 and 龙岩 (all of these years) hold their business licence from that day and the licences their scope needs', () => {
    const months = Array.from({ length: RECENT_MONTHS }, (_, back) => monthStart(today, RECENT_MONTHS - 1 - back).slice(0, 7));
    for (const month of months) expect(data.legalEntities.filter((entity) => entity.establishedOn.startsWith(month)).length, month).toBeGreaterThanOrEqual(2);
    const valid = new Set(data.certificates.filter((c) => statusOn(c, today) === 'VALID').map((c) => `${c.holderCode} ${c.typeCode}`));
    const newCities = data.legalEntities.filter((entity) => ['3504', '3507', '3508'].includes(usccRegion(entity.uscc).slice(0, 4)));
    expect(newCities.length).toBeGreaterThanOrEqual(15);
    for (const entity of newCities) {
      expect(entity.establishedOn >= monthStart(today, RECENT_MONTHS - 1), entity.name).toBe(true);
      expect(entity.status).toBe('ACTIVE');
      const licence = data.certificates.find((c) => c.holderCode === entity.uscc && c.typeCode === TYPE_CODES.businessLicence);
      expect(licence?.issuedOn, entity.name).toBe(entity.establishedOn);
      expect(registrarFor(usccRegion(entity.uscc)).region.slice(0, 4), entity.name).toBe(usccRegion(entity.uscc).slice(0, 4));
      for (const rule of DEMO_PERMIT_RULES.filter((candidate) => scopeMatches(entity.businessScope, candidate.keywords) !== null)) {
        expect(valid.has(`${entity.uscc} ${rule.certificateType}`), `${entity.name}: ${rule.code}`).toBe(true);
      }
    }
  });

  it('paper certificates came into the hub on a working day after their issue and before any change: most in a campaign over the last 18 months, more each month', () => {
    for (const certificate of data.certificates) {
      if (certificate.origin === 'ISSUED') {
        expect(certificate.convertedOn).toBeNull();
        continue;
      }
      const on = certificate.convertedOn!;
      expect(on >= certificate.issuedOn && on <= today, `${certificate.number} converted on ${on}`).toBe(true);
      const first = certificate.statusChanges[0];
      if (first) expect(on <= changeDate(certificate, first), `${certificate.number} converted on ${on}`).toBe(true);
    }
    const converted = data.certificates.filter((c) => c.origin === 'CONVERTED').map((c) => c.convertedOn!);
    expect(converted.filter((on) => !isWorkday(on)).length).toBeLessThanOrEqual(converted.length * 0.05);
    expect(converted.filter((on) => on >= addDays(today, -CAMPAIGN_DAYS)).length).toBeGreaterThanOrEqual(converted.length * 0.85);
    // Months 17 to 1 back are whole; today's may have only begun.
    const monthly = Array.from({ length: 17 }, (_, i) => converted.filter((on) => on.startsWith(monthStart(today, 17 - i).slice(0, 7))).length);
    for (const count of monthly) expect(count).toBeGreaterThanOrEqual(1);
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(sum(monthly.slice(-6))).toBeGreaterThan(1.5 * sum(monthly.slice(0, 6)));
  });

  it('is deterministic: building it twice gives the same data', () => {
    expect(demoData(today)).toEqual(data);
  });

  it('the README holders are in the data and hold several certificates, the companies at more than one node', () => {
    expect(data.holders).toEqual(DEMO_HOLDERS);
    expect(data.holders.filter((h) => h.kind === 'ORGANIZATION').length).toBeGreaterThanOrEqual(2);
    expect(data.holders.filter((h) => h.kind === 'PERSON').length).toBe(2);
    for (const holder of data.holders) {
      const held = data.certificates.filter((c) => c.holderCode === holder.code);
      expect(held.length, holder.name).toBeGreaterThanOrEqual(2);
      if (holder.kind === 'ORGANIZATION') {
        expect(entities.get(holder.code)?.status).toBe('ACTIVE');
        expect(new Set(held.map((c) => nodeOf(usccRegion(c.issuerCode)))).size, holder.name).toBeGreaterThanOrEqual(2);
      } else {
        expect(persons.get(holder.code)?.name).toBe(holder.name);
      }
    }
  });
});

describe.each(DAYS)('the demo hub’s use over the two years before %s', (today) => {
  const data = demoData(today);
  const usage = demoUsage(data, today, [...EMBEDDED_NODES], nodeOf);
  const first = monthStart(today, RECENT_MONTHS - 1);
  const months = Array.from({ length: RECENT_MONTHS }, (_, back) => monthStart(today, RECENT_MONTHS - 1 - back).slice(0, 7));
  /** Counts per month of the history, and whether the second year's exceed the first's. */
  const perMonth = (rows: ReadonlyArray<{ month: string; n: number }>) => months.map((month) => rows.filter((row) => row.month === month).reduce((sum, row) => sum + row.n, 0));
  const grows = (counts: number[]) => counts.slice(12).reduce((a, b) => a + b, 0) > 1.3 * counts.slice(0, 12).reduce((a, b) => a + b, 0);
  // The whole months: today's may not have a working day before today yet.
  const whole = (counts: number[]) => counts.slice(0, -1);

  it('public verifications every month at every node, growing, mostly VALID with a few of every other outcome', () => {
    for (const row of usage.verifications) {
      expect(EMBEDDED_NODES.has(row.node)).toBe(true);
      expect(row.day >= first && row.day < today, row.day).toBe(true);
      expect(row.count).toBeGreaterThan(0);
      if (row.outcome === 'NOT_FOUND') expect(row.typeCode).toBe('');
      else expect(typeByCode.has(row.typeCode), row.typeCode).toBe(true);
    }
    const keys = usage.verifications.map((row) => `${row.node} ${row.day} ${row.typeCode} ${row.outcome}`);
    expect(new Set(keys).size).toBe(keys.length);
    const counts = perMonth(usage.verifications.map((row) => ({ month: row.day.slice(0, 7), n: row.count })));
    for (const count of whole(counts)) expect(count).toBeGreaterThan(0);
    expect(grows(counts)).toBe(true);
    const byOutcome = (outcome: string) => usage.verifications.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.count, 0);
    const total = usage.verifications.reduce((sum, row) => sum + row.count, 0);
    expect(byOutcome('VALID')).toBeGreaterThan(0.85 * total);
    for (const outcome of ['NOT_VALID', 'TAMPERED', 'NOT_FOUND']) expect(byOutcome(outcome), outcome).toBeGreaterThan(0);
    for (const node of EMBEDDED_NODES) expect(usage.verifications.some((row) => row.node === node), node).toBe(true);
  });

  it('免提交 checks of every demo matter at its agency’s node on working days, growing, mostly ELECTRONIC, each day’s counts consistent', () => {
    for (const row of usage.matterChecks) {
      const matter = DEMO_MATTERS.find((candidate) => candidate.code === row.matterCode)!;
      expect(row.node).toBe(nodeOf(matterCodeRegion(row.matterCode)));
      expect(isWorkday(row.day) && row.day >= first && row.day < today, row.day).toBe(true);
      expect(row.allPaperless).toBeLessThanOrEqual(row.checks);
      // Every check counts one outcome for each material; a paperless one an ELECTRONIC for each required one.
      for (const material of matter.materials) {
        const counted = row.materials.filter((m) => m.certificateType === material.certificateType);
        expect(counted.reduce((sum, m) => sum + m.count, 0), matter.name).toBe(row.checks);
        if (material.required) expect(counted.find((m) => m.outcome === 'ELECTRONIC')?.count ?? 0).toBeGreaterThanOrEqual(row.allPaperless);
      }
    }
    expect(new Set(usage.matterChecks.map((row) => row.matterCode))).toEqual(new Set(DEMO_MATTERS.map((matter) => matter.code)));
    const counts = perMonth(usage.matterChecks.map((row) => ({ month: row.day.slice(0, 7), n: row.checks })));
    for (const count of whole(counts)) expect(count).toBeGreaterThan(0);
    expect(grows(counts)).toBe(true);
    const outcomes = usage.matterChecks.flatMap((row) => row.materials);
    const electronic = outcomes.filter((m) => m.outcome === 'ELECTRONIC').reduce((sum, m) => sum + m.count, 0);
    expect(electronic).toBeGreaterThan(0.6 * outcomes.reduce((sum, m) => sum + m.count, 0));
    // The matters that are not paperless-ready ask the holder's consent instead.
    const unready = DEMO_MATTERS.find((matter) => matter.name === '中小学教师资格定期注册')!;
    expect(usage.matterChecks.filter((row) => row.matterCode === unready.code).flatMap((row) => row.materials).some((m) => m.outcome === 'ELECTRONIC')).toBe(false);
  });

  it('agencies read shared certificates for their purposes, each read one the hub allows, of a certificate in the hub that day, at the node that keeps it', () => {
    const byKey = new Map(data.certificates.map((c) => [`${c.typeCode}|${c.issuerCode}|${c.number}`, c]));
    let previous = '';
    for (const request of usage.requests) {
      expect(request.at >= previous).toBe(true);
      previous = request.at;
      const day = isoDate(new Date(request.at));
      expect(isWorkday(day) && day >= first && day < today, request.at).toBe(true);
      expect(request.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(unsafeCharacterProblem(request.purpose)).toBeNull();
      for (const record of request.records) {
        expect([...record.fields].sort()).toEqual(record.fields);
        if (!record.certificate) continue;
        const certificate = byKey.get(`${record.certificate.typeCode}|${record.certificate.issuerCode}|${record.certificate.number}`)!;
        expect(certificate, record.certificate.number).toBeDefined();
        expect(request.node).toBe(nodeOf(usccRegion(certificate.issuerCode)));
        expect(record.holderCode).toBe(certificate.holderCode);
        expect(enteredOn(certificate) <= day, `${certificate.number} read on ${day}`).toBe(true);
        const type = typeByCode.get(certificate.typeCode)!;
        const items = record.fields.filter((field) => field.startsWith('items.')).map((field) => field.slice(6));
        expect(items.length).toBeGreaterThan(0);
        const own = certificate.issuerCode === request.agency.code;
        const grant = DEMO_GRANTS.find((g) => g.agency === request.agency.code && g.certificateType === type.code && g.purposes.includes(request.purpose));
        for (const code of items) {
          const item = type.items.find((candidate) => candidate.code === code);
          expect(item, `${type.name} ${code}`).toBeDefined();
          const open = type.sharing === 'UNCONDITIONAL' && !item!.sensitive;
          expect(own || open || grant?.items.includes(code), `${request.agency.name} reads ${type.name} ${code} for ${request.purpose}`).toBe(true);
        }
        expect(request.agency.roles.includes('consumer') || own, request.agency.name).toBe(true);
      }
    }
    const reads = usage.requests.filter((request) => request.records.some((record) => record.certificate));
    // The README's holders' access log shows only what its examples read.
    for (const holder of DEMO_HOLDERS) expect(reads.some((request) => request.records.some((record) => record.holderCode === holder.code)), holder.name).toBe(false);
    const purposes = new Set(reads.map((request) => request.purpose));
    for (const purpose of ['企业开办审核', '食品经营许可审查', '招投标资格审查', 'SUPERVISION']) expect(purposes.has(purpose), purpose).toBe(true);
    // Every city's market regulator checks its own businesses online.
    const supervising = new Set(reads.filter((request) => request.purpose === 'SUPERVISION').map((request) => request.agency.name));
    for (const city of Object.keys(FUJIAN_REGIONS).filter((region) => region !== '350000')) expect(supervising.has(`${FUJIAN_REGIONS[city]}市场监督管理局`), city).toBe(true);
    const counts = perMonth(reads.map((request) => ({ month: isoDate(new Date(request.at)).slice(0, 7), n: request.records.length })));
    for (const count of whole(counts)) expect(count).toBeGreaterThan(0);
    expect(grows(counts)).toBe(true);
  });

  it('the supervisors look at the findings at every node and record an inspection draw every third month, as recordInspectionDraw checks it', () => {
    const supervisor = agencyBySlug('fj-inspect');
    const looks = usage.requests.filter((request) => request.records.some((record) => record.fields.includes('supervisionFindings')));
    for (const request of looks) expect(request).toMatchObject({ agency: supervisor, purpose: 'SUPERVISION' });
    for (const node of EMBEDDED_NODES) expect(looks.filter((request) => request.node === node).length, node).toBeGreaterThanOrEqual(RECENT_MONTHS);
    const draws = usage.requests.filter((request) => request.records.some((record) => record.fields.includes(INSPECTION_DRAW)));
    expect(draws.length).toBe(RECENT_MONTHS / 3);
    for (const draw of draws) {
      expect(draw).toMatchObject({ agency: supervisor, purpose: 'SUPERVISION', node: nodeOf(supervisor.region) });
      const detail = JSON.parse(draw.records[0]!.detail!) as ReturnType<typeof checkedDraw>;
      expect(detail.drawn).toBe(Math.min(detail.size, detail.population));
      expect(detail.seed.startsWith(isoDate(new Date(draw.at)).slice(0, 4))).toBe(true);
      expect(checkedDraw({ ...detail, kind: detail.kind === 'ALL' ? null : (detail.kind as FindingKind) })).toEqual(detail);
    }
    expect(new Set(draws.map((draw) => JSON.parse(draw.records[0]!.detail!).seed)).size).toBe(draws.length);
  });

  it('is the same history whenever it is built for the same data and day', () => {
    expect(demoUsage(demoData(today), today, [...EMBEDDED_NODES], nodeOf)).toEqual(usage);
  });

  it('targets (工作目标) of this year for 5 to 8 departments and this month for some, valid for setTarget, set by the steward before the hub starts', () => {
    const targets = demoTargets(today);
    const year = targets.filter((target) => target.input.period === today.slice(0, 4));
    const month = targets.filter((target) => target.input.period === today.slice(0, 7));
    expect(year.length + month.length).toBe(targets.length);
    expect(new Set(year.map((target) => target.input.agency)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(year.map((target) => target.input.agency)).size).toBeLessThanOrEqual(8);
    expect(month.length).toBeGreaterThanOrEqual(1);
    expect(new Set(targets.map((target) => `${target.input.agency} ${target.input.metric} ${target.input.period}`)).size).toBe(targets.length);
    for (const { input, setAt, requestId } of targets) {
      expect(periodProblem(input.period)).toBeNull();
      expect(agencyByCode.get(input.agency)?.name).toBe(input.agencyName);
      if (input.metric === 'STOCK_CONVERTED') expect(Number.isInteger(input.value) && input.value > 0).toBe(true);
      else expect(input.value > 0 && input.value <= 1, `${input.metric} ${input.value}`).toBe(true);
      expect(isoDate(new Date(setAt)) < today).toBe(true);
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(TARGET_STEWARD.roles).toContain('steward');
    expect(new Set(targets.map((target) => target.input.metric))).toEqual(new Set(['STOCK_CONVERTED', 'ISSUED_ELECTRONIC_SHARE', 'PAPERLESS_MATTERS_SHARE', 'ONLINE_CHECK_SHARE']));
  });
});

describe('the day the data is built for', () => {
  it('moves the dates but not the holders', () => {
    const early = demoData('2025-03-01');
    const late = demoData('2027-09-30');
    expect(late.legalEntities.map((e) => e.uscc)).toEqual(early.legalEntities.map((e) => e.uscc));
    expect(late.persons).toEqual(early.persons);
    expect(late.certificates.length).toBe(early.certificates.length);
    expect(late.holders).toEqual(early.holders);
    expect(late.legalEntities[0]?.establishedOn).not.toBe(early.legalEntities[0]?.establishedOn);
  });

  it('must be a real date', () => {
    expect(() => demoData('2026-02-30')).toThrow(RangeError);
    expect(() => demoData('today')).toThrow(RangeError);
  });
});
