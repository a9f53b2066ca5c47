/**
 * A generated paper stock for conversion benchmarks and tests: 厦门市食品摊贩登记卡 (TYPE_CODES.foodVendor,
 * issued by 厦门市市场监督管理局), row n deterministic, every holder code with its real check
 * character, written as the CSV `npm run import` reads.
 */
import { createWriteStream } from 'node:fs';
import { residentIdCheckChar } from '../../lib/codes.js';
import { csvLine } from '../csv.js';
import { agencyBySlug, TYPE_CODES } from './data.js';

export const STOCK_ISSUER = agencyBySlug('xm-amr');
export const STOCK_TYPE = TYPE_CODES.foodVendor;
export const STOCK_ITEMS = ['name', 'idNumber', 'foodCategories', 'location', 'hours', 'registrationAuthority'];
export const STOCK_HEADER = ['number', 'holderKind', 'holderCode', 'holderName', 'issuedOn', 'validFrom', 'validUntil', ...STOCK_ITEMS];

const SURNAMES = '林陈黄张吴王李郑刘杨蔡许谢洪郭';
const GIVEN = ['建国', '美玲', '志强', '秀英', '海峰', '丽华', '国平', '晓燕', '文斌', '春梅'];
const FOODS = ['小吃', '水果', '熟食', '饮品', '烧烤', '海鲜', '糕点'];
const STREETS = ['中山路', '思明南路', '湖滨北路', '厦禾路', '莲前西路', '嘉禾路', '鹭江道'];

export interface StockRow {
  number: string;
  holderCode: string;
  holderName: string;
  issuedOn: string;
  /** Values of STOCK_ITEMS, in order. */
  items: string[];
}

/** Row n of the stock. */
export function stockRow(n: number): StockRow {
  const year = 1960 + (n % 40);
  const birth = `${year}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const first17 = `350203${birth}${String(n % 1000).padStart(3, '0')}`;
  const holderCode = first17 + residentIdCheckChar(first17);
  const holderName = SURNAMES[n % SURNAMES.length]! + GIVEN[n % GIVEN.length]!;
  const issuedOn = `20${String(15 + (n % 10))}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  return {
    number: `厦食摊字${String(n).padStart(8, '0')}号`,
    holderCode,
    holderName,
    issuedOn,
    items: [holderName, holderCode, FOODS[n % FOODS.length]!, `思明区${STREETS[n % STREETS.length]!}${1 + (n % 300)}号摊位`, '06:00-22:00', STOCK_ISSUER.name],
  };
}

/** The CSV fields of a stock row. */
export const stockFields = (row: StockRow): string[] => [row.number, 'PERSON', row.holderCode, row.holderName, row.issuedOn, row.issuedOn, '', ...row.items];

/**
 * Writes rows `from`…`to` of the stock as CSV, streaming (a million rows take no memory);
 * `fields` may change a row's fields (to plant bad rows).
 */
export function writeStockCsv(file: string, from: number, to: number, fields: (n: number, row: StockRow) => string[] = (_n, row) => stockFields(row)): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.write(csvLine(STOCK_HEADER));
    let n = from;
    const more = () => {
      while (n <= to) {
        const current = n++;
        if (!out.write(csvLine(fields(current, stockRow(current))))) {
          out.once('drain', more);
          return;
        }
      }
      out.end(resolve);
    };
    more();
  });
}
