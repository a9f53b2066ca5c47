/**
 * What each licence of an entity looks like: its type, issuer, term, number and face items, all
 * following from the entity itself. Choices here are hashed from the entity's USCC, not drawn,
 * so they cost no draws.
 */
import { usccRegion } from '../../lib/codes.js';
import { agencyBySlug, healthCommissionFor, registrarFor, transportBureauFor, type DemoAgency } from './agencies.js';
import { YEAR_DAYS } from './calendar.js';
import { TYPE_CODES } from './certificate-types.js';
import type { EntityRecord } from './drafting.js';
import { hashedDigits, type CertificateNumbers } from './identifiers.js';
import { SITE_CANTEEN, STAFF_CANTEEN, type Licence } from './industries.js';
import { FEMALE_GIVEN, MALE_GIVEN } from './people.js';
import { cityOf } from './places.js';

/** A licence of an entity, every generation of it alike but for the dates and the number. */
export interface LicenceSpec {
  typeCode: string;
  issuer: DemoAgency;
  years: number | null;
  /** How long ago the type came into use, in days: no generation is older. */
  introducedAgo: number;
  number(issuedOn: string): string;
  items(number: string): Array<{ code: string; value: string }>;
}

/**
 * The licence of `kind` that `record`'s entity holds, issued by the authority of its region;
 * `supervisors` are the officers a food licence names, `numbers` numbers every generation.
 */
export function licenceSpec(kind: Licence, record: EntityRecord, supervisors: string, numbers: CertificateNumbers): LicenceSpec {
  const { entity, district: place, industry } = record;
  const region = usccRegion(entity.uscc);
  const regulator = registrarFor(region);
  const city = cityOf(region);
  const orgCode = entity.uscc.slice(8, 17);
  const choose = <T>(list: readonly T[], salt: string): T => list[Number(hashedDigits(entity.uscc + salt, 6)) % list.length]!;
  const person = (salt: string) => choose(['陈', '林', '黄', '张', '郑', '吴'], salt) + choose(MALE_GIVEN.concat(FEMALE_GIVEN), `${salt}-given`);
  const economicType = (record.entityType ?? '').startsWith('股份') ? '股份有限公司' : record.entityType === '个体工商户' ? '个体' : '有限责任公司';

  switch (kind) {
    case 'food':
    case 'canteen': {
      const profile = kind === 'canteen' ? (industry.food === SITE_CANTEEN ? SITE_CANTEEN : STAFF_CANTEEN) : industry.food!;
      const format = choose(profile.formats, `${kind}-format`);
      return {
        typeCode: TYPE_CODES.foodBusiness,
        issuer: regulator,
        years: 5,
        // 食品经营许可证 replaced the catering and food circulation permits in October 2015.
        introducedAgo: Math.round(10 * YEAR_DAYS),
        number: (issuedOn) => numbers.foodBusiness(profile.digit, region, issuedOn, kind),
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'domicile', value: entity.address },
          { code: 'premises', value: kind === 'canteen' && profile === SITE_CANTEEN ? `${place.address}${choose(place.streets, 'site')}项目部生活区` : entity.address },
          { code: 'businessFormat', value: format },
          { code: 'businessItems', value: choose(profile.items, `${kind}-items`) },
          { code: 'supervisoryAuthority', value: place.regulator },
          { code: 'supervisors', value: supervisors },
          { code: 'complaintHotline', value: '12315' },
          { code: 'issuingAuthority', value: regulator.name },
          { code: 'signer', value: person('signer') },
        ],
      };
    }
    case 'construction':
      return {
        typeCode: TYPE_CODES.constructionSafety,
        issuer: agencyBySlug('fj-housing'),
        years: 3,
        introducedAgo: 20 * 365,
        number: (issuedOn) => numbers.constructionSafety(issuedOn),
        items: () => [
          { code: 'enterpriseName', value: entity.name },
          { code: 'principal', value: entity.legalRepresentative },
          { code: 'address', value: entity.address },
          { code: 'economicType', value: economicType },
          { code: 'scope', value: '建筑施工' },
          { code: 'issuingAuthority', value: '福建省住房和城乡建设厅' },
        ],
      };
    case 'medical': {
      const medical = industry.medical!;
      const health = healthCommissionFor(region, medical.issuer);
      const beds = medical.beds.length > 0 ? choose(medical.beds, 'beds') : null;
      return {
        typeCode: TYPE_CODES.medicalInstitution,
        issuer: health,
        years: 5,
        introducedAgo: 20 * 365,
        // The 登记号: organisation code, region, 医疗机构类别 and a number of this registration.
        number: () => numbers.medicalInstitution(orgCode, region, `${choose(['11', '12', '17'], 'class')}${medical.classCode}`),
        items: (number) => [
          { code: 'institutionName', value: institutionName(record) },
          { code: 'address', value: entity.address },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'principal', value: industry.kind === '91' ? person('director') : entity.legalRepresentative },
          { code: 'departments', value: choose(medical.departments, 'departments') },
          ...(beds === null ? [] : [{ code: 'beds', value: `${beds}张` }]),
          { code: 'ownership', value: medical.ownership },
          { code: 'profitNature', value: medical.profitNature },
          { code: 'registrationNumber', value: number },
          { code: 'issuingAuthority', value: health.name },
        ],
      };
    }
    case 'drugRetail':
    case 'drugWholesale': {
      const wholesale = kind === 'drugWholesale';
      const chain = record.industryKey === 'pharmacyChain';
      // The province licenses wholesalers and retail chain headquarters, the city single pharmacies.
      const issuer = wholesale || chain ? agencyBySlug('fj-mpa') : regulator;
      return {
        typeCode: TYPE_CODES.drugBusiness,
        issuer,
        years: 5,
        introducedAgo: 20 * 365,
        number: () => numbers.drugBusiness(wholesale ? 'wholesale' : chain ? 'chain' : 'retail', city.areaCode),
        items: () => [
          { code: 'enterpriseName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'registeredAddress', value: entity.address },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'enterprisePrincipal', value: chain || wholesale ? person('principal') : entity.legalRepresentative },
          { code: 'qualityPrincipal', value: person('quality') },
          ...(wholesale || chain ? [{ code: 'warehouseAddress', value: `${place.address}${choose(place.streets, 'warehouse')}${Number(hashedDigits(entity.uscc, 3)) + 1}号仓库` }] : []),
          { code: 'operationMode', value: wholesale ? '批发' : chain ? '零售（连锁）' : '零售' },
          {
            code: 'businessScope',
            value: wholesale
              ? '中药饮片、中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）、化学原料药、抗生素原料药'
              : '处方药、甲类非处方药、乙类非处方药：中药饮片、中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）',
          },
          { code: 'issuingAuthority', value: issuer.name },
        ],
      };
    }
    case 'transport': {
      const transport = transportBureauFor(region);
      return {
        typeCode: TYPE_CODES.roadTransport,
        issuer: transport,
        years: 4,
        introducedAgo: 20 * 365,
        number: () => numbers.roadTransport(region),
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'address', value: entity.address },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'economicType', value: economicType },
          { code: 'businessScope', value: choose(['道路普通货物运输', '道路普通货物运输；货物专用运输（集装箱）', '道路普通货物运输；大型物件运输'], 'scope') },
          { code: 'issuingAuthority', value: transport.name },
        ],
      };
    }
    case 'rental':
      return {
        typeCode: TYPE_CODES.carRental,
        issuer: agencyBySlug('fz-transport'),
        years: null,
        introducedAgo: 5 * 365,
        number: (issuedOn) => numbers.carRental(issuedOn),
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'address', value: entity.address },
          { code: 'serviceOutlets', value: `${choose(['福州火车站', '福州南站', '长乐国际机场'], 'outlet')}服务网点` },
          { code: 'vehicleCount', value: `${20 + (Number(hashedDigits(entity.uscc, 3)) % 180)}辆` },
          { code: 'filingAuthority', value: '福州市交通运输局' },
        ],
      };
    case 'workshop':
      return {
        typeCode: TYPE_CODES.foodWorkshop,
        issuer: regulator,
        years: 3,
        introducedAgo: 9 * 365,
        number: () => numbers.foodWorkshop(region),
        items: () => [
          { code: 'name', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'operator', value: entity.legalRepresentative },
          { code: 'premises', value: entity.address },
          { code: 'foodVarieties', value: entity.name.replace(/^.*记/, '').replace('加工坊', '') },
          { code: 'registrationAuthority', value: place.regulator },
        ],
      };
    case 'advertising':
      return {
        typeCode: TYPE_CODES.outdoorAdvertising,
        issuer: agencyBySlug('xm-municipal'),
        years: 3,
        introducedAgo: 10 * 365,
        number: (issuedOn) => numbers.outdoorAdvertising(issuedOn),
        items: () => [
          { code: 'applicant', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'location', value: entity.address },
          { code: 'form', value: choose(['门头招牌', 'LED显示屏', '楼顶广告', '落地式广告牌'], 'form') },
          { code: 'size', value: choose(['8.0米×1.2米', '12.0米×3.0米', '6.0米×2.0米', '4.5米×1.0米'], 'size') },
          { code: 'issuingAuthority', value: '厦门市市政园林局' },
        ],
      };
  }
}

/** The name a medical institution is licensed under: a company's hospital drops 有限公司. */
export function institutionName(record: EntityRecord): string {
  return record.entity.name.replace(/有限公司$/, '');
}
