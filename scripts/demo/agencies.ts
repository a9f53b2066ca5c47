/**
 * The agencies of the demo network, the national ministries that define certificate types, and
 * which agency acts for a region.
 */
import type { Role } from '../../lib/principal.js';
import { makeUscc } from './identifiers.js';

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

const agency = (slug: string, name: string, region: string, kind: AgencyKind, roles: Role[], orgBase: string): DemoAgency => ({
  slug,
  code: makeUscc('11', region, orgBase),
  name,
  region,
  kind,
  roles,
});

/**
 * The agencies of the demo network. Every issuer issues only the types of its kind; those that
 * handle matters (事项) are consumers too: their counters check applicants' certificates
 * (checkMaterials) and read what the matters need.
 */
export const AGENCIES: readonly DemoAgency[] = [
  agency('fj-amr', '福建省市场监督管理局', '350000', 'market', ['issuer', 'registrar'], 'MB1E4Y5F'),
  agency('fz-amr', '福州市市场监督管理局', '350100', 'market', ['issuer', 'registrar', 'consumer'], 'MB1A8C2K'),
  // Also records licences issued outside the province from their scans (scripts/demo/external.ts).
  agency('xm-amr', '厦门市市场监督管理局', '350200', 'market', ['issuer', 'registrar', 'consumer', 'external-registrar'], 'MB1P3R7D'),
  agency('pt-amr', '莆田市市场监督管理局', '350300', 'market', ['issuer', 'registrar', 'consumer'], 'MB1G7W4C'),
  agency('sm-amr', '三明市市场监督管理局', '350400', 'market', ['issuer', 'registrar', 'consumer'], 'MB1R6D2N'),
  agency('qz-amr', '泉州市市场监督管理局', '350500', 'market', ['issuer', 'registrar', 'consumer'], 'MB1K5T9H'),
  agency('zz-amr', '漳州市市场监督管理局', '350600', 'market', ['issuer', 'registrar', 'consumer'], 'MB1L2N6G'),
  agency('np-amr', '南平市市场监督管理局', '350700', 'market', ['issuer', 'registrar', 'consumer'], 'MB1T3F8K'),
  agency('ly-amr', '龙岩市市场监督管理局', '350800', 'market', ['issuer', 'registrar', 'consumer'], 'MB1W5H7C'),
  agency('nd-amr', '宁德市市场监督管理局', '350900', 'market', ['issuer', 'registrar', 'consumer'], 'MB1H9Q3B'),
  agency('fj-housing', '福建省住房和城乡建设厅', '350000', 'housing', ['issuer', 'consumer'], '00359102'),
  agency('fj-health', '福建省卫生健康委员会', '350000', 'health', ['issuer'], 'MB1D6U8A'),
  agency('fz-health', '福州市卫生健康委员会', '350100', 'health', ['issuer', 'consumer'], 'MB1C3J5E'),
  agency('xm-health', '厦门市卫生健康委员会', '350200', 'health', ['issuer', 'consumer'], 'MB1F2X7L'),
  agency('fj-mpa', '福建省药品监督管理局', '350000', 'drug', ['issuer', 'consumer'], 'MB1J4P2M'),
  agency('fz-transport', '福州市交通运输局', '350100', 'transport', ['issuer'], '00375621'),
  agency('xm-transport', '厦门市交通运输局', '350200', 'transport', ['issuer', 'consumer'], '00260351'),
  agency('fz-edu', '福州市教育局', '350100', 'education', ['issuer', 'consumer'], '00375605'),
  agency('xm-edu', '厦门市教育局', '350200', 'education', ['issuer'], '00260318'),
  agency('xm-municipal', '厦门市市政园林局', '350200', 'cityManagement', ['issuer', 'consumer'], '00260377'),
  agency('fj-bigdata', '福建省大数据管理局', '350000', 'bigData', ['steward', 'operator'], 'MB1B5K9R'),
  // Market supervision's inspectors: supervision findings (supervisionFindings) and the random draws.
  agency('fj-inspect', '福建省市场监督管理局执法稽查局', '350000', 'market', ['supervisor'], 'MB1E4Y6G'),
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
  '3504': 'sm-amr',
  '3505': 'qz-amr',
  '3506': 'zz-amr',
  '3507': 'np-amr',
  '3508': 'ly-amr',
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

/** The market regulators that register entities and issue their licences: the province's and each city's. */
export const MARKET_REGULATORS = ['fj-amr', 'fz-amr', 'xm-amr', 'pt-amr', 'sm-amr', 'qz-amr', 'zz-amr', 'np-amr', 'ly-amr', 'nd-amr'];
/** The health commissions that license medical institutions and physicians: the province's and two cities'. */
export const HEALTH_COMMISSIONS = ['fj-health', 'fz-health', 'xm-health'];

/** The health commission that licenses institutions of `region` at `level`: a city's own, or the province's. */
export function healthCommissionFor(region: string, level: 'city' | 'province'): DemoAgency {
  const city = region.slice(0, 4);
  if (level === 'city' && city === '3501') return agencyBySlug('fz-health');
  if (level === 'city' && city === '3502') return agencyBySlug('xm-health');
  return agencyBySlug('fj-health');
}

/** The transport bureau that licenses carriers of `region`: Xiamen's for Xiamen, else Fuzhou's. */
export const transportBureauFor = (region: string): DemoAgency => agencyBySlug(region.startsWith('3502') ? 'xm-transport' : 'fz-transport');

/** The education bureau that certifies teachers of `region`: Xiamen's for Xiamen, else Fuzhou's. */
export const educationBureauFor = (region: string): DemoAgency => agencyBySlug(region.startsWith('3502') ? 'xm-edu' : 'fz-edu');
