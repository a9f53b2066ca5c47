/**
 * Why certificates change status: the suspensions, revocations, withdrawals and cancellations
 * each family of certificate can meet, with the reasons an authority writes.
 */
import { TYPE_CODES } from './certificate-types.js';

/** Certificates whose status changes read alike: one family per certificate type. */
export type ReasonFamily =
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

/** The family of each certificate type. */
export const FAMILY_OF_TYPE: Readonly<Record<string, ReasonFamily>> = {
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

/** What can happen to a certificate after issue; `resumed` is a suspension that was lifted. */
export type Outcome = 'suspended' | 'resumed' | 'revoked' | 'withdrawn' | 'cancelled';

/** Which outcomes each family's certificates can meet, with the reasons an authority writes. */
export const REASONS: Readonly<Record<ReasonFamily, Partial<Record<Outcome | 'resume', readonly string[]>>>> = {
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

/** Why a certificate was withdrawn days after issue and issued again, corrected. */
export const CORRECTION_REASONS = ['照面信息有误，撤销后重新制发', '证照信息录入错误，撤销后更正重发'];

/** Why a business licence was revoked (吊销): the business never opened, or stopped trading. */
export const BUSINESS_REVOKED = {
  neverOpened: '成立后无正当理由超过六个月未开业，依法吊销营业执照',
  stopped: '开业后自行停业连续六个月以上，依法吊销营业执照',
};

/** Why a company's or a sole trader's business licence was cancelled (注销). */
export const BUSINESS_CANCELLED = ['公司解散，清算完毕，申请注销登记', '经简易注销程序办理注销登记'];
export const SOLE_TRADER_CANCELLED = ['个体工商户经营者申请注销登记', '经简易注销程序办理注销登记'];

/** Why a licence was cancelled when its holder's business licence was revoked or cancelled. */
export const LICENCE_AFTER_REVOCATION = '营业执照被依法吊销，依法注销许可';
export const LICENCE_AFTER_DEREGISTRATION = '市场主体已依法注销，依法注销许可';

/** Why a physician's earlier certificate was cancelled: a new one came with a new main institution. */
export const PHYSICIAN_TRANSFER = '变更主要执业机构，换发新证，原证书注销';
