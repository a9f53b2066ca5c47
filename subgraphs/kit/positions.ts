import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { NodeSeqPosition } from '../../lib/order.js';

/**
 * The condition "after `position`" in the hub's order of appended rows (lib/order.ts
 * NodeSeqPosition) for the rows of `node`, given their `at` and `seq` columns: its rows share the
 * node code, so where they stand against a row of another node is decided by `at` alone, and
 * against one of its own by (`at`, `seq`).
 */
export function afterNodeSeq(columns: { at: AnyColumn; seq: AnyColumn }, node: string, position: NodeSeqPosition): SQL {
  const at = sql`${position.at}::timestamptz`;
  if (node === position.node) return sql`(${columns.at}, ${columns.seq}) < (${at}, ${position.seq}::bigint)`;
  // At the same instant this node's rows come after the position's node when its code is greater.
  return node > position.node ? sql`${columns.at} <= ${at}` : sql`${columns.at} < ${at}`;
}
