import { and, eq, isNull, sql } from 'drizzle-orm';
import { holderCodeProblem, matterCodeAgency, matterCodeProblem } from '../../lib/codes.js';
import { caseNumberProblem } from '../../lib/case-number.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { compareOutcomes, type MaterialCheckOutcome } from '../../lib/material-check.js';
import type { CatalogMatter } from '../kit/remote-catalog.js';
import { accessToAll, scopeItems, type CertificateAccess } from './access.js';
import type { CertificateContext } from './context.js';
import { certificates, type CertificateRow } from './db/schema.js';
import { checkSeal } from './sealing.js';
import type { CertificateStatus } from './generated/resolvers.js';
import { effectiveStatus } from './status.js';

/** The most materials a check reports: a matter has at most 50 (subgraphs/catalog/matters.ts). */
export const MAX_MATERIALS_PER_CHECK = 50;

/** One material's result at this node (MaterialCheckResult). */
export interface MaterialResultModel {
  certificateType: string;
  certificateTypeName: string | null;
  items: string[];
  required: boolean;
  outcome: MaterialCheckOutcome;
  /** Null unless the agency may read whose it is for the matter. */
  certificate: CertificateRow | null;
  reason: string;
}

/** This node's answer to a 免提交 check (MaterialCheck); the gateway merges every node's. */
export interface MaterialCheckModel {
  matter: string;
  matterName: string;
  applicant: string;
  caseNumber: string;
  checkedAt: Date;
  materials: MaterialResultModel[];
}

/** What one certificate is worth for one material. */
interface Candidate {
  row: CertificateRow;
  outcome: MaterialCheckOutcome;
  reason: string;
  access: CertificateAccess | null;
}

const STATUS_WORDS: Record<string, string> = {
  SUSPENDED: '暂扣 suspended',
  REVOKED: '吊销 revoked',
  WITHDRAWN: '撤销 withdrawn',
  CANCELLED: '注销 cancelled',
};

/** The arguments, checked: each problem a BAD_USER_INPUT naming its argument. */
function checkedArguments(args: { matter: string; applicant: string; caseNumber: string }) {
  const matterProblem = matterCodeProblem(args.matter);
  if (matterProblem) throw badInput('matter', matterProblem);
  const applicant = args.applicant.trim();
  const asPerson = holderCodeProblem('PERSON', applicant);
  const asOrganization = holderCodeProblem('ORGANIZATION', applicant);
  if (asPerson && asOrganization) {
    throw badInput('applicant', `neither a resident ID number (${asPerson}) nor a unified social credit code (${asOrganization})`);
  }
  const caseProblem = caseNumberProblem(args.caseNumber);
  if (caseProblem) throw badInput('caseNumber', caseProblem);
  return { matter: args.matter, applicant, caseNumber: args.caseNumber.trim() };
}

/**
 * The request reads for the matter and the application: its purpose must be the matter code
 * (the gateway sets it from the argument when the client states none, and refuses another), and
 * its case number this one, which every access record of the request then carries.
 */
function bindToApplication(ctx: CertificateContext, matter: string, caseNumber: string): void {
  if (ctx.purpose !== matter) {
    throw badInput('X-Purpose', `a 免提交 check reads for its matter: the purpose must be the matter code ${matter}, not ${JSON.stringify(ctx.purpose)}`);
  }
  if (ctx.caseNumber !== null && ctx.caseNumber !== caseNumber) {
    throw badInput('caseNumber', `differs from the request's X-Case-Number ${JSON.stringify(ctx.caseNumber)}`);
  }
  ctx.audit.useCaseNumber(caseNumber);
}

/** What the check found out about one of the applicant's certificates, whatever the material. */
interface Examined {
  row: CertificateRow;
  status: CertificateStatus;
  /** Whether its seal verifies against its face (checkSeal); only worked out for a VALID one, null otherwise. */
  signatureValid: boolean | null;
  access: CertificateAccess;
}

/** Whether `access` opens whose a certificate is and every item in `items`. */
const opens = (access: CertificateAccess, items: readonly string[]) => access.identity && items.every((item) => access.item(item));

/**
 * What a certificate is worth for a material that needs `items`: its status today, then its
 * seal, then whether this request may read whose it is and those items (the matter's grants, or
 * the holder's consent for the matter, access.ts).
 */
function candidateOf({ row, status, signatureValid, access }: Examined, items: readonly string[], typeName: string): Candidate {
  const readable = access.identity ? access : null;
  if (status === 'EXPIRED') return { row, outcome: 'EXPIRED', reason: `${typeName} ${row.number} expired on ${row.validUntil}: it must be renewed`, access: readable };
  if (status !== 'VALID') {
    return { row, outcome: 'NOT_VALID', reason: `${typeName} ${row.number} is ${STATUS_WORDS[status] ?? status}`, access: readable };
  }
  if (signatureValid !== true) {
    const why = signatureValid === null ? 'carries no seal' : 'has a seal that does not verify against its face';
    return { row, outcome: 'NOT_VALID', reason: `${typeName} ${row.number} ${why}: it cannot be relied on electronically`, access: readable };
  }
  const until = row.validUntil === null ? 'without end' : `until ${row.validUntil}`;
  if (opens(access, items)) {
    return { row, outcome: 'ELECTRONIC', reason: `${typeName} ${row.number} is valid ${until} and its seal verifies: no paper copy is needed (免提交)`, access };
  }
  const closed = access.identity ? items.find((item) => !access.item(item))! : null;
  const why = closed === null ? access.whyNotIdentity().why : access.whyNotItem(closed).why;
  return {
    row,
    outcome: 'NEEDS_CONSENT',
    reason: `${typeName} is valid ${until}, but the agency may use it for this matter only with the holder's consent (授权用证): ${why}`,
    access: readable,
  };
}

/**
 * Examines each of the applicant's certificates once for the whole check: its status; for a
 * VALID one its seal, against its items and key (loaded for every row at once: one statement
 * each); and this request's access to it — the agency's own first, and the holder's consent
 * (one batch for all) only for a VALID certificate whose seal verifies and whose needed items,
 * for some material, the agency may not read by itself: a consent changes no other outcome.
 */
async function examine(rows: readonly CertificateRow[], needs: ReadonlyMap<string, ReadonlyArray<readonly string[]>>, ctx: CertificateContext): Promise<Examined[]> {
  const faces = await Promise.all(
    rows.map((row) =>
      Promise.all([ctx.loaders.itemsByCertificate.load(row.id), row.sealKeyId === null ? null : ctx.loaders.sealKeyById.load(row.sealKeyId)]),
    ),
  );
  const reliable = new Set<string>();
  const sealed = rows.map((row, i) => {
    const status = effectiveStatus.of(row, ctx.today);
    if (status !== 'VALID') return { status, signatureValid: null };
    const [items, key] = faces[i]!;
    const { signatureValid } = checkSeal(row, items, key);
    if (signatureValid === true) reliable.add(row.id);
    return { status, signatureValid };
  });
  const access = await accessToAll(rows, ctx, (row, own) => reliable.has(row.id) && (needs.get(row.typeCode) ?? []).some((items) => !opens(own, items)));
  return rows.map((row, i) => ({ row, ...sealed[i]!, access: access[i]! }));
}

/** The better of two candidates: the better outcome, then the later end of validity (none is latest), then the newer. */
function better(a: Candidate, b: Candidate): Candidate {
  const byOutcome = compareOutcomes(a.outcome, b.outcome);
  if (byOutcome !== 0) return byOutcome < 0 ? a : b;
  const endA = a.row.validUntil ?? '9999-12-31';
  const endB = b.row.validUntil ?? '9999-12-31';
  if (endA !== endB) return endA > endB ? a : b;
  return (a.row.issuedOn ?? '') >= (b.row.issuedOn ?? '') ? a : b;
}

/**
 * The 免提交 check at this node (Query.checkMaterials): for each material of the matter, the best
 * of the applicant's current certificates of its type that this node keeps. One statement finds
 * them all; their items and seal keys come through the request's loaders, batched; the type
 * names and the matter through the node's catalog caches. A certificate returned carries only
 * the items its materials need (scopeItems). Each certificate examined is recorded in the access
 * log as read by the check, for the matter and the case number.
 */
export async function checkMaterials(
  ctx: CertificateContext,
  args: { matter: string; applicant: string; caseNumber: string },
): Promise<MaterialCheckModel> {
  const { matter, applicant, caseNumber } = checkedArguments(args);
  const { principal } = ctx;
  const agency = matterCodeAgency(matter);
  if (principal.kind !== 'agency' || principal.code !== agency) {
    throw forbidden(`not authorized: only the agency that handles matter ${matter} (${agency}) checks its applications`, 'NOT_ALLOWED');
  }
  bindToApplication(ctx, matter, caseNumber);
  const definition = await matterOf(ctx, matter);
  const types = [...new Set(definition.materials.map((material) => material.certificateType))];
  const rows = await ctx.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderCode, applicant), sql`${certificates.typeCode} = ANY(${sql.param(types)})`, isNull(certificates.supersededAt)));
  for (const row of rows) ctx.loaders.certificateById.prime(row.id, row);
  const needs = new Map<string, Array<readonly string[]>>();
  for (const material of definition.materials) needs.set(material.certificateType, [...(needs.get(material.certificateType) ?? []), material.items]);
  const [typeNames, examined] = await Promise.all([
    Promise.all(types.map(async (code) => [code, (await ctx.catalog.getType(code).catch(() => null))?.name ?? null] as const)).then((names) => new Map(names)),
    examine(rows, needs, ctx),
  ]);

  const materials = definition.materials.map((material): MaterialResultModel => {
    const typeName = typeNames.get(material.certificateType) ?? material.certificateType;
    const candidates = examined.filter(({ row }) => row.typeCode === material.certificateType).map((certificate) => candidateOf(certificate, material.items, typeName));
    const base = {
      certificateType: material.certificateType,
      certificateTypeName: typeNames.get(material.certificateType) ?? null,
      items: material.items,
      required: material.required,
    };
    if (candidates.length === 0) {
      return { ...base, outcome: 'NOT_FOUND', certificate: null, reason: `the applicant holds no current ${typeName}` };
    }
    const best = candidates.reduce(better);
    return { ...base, outcome: best.outcome, certificate: best.access ? best.row : null, reason: best.reason };
  });
  // What each returned certificate may show: the items of the materials it answers, no more.
  const scopes = new Map<string, Set<string>>();
  for (const material of materials) {
    if (!material.certificate) continue;
    const scope = scopes.get(material.certificate.id) ?? new Set<string>();
    for (const item of material.items) scope.add(item);
    scopes.set(material.certificate.id, scope);
  }
  for (const [id, items] of scopes) scopeItems(ctx, id, items);
  for (const row of rows) ctx.audit.record({ certificateId: row.id, holderCode: row.holderCode }, ['checkMaterials']);
  return { matter, matterName: definition.name, applicant, caseNumber, checkedAt: ctx.now(), materials };
}

/** The matter as its agency's node defines it; BAD_USER_INPUT when there is none. */
async function matterOf(ctx: CertificateContext, matter: string): Promise<CatalogMatter> {
  const lookup = ctx.services.matters;
  if (!lookup) throw new Error('this node has no way to read matters');
  const definition = await lookup.getMatter(matter);
  if (!definition) throw badInput('matter', `no matter ${matter} is defined`);
  return definition;
}
