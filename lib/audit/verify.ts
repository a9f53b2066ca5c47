import { and, asc, eq, gt } from 'drizzle-orm';
import type { HubDatabase } from '../db.js';
import { accessRecords } from './db/schema.js';
import { GENESIS_HASH, recordHash } from './log.js';

/** What verifying one node's chain found (the contract's AuditChainStatus). */
export interface ChainStatus {
  node: string;
  records: number;
  intact: boolean;
  /** The first record whose hash or link does not hold; null when intact. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Why a record's link to `before` breaks: records between them are gone, or `before` was rewritten. */
function missingOrRewritten(before: number, seq: number): string {
  if (seq === before + 1) return `record ${before} was rewritten`;
  return seq === before + 2 ? `record ${before + 1} was deleted` : `records ${before + 1} to ${seq - 1} were deleted`;
}

/**
 * Verifies the node's chain: recomputes every record's hash in seq order and checks that each
 * record's prev_hash is the hash of the record before it. Finds
 * - a record edited in place (its hash no longer matches its content): that record;
 * - a record deleted (the next record's prev_hash names a hash no longer there): the record
 *   after the gap;
 * - a record edited with its hash recomputed (the next record's link breaks): the next record.
 * It cannot find a truncated tail: deleting the newest records leaves a shorter chain that is
 * valid in itself. Only an anchor kept elsewhere (the head's hash, published from time to time)
 * would show that. Reads `batchSize` records per statement, so memory stays flat.
 */
export async function verifyAuditChain(db: HubDatabase, node: string, batchSize = 1000): Promise<ChainStatus> {
  let records = 0;
  let previous: { seq: number; hash: string } | null = null;
  let broken: { seq: number; reason: string } | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(accessRecords)
      .where(and(eq(accessRecords.node, node), previous ? gt(accessRecords.seq, previous.seq) : undefined))
      .orderBy(asc(accessRecords.seq))
      .limit(batchSize);
    for (const row of rows) {
      records++;
      if (!broken) {
        const expectedPrev = previous?.hash ?? GENESIS_HASH;
        if (recordHash(row.prevHash, row) !== row.hash) {
          broken = { seq: row.seq, reason: `record ${row.seq} does not match its hash: it was changed` };
        } else if (row.prevHash !== expectedPrev) {
          broken = {
            seq: row.seq,
            reason: previous
              ? `record ${row.seq} does not follow record ${previous.seq}: ${missingOrRewritten(previous.seq, row.seq)}`
              : `record ${row.seq} is the first but does not start the chain: the records before it were deleted`,
          };
        }
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < batchSize) break;
  }
  return { node, records, intact: broken === null, firstBrokenSeq: broken?.seq ?? null, reason: broken?.reason ?? null };
}
