/**
 * The permit rules (后置审批) the demo data steward has defined: the activities of a business scope
 * (经营范围) that need a licence of one of the demo types, with the words that name them as the
 * registries print scopes (许可项目：…). Matched against the demo registry, they meet entities that
 * hold the licence, entities that do not, and entities no rule concerns (tech, trade, beauty …).
 *
 * 厦门市户外广告设置许可证 has no rule: a rule applies to the whole province, and only Xiamen issues
 * that permit, so "户外广告" in a Fuzhou company's scope would ask for a licence it cannot get.
 */
import type { DefinePermitRuleInput } from '../../subgraphs/catalog/generated/resolvers.js';
import { TYPE_CODES } from './certificate-types.js';

/** DefinePermitRuleInput of subgraphs/catalog/schema.graphql, with the note always given. */
export interface DemoPermitRule extends DefinePermitRuleInput {
  note: string | null;
}

export const DEMO_PERMIT_RULES: readonly DemoPermitRule[] = [
  {
    code: 'FOOD-SALE',
    activity: '食品销售',
    keywords: ['食品销售', '食品经营'],
    certificateType: TYPE_CODES.foodBusiness,
    note: '一般项目“食品销售（仅销售预包装食品）”只需备案，也会命中本规则：核查时先看许可项目',
  },
  { code: 'CATERING', activity: '餐饮服务', keywords: ['餐饮服务'], certificateType: TYPE_CODES.foodBusiness, note: null },
  {
    code: 'FOOD-WORKSHOP',
    activity: '食品小作坊经营',
    keywords: ['食品小作坊'],
    certificateType: TYPE_CODES.foodWorkshop,
    note: '《福建省食品生产加工小作坊监督管理办法》：小作坊实行登记管理',
  },
  {
    code: 'CONSTRUCTION',
    activity: '建筑施工',
    keywords: ['建设工程施工', '建筑施工'],
    certificateType: TYPE_CODES.constructionSafety,
    note: '《建筑施工企业安全生产许可证管理规定》；“园林绿化工程施工”等一般项目不命中',
  },
  { code: 'DRUG-TRADE', activity: '药品经营', keywords: ['药品批发', '药品零售'], certificateType: TYPE_CODES.drugBusiness, note: '《药品经营和使用质量监督管理办法》' },
  {
    code: 'ROAD-FREIGHT',
    activity: '道路货物运输',
    keywords: ['道路货物运输'],
    certificateType: TYPE_CODES.roadTransport,
    note: '“国内货物运输代理”不命中：代理不需要道路运输经营许可证',
  },
  {
    code: 'MEDICAL',
    activity: '医疗服务',
    keywords: ['医疗服务'],
    certificateType: TYPE_CODES.medicalInstitution,
    note: '不用“诊疗服务”：它也出现在“健康咨询服务（不含诊疗服务）”中',
  },
];
