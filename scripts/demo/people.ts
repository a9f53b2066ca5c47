/**
 * The people of the demo: their names, and what the physicians, teachers and street-food vendors
 * among them are certified for.
 */

/** Surnames, as often as they are in Fujian: 陈, 林 and 黄 lead. */
export const SURNAMES = [
  '陈', '陈', '陈', '林', '林', '林', '黄', '黄', '张', '张', '吴', '吴', '王', '李', '郑', '郑', '刘', '杨', '许', '蔡',
  '洪', '方', '庄', '苏', '谢', '曾', '叶', '余', '周', '施', '吕', '邱', '卢', '何', '高', '翁', '詹', '游', '柯', '魏',
  '江', '傅', '罗', '康', '潘', '薛', '颜', '朱',
];
export const MALE_GIVEN = [
  '建华', '志强', '文斌', '国良', '伟', '斌', '强', '明辉', '永福', '金水', '德生', '荣华', '鸿', '俊杰', '晓东', '宇航',
  '志明', '振宇', '海峰', '天佑', '家豪', '泽宇', '锦泉', '庆丰', '炳坤', '文龙', '清源', '少华', '建平', '毅', '宏伟',
  '旭', '良才', '水生', '国栋', '春生', '添福', '耀宗', '志坚', '永辉', '思远', '一鸣', '子健', '立新', '丰',
];
export const FEMALE_GIVEN = [
  '美玲', '秀英', '丽华', '雪芳', '淑芬', '惠珍', '晓燕', '婷', '静', '琳', '佳怡', '雨萱', '思琪', '玉兰', '月娥', '碧霞',
  '素珍', '丽娟', '海燕', '慧敏', '雅婷', '梦瑶', '欣怡', '秋菊', '春燕', '艳', '莉', '燕玲', '宝珠', '诗涵', '若兰',
];


/** What a physician may practise (执业范围), by practice category (执业类别). */
export const PRACTICE_SCOPES: Readonly<Record<'临床' | '中医' | '口腔', readonly string[]>> = {
  临床: ['内科专业', '外科专业', '妇产科专业', '儿科专业', '全科医学专业', '医学影像和放射治疗专业', '急救医学专业'],
  中医: ['中医专业', '中西医结合专业'],
  口腔: ['口腔专业'],
};

/** The teacher qualifications (教师资格) from kindergarten up, with the subjects each is certified in. */
export const TEACHING = [
  { type: '幼儿园教师资格', code: '1', subjects: [''] },
  { type: '小学教师资格', code: '2', subjects: ['语文', '数学', '英语', '科学', '音乐', '美术', '体育与健康', '道德与法治'] },
  { type: '初级中学教师资格', code: '3', subjects: ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '道德与法治', '信息技术'] },
  { type: '高级中学教师资格', code: '4', subjects: ['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '思想政治', '信息技术'] },
  { type: '中等职业学校教师资格', code: '5', subjects: ['计算机应用', '会计', '电子商务', '旅游服务与管理', '汽车运用与维修'] },
] as const;

/** The districts of Fuzhou and Xiamen the demo's teachers live in. */
export const TEACHER_DISTRICTS = ['350102', '350103', '350104', '350111', '350121', '350203', '350206', '350211', '350212'];

/** Xiamen's night markets and street stall clusters (便民摊点群), by district. */
export const STALLS = [
  { place: '350203', spot: '中山路步行街夜市' },
  { place: '350203', spot: '曾厝垵文创村便民摊点群' },
  { place: '350206', spot: '殿前街道便民摊点群' },
  { place: '350206', spot: '五缘湾夜市' },
  { place: '350211', spot: '集美学村便民摊点群' },
  { place: '350205', spot: '海沧湾公园夜市' },
  { place: '350212', spot: '同安影视城夜市' },
];

/** What a stall sells. */
export const STALL_FOODS = ['花生汤、烧肉粽', '沙茶面', '海蛎煎', '土笋冻', '烤地瓜、烤玉米', '鲜榨果汁', '面线糊、油条', '四果汤', '春卷、炸五香'];

/** When a stall may open. */
export const STALL_HOURS = ['17:00-23:00', '06:00-10:00', '18:00-次日01:00', '10:00-21:00'];
