/**
 * Converting the paper stock (存量证照电子化转换): batches of rows of one type, checked by the rules
 * of issueCertificate and stored as CONVERTED, sealed certificates of the calling issuer — written
 * a batch at a time (one statement per table), signed on every core (lib/seal-pool.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { isoDate, typeCodeProblem, usccProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { issuerProblem } from '../kit/catalog-lookup.js';
import { signSeals } from '../../lib/seal/seal.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import type { BatchSigner } from '../../lib/seal/seal-pool.js';
import type { CatalogLookup } from './catalog.js';
import { certificates } from './db/schema.js';
import type { ImportRowInput } from './generated/resolvers.js';
import { currentSealKey, signedPayloadOf } from './sealing.js';
import { draftOf, type CertificateDraft, type Issuer } from './service.js';
import { faceOf, reserveSerials, writeCertificates, type WriteInstrument } from './writing.js';

/** The most rows one importCertificates call takes: a batch stays one short request. */
export const IMPORT_MAX_ROWS = 500;

/** A row the rules of issueCertificate refused: its line, the input field at fault and why. */
export interface ImportRejection {
  line: number;
  field: string | null;
  reason: string;
}

export interface ImportOutcome {
  imported: number;
  skipped: number;
  rejected: ImportRejection[];
}

/** Writes the access records of the certificates a batch stored, inside the batch's transaction. */
export type RecordChanges = (tx: HubDatabase, stored: ReadonlyArray<{ id: string; holderCode: string }>) => Promise<void>;

/** Signing one payload after the other on this thread: for callers without a pool. */
export const signInline: BatchSigner = async (privateKey, payloads) => signSeals(privateKey, payloads);

/** The rejection a BAD_USER_INPUT from the rules makes of a row; null for any other error. */
function rejectionOf(line: number, error: unknown): ImportRejection | null {
  if (!(error instanceof GraphQLError) || error.extensions['code'] !== 'BAD_USER_INPUT') return null;
  const field = typeof error.extensions['field'] === 'string' ? error.extensions['field'] : null;
  const reason = field !== null && error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
  return { line, field: field?.replace(/^input\./, '') ?? null, reason };
}

/**
 * Converts paper certificates of one type in the name of `issuer`, in four steps:
 * 1. every row is checked by the rules of issueCertificate (a BAD_USER_INPUT rejects that row
 *    only, with its line); a row whose number the issuer already holds for the type, or that
 *    repeats a number earlier in the batch, is skipped — so sending the same rows again (a
 *    rerun, a retry after an interrupted call) stores nothing twice;
 * 2. one short transaction reserves a serial for each remaining row and reads the issuer's
 *    current seal key (made at its first sealing);
 * 3. the faces are sealed outside any transaction, on the signer's threads, so the node's
 *    database serves other requests meanwhile;
 * 4. one transaction stores the batch (writing.ts) — certificates, items, history and access
 *    records, one statement each. A number stored by a concurrent call in the meantime is
 *    skipped there (ON CONFLICT), its reserved serial left unused: serials are never reused, so
 *    a batch that fails after step 2 leaves a gap, never a duplicate.
 * Any error other than a row's BAD_USER_INPUT (the type unknown, the database down) fails the
 * call with nothing of the batch stored; the batches before it stay stored, and a rerun skips them.
 */
export async function importCertificates(
  deps: { db: HubDatabase; catalog: CatalogLookup; kek: SecretKeyRing; sign?: BatchSigner; instrument?: WriteInstrument },
  issuer: Issuer,
  typeCode: string,
  rows: readonly ImportRowInput[],
  options: { today?: string; at?: Date; recordChanges?: RecordChanges } = {},
): Promise<ImportOutcome> {
  const { db } = deps;
  const at = options.at ?? new Date();
  const today = options.today ?? isoDate(at);
  if (rows.length > IMPORT_MAX_ROWS) throw badInput('rows', `at most ${IMPORT_MAX_ROWS} rows a call, not ${rows.length}`);
  if (usccProblem(issuer.code)) throw forbidden('not allowed: only an agency identified by a unified social credit code can issue certificates');
  const typeProblem = typeCodeProblem(typeCode);
  if (typeProblem) throw badInput('typeCode', typeProblem);
  const type = await deps.catalog.getType(typeCode);
  if (!type) throw badInput('typeCode', `no certificate type ${typeCode} in the catalog`);
  const notCompetent = issuerProblem(type, issuer.code);
  if (notCompetent) throw forbidden(`not allowed: ${notCompetent}`, 'NOT_COMPETENT');

  // Numbers are stored trimmed; the existence check compares them the same way.
  const numbers = [...new Set(rows.map((row) => row.number.trim()).filter((number) => number !== ''))];
  const held = new Set<string>();
  if (numbers.length > 0) {
    const existing = await db
      .select({ number: certificates.number })
      .from(certificates)
      .where(and(eq(certificates.typeCode, type.code), eq(certificates.issuerCode, issuer.code), sql`${certificates.number} = ANY(${sql.param(numbers)})`));
    for (const { number } of existing) held.add(number);
  }

  const outcome: ImportOutcome = { imported: 0, skipped: 0, rejected: [] };
  const drafts: CertificateDraft[] = [];
  for (const { line, ...row } of rows) {
    if (held.has(row.number.trim())) {
      outcome.skipped++;
      continue;
    }
    try {
      const draft = draftOf(type, row, 'CONVERTED', today);
      held.add(draft.number);
      drafts.push(draft);
    } catch (error) {
      const rejection = rejectionOf(line, error);
      if (!rejection) throw error;
      outcome.rejected.push(rejection);
    }
  }
  if (drafts.length === 0) return outcome;

  const { first, key } = await db.transaction(async (tx) => ({
    first: await reserveSerials(tx, issuer.code, drafts.length),
    key: await currentSealKey(tx, deps.kek, issuer.code, at),
  }));

  const faces = drafts.map((draft, offset) => faceOf(draft, issuer, first, offset));
  const signatures = await (deps.sign ?? signInline)(
    key.privateKey,
    faces.map((face) => signedPayloadOf(face, face.items)),
  );
  const sealed = faces.map((face, i) => ({ ...face, sealKeyId: key.keyId, sealSignature: signatures[i]! }));

  const stored = await db.transaction(async (tx) => {
    const written = new Set(await writeCertificates(tx, sealed, at, deps.instrument));
    const kept = sealed.filter((certificate) => written.has(certificate.id));
    if (kept.length > 0) await options.recordChanges?.(tx, kept.map(({ id, holderCode }) => ({ id, holderCode })));
    return kept.length;
  });
  outcome.imported = stored;
  outcome.skipped += faces.length - stored;
  return outcome;
}
