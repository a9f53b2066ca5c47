import { and, desc, eq, gte, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import {
  holderCodeProblem,
  isoDate,
  isRealDate,
  parseCertificateId,
  residentIdProblem,
  termEnd,
  typeCodeProblem,
  usccProblem,
} from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { issuerProblem } from '../kit/catalog-lookup.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/order.js';
import type { Principal } from '../../lib/principal.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import { requireDate, requireText } from '../kit/validate.js';
import type { CatalogLookup, CatalogType } from './catalog.js';
import { certificates, scans, statusChanges, type CertificateRow } from './db/schema.js';
import type { CertificateFilter, CertificateStatus, IssueCertificateInput, RegisterExternalCertificateInput } from './generated/resolvers.js';
import { CertificatePage, type CertificateFilterModel, type CertificateQuery, type VerificationModel } from './model.js';
import { checkScan, type CheckedScan } from './scan.js';
import { currentSealKey, sealFace } from './sealing.js';
import { faceOf, reserveSerials, writeCertificates } from './writing.js';
import { appendEvents, certificateEvent } from '../events/outbox.js';
import { effectiveStatus, FINAL, isStoredStatus, notSettable, transitionProblem } from './status.js';
import { applyDueStatus, NO_SCHEDULE } from './scheduled.js';
import { closeFollowUps } from './follow-ups.js';
import { supersededProblem } from './version-chain.js';

/** The authority a certificate is issued in the name of. */
export interface Issuer {
  code: string;
  name: string;
}

/**
 * Writes the access record of a change inside the transaction that makes it, given the stored
 * row, so the change and its record commit together or not at all (AuditRecorder.writeChange).
 */
export type RecordChange = (tx: HubDatabase, row: CertificateRow) => Promise<void>;

/** The one list order of the hub (lib/order.ts): issued_on descending, then id by code unit. */
export const LIST_ORDER: SQL[] = [desc(certificates.issuedOn), sql`${certificates.id} COLLATE "C"`];

const alreadyIssued = (typeCode: string, number: string) =>
  badInput('input.number', `certificate number ${number} of type ${typeCode} has already been issued by this authority`);

/**
 * Issues a certificate (or records one converted from the paper stock) in the name of `issuer`:
 * validates the input against the type's catalog entry, then in one transaction takes the
 * issuer's next serial, seals the certificate's face with the issuer's current seal key (made at
 * its first sealing), stores the certificate with its seal, its items and the issuance in its
 * history (and, given `recordChange`, the issuance's access record).
 * Every input problem is a BAD_USER_INPUT naming the field, and nothing is written.
 */
export async function issueCertificate(
  deps: { db: HubDatabase; catalog: CatalogLookup; kek: SecretKeyRing },
  issuer: Issuer,
  input: IssueCertificateInput,
  options: { origin?: 'ISSUED' | 'CONVERTED'; today?: string; at?: Date; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const { db, catalog, kek } = deps;
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  const origin = options.origin ?? 'ISSUED';
  // The issuer's code goes into every 证照标识 it issues; one that is not a USCC cannot issue.
  if (usccProblem(issuer.code)) throw forbidden('not allowed: only an agency identified by a unified social credit code can issue certificates');

  const typeProblem = typeCodeProblem(input.typeCode);
  if (typeProblem) throw badInput('input.typeCode', typeProblem);
  const type = await catalog.getType(input.typeCode);
  if (!type) throw badInput('input.typeCode', `no certificate type ${input.typeCode} in the catalog`);
  const notCompetent = issuerProblem(type, issuer.code);
  if (notCompetent) throw forbidden(`not allowed: ${notCompetent}`, 'NOT_COMPETENT');
  const draft = draftOf(type, input, origin, today);
  const [duplicate] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.typeCode, type.code), eq(certificates.issuerCode, issuer.code), eq(certificates.number, draft.number)))
    .limit(1);
  if (duplicate) throw alreadyIssued(type.code, draft.number);
  // The check above misses a concurrent issue of the same number; the write does not, and
  // the error inside the transaction rolls the serial back.
  return await db.transaction(async (tx) => {
    const stored = await storeCertificate(tx, kek, issuer, draft, at, options.recordChange);
    if (!stored) throw alreadyIssued(type.code, draft.number);
    return stored;
  });
}

/**
 * The rules of issueCertificate that need no database: `input` checked against its type's
 * catalog entry and made a draft. Each problem is a BAD_USER_INPUT naming the input field.
 */
export function draftOf(type: CatalogType, input: Omit<IssueCertificateInput, 'typeCode'>, origin: 'ISSUED' | 'CONVERTED', today: string): CertificateDraft {
  if (input.holderKind !== type.holderKind) {
    throw badInput('input.holderKind', `${type.name} (${type.code}) is held by ${type.holderKind} holders`);
  }
  const holderProblem = holderCodeProblem(input.holderKind, input.holderCode);
  if (holderProblem) throw badInput('input.holderCode', holderProblem);
  const holderName = requireText('input.holderName', input.holderName, 200);
  const number = requireText('input.number', input.number, 64);
  const issuedOn = requireDate('input.issuedOn', input.issuedOn);
  const validFrom = requireDate('input.validFrom', input.validFrom);
  const givenUntil = input.validUntil == null ? null : requireDate('input.validUntil', input.validUntil);
  if (issuedOn > today) throw badInput('input.issuedOn', `must not be after today (${today})`);
  if (givenUntil !== null && givenUntil < validFrom) throw badInput('input.validUntil', `must not be before validFrom (${validFrom})`);
  const validUntil = givenUntil ?? (type.validityYears == null ? null : termEnd(validFrom, type.validityYears));

  const positions = new Map(type.items.map((item, position) => [item.code, { item, position }]));
  const given = new Map<string, string>();
  input.items.forEach((item, i) => {
    if (!positions.has(item.code)) throw badInput(`input.items[${i}].code`, `${type.name} (${type.code}) has no item ${item.code}`);
    if (given.has(item.code)) throw badInput(`input.items[${i}].code`, `item ${item.code} is given more than once`);
    if ([...item.value].length > 2000) throw badInput(`input.items[${i}].value`, 'must be at most 2000 characters');
    given.set(item.code, item.value);
  });
  const missing = type.items.filter((item) => item.required && !given.get(item.code)?.trim()).map((item) => item.code);
  if (missing.length > 0) throw badInput('input.items', `required items missing or empty: ${missing.join(', ')}`);

  const items = [...given]
    .map(([code, value]) => {
      const { item, position } = positions.get(code)!;
      return { position, code, name: item.name, value };
    })
    .sort((a, b) => a.position - b.position);
  return {
    typeCode: type.code,
    typeName: type.name,
    number,
    holderKind: input.holderKind,
    holderCode: input.holderCode,
    holderName,
    issuedOn,
    validFrom,
    validUntil,
    origin,
    items,
    scan: null,
    registrarName: null,
    reason: origin === 'CONVERTED' ? '存量转换 converted' : '颁发 issued',
  };
}

/** A certificate checked and ready to store: everything but its id, serial and seal. */
export interface CertificateDraft {
  typeCode: string;
  typeName: string;
  number: string;
  holderKind: 'PERSON' | 'ORGANIZATION';
  holderCode: string;
  holderName: string;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  origin: 'ISSUED' | 'CONVERTED' | 'EXTERNAL';
  /** In the type's printed order. */
  items: Array<{ position: number; code: string; name: string; value: string }>;
  scan: CheckedScan | null;
  /** For an external certificate: the name of the agency that registers it, sealed with the face. */
  registrarName: string | null;
  /** The reason of the first entry of its history. */
  reason: string;
}

/**
 * Stores a checked certificate inside the caller's transaction: takes the issuer's next serial
 * (the upsert locks the issuer's counter row until commit, so concurrent issues by one issuer
 * take distinct serials), runs `beforeWrite` under that lock, seals the face with the issuer's
 * current key (made at its first sealing) — a certificate is never stored without its seal —
 * writes it with its items, scan and first entry of history (writing.ts), and, last so that the
 * node's access-log lock is held only for the commit, its access record. Returns null, writing
 * nothing, when the issuer already holds the number for the type (stored concurrently); the
 * caller then throws, so that its transaction rolls the serial back.
 */
async function storeCertificate(
  tx: HubDatabase,
  kek: SecretKeyRing,
  issuer: Issuer,
  draft: CertificateDraft,
  at: Date,
  recordChange?: RecordChange,
  beforeWrite?: (tx: HubDatabase) => Promise<void>,
): Promise<CertificateRow | null> {
  const first = await reserveSerials(tx, issuer.code, 1);
  // Under the issuer's lock: checks that count what the issuer stored (a quota) see no race.
  await beforeWrite?.(tx);
  const face = faceOf(draft, issuer, first, 0);
  const seal = sealFace(await currentSealKey(tx, kek, issuer.code, at), face, face.items);
  const [id] = await writeCertificates(tx, [{ ...face, ...seal }], at);
  if (id === undefined) return null;
  const [row] = await tx.select().from(certificates).where(eq(certificates.id, id));
  await recordChange?.(tx, row!);
  return row!;
}

/** The type code of the external certificates an agency registers: its USCC + "000". */
export const externalTypeCode = (agency: string): string => `${agency}000`;

/** How many scans, and how many bytes of them, one agency may store a day (China time). */
export interface ScanQuota {
  count: number;
  bytes: number;
}

/** The default daily scan quota of an agency: a busy counter's day, not a bulk upload. */
export const DEFAULT_SCAN_QUOTA: ScanQuota = { count: 200, bytes: 500 * 1024 * 1024 };

/** The start of `today` (YYYY-MM-DD, China time) as an instant. */
const startOfChinaDay = (today: string): Date => new Date(`${today}T00:00:00+08:00`);

/**
 * Records a certificate issued outside the province (外来证照) in the name of `agency`, with its
 * scanned document: checked like an issuance (holder code, dates, texts), stored at this node
 * with origin EXTERNAL and type code externalTypeCode(agency), and sealed by the agency's key
 * over its face, the scan's SM3 digest and the agency's own name (registrarName): the seal says
 * "this agency registered it from a scan", never that the authority the scan names issued it.
 * The same number registered twice by one agency is refused; the agency's scans of the day
 * beyond `quota` are refused (QUOTA_EXCEEDED). Every input problem is a BAD_USER_INPUT naming the
 * field, and nothing is written.
 */
export async function registerExternalCertificate(
  deps: { db: HubDatabase; kek: SecretKeyRing; quota?: ScanQuota },
  agency: Issuer,
  input: RegisterExternalCertificateInput,
  options: { today?: string; at?: Date; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const { db, kek } = deps;
  const quota = deps.quota ?? DEFAULT_SCAN_QUOTA;
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  // The agency's USCC goes into the certificate's 证照标识 and its type code.
  if (usccProblem(agency.code)) throw forbidden('not allowed: only an agency identified by a unified social credit code can register certificates');
  const typeName = requireText('input.typeName', input.typeName, 100);
  const number = requireText('input.number', input.number, 64);
  const holderProblem = holderCodeProblem(input.holderKind, input.holderCode);
  if (holderProblem) throw badInput('input.holderCode', holderProblem);
  const holderName = requireText('input.holderName', input.holderName, 200);
  const issuerName = requireText('input.issuerName', input.issuerName, 200);
  const issuedOn = requireDate('input.issuedOn', input.issuedOn);
  if (issuedOn > today) throw badInput('input.issuedOn', `must not be after today (${today})`);
  const validUntil = input.validUntil == null ? null : requireDate('input.validUntil', input.validUntil);
  if (validUntil !== null && validUntil < issuedOn) throw badInput('input.validUntil', `must not be before issuedOn (${issuedOn})`);
  const scan = checkScan('input.scan', input.scan);
  const typeCode = externalTypeCode(agency.code);
  const draft: CertificateDraft = {
    typeCode,
    typeName,
    number,
    holderKind: input.holderKind,
    holderCode: input.holderCode,
    holderName,
    issuedOn,
    validFrom: issuedOn,
    validUntil,
    origin: 'EXTERNAL',
    items: [],
    scan,
    registrarName: agency.name,
    reason: '外来证照登记 registered',
  };
  const withinQuota = async (tx: HubDatabase) => {
    const [used] = await tx
      .select({ count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${scans.size}), 0)::bigint` })
      .from(certificates)
      .innerJoin(scans, eq(scans.certificateId, certificates.id))
      .where(and(eq(certificates.issuerCode, agency.code), eq(certificates.origin, 'EXTERNAL'), gte(certificates.createdAt, startOfChinaDay(today))));
    const count = Number(used?.count ?? 0);
    const bytes = Number(used?.bytes ?? 0);
    if (count + 1 > quota.count || bytes + scan.content.length > quota.bytes) {
      throw new GraphQLError(
        `the daily quota of scans of ${agency.code} is used up (${count} of ${quota.count} scans, ${bytes} of ${quota.bytes} bytes today); try again tomorrow or ask the operator to raise it`,
        { extensions: { code: 'QUOTA_EXCEEDED', field: 'input.scan' } },
      );
    }
  };
  return await db.transaction(async (tx) => {
    const stored = await storeCertificate(tx, kek, { code: agency.code, name: issuerName }, draft, at, options.recordChange, withinQuota);
    if (!stored) throw badInput('input.number', `an external certificate numbered ${number} has already been registered by this agency`);
    return stored;
  });
}

/**
 * Changes a certificate's status on behalf of its issuing authority, recording who, when, from
 * which effective status and why — the row locked, updated, its history, its event (for the
 * holder's inbox and agencies' webhooks) and, given `recordChange`, its access record written in
 * one transaction, so that concurrent changes are applied one after the other.
 *
 * `effectiveOn` (not before the certificate's issuedOn) dates the change: today or an earlier day
 * applies it now, its history entry carrying that day; a later day schedules it on the row
 * (pendingStatus) — checked against the status the certificate will have that day, replacing any
 * schedule before it — and scheduled.ts writes it when the day comes. A change made now replaces
 * a schedule. Only the newest version of a certificate changes status.
 */
export async function changeCertificateStatus(
  db: HubDatabase,
  actor: { code: string },
  id: string,
  status: CertificateStatus,
  reason: string,
  options: { at?: Date; today?: string; recordChange?: RecordChange; effectiveOn?: string | null } = {},
): Promise<CertificateRow> {
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  const parsed = parseCertificateId(id);
  if ('problem' in parsed) throw badInput('id', parsed.problem);
  const why = requireText('reason', reason, 500);
  // Refused before any row is read: no certificate can be set to EXPIRED or SUPERSEDED.
  const unsettable = notSettable(status);
  if (unsettable || !isStoredStatus(status)) throw badInput('status', unsettable ?? 'not a status a certificate stores');
  const effectiveOn = options.effectiveOn == null ? today : requireDate('effectiveOn', options.effectiveOn);

  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    if (!locked) throw notFound(`no certificate ${id} at this node`);
    if (locked.issuerCode !== actor.code) throw forbidden('not allowed: only the issuing authority changes the status of a certificate', 'NOT_THE_ISSUER');
    if (effectiveOn < locked.issuedOn) throw badInput('effectiveOn', `must not be before the certificate's issuedOn (${locked.issuedOn})`);
    const current = await applyDueStatus(tx, locked, today, at);
    if (current.status === 'SUPERSEDED') throw await supersededProblem(tx, current, 'id');

    if (effectiveOn > today) {
      // Checked against the status it will have that day, without the schedule it replaces.
      const problem = transitionProblem(effectiveStatus.of({ ...current, ...NO_SCHEDULE }, effectiveOn), status);
      if (problem) throw badInput('status', `on ${effectiveOn}: ${problem}`);
      const [scheduled] = await tx
        .update(certificates)
        .set({ pendingStatus: status, pendingEffectiveOn: effectiveOn, pendingReason: why, pendingActor: actor.code, pendingAt: at, updatedAt: at })
        .where(eq(certificates.id, id))
        .returning();
      await options.recordChange?.(tx, scheduled!);
      return scheduled!;
    }

    const from = effectiveStatus.of({ ...current, ...NO_SCHEDULE }, today);
    const problem = transitionProblem(from, status);
    if (problem) throw badInput('status', problem);
    const [updated] = await tx
      .update(certificates)
      .set({ status, ...NO_SCHEDULE, updatedAt: at })
      .where(eq(certificates.id, id))
      .returning();
    await tx.insert(statusChanges).values({ certificateId: id, at, actor: actor.code, fromStatus: from, toStatus: status, reason: why, effectiveOn });
    await appendEvents(tx, [certificateEvent('CERTIFICATE_STATUS_CHANGED', updated!, { at, status, actor: actor.code, reason: why })]);
    if (FINAL.has(status)) await closeFollowUps(tx, id, at, `状态 ${status}`);
    await options.recordChange?.(tx, updated!);
    return updated!;
  });
}

/** Why `code` names no holder at all (neither a resident ID number nor a USCC), or null. */
function holderFilterProblem(code: string): string | null {
  const asPerson = residentIdProblem(code);
  if (!asPerson) return null;
  const asOrganization = usccProblem(code);
  if (!asOrganization) return null;
  return `neither a resident ID number (${asPerson}) nor a unified social credit code (${asOrganization})`;
}

/** The conditions of a filter; the page and its totalCount share them, so they never disagree. */
function filterConditions(filter: CertificateFilterModel, today: string): SQL | undefined {
  return and(
    filter.holderCode === null ? undefined : eq(certificates.holderCode, filter.holderCode),
    filter.typeCode === null ? undefined : eq(certificates.typeCode, filter.typeCode),
    filter.statuses === null ? undefined : effectiveStatus.in(filter.statuses, today),
    // Replaced versions only when asked for, by name or by status.
    filter.includeSuperseded || filter.statuses?.includes('SUPERSEDED') ? undefined : ne(certificates.status, 'SUPERSEDED'),
  );
}

/**
 * The rows after `after` in the list order. The redundant `issued_on <= d` lets PostgreSQL start
 * the index scan at the cursor instead of filtering every row before it.
 */
function afterPosition(after: { issuedOn: string; id: string }): SQL {
  const { issuedOn, id } = certificates;
  const day = sql`${after.issuedOn}::date`;
  return sql`(${issuedOn} <= ${day} AND (${issuedOn} < ${day} OR (${issuedOn} = ${day} AND ${id} COLLATE "C" > ${after.id})))`;
}

/**
 * Which of a list's certificates the caller may see in it, beyond the filter: a condition, or
 * undefined for all. Given the validated holder filter (null without one).
 */
export type ListScope = (holderCode: string | null) => Promise<SQL | undefined>;

/**
 * A page of this node's certificates, for Query.certificates: validates the arguments (each
 * problem a BAD_USER_INPUT naming the argument), restricts a holder to its own certificates and
 * everyone else to `scope`. Nothing is read until the connection's fields ask (see
 * CertificatePage); the page and its totalCount share every condition, so they never disagree.
 */
export function certificatePage(
  db: HubDatabase,
  principal: Principal,
  nodeCode: string,
  args: { filter?: CertificateFilter | null; first?: number | null; after?: string | null },
  today: string,
  scope: ListScope = async () => undefined,
): CertificatePage {
  const first = checkPageSize(args.first ?? 20);
  const after = args.after == null ? null : decodeCursor(args.after);
  // decodeCursor checks the date's shape; a cast of 2024-13-45 would be an SQL error, not a 400.
  if (after && !isRealDate(after.issuedOn)) throw badInput('after', 'not a cursor this hub returned');
  const filter = args.filter ?? {};
  let holderCode = filter.holderCode ?? null;
  if (holderCode !== null) {
    const problem = holderFilterProblem(holderCode);
    if (problem) throw badInput('filter.holderCode', problem);
  }
  if (filter.typeCode != null) {
    const problem = typeCodeProblem(filter.typeCode);
    if (problem) throw badInput('filter.typeCode', problem);
  }
  if (principal.kind === 'holder') {
    if (holderCode !== null && holderCode !== principal.code) {
      throw forbidden('not authorized to read the certificates of another holder: a holder lists only its own', 'NOT_THE_HOLDER');
    }
    holderCode = principal.code;
  }
  if (filter.nodes != null && !filter.nodes.includes(nodeCode)) return CertificatePage.empty();

  const query: CertificateQuery = {
    filter: { holderCode, typeCode: filter.typeCode ?? null, statuses: filter.status ?? null, includeSuperseded: filter.includeSuperseded === true },
    first,
    after,
    today,
  };
  let scoped: Promise<SQL | undefined> | undefined;
  const where = async () => and(filterConditions(query.filter, today), await (scoped ??= scope(holderCode)));
  return new CertificatePage(query, {
    async window() {
      const rows = await db
        .select()
        .from(certificates)
        .where(and(await where(), after === null ? undefined : afterPosition(after)))
        .orderBy(...LIST_ORDER)
        .limit(first + 1);
      return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
    },
    async count() {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(certificates)
        .where(await where());
      return row?.count ?? 0;
    },
  });
}

/** The type codes of the certificates a holder has at this node. */
export async function typesHeldBy(db: HubDatabase, holderCode: string): Promise<string[]> {
  const rows = await db.selectDistinct({ typeCode: certificates.typeCode }).from(certificates).where(eq(certificates.holderCode, holderCode));
  return rows.map((row) => row.typeCode);
}

/** Certificates issued by `issuer`, or of one of `types`. */
export const issuedByOrOfTypes = (issuer: string, types: readonly string[]): SQL =>
  types.length === 0 ? eq(certificates.issuerCode, issuer) : or(eq(certificates.issuerCode, issuer), inArray(certificates.typeCode, [...types]))!;

/** Certificates issued by `issuer`. */
export const issuedBy = (issuer: string): SQL => eq(certificates.issuerCode, issuer);

/** The cursor of a certificate's position in the list order. */
export const cursorOf = (row: CertificateRow): string => encodeCursor({ issuedOn: row.issuedOn, id: row.id });

/** What checking a seal found, for verification: null when the certificate was not found. */
export interface SealFinding {
  signatureValid: boolean | null;
  digestMatches: boolean | null;
}

/**
 * What the hub vouches for, in one sentence: who issued and sealed the certificate, or — for an
 * external one — which agency registered it from a scan of a certificate issued by whom.
 */
function statementOf(row: CertificateRow, sealedBy: string): string {
  switch (row.origin) {
    case 'EXTERNAL':
      return (
        `由${sealedBy}（${row.issuerCode}）依据扫描件登记的外来证照，扫描件所示为${row.issuerName}颁发的${row.typeName}，原件未经本平台核验。` +
        ` Registered by ${sealedBy} (${row.issuerCode}) from a scan of a certificate shown as ${row.typeName} issued by ${row.issuerName}; the hub has not verified the original.`
      );
    case 'CONVERTED':
      return `由${sealedBy}（${row.issuerCode}）依据纸质证照转换并加盖电子印章。 Converted from the paper certificate and sealed by ${sealedBy} (${row.issuerCode}).`;
    case 'ISSUED':
      return `由${sealedBy}（${row.issuerCode}）颁发并加盖电子印章。 Issued and sealed by ${sealedBy} (${row.issuerCode}).`;
  }
}

/**
 * The public answer about a certificate id: whether this node keeps it, its effective status,
 * what its seal says (`seal`: checked by the caller, null when not found), who vouches for it and
 * the names on its face that identify the document — never the holder or the items. An external
 * certificate is never shown under the names its scan carries: those come back as declared
 * names, beside the agency that registered and sealed it.
 */
export function verification(
  id: string,
  row: CertificateRow | null,
  seal: SealFinding | null,
  today: string,
  at: Date,
  currentId: string | null = row?.id ?? null,
): VerificationModel {
  const external = row?.origin === 'EXTERNAL';
  // An external certificate is vouched for by the agency that registered it; rows registered
  // before its name was kept show its code.
  const sealedBy = row ? (external ? (row.registrarName ?? row.issuerCode) : row.issuerName) : null;
  return {
    id,
    found: row !== null,
    status: row && effectiveStatus.of(row, today),
    signatureValid: seal?.signatureValid ?? null,
    digestMatches: seal?.digestMatches ?? null,
    typeName: row && !external ? row.typeName : null,
    issuerName: row && !external ? row.issuerName : null,
    origin: row?.origin ?? null,
    issuerCode: row?.issuerCode ?? null,
    sealedBy,
    declaredTypeName: external ? row!.typeName : null,
    declaredIssuerName: external ? row!.issuerName : null,
    statement: row ? statementOf(row, sealedBy!) : null,
    salted: row === null || row.sealSignature === null ? null : row.sealSalt !== null,
    checkedAt: at.toISOString(),
    currentId: row ? currentId : null,
  };
}
