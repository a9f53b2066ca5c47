import { desc, eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { caseNumberProblem } from '../../lib/case-number.js';
import { badInput } from '../../lib/errors.js';
import type { Principal } from '../../lib/principal.js';
import { hmacHex, type SecretKey } from '../kit/secret-keys.js';
import { accessRecords, type AccessRecordRow, type ActorKind, type NewAccessRecord } from './db/schema.js';

/** The access log's drizzle-kit migrations (`npx tsx scripts/db-generate.ts audit`). */
export const auditMigrationsFolder = new URL('./db/migrations', import.meta.url).pathname;

/** The prev_hash of a node's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Class of the advisory lock that serialises appends to one node's chain (the node's code is
 * the object id). Transaction-scoped: released by the commit or rollback of the append.
 */
const CHAIN_LOCK_CLASS = 0x61756474; // 'audt'

/** Takes the lock of `node`'s chain for the rest of the transaction `tx`: appends queue behind it. */
export async function lockChain(tx: HubDatabase, node: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_CLASS}::int, hashtext(${node}))`);
}

/** Whom a record is about: a certificate, its holder, or both (a legal entity is its own holder). */
export interface AuditSubject {
  certificateId?: string | null;
  holderCode?: string | null;
}

/** One access record before it is chained: what the request did to one certificate or holder. */
export interface AuditEntry {
  actor: string;
  actorKind: ActorKind;
  /** The actor's name from its token (an agency's, a holder's); null when it has none. */
  actorName: string | null;
  purpose: string | null;
  requestId: string;
  clientRequestId: string | null;
  certificateId: string | null;
  holderCode: string | null;
  /** Sorted, without repeats. */
  fields: string[];
  /** What a change changed, as JSON; null for reads. */
  detail: string | null;
  /** 办件号: the case number of the application the request served; null without one. */
  caseNumber: string | null;
  /** The holder's consent (授权用证) the read was allowed under; null for none. */
  consentId: string | null;
}

/** The columns a record's hash covers: all but seq (the chain's order), the two hashes and the key id. */
export type HashedColumns = Pick<
  AccessRecordRow,
  'at' | 'actor' | 'actorKind' | 'purpose' | 'certificateId' | 'holderCode' | 'fields' | 'requestId' | 'node' | 'clientRequestId' | 'detail'
> &
  Partial<Pick<AccessRecordRow, 'actorName' | 'caseNumber' | 'consentId'>>;

/**
 * The canonical serialisation of a record: a JSON array of its columns in a fixed order, `at`
 * as ISO 8601 in UTC with milliseconds (what JavaScript writes and PostgreSQL gives back).
 * Columns added later extend it only when they hold something, so records written before them
 * (null there) keep the form their hash was made over:
 * - `actorName` is a twelfth element when it is not null (and both below are null);
 * - when `caseNumber` or `consentId` is not null, `actorName` (null or not), `caseNumber` and
 *   `consentId` are the twelfth to fourteenth elements.
 * So eleven elements say no name, case number or consent; twelve a name alone; fourteen a case
 * number or a consent. Any of them set or cleared afterwards changes the form, so it breaks the
 * hash like any other edit.
 */
export function canonicalRecord(record: HashedColumns): string {
  const columns: unknown[] = [
    record.at.toISOString(),
    record.actor,
    record.actorKind,
    record.purpose,
    record.certificateId,
    record.holderCode,
    record.fields,
    record.requestId,
    record.node,
    record.clientRequestId ?? null,
    record.detail ?? null,
  ];
  if (record.caseNumber != null || record.consentId != null) {
    columns.push(record.actorName ?? null, record.caseNumber ?? null, record.consentId ?? null);
  } else if (record.actorName != null) {
    columns.push(record.actorName);
  }
  return JSON.stringify(columns);
}

/**
 * The record's hash: hex HMAC-SHA-256, with the node's audit key, of the previous record's hash
 * followed by the record's canonical serialisation. Without the key nobody can make a hash the
 * chain accepts, so a record edited, inserted or deleted in the database stays visible.
 */
export function recordHash(key: SecretKey, prevHash: string, record: HashedColumns): string {
  return hmacHex(key, prevHash, canonicalRecord(record));
}

/** Who a record names as the actor, with the name the principal's token gave (if any). */
function actorOf(principal: Principal): { actor: string; actorKind: ActorKind; actorName: string | null } {
  if (principal.kind === 'public') return { actor: 'public', actorKind: 'public', actorName: null };
  if (principal.kind === 'service') return { actor: principal.code, actorKind: 'service', actorName: null };
  return { actor: principal.code, actorKind: principal.kind, actorName: principal.name ?? null };
}

/** The chain a node appends to: its code and its current audit key. */
export interface AuditChain {
  node: string;
  key: SecretKey;
  /**
   * Told how many records each write inserted (the node's metrics). Counted when inserted: a
   * transaction that rolls back afterwards (a failed change) still counted them.
   */
  onWritten?: (records: number) => void;
}

/** Statements one append costs, whatever the number of records: lock, read the head, INSERT. */
export const AUDIT_APPEND_STATEMENTS = 3;

/** How records are written: `at` backdates them (see writeAuditRecords). */
export interface AuditWriteOptions {
  /**
   * The instant the records carry instead of now: for history written into a new node before it
   * has logged anything (the demo seed's past reads). The chain does not check time, so the
   * caller keeps a node's records in time order by writing them oldest first, before any other.
   */
  at?: Date;
}

/**
 * Appends `entries` to the node's chain in ONE transaction: see writeAuditRecords. Nothing is
 * written for no entries.
 */
export async function appendAuditRecords(db: HubDatabase, chain: AuditChain, entries: readonly AuditEntry[], options: AuditWriteOptions = {}): Promise<void> {
  if (entries.length === 0) return;
  await db.transaction((tx) => writeAuditRecords(tx, chain, entries, options));
}

/**
 * Appends `entries` to the node's chain inside the caller's transaction `tx`: takes the node's
 * chain lock (held until `tx` ends, so concurrent appends queue instead of forking the chain),
 * reads the last hash, and inserts every entry chained in one multi-row INSERT. `at` is read
 * under the lock, so (as long as the node's clock does not go back) a node's records are in
 * time order as well as in seq order; `options.at` replaces it (see AuditWriteOptions).
 */
export async function writeAuditRecords(tx: HubDatabase, chain: AuditChain, entries: readonly AuditEntry[], options: AuditWriteOptions = {}): Promise<void> {
  if (entries.length === 0) return;
  const { node, key } = chain;
  await lockChain(tx, node);
  const [last] = await tx
    .select({ hash: accessRecords.hash })
    .from(accessRecords)
    .where(eq(accessRecords.node, node))
    .orderBy(desc(accessRecords.seq))
    .limit(1);
  const at = options.at ?? new Date();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: NewAccessRecord[] = entries.map((entry) => {
    const columns: HashedColumns = { at, node, ...entry };
    const hash = recordHash(key, prevHash, columns);
    const row = { ...columns, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One INSERT from arrays, one parameter per column: a multi-row VALUES list would bind fourteen
  // parameters per record, which costs more than the write itself for a page of hundreds.
  const column = <K extends keyof NewAccessRecord>(key: K) => sql.param(rows.map((row) => row[key] ?? null));
  await tx.execute(sql`
    insert into ${accessRecords} (at, actor, actor_kind, actor_name, purpose, certificate_id, holder_code, fields, request_id,
                                  client_request_id, detail, case_number, consent_id, node, prev_hash, hash, key_id)
    select ${at.toISOString()}::timestamptz, t.actor, t.actor_kind, t.actor_name, t.purpose, t.certificate_id, t.holder_code,
           array(select jsonb_array_elements_text(t.fields::jsonb)), t.request_id, t.client_request_id, t.detail, t.case_number,
           t.consent_id, ${node}, t.prev_hash, t.hash, ${key.id}
    from unnest(${column('actor')}::text[], ${column('actorKind')}::text[], ${column('actorName')}::text[], ${column('purpose')}::text[],
                ${column('certificateId')}::text[], ${column('holderCode')}::text[],
                ${sql.param(rows.map((row) => JSON.stringify(row.fields)))}::text[], ${column('requestId')}::text[],
                ${column('clientRequestId')}::text[], ${column('detail')}::text[], ${column('caseNumber')}::text[],
                ${column('consentId')}::text[], ${column('prevHash')}::text[], ${column('hash')}::text[])
      with ordinality as t(actor, actor_kind, actor_name, purpose, certificate_id, holder_code, fields, request_id, client_request_id,
                           detail, case_number, consent_id, prev_hash, hash, n)
    order by t.n`);
  chain.onWritten?.(rows.length);
}

interface PendingRecord {
  certificateId: string | null;
  holderCode: string | null;
  fields: Set<string>;
  detail?: string | null;
  consentId: string | null;
}

/** What a read was allowed under, beside what it returned (AuditRecorder.record). */
export interface AuditRecordOptions {
  /** The holder's consent (授权用证) that let the fields be read. */
  consentId?: string | null;
}

const subjectKey = (subject: AuditSubject): string =>
  subject.certificateId ? `c:${subject.certificateId}` : subject.holderCode ? `h:${subject.holderCode}` : '';

/**
 * The access records of one request, collected in memory while it runs (by the audit
 * middleware, see middleware.ts) and written together when it ends. Entries about
 * the same certificate (or, without a certificate, the same holder) become one record with
 * the union of their fields; a record with no fields is never written. Every record carries
 * the request's case number (办件号: see caseNumber).
 */
export class AuditRecorder {
  readonly #pending = new Map<string, PendingRecord>();
  /** Changes already written inside their own transaction (see writeChange), by subject. */
  readonly #written = new Map<string, number>();
  readonly #actor: { actor: string; actorKind: ActorKind; actorName: string | null };
  #caseNumber: string | null;

  constructor(
    private readonly request: {
      chain: AuditChain;
      principal: Principal;
      purpose: string | null;
      requestId: string;
      clientRequestId?: string | null;
      /** 办件号 as the request stated it (X-Case-Number). */
      caseNumber?: string | null;
    },
  ) {
    this.#actor = actorOf(request.principal);
    this.#caseNumber = request.caseNumber ?? null;
  }

  /**
   * The case number (办件号) the records of this request carry: the one the request stated
   * (X-Case-Number), or the one a resolver set with useCaseNumber; null without either.
   */
  get caseNumber(): string | null {
    return this.#caseNumber;
  }

  /**
   * Makes `caseNumber`, a resolver's argument, the case number of every record this request
   * writes from now on: the records it notes are written when it ends, so they all carry it;
   * a change already written inside its own transaction keeps the one it was written with.
   * Null or undefined (the argument not given) leaves the request's own. A case number that
   * caseNumberProblem refuses is BAD_USER_INPUT naming `field`. Answers the case number the
   * records now carry.
   */
  useCaseNumber(caseNumber: string | null | undefined, field = 'caseNumber'): string | null {
    if (caseNumber === null || caseNumber === undefined) return this.#caseNumber;
    const problem = caseNumberProblem(caseNumber);
    if (problem) throw badInput(field, problem);
    this.#caseNumber = caseNumber.trim();
    return this.#caseNumber;
  }

  /**
   * Notes that `fields` about `subject` were returned (or changed) in this request, with the
   * holder's consent they were read under (`options.consentId`), if any: once one of the
   * subject's entries names a consent, its record carries that consent.
   */
  record(subject: AuditSubject, fields: Iterable<string>, options?: AuditRecordOptions): void {
    const key = subjectKey(subject);
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = { certificateId: subject.certificateId ?? null, holderCode: subject.holderCode ?? null, fields: new Set(), consentId: null };
      this.#pending.set(key, pending);
    }
    // An item's entry names only its certificate; the certificate's own entries name the holder.
    pending.holderCode ??= subject.holderCode ?? null;
    pending.consentId ??= options?.consentId ?? null;
    for (const field of fields) pending.fields.add(field);
  }

  /** The chain this request's records go to. */
  get chain(): AuditChain {
    return this.request.chain;
  }

  /** Notes a change (`change` is the mutation's name), unless writeChange already wrote it. */
  recordChange(change: string, subject: AuditSubject): void {
    const key = `${change}\u0000${subjectKey(subject)}`;
    const written = this.#written.get(key) ?? 0;
    if (written > 0) this.#written.set(key, written - 1);
    else this.record(subject, [change]);
  }

  /**
   * Writes the record of a change at once, inside the transaction `tx` that makes it, so the
   * change and its record commit together or not at all. The audit middleware's later note of
   * the same change is then skipped.
   */
  async writeChange(tx: HubDatabase, change: string, subject: AuditSubject, detail: unknown = null): Promise<void> {
    await this.writeChanges(tx, change, [subject], detail);
  }

  /**
   * writeChange for many subjects of one change (a batch of imported certificates): one INSERT.
   * `detail` (JSON-serialisable: e.g. a definition before and after) goes into each record.
   */
  async writeChanges(tx: HubDatabase, change: string, subjects: readonly AuditSubject[], detail: unknown = null): Promise<void> {
    const text = detail === null || detail === undefined ? null : JSON.stringify(detail);
    const entries = subjects.map((subject) =>
      this.#entry({
        certificateId: subject.certificateId ?? null,
        holderCode: subject.holderCode ?? null,
        fields: new Set([change]),
        detail: text,
        consentId: null,
      }),
    );
    await writeAuditRecords(tx, this.request.chain, entries);
    for (const subject of subjects) {
      const key = `${change}\u0000${subjectKey(subject)}`;
      this.#written.set(key, (this.#written.get(key) ?? 0) + 1);
    }
  }

  /** The request's records (those with fields), merged per certificate or holder; forgets them. */
  take(): AuditEntry[] {
    const entries = [...this.#pending.values()].filter((pending) => pending.fields.size > 0).map((pending) => this.#entry(pending));
    this.#pending.clear();
    return entries;
  }

  #entry(pending: PendingRecord): AuditEntry {
    return {
      ...this.#actor,
      purpose: this.request.purpose,
      requestId: this.request.requestId,
      clientRequestId: this.request.clientRequestId ?? null,
      certificateId: pending.certificateId,
      holderCode: pending.holderCode,
      fields: [...pending.fields].sort(),
      detail: pending.detail ?? null,
      caseNumber: this.#caseNumber,
      consentId: pending.consentId,
    };
  }
}
