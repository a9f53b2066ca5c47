import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import {
  buildCertificateId,
  holderCodeProblem,
  isoDate,
  isRealDate,
  parseCertificateId,
  residentIdProblem,
  typeCodeProblem,
  usccProblem,
} from '../../lib/codes.js';
import type { HubDatabase } from '../../lib/db.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../lib/order.js';
import type { Principal } from '../../lib/principal.js';
import { requireDate, requireText } from '../../lib/validate.js';
import type { CatalogLookup, CatalogType } from './catalog.js';
import { certificateItems, certificates, issuerSerials, scans, statusChanges, type CertificateRow } from './db/schema.js';
import type { CertificateFilter, CertificateStatus, ImportRowInput, IssueCertificateInput, RegisterExternalCertificateInput } from './generated/resolvers.js';
import { CertificatePage, type CertificateFilterModel, type CertificateQuery, type VerificationModel } from './model.js';
import { checkScan, type CheckedScan } from './scan.js';
import { currentSealKey, sealFace } from './sealing.js';
import { effectiveStatus, isStoredStatus, NOT_SETTABLE, transitionProblem } from './status.js';

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

const NUMBER_UNIQUE = 'certificates_type_issuer_number_unique';

const alreadyIssued = (typeCode: string, number: string) =>
  badInput('input.number', `certificate number ${number} of type ${typeCode} has already been issued by this authority`);

/** The day before the same date `years` later: a 5-year licence from 2024-03-01 runs to 2029-02-28. */
function validityEnd(validFrom: string, years: number): string {
  const [y, m, d] = [Number(validFrom.slice(0, 4)), Number(validFrom.slice(5, 7)), Number(validFrom.slice(8, 10))];
  return new Date(Date.UTC(y + years, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Issues a certificate (or records one converted from the paper stock) in the name of `issuer`:
 * validates the input against the type's catalog entry, then in one transaction takes the
 * issuer's next serial, seals the certificate's face with the issuer's current seal key (made at
 * its first sealing), stores the certificate with its seal, its items and the issuance in its
 * history (and, given `recordChange`, the issuance's access record).
 * Every input problem is a BAD_USER_INPUT naming the field, and nothing is written.
 */
export async function issueCertificate(
  deps: { db: HubDatabase; catalog: CatalogLookup },
  issuer: Issuer,
  input: IssueCertificateInput,
  options: { origin?: 'ISSUED' | 'CONVERTED'; today?: string; at?: Date; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const { db, catalog } = deps;
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  const origin = options.origin ?? 'ISSUED';
  // The issuer's code goes into every 证照标识 it issues; one that is not a USCC cannot issue.
  if (usccProblem(issuer.code)) throw forbidden('only an agency identified by a unified social credit code can issue certificates');

  const typeProblem = typeCodeProblem(input.typeCode);
  if (typeProblem) throw badInput('input.typeCode', typeProblem);
  const type = await catalog.getType(input.typeCode);
  if (!type) throw badInput('input.typeCode', `no certificate type ${input.typeCode} in the catalog`);
  const draft = draftOf(type, input, origin, today);
  const [duplicate] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.typeCode, type.code), eq(certificates.issuerCode, issuer.code), eq(certificates.number, draft.number)))
    .limit(1);
  if (duplicate) throw alreadyIssued(type.code, draft.number);
  try {
    return await db.transaction((tx) => storeCertificate(tx, issuer, draft, at, options.recordChange));
  } catch (error) {
    // The check above misses a concurrent issue of the same number; the constraint does not.
    if (violatedUniqueConstraint(error) === NUMBER_UNIQUE) throw alreadyIssued(type.code, draft.number);
    throw error;
  }
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
  const validUntil = givenUntil ?? (type.validityYears == null ? null : validityEnd(validFrom, type.validityYears));

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
  /** The reason of the first entry of its history. */
  reason: string;
}

/**
 * Stores a checked certificate inside the caller's transaction: takes the issuer's next serial
 * (the upsert locks the issuer's counter row until commit, so concurrent issues by one issuer
 * take distinct serials and a rolled-back issue leaves no gap in use), seals the face with the
 * issuer's current key (made at its first sealing) — a certificate is never stored without its
 * seal — and writes the row, its items, its scan, the first entry of its history and, last so
 * that the node's access-log lock is held only for the commit, its access record.
 */
async function storeCertificate(tx: HubDatabase, issuer: Issuer, draft: CertificateDraft, at: Date, recordChange?: RecordChange): Promise<CertificateRow> {
  const [counter] = await tx
    .insert(issuerSerials)
    .values({ issuerCode: issuer.code, lastSerial: 1 })
    .onConflictDoUpdate({ target: issuerSerials.issuerCode, set: { lastSerial: sql`${issuerSerials.lastSerial} + 1` } })
    .returning({ lastSerial: issuerSerials.lastSerial });
  const serial = String(counter!.lastSerial).padStart(8, '0');
  const version = '001';
  const id = buildCertificateId({ typeCode: draft.typeCode, issuer: issuer.code, serial, version });
  const face = {
    id,
    number: draft.number,
    typeCode: draft.typeCode,
    holderKind: draft.holderKind,
    holderCode: draft.holderCode,
    holderName: draft.holderName,
    issuerCode: issuer.code,
    issuerName: issuer.name,
    issuedOn: draft.issuedOn,
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
    scanDigest: draft.scan?.digest ?? null,
  };
  const seal = sealFace(await currentSealKey(tx, issuer.code, at), face, draft.items);
  const [row] = await tx
    .insert(certificates)
    .values({ ...face, typeName: draft.typeName, status: 'VALID', origin: draft.origin, serial, version, createdAt: at, updatedAt: at, ...seal })
    .returning();
  if (draft.items.length > 0) await tx.insert(certificateItems).values(draft.items.map((item) => ({ certificateId: id, ...item })));
  if (draft.scan) {
    const { mediaType, content } = draft.scan;
    await tx.insert(scans).values({ certificateId: id, mediaType, size: content.length, content });
  }
  await tx.insert(statusChanges).values({ certificateId: id, at, actor: issuer.code, fromStatus: null, toStatus: 'VALID', reason: draft.reason });
  await recordChange?.(tx, row!);
  return row!;
}

/** The type code of the external certificates an agency registers: its USCC + "000". */
export const externalTypeCode = (agency: string): string => `${agency}000`;

/**
 * Records a certificate issued outside the province (外来证照) in the name of `agency`, with its
 * scanned document: checked like an issuance (holder code, dates, texts), stored at this node
 * with origin EXTERNAL and type code externalTypeCode(agency), and sealed by the agency's key
 * over its face and the scan's SM3 digest. The same number registered twice by one agency is
 * refused. Every input problem is a BAD_USER_INPUT naming the field, and nothing is written.
 */
export async function registerExternalCertificate(
  db: HubDatabase,
  agency: Issuer,
  input: RegisterExternalCertificateInput,
  options: { today?: string; at?: Date; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  // The agency's USCC goes into the certificate's 证照标识 and its type code.
  if (usccProblem(agency.code)) throw forbidden('only an agency identified by a unified social credit code can register certificates');
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
    reason: '外来证照登记 registered',
  };
  try {
    return await db.transaction((tx) => storeCertificate(tx, { code: agency.code, name: issuerName }, draft, at, options.recordChange));
  } catch (error) {
    if (violatedUniqueConstraint(error) === NUMBER_UNIQUE) {
      throw badInput('input.number', `an external certificate numbered ${number} has already been registered by this agency`);
    }
    throw error;
  }
}

/**
 * The unique constraint a failed statement violated, looking through Drizzle's wrapper; null
 * for any other error. postgres.js names it `constraint_name`, PGlite `constraint`.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const fields = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (fields.code === '23505') {
      const name = fields.constraint_name ?? fields.constraint;
      return typeof name === 'string' ? name : '';
    }
    current = fields.cause;
  }
  return null;
}

/**
 * Changes a certificate's status on behalf of its issuing authority, recording who, when, from
 * which effective status and why — the row locked, updated and its history (and, given
 * `recordChange`, its access record) written in one transaction so that concurrent changes are
 * applied one after the other.
 */
export async function changeCertificateStatus(
  db: HubDatabase,
  actor: { code: string },
  id: string,
  status: CertificateStatus,
  reason: string,
  options: { at?: Date; today?: string; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  const parsed = parseCertificateId(id);
  if ('problem' in parsed) throw badInput('id', parsed.problem);
  const why = requireText('reason', reason, 500);
  // Refused before any row is read: no certificate can be set to EXPIRED.
  if (!isStoredStatus(status)) throw badInput('status', NOT_SETTABLE);

  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    if (!current) throw notFound(`no certificate ${id} at this node`);
    if (current.issuerCode !== actor.code) throw forbidden('only the issuing authority may change the status of a certificate');
    const from = effectiveStatus.of(current, today);
    const problem = transitionProblem(from, status);
    if (problem) throw badInput('status', problem);
    const [updated] = await tx.update(certificates).set({ status, updatedAt: at }).where(eq(certificates.id, id)).returning();
    await tx.insert(statusChanges).values({ certificateId: id, at, actor: actor.code, fromStatus: from, toStatus: status, reason: why });
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
 * A page of this node's certificates, for Query.certificates: validates the arguments (each
 * problem a BAD_USER_INPUT naming the argument) and restricts a holder to its own certificates.
 * Nothing is read until the connection's fields ask (see CertificatePage).
 */
export function certificatePage(
  db: HubDatabase,
  principal: Principal,
  nodeCode: string,
  args: { filter?: CertificateFilter | null; first?: number | null; after?: string | null },
  today: string,
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
    if (holderCode !== null && holderCode !== principal.code) throw forbidden('a holder may list only its own certificates');
    holderCode = principal.code;
  }
  if (filter.nodes != null && !filter.nodes.includes(nodeCode)) return CertificatePage.empty();

  const query: CertificateQuery = {
    filter: { holderCode, typeCode: filter.typeCode ?? null, statuses: filter.status ?? null },
    first,
    after,
    today,
  };
  const where = filterConditions(query.filter, today);
  return new CertificatePage(query, {
    async window() {
      const rows = await db
        .select()
        .from(certificates)
        .where(
          and(
            where,
            after === null ? undefined : afterPosition(after),
          ),
        )
        .orderBy(...LIST_ORDER)
        .limit(first + 1);
      return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
    },
    async count() {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(certificates)
        .where(where);
      return row?.count ?? 0;
    },
  });
}

/** The cursor of a certificate's position in the list order. */
export const cursorOf = (row: CertificateRow): string => encodeCursor({ issuedOn: row.issuedOn, id: row.id });

/**
 * The public answer about a certificate id: whether this node keeps it, its effective status,
 * what its seal says (`seal`: checked by the caller, null when not found) and the names on its
 * face that identify the document — never the holder or the items.
 */
export function verification(
  id: string,
  row: CertificateRow | null,
  seal: { signatureValid: boolean | null; digestMatches: boolean | null } | null,
  today: string,
  at: Date,
): VerificationModel {
  return {
    id,
    found: row !== null,
    status: row && effectiveStatus.of(row, today),
    signatureValid: seal?.signatureValid ?? null,
    digestMatches: seal?.digestMatches ?? null,
    typeName: row?.typeName ?? null,
    issuerName: row?.issuerName ?? null,
    checkedAt: at.toISOString(),
  };
}
