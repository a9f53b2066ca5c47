/**
 * Annual reports (年报公示, README › Annual reports): a company files the report of the previous
 * year at the node of its registry, each version sealed with the node's own key; anyone reads the
 * published fields of the current versions.
 *
 * The seal covers every field with one signature, while publishing only part of them: the
 * signed payload holds the published fields and `withheldDigest`, the SM3 of the canonical JSON of
 * the unpublished ones (phone, revenue) with a 128-bit random salt. Anyone checks the signature
 * over the published fields; the company, which reads the unpublished fields and the salt, also
 * checks that they are what was sealed. The salt keeps the digest from being checked against
 * guesses of a phone number or a revenue.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { isoDate, usccRegion } from '../../lib/codes.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';
import { canonicalJson, signSeal, sm3Hex } from '../../lib/seal/seal.js';
import type { HubDatabase } from '../kit/db.js';
import { requireText } from '../kit/validate.js';
import { appendEvents } from '../events/outbox.js';
import type { SigningSealKey } from '../certificate/sealing.js';
import { annualReports, legalEntities, type AnnualReportRow } from './db/schema.js';
import type { AnnualReportInput, OperatingStatus } from './generated/resolvers.js';
import { filingWindow, foundedBy, reportDeadline, reportOpens, yearOf } from './report-calendar.js';

/** The fields of a report as the company gives them, checked and normalised. */
export type ReportValues = Pick<AnnualReportRow, 'year' | 'address' | 'phone' | 'email' | 'employees' | 'operatingStatus' | 'website' | 'revenue'>;

/** The fields of a report everyone reads; phone and revenue are the company's own. */
export const PUBLISHED_FIELDS = ['address', 'email', 'employees', 'operatingStatus', 'website'] as const;
/** The fields only the company itself reads: they are sealed through `withheldDigest`. */
export const WITHHELD_FIELDS = ['phone', 'revenue'] as const;

const OPERATING_STATUSES: readonly OperatingStatus[] = ['OPERATING', 'SUSPENDED_BUSINESS', 'LIQUIDATING'];
export const MAX_EMPLOYEES = 10_000_000;
const MAX_ADDRESS = 200;
const MAX_WEBSITE = 200;
const MAX_EMAIL = 254;

/** Digits in groups joined by single dashes: 0592-5551234, 13800138000, 400-800-1234. */
const PHONE = /^\d+(?:-\d+)*$/;
/** A mailbox of ASCII letters and digits at a host name with at least one dot. */
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** Yuan with at most two decimals, at most 15 digits before the point (numeric(17, 2)). */
const YUAN = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/** One line of at most `max` characters that nothing can turn into two (lib/purpose.ts). */
function requireLine(field: string, value: string, max: number): string {
  const text = requireText(field, value, max);
  const unsafe = unsafeCharacterProblem(text);
  if (unsafe) throw badInput(field, unsafe);
  return text;
}

/** Quoted back, never more than a line's worth. */
const shown = (value: string): string => (value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value));

function checkedPhone(value: string): string {
  const phone = value.trim();
  const digits = phone.replaceAll('-', '').length;
  if (!PHONE.test(phone) || digits < 5 || digits > 20) {
    throw badInput('input.phone', `${shown(phone)} is not a phone number: 5 to 20 digits, groups joined by single dashes (e.g. 0592-5551234)`);
  }
  return phone;
}

function checkedEmail(value: string): string {
  const email = value.trim();
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) throw badInput('input.email', `${shown(email)} is not an email address (e.g. office@example.com)`);
  return email;
}

function checkedEmployees(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_EMPLOYEES) throw badInput('input.employees', `must be a whole number from 0 to ${MAX_EMPLOYEES}`);
  return value;
}

/** An http(s) URL without user name or password; null when absent or blank. */
function checkedWebsite(value: string | null | undefined): string | null {
  const website = value?.trim();
  if (!website) return null;
  if ([...website].length > MAX_WEBSITE) throw badInput('input.website', `must be at most ${MAX_WEBSITE} characters`);
  let url: URL;
  try {
    url = new URL(website);
  } catch {
    throw badInput('input.website', `${shown(website)} is not a URL (e.g. https://www.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput('input.website', 'must be an http or https URL');
  if (url.username || url.password) throw badInput('input.website', 'must not hold a user name or password');
  return website;
}

/** Yuan as PostgreSQL's numeric(17, 2) writes it back: no leading zeros, two decimals. */
function checkedRevenue(value: string): string {
  const revenue = value.trim();
  const match = YUAN.exec(revenue);
  if (!match) throw badInput('input.revenue', `${shown(revenue)} is not an amount in yuan: digits, at most two decimals, not negative (e.g. 1250000.50)`);
  return `${BigInt(match[1]!).toString()}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** The report's fields checked, each problem a BAD_USER_INPUT naming its field (the year is checked against the calendar later). */
export function checkedReport(input: AnnualReportInput): ReportValues {
  if (!Number.isInteger(input.year)) throw badInput('input.year', 'must be a year');
  if (!OPERATING_STATUSES.includes(input.operatingStatus)) throw badInput('input.operatingStatus', `must be one of ${OPERATING_STATUSES.join(', ')}`);
  return {
    year: input.year,
    address: requireLine('input.address', input.address, MAX_ADDRESS),
    phone: checkedPhone(input.phone),
    email: checkedEmail(input.email),
    employees: checkedEmployees(input.employees),
    operatingStatus: input.operatingStatus,
    website: checkedWebsite(input.website),
    revenue: checkedRevenue(input.revenue),
  };
}

/** The unpublished part of a report as its digest covers it: phone, revenue and the salt. */
export const withheldPartOf = (report: Pick<AnnualReportRow, 'phone' | 'revenue' | 'salt'>): string =>
  canonicalJson({ phone: report.phone, revenue: report.revenue, salt: report.salt });

/**
 * The signed payload of a report version: the RFC 8785 canonical JSON of the node that sealed
 * it, the entity, the year, the version and when it was filed, the published fields and the SM3
 * of the unpublished part (withheldPartOf). Recomputed from the stored row whenever it is read,
 * so a row edited behind the hub's back — a published field or an unpublished one — no longer
 * matches its signature.
 */
export function signedPayloadOf(report: AnnualReportRow, node: string): string {
  return canonicalJson({
    format: 'ecert-hub/annual-report@1',
    node,
    uscc: report.uscc,
    name: report.name,
    year: report.year,
    version: report.version,
    filedAt: report.filedAt.toISOString(),
    filedLate: report.filedLate,
    address: report.address,
    email: report.email,
    employees: report.employees,
    operatingStatus: report.operatingStatus,
    website: report.website,
    withheldDigest: sm3Hex(withheldPartOf(report)),
  });
}

/** What the access log records of a filing: never a value, only which fields changed. */
export interface FilingRecord {
  year: number;
  version: number;
  filedLate: boolean;
  /** The fields that differ from the version before; every field for a first filing. */
  changed: string[];
}

export interface SubmitOptions {
  /** When the filing is made (the subgraph's clock): it decides the window. */
  at: Date;
  /** Writes the filing's access record inside its transaction. */
  record?: (tx: HubDatabase, detail: FilingRecord) => Promise<void>;
}

/** The node's key that seals reports: NodeKey, or a stand-in in tests. */
export interface ReportSealer {
  current(now?: number): Promise<SigningSealKey>;
}

const REPORT_FIELDS = [...PUBLISHED_FIELDS, ...WITHHELD_FIELDS] as const;

/**
 * Files the annual report of `input.year` for the organisation `uscc` (the calling company
 * itself), sealed with the node's current key: the entity must be registered at this node, not
 * deregistered, and founded by the end of the year; the year must be open on the day of `at`
 * (report-calendar.ts filingWindow). Until 30 June a company may file again: each filing is a
 * new version, the earlier ones kept. After 30 June a first filing is accepted as late (补报) and
 * nothing is changed any more. One transaction, under the entity's row lock (two filings at once
 * make two versions, one after the other): the version, its event (a NOTICE in the company's
 * inbox, from no agency) and, given `record`, its access record.
 */
export async function submitAnnualReport(db: HubDatabase, sealer: ReportSealer, node: string, uscc: string, input: AnnualReportInput, options: SubmitOptions): Promise<AnnualReportRow> {
  const values = checkedReport(input);
  const { year } = values;
  const { at } = options;
  const day = isoDate(at);
  const window = filingWindow(year, day);
  if ('problem' in window) throw badInput('input.year', window.problem);
  // The key current now, whatever the filing's clock says: the node key is shared with the
  // node's webhooks and presentations, which go by the system's time.
  const key = await sealer.current();

  return db.transaction(async (tx) => {
    const [entity] = await tx.select().from(legalEntities).where(eq(legalEntities.uscc, uscc)).for('update');
    if (!entity) throw notFound(`no legal entity ${uscc} is registered at node ${node} (region ${usccRegion(uscc)}): only a registered entity files an annual report`);
    if (entity.status === 'CANCELLED') throw forbidden(`not allowed: ${uscc} is deregistered (注销) and files no annual report`);
    if (entity.establishedOn > foundedBy(year)) {
      const first = yearOf(entity.establishedOn);
      throw badInput('input.year', `${uscc} was founded on ${entity.establishedOn}: its first annual report is that of ${first}, filed from ${reportOpens(first)}`);
    }
    const [latest] = await tx
      .select()
      .from(annualReports)
      .where(and(eq(annualReports.uscc, uscc), eq(annualReports.year, year)))
      .orderBy(desc(annualReports.version))
      .limit(1);
    if (latest && !window.changeable) {
      const how = latest.filedLate ? 'late (补报)' : 'on time';
      throw badInput('input.year', `the report of ${year} was filed ${how} on ${isoDate(latest.filedAt)}: it could be changed until ${reportDeadline(year)}, and is not changed after`);
    }
    const draft: Omit<AnnualReportRow, 'sealSignature'> = {
      uscc,
      ...values,
      version: (latest?.version ?? 0) + 1,
      name: entity.name,
      filedAt: at,
      filedLate: latest?.filedLate ?? window.late,
      salt: randomBytes(16).toString('hex'),
      sealKeyId: key.keyId,
    };
    const sealed: AnnualReportRow = { ...draft, sealSignature: '' };
    sealed.sealSignature = signSeal(key.privateKey, signedPayloadOf(sealed, node));
    const [row] = await tx.insert(annualReports).values(sealed).returning();
    const changed = latest ? REPORT_FIELDS.filter((field) => latest[field] !== row![field]) : [...REPORT_FIELDS];
    await appendEvents(tx, [filingEvent(row!)]);
    await options.record?.(tx, { year, version: row!.version, filedLate: row!.filedLate, changed });
    return row!;
  });
}

/** The company's own message of a filing: filed, filed late, or corrected. */
function filingEvent(row: AnnualReportRow) {
  const what = row.version > 1 ? '已更正' : row.filedLate ? '已补报' : '已报送';
  return {
    type: 'NOTICE' as const,
    at: row.filedAt,
    holderCode: row.uscc,
    // From no agency: no webhook receives it (a notice goes only to its sender's webhooks).
    actor: null,
    title: `您的${row.year}年度年报${what}`,
    body: `${row.name}（统一社会信用代码 ${row.uscc}）${row.year}年度年报第${row.version}版，报送日期 ${isoDate(row.filedAt)}`,
  };
}

/** The current version of each year's report of `uscc`, the latest year first. */
export function currentReportsOf(db: HubDatabase, uscc: string): Promise<AnnualReportRow[]> {
  return db
    .selectDistinctOn([annualReports.year])
    .from(annualReports)
    .where(eq(annualReports.uscc, uscc))
    .orderBy(desc(annualReports.year), desc(annualReports.version));
}
