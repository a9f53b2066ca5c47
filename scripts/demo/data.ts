/**
 * Demo data of the embedded hub: the agencies of a Fujian e-certificate network, the certificate
 * types they meet first with their real face items (照面信息项), a registry of legal entities
 * spread over the province, the people who hold personal certificates, and the certificates
 * themselves with their history.
 *
 * Everything is pure and deterministic: a seeded PRNG (mulberry32) draws every choice, and every
 * date is an offset in days from the `today` the data is built for. The number of draws never
 * depends on `today`, so the holders (names, USCCs, ID numbers) are the same whatever day the
 * hub is first started, and the README can name them.
 */
import { residentIdCheckChar, usccCheckChar, usccRegion, type HolderKindValue } from '../../lib/codes.js';
import type { Role } from '../../lib/principal.js';
import type { SharingLevelValue } from '../../subgraphs/certificate/catalog.js';

// ---------------------------------------------------------------------------------------------
// Shapes

/** What kind of authority an agency is; decides which certificate types it may issue. */
export type AgencyKind =
  | 'market'
  | 'housing'
  | 'health'
  | 'drug'
  | 'transport'
  | 'education'
  | 'cityManagement'
  | 'bigData'
  | 'tax'
  | 'police'
  | 'audit'
  | 'statistics';

export interface DemoAgency {
  /** Short handle for the README and token commands, e.g. 'fz-amr'. */
  slug: string;
  /** USCC (category 11, 机关). */
  code: string;
  name: string;
  region: string;
  kind: AgencyKind;
  roles: Role[];
}

export interface DemoItemDefinition {
  code: string;
  name: string;
  required: boolean;
  sensitive: boolean;
}

/** DefineCertificateTypeInput of subgraphs/catalog/schema.graphql (and a CatalogType). */
export interface DemoCertificateType {
  code: string;
  name: string;
  definingAuthority: string;
  holderKind: HolderKindValue;
  sharing: SharingLevelValue;
  validityYears: number | null;
  /** The demo agencies that issue it (its defining authority may anyway): exact USCCs, never region patterns. */
  issuers: string[];
  items: DemoItemDefinition[];
}

export type EntityStatusValue = 'ACTIVE' | 'REVOKED' | 'CANCELLED';

/** RegisterLegalEntityInput of subgraphs/legal-entity/schema.graphql, with the registry status. */
export interface DemoLegalEntity {
  uscc: string;
  name: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string;
  address: string;
  businessScope: string;
  establishedOn: string;
  status: EntityStatusValue;
}

export interface DemoPerson {
  idNumber: string;
  name: string;
  gender: '男' | '女';
  birthDate: string;
  occupation: 'physician' | 'teacher' | 'vendor';
}

export type StoredStatusValue = 'VALID' | 'SUSPENDED' | 'REVOKED' | 'WITHDRAWN' | 'CANCELLED';
export type CertificateStatusValue = StoredStatusValue | 'EXPIRED';

export interface DemoStatusChange {
  status: StoredStatusValue;
  reason: string;
  /** Days after issuedOn on which the change was made; always before `today`. */
  daysAfterIssue: number;
}

/** IssueCertificateInput of subgraphs/certificate/schema.graphql, with issuer, origin and history. */
export interface DemoCertificate {
  /** USCC of the issuing agency (one of AGENCIES, with role issuer). */
  issuerCode: string;
  typeCode: string;
  number: string;
  holderKind: HolderKindValue;
  holderCode: string;
  holderName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  items: Array<{ code: string; value: string }>;
  origin: 'ISSUED' | 'CONVERTED';
  statusChanges: DemoStatusChange[];
}

/** A holder the README uses in token examples. */
export interface DemoHolder {
  kind: HolderKindValue;
  code: string;
  name: string;
  /** What the holder has, e.g. '营业执照, 医疗机构执业许可证, 食品经营许可证 ×2'. */
  holds: string;
}

export interface DemoData {
  agencies: readonly DemoAgency[];
  certificateTypes: readonly DemoCertificateType[];
  legalEntities: DemoLegalEntity[];
  persons: DemoPerson[];
  certificates: DemoCertificate[];
  holders: DemoHolder[];
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and calendar arithmetic

/** mulberry32: a tiny seeded PRNG, the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(private readonly next: () => number) {}

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]; min when the range is empty. */
  int(min: number, max: number): number {
    const u = this.next();
    return max <= min ? min : min + Math.floor(u * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    const u = this.next();
    const value = list[Math.floor(u * list.length)];
    if (value === undefined) throw new RangeError('pick from an empty list');
    return value;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);
const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The same month and day `years` later (Feb 29 → Mar 1, as Date.UTC rolls over). */
function addYears(date: string, years: number): string {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** The last day of a term of `years` starting on `from`, as the certificate service computes it. */
const termEnd = (from: string, years: number) => addDays(addYears(from, years), -1);

/** A date as printed on a certificate: 2015年03月12日. */
const printed = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

/** Days in a year as the generator counts them, so that decisions never depend on `today`. */
const YEAR_DAYS = 365.25;

// ---------------------------------------------------------------------------------------------
// Identifiers

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_LETTERS_AND_DIGITS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A 9-character organisation code (GB 11714) with its check character, from its first 8. */
function organizationCode(base: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(base.charAt(i), 36) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return base + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** A USCC: registration department and category, region, organisation code, check character. */
function makeUscc(kind: string, region: string, orgBase: string): string {
  const first17 = `${kind}${region}${organizationCode(orgBase)}`;
  return first17 + usccCheckChar(first17);
}

function makeResidentId(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

// ---------------------------------------------------------------------------------------------
// Agencies and the authorities that define types

const agency = (slug: string, name: string, region: string, kind: AgencyKind, roles: Role[], orgBase: string): DemoAgency => ({
  slug,
  code: makeUscc('11', region, orgBase),
  name,
  region,
  kind,
  roles,
});

/** The agencies of the demo network. Every issuer issues only the types of its kind. */
export const AGENCIES: readonly DemoAgency[] = [
  agency('fj-amr', '福建省市场监督管理局', '350000', 'market', ['issuer', 'registrar'], 'MB1E4Y5F'),
  agency('fz-amr', '福州市市场监督管理局', '350100', 'market', ['issuer', 'registrar'], 'MB1A8C2K'),
  // Also records licences issued outside the province from their scans (scripts/demo/external.ts).
  agency('xm-amr', '厦门市市场监督管理局', '350200', 'market', ['issuer', 'registrar', 'external-registrar'], 'MB1P3R7D'),
  agency('pt-amr', '莆田市市场监督管理局', '350300', 'market', ['issuer', 'registrar'], 'MB1G7W4C'),
  agency('qz-amr', '泉州市市场监督管理局', '350500', 'market', ['issuer', 'registrar'], 'MB1K5T9H'),
  agency('zz-amr', '漳州市市场监督管理局', '350600', 'market', ['issuer', 'registrar'], 'MB1L2N6G'),
  agency('nd-amr', '宁德市市场监督管理局', '350900', 'market', ['issuer', 'registrar'], 'MB1H9Q3B'),
  agency('fj-housing', '福建省住房和城乡建设厅', '350000', 'housing', ['issuer'], '00359102'),
  agency('fj-health', '福建省卫生健康委员会', '350000', 'health', ['issuer'], 'MB1D6U8A'),
  agency('fz-health', '福州市卫生健康委员会', '350100', 'health', ['issuer'], 'MB1C3J5E'),
  agency('xm-health', '厦门市卫生健康委员会', '350200', 'health', ['issuer'], 'MB1F2X7L'),
  agency('fj-mpa', '福建省药品监督管理局', '350000', 'drug', ['issuer'], 'MB1J4P2M'),
  agency('fz-transport', '福州市交通运输局', '350100', 'transport', ['issuer'], '00375621'),
  agency('xm-transport', '厦门市交通运输局', '350200', 'transport', ['issuer'], '00260351'),
  agency('fz-edu', '福州市教育局', '350100', 'education', ['issuer'], '00375605'),
  agency('xm-edu', '厦门市教育局', '350200', 'education', ['issuer'], '00260318'),
  agency('xm-municipal', '厦门市市政园林局', '350200', 'cityManagement', ['issuer'], '00260377'),
  agency('fj-bigdata', '福建省大数据管理局', '350000', 'bigData', ['steward', 'operator'], 'MB1B5K9R'),
  agency('fz-tax', '国家税务总局福州市税务局', '350100', 'tax', ['consumer'], 'MB1N8E3T'),
  agency('xm-police', '厦门市公安局', '350200', 'police', ['consumer'], '00260302'),
  agency('fj-audit', '福建省审计厅', '350000', 'audit', ['auditor'], '00359135'),
  agency('fj-stats', '福建省统计局', '350000', 'statistics', ['analyst'], '00359143'),
];

const AGENCY_BY_SLUG = new Map(AGENCIES.map((a) => [a.slug, a]));

/** The agency with this slug; throws for an unknown one. */
export function agencyBySlug(slug: string): DemoAgency {
  const found = AGENCY_BY_SLUG.get(slug);
  if (!found) throw new RangeError(`no demo agency ${slug}`);
  return found;
}

const CITY_MARKET_REGULATORS: Readonly<Record<string, string>> = {
  '3501': 'fz-amr',
  '3502': 'xm-amr',
  '3503': 'pt-amr',
  '3505': 'qz-amr',
  '3506': 'zz-amr',
  '3509': 'nd-amr',
};

/**
 * The registration authority that records an entity of `region` in the registry: the market
 * regulator of its city, or the province's for province-level entities and cities without one here.
 */
export function registrarFor(region: string): DemoAgency {
  return agencyBySlug(CITY_MARKET_REGULATORS[region.slice(0, 4)] ?? 'fj-amr');
}

/** National ministries that define types: region 100000, kept at the province node. */
export const DEFINING_AUTHORITIES = {
  samr: { name: '国家市场监督管理总局', code: makeUscc('11', '100000', 'MB0Y4P2K') },
  mohurd: { name: '住房和城乡建设部', code: makeUscc('11', '100000', '00001907') },
  nhc: { name: '国家卫生健康委员会', code: makeUscc('11', '100000', 'MB0A5G7N') },
  nmpa: { name: '国家药品监督管理局', code: makeUscc('11', '100000', 'MB0J3D8W') },
  mot: { name: '交通运输部', code: makeUscc('11', '100000', '00001923') },
  moe: { name: '教育部', code: makeUscc('11', '100000', '00001846') },
} as const;

// ---------------------------------------------------------------------------------------------
// Certificate types

const item = (code: string, name: string, required = true, sensitive = false): DemoItemDefinition => ({ code, name, required, sensitive });

/** The type codes, by what the generator calls them. */
export const TYPE_CODES = {
  businessLicence: `${DEFINING_AUTHORITIES.samr.code}001`,
  foodBusiness: `${DEFINING_AUTHORITIES.samr.code}002`,
  constructionSafety: `${DEFINING_AUTHORITIES.mohurd.code}001`,
  medicalInstitution: `${DEFINING_AUTHORITIES.nhc.code}001`,
  physician: `${DEFINING_AUTHORITIES.nhc.code}002`,
  drugBusiness: `${DEFINING_AUTHORITIES.nmpa.code}001`,
  roadTransport: `${DEFINING_AUTHORITIES.mot.code}001`,
  teacher: `${DEFINING_AUTHORITIES.moe.code}001`,
  foodWorkshop: `${agencyBySlug('fj-amr').code}001`,
  carRental: `${agencyBySlug('fz-transport').code}001`,
  foodVendor: `${agencyBySlug('xm-amr').code}001`,
  outdoorAdvertising: `${agencyBySlug('xm-municipal').code}001`,
} as const;

type TypeKey = keyof typeof TYPE_CODES;

/** The USCCs of the demo agencies with these slugs. */
const codesOf = (...slugs: string[]): string[] => slugs.map((slug) => agencyBySlug(slug).code);

/** The market regulators that register entities and issue their licences: the province's and each city's. */
const MARKET_REGULATORS = ['fj-amr', 'fz-amr', 'xm-amr', 'pt-amr', 'qz-amr', 'zz-amr', 'nd-amr'];
const HEALTH_COMMISSIONS = ['fj-health', 'fz-health', 'xm-health'];

/**
 * The certificate types, items in printed order. National types are kept at the province node;
 * 福建省食品小作坊登记证 too, 小微型客车租赁经营备案证明 at Fuzhou's and the two Xiamen types at Xiamen's.
 */
export const CERTIFICATE_TYPES: readonly DemoCertificateType[] = [
  {
    code: TYPE_CODES.businessLicence,
    name: '营业执照',
    definingAuthority: DEFINING_AUTHORITIES.samr.name,
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: null,
    issuers: codesOf(...MARKET_REGULATORS),
    items: [
      item('uscc', '统一社会信用代码'),
      item('name', '名称'),
      item('entityType', '类型'),
      item('legalRepresentative', '法定代表人'),
      item('businessScope', '经营范围'),
      item('registeredCapital', '注册资本', false),
      item('compositionForm', '组成形式', false),
      item('establishedOn', '成立日期'),
      item('businessTerm', '营业期限', false),
      item('address', '住所'),
      item('registrationAuthority', '登记机关'),
    ],
  },
  {
    code: TYPE_CODES.foodBusiness,
    name: '食品经营许可证',
    definingAuthority: DEFINING_AUTHORITIES.samr.name,
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: 5,
    issuers: codesOf(...MARKET_REGULATORS),
    items: [
      item('operatorName', '经营者名称'),
      item('creditCode', '社会信用代码（身份证号码）'),
      item('legalRepresentative', '法定代表人（负责人）'),
      item('domicile', '住所'),
      item('premises', '经营场所'),
      item('businessFormat', '主体业态'),
      item('businessItems', '经营项目'),
      item('supervisoryAuthority', '日常监督管理机构'),
      item('supervisors', '日常监督管理人员', false),
      item('complaintHotline', '投诉举报电话'),
      item('issuingAuthority', '发证机关'),
      item('signer', '签发人', false),
    ],
  },
  {
    code: TYPE_CODES.constructionSafety,
    name: '建筑施工企业安全生产许可证',
    definingAuthority: DEFINING_AUTHORITIES.mohurd.name,
    holderKind: 'ORGANIZATION',
    sharing: 'CONDITIONAL',
    validityYears: 3,
    issuers: codesOf('fj-housing'),
    items: [
      item('enterpriseName', '企业名称'),
      item('principal', '主要负责人'),
      item('address', '单位地址'),
      item('economicType', '经济类型'),
      item('scope', '许可范围'),
      item('issuingAuthority', '发证机关'),
    ],
  },
  {
    code: TYPE_CODES.medicalInstitution,
    name: '医疗机构执业许可证',
    definingAuthority: DEFINING_AUTHORITIES.nhc.name,
    holderKind: 'ORGANIZATION',
    sharing: 'CONDITIONAL',
    validityYears: 5,
    issuers: codesOf(...HEALTH_COMMISSIONS),
    items: [
      item('institutionName', '机构名称'),
      item('address', '地址'),
      item('legalRepresentative', '法定代表人', false),
      item('principal', '主要负责人'),
      item('departments', '诊疗科目'),
      item('beds', '床位', false),
      item('ownership', '所有制形式'),
      item('profitNature', '经营性质', false),
      item('registrationNumber', '登记号'),
      item('issuingAuthority', '发证机关'),
    ],
  },
  {
    code: TYPE_CODES.drugBusiness,
    name: '药品经营许可证',
    definingAuthority: DEFINING_AUTHORITIES.nmpa.name,
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: 5,
    issuers: codesOf('fj-mpa', ...MARKET_REGULATORS),
    items: [
      item('enterpriseName', '企业名称'),
      item('creditCode', '统一社会信用代码'),
      item('registeredAddress', '注册地址'),
      item('legalRepresentative', '法定代表人'),
      item('enterprisePrincipal', '企业负责人'),
      item('qualityPrincipal', '质量负责人'),
      item('warehouseAddress', '仓库地址', false),
      item('operationMode', '经营方式'),
      item('businessScope', '经营范围'),
      item('issuingAuthority', '发证机关'),
    ],
  },
  {
    code: TYPE_CODES.roadTransport,
    name: '道路运输经营许可证',
    definingAuthority: DEFINING_AUTHORITIES.mot.name,
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: 4,
    issuers: codesOf('fz-transport', 'xm-transport'),
    items: [
      item('operatorName', '业户名称'),
      item('address', '地址'),
      item('legalRepresentative', '法定代表人（负责人）'),
      item('economicType', '经济类型'),
      item('businessScope', '经营范围'),
      item('issuingAuthority', '发证机关'),
    ],
  },
  {
    code: TYPE_CODES.physician,
    name: '医师执业证书',
    definingAuthority: DEFINING_AUTHORITIES.nhc.name,
    holderKind: 'PERSON',
    sharing: 'NOT_SHARED',
    validityYears: null,
    issuers: codesOf(...HEALTH_COMMISSIONS),
    items: [
      item('name', '姓名'),
      item('gender', '性别'),
      item('birthDate', '出生日期'),
      item('idNumber', '身份证号', true, true),
      item('level', '医师级别'),
      item('practiceCategory', '执业类别'),
      item('practiceScope', '执业范围'),
      item('practicePlace', '执业地点'),
      item('mainInstitution', '主要执业机构'),
      item('issuingAuthority', '发证机关'),
    ],
  },
  {
    code: TYPE_CODES.teacher,
    name: '教师资格证书',
    definingAuthority: DEFINING_AUTHORITIES.moe.name,
    holderKind: 'PERSON',
    sharing: 'CONDITIONAL',
    validityYears: null,
    issuers: codesOf('fz-edu', 'xm-edu'),
    items: [
      item('name', '姓名'),
      item('gender', '性别'),
      item('birthDate', '出生日期'),
      item('idNumber', '身份证件号码', true, true),
      item('qualificationType', '资格种类'),
      item('subject', '任教学科', false),
      item('certifyingAuthority', '认定机构'),
    ],
  },
  {
    code: TYPE_CODES.foodWorkshop,
    name: '福建省食品小作坊登记证',
    definingAuthority: '福建省市场监督管理局',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: 3,
    issuers: codesOf(...MARKET_REGULATORS),
    items: [
      item('name', '名称'),
      item('creditCode', '统一社会信用代码'),
      item('operator', '经营者'),
      item('premises', '生产加工场所'),
      item('foodVarieties', '生产加工食品品种'),
      item('registrationAuthority', '登记机关'),
    ],
  },
  {
    code: TYPE_CODES.carRental,
    name: '小微型客车租赁经营备案证明',
    definingAuthority: '福州市交通运输局',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: null,
    issuers: codesOf('fz-transport'),
    items: [
      item('operatorName', '经营者名称'),
      item('creditCode', '统一社会信用代码'),
      item('legalRepresentative', '法定代表人'),
      item('address', '经营地址'),
      item('serviceOutlets', '服务网点', false),
      item('vehicleCount', '备案车辆数'),
      item('filingAuthority', '备案机关'),
    ],
  },
  {
    code: TYPE_CODES.foodVendor,
    name: '厦门市食品摊贩登记卡',
    definingAuthority: '厦门市市场监督管理局',
    holderKind: 'PERSON',
    sharing: 'CONDITIONAL',
    validityYears: 2,
    issuers: codesOf('xm-amr'),
    items: [
      item('name', '摊贩姓名'),
      item('idNumber', '公民身份号码', true, true),
      item('foodCategories', '经营品种'),
      item('location', '经营地点'),
      item('hours', '经营时段'),
      item('registrationAuthority', '登记机关'),
    ],
  },
  {
    code: TYPE_CODES.outdoorAdvertising,
    name: '厦门市户外广告设置许可证',
    definingAuthority: '厦门市市政园林局',
    holderKind: 'ORGANIZATION',
    sharing: 'UNCONDITIONAL',
    validityYears: 3,
    issuers: codesOf('xm-municipal'),
    items: [
      item('applicant', '设置单位'),
      item('creditCode', '统一社会信用代码'),
      item('location', '设置地点'),
      item('form', '广告形式'),
      item('size', '规格', false),
      item('issuingAuthority', '发证机关'),
    ],
  },
];

/**
 * The registry's own catalog entry (法人登记基础信息), defined by the provincial market regulator:
 * nobody issues it; grants on it open the legal-entity registry's personal fields.
 */
export const REGISTRY_TYPE: DemoCertificateType = {
  code: `${agencyBySlug('fj-amr').code}900`,
  name: '法人登记基础信息',
  definingAuthority: '福建省市场监督管理局',
  holderKind: 'ORGANIZATION',
  sharing: 'CONDITIONAL',
  validityYears: null,
  issuers: [],
  items: [item('legalRepresentative', '法定代表人'), item('legalRepresentativeIdNumber', '法定代表人身份证件号码', true, true)],
};

/**
 * Grants the province's data steward has made: which agency may read which items of which type,
 * for which purposes (用证事由). Send the purpose as X-Purpose to use one.
 */
export const DEMO_GRANTS: ReadonlyArray<{ agency: string; certificateType: string; items: string[]; purposes: string[] }> = [
  {
    agency: agencyBySlug('fz-tax').code,
    certificateType: TYPE_CODES.constructionSafety,
    items: ['enterpriseName', 'principal', 'scope'],
    purposes: ['税务登记信息核验'],
  },
  {
    agency: agencyBySlug('xm-police').code,
    certificateType: REGISTRY_TYPE.code,
    items: ['legalRepresentative', 'legalRepresentativeIdNumber'],
    purposes: ['治安案件调查'],
  },
  {
    agency: agencyBySlug('xm-police').code,
    certificateType: TYPE_CODES.foodVendor,
    items: ['name', 'idNumber', 'location'],
    purposes: ['治安案件调查'],
  },
  {
    agency: agencyBySlug('fj-stats').code,
    certificateType: TYPE_CODES.medicalInstitution,
    items: ['institutionName', 'beds', 'ownership'],
    purposes: ['卫生统计年报'],
  },
];

/** The kinds of agency that issue each type: market regulators issue retail drug licences too. */
export const TYPE_ISSUER_KINDS: Readonly<Record<string, readonly AgencyKind[]>> = {
  [TYPE_CODES.businessLicence]: ['market'],
  [TYPE_CODES.foodBusiness]: ['market'],
  [TYPE_CODES.constructionSafety]: ['housing'],
  [TYPE_CODES.medicalInstitution]: ['health'],
  [TYPE_CODES.physician]: ['health'],
  [TYPE_CODES.drugBusiness]: ['drug', 'market'],
  [TYPE_CODES.roadTransport]: ['transport'],
  [TYPE_CODES.teacher]: ['education'],
  [TYPE_CODES.foodWorkshop]: ['market'],
  [TYPE_CODES.carRental]: ['transport'],
  [TYPE_CODES.foodVendor]: ['market'],
  [TYPE_CODES.outdoorAdvertising]: ['cityManagement'],
};

// ---------------------------------------------------------------------------------------------
// Geography

interface City {
  name: string;
  /** Area code of the city's telephone network, used in drug licence numbers. */
  areaCode: string;
  /** 字号 that sound local. */
  tradeNames: readonly string[];
  dishes: readonly string[];
  workshopProducts: readonly string[];
}

const CITIES: Readonly<Record<string, City>> = {
  '3500': { name: '福建省', areaCode: '591', tradeNames: ['海峡', '八闽', '东南', '闽台', '武夷', '闽榕', '闽发', '闽建'], dishes: [], workshopProducts: [] },
  '3501': {
    name: '福州市',
    areaCode: '591',
    tradeNames: ['闽江', '榕城', '鼓山', '三坊', '屏山', '乌山', '温泉', '闽都', '冶山', '榕树', '左海', '旗山', '榕发', '福泽'],
    dishes: ['鱼丸', '肉燕', '锅边糊', '拌面扁肉', '荔枝肉', '海蛎饼', '福州小吃'],
    workshopProducts: ['线面', '鱼丸', '肉燕皮', '光饼', '米粉', '红糟'],
  },
  '3502': {
    name: '厦门市',
    areaCode: '592',
    tradeNames: ['鹭岛', '白鹭', '筼筜', '鼓浪', '环岛', '五缘', '嘉禾', '鹭江', '湖滨', '海湾', '翔鹭', '鹭腾', '金鹭'],
    dishes: ['沙茶面', '花生汤', '土笋冻', '面线糊', '海蛎煎', '烧肉粽', '姜母鸭'],
    workshopProducts: ['馅饼', '花生糖', '面线', '鱼丸'],
  },
  '3503': { name: '莆田市', areaCode: '594', tradeNames: ['木兰', '壶山', '湄洲', '荔城', '兴化'], dishes: ['卤面', '兴化米粉', '焖豆腐'], workshopProducts: [] },
  '3505': { name: '泉州市', areaCode: '595', tradeNames: ['刺桐', '温陵', '清源', '开元', '东海', '洛阳'], dishes: ['面线糊', '牛排', '润饼', '姜母鸭', '石花膏'], workshopProducts: [] },
  '3506': { name: '漳州市', areaCode: '596', tradeNames: ['芗江', '九龙', '水仙', '丹霞', '龙江'], dishes: ['卤面', '手抓面', '四果汤', '猫仔粥'], workshopProducts: [] },
  '3509': { name: '宁德市', areaCode: '593', tradeNames: ['三都', '太姥', '蕉城', '闽东', '白云'], dishes: ['鼎边糊', '海鲜', '芋头饼'], workshopProducts: [] },
};

interface District {
  code: string;
  /** As in a 个体工商户's name: 福州市鼓楼区, 闽侯县, 晋江市. */
  full: string;
  /** Start of a postal address: 福建省福州市鼓楼区. */
  address: string;
  /** Start of a company name: 福州, 晋江, 福建. */
  prefix: string;
  /** The market regulator that registers businesses here (登记机关). */
  regulator: string;
  streets: readonly string[];
  /** 街道 and 镇, for community health centres and supervision offices. */
  subdistricts: readonly string[];
}

const district = (
  code: string,
  full: string,
  address: string,
  prefix: string,
  streets: readonly string[],
  subdistricts: readonly string[],
  regulator = `${full}市场监督管理局`,
): District => ({ code, full, address, prefix, regulator, streets, subdistricts });

const DISTRICTS: Readonly<Record<string, District>> = Object.fromEntries(
  [
    district('350000', '福建省', '福建省福州市', '福建', ['鼓楼区五四路', '台江区江滨中大道', '仓山区金山大道', '晋安区福新中路', '鼓楼区湖东路'], ['东街'], '福建省市场监督管理局'),
    district('350102', '福州市鼓楼区', '福建省福州市鼓楼区', '福州', ['五四路', '东街', '杨桥中路', '湖东路', '西二环北路', '铜盘路', '华林路', '古田路', '乌山路', '北环中路'], ['东街', '南街', '温泉', '鼓东', '鼓西', '华大', '水部', '安泰', '五凤']),
    district('350103', '福州市台江区', '福建省福州市台江区', '福州', ['工业路', '八一七中路', '六一中路', '江滨中大道', '广达路', '宁化路', '群众路', '五一中路'], ['瀛洲', '后洲', '义洲', '新港', '上海', '茶亭', '洋中', '鳌峰', '宁化']),
    district('350104', '福州市仓山区', '福建省福州市仓山区', '福州', ['金山大道', '首山路', '浦上大道', '则徐大道', '建新南路', '上渡路', '六一南路', '南江滨西大道'], ['仓山', '对湖', '临江', '上渡', '下渡', '三叉街', '金山', '东升', '建新']),
    district('350105', '福州市马尾区', '福建省福州市马尾区', '福州', ['江滨东大道', '儒江西路', '君竹路', '罗星西路', '湖里路'], ['罗星', '马尾镇', '亭江镇']),
    district('350111', '福州市晋安区', '福建省福州市晋安区', '福州', ['福新东路', '岳峰路', '前横北路', '秀峰路', '长乐北路', '连江北路', '鼓山镇洋里路'], ['茶园', '王庄', '象园', '岳峰', '鼓山镇', '新店镇']),
    district('350112', '福州市长乐区', '福建省福州市长乐区', '福州', ['吴航街道郑和中路', '航城街道首占路', '潭头镇', '金峰镇华阳村', '文岭镇'], ['吴航', '航城', '营前', '金峰镇']),
    district('350121', '闽侯县', '福建省福州市闽侯县', '福州', ['上街镇乌龙江中大道', '甘蔗街道昙石山中大道', '南屿镇旗山大道', '荆溪镇永丰村', '竹岐乡竹岐村', '青口镇东台村'], ['甘蔗', '上街镇', '南屿镇', '荆溪镇', '青口镇']),
    district('350181', '福清市', '福建省福清市', '福清', ['音西街道清昌大道', '龙山街道龙江路', '宏路街道福厦路', '龙田镇', '江阴镇', '高山镇'], ['音西', '玉屏', '龙山', '宏路']),
    district('350203', '厦门市思明区', '福建省厦门市思明区', '厦门', ['湖滨南路', '厦禾路', '莲前东路', '环岛东路', '嘉禾路', '中山路', '软件园二期观日路', '鹭江道', '莲岳路', '思明南路'], ['鹭江', '中华', '嘉莲', '莲前', '筼筜', '梧村', '开元', '厦港', '滨海']),
    district('350205', '厦门市海沧区', '福建省厦门市海沧区', '厦门', ['海沧大道', '沧林路', '钟林路', '新阳街道新美路', '海景东路', '角嵩路'], ['海沧', '新阳', '嵩屿', '东孚']),
    district('350206', '厦门市湖里区', '福建省厦门市湖里区', '厦门', ['枋湖北二路', '湖里大道', '金尚路', '华昌路', '安岭路', '殿前街道高殿路', '县后路', '高林中路'], ['湖里', '殿前', '禾山', '江头', '金山']),
    district('350211', '厦门市集美区', '福建省厦门市集美区', '厦门', ['杏林湾路', '集美大道', '侨英路', '灌口中路', '天马路', '杏林西路', '乐海路'], ['集美', '侨英', '杏林', '杏滨', '灌口镇', '后溪镇']),
    district('350212', '厦门市同安区', '福建省厦门市同安区', '厦门', ['环城南路', '西湖路', '同集中路', '五显镇', '新民镇', '城东路'], ['大同', '祥平', '新民镇', '西柯镇']),
    district('350213', '厦门市翔安区', '福建省厦门市翔安区', '厦门', ['翔安南路', '新店镇', '马巷镇', '内厝镇', '舫山南路'], ['新店镇', '马巷镇', '内厝镇', '金海']),
    district('350304', '莆田市荔城区', '福建省莆田市荔城区', '莆田', ['拱辰街道', '镇海街道', '荔园路', '学园中路'], ['拱辰', '镇海']),
    district('350322', '仙游县', '福建省莆田市仙游县', '仙游', ['榜头镇', '鲤城街道', '度尾镇', '赖店镇'], ['鲤城', '鲤南']),
    district('350502', '泉州市鲤城区', '福建省泉州市鲤城区', '泉州', ['中山中路', '温陵南路', '新华北路', '江南街道南环路'], ['开元', '海滨', '江南']),
    district('350503', '泉州市丰泽区', '福建省泉州市丰泽区', '泉州', ['丰泽街', '田安路', '宝洲路', '刺桐路', '津淮街'], ['丰泽', '东湖', '清源']),
    district('350524', '安溪县', '福建省泉州市安溪县', '安溪', ['凤城镇', '感德镇', '西坪镇', '龙门镇'], ['凤城镇', '城厢镇']),
    district('350581', '石狮市', '福建省石狮市', '石狮', ['宝盖镇', '灵秀镇', '凤里街道', '湖滨街道', '蚶江镇'], ['凤里', '湖滨']),
    district('350582', '晋江市', '福建省晋江市', '晋江', ['陈埭镇岸兜村', '青阳街道世纪大道', '安海镇', '磁灶镇', '池店镇', '西滨镇'], ['青阳', '梅岭', '西园']),
    district('350602', '漳州市芗城区', '福建省漳州市芗城区', '漳州', ['胜利西路', '延安北路', '水仙大街', '新华西路'], ['东铺头', '西桥', '通北']),
    district('350603', '漳州市龙文区', '福建省漳州市龙文区', '漳州', ['龙文北路', '蓝田镇', '朝阳镇', '建元东路'], ['蓝田', '碧湖']),
    district('350604', '漳州市龙海区', '福建省漳州市龙海区', '漳州', ['石码街道', '角美镇', '海澄镇', '东园镇'], ['石码', '角美镇']),
    district('350902', '宁德市蕉城区', '福建省宁德市蕉城区', '宁德', ['蕉城南路', '天湖东路', '七都镇', '漳湾镇', '闽东中路'], ['蕉南', '蕉北']),
    district('350982', '福鼎市', '福建省福鼎市', '福鼎', ['桐山街道', '点头镇', '磻溪镇', '太姥山镇'], ['桐山', '桐城']),
  ].map((d) => [d.code, d]),
);

const districtOf = (code: string): District => {
  const found = DISTRICTS[code];
  if (!found) throw new RangeError(`no demo district ${code}`);
  return found;
};
const cityOf = (region: string): City => CITIES[region.slice(0, 4)] ?? CITIES['3500']!;

/** Household-registration regions for resident ID numbers, by city (first four digits). */
const ID_REGIONS: Readonly<Record<string, readonly string[]>> = {
  '3501': ['350102', '350103', '350104', '350105', '350111', '350121', '350122', '350123', '350124', '350125', '350128', '350181', '350182'],
  '3502': ['350203', '350205', '350206', '350211', '350212', '350213'],
  '3503': ['350302', '350303', '350304', '350322'],
  '3504': ['350402', '350403', '350425', '350430'],
  '3505': ['350502', '350503', '350521', '350524', '350581', '350582', '350583'],
  '3506': ['350602', '350603', '350622', '350681'],
  '3507': ['350702', '350781', '350784'],
  '3508': ['350802', '350821', '350824'],
  '3509': ['350902', '350921', '350982'],
};
const ALL_ID_REGIONS = Object.values(ID_REGIONS).flat();

// ---------------------------------------------------------------------------------------------
// People's names

const SURNAMES = [
  '陈', '陈', '陈', '林', '林', '林', '黄', '黄', '张', '张', '吴', '吴', '王', '李', '郑', '郑', '刘', '杨', '许', '蔡',
  '洪', '方', '庄', '苏', '谢', '曾', '叶', '余', '周', '施', '吕', '邱', '卢', '何', '高', '翁', '詹', '游', '柯', '魏',
  '江', '傅', '罗', '康', '潘', '薛', '颜', '朱',
];
const MALE_GIVEN = [
  '建华', '志强', '文斌', '国良', '伟', '斌', '强', '明辉', '永福', '金水', '德生', '荣华', '鸿', '俊杰', '晓东', '宇航',
  '志明', '振宇', '海峰', '天佑', '家豪', '泽宇', '锦泉', '庆丰', '炳坤', '文龙', '清源', '少华', '建平', '毅', '宏伟',
  '旭', '良才', '水生', '国栋', '春生', '添福', '耀宗', '志坚', '永辉', '思远', '一鸣', '子健', '立新', '丰',
];
const FEMALE_GIVEN = [
  '美玲', '秀英', '丽华', '雪芳', '淑芬', '惠珍', '晓燕', '婷', '静', '琳', '佳怡', '雨萱', '思琪', '玉兰', '月娥', '碧霞',
  '素珍', '丽娟', '海燕', '慧敏', '雅婷', '梦瑶', '欣怡', '秋菊', '春燕', '艳', '莉', '燕玲', '宝珠', '诗涵', '若兰',
];

interface Someone {
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string;
}

// ---------------------------------------------------------------------------------------------
// Industries: what a business is called, what it may do, and which licences it holds

type Licence =
  | 'food'
  | 'canteen'
  | 'construction'
  | 'medical'
  | 'drugRetail'
  | 'drugWholesale'
  | 'transport'
  | 'rental'
  | 'workshop'
  | 'advertising';

type Industry =
  | 'restaurantCo'
  | 'eatery'
  | 'supermarket'
  | 'convenience'
  | 'foodTrade'
  | 'workshop'
  | 'construction'
  | 'privateHospital'
  | 'dental'
  | 'communityHealth'
  | 'publicHospital'
  | 'nonprofitHospital'
  | 'pharmacy'
  | 'pharmacyChain'
  | 'pharmaWholesale'
  | 'logistics'
  | 'carRental'
  | 'tech'
  | 'trade'
  | 'beauty'
  | 'group'
  | 'shoes'
  | 'textile'
  | 'tea'
  | 'foodProduction'
  | 'furniture'
  | 'seafood';

interface NameParts {
  district: District;
  city: City;
  tradeName: string;
  surname: string;
  given: string;
  pick: <T>(list: readonly T[]) => T;
}

interface FoodProfile {
  /** First digit of the JY number: 1 sale, 2 catering, 3 canteen. */
  digit: '1' | '2' | '3';
  formats: readonly string[];
  items: readonly string[];
}

interface MedicalProfile {
  departments: readonly string[];
  beds: readonly number[];
  ownership: string;
  profitNature: string;
  /** 医疗机构类别 code in the registration number. */
  classCode: string;
  issuer: 'city' | 'province';
  /** 执业类别 of the doctors working there. */
  practice: 'general' | 'dental';
}

interface IndustrySpec {
  /** USCC registration department and category: 91 company, 92 个体, 12 事业单位, 52 民办非企业. */
  kind: '91' | '92' | '12' | '52';
  name(parts: NameParts): string;
  entityTypes: readonly string[];
  /** 注册资本 in 万元, as printed. */
  capitals: readonly string[];
  scope: string;
  /** Establishment, in days before today. */
  age: readonly [number, number];
  licences: readonly Licence[];
  /** Licences held with probability ½. */
  sometimes?: readonly Licence[];
  food?: FoodProfile;
  medical?: MedicalProfile;
}

const LICENSED = '（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）';
const GENERAL = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
const scope = (licensed: string | null, general: string | null) =>
  [licensed && `许可项目：${licensed}。${LICENSED}`, general && `一般项目：${general}。${GENERAL}`].filter(Boolean).join('');

const LLC = '有限责任公司（自然人投资或控股）';
const SOLE_LLC = '有限责任公司（自然人独资）';
const CORPORATE_LLC = '有限责任公司（非自然人投资或控股的法人独资）';
const JOINT_STOCK = '股份有限公司（非上市、自然人投资或控股）';
const TAIWAN_LLC = '有限责任公司（台港澳法人独资）';

const SMALL_CAPITAL = ['壹拾万圆整', '叁拾万圆整', '伍拾万圆整', '壹佰万圆整', '贰佰万圆整'];
const MEDIUM_CAPITAL = ['壹佰万圆整', '叁佰万圆整', '伍佰万圆整', '捌佰万圆整', '壹仟万圆整'];
const LARGE_CAPITAL = ['贰仟万圆整', '叁仟万圆整', '伍仟万圆整', '捌仟万圆整', '壹亿圆整', '贰亿圆整', '叁亿陆仟万圆整'];

const CATERING: FoodProfile = {
  digit: '2',
  formats: ['餐饮服务经营者（中型餐馆）', '餐饮服务经营者（小型餐馆）', '餐饮服务经营者（快餐店）'],
  items: ['热食类食品制售；冷食类食品制售；自制饮品制售', '热食类食品制售；冷食类食品制售', '热食类食品制售；糕点类食品制售（含裱花蛋糕）；自制饮品制售'],
};
const SMALL_CATERING: FoodProfile = {
  digit: '2',
  formats: ['餐饮服务经营者（小型餐馆）', '餐饮服务经营者（小吃店）'],
  items: ['热食类食品制售', '热食类食品制售；冷食类食品制售'],
};
const RETAIL_FOOD: FoodProfile = {
  digit: '1',
  formats: ['食品销售经营者（超市）', '食品销售经营者（便利店）'],
  items: [
    '预包装食品销售（含冷藏冷冻食品）；散装食品销售（含冷藏冷冻食品）；特殊食品销售（保健食品、婴幼儿配方乳粉、其他婴幼儿配方食品）',
    '预包装食品销售（含冷藏冷冻食品）；散装食品销售（不含冷藏冷冻食品）',
  ],
};
const FOOD_TRADE: FoodProfile = {
  digit: '1',
  formats: ['食品销售经营者（食品贸易商）'],
  items: ['预包装食品销售（含冷藏冷冻食品）；散装食品销售（含冷藏冷冻食品）', '预包装食品销售（不含冷藏冷冻食品）；散装食品销售（不含冷藏冷冻食品）'],
};
const PHARMACY_FOOD: FoodProfile = {
  digit: '1',
  formats: ['食品销售经营者（其他类食品销售）'],
  items: ['预包装食品销售（不含冷藏冷冻食品）；特殊食品销售（保健食品、特殊医学用途配方食品、婴幼儿配方乳粉）'],
};
const TEA_FOOD: FoodProfile = {
  digit: '1',
  formats: ['食品销售经营者（食品贸易商）'],
  items: ['预包装食品销售（不含冷藏冷冻食品）；散装食品销售（不含冷藏冷冻食品）'],
};
const STAFF_CANTEEN: FoodProfile = { digit: '3', formats: ['单位食堂（职工食堂）'], items: ['热食类食品制售'] };
const SITE_CANTEEN: FoodProfile = { digit: '3', formats: ['单位食堂（工地食堂）'], items: ['热食类食品制售'] };

const GENERAL_HOSPITAL_DEPARTMENTS = [
  '预防保健科；内科；外科；妇产科；儿科；眼科；耳鼻咽喉科；口腔科；皮肤科；急诊医学科；麻醉科；医学检验科；医学影像科；中医科',
  '内科；外科；妇产科；儿科；眼科；耳鼻咽喉科；口腔科；康复医学科；麻醉科；医学检验科；病理科；医学影像科；中医科；中西医结合科',
];

const INDUSTRIES: Readonly<Record<Industry, IndustrySpec>> = {
  restaurantCo: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['餐饮管理', '餐饮', '饮食', '酒店管理'])}有限公司`,
    entityTypes: [LLC, LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('餐饮服务；食品销售', '餐饮管理；食品销售（仅销售预包装食品）；外卖递送服务；会议及展览服务'),
    age: [400, 5500],
    licences: ['food'],
    sometimes: ['advertising'],
    food: CATERING,
  },
  eatery: {
    kind: '92',
    name: (p) =>
      p.district.full +
      p.pick([`${p.surname}记${p.pick(p.city.dishes)}店`, `阿${p.given.charAt(0)}${p.pick(p.city.dishes)}店`, `老${p.surname}${p.pick(p.city.dishes)}馆`]),
    entityTypes: ['个体工商户'],
    capitals: [],
    scope: scope('餐饮服务', '食品销售（仅销售预包装食品）'),
    age: [200, 4500],
    licences: ['food'],
    food: SMALL_CATERING,
  },
  supermarket: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['超市', '购物广场', '生鲜超市'])}有限公司`,
    entityTypes: [LLC, JOINT_STOCK],
    capitals: MEDIUM_CAPITAL,
    scope: scope('食品销售；烟草制品零售；酒类经营', '日用百货销售；食品销售（仅销售预包装食品）；保健食品（预包装）销售；农副产品销售；五金产品零售；家用电器销售'),
    age: [800, 7000],
    licences: ['food'],
    sometimes: ['advertising'],
    food: RETAIL_FOOD,
  },
  convenience: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}便利店有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: SMALL_CAPITAL,
    scope: scope('食品销售；烟草制品零售', '日用百货销售；食品销售（仅销售预包装食品）；办公用品销售；外卖递送服务'),
    age: [300, 3000],
    licences: ['food'],
    food: RETAIL_FOOD,
  },
  foodTrade: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['食品贸易', '食品', '供应链管理'])}有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('食品销售；食品进出口', '食用农产品批发；供应链管理服务；国内贸易代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）'),
    age: [400, 4000],
    licences: ['food'],
    food: FOOD_TRADE,
  },
  workshop: {
    kind: '92',
    name: (p) => `${p.district.full}${p.surname}记${p.pick(p.city.workshopProducts)}加工坊`,
    entityTypes: ['个体工商户'],
    capitals: [],
    scope: scope('食品小作坊经营', '食用农产品零售'),
    age: [300, 3500],
    licences: ['workshop'],
  },
  construction: {
    kind: '91',
    name: (p) =>
      p.pick([
        `福建${p.tradeName}建设工程有限公司`,
        `福建省${p.tradeName}建筑工程有限公司`,
        `${p.district.prefix}${p.tradeName}建设集团有限公司`,
        `${p.district.prefix}${p.tradeName}建筑工程有限公司`,
      ]),
    entityTypes: [LLC, LLC, JOINT_STOCK],
    capitals: LARGE_CAPITAL,
    scope: scope('建设工程施工；建设工程设计；建筑劳务分包；施工专业作业', '园林绿化工程施工；土石方工程施工；建筑材料销售；对外承包工程；工程管理服务'),
    age: [1500, 9000],
    licences: ['construction'],
    sometimes: ['canteen'],
    food: SITE_CANTEEN,
  },
  privateHospital: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}医院有限公司`,
    entityTypes: [LLC, JOINT_STOCK],
    capitals: ['伍仟万圆整', '捌仟万圆整', '壹亿圆整'],
    scope: scope('医疗服务；药品零售；第三类医疗器械经营', '健康咨询服务（不含诊疗服务）；医院管理；养老服务'),
    age: [2000, 7000],
    licences: ['medical', 'canteen'],
    food: STAFF_CANTEEN,
    medical: {
      departments: GENERAL_HOSPITAL_DEPARTMENTS,
      beds: [150, 200, 300, 400],
      ownership: '私有制',
      profitNature: '营利性',
      classCode: 'A1',
      issuer: 'province',
      practice: 'general',
    },
  },
  dental: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}口腔门诊部有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: ['贰佰万圆整', '伍佰万圆整'],
    scope: scope('医疗服务', '健康咨询服务（不含诊疗服务）；第二类医疗器械销售'),
    age: [800, 4000],
    licences: ['medical'],
    medical: {
      departments: ['口腔科；医学影像科（X线诊断专业）', '口腔科；口腔内科专业；口腔颌面外科专业；正畸专业；修复专业'],
      beds: [],
      ownership: '私有制',
      profitNature: '营利性',
      classCode: 'E2',
      issuer: 'city',
      practice: 'dental',
    },
  },
  communityHealth: {
    kind: '12',
    name: (p) => {
      const subdistrict = p.pick(p.district.subdistricts);
      return `${p.district.full}${subdistrict}${subdistrict.endsWith('镇') ? '' : '街道'}社区卫生服务中心`;
    },
    entityTypes: [],
    capitals: [],
    scope: '开展社区预防、保健、健康教育、计划生育技术指导和常见病、多发病的诊疗服务，承担基本公共卫生服务项目',
    age: [4000, 9000],
    licences: ['medical'],
    medical: {
      departments: ['预防保健科；全科医疗科；内科；外科；妇产科；儿科；口腔科；中医科；康复医学科；医学检验科；医学影像科'],
      beds: [20, 30, 50],
      ownership: '全民所有制',
      profitNature: '非营利性（政府办）',
      classCode: 'D1',
      issuer: 'city',
      practice: 'general',
    },
  },
  publicHospital: {
    kind: '12',
    name: (p) => `${p.district.full}${p.pick(['中医院', '妇幼保健院'])}`,
    entityTypes: [],
    capitals: [],
    scope: '为人民身体健康提供医疗与护理保健服务；医疗、预防、保健、康复、教学、科研',
    age: [7000, 12000],
    licences: ['medical'],
    medical: {
      departments: ['中医科；内科；外科；妇产科；儿科；针灸科；推拿科；康复医学科；医学检验科；医学影像科；急诊医学科'],
      beds: [300, 450],
      ownership: '全民所有制',
      profitNature: '非营利性（政府办）',
      classCode: 'A3',
      issuer: 'province',
      practice: 'general',
    },
  },
  nonprofitHospital: {
    kind: '52',
    name: (p) => `${p.district.prefix}${p.tradeName}康复医院`,
    entityTypes: [],
    capitals: [],
    scope: '康复医疗服务；老年病诊疗；健康教育与健康促进',
    age: [1500, 5000],
    licences: ['medical'],
    medical: {
      departments: ['康复医学科；内科；中医科；医学检验科；医学影像科'],
      beds: [60, 80, 120],
      ownership: '私有制',
      profitNature: '非营利性（非政府办）',
      classCode: 'A7',
      issuer: 'city',
      practice: 'general',
    },
  },
  pharmacy: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}大药房有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: SMALL_CAPITAL,
    scope: scope('药品零售；第三类医疗器械经营；食品销售', '第一类医疗器械销售；第二类医疗器械销售；保健食品（预包装）销售；化妆品零售；日用品销售；消毒剂销售（不含危险化学品）'),
    age: [600, 6000],
    licences: ['drugRetail', 'food'],
    food: PHARMACY_FOOD,
  },
  pharmacyChain: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}医药连锁有限公司`,
    entityTypes: [LLC, JOINT_STOCK],
    capitals: ['壹仟万圆整', '贰仟万圆整', '伍仟万圆整'],
    scope: scope('药品零售；第三类医疗器械经营；食品销售', '第二类医疗器械销售；保健食品（预包装）销售；化妆品零售；个人卫生用品销售；养生保健服务（非医疗）'),
    age: [2500, 7000],
    licences: ['drugRetail', 'food'],
    sometimes: ['advertising'],
    food: PHARMACY_FOOD,
  },
  pharmaWholesale: {
    kind: '91',
    name: (p) => `福建${p.tradeName}医药有限公司`,
    entityTypes: [LLC, CORPORATE_LLC],
    capitals: LARGE_CAPITAL,
    scope: scope('药品批发；第三类医疗器械经营；药品进出口', '第二类医疗器械销售；化妆品批发；消毒剂销售（不含危险化学品）；医学研究和试验发展'),
    age: [3000, 9000],
    licences: ['drugWholesale'],
  },
  logistics: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['物流', '运输', '货运'])}有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('道路货物运输（不含危险货物）', '普通货物仓储服务（不含危险化学品等需许可审批的项目）；国内货物运输代理；装卸搬运；供应链管理服务'),
    age: [500, 6000],
    licences: ['transport'],
  },
  carRental: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}汽车租赁有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope(null, '小微型客车租赁经营服务；汽车销售；二手车经纪；机动车修理和维护'),
    age: [400, 3000],
    licences: ['rental'],
  },
  tech: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['信息科技', '网络科技', '软件', '数字科技', '智能科技'])}有限公司`,
    entityTypes: [LLC, LLC, SOLE_LLC, TAIWAN_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('第二类增值电信业务', '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；数据处理和存储支持服务；计算机软硬件及辅助设备零售'),
    age: [200, 4000],
    licences: [],
    sometimes: ['advertising'],
  },
  trade: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['进出口贸易', '贸易', '商贸'])}有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('货物进出口；技术进出口', '服装服饰批发；鞋帽批发；纺织品及针织品零售；五金产品批发；日用百货销售'),
    age: [400, 6000],
    licences: [],
  },
  beauty: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}美容美发有限公司`,
    entityTypes: [SOLE_LLC, LLC],
    capitals: SMALL_CAPITAL,
    scope: scope('生活美容服务；理发服务', '养生保健服务（非医疗）；化妆品零售；个人卫生用品销售'),
    age: [200, 2500],
    licences: [],
    sometimes: ['advertising'],
  },
  group: {
    kind: '91',
    name: (p) => `福建省${p.tradeName}${p.pick(['投资集团', '控股集团', '实业集团'])}有限公司`,
    entityTypes: [CORPORATE_LLC, LLC],
    capitals: ['伍亿圆整', '壹拾亿圆整', '叁亿陆仟万圆整'],
    scope: scope(null, '以自有资金从事投资活动；企业总部管理；自有资金投资的资产管理服务；物业管理；供应链管理服务'),
    age: [4000, 9000],
    licences: [],
  },
  shoes: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}鞋业有限公司`,
    entityTypes: [LLC, TAIWAN_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('货物进出口', '鞋制造；鞋帽批发；服装制造；服装服饰批发；皮革制品制造'),
    age: [3000, 10000],
    licences: [],
  },
  textile: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}${p.pick(['纺织科技', '服饰', '织造'])}有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('货物进出口', '面料纺织加工；针纺织品及原料销售；服装制造；服装服饰零售'),
    age: [2000, 8000],
    licences: [],
  },
  tea: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.district.code === '350524' ? '县' : '市'}${p.tradeName}${p.district.code === '350982' ? '白茶' : '茶业'}有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('食品生产；食品销售', '茶叶种植；初级农产品收购；食用农产品初加工；茶具销售'),
    age: [1500, 7000],
    licences: ['food'],
    food: TEA_FOOD,
  },
  foodProduction: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}食品有限公司`,
    entityTypes: [LLC, TAIWAN_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('食品生产；食品销售', '农副产品销售；食用农产品初加工；罐头食品制造'),
    age: [2000, 8000],
    licences: [],
  },
  furniture: {
    kind: '91',
    name: (p) => `${p.district.prefix}县${p.tradeName}古典工艺家具有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope(null, '家具制造；工艺美术品及礼仪用品制造（象牙及其制品除外）；木材加工；家具销售'),
    age: [1500, 6000],
    licences: [],
  },
  seafood: {
    kind: '91',
    name: (p) => `${p.district.prefix}${p.tradeName}水产有限公司`,
    entityTypes: [LLC, SOLE_LLC],
    capitals: MEDIUM_CAPITAL,
    scope: scope('水产养殖；食品生产', '水产品批发；水产品零售；水产品收购；食用农产品初加工'),
    age: [1000, 5000],
    licences: [],
  },
};

const GENERIC_TRADE_NAMES = [
  '恒达', '宏远', '瑞丰', '和顺', '德信', '润泽', '聚福', '佳和', '鸿运', '海润', '金泰', '新宇', '天恒', '联盛', '同心',
  '乐康', '长青', '盛鸿', '安泰', '祥和', '泰和', '协力', '信达', '通达', '捷诚', '立信', '众诚', '兴业', '源丰', '富达',
  '宝丰', '永盛', '广源', '融达', '康盛', '仁和', '益生', '惠民', '福瑞', '满堂', '优品', '鲜丰', '绿源', '青禾', '禾丰',
  '稻香', '万家', '邻里', '佳宜', '新海', '蓝海', '星海', '启航', '云帆', '数智', '智汇', '云图', '凌云', '创联', '博思',
  '锐科', '光合', '磐石', '建兴', '筑友', '鼎盛', '鼎立', '宏建', '恒建', '百川', '嘉信', '中闽', '汇通', '盛通', '畅达',
  '驰远', '合力', '美颐', '仁心', '德康', '济安',
];

/**
 * Where the demo businesses are: district, industry and how many. Fuzhou's districts are kept at
 * node 350100, Xiamen's at 350200, everything else (province-level, 泉州, 漳州, 莆田, 宁德) at the
 * province node of the embedded hub. `showcase` entries are the README's example holders.
 */
const BLUEPRINT: ReadonlyArray<readonly [district: string, industry: Industry, count: number, showcase?: boolean]> = [
  ['350102', 'privateHospital', 1, true],
  ['350102', 'restaurantCo', 2],
  ['350102', 'eatery', 2],
  ['350102', 'supermarket', 1],
  ['350102', 'pharmacy', 1],
  ['350102', 'communityHealth', 1],
  ['350102', 'dental', 1],
  ['350102', 'tech', 2],
  ['350102', 'beauty', 1],
  ['350103', 'restaurantCo', 1],
  ['350103', 'eatery', 2],
  ['350103', 'foodTrade', 1],
  ['350103', 'pharmacyChain', 1],
  ['350103', 'logistics', 1],
  ['350103', 'trade', 1],
  ['350103', 'tech', 1],
  ['350104', 'restaurantCo', 1],
  ['350104', 'eatery', 2],
  ['350104', 'supermarket', 1],
  ['350104', 'construction', 1],
  ['350104', 'logistics', 1],
  ['350104', 'carRental', 1],
  ['350104', 'communityHealth', 1],
  ['350104', 'tech', 1],
  ['350105', 'logistics', 1],
  ['350105', 'tech', 1],
  ['350105', 'foodTrade', 1],
  ['350105', 'construction', 1],
  ['350111', 'restaurantCo', 1],
  ['350111', 'eatery', 2],
  ['350111', 'convenience', 1],
  ['350111', 'carRental', 1],
  ['350111', 'construction', 1],
  ['350111', 'privateHospital', 1],
  ['350111', 'pharmacy', 1],
  ['350112', 'eatery', 1],
  ['350112', 'workshop', 1],
  ['350112', 'trade', 1],
  ['350121', 'workshop', 2],
  ['350121', 'logistics', 1],
  ['350121', 'eatery', 1],
  ['350121', 'carRental', 1],
  ['350181', 'workshop', 1],
  ['350181', 'supermarket', 1],
  ['350181', 'construction', 1],

  ['350203', 'pharmacyChain', 1, true],
  ['350203', 'restaurantCo', 2],
  ['350203', 'eatery', 3],
  ['350203', 'convenience', 1],
  ['350203', 'privateHospital', 1],
  ['350203', 'dental', 1],
  ['350203', 'communityHealth', 1],
  ['350203', 'tech', 2],
  ['350203', 'beauty', 1],
  ['350206', 'restaurantCo', 1],
  ['350206', 'eatery', 2],
  ['350206', 'supermarket', 1],
  ['350206', 'foodTrade', 1],
  ['350206', 'logistics', 1],
  ['350206', 'tech', 2],
  ['350206', 'trade', 1],
  ['350206', 'pharmacy', 1],
  ['350205', 'construction', 1, true],
  ['350205', 'logistics', 1],
  ['350205', 'restaurantCo', 1],
  ['350205', 'tech', 1],
  ['350211', 'eatery', 1],
  ['350211', 'workshop', 1],
  ['350211', 'construction', 1],
  ['350211', 'nonprofitHospital', 1],
  ['350211', 'logistics', 1],
  ['350211', 'convenience', 1],
  ['350212', 'workshop', 1],
  ['350212', 'eatery', 1],
  ['350212', 'foodTrade', 1],
  ['350212', 'communityHealth', 1],
  ['350212', 'construction', 1],
  ['350213', 'logistics', 1],
  ['350213', 'restaurantCo', 1],
  ['350213', 'tech', 1],
  ['350213', 'eatery', 1],

  ['350000', 'construction', 3],
  ['350000', 'pharmaWholesale', 2],
  ['350000', 'group', 2],
  ['350502', 'restaurantCo', 1],
  ['350502', 'eatery', 2],
  ['350503', 'pharmacy', 1],
  ['350503', 'construction', 1],
  ['350503', 'supermarket', 1],
  ['350503', 'tech', 1],
  ['350582', 'shoes', 2],
  ['350582', 'textile', 1],
  ['350582', 'restaurantCo', 1],
  ['350581', 'textile', 1],
  ['350581', 'eatery', 1],
  ['350524', 'tea', 2],
  ['350602', 'eatery', 1],
  ['350602', 'restaurantCo', 1],
  ['350602', 'pharmacy', 1],
  ['350602', 'publicHospital', 1],
  ['350603', 'foodProduction', 1],
  ['350603', 'construction', 1],
  ['350604', 'foodProduction', 1],
  ['350304', 'restaurantCo', 1],
  ['350304', 'shoes', 1],
  ['350304', 'privateHospital', 1],
  ['350322', 'furniture', 2],
  ['350902', 'seafood', 1],
  ['350902', 'construction', 1],
  ['350902', 'eatery', 1],
  ['350982', 'tea', 2],
];

// ---------------------------------------------------------------------------------------------
// Status reasons

type ReasonFamily =
  | 'business'
  | 'food'
  | 'construction'
  | 'medical'
  | 'drug'
  | 'transport'
  | 'rental'
  | 'workshop'
  | 'physician'
  | 'teacher'
  | 'vendor'
  | 'advertising';

const FAMILY_OF_TYPE: Readonly<Record<string, ReasonFamily>> = {
  [TYPE_CODES.businessLicence]: 'business',
  [TYPE_CODES.foodBusiness]: 'food',
  [TYPE_CODES.constructionSafety]: 'construction',
  [TYPE_CODES.medicalInstitution]: 'medical',
  [TYPE_CODES.drugBusiness]: 'drug',
  [TYPE_CODES.roadTransport]: 'transport',
  [TYPE_CODES.carRental]: 'rental',
  [TYPE_CODES.foodWorkshop]: 'workshop',
  [TYPE_CODES.physician]: 'physician',
  [TYPE_CODES.teacher]: 'teacher',
  [TYPE_CODES.foodVendor]: 'vendor',
  [TYPE_CODES.outdoorAdvertising]: 'advertising',
};

type Outcome = 'suspended' | 'resumed' | 'revoked' | 'withdrawn' | 'cancelled';

/** Which outcomes each family's certificates can meet, with the reasons an authority writes. */
const REASONS: Readonly<Record<ReasonFamily, Partial<Record<Outcome | 'resume', readonly string[]>>>> = {
  business: {},
  food: {
    suspended: ['经营场所卫生条件不符合要求，责令停业整改', '经营场所不符合条件，责令整改', '未按规定落实进货查验记录制度，责令停业整改', '从业人员未取得健康证明从事接触直接入口食品的工作，责令停业整改'],
    resume: ['整改完成，经现场复查符合要求，恢复经营', '整改到位，复查合格，准予恢复使用'],
    revoked: ['经营超过保质期的食品，情节严重，依法吊销食品经营许可证', '用非食品原料加工食品，依法吊销食品经营许可证', '一年内累计三次因违法受到警告以上行政处罚，依法吊销食品经营许可证'],
    withdrawn: ['申请人隐瞒真实情况、提供虚假材料取得许可，依法撤销食品经营许可'],
    cancelled: ['经营者申请注销食品经营许可', '经营场所搬迁停止经营，申请注销许可'],
  },
  construction: {
    suspended: ['发生一般生产安全事故，暂扣安全生产许可证三十日', '施工现场安全生产条件不符合要求，暂扣安全生产许可证六十日'],
    resume: ['暂扣期满，安全生产条件经复查合格，发还安全生产许可证'],
    revoked: ['发生较大生产安全事故，依法吊销安全生产许可证', '暂扣期满仍不具备安全生产条件，依法吊销安全生产许可证'],
    withdrawn: ['以欺骗手段取得安全生产许可证，依法撤销'],
    cancelled: ['企业申请注销安全生产许可证', '企业资质证书被注销，依法注销安全生产许可证'],
  },
  medical: {
    suspended: ['使用非卫生技术人员从事医疗卫生技术工作，责令停业整顿', '医疗废物处置不符合规定，责令停业整顿'],
    resume: ['停业整顿期满，经验收合格，准予恢复执业'],
    revoked: ['出租、出借《医疗机构执业许可证》，情节严重，依法吊销'],
    withdrawn: ['以提供虚假材料的不正当手段取得《医疗机构执业许可证》，依法撤销'],
    cancelled: ['医疗机构停止执业，申请注销执业登记', '医疗机构合并，申请注销执业登记'],
  },
  drug: {
    suspended: ['未遵守药品经营质量管理规范，责令停业整顿', '执业药师不在岗销售处方药，责令停业整改'],
    resume: ['整顿完成，经检查符合药品经营质量管理规范，恢复经营'],
    revoked: ['销售假药，情节严重，依法吊销药品经营许可证', '销售劣药，情节严重，依法吊销药品经营许可证'],
    withdrawn: ['提供虚假证明材料骗取药品经营许可证，依法撤销'],
    cancelled: ['企业申请注销药品经营许可证', '企业终止经营药品，依法注销药品经营许可证'],
  },
  transport: {
    suspended: ['未按规定维护和检测运输车辆，暂扣道路运输经营许可证', '发生道路交通安全责任事故，暂扣道路运输经营许可证'],
    resume: ['整改完成，经核查符合经营条件，发还许可证'],
    revoked: ['不按照规定维护和检测运输车辆，情节严重，依法吊销道路运输经营许可证'],
    withdrawn: ['以欺骗、贿赂等不正当手段取得道路运输经营许可，依法撤销'],
    cancelled: ['业户申请终止经营，注销道路运输经营许可', '无正当理由停业满一年，依法注销经营许可'],
  },
  rental: {
    withdrawn: ['提交虚假备案材料，依法撤销备案'],
    cancelled: ['停止小微型客车租赁经营，申请注销备案'],
  },
  workshop: {
    suspended: ['生产加工场所卫生条件不符合要求，责令停产整改'],
    resume: ['整改完成，经复查符合要求，恢复生产'],
    revoked: ['生产加工的食品经抽检不合格，情节严重，依法吊销登记证'],
    withdrawn: ['以欺骗手段取得登记证，依法撤销'],
    cancelled: ['经营者申请注销登记证', '小作坊停止生产加工，注销登记证'],
  },
  physician: {
    suspended: ['违反诊疗规范造成医疗事故，责令暂停执业活动六个月', '未按规定书写医学文书，责令暂停执业活动六个月'],
    resume: ['暂停执业期满，经考核合格，恢复执业'],
    revoked: ['严重违反医师职业道德、医学伦理规范，造成恶劣社会影响，依法吊销医师执业证书'],
    withdrawn: ['以不正当手段取得医师执业证书，依法撤销注册'],
    cancelled: ['中止医师执业活动满二年，依法注销注册', '受刑事处罚，依法注销注册'],
  },
  teacher: {
    withdrawn: ['弄虚作假、骗取教师资格，依法撤销教师资格', '品行不良、侮辱学生，影响恶劣，依法撤销教师资格'],
  },
  vendor: {
    suspended: ['未在核定地点和时段经营，暂停经营资格', '经营场所卫生条件不符合要求，责令整改'],
    resume: ['整改完成，复查合格，恢复经营'],
    revoked: ['多次违反食品安全规定，依法吊销登记卡'],
    withdrawn: ['以虚假材料取得登记卡，依法撤销'],
    cancelled: ['摊贩申请注销登记卡', '摊点群调整取消，注销登记卡'],
  },
  advertising: {
    withdrawn: ['设置地点不符合户外广告设置规划，依法撤销许可'],
    cancelled: ['设置单位申请提前拆除，注销许可', '因城市建设需要拆除，注销许可'],
  },
};

const CORRECTION_REASONS = ['照面信息有误，撤销后重新制发', '证照信息录入错误，撤销后更正重发'];
const BUSINESS_REVOKED = {
  neverOpened: '成立后无正当理由超过六个月未开业，依法吊销营业执照',
  stopped: '开业后自行停业连续六个月以上，依法吊销营业执照',
};
const BUSINESS_CANCELLED = ['公司解散，清算完毕，申请注销登记', '经简易注销程序办理注销登记'];
const SOLE_TRADER_CANCELLED = ['个体工商户经营者申请注销登记', '经简易注销程序办理注销登记'];
const LICENCE_AFTER_REVOCATION = '营业执照被依法吊销，依法注销许可';
const LICENCE_AFTER_DEREGISTRATION = '市场主体已依法注销，依法注销许可';
const PHYSICIAN_TRANSFER = '变更主要执业机构，换发新证，原证书注销';

// ---------------------------------------------------------------------------------------------
// The generator

const SEED = 0x35_0000;

interface Draft extends DemoCertificate {
  family: ReasonFamily;
  /** A fresh number for a certificate of this kind issued on a day, for a corrected reissue. */
  numberFor: (issuedOn: string) => string;
  /** The items of the certificate with this number (some print the number among them). */
  itemsFor: (number: string) => Array<{ code: string; value: string }>;
  /** Days before today it was issued, as the generator drew it (independent of `today`). */
  issuedAgo: number;
  /** Still the holder's certificate of its kind, unexpired, with an active holder: may meet an outcome. */
  open: boolean;
  /** A README holder's: kept in a plain, valid state. */
  showcase: boolean;
}

interface EntityRecord {
  entity: DemoLegalEntity;
  district: District;
  industry: IndustrySpec;
  industryKey: Industry;
  showcase: boolean;
  estAgo: number;
  /** 吊销 or 注销 this many days before today. */
  eventAgo: number | null;
  entityType: string | null;
  capital: string | null;
}

/** The demo data for a hub started on `today` (YYYY-MM-DD). */
export function demoData(today: string): DemoData {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || fromDayNumber(dayNumber(today)) !== today) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const r = new Random(mulberry32(SEED));
  const dateAgo = (ago: number) => addDays(today, -ago);

  // -- people -----------------------------------------------------------------------------
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  /**
   * Someone born in [fromYear, toYear], registered in `city` (first four digits) most of the time.
   * `uniqueName` keeps holders' names apart so the README can name them unambiguously.
   */
  function someone(fromYear: number, toYear: number, city: string, uniqueName: boolean): Someone {
    const gender = r.chance(0.62) ? '男' : '女';
    let name = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      name = r.pick(SURNAMES) + r.pick(gender === '男' ? MALE_GIVEN : FEMALE_GIVEN);
      if (!uniqueName || !usedNames.has(name)) break;
    }
    if (uniqueName) usedNames.add(name);
    const year = r.int(fromYear, Math.max(fromYear, toYear));
    const month = r.int(1, 12);
    const day = r.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const local = ID_REGIONS[city.slice(0, 4)];
    const region = local && r.chance(0.7) ? r.pick(local) : r.pick(ALL_ID_REGIONS);
    let idNumber = '';
    do {
      // The 17th digit is odd for men and even for women.
      const sequence = r.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
      idNumber = makeResidentId(region, birthDate, sequence);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    return { name, gender, birthDate, idNumber };
  }

  // -- identifiers and numbers ------------------------------------------------------------
  const usedUsccs = new Set<string>();
  function entityUscc(kind: IndustrySpec['kind'], region: string, estAgo: number): string {
    for (;;) {
      let base: string;
      if (kind === '12') base = `4${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
      else if (kind === '52') base = `MJ${Array.from({ length: 6 }, () => r.pick([...USCC_LETTERS_AND_DIGITS])).join('')}`;
      // Codes given before the 2015 reform kept the organisation code; newer ones start with MA.
      else if (estAgo > 11 * YEAR_DAYS) base = `${r.pick(['6', '7'])}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
      else base = `MA${r.pick(['2', '3', '4', '8'])}${Array.from({ length: 5 }, () => r.pick([...USCC_LETTERS_AND_DIGITS])).join('')}`;
      const code = makeUscc(kind, region, base);
      if (!usedUsccs.has(code)) {
        usedUsccs.add(code);
        return code;
      }
    }
  }
  let counter = 0;
  /** A `width`-digit serial, distinct for every call (7919 is coprime with every power of ten). */
  const serial = (width: number) => String((++counter * 7919 + 4261) % 10 ** width).padStart(width, '0');

  // -- agencies ---------------------------------------------------------------------------
  const marketRegulator = (region: string) => registrarFor(region);
  const healthCommission = (region: string, level: 'city' | 'province') => {
    const city = region.slice(0, 4);
    if (level === 'city' && city === '3501') return agencyBySlug('fz-health');
    if (level === 'city' && city === '3502') return agencyBySlug('xm-health');
    return agencyBySlug('fj-health');
  };
  const transportBureau = (region: string) => agencyBySlug(region.startsWith('3502') ? 'xm-transport' : 'fz-transport');

  const drafts: Draft[] = [];
  const draft = (d: Omit<Draft, 'statusChanges' | 'number' | 'items' | 'itemsFor'> & Partial<Pick<Draft, 'items' | 'itemsFor'>>): Draft => {
    const number = d.numberFor(d.issuedOn);
    const itemsFor = d.itemsFor ?? (() => d.items ?? []);
    const full: Draft = { ...d, number, itemsFor, items: itemsFor(number), statusChanges: [] };
    drafts.push(full);
    return full;
  };
  /** Paper certificates older than about five years were converted; later ones issued electronically. */
  const originFor = (issuedAgo: number, u: number): Draft['origin'] => (issuedAgo > 5 * YEAR_DAYS && u < 0.9 ? 'CONVERTED' : 'ISSUED');

  /**
   * The generations of a licence with a term of `years`: the current one (unexpired today), and
   * up to two before it that ran out on the day the next began; or, when `lapsed`, one that ran
   * out `lapsedAgo` days ago and was never renewed. Only the day offsets are drawn, so the number
   * of draws is fixed; the decisions use YEAR_DAYS so they do not depend on `today` either.
   */
  function generations(
    years: number,
    bounds: { earliestAgo: number; latestAgo: number },
    lapse: { lapsed: boolean; lapsedAgo: number },
  ): Array<{ issuedAgo: number; validFrom: string; validUntil: string; current: boolean }> {
    const term = years * YEAR_DAYS;
    const uCurrent = r.float();
    const uPrevious = [r.float(), r.float()];
    const lo = Math.max(10, bounds.latestAgo);
    const hi = Math.min(Math.floor(term) - 20, bounds.earliestAgo);
    if (lapse.lapsed) {
      const fromAgo = lapse.lapsedAgo + Math.round(term) - 1;
      if (fromAgo <= bounds.earliestAgo) {
        const validFrom = dateAgo(fromAgo);
        return [{ issuedAgo: fromAgo, validFrom, validUntil: termEnd(validFrom, years), current: false }];
      }
    }
    const currentAgo = hi <= lo ? lo : lo + Math.floor(uCurrent * (hi - lo + 1));
    const currentFrom = dateAgo(currentAgo);
    const chain = [{ issuedAgo: currentAgo, validFrom: currentFrom, validUntil: termEnd(currentFrom, years), current: true }];
    for (let k = 1; k <= 2; k++) {
      const fromAgo = currentAgo + Math.round(k * term);
      if (fromAgo > bounds.earliestAgo || uPrevious[k - 1]! >= 0.8) break;
      const validFrom = addYears(currentFrom, -k * years);
      chain.unshift({ issuedAgo: fromAgo, validFrom, validUntil: termEnd(validFrom, years), current: false });
    }
    return chain;
  }

  // -- legal entities -----------------------------------------------------------------------
  const entities: EntityRecord[] = [];
  const usedEntityNames = new Set<string>();
  for (const [districtCode, industryKey, count, showcase = false] of BLUEPRINT) {
    const place = districtOf(districtCode);
    const city = cityOf(districtCode);
    const industry = INDUSTRIES[industryKey];
    for (let n = 0; n < count; n++) {
      const ageRange: readonly [number, number] = showcase ? [3300, 5200] : industry.age;
      const estAgo = r.int(ageRange[0], ageRange[1]);
      // Assuming today is 2024 or later, a representative born by this year was 22 when the entity was founded.
      const latestBirth = Math.min(2000, 2002 - Math.ceil(estAgo / YEAR_DAYS));
      const rep = someone(1955, latestBirth, districtCode, false);
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
        if (!usedEntityNames.has(name)) break;
      }
      usedEntityNames.add(name);
      const uscc = entityUscc(industry.kind, districtCode, estAgo);
      const entityType = industry.entityTypes.length > 0 ? r.pick(industry.entityTypes) : null;
      const capital = industry.capitals.length > 0 ? r.pick(industry.capitals) : null;
      const fateDraw = r.float();
      const eventDraw = r.float();
      const canEnd = !showcase && (industry.kind === '91' || industry.kind === '92') && estAgo >= 260;
      const fate: EntityStatusValue = !canEnd ? 'ACTIVE' : fateDraw < 0.075 ? 'REVOKED' : fateDraw < 0.16 ? 'CANCELLED' : 'ACTIVE';
      const eventAgo = fate === 'ACTIVE' ? null : 40 + Math.floor(eventDraw * (Math.min(420, estAgo - 200) - 40));
      entities.push({
        entity: {
          uscc,
          name,
          legalRepresentative: rep.name,
          legalRepresentativeIdNumber: rep.idNumber,
          address: addressIn(r, place, industry.kind === '92'),
          businessScope: industry.scope,
          establishedOn: dateAgo(estAgo),
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
      });
    }
  }

  // -- the entities' certificates ------------------------------------------------------------
  for (const record of entities) {
    const { entity, district: place, industry, showcase, estAgo, eventAgo } = record;
    const region = usccRegion(entity.uscc);
    const holder = { holderKind: 'ORGANIZATION' as const, holderCode: entity.uscc, holderName: entity.name };
    const regulator = marketRegulator(region);
    const latestAgo = eventAgo === null ? 0 : eventAgo + 30;
    const active = eventAgo === null;
    const supervisors = `${someone(1965, 1995, region, false).name}、${someone(1965, 1995, region, false).name}`;

    if (industry.kind === '91' || industry.kind === '92') {
      const uChange = r.float();
      const uOrigin = r.float();
      const uWhen = r.float();
      // Issued on founding, or on the last change of registration (变更登记) since.
      const issuedAgo = uChange < 0.45 ? estAgo : latestAgo + Math.floor(uWhen * (estAgo - latestAgo));
      const company = industry.kind === '91';
      const termYears = r.pick([20, 30, 50]);
      const longTerm = r.chance(0.6);
      const licence = draft({
        issuerCode: regulator.code,
        typeCode: TYPE_CODES.businessLicence,
        // The business licence's number is the USCC itself.
        numberFor: () => entity.uscc,
        ...holder,
        issuedOn: dateAgo(issuedAgo),
        validFrom: dateAgo(issuedAgo),
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
        origin: originFor(issuedAgo, uOrigin),
        family: 'business',
        issuedAgo,
        open: false,
        showcase,
      });
      if (entity.status === 'REVOKED' && eventAgo !== null) {
        // Never opened: revoked within about a year of founding; else it stopped trading.
        const reason = estAgo - eventAgo < 400 ? BUSINESS_REVOKED.neverOpened : BUSINESS_REVOKED.stopped;
        r.float();
        licence.statusChanges.push({ status: 'REVOKED', reason, daysAfterIssue: issuedAgo - eventAgo });
      } else if (entity.status === 'CANCELLED' && eventAgo !== null) {
        const reason = r.pick(company ? BUSINESS_CANCELLED : SOLE_TRADER_CANCELLED);
        licence.statusChanges.push({ status: 'CANCELLED', reason, daysAfterIssue: issuedAgo - eventAgo });
      } else {
        r.float();
      }
    }

    const licences = [...industry.licences];
    for (const extra of industry.sometimes ?? []) {
      const wanted = r.chance(0.5);
      if (!wanted) continue;
      // Only Xiamen's municipal bureau issues advertising permits; provincial firms run no site canteens of their own here.
      if (extra === 'advertising' && !region.startsWith('3502')) continue;
      if (extra === 'canteen' && region === '350000') continue;
      licences.push(extra);
    }
    const lapsed = active && !showcase && r.chance(0.16);
    const lapsedAgo = r.int(5, 500);

    for (const kind of licences) {
      const spec = licenceSpec(kind, record, {
        regulator,
        health: industry.medical ? healthCommission(region, industry.medical.issuer) : null,
        transport: transportBureau(region),
        supervisors,
        serial,
      });
      const uUndated = r.float();
      const undatedLatest = Math.max(latestAgo, Math.min(estAgo - 30, spec.introducedAgo));
      const chain = spec.years === null
        ? [{ issuedAgo: latestAgo + Math.floor(uUndated * (undatedLatest - latestAgo)), validFrom: '', validUntil: null, current: true }]
        : generations(
            spec.years,
            { earliestAgo: Math.min(estAgo - 30, spec.introducedAgo), latestAgo },
            { lapsed: lapsed && kind !== 'canteen', lapsedAgo },
          );
      const uOrigins = [r.float(), r.float(), r.float()];
      chain.forEach((generation, index) => {
        const issuedOn = generation.validFrom || dateAgo(generation.issuedAgo);
        const d = draft({
          issuerCode: spec.issuer.code,
          typeCode: spec.typeCode,
          numberFor: spec.number,
          ...holder,
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

  // -- people and their certificates ------------------------------------------------------------
  const persons: DemoPerson[] = [];
  const hospitals = entities.filter((e) => e.industry.medical && e.entity.status === 'ACTIVE');
  const personHolder = (p: Someone) => ({ holderKind: 'PERSON' as const, holderCode: p.idNumber, holderName: p.name });

  // Physicians: registered with the health commission of their main institution's city.
  for (let n = 0; n < 16; n++) {
    const showcase = n === 0;
    const hospital = showcase ? hospitals[0]! : r.pick(hospitals);
    const issuedAgo = r.int(60, 5000);
    const transferred = showcase || r.chance(0.3);
    const earlierAgo = issuedAgo + r.int(400, 2500);
    const earliest = transferred ? earlierAgo : issuedAgo;
    const doctor = someone(1962, Math.min(1996, 2024 - 26 - Math.ceil(earliest / YEAR_DAYS)), usccRegion(hospital.entity.uscc), true);
    persons.push({ ...doctor, occupation: 'physician' });
    const dental = hospital.industry.medical?.practice === 'dental';
    const level = r.chance(0.85) ? '执业医师' : '执业助理医师';
    const category = dental ? '口腔' : r.chance(0.75) ? '临床' : '中医';
    const practiceScope = r.pick(
      category === '口腔' ? ['口腔专业'] : category === '中医' ? ['中医专业', '中西医结合专业'] : ['内科专业', '外科专业', '妇产科专业', '儿科专业', '全科医学专业', '医学影像和放射治疗专业', '急救医学专业'],
    );
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
      { code: 'issuingAuthority', value: healthCommission(usccRegion(at.entity.uscc), 'city').name },
    ];
    const uOrigin = r.float();
    const codeDigits = `${level === '执业医师' ? '1' : '2'}${{ 临床: '1', 中医: '2', 口腔: '3' }[category]}`;
    if (transferred) {
      const issuer = healthCommission(usccRegion(previousHospital.entity.uscc), 'city');
      const old = draft({
        issuerCode: issuer.code,
        typeCode: TYPE_CODES.physician,
        numberFor: () => `${codeDigits}${usccRegion(previousHospital.entity.uscc)}${serial(7)}`,
        ...personHolder(doctor),
        issuedOn: dateAgo(earlierAgo),
        validFrom: dateAgo(earlierAgo),
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
    const issuer = healthCommission(usccRegion(hospital.entity.uscc), 'city');
    draft({
      issuerCode: issuer.code,
      typeCode: TYPE_CODES.physician,
      numberFor: () => `${codeDigits}${usccRegion(hospital.entity.uscc)}${serial(7)}`,
      ...personHolder(doctor),
      issuedOn: dateAgo(issuedAgo),
      validFrom: dateAgo(issuedAgo),
      validUntil: null,
      items: facts(hospital),
      origin: originFor(issuedAgo, r.float()),
      family: 'physician',
      issuedAgo,
      open: !showcase,
      showcase,
    });
  }

  // Teachers: certified by the education bureau of Fuzhou or Xiamen; some went on to a higher level.
  const TEACHING = [
    { type: '幼儿园教师资格', code: '1', subjects: [''] },
    { type: '小学教师资格', code: '2', subjects: ['语文', '数学', '英语', '科学', '音乐', '美术', '体育与健康', '道德与法治'] },
    { type: '初级中学教师资格', code: '3', subjects: ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '道德与法治', '信息技术'] },
    { type: '高级中学教师资格', code: '4', subjects: ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '思想政治', '信息技术'] },
    { type: '中等职业学校教师资格', code: '5', subjects: ['计算机应用', '会计', '电子商务', '旅游服务与管理', '汽车运用与维修'] },
  ] as const;
  const teacherDistricts = ['350102', '350103', '350104', '350111', '350121', '350203', '350206', '350211', '350212'];
  for (let n = 0; n < 14; n++) {
    const home = districtOf(r.pick(teacherDistricts));
    const bureau = agencyBySlug(home.code.startsWith('3502') ? 'xm-edu' : 'fz-edu');
    const issuedAgo = r.int(60, 7000);
    const twice = r.chance(0.35);
    const earlierAgo = issuedAgo + r.int(700, 2500);
    const teacher = someone(1968, Math.min(2001, 2024 - 22 - Math.ceil((twice ? earlierAgo : issuedAgo) / YEAR_DAYS)), home.code, true);
    persons.push({ ...teacher, occupation: 'teacher' });
    const levelIndex = r.int(twice ? 1 : 0, TEACHING.length - 1);
    const certify = (levelAt: number, ago: number) => {
      const level = TEACHING[levelAt]!;
      const subject = r.pick(level.subjects);
      // Senior and vocational qualifications are certified by the city, the others by the district.
      const authority = level.code === '4' || level.code === '5' ? bureau.name : `${home.full}教育局`;
      const issuedOn = dateAgo(ago);
      draft({
        issuerCode: bureau.code,
        typeCode: TYPE_CODES.teacher,
        numberFor: (on) => `${on.slice(0, 4)}${home.code.slice(0, 4)}${level.code}${teacher.gender === '男' ? '1' : '2'}0${serial(6)}`,
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
  }

  // Food vendors of Xiamen's night markets and street stall clusters: a card renewed every two years.
  const STALLS = [
    { place: '350203', spot: '中山路步行街夜市' },
    { place: '350203', spot: '曾厝垵文创村便民摊点群' },
    { place: '350206', spot: '殿前街道便民摊点群' },
    { place: '350206', spot: '五缘湾夜市' },
    { place: '350211', spot: '集美学村便民摊点群' },
    { place: '350205', spot: '海沧湾公园夜市' },
    { place: '350212', spot: '同安影视城夜市' },
  ];
  const FOODS = ['花生汤、烧肉粽', '沙茶面', '海蛎煎', '土笋冻', '烤地瓜、烤玉米', '鲜榨果汁', '面线糊、油条', '四果汤', '春卷、炸五香'];
  const HOURS = ['17:00-23:00', '06:00-10:00', '18:00-次日01:00', '10:00-21:00'];
  for (let n = 0; n < 10; n++) {
    const showcase = n === 0;
    const stall = r.pick(STALLS);
    const place = districtOf(stall.place);
    const vendor = someone(1958, 1995, r.chance(0.5) ? '3502' : r.pick(Object.keys(ID_REGIONS)), true);
    persons.push({ ...vendor, occupation: 'vendor' });
    const foods = r.pick(FOODS);
    const hours = r.pick(HOURS);
    const lapsed = !showcase && r.chance(0.2);
    const chain = generations(2, { earliestAgo: showcase ? 2400 : r.int(800, 2400), latestAgo: 0 }, { lapsed, lapsedAgo: r.int(10, 300) });
    // The README's vendor shows a card renewed twice: add the generations the draw left out.
    while (showcase && chain.length < 3) {
      const validFrom = addYears(chain[0]!.validFrom, -2);
      chain.unshift({ issuedAgo: daysBetween(validFrom, today), validFrom, validUntil: termEnd(validFrom, 2), current: false });
    }
    const stallNo = r.int(1, 40);
    chain.forEach((generation) => {
      const issuedOn = generation.validFrom;
      draft({
        issuerCode: agencyBySlug('xm-amr').code,
        typeCode: TYPE_CODES.foodVendor,
        numberFor: (on) => `厦摊登${place.code}${on.slice(0, 4)}${serial(4)}`,
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
  }

  assignOutcomes(r, drafts);
  reissueCorrections(r, drafts, dateAgo);

  const holders = showcaseHolders(entities, persons, drafts);
  const certificates = drafts
    .map(({ family: _family, numberFor: _numberFor, itemsFor: _itemsFor, issuedAgo: _ago, open: _open, showcase: _showcase, ...certificate }) => certificate)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  return {
    agencies: AGENCIES,
    certificateTypes: CERTIFICATE_TYPES,
    legalEntities: entities.map((e) => e.entity),
    persons,
    certificates,
    holders,
  };
}

// ---------------------------------------------------------------------------------------------
// Licences of an entity

interface LicenceSpec {
  typeCode: string;
  issuer: DemoAgency;
  years: number | null;
  /** How long ago the type came into use, in days: no generation is older. */
  introducedAgo: number;
  number(issuedOn: string): string;
  items(number: string): Array<{ code: string; value: string }>;
}

function licenceSpec(
  kind: Licence,
  record: EntityRecord,
  authorities: {
    regulator: DemoAgency;
    health: DemoAgency | null;
    transport: DemoAgency;
    supervisors: string;
    /** Distinct digits for every certificate number. */
    serial: (width: number) => string;
  },
): LicenceSpec {
  // Choices here are hashed from the entity's USCC, not drawn, so they cost no draws.
  const { entity, district: place, industry } = record;
  const { serial } = authorities;
  const region = usccRegion(entity.uscc);
  const city = cityOf(region);
  const orgCode = entity.uscc.slice(8, 17);
  const digits = (text: string, width: number) => {
    let h = 7;
    for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
    return String(h % 10 ** width).padStart(width, '0');
  };
  const choose = <T>(list: readonly T[], salt: string): T => list[Number(digits(entity.uscc + salt, 6)) % list.length]!;
  const person = (salt: string) => choose(['陈', '林', '黄', '张', '郑', '吴'], salt) + choose(MALE_GIVEN.concat(FEMALE_GIVEN), `${salt}-given`);
  const economicType = (record.entityType ?? '').startsWith('股份') ? '股份有限公司' : record.entityType === '个体工商户' ? '个体' : '有限责任公司';

  switch (kind) {
    case 'food':
    case 'canteen': {
      const profile = kind === 'canteen' ? (industry.food === SITE_CANTEEN ? SITE_CANTEEN : STAFF_CANTEEN) : industry.food!;
      const format = choose(profile.formats, `${kind}-format`);
      return {
        typeCode: TYPE_CODES.foodBusiness,
        issuer: authorities.regulator,
        years: 5,
        // 食品经营许可证 replaced the catering and food circulation permits in October 2015.
        introducedAgo: Math.round(10 * YEAR_DAYS),
        number: (issuedOn) => `JY${profile.digit}${region === '350000' ? '350102' : region}${serial(6)}${digits(issuedOn + kind, 1)}`,
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'domicile', value: entity.address },
          { code: 'premises', value: kind === 'canteen' && profile === SITE_CANTEEN ? `${place.address}${choose(place.streets, 'site')}项目部生活区` : entity.address },
          { code: 'businessFormat', value: format },
          { code: 'businessItems', value: choose(profile.items, `${kind}-items`) },
          { code: 'supervisoryAuthority', value: place.regulator },
          { code: 'supervisors', value: authorities.supervisors },
          { code: 'complaintHotline', value: '12315' },
          { code: 'issuingAuthority', value: authorities.regulator.name },
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
        number: (issuedOn) => `（闽）JZ安许证字〔${issuedOn.slice(0, 4)}〕${serial(6)}`,
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
      const beds = medical.beds.length > 0 ? choose(medical.beds, 'beds') : null;
      return {
        typeCode: TYPE_CODES.medicalInstitution,
        issuer: authorities.health!,
        years: 5,
        introducedAgo: 20 * 365,
        // The 登记号: organisation code, region, 医疗机构类别 and a number of this registration.
        number: () => `${orgCode}${region}${choose(['11', '12', '17'], 'class')}${medical.classCode}${serial(3)}`,
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
          { code: 'issuingAuthority', value: authorities.health!.name },
        ],
      };
    }
    case 'drugRetail':
    case 'drugWholesale': {
      const wholesale = kind === 'drugWholesale';
      const chain = record.industryKey === 'pharmacyChain';
      // The province licenses wholesalers and retail chain headquarters, the city single pharmacies.
      const issuer = wholesale || chain ? agencyBySlug('fj-mpa') : authorities.regulator;
      return {
        typeCode: TYPE_CODES.drugBusiness,
        issuer,
        years: 5,
        introducedAgo: 20 * 365,
        // 闽 + A 批发 / B 零售连锁总部 / D 单体零售, + A 省级 / B 市级发证, + area code and number.
        number: () => `闽${wholesale ? 'AA' : chain ? 'BA' : 'DB'}${city.areaCode}${serial(4)}`,
        items: () => [
          { code: 'enterpriseName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'registeredAddress', value: entity.address },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'enterprisePrincipal', value: chain || wholesale ? person('principal') : entity.legalRepresentative },
          { code: 'qualityPrincipal', value: person('quality') },
          ...(wholesale || chain ? [{ code: 'warehouseAddress', value: `${place.address}${choose(place.streets, 'warehouse')}${Number(digits(entity.uscc, 3)) + 1}号仓库` }] : []),
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
    case 'transport':
      return {
        typeCode: TYPE_CODES.roadTransport,
        issuer: authorities.transport,
        years: 4,
        introducedAgo: 20 * 365,
        number: () => `闽交运管许可${region.startsWith('3502') ? '厦' : '榕'}字${region}${serial(6)}号`,
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'address', value: entity.address },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'economicType', value: economicType },
          { code: 'businessScope', value: choose(['道路普通货物运输', '道路普通货物运输；货物专用运输（集装箱）', '道路普通货物运输；大型物件运输'], 'scope') },
          { code: 'issuingAuthority', value: authorities.transport.name },
        ],
      };
    case 'rental':
      return {
        typeCode: TYPE_CODES.carRental,
        issuer: agencyBySlug('fz-transport'),
        years: null,
        introducedAgo: 5 * 365,
        number: (issuedOn) => `榕交租备${issuedOn.slice(0, 4)}${serial(4)}`,
        items: () => [
          { code: 'operatorName', value: entity.name },
          { code: 'creditCode', value: entity.uscc },
          { code: 'legalRepresentative', value: entity.legalRepresentative },
          { code: 'address', value: entity.address },
          { code: 'serviceOutlets', value: `${choose(['福州火车站', '福州南站', '长乐国际机场'], 'outlet')}服务网点` },
          { code: 'vehicleCount', value: `${20 + (Number(digits(entity.uscc, 3)) % 180)}辆` },
          { code: 'filingAuthority', value: '福州市交通运输局' },
        ],
      };
    case 'workshop':
      return {
        typeCode: TYPE_CODES.foodWorkshop,
        issuer: authorities.regulator,
        years: 3,
        introducedAgo: 9 * 365,
        number: () => `闽食坊登${region}${serial(5)}`,
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
        number: (issuedOn) => `厦户广许字〔${issuedOn.slice(0, 4)}〕${serial(4)}号`,
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
function institutionName(record: EntityRecord): string {
  return record.entity.name.replace(/有限公司$/, '');
}

function addressIn(r: Random, place: District, shop: boolean): string {
  const street = r.pick(place.streets);
  const number = r.int(1, 399);
  const building = r.pick(['国际大厦', '商务大厦', '金融中心', '时代广场', '创业大厦', '财富中心', '科技大厦', '综合楼']);
  const floor = r.int(2, 28);
  const room = `${floor}${String(r.int(1, 12)).padStart(2, '0')}`;
  const upstairs = r.chance(0.5);
  const onVillageOrTown = /[村镇]$/.test(street);
  if (shop || onVillageOrTown) return `${place.address}${street}${number}号${shop ? r.pick(['一层店面', '101店面', '1号店面']) : ''}`;
  return upstairs ? `${place.address}${street}${number}号${building}${floor}层${room}室` : `${place.address}${street}${number}号`;
}

// ---------------------------------------------------------------------------------------------
// Outcomes: suspensions (and their lifting), revocations, withdrawals and cancellations

/** At least this many of each final status, with a margin over the 20 the tests ask for. */
const OUTCOME_TARGETS: ReadonlyArray<readonly [Outcome, number]> = [
  // Ten more are withdrawn for a correction and issued again: see reissueCorrections.
  ['withdrawn', 15],
  ['revoked', 25],
  ['suspended', 25],
  ['resumed', 22],
  ['cancelled', 28],
];

const statusOf = (outcome: Outcome): StoredStatusValue =>
  ({ suspended: 'SUSPENDED', resumed: 'VALID', revoked: 'REVOKED', withdrawn: 'WITHDRAWN', cancelled: 'CANCELLED' } as const)[outcome];

/**
 * Gives the open certificates (current, unexpired, of active holders, issued 60+ days ago) the
 * outcomes that bring every final status to its target, each where its type allows it. Entity
 * revocations and deregistrations have already produced some REVOKED and CANCELLED.
 */
function assignOutcomes(r: Random, drafts: Draft[]): void {
  const candidates = r.shuffle(drafts.filter((d) => d.open && d.issuedAgo >= 60));
  const count = (status: StoredStatusValue) => drafts.filter((d) => (d.statusChanges.at(-1)?.status ?? 'VALID') === status).length;
  const taken = new Set<Draft>();
  for (const [outcome, target] of OUTCOME_TARGETS) {
    let have = outcome === 'resumed' ? 0 : count(statusOf(outcome));
    for (const d of candidates) {
      if (have >= target) break;
      if (taken.has(d)) continue;
      const reasons = REASONS[d.family];
      if (!reasons[outcome === 'resumed' ? 'suspended' : outcome]) continue;
      if (outcome === 'resumed' && d.issuedAgo < suspensionDays(d.family)[1] + 10) continue;
      taken.add(d);
      have++;
      d.statusChanges.push(...outcomeChanges(r, d, outcome));
    }
  }
}

/** How long a suspension lasts: six months for a physician, 30–60 days for a safety licence, else weeks of rectification. */
const suspensionDays = (family: ReasonFamily): readonly [number, number] =>
  family === 'physician' ? [183, 200] : family === 'construction' ? [30, 60] : [15, 90];

function outcomeChanges(r: Random, d: Draft, outcome: Outcome): DemoStatusChange[] {
  const reasons = REASONS[d.family];
  const span = d.issuedAgo - 1;
  const u1 = r.float();
  const u2 = r.float();
  const first = Math.max(1, Math.floor(span * (0.25 + 0.5 * u1)));
  switch (outcome) {
    case 'suspended':
      // Still suspended today, so suspended within the last few weeks.
      return [{ status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: Math.max(1, span - 5 - Math.floor(u1 * 24)) }];
    case 'resumed': {
      const [shortest, longest] = suspensionDays(d.family);
      const lasted = shortest + Math.floor(u2 * (longest - shortest + 1));
      const suspendedOn = 1 + Math.floor(u1 * Math.max(1, span - lasted - 2));
      const resumedOn = Math.min(span, suspendedOn + lasted);
      return [
        { status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: suspendedOn },
        { status: 'VALID', reason: r.pick(reasons.resume ?? ['整改完成，恢复使用']), daysAfterIssue: resumedOn },
      ];
    }
    case 'revoked': {
      // Some revocations follow a suspension that did not help.
      const suspendedFirst = reasons.suspended !== undefined && r.chance(0.35);
      const changes: DemoStatusChange[] = [];
      if (suspendedFirst) changes.push({ status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: first });
      changes.push({ status: 'REVOKED', reason: r.pick(reasons.revoked!), daysAfterIssue: Math.min(span, first + (suspendedFirst ? 30 + Math.floor(u2 * 60) : 0)) });
      return changes;
    }
    case 'withdrawn':
      return [{ status: 'WITHDRAWN', reason: r.pick(reasons.withdrawn!), daysAfterIssue: first }];
    case 'cancelled':
      return [{ status: 'CANCELLED', reason: r.pick(reasons.cancelled!), daysAfterIssue: Math.max(1, Math.floor(span * (0.4 + 0.55 * u1))) }];
  }
}

/**
 * A few certificates were withdrawn days after issue because their face was wrong, and issued
 * again, corrected, under a new number: the e-certificate libraries' most common withdrawal.
 */
function reissueCorrections(r: Random, drafts: Draft[], dateAgo: (ago: number) => string): void {
  const open = r.shuffle(
    drafts.filter((d) => d.open && d.issuedAgo >= 90 && d.statusChanges.length === 0 && d.family !== 'business' && d.family !== 'rental'),
  );
  for (const original of open.slice(0, 10)) {
    const after = r.int(2, 25);
    original.statusChanges.push({ status: 'WITHDRAWN', reason: r.pick(CORRECTION_REASONS), daysAfterIssue: after });
    const issuedAgo = original.issuedAgo - after;
    const issuedOn = dateAgo(issuedAgo);
    const number = original.numberFor(issuedOn);
    drafts.push({
      ...original,
      number,
      issuedOn,
      validFrom: issuedOn,
      items: original.itemsFor(number),
      origin: 'ISSUED',
      statusChanges: [],
      issuedAgo,
      open: false,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Holders for the README

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

// ---------------------------------------------------------------------------------------------
// Reading the data

/** The status a certificate of the demo data has on `today`: EXPIRED computed as the hub does. */
export function statusOn(certificate: Pick<DemoCertificate, 'statusChanges' | 'validUntil'>, today: string): CertificateStatusValue {
  const stored = certificate.statusChanges.at(-1)?.status ?? 'VALID';
  const expirable = stored === 'VALID' || stored === 'SUSPENDED';
  return expirable && certificate.validUntil !== null && certificate.validUntil < today ? 'EXPIRED' : stored;
}

/** The date a status change was made. */
export const changeDate = (certificate: Pick<DemoCertificate, 'issuedOn'>, change: DemoStatusChange): string =>
  addDays(certificate.issuedOn, change.daysAfterIssue);

/**
 * The README's example holders: three companies whose certificates sit at more than one node,
 * a physician and a street-food vendor. Who they are and what they hold does not depend on the
 * day the data is built for (only the dates do), so this one list serves every hub.
 */
export const DEMO_HOLDERS: readonly DemoHolder[] = demoData('2025-01-01').holders;
