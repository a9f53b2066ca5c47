import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { certificateIdProblem, residentIdProblem, usccProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import { accessRecords, type AccessRecordRow } from './db/schema.js';

export const MAX_ACCESS_LOG = 500;

export interface AccessLogArgs {
  holderCode?: string | null;
  certificateId?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * A record's place in the hub's one order of access records: `at` descending, then the node's
 * code ascending (by code unit), then `seq` descending. Every record has its own place (a node's
 * seq is unique), so the order is total across nodes: each node answers the records after a
 * place, and the gateway's merge (gateway/merge.ts accessLogMerger compares the same three
 * keys) gives what one list of every node's records would.
 */
export interface AccessLogPosition {
  /** ISO 8601 in UTC with milliseconds: records are written from a JavaScript Date (log.ts). */
  at: string;
  node: string;
  seq: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NODE_CODE = /^[0-9A-Za-z]{1,32}$/;

/** The cursor of a record: opaque to clients, the same position at every node. */
export function encodeAccessCursor(record: Pick<AccessRecordRow, 'at' | 'node' | 'seq'>): string {
  return Buffer.from(JSON.stringify([record.at.toISOString(), record.node, record.seq])).toString('base64url');
}

/** Decodes a cursor made by encodeAccessCursor, or BAD_USER_INPUT naming `field`. */
export function decodeAccessCursor(cursor: string, field = 'after'): AccessLogPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [at, node, seq] = value as unknown[];
      if (
        typeof at === 'string' &&
        ISO_INSTANT.test(at) &&
        !Number.isNaN(Date.parse(at)) &&
        new Date(at).toISOString() === at &&
        typeof node === 'string' &&
        NODE_CODE.test(node) &&
        typeof seq === 'number' &&
        Number.isSafeInteger(seq) &&
        seq > 0
      ) {
        return { at, node, seq };
      }
    }
  } catch {
    // fall through to the client error below
  }
  throw badInput(field, 'not a cursor of accessLog (pass the `cursor` of the last record of the page before)');
}

/**
 * The condition "after `position`" for the records of `node`: its records share the node code,
 * so where they stand against a record of another node is decided by `at` alone, and against
 * one of its own by (`at`, `seq`).
 */
function afterPosition(node: string, position: AccessLogPosition): SQL {
  const at = sql`${position.at}::timestamptz`;
  if (node === position.node) return sql`(${accessRecords.at}, ${accessRecords.seq}) < (${at}, ${position.seq}::bigint)`;
  // At the same instant this node's records come after the position's node when its code is greater.
  return node > position.node ? sql`${accessRecords.at} <= ${at}` : sql`${accessRecords.at} < ${at}`;
}

/**
 * The node's access records in the hub's order (newest first: see AccessLogPosition), for
 * Query.accessLog: an auditor reads any records (the filters are optional), a holder only those
 * about itself (another holder's code is FORBIDDEN), everyone else nothing. With `after` (a
 * record's cursor), only the records after it. Each argument problem is a BAD_USER_INPUT naming it.
 */
export async function readAccessLog(db: HubDatabase, node: string, principal: Principal, args: AccessLogArgs): Promise<AccessRecordRow[]> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ACCESS_LOG) throw badInput('first', `must be between 1 and ${MAX_ACCESS_LOG}`);
  const after = args.after == null ? null : decodeAccessCursor(args.after);
  const certificateId = args.certificateId ?? null;
  if (certificateId !== null) {
    const problem = certificateIdProblem(certificateId);
    if (problem) throw badInput('certificateId', problem);
  }
  let holderCode = args.holderCode ?? null;
  if (holderCode !== null && residentIdProblem(holderCode) && usccProblem(holderCode)) {
    throw badInput('holderCode', 'neither a resident ID number nor a unified social credit code');
  }
  if (principal.kind === 'holder') {
    if (holderCode !== null && holderCode !== principal.code) {
      throw forbidden('not authorized to read access records about another holder: a holder reads only those about itself', 'NOT_THE_HOLDER');
    }
    holderCode = principal.code;
  } else if (!hasRole(principal, 'auditor')) {
    throw forbidden('not authorized to read access records: the auditor role is needed (a holder reads those about itself)', 'ROLE_REQUIRED', 'auditor');
  }
  return db
    .select()
    .from(accessRecords)
    .where(
      and(
        eq(accessRecords.node, node),
        holderCode === null ? undefined : eq(accessRecords.holderCode, holderCode),
        certificateId === null ? undefined : eq(accessRecords.certificateId, certificateId),
        after === null ? undefined : afterPosition(node, after),
      ),
    )
    // Not seq alone, though a node appends in time order: a clock set back would put a later seq
    // at an earlier instant, and the pages merged across nodes would then gap or repeat.
    .orderBy(desc(accessRecords.at), desc(accessRecords.seq))
    .limit(first);
}
