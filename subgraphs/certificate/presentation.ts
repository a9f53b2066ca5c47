/**
 * Presenting a certificate (亮证, README › Presenting a certificate): a holder makes a token, signed
 * by the node that keeps the certificate, that discloses the items the holder chose until it
 * expires; anyone with the token checks it at that node. The token's format is lib/presentation.ts.
 */
import { randomBytes } from 'node:crypto';
import { certificateIdProblem } from '../../lib/codes.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import {
  MAX_PRESENTATION_TOKEN,
  PRESENTATION_TTL,
  encodePresentationToken,
  parsePresentationToken,
  presentationUrl,
  type ParsedPresentation,
  type PresentationPayload,
} from '../../lib/presentation.js';
import { canonicalJson, signSeal } from '../../lib/seal/seal.js';
import type { AuditSubject } from '../audit/log.js';
import type { CertificateContext } from './context.js';
import type { CertificateItemRow, CertificateRow } from './db/schema.js';
import type { MutationPresentCertificateArgs } from './generated/resolvers.js';
import type { PresentationCheckModel, PresentationModel } from './model.js';
import { verification } from './service.js';
import { effectiveStatus } from './status.js';

/** Why a check of a presentation is not valid (PresentationCheck.reason). */
export type PresentationRefusal = 'BAD_SIGNATURE' | 'EXPIRED' | 'NOT_FOUND' | 'CERTIFICATE_NOT_VALID';

/** The name under which presentations and their checks appear in the access log. */
const PRESENTED = 'presentCertificate';
const CHECKED = 'verifyPresentation';

/**
 * The token of `payload` signed by a node's `privateKey`, over its canonical JSON (RFC 8785) so
 * that the bytes signed do not depend on the order its members were written in.
 */
export function signPresentation(payload: PresentationPayload, privateKey: string): string {
  const payloadJson = canonicalJson(payload);
  return encodePresentationToken(payloadJson, signSeal(privateKey, payloadJson));
}

/** `ttlSeconds` as given, or the default when absent; BAD_USER_INPUT outside PRESENTATION_TTL. */
function checkedTtl(ttlSeconds: number | null | undefined): number {
  const ttl = ttlSeconds ?? PRESENTATION_TTL.default;
  if (!Number.isInteger(ttl) || ttl < PRESENTATION_TTL.min || ttl > PRESENTATION_TTL.max) {
    throw badInput('ttlSeconds', `must be ${PRESENTATION_TTL.min} to ${PRESENTATION_TTL.max} seconds`);
  }
  return ttl;
}

/**
 * The item codes to disclose, in the order given: each one an item of the certificate, each
 * once. BAD_USER_INPUT names the first code at fault (`items[i]`).
 */
function checkedItems(requested: readonly string[], items: readonly CertificateItemRow[]): string[] {
  const carried = new Set(items.map((item) => item.code));
  const seen = new Map<string, number>();
  requested.forEach((code, index) => {
    const field = `items[${index}]`;
    const earlier = seen.get(code);
    if (earlier !== undefined) throw badInput(field, `${code} is named twice (also items[${earlier}])`);
    if (!carried.has(code)) throw badInput(field, `the certificate has no item ${code}; its items are ${[...carried].join(', ') || 'none'}`);
    seen.set(code, index);
  });
  return [...requested];
}

/** The certificate `id` kept here, refused unless the calling holder holds it and it is VALID. */
async function presentable(ctx: CertificateContext, id: string): Promise<CertificateRow> {
  const problem = certificateIdProblem(id);
  if (problem) throw badInput('id', problem);
  const row = await ctx.loaders.certificateById.load(id);
  if (!row) throw notFound(`no certificate ${id} is kept at node ${ctx.node.code}`);
  const { principal } = ctx;
  if (principal.kind !== 'holder' || principal.code !== row.holderCode) {
    throw forbidden('not allowed: a holder presents only its own certificates', 'NOT_THE_HOLDER');
  }
  const status = effectiveStatus.of(row, ctx.today);
  if (status !== 'VALID') throw badInput('id', `the certificate is ${status}: only a VALID certificate can be presented`);
  return row;
}

const subjectOf = (row: Pick<CertificateRow, 'id' | 'holderCode'>): AuditSubject => ({ certificateId: row.id, holderCode: row.holderCode });

/**
 * Mutation.presentCertificate: a token for one of the calling holder's VALID certificates,
 * disclosing `items`, signed with the node's current key and a fresh nonce, valid `ttlSeconds`.
 * The presentation is in the holder's access log (which items, until when) before the token
 * leaves the node: no token without its record.
 */
export async function presentCertificate(ctx: CertificateContext, args: MutationPresentCertificateArgs): Promise<PresentationModel> {
  const ttlSeconds = checkedTtl(args.ttlSeconds);
  const row = await presentable(ctx, args.id);
  const items = checkedItems(args.items ?? [], await ctx.loaders.itemsByCertificate.load(row.id));
  const expiresAt = new Date(ctx.now().getTime() + ttlSeconds * 1000);
  const key = await ctx.services.nodeKey.current();
  const token = signPresentation(
    { v: 1, node: ctx.node.code, keyId: key.keyId, certificateId: row.id, items, nonce: randomBytes(16).toString('hex'), expiresAt: expiresAt.toISOString() },
    key.privateKey,
  );
  if (token.length > MAX_PRESENTATION_TOKEN) {
    throw badInput('items', `too many items for one presentation (its token would pass ${MAX_PRESENTATION_TOKEN} characters): disclose fewer`);
  }
  await ctx.db.transaction((tx) => ctx.audit.writeChange(tx, PRESENTED, subjectOf(row), { items, expiresAt: expiresAt.toISOString() }));
  return { token, url: presentationUrl(ctx.services.publicUrl, token), expiresAt, certificateId: row.id, holderCode: row.holderCode };
}

/** Whether this node signed the token: its own code, one of its keys, the signature over the payload's bytes. */
async function isGenuine(ctx: CertificateContext, parsed: ParsedPresentation): Promise<boolean> {
  if (parsed.payload.node !== ctx.node.code) return false;
  return ctx.services.nodeKey.verifies(parsed.payload.keyId, parsed.signed.toString('utf8'), parsed.signature);
}

/** A check that answers nothing about the certificate or its holder. */
const refused = (reason: PresentationRefusal, expiresAt: Date | null): PresentationCheckModel => ({
  valid: false,
  reason,
  status: null,
  typeName: null,
  issuerName: null,
  holderName: null,
  items: [],
  expiresAt,
});

/**
 * Copies of the certificate's items that the token discloses, in the certificate's order, marked
 * disclosed in this request (ctx.disclosed): their values are readable by whoever checks
 * (permissions.ts canReadItemValue). Copies, so that the loader's own rows — which other fields
 * of the same request may return — stay under the ordinary rules.
 */
function disclose(ctx: CertificateContext, items: readonly CertificateItemRow[], codes: readonly string[]): CertificateItemRow[] {
  const wanted = new Set(codes);
  const disclosed = items.filter((item) => wanted.has(item.code)).map((item) => ({ ...item }));
  for (const item of disclosed) ctx.disclosed.add(item);
  return disclosed;
}

/**
 * Query.verifyPresentation. A token this node did not sign is BAD_SIGNATURE, and nothing else is
 * looked at or recorded. Every check of a genuine token is recorded in the holder's access log —
 * as the checking agency when it sent a token, else as the public — naming what it disclosed:
 * - expired: only when it expired, so that a photographed QR code tells nothing later;
 * - the certificate gone: NOT_FOUND;
 * - the certificate not VALID now: its status, type and issuer (what verifyCertificate shows
 *   anyone), never its holder or items;
 * - else valid: also the holder's name and the disclosed items, with their current values.
 * An unparseable token is BAD_USER_INPUT on `token` (the gateway refuses it before routing).
 */
export async function checkPresentation(ctx: CertificateContext, token: string): Promise<PresentationCheckModel> {
  const parsed = parsePresentationToken(token);
  if ('problem' in parsed) throw badInput('token', parsed.problem);
  if (!(await isGenuine(ctx, parsed))) return refused('BAD_SIGNATURE', null);
  const { payload } = parsed;
  const expiresAt = new Date(payload.expiresAt);
  const row = await ctx.loaders.certificateById.load(payload.certificateId);
  const subject: AuditSubject = row ? subjectOf(row) : { certificateId: payload.certificateId };
  if (expiresAt.getTime() <= ctx.now().getTime()) {
    ctx.audit.record(subject, [CHECKED]);
    return refused('EXPIRED', expiresAt);
  }
  if (!row) {
    ctx.audit.record(subject, [CHECKED]);
    return refused('NOT_FOUND', expiresAt);
  }
  // The public facts of the certificate, named as verifyCertificate names them (an external one
  // never under the names its scan carries).
  const { status, typeName, issuerName } = verification(row.id, row, null, ctx.today, ctx.now());
  if (status !== 'VALID') {
    ctx.audit.record(subject, [CHECKED]);
    return { ...refused('CERTIFICATE_NOT_VALID', expiresAt), status, typeName, issuerName };
  }
  const items = disclose(ctx, await ctx.loaders.itemsByCertificate.load(row.id), payload.items);
  // One record per check: the audit middleware's entries for the item values returned carry the
  // same certificate, and an AuditRecorder merges a request's entries about one certificate.
  ctx.audit.record(subject, [CHECKED, 'holderName', ...items.map((item) => `items.${item.code}`)]);
  return { valid: true, reason: null, status, typeName, issuerName, holderName: row.holderName, items, expiresAt };
}
