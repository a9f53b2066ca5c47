/**
 * New versions of a certificate (README › Lifecycle): 变更 AMEND, 延续 RENEW, 补发·换发 REISSUE.
 * A new version keeps the certificate's type, issuer, serial, number and holder; its 证照标识 has
 * the version segment one more (and so a new check character), it is checked by every rule of
 * issueCertificate and sealed anew, and the version it replaces becomes SUPERSEDED in the same
 * transaction.
 */
import { asc, eq } from 'drizzle-orm';
import { isoDate, parseCertificateId, termEnd } from '../../lib/codes.js';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import { issuerProblem } from '../kit/catalog-lookup.js';
import type { HubDatabase } from '../kit/db.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import { requireDate, requireText } from '../kit/validate.js';
import type { CatalogLookup, CatalogType } from './catalog.js';
import { certificateItems, certificates, statusChanges, type CertificateItemRow, type CertificateRow } from './db/schema.js';
import { closeFollowUps } from './follow-ups.js';
import type { AmendCertificateInput, AmendmentKind } from './generated/resolvers.js';
import { applyDueStatus, NO_SCHEDULE } from './scheduled.js';
import { currentSealKey, sealFace } from './sealing.js';
import { draftOf, type Issuer, type RecordChange } from './service.js';
import { effectiveStatus } from './status.js';
import { LAST_VERSION, supersededProblem, versionNumber, versionSegment } from './version-chain.js';
import { versionFace, writeCertificates } from './writing.js';

/** How each kind of new version is named in histories and messages. */
export const AMENDMENT_WORDS: Readonly<Record<AmendmentKind, string>> = { AMEND: '变更', RENEW: '延续', REISSUE: '补发' };

/** The fields of AmendCertificateInput that change the face; a REISSUE gives none of them. */
const FACE_FIELDS = ['items', 'holderName', 'validFrom', 'validUntil'] as const;

/** The day after `day` (YYYY-MM-DD). */
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The face of the next version: the current one with what `input` changes, each change checked
 * (BAD_USER_INPUT naming its input field) — items by code (an empty value drops an optional
 * item), the holder's name, the term (RENEW must end later; without validUntil it runs the
 * type's validity years from the day after the current end).
 */
function nextFace(type: CatalogType, current: CertificateRow, items: readonly CertificateItemRow[], input: AmendCertificateInput) {
  if (input.kind === 'REISSUE') {
    for (const field of FACE_FIELDS) {
      if (input[field] != null) throw badInput(`input.${field}`, 'a REISSUE (补发) makes the same face again and changes nothing but the reason: use AMEND or RENEW');
    }
  }
  const known = new Set(type.items.map((item) => item.code));
  const values = new Map(items.map((item) => [item.code, item.value]));
  const given = new Set<string>();
  (input.items ?? []).forEach((item, i) => {
    if (!known.has(item.code)) throw badInput(`input.items[${i}].code`, `${type.name} (${type.code}) has no item ${item.code}`);
    if (given.has(item.code)) throw badInput(`input.items[${i}].code`, `item ${item.code} is given more than once`);
    if ([...item.value].length > 2000) throw badInput(`input.items[${i}].value`, 'must be at most 2000 characters');
    given.add(item.code);
    if (item.value.trim() === '') values.delete(item.code);
    else values.set(item.code, item.value);
  });
  const holderName = input.holderName == null ? current.holderName : requireText('input.holderName', input.holderName, 200);
  const validFrom = input.validFrom == null ? current.validFrom : requireDate('input.validFrom', input.validFrom);
  let validUntil = input.validUntil == null ? current.validUntil : requireDate('input.validUntil', input.validUntil);
  if (input.kind === 'RENEW') {
    if (current.validUntil === null) throw badInput('input.kind', 'the certificate is valid without end: there is no term to renew');
    if (input.validUntil == null) {
      if (type.validityYears == null) throw badInput('input.validUntil', `required to RENEW: ${type.name} has no fixed term to extend by`);
      validUntil = termEnd(dayAfter(current.validUntil), type.validityYears);
    } else if (validUntil! <= current.validUntil) {
      throw badInput('input.validUntil', `a RENEW (延续) must end later than the current term (${current.validUntil})`);
    }
  }
  return { holderName, validFrom, validUntil, items: [...values].map(([code, value]) => ({ code, value })) };
}

/** Whether `face` differs from the current version's. */
function changesFace(current: CertificateRow, items: readonly CertificateItemRow[], face: ReturnType<typeof nextFace>): boolean {
  const before = new Map(items.map((item) => [item.code, item.value]));
  return (
    face.holderName !== current.holderName ||
    face.validFrom !== current.validFrom ||
    face.validUntil !== current.validUntil ||
    face.items.length !== before.size ||
    face.items.some((item) => before.get(item.code) !== item.value)
  );
}

/**
 * Makes the next version of certificate `id` in the name of its issuing authority `issuer`: the
 * face of the newest version changed by `input`, checked by every rule of issueCertificate
 * against the type's catalog entry as it is now (issued today, by an authority still competent
 * for the type), sealed with the issuer's current key. In one transaction, with the current
 * version locked: the current version becomes SUPERSEDED (its history says by which version and
 * why); the new one is written VALID with its items, its history (变更/延续/补发 and the reason)
 * and its CERTIFICATE_NEW_VERSION event; a status change scheduled on the current version moves to
 * the new one; the current version's open follow-ups close; and, given `recordChange`, the new
 * version's access record. Only the newest version of a VALID or EXPIRED certificate can be
 * amended: a suspended one is reinstated first, a final one stays as it is. Every input problem
 * is a BAD_USER_INPUT naming the field, and nothing is written.
 */
export async function amendCertificate(
  deps: { db: HubDatabase; catalog: CatalogLookup; kek: SecretKeyRing },
  issuer: Issuer,
  id: string,
  input: AmendCertificateInput,
  options: { today?: string; at?: Date; recordChange?: RecordChange } = {},
): Promise<CertificateRow> {
  const { db, catalog, kek } = deps;
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  const parsed = parseCertificateId(id);
  if ('problem' in parsed) throw badInput('id', parsed.problem);
  const reason = requireText('input.reason', input.reason, 500);
  // The type is in the id: read from its node before any row is locked.
  const type = await catalog.getType(parsed.typeCode);

  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(certificates).where(eq(certificates.id, id)).for('update');
    if (!locked) throw notFound(`no certificate ${id} at this node`);
    if (locked.issuerCode !== issuer.code) throw forbidden('not allowed: only the issuing authority makes new versions of a certificate', 'NOT_THE_ISSUER');
    const current = await applyDueStatus(tx, locked, today, at);
    if (current.status === 'SUPERSEDED') throw await supersededProblem(tx, current, 'id');
    if (current.origin === 'EXTERNAL') {
      throw badInput('id', 'an external certificate (外来证照) has no type in the catalog to amend it by: register the new certificate from its scan');
    }
    const status = effectiveStatus.of(current, today);
    if (status === 'SUSPENDED') throw badInput('id', 'the certificate is SUSPENDED (暂扣): set it VALID again before making a new version');
    if (status !== 'VALID' && status !== 'EXPIRED') throw badInput('id', `a ${status} certificate cannot have a new version`);
    const version = versionNumber(current) + 1;
    if (version > LAST_VERSION) throw badInput('id', `the certificate has reached version ${LAST_VERSION}, the last a 证照标识 can carry`);

    if (!type) throw badInput('id', `its type ${current.typeCode} is no longer in the catalog`);
    const notCompetent = issuerProblem(type, issuer.code);
    if (notCompetent) throw forbidden(`not allowed: ${notCompetent}`, 'NOT_COMPETENT');
    const items = await tx.select().from(certificateItems).where(eq(certificateItems.certificateId, id)).orderBy(asc(certificateItems.position));
    const face = nextFace(type, current, items, input);
    if (input.kind === 'AMEND' && !changesFace(current, items, face)) {
      throw badInput('input', 'an AMEND (变更) changes at least one of items, holderName, validFrom and validUntil: to make the same face again, REISSUE');
    }
    const word = AMENDMENT_WORDS[input.kind];
    const draft = draftOf(
      type,
      { number: current.number, holderKind: current.holderKind, holderCode: current.holderCode, issuedOn: today, ...face },
      'ISSUED',
      today,
    );
    const unsealed = versionFace({ ...draft, reason: `${word}：${reason}` }, issuer, current.serial, versionSegment(version));
    const sealed = { ...unsealed, ...sealFace(await currentSealKey(tx, kek, issuer.code, at), unsealed, unsealed.items), event: 'CERTIFICATE_NEW_VERSION' as const, enteredAt: current.enteredAt };

    // The current version leaves the number first: only one version at a time holds it.
    await tx
      .update(certificates)
      .set({ status: 'SUPERSEDED', supersededAt: at, ...NO_SCHEDULE, updatedAt: at })
      .where(eq(certificates.id, id));
    await tx.insert(statusChanges).values({
      certificateId: id,
      at,
      actor: issuer.code,
      fromStatus: status,
      toStatus: 'SUPERSEDED',
      reason: `${word}为第${version}版 ${sealed.id}：${reason}`,
      effectiveOn: today,
    });
    const [written] = await writeCertificates(tx, [sealed], at);
    if (written === undefined) throw new Error(`version ${version} of ${id} could not be written`);
    const { pendingStatus, pendingEffectiveOn, pendingReason, pendingActor, pendingAt } = current;
    const [row] =
      pendingStatus === null
        ? await tx.select().from(certificates).where(eq(certificates.id, written))
        : await tx
            .update(certificates)
            .set({ pendingStatus, pendingEffectiveOn, pendingReason, pendingActor, pendingAt })
            .where(eq(certificates.id, written))
            .returning();
    await closeFollowUps(tx, id, at, `${word}为第${version}版 ${written}`);
    await options.recordChange?.(tx, row!);
    return row!;
  });
}
