/**
 * The certificate types the demo network meets first, with their real face items (照面信息项)
 * and their issuers; the registry's own catalog entry; and the grants the data steward has made.
 */
import type { TypeDefinition } from '../../subgraphs/catalog/definition.js';
import type { CatalogItem } from '../../subgraphs/kit/catalog-lookup.js';
import { agencyBySlug, DEFINING_AUTHORITIES, HEALTH_COMMISSIONS, MARKET_REGULATORS, type AgencyKind } from './agencies.js';
import { MATTER_CODES } from './matter-codes.js';
import type { GrantClaim } from '../../lib/principal.js';

export type DemoItemDefinition = CatalogItem;

/** DefineCertificateTypeInput of subgraphs/catalog/schema.graphql (and a CatalogType). */
export interface DemoCertificateType extends TypeDefinition {
  code: string;
  /** The demo agencies that issue it (its defining authority may anyway): exact USCCs, never region patterns. */
  issuers: string[];
}

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


/** The USCCs of the demo agencies with these slugs. */
const codesOf = (...slugs: string[]): string[] => slugs.map((slug) => agencyBySlug(slug).code);

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
  // A matter's code as the purpose: what its materials need, for that matter only (paperlessReady).
  {
    agency: agencyBySlug('fj-housing').code,
    certificateType: TYPE_CODES.constructionSafety,
    items: ['enterpriseName', 'principal', 'scope'],
    purposes: [MATTER_CODES.constructionPermit],
  },
];

/** An agency's demo grants as a request's claims carry them (lib/material-access.ts GrantClaim). */
export function demoGrantClaims(agency: string): GrantClaim[] {
  return DEMO_GRANTS.filter((grant) => grant.agency === agency).map((grant, i) => ({
    id: String(i),
    type: grant.certificateType,
    items: grant.items,
    purposes: grant.purposes,
    expiresAt: null,
  }));
}

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
