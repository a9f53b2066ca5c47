import { and, desc, eq } from 'drizzle-orm';
import { certificateIdProblem, residentIdProblem, usccProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { decodeNodeSeqCursor, encodeNodeSeqCursor, type NodeSeqPosition } from '../../lib/order.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import { afterNodeSeq } from '../kit/positions.js';
import { accessRecords, type AccessRecordRow } from './db/schema.js';

export const MAX_ACCESS_LOG = 500;

export interface AccessLogArgs {
  holderCode?: string | null;
  certificateId?: string | null;
  first?: number | null;
  after?: string | null;
}

/** The cursor of a record: its place in the hub's order (lib/order.ts NodeSeqPosition). */
export const encodeAccessCursor = (record: Pick<AccessRecordRow, 'at' | 'node' | 'seq'>): string => encodeNodeSeqCursor(record);

/** Decodes a cursor made by encodeAccessCursor, or BAD_USER_INPUT naming `field`. */
export const decodeAccessCursor = (cursor: string, field = 'after'): NodeSeqPosition =>
  decodeNodeSeqCursor(cursor, field, 'not a cursor of accessLog (pass the `cursor` of the last record of the page before)');

/**
 * The node's access records in the hub's order (newest first: lib/order.ts NodeSeqPosition), for
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
        after === null ? undefined : afterNodeSeq({ at: accessRecords.at, seq: accessRecords.seq }, node, after),
      ),
    )
    // Not seq alone, though a node appends in time order: a clock set back would put a later seq
    // at an earlier instant, and the pages merged across nodes would then gap or repeat.
    .orderBy(desc(accessRecords.at), desc(accessRecords.seq))
    .limit(first);
}
