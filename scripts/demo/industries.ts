/**
 * The businesses and institutions of the demo registry: by industry, what one is called, what it
 * may do and which licences it holds; and where they are, as a blueprint of districts and counts.
 */
import type { EntityCategory } from './identifiers.js';
import type { City, District } from './places.js';

/** The licences a business may hold besides its business licence. */
export type Licence =
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

/** The industries of the demo registry, each with its own way of naming, scope and licences. */
export type Industry =
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

/** What an industry's name is made of: the place, a trade name (字号) and the founder's name. */
export interface NameParts {
  district: District;
  city: City;
  tradeName: string;
  surname: string;
  given: string;
  pick: <T>(list: readonly T[]) => T;
}

/** What a business holding a 食品经营许可证 sells or serves. */
export interface FoodProfile {
  /** First digit of the JY number: 1 sale, 2 catering, 3 canteen. */
  digit: '1' | '2' | '3';
  formats: readonly string[];
  items: readonly string[];
}

/** What a medical institution is licensed for, and by whom. */
export interface MedicalProfile {
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

/** An industry: how its entities are registered, named and licensed. */
export interface IndustrySpec {
  /** USCC registration department and category: 91 company, 92 个体, 12 事业单位, 52 民办非企业. */
  kind: EntityCategory;
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
/** The canteens a company runs for its staff, or a builder on its sites. */
export const STAFF_CANTEEN: FoodProfile = { digit: '3', formats: ['单位食堂（职工食堂）'], items: ['热食类食品制售'] };
export const SITE_CANTEEN: FoodProfile = { digit: '3', formats: ['单位食堂（工地食堂）'], items: ['热食类食品制售'] };

const GENERAL_HOSPITAL_DEPARTMENTS = [
  '预防保健科；内科；外科；妇产科；儿科；眼科；耳鼻咽喉科；口腔科；皮肤科；急诊医学科；麻醉科；医学检验科；医学影像科；中医科',
  '内科；外科；妇产科；儿科；眼科；耳鼻咽喉科；口腔科；康复医学科；麻醉科；医学检验科；病理科；医学影像科；中医科；中西医结合科',
];

/** Every industry of the demo, by its key. */
export const INDUSTRIES: Readonly<Record<Industry, IndustrySpec>> = {
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

/** 字号 heard all over the province, for names that do not sound local. */
export const GENERIC_TRADE_NAMES = [
  '恒达', '宏远', '瑞丰', '和顺', '德信', '润泽', '聚福', '佳和', '鸿运', '海润', '金泰', '新宇', '天恒', '联盛', '同心',
  '乐康', '长青', '盛鸿', '安泰', '祥和', '泰和', '协力', '信达', '通达', '捷诚', '立信', '众诚', '兴业', '源丰', '富达',
  '宝丰', '永盛', '广源', '融达', '康盛', '仁和', '益生', '惠民', '福瑞', '满堂', '优品', '鲜丰', '绿源', '青禾', '禾丰',
  '稻香', '万家', '邻里', '佳宜', '新海', '蓝海', '星海', '启航', '云帆', '数智', '智汇', '云图', '凌云', '创联', '博思',
  '锐科', '光合', '磐石', '建兴', '筑友', '鼎盛', '鼎立', '宏建', '恒建', '百川', '嘉信', '中闽', '汇通', '盛通', '畅达',
  '驰远', '合力', '美颐', '仁心', '德康', '济安',
];

/**
 * Where the demo businesses founded over the years are: district, industry and how many. Fuzhou's
 * districts are kept at node 350100, Xiamen's at 350200, everything else (province-level, 泉州,
 * 漳州, 莆田, 宁德) at the province node of the embedded hub. `showcase` entries are the README's
 * example holders.
 */
export const BLUEPRINT: ReadonlyArray<readonly [district: string, industry: Industry, count: number, showcase?: boolean]> = [
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

/**
 * The businesses founded in the last two years (RECENT_MONTHS), in every city: district, industry
 * and how many. Outside Fuzhou and Xiamen only industries whose licences the city's market
 * regulator or a provincial authority issues (no carriers or car rentals: their bureaus are
 * Fuzhou's and Xiamen's), and every one that needs a licence by the permit rules gets it.
 * 三明, 南平 and 龙岩 have businesses of these years only; like every city without its own node,
 * they are kept at the province node of the embedded hub.
 */
export const RECENT_BLUEPRINT: ReadonlyArray<readonly [district: string, industry: Industry, count: number]> = [
  ['350102', 'tech', 2],
  ['350102', 'restaurantCo', 1],
  ['350102', 'beauty', 1],
  ['350103', 'eatery', 2],
  ['350103', 'pharmacy', 1],
  ['350104', 'convenience', 1],
  ['350104', 'logistics', 1],
  ['350105', 'tech', 1],
  ['350111', 'eatery', 1],
  ['350111', 'foodTrade', 1],
  ['350112', 'trade', 1],
  ['350121', 'workshop', 1],
  ['350121', 'carRental', 1],
  ['350181', 'supermarket', 1],
  ['350181', 'construction', 1],
  ['350181', 'eatery', 1],

  ['350203', 'tech', 2],
  ['350203', 'eatery', 2],
  ['350203', 'restaurantCo', 1],
  ['350203', 'beauty', 1],
  ['350206', 'tech', 1],
  ['350206', 'convenience', 1],
  ['350206', 'logistics', 1],
  ['350206', 'foodTrade', 1],
  ['350205', 'construction', 1],
  ['350211', 'eatery', 1],
  ['350211', 'workshop', 1],
  ['350212', 'pharmacy', 1],
  ['350213', 'trade', 1],
  ['350213', 'eatery', 1],

  ['350000', 'construction', 1],
  ['350000', 'group', 1],
  ['350000', 'pharmaWholesale', 1],
  ['350304', 'eatery', 1],
  ['350304', 'shoes', 1],
  ['350304', 'tech', 1],
  ['350304', 'pharmacy', 1],
  ['350322', 'furniture', 1],
  ['350404', 'eatery', 1],
  ['350404', 'tech', 1],
  ['350404', 'supermarket', 1],
  ['350405', 'eatery', 1],
  ['350481', 'construction', 1],
  ['350481', 'workshop', 1],
  ['350502', 'eatery', 1],
  ['350503', 'tech', 1],
  ['350503', 'pharmacy', 1],
  ['350582', 'shoes', 1],
  ['350582', 'textile', 1],
  ['350582', 'restaurantCo', 1],
  ['350581', 'trade', 1],
  ['350524', 'tea', 1],
  ['350602', 'eatery', 1],
  ['350602', 'convenience', 1],
  ['350602', 'pharmacy', 1],
  ['350603', 'trade', 1],
  ['350604', 'seafood', 1],
  ['350782', 'tea', 2],
  ['350702', 'eatery', 1],
  ['350702', 'supermarket', 1],
  ['350702', 'workshop', 1],
  ['350703', 'trade', 1],
  ['350802', 'eatery', 1],
  ['350802', 'tech', 1],
  ['350802', 'construction', 1],
  ['350802', 'pharmacy', 1],
  ['350821', 'eatery', 1],
  ['350823', 'workshop', 1],
  ['350902', 'seafood', 1],
  ['350902', 'eatery', 1],
  ['350902', 'tech', 1],
  ['350902', 'convenience', 1],
  ['350982', 'tea', 1],
];
