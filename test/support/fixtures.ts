import { residentIdCheckChar, usccCheckChar } from '../../lib/codes.js';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid USCC of `category` (e.g. '91' company, '11' agency) registered in `region`, numbered n. */
export function uscc(category: string, region: string, n: number): string {
  let subject = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    subject = USCC_CHARS.charAt(rest % 31) + subject;
    rest = Math.floor(rest / 31);
  }
  const first17 = `${category}${region}${subject}`;
  return first17 + usccCheckChar(first17);
}

/** A valid resident ID number of someone born on `birth` (YYYYMMDD) in `region`. */
export function residentId(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** Flips the check character of a code to a wrong one. */
export function withWrongCheck(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + (last === '0' ? '1' : '0');
}

/**
 * Who may issue the fixture types besides their defining authority: any agency of the province
 * (the suites issue with agencies of all three nodes); the tests of competence define their own.
 */
const ANY_FUJIAN_AGENCY = ['region:350000'];

/** Nationally defined types are kept at the province node (region 100000 has no node). */
export const MINISTRY = uscc('11', '100000', 7001);
/** A type Xiamen defines itself is kept at node 350200. */
export const XIAMEN_AUTHORITY = uscc('11', '350200', 7002);

export const BUSINESS_LICENCE = {
  code: `${MINISTRY}001`,
  name: '营业执照',
  definingAuthority: '国家市场监督管理总局',
  holderKind: 'ORGANIZATION',
  sharing: 'UNCONDITIONAL',
  validityYears: null,
  issuers: ANY_FUJIAN_AGENCY,
  items: [
    { code: 'name', name: '名称', required: true },
    { code: 'legalRepresentative', name: '法定代表人', required: true },
    { code: 'businessScope', name: '经营范围', required: false },
  ],
};

export const XIAMEN_PERMIT = {
  code: `${XIAMEN_AUTHORITY}001`,
  name: '厦门市户外广告设置许可证',
  definingAuthority: '厦门市市政园林局',
  holderKind: 'ORGANIZATION',
  sharing: 'CONDITIONAL',
  validityYears: 2,
  issuers: ANY_FUJIAN_AGENCY,
  items: [
    { code: 'location', name: '设置地点', required: true },
    { code: 'size', name: '规格', required: false },
  ],
};

/** UNCONDITIONAL with a sensitive item: any consumer reads some items of it, not every one. */
export const FOOD_LICENCE = {
  code: `${MINISTRY}003`,
  name: '食品经营许可证',
  definingAuthority: '国家市场监督管理总局',
  holderKind: 'ORGANIZATION',
  sharing: 'UNCONDITIONAL',
  validityYears: 5,
  issuers: ANY_FUJIAN_AGENCY,
  items: [
    { code: 'operator', name: '经营者名称', required: true },
    { code: 'premises', name: '经营场所', required: true },
    { code: 'complaintPhone', name: '投诉举报电话', required: true, sensitive: true },
  ],
};

export const DOCTOR_LICENCE = {
  code: `${MINISTRY}002`,
  name: '医师执业证书',
  definingAuthority: '国家卫生健康委员会',
  holderKind: 'PERSON',
  sharing: 'NOT_SHARED',
  validityYears: null,
  issuers: ANY_FUJIAN_AGENCY,
  items: [
    { code: 'name', name: '姓名', required: true },
    { code: 'idNumber', name: '身份证号', required: true, sensitive: true },
    { code: 'category', name: '执业类别', required: true },
  ],
};

/** One issuing, registering authority per node, and agencies of the other roles. */
export const AGENCY = {
  provinceIssuer: { sub: uscc('11', '350000', 8001), kind: 'agency' as const, roles: ['issuer' as const, 'registrar' as const], name: '福建省市场监督管理局' },
  fuzhouIssuer: { sub: uscc('11', '350100', 8002), kind: 'agency' as const, roles: ['issuer' as const, 'registrar' as const], name: '福州市市场监督管理局' },
  xiamenIssuer: { sub: uscc('11', '350200', 8003), kind: 'agency' as const, roles: ['issuer' as const, 'registrar' as const], name: '厦门市市场监督管理局' },
  steward: { sub: uscc('11', '350000', 8004), kind: 'agency' as const, roles: ['steward' as const], name: '福建省大数据管理局' },
  consumer: { sub: uscc('11', '350100', 8005), kind: 'agency' as const, roles: ['consumer' as const], name: '国家税务总局福州市税务局' },
  /** Runs the hub: sees /healthz in detail, reads no certificate data. */
  operator: { sub: uscc('11', '350000', 8020), kind: 'agency' as const, roles: ['operator' as const], name: '福建省大数据管理局运维中心' },
};

export const DEFINE_TYPE = /* GraphQL */ `
  mutation Define($input: DefineCertificateTypeInput!) { defineCertificateType(input: $input) { code node } }
`;
export const REGISTER_ENTITY = /* GraphQL */ `
  mutation Register($input: RegisterLegalEntityInput!) { registerLegalEntity(input: $input) { uscc node } }
`;
export const ISSUE = /* GraphQL */ `
  mutation Issue($input: IssueCertificateInput!) { issueCertificate(input: $input) { id node status issuedOn } }
`;

export function company(code: string, name: string) {
  return {
    uscc: code,
    name,
    legalRepresentative: '林建国',
    legalRepresentativeIdNumber: residentId('350102', '19750312', 31),
    address: '福建省福州市鼓楼区五四路100号',
    businessScope: '软件开发；信息技术咨询服务',
    establishedOn: '2015-06-01',
  };
}

/** A food licence (食品经营许可证) for `holder`, valid from `issuedOn` to `validUntil`. */
export function foodLicenceFor(holder: { uscc: string; name: string }, number: string, issuedOn: string, validUntil: string) {
  return {
    typeCode: FOOD_LICENCE.code,
    number,
    holderKind: 'ORGANIZATION',
    holderCode: holder.uscc,
    holderName: holder.name,
    issuedOn,
    validFrom: issuedOn,
    validUntil,
    items: [
      { code: 'operator', value: holder.name },
      { code: 'premises', value: '某地' },
      { code: 'complaintPhone', value: '12315' },
    ],
  };
}

export function licenceFor(entity: { uscc: string; name: string }, number: string, issuedOn: string) {
  return {
    typeCode: BUSINESS_LICENCE.code,
    number,
    holderKind: 'ORGANIZATION',
    holderCode: entity.uscc,
    holderName: entity.name,
    issuedOn,
    validFrom: issuedOn,
    items: [
      { code: 'name', value: entity.name },
      { code: 'legalRepresentative', value: '林建国' },
    ],
  };
}

/** The registry's catalog entry: grants on it open the legal-entity registry's personal fields. */
export const REGISTRY_TYPE = {
  code: `${uscc('11', '350000', 7003)}001`,
  name: '法人登记基础信息',
  definingAuthority: '福建省市场监督管理局',
  holderKind: 'ORGANIZATION',
  sharing: 'CONDITIONAL',
  validityYears: null,
  issuers: ANY_FUJIAN_AGENCY,
  items: [
    { code: 'legalRepresentative', name: '法定代表人', required: true },
    { code: 'legalRepresentativeIdNumber', name: '法定代表人身份证件号码', required: true, sensitive: true },
  ],
};

export const GRANT = /* GraphQL */ `
  mutation Grant($input: GrantAccessInput!) { grantAccess(input: $input) { id items purposes expiresAt certificateType { code name } } }
`;
export const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeGrant(id: $id) }`;
