/**
 * The matters (事项) of the demo agencies with their application materials (申请材料): the
 * certificates each needs and which of their face items. Several are paperless-ready (every
 * required material shared unconditionally, or opened by a demo grant naming the matter), some
 * are not (a CONDITIONAL type without such a grant, a NOT_SHARED type), so that a newcomer meets
 * both in the catalog.
 */
import type { DefineMatterInput } from '../../subgraphs/catalog/generated/resolvers.js';
import { agencyBySlug } from './agencies.js';
import { TYPE_CODES } from './certificate-types.js';
import { MATTER_CODES } from './matter-codes.js';

/** DefineMatterInput of subgraphs/catalog/schema.graphql, with the agency's name always given. */
export interface DemoMatter extends DefineMatterInput {
  agencyName: string;
  materials: Array<{ certificateType: string; items: string[]; required: boolean; note: string | null }>;
}

const matter = (code: string, slug: string, name: string, materials: DemoMatter['materials']): DemoMatter => ({
  code,
  name,
  agencyName: agencyBySlug(slug).name,
  materials,
});
const material = (certificateType: string, items: string[], note: string | null = null, required = true) => ({ certificateType, items, required, note });

/** 营业执照 as most matters need it: who the applicant is and where. */
const businessLicence = (note: string, ...more: string[]) =>
  material(TYPE_CODES.businessLicence, ['uscc', 'name', 'entityType', 'legalRepresentative', 'address', ...more], note);

export const DEMO_MATTERS: readonly DemoMatter[] = [
  matter(MATTER_CODES.fuzhouFoodLicence, 'fz-amr', '食品经营许可（新办）', [
    businessLicence('核验经营者主体资格、住所和经营范围', 'businessScope'),
  ]),
  matter(MATTER_CODES.xiamenFoodLicenceRenewal, 'xm-amr', '食品经营许可（延续）', [
    businessLicence('核验经营者主体资格'),
    material(
      TYPE_CODES.foodBusiness,
      ['operatorName', 'creditCode', 'premises', 'businessFormat', 'businessItems', 'issuingAuthority'],
      '原食品经营许可证：有效期届满30个工作日前申请延续',
    ),
  ]),
  // 营业执照 is shared unconditionally; the safety licence, CONDITIONAL, through the demo grant naming this matter.
  matter(MATTER_CODES.constructionPermit, 'fj-housing', '建筑工程施工许可证核发', [
    businessLicence('施工单位的营业执照'),
    material(TYPE_CODES.constructionSafety, ['enterpriseName', 'principal', 'scope'], '施工单位的建筑施工企业安全生产许可证'),
  ]),
  matter(MATTER_CODES.drugWholesale, 'fj-mpa', '药品经营许可（批发企业开办）', [businessLicence('核验企业名称、住所和经营范围', 'businessScope')]),
  matter(MATTER_CODES.outdoorAdvertisingRenewal, 'xm-municipal', '户外广告设置许可（延续）', [
    businessLicence('设置单位的营业执照'),
    material(TYPE_CODES.outdoorAdvertising, ['applicant', 'location', 'form', 'size'], '原户外广告设置许可证'),
  ]),
  matter(MATTER_CODES.freightTransport, 'xm-transport', '道路货物运输经营许可（新办）', [
    businessLicence('核验经营者主体资格和经营范围', 'businessScope'),
    material(TYPE_CODES.roadTransport, ['operatorName', 'businessScope'], '已取得其他道路运输经营许可的，一并核验', false),
  ]),
  matter(MATTER_CODES.taxRegistration, 'fz-tax', '一照一码户登记信息确认', [
    businessLicence('登记信息以营业执照为准', 'businessScope', 'establishedOn', 'registrationAuthority'),
  ]),
  matter(MATTER_CODES.sealEngraving, 'xm-police', '公章刻制备案', [businessLicence('刻制单位的营业执照')]),
  // 医疗机构执业许可证 is CONDITIONAL and no grant names this matter; 医师执业证书 is NOT_SHARED: paper (or the holder's consent) still.
  matter(MATTER_CODES.medicalInstitutionChange, 'xm-health', '医疗机构执业登记（变更）', [
    businessLicence('营利性医疗机构的营业执照'),
    material(TYPE_CODES.medicalInstitution, ['institutionName', 'address', 'principal', 'departments', 'registrationNumber'], '原医疗机构执业许可证'),
    material(TYPE_CODES.physician, ['name', 'level', 'practiceCategory', 'practiceScope'], '变更主要负责人的，新负责人的医师执业证书', false),
  ]),
  matter(MATTER_CODES.physicianRelocation, 'fz-health', '医师执业注册（变更执业地点）', [
    material(TYPE_CODES.physician, ['name', 'idNumber', 'level', 'practiceCategory', 'practiceScope', 'mainInstitution'], '原医师执业证书'),
    material(TYPE_CODES.medicalInstitution, ['institutionName', 'address'], '拟执业机构的医疗机构执业许可证'),
  ]),
  // 教师资格证书 is CONDITIONAL, its 身份证件号码 sensitive.
  matter(MATTER_CODES.teacherRegistration, 'fz-edu', '中小学教师资格定期注册', [
    material(TYPE_CODES.teacher, ['name', 'idNumber', 'qualificationType', 'subject'], '教师资格证书'),
  ]),
];
