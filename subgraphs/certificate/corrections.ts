/**
 * Error reports (纠错) about this node's certificates: the holder, or an agency that may read a
 * certificate, says what is wrong on it; the issuing authority answers within a number of working
 * days, either with a newer version that corrects it (CORRECTED) or with why not (REJECTED), and
 * the holder's inbox hears the answer. A request lives at its certificate's node; its id in the
 * province is `{node}-{seq}`.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { certificateIdProblem, isoDate } from '../../lib/codes.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';
import { appendEvents } from '../events/outbox.js';
import type { HubDatabase } from '../kit/db.js';
import { nodeSeqPage, parseNodeScopedId, type NodeSeqPage } from '../kit/node-seq-page.js';
import { requireText } from '../kit/validate.js';
import type { CatalogLookup } from './catalog.js';
import { certificates, correctionRequests, type CertificateRow, type CorrectionRequestRow } from './db/schema.js';
import type { CorrectionStatus, ReportCertificateErrorInput } from './generated/resolvers.js';
import { chainKey, versionNumber } from './version-chain.js';

/** Working days an issuing authority has to answer, unless the node is configured otherwise. */
export const DEFAULT_CORRECTION_DAYS = 5;
/** The most open requests one reporter keeps about one certificate: more is flooding the issuer. */
export const MAX_OPEN_PER_REPORTER = 20;
/** Longest description of an error, and longest answer to one, in characters. */
export const MAX_CORRECTION_TEXT = 1000;

/** Writes the access record of a report or an answer inside the transaction that makes it. */
export type RecordCorrection = (tx: HubDatabase, request: CorrectionRequestRow) => Promise<void>;

/**
 * The day `days` working days after `day` (YYYY-MM-DD): Saturdays and Sundays are skipped, so a
 * request made on a Friday with 5 days is due the next Friday, and one made on a Saturday or a
 * Sunday the Friday after (the weekend day it was made on counts as the Friday before it). Only
 * weekends are known to the hub, not public holidays or the weekends worked in their place (调休).
 * With 0 days a request is due the day it was made, whatever day that is: it is overdue from the
 * next day on. `days` is a whole number from 0; anything else is a configuration error.
 */
export function addWorkingDays(day: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`a number of working days is a whole number from 0, not ${days}`);
  const date = new Date(`${day}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** Whether a request is still OPEN after its last day, on `today` (YYYY-MM-DD, China time). */
export const isOverdue = (request: Pick<CorrectionRequestRow, 'status' | 'dueOn'>, today: string): boolean =>
  request.status === 'OPEN' && today > request.dueOn;

/** The id of request `seq` of `node` in the province: `{node}-{seq}`. */
export const correctionRequestId = (node: string, request: Pick<CorrectionRequestRow, 'seq'>): string => `${node}-${request.seq}`;

/** A caller's text quoted in an error, cut short: a megabyte of it is never echoed. */
const quoted = (text: string): string => (text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text));

/** A text of 1 to MAX_CORRECTION_TEXT characters that reads as what it is: lines, but nothing that forges or reorders them. */
function requireCorrectionText(field: string, value: string): string {
  const text = requireText(field, value, MAX_CORRECTION_TEXT);
  const problem = unsafeCharacterProblem(text, true);
  if (problem) throw badInput(field, problem);
  return text;
}

/**
 * The code `principal` reports `certificate` under — the holder's code, or the agency's USCC — or
 * FORBIDDEN: its holder, its issuing authority and any consumer agency may report on it, those who
 * may read what it is (canReadMetadata in permissions.ts).
 */
function reporterOf(principal: Principal, certificate: CertificateRow): string {
  switch (principal.kind) {
    case 'holder':
      if (principal.code === certificate.holderCode) return principal.code;
      throw forbidden('not allowed: a holder reports errors only on its own certificates', 'NOT_THE_HOLDER');
    case 'agency':
      if (principal.code === certificate.issuerCode || hasRole(principal, 'consumer')) return principal.code;
      throw forbidden('not allowed: the consumer role is needed to report errors on certificates of other authorities', 'ROLE_REQUIRED', 'consumer');
    default:
      throw forbidden('not allowed: only a holder or an agency reports errors on certificates');
  }
}

/**
 * The item codes of a report, checked against the certificate's type: each one of its items, none
 * twice — so never more than the type has. An external certificate (外来证照) has no catalog entry
 * and so no items; neither has a type the catalog no longer keeps. Each problem is a
 * BAD_USER_INPUT naming the item (`input.items[2]`).
 */
async function checkItems(catalog: CatalogLookup, certificate: CertificateRow, items: readonly string[]): Promise<string[]> {
  // No catalog call for a report about the certificate as a whole.
  if (items.length === 0) return [];
  const type = certificate.origin === 'EXTERNAL' ? null : await catalog.getType(certificate.typeCode);
  const known = new Set(type?.items.map((item) => item.code) ?? []);
  const itemless = certificate.origin === 'EXTERNAL' ? 'an external certificate' : 'its type is no longer in the catalog';
  const given = new Set<string>();
  items.forEach((code, i) => {
    if (!known.has(code)) {
      const why = type ? `${type.name} (${type.code}) has no item ${quoted(code)}` : `${certificate.typeName} has no items to name (${itemless}): describe the error instead`;
      throw badInput(`input.items[${i}]`, why);
    }
    if (given.has(code)) throw badInput(`input.items[${i}]`, `item ${code} is given more than once`);
    given.add(code);
  });
  return [...given];
}

/** Class of the advisory lock that serialises one reporter's reports on one certificate (the count, then the insert). */
const REPORT_LOCK_CLASS = 0x6372_7271; // 'crrq'

/**
 * Records `reporter`'s error report on a certificate of this node, due `days` working days
 * (default DEFAULT_CORRECTION_DAYS) after `at`, China time. Only the certificate's holder, its
 * issuing authority and consumer agencies report (FORBIDDEN otherwise); an unknown certificate is
 * NOT_FOUND. A reporter keeps at most MAX_OPEN_PER_REPORTER open requests per certificate: its
 * reports on one certificate queue on a lock, so that two at once cannot both pass the count.
 * The request and, given `recordChange`, its access record are written in one transaction.
 * Every input problem is a BAD_USER_INPUT naming the field, and nothing is written.
 */
export async function reportCertificateError(
  deps: { db: HubDatabase; catalog: CatalogLookup },
  reporter: Principal,
  input: ReportCertificateErrorInput,
  options: { at?: Date; days?: number; recordChange?: RecordCorrection } = {},
): Promise<CorrectionRequestRow> {
  const { db, catalog } = deps;
  const at = options.at ?? new Date();
  const idProblem = certificateIdProblem(input.certificateId);
  if (idProblem) throw badInput('input.certificateId', idProblem);
  const description = requireCorrectionText('input.description', input.description);

  const [certificate] = await db.select().from(certificates).where(eq(certificates.id, input.certificateId));
  if (!certificate) throw notFound(`no certificate ${input.certificateId} at this node`);
  const code = reporterOf(reporter, certificate);
  const items = await checkItems(catalog, certificate, input.items);
  const dueOn = addWorkingDays(isoDate(at), options.days ?? DEFAULT_CORRECTION_DAYS);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REPORT_LOCK_CLASS}::int, hashtext(${`${certificate.id} ${code}`}))`);
    const [open] = await tx
      .select({ n: count() })
      .from(correctionRequests)
      .where(and(eq(correctionRequests.certificateId, certificate.id), eq(correctionRequests.reporter, code), eq(correctionRequests.status, 'OPEN')));
    if ((open?.n ?? 0) >= MAX_OPEN_PER_REPORTER) {
      throw badInput(
        'input.certificateId',
        `at most ${MAX_OPEN_PER_REPORTER} open error reports per reporter and certificate: wait for the issuing authority to answer one, or add to one already made`,
      );
    }
    const [request] = await tx
      .insert(correctionRequests)
      .values({
        certificateId: certificate.id,
        issuerCode: certificate.issuerCode,
        holderCode: certificate.holderCode,
        reporter: code,
        items,
        description,
        createdAt: at,
        dueOn,
      })
      .returning();
    await options.recordChange?.(tx, request!);
    return request!;
  });
}

/** An answer to an error report, as resolveCorrection takes it. */
export interface CorrectionAnswer {
  outcome: CorrectionStatus;
  reason: string;
  correctedVersion?: string | null;
}

/** The answer checked without the database: each problem a BAD_USER_INPUT naming its argument. */
function checkAnswer(answer: CorrectionAnswer): { outcome: 'CORRECTED' | 'REJECTED'; reason: string; correctedVersion: string | null } {
  const { outcome } = answer;
  if (outcome === 'OPEN') throw badInput('outcome', 'CORRECTED or REJECTED: a request stays OPEN until it is answered');
  const reason = requireCorrectionText('reason', answer.reason);
  const correctedVersion = answer.correctedVersion ?? null;
  if (outcome === 'REJECTED') {
    if (correctedVersion !== null) throw badInput('correctedVersion', 'only a CORRECTED answer names the version that corrects the error');
    return { outcome, reason, correctedVersion };
  }
  if (correctedVersion === null) throw badInput('correctedVersion', 'a CORRECTED answer names the newer version of the certificate that corrects the error');
  const problem = certificateIdProblem(correctedVersion);
  if (problem) throw badInput('correctedVersion', problem);
  return { outcome, reason, correctedVersion };
}

/**
 * Why `version` does not correct the error reported at `reportedAt` on `reported`, or null when it
 * does: a version of the same certificate (issuer, type and serial), newer than the one reported
 * and made after the report — a version made before it cannot have taken the report into account.
 */
function correctionProblem(reported: CertificateRow, version: CertificateRow, reportedAt: Date): string | null {
  if (chainKey(version) !== chainKey(reported)) {
    return `${version.id} is not a version of the certificate reported, ${reported.id} (same issuer, type and serial)`;
  }
  if (versionNumber(version) <= versionNumber(reported)) {
    return `version ${versionNumber(version)} is not newer than the version reported (${versionNumber(reported)})`;
  }
  if (version.createdAt <= reportedAt) {
    return `version ${versionNumber(version)} was made at ${version.createdAt.toISOString()}, before the report (${reportedAt.toISOString()}): name a version made after it`;
  }
  return null;
}

/** The holder's message about an answer: addressed to the holder as the reporter, or about its certificate when an agency reported. */
function answerMessage(request: CorrectionRequestRow, requestId: string, certificate: CertificateRow) {
  const corrected = request.status === 'CORRECTED';
  const whose = request.reporter === request.holderCode ? `您对${certificate.typeName}的纠错申请` : `关于您的${certificate.typeName}的纠错申请`;
  const lines = [`纠错申请 ${requestId}，证照编号 ${certificate.number}，发证机关 ${certificate.issuerName}`, `处理意见：${request.resolution}`];
  if (corrected) lines.push(`更正后的证照：${request.correctedVersion}`);
  return { title: `${whose}已处理：${corrected ? '已更正' : '未予更正'}`, body: lines.join('\n') };
}

/**
 * Answers error report `id` of this node on behalf of `resolver`, who must be the issuing
 * authority of its certificate (FORBIDDEN, NOT_THE_ISSUER otherwise): CORRECTED names the newer
 * version that corrects it (correctionProblem), REJECTED says why not and names none. In one
 * transaction, with the request locked so that two answers cannot both win: the request answered,
 * its CORRECTION_RESOLVED event (the holder's inbox message, and the issuer's webhooks) and, given
 * `recordChange`, its access record. Only an OPEN request is answered; a request of another node,
 * or none, is NOT_FOUND. Every input problem is a BAD_USER_INPUT naming the argument, and nothing
 * is written.
 */
export async function resolveCorrection(
  db: HubDatabase,
  resolver: { code: string },
  node: string,
  id: string,
  answer: CorrectionAnswer,
  options: { at?: Date; recordChange?: RecordCorrection } = {},
): Promise<CorrectionRequestRow> {
  const at = options.at ?? new Date();
  const { node: owner, seq } = parseNodeScopedId(id, 'id', 'an error report');
  if (owner !== node) throw notFound(`no error report ${id} at node ${node}`);
  const { outcome, reason, correctedVersion } = checkAnswer(answer);

  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(correctionRequests).where(eq(correctionRequests.seq, seq)).for('update');
    if (!request) throw notFound(`no error report ${id} at node ${node}`);
    if (request.issuerCode !== resolver.code) throw forbidden('not allowed: only the issuing authority of the certificate answers an error report on it', 'NOT_THE_ISSUER');
    if (request.status !== 'OPEN') {
      throw badInput('id', `the error report was answered already (${request.status} at ${request.resolvedAt?.toISOString()}): it cannot be answered again`);
    }
    const wanted = correctedVersion === null ? [request.certificateId] : [request.certificateId, correctedVersion];
    const rows = await tx.select().from(certificates).where(inArray(certificates.id, wanted));
    // The request's foreign key keeps its certificate.
    const reported = rows.find((row) => row.id === request.certificateId)!;
    if (correctedVersion !== null) {
      const version = rows.find((row) => row.id === correctedVersion);
      if (!version) throw badInput('correctedVersion', `no certificate ${correctedVersion} at this node`);
      const problem = correctionProblem(reported, version, request.createdAt);
      if (problem) throw badInput('correctedVersion', problem);
    }
    const [answered] = await tx
      .update(correctionRequests)
      .set({ status: outcome, resolution: reason, resolvedBy: resolver.code, resolvedAt: at, correctedVersion })
      .where(eq(correctionRequests.seq, seq))
      .returning();
    await appendEvents(tx, [
      {
        type: 'CORRECTION_RESOLVED',
        at,
        certificateId: reported.id,
        typeCode: reported.typeCode,
        issuerCode: reported.issuerCode,
        holderCode: reported.holderCode,
        status: outcome,
        actor: resolver.code,
        ...answerMessage(answered!, id, reported),
      },
    ]);
    await options.recordChange?.(tx, answered!);
    return answered!;
  });
}

/** Whose requests a list holds: those about an issuing authority's certificates, or those a reporter made. */
export type CorrectionScope = { issuerCode: string } | { reporter: string };

/** The most requests one page holds, and how many when the client does not say. */
export const MAX_CORRECTION_PAGE = 500;
export const DEFAULT_CORRECTION_PAGE = 50;

/**
 * One page of this node's requests in `scope` (only those in `status`, when given), newest first
 * in the hub's order of appended rows, for `list` (the query's name, for its errors). Nothing is
 * read until the connection's fields ask (NodeSeqPage); the page and its totalCount share the
 * conditions, so they never disagree. A bad argument is a BAD_USER_INPUT naming it.
 */
export function correctionRequestPage(
  db: HubDatabase,
  node: string,
  list: string,
  scope: CorrectionScope,
  args: { status?: CorrectionStatus | null; first?: number | null; after?: string | null },
): NodeSeqPage<CorrectionRequestRow> {
  const where = and(
    'issuerCode' in scope ? eq(correctionRequests.issuerCode, scope.issuerCode) : eq(correctionRequests.reporter, scope.reporter),
    args.status == null ? undefined : eq(correctionRequests.status, args.status),
  );
  return nodeSeqPage(
    node,
    args,
    {
      name: list,
      defaultFirst: DEFAULT_CORRECTION_PAGE,
      max: MAX_CORRECTION_PAGE,
      columns: { at: correctionRequests.createdAt, seq: correctionRequests.seq },
      atOf: (request) => request.createdAt,
    },
    {
      rows: (after: SQL | undefined, limit: number) =>
        db
          .select()
          .from(correctionRequests)
          .where(and(where, after))
          .orderBy(desc(correctionRequests.createdAt), desc(correctionRequests.seq))
          .limit(limit),
      count: async () => {
        const [row] = await db.select({ n: count() }).from(correctionRequests).where(where);
        return row?.n ?? 0;
      },
    },
  );
}
