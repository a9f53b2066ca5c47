/**
 * Identifier algorithms of the hub: 统一社会信用代码 (GB 32100-2015), 居民身份证号码
 * (GB 11643-1999) and the 证照标识 of an electronic certificate with its ISO 7064 MOD 37,36
 * check character. Each validator answers with a reason a person can act on, or null when
 * the code is good, so callers can name the field in a BAD_USER_INPUT error.
 */

/** The characters a USCC may use (GB 32100: no I, O, Z, S or V), in the order of their values. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

/** The check character a USCC with these first 17 characters must end with. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARSET.charAt(check);
}

/** Why `code` is not a valid USCC, or null when it is. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `a unified social credit code has 18 characters, not ${code.length}`;
  if (!USCC_SHAPE.test(code)) {
    return 'a unified social credit code uses digits and the letters A–Y without I, O, Z, S and V, with a 6-digit region code in characters 3–8';
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) return `invalid check character: expected ${expected}, got ${code.charAt(17)}`;
  return null;
}

export const isUscc = (code: string): boolean => usccProblem(code) === null;

/** The 6-digit administrative region a USCC was registered in (characters 3–8). */
export const usccRegion = (uscc: string): string => uscc.slice(2, 8);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-digit resident ID with these first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  return ID_CHECK.charAt(sum % 11);
}

/** Why `code` is not a valid resident ID number, or null when it is. */
export function residentIdProblem(code: string, today: Date = new Date()): string | null {
  if (!/^\d{17}[\dX]$/.test(code)) return 'a resident ID number has 17 digits and a check digit or X';
  const birth = code.slice(6, 14);
  if (!isRealDate(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`)) {
    return `birth date ${birth} is not a real date`;
  }
  if (birth < '18900101' || birth > isoDate(today).replaceAll('-', '')) return `birth date ${birth} is out of range`;
  const expected = residentIdCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) return `invalid check character: expected ${expected}, got ${code.charAt(17)}`;
  return null;
}

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1000;
}

/**
 * The last day of a term of `years` that starts on `from` (YYYY-MM-DD): the day before the same
 * month and day `years` later — 2024-02-29 for 5 years ends 2029-02-28, Date.UTC rolling the
 * missing Feb 29 over to Mar 1.
 */
export function termEnd(from: string, years: number): string {
  const [y, m, d] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))];
  return new Date(Date.UTC(y + years, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of a Date in China Standard Time (UTC+8), the hub's calendar. */
export function isoDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Holder code types of GB/T 36903 annex A. */
export const HOLDER_CODE_TYPE = { residentId: '111', uscc: '001', otherOrganization: '099', otherPerson: '999' } as const;

export type HolderKindValue = 'PERSON' | 'ORGANIZATION';

/** Why `code` cannot identify a holder of this kind, or null when it can. */
export function holderCodeProblem(kind: HolderKindValue, code: string): string | null {
  return kind === 'PERSON' ? residentIdProblem(code) : usccProblem(code);
}

const MOD37_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 check character over `payload` (characters 0-9 and A-Z). */
export function mod3736CheckChar(payload: string): string {
  let p = 36;
  for (const ch of payload) {
    const value = MOD37_CHARSET.indexOf(ch);
    if (value < 0) throw new RangeError(`character ${ch} is outside 0-9A-Z`);
    const s = p + value;
    p = (((s % 36) || 36) * 2) % 37;
  }
  return MOD37_CHARSET.charAt((37 - p) % 36);
}

export const CERTIFICATE_ID_ROOT = '1.2.156.3005.2';

export interface CertificateIdParts {
  typeCode: string;
  issuer: string;
  serial: string;
  version: string;
}

/** A certificate-type code: the defining authority's USCC and a 3-digit number. */
export function typeCodeProblem(code: string): string | null {
  if (code.length !== 21 || !/^\d{3}$/.test(code.slice(18))) {
    return "a certificate type code is the defining authority's 18-character USCC followed by 3 digits";
  }
  const uscc = usccProblem(code.slice(0, 18));
  return uscc && `the defining authority's code is not valid: ${uscc}`;
}

/** The region of the authority that defined a certificate type. */
export const typeCodeRegion = (code: string): string => usccRegion(code.slice(0, 18));

/**
 * A matter code (事项编码): the USCC of the agency that handles the matter followed by 4 digits
 * (22 characters). Like a type code, it names the agency, and so the node that keeps the matter.
 */
export function matterCodeProblem(code: string): string | null {
  if (code.length !== 22 || !/^\d{4}$/.test(code.slice(18))) {
    return "a matter code is the agency's 18-character USCC followed by 4 digits";
  }
  const uscc = usccProblem(code.slice(0, 18));
  return uscc && `the agency's code is not valid: ${uscc}`;
}

/** The USCC of the agency a matter belongs to: the first 18 characters of its code. */
export const matterCodeAgency = (code: string): string => code.slice(0, 18);

/** The region of the agency a matter belongs to. */
export const matterCodeRegion = (code: string): string => usccRegion(matterCodeAgency(code));

/** Builds a 证照标识 with its check character. */
export function buildCertificateId(parts: CertificateIdParts): string {
  const check = mod3736CheckChar(parts.typeCode + parts.issuer + parts.serial + parts.version);
  return [CERTIFICATE_ID_ROOT, parts.typeCode, parts.issuer, parts.serial, parts.version, check].join('.');
}

/** Splits a 证照标识 into its parts, or explains why it is not one. */
export function parseCertificateId(id: string): CertificateIdParts | { problem: string } {
  if (!id.startsWith(`${CERTIFICATE_ID_ROOT}.`)) return { problem: `a certificate id starts with ${CERTIFICATE_ID_ROOT}.` };
  const rest = id.slice(CERTIFICATE_ID_ROOT.length + 1).split('.');
  if (rest.length !== 5) return { problem: 'a certificate id is root.type.issuer.serial.version.check' };
  const [typeCode, issuer, serial, version, check] = rest as [string, string, string, string, string];
  const typeProblem = typeCodeProblem(typeCode);
  if (typeProblem) return { problem: `type code: ${typeProblem}` };
  const issuerProblem = usccProblem(issuer);
  if (issuerProblem) return { problem: `issuer code: ${issuerProblem}` };
  if (!/^\d{1,20}$/.test(serial)) return { problem: 'the serial is 1 to 20 digits' };
  if (!/^\d{3}$/.test(version)) return { problem: 'the version is 3 digits' };
  const expected = mod3736CheckChar(typeCode + issuer + serial + version);
  if (check !== expected) return { problem: `invalid check character: expected ${expected}, got ${check}` };
  return { typeCode, issuer, serial, version };
}

/** Why `id` is not a valid 证照标识, or null when it is. */
export function certificateIdProblem(id: string): string | null {
  const parsed = parseCertificateId(id);
  return 'problem' in parsed ? parsed.problem : null;
}

/**
 * The 证照标识 of every version of a certificate up to the one `id` names, oldest first (the
 * versions share type, issuer and serial; version n has its own check character); [] for an id
 * that is not one.
 */
export function versionIdsUpTo(id: string): string[] {
  const parsed = parseCertificateId(id);
  if ('problem' in parsed) return [];
  const last = Number.parseInt(parsed.version, 10);
  return Array.from({ length: last }, (_, i) => buildCertificateId({ ...parsed, version: String(i + 1).padStart(3, '0') }));
}

/**
 * The version chain a 证照标识 belongs to: the id without its version segment and check
 * character (`1.2.156.3005.2.{type}.{issuer}.{serial}`), shared by every version of one
 * certificate (versionIdsUpTo), so that what names one version — a holder's consent — can
 * follow the certificate through its amendments. Null for an id that is not one.
 */
export function certificateChain(id: string): string | null {
  const parsed = parseCertificateId(id);
  return 'problem' in parsed ? null : [CERTIFICATE_ID_ROOT, parsed.typeCode, parsed.issuer, parsed.serial].join('.');
}

/** The region of the authority that issued a certificate, from its 证照标识. */
export function certificateIdRegion(id: string): string | null {
  const parsed = parseCertificateId(id);
  return 'problem' in parsed ? null : usccRegion(parsed.issuer);
}
