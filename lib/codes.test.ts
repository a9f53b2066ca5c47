import { describe, expect, it } from 'vitest';
import {
  versionIdsUpTo,
  buildCertificateId,
  certificateChain,
  certificateIdProblem,
  certificateIdRegion,
  isRealDate,
  matterCodeAgency,
  matterCodeProblem,
  matterCodeRegion,
  mod3736CheckChar,
  parseCertificateId,
  residentIdCheckChar,
  residentIdProblem,
  termEnd,
  typeCodeProblem,
  usccCheckChar,
  usccProblem,
  usccRegion,
} from './codes.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);
const MOD37_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('unified social credit codes (GB 32100-2015)', () => {
  it('a published code validates, its check character computed by hand', () => {
    // 9 1 3 5 0 1 0 0 M 0 0 0 1 0 0 Y 4 take the values 9 1 3 5 0 1 0 0 21 0 0 0 1 0 0 30 4
    // (M and Y are 21 and 30 in 0-9A-HJ-NP-RTUWXY). With the weights 1 3 9 27 19 26 16 17 20
    // 29 25 13 8 24 10 30 28 the products are 9 3 27 135 0 26 0 0 420 0 0 0 8 0 0 900 112,
    // summing to 1640; 1640 mod 31 = 28 and 31 − 28 = 3, so the check character is 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccProblem('91350100M000100Y43')).toBeNull();
  });

  it('codes completed with their computed check character validate', () => {
    for (const first17 of ['11100000000000001', '91350200MA2XN4JH2', '12350000MB0123456', '52350100PQRTUWXY1']) {
      expect(usccProblem(uscc(first17))).toBeNull();
    }
  });

  it('a weighted sum divisible by 31 gives check character 0, not 31', () => {
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(usccProblem('000000000000000000')).toBeNull();
  });

  it('every other check character is refused, naming the expected one', () => {
    for (const wrong of '0124ABCDEFGHJKLMNPQRTUWXY') {
      expect(usccProblem(`91350100M000100Y4${wrong}`)).toBe(`invalid check character: expected 3, got ${wrong}`);
    }
  });

  it('the letters I, O, Z, S and V are refused anywhere in the code', () => {
    for (const letter of 'IOZSV') {
      expect(usccProblem(`91350100M${letter}00100Y43`)).toMatch(/without I, O, Z, S and V/);
      expect(usccProblem(`91350100M000100Y4${letter}`)).toMatch(/without I, O, Z, S and V/);
    }
  });

  it('lowercase letters and letters in the region code are refused', () => {
    expect(usccProblem('91350100m000100Y43')).toMatch(/without I, O, Z, S and V/);
    expect(usccProblem('9135A100M000100Y43')).toMatch(/6-digit region code/);
  });

  it('a code of any length but 18 is refused, saying its length', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('a unified social credit code has 18 characters, not 17');
    expect(usccProblem('91350100M000100Y433')).toBe('a unified social credit code has 18 characters, not 19');
    expect(usccProblem('')).toBe('a unified social credit code has 18 characters, not 0');
  });

  it('the region is characters 3 to 8', () => {
    expect(usccRegion('91350100M000100Y43')).toBe('350100');
  });
});

describe('resident ID numbers (GB 11643-1999)', () => {
  it('a number whose check is X validates, computed by hand', () => {
    // Digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 times the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8
    // 4 2 are 7 9 0 5 0 20 2 9 24 27 7 18 30 5 0 0 4, summing to 167; 167 mod 11 = 2, and
    // position 2 of 10X98765432 is X.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeNull();
  });

  it('numbers completed with their computed check digit validate', () => {
    for (const first17 of ['35010219800101001', '35020319991231123', '35058320000229456']) {
      expect(residentIdProblem(residentId(first17))).toBeNull();
    }
  });

  it('a wrong check digit is refused, naming the expected one', () => {
    expect(residentIdProblem('110105194912310021')).toBe('invalid check character: expected X, got 1');
  });

  it('a birth date of 30 February is refused even with a correct check digit', () => {
    expect(residentIdProblem(residentId('35010219900230001'))).toBe('birth date 19900230 is not a real date');
  });

  it('29 February is a birth date only in leap years', () => {
    expect(residentIdProblem(residentId('35010220000229001'))).toBeNull();
    expect(residentIdProblem(residentId('35010219000229001'))).toBe('birth date 19000229 is not a real date');
  });

  it('a birth date after today is refused', () => {
    const today = new Date('2024-06-01T00:00:00+08:00');
    expect(residentIdProblem(residentId('35010220240601001'), today)).toBeNull();
    expect(residentIdProblem(residentId('35010220240602001'), today)).toBe('birth date 20240602 is out of range');
  });

  it('old 15-digit numbers and a lowercase x are refused', () => {
    expect(residentIdProblem('110105491231002')).toMatch(/17 digits/);
    expect(residentIdProblem('11010519491231002x')).toMatch(/17 digits/);
  });
});

describe('calendar dates', () => {
  it('only real dates written YYYY-MM-DD are dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2024-04-31')).toBe(false);
    expect(isRealDate('2024-4-01')).toBe(false);
  });

  it('a term ends the day before the same date years later, across month, year and leap-day ends', () => {
    expect(termEnd('2024-03-01', 5)).toBe('2029-02-28');
    expect(termEnd('2023-03-01', 1)).toBe('2024-02-29');
    expect(termEnd('2024-02-29', 5)).toBe('2029-02-28');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-28');
    expect(termEnd('2025-01-01', 10)).toBe('2034-12-31');
  });
});

describe('certificate ids (证照标识) and ISO 7064 MOD 37,36', () => {
  const AUTHORITY = uscc('11100000000000001');
  const parts = { typeCode: `${AUTHORITY}001`, issuer: '91350100M000100Y43', serial: '2024000123', version: '001' };

  it('a check character computed by hand', () => {
    // Payload "0A1", starting from P = 36:
    //   '0' (0):  S = 36, S mod 36 = 0 so 36 is used, 36 × 2 = 72, 72 mod 37 = 35 → P = 35
    //   'A' (10): S = 45, 45 mod 36 = 9,  9 × 2 = 18,  18 mod 37 = 18 → P = 18
    //   '1' (1):  S = 19, 19 mod 36 = 19, 19 × 2 = 38, 38 mod 37 = 1  → P = 1
    // check = (37 − 1) mod 36 = 0, the character '0'.
    expect(mod3736CheckChar('0A1')).toBe('0');
    expect(mod3736CheckChar('A1')).toBe('W');
  });

  it('a built id parses back into the same parts', () => {
    const id = buildCertificateId(parts);
    expect(id).toBe(`1.2.156.3005.2.${AUTHORITY}001.91350100M000100Y43.2024000123.001.${mod3736CheckChar(`${AUTHORITY}00191350100M000100Y432024000123001`)}`);
    expect(parseCertificateId(id)).toEqual(parts);
    expect(certificateIdProblem(id)).toBeNull();
    expect(certificateIdRegion(id)).toBe('350100');
  });

  it('changing any one character of the payload changes the check character', () => {
    const payload = parts.typeCode + parts.issuer + parts.serial + parts.version;
    const check = mod3736CheckChar(payload);
    for (let i = 0; i < payload.length; i++) {
      for (const replacement of MOD37_CHARSET) {
        if (replacement === payload[i]) continue;
        const changed = payload.slice(0, i) + replacement + payload.slice(i + 1);
        expect(mod3736CheckChar(changed), `${replacement} at ${i}`).not.toBe(check);
      }
    }
  });

  it('the ids of every version up to one, oldest first, each with its own check character', () => {
    const third = buildCertificateId({ ...parts, version: '003' });
    const chain = versionIdsUpTo(third);
    expect(chain).toEqual(['001', '002', '003'].map((version) => buildCertificateId({ ...parts, version })));
    expect(chain.map((id) => certificateIdProblem(id))).toEqual([null, null, null]);
    expect(new Set(chain.map((id) => id.slice(-1))).size).toBeGreaterThan(1);
    expect(versionIdsUpTo(buildCertificateId(parts))).toEqual([buildCertificateId(parts)]);
    expect(versionIdsUpTo('1.2.156.3005.2.nope')).toEqual([]);
  });

  it('every version of a certificate has the same chain: the id without version and check character', () => {
    const first = buildCertificateId(parts);
    const chain = `1.2.156.3005.2.${parts.typeCode}.${parts.issuer}.${parts.serial}`;
    expect(certificateChain(first)).toBe(chain);
    expect(versionIdsUpTo(buildCertificateId({ ...parts, version: '004' })).map((id) => certificateChain(id))).toEqual([chain, chain, chain, chain]);
    expect(certificateChain(buildCertificateId({ ...parts, serial: '2024000124' }))).not.toBe(chain);
    expect(certificateChain(first.slice(0, -1) + (first.endsWith('0') ? '1' : '0'))).toBeNull();
  });

  it('a changed serial or version is caught by the check character', () => {
    const id = buildCertificateId(parts);
    expect(certificateIdProblem(id.replace('.2024000123.', '.2024000124.'))).toMatch(/^invalid check character/);
    expect(certificateIdProblem(id.replace('.001.', '.002.'))).toMatch(/^invalid check character/);
    const check = id.slice(-1);
    const other = check === '0' ? '1' : '0';
    expect(certificateIdProblem(id.slice(0, -1) + other)).toBe(`invalid check character: expected ${check}, got ${other}`);
  });

  it('ids with the wrong root, number of parts, codes or version are refused with a reason', () => {
    const id = buildCertificateId(parts);
    expect(certificateIdProblem(id.replace('1.2.156.3005.2.', '1.2.156.3005.3.'))).toMatch(/starts with 1\.2\.156\.3005\.2\./);
    expect(certificateIdProblem(id.replace('.001.', '.'))).toMatch(/root\.type\.issuer\.serial\.version\.check/);
    expect(certificateIdProblem(buildCertificateId({ ...parts, issuer: '91350100M000100Y44' }))).toMatch(/^issuer code: invalid check character/);
    expect(certificateIdProblem(buildCertificateId({ ...parts, version: '01' }))).toBe('the version is 3 digits');
    expect(certificateIdRegion('not an id')).toBeNull();
  });

  it('a type code is a valid USCC followed by three digits', () => {
    expect(typeCodeProblem(`${AUTHORITY}001`)).toBeNull();
    expect(typeCodeProblem(`${AUTHORITY}01`)).toMatch(/followed by 3 digits/);
    expect(typeCodeProblem(`${AUTHORITY.slice(0, 17)}${AUTHORITY.endsWith('0') ? '1' : '0'}001`)).toMatch(/defining authority's code is not valid/);
  });

  it('characters outside 0-9 and A-Z cannot be checked', () => {
    expect(() => mod3736CheckChar('a1')).toThrow(RangeError);
  });
});

describe('matter codes (事项编码)', () => {
  const AGENCY = uscc('11350200MB1P3R7D6');

  it("a matter code is the agency's valid USCC followed by four digits, and routes by the agency's region", () => {
    const code = `${AGENCY}0001`;
    expect(matterCodeProblem(code)).toBeNull();
    expect(matterCodeAgency(code)).toBe(AGENCY);
    expect(matterCodeRegion(code)).toBe('350200');
  });

  it('a code of the wrong length or without four digits at the end is refused with the rule', () => {
    for (const code of [`${AGENCY}001`, `${AGENCY}00001`, `${AGENCY}00A1`, `${AGENCY}001 `, '', AGENCY]) {
      expect(matterCodeProblem(code), code).toBe("a matter code is the agency's 18-character USCC followed by 4 digits");
    }
  });

  it("a wrong check character or a letter outside the USCC charset in the agency's code is refused, saying why", () => {
    const wrongCheck = `${AGENCY.slice(0, 17)}${AGENCY.endsWith('0') ? '1' : '0'}0001`;
    expect(matterCodeProblem(wrongCheck)).toMatch(/^the agency's code is not valid: invalid check character: expected /);
    expect(matterCodeProblem(`11350200MB1P3R7DI60001`)).toMatch(/^the agency's code is not valid: a unified social credit code uses/);
  });

  it('a type code (21 characters) is not a matter code, nor a matter code a type code', () => {
    expect(matterCodeProblem(`${AGENCY}001`)).not.toBeNull();
    expect(typeCodeProblem(`${AGENCY}0001`)).not.toBeNull();
  });
});
