/**
 * Where the demo's holders are: the cities and districts of Fujian with their streets, trade
 * names and dishes, and the household-registration regions of resident ID numbers.
 */

export interface City {
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

export interface District {
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

/** The district with this region code; throws for one the demo does not know. */
export const districtOf = (code: string): District => {
  const found = DISTRICTS[code];
  if (!found) throw new RangeError(`no demo district ${code}`);
  return found;
};
/** The city of `region` (first four digits), or the province for a region of no demo city. */
export const cityOf = (region: string): City => CITIES[region.slice(0, 4)] ?? CITIES['3500']!;

/** Household-registration regions for resident ID numbers, by city (first four digits). */
export const ID_REGIONS: Readonly<Record<string, readonly string[]>> = {
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
export const ALL_ID_REGIONS = Object.values(ID_REGIONS).flat();

/** Office buildings an upstairs address may be in. */
export const BUILDINGS = ['国际大厦', '商务大厦', '金融中心', '时代广场', '创业大厦', '财富中心', '科技大厦', '综合楼'];

/** How a shop's address ends. */
export const SHOPFRONTS = ['一层店面', '101店面', '1号店面'];
