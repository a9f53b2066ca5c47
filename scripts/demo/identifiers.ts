/**
 * The demo's identifier builders: USCCs of agencies and entities, resident ID numbers, and the
 * number of each certificate type in its printed format. Check characters come from
 * lib/codes.ts, the same algorithms the hub validates with.
 */
import { residentIdCheckChar, USCC_CHARSET, usccCheckChar } from '../../lib/codes.js';
import { YEAR_DAYS } from './calendar.js';
import type { Random } from './random.js';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_LETTERS_AND_DIGITS = [...USCC_CHARSET];

/** A 9-character organisation code (GB 11714) with its check character, from its first 8. */
function organizationCode(base: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(base.charAt(i), 36) * ORG_CODE_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return base + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/** A USCC: registration department and category, region, organisation code, check character. */
export function makeUscc(category: string, region: string, orgBase: string): string {
  const first17 = `${category}${region}${organizationCode(orgBase)}`;
  return first17 + usccCheckChar(first17);
}

/** An 18-digit resident ID number: household region, birth date, sequence, check character. */
export function makeResidentId(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** USCC registration department and category: 91 company, 92 个体, 12 事业单位, 52 民办非企业. */
export type EntityCategory = '91' | '92' | '12' | '52';

/** Draws the USCCs of registered entities, each one distinct, in the shape of its category and era. */
export class EntityUsccs {
  private readonly used = new Set<string>();

  constructor(private readonly r: Random) {}

  /** A fresh USCC for an entity of `category` established in `region` `establishedAgo` days before today. */
  draw(category: EntityCategory, region: string, establishedAgo: number): string {
    const { r } = this;
    for (;;) {
      let base: string;
      if (category === '12') base = `4${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
      else if (category === '52') base = `MJ${Array.from({ length: 6 }, () => r.pick(USCC_LETTERS_AND_DIGITS)).join('')}`;
      // Codes given before the 2015 reform kept the organisation code; newer ones start with MA.
      else if (establishedAgo > 11 * YEAR_DAYS) base = `${r.pick(['6', '7'])}${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
      else base = `MA${r.pick(['2', '3', '4', '8'])}${Array.from({ length: 5 }, () => r.pick(USCC_LETTERS_AND_DIGITS)).join('')}`;
      const code = makeUscc(category, region, base);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

/** Draws resident ID numbers, each one distinct. */
export class ResidentIds {
  private readonly used = new Set<string>();

  constructor(private readonly r: Random) {}

  /** A fresh ID number of someone registered in `region`, born on `birthDate`. */
  draw(region: string, birthDate: string, gender: '男' | '女'): string {
    let idNumber = '';
    do {
      // The 17th digit is odd for men and even for women.
      const sequence = this.r.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
      idNumber = makeResidentId(region, birthDate, sequence);
    } while (this.used.has(idNumber));
    this.used.add(idNumber);
    return idNumber;
  }
}

/** `width` digits hashed from `text`: choices that cost no draws. */
export function hashedDigits(text: string, width: number): string {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return String(h % 10 ** width).padStart(width, '0');
}

/**
 * Certificate numbers in each type's printed format (a business licence's number is the USCC
 * itself). Every number takes its serial digits from one counter, so no two numbers share them.
 */
export class CertificateNumbers {
  private counter = 0;

  /** A `width`-digit serial, distinct for every call (7919 is coprime with every power of ten). */
  private serial(width: number): string {
    return String((++this.counter * 7919 + 4261) % 10 ** width).padStart(width, '0');
  }

  /**
   * 食品经营许可证: JY, the business (1 sale, 2 catering, 3 canteen), the region (the province's own
   * firms under 鼓楼区), a serial and a last digit hashed from the day and `salt`.
   */
  foodBusiness(digit: string, region: string, issuedOn: string, salt: string): string {
    return `JY${digit}${region === '350000' ? '350102' : region}${this.serial(6)}${hashedDigits(issuedOn + salt, 1)}`;
  }

  /** 建筑施工企业安全生产许可证. */
  constructionSafety(issuedOn: string): string {
    return `（闽）JZ安许证字〔${issuedOn.slice(0, 4)}〕${this.serial(6)}`;
  }

  /** The 登记号 of a 医疗机构执业许可证: organisation code, region, 医疗机构类别 and a number of this registration. */
  medicalInstitution(orgCode: string, region: string, category: string): string {
    return `${orgCode}${region}${category}${this.serial(3)}`;
  }

  /**
   * 药品经营许可证: 闽 + A 批发 / B 零售连锁总部 / D 单体零售, + A 省级 / B 市级发证, + area code and number.
   */
  drugBusiness(mode: 'wholesale' | 'chain' | 'retail', areaCode: string): string {
    return `闽${mode === 'wholesale' ? 'AA' : mode === 'chain' ? 'BA' : 'DB'}${areaCode}${this.serial(4)}`;
  }

  /** 道路运输经营许可证, of Xiamen (厦) or Fuzhou (榕). */
  roadTransport(region: string): string {
    return `闽交运管许可${region.startsWith('3502') ? '厦' : '榕'}字${region}${this.serial(6)}号`;
  }

  /** 小微型客车租赁经营备案证明 of Fuzhou. */
  carRental(issuedOn: string): string {
    return `榕交租备${issuedOn.slice(0, 4)}${this.serial(4)}`;
  }

  /** 福建省食品小作坊登记证. */
  foodWorkshop(region: string): string {
    return `闽食坊登${region}${this.serial(5)}`;
  }

  /** 厦门市户外广告设置许可证. */
  outdoorAdvertising(issuedOn: string): string {
    return `厦户广许字〔${issuedOn.slice(0, 4)}〕${this.serial(4)}号`;
  }

  /** 医师执业证书: level, category, the region of the main institution and a serial. */
  physician(level: '执业医师' | '执业助理医师', category: '临床' | '中医' | '口腔', region: string): string {
    return `${level === '执业医师' ? '1' : '2'}${{ 临床: '1', 中医: '2', 口腔: '3' }[category]}${region}${this.serial(7)}`;
  }

  /** 教师资格证书: year, city, qualification level, gender (1 male, 2 female), 0 and a serial. */
  teacher(issuedOn: string, districtCode: string, levelCode: string, gender: '男' | '女'): string {
    return `${issuedOn.slice(0, 4)}${districtCode.slice(0, 4)}${levelCode}${gender === '男' ? '1' : '2'}0${this.serial(6)}`;
  }

  /** 厦门市食品摊贩登记卡: district, year and a serial. */
  foodVendor(districtCode: string, issuedOn: string): string {
    return `厦摊登${districtCode}${issuedOn.slice(0, 4)}${this.serial(4)}`;
  }
}
