import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import type { SecretKeyRing } from '../kit/secret-keys.js';
import { accessRecords, anchors, type AnchorRow } from './db/schema.js';
import { GENESIS_HASH, lockChain, recordHash, type AuditChain } from './log.js';

/** One anchor of a node's chain head, as the province keeps it. */
export interface AnchorModel {
  node: string;
  seq: number;
  hash: string;
  anchoredAt: Date;
  confirmedAt: Date;
}

/** What verifying one node's chain found (the contract's AuditChainStatus). */
export interface ChainStatus {
  node: string;
  records: number;
  intact: boolean;
  /** The first record whose hash or link does not hold; null when intact. */
  firstBrokenSeq: number | null;
  reason: string | null;
  /** The chain's head: its last record's sequence number and hash (null without records). */
  lastSeq: number | null;
  lastHash: string | null;
  /** When the head was last anchored at the province (confirmed or new); null when never. */
  lastAnchorAt: string | null;
  /** How many anchors the chain was compared with. */
  anchorsChecked: number;
  /** Whether the anchors could be read: when not, only the chain's own links were checked. */
  anchorsAvailable: boolean;
}

/** Why a record's link to `before` breaks: records between them are gone, or `before` was rewritten. */
function missingOrRewritten(before: number, seq: number): string {
  if (seq === before + 1) return `record ${before} was rewritten`;
  return seq === before + 2 ? `record ${before + 1} was deleted` : `records ${before + 1} to ${seq - 1} were deleted`;
}

/**
 * Verifies the node's chain: recomputes every record's HMAC with the audit key it names (one of
 * `keys`) in seq order, checks that each record's prev_hash is the hash of the record before it,
 * then compares the chain with its anchors (kept at the province, outside the node). Finds
 * - a record edited in place (its HMAC no longer matches its content): that record;
 * - a record deleted (the next record's prev_hash names a hash no longer there): the record
 *   after the gap;
 * - a record edited with a hash recomputed (which needs the key): the next record's link, or
 *   an anchor that recorded the old hash;
 * - a record without a key, or with a key the node does not hold: that record;
 * - records deleted from the end of the chain: an anchor recorded a later head;
 * Reads `batchSize` records per statement, so memory stays flat.
 */
export async function verifyAuditChain(
  db: HubDatabase,
  node: string,
  keys: SecretKeyRing,
  anchorsOfNode: readonly AnchorModel[] | null,
  batchSize = 1000,
): Promise<ChainStatus> {
  const byId = new Map(keys.all.map((key) => [key.id, key]));
  const anchorsBySeq = new Map<number, AnchorModel[]>();
  for (const anchor of anchorsOfNode ?? []) anchorsBySeq.set(anchor.seq, [...(anchorsBySeq.get(anchor.seq) ?? []), anchor]);
  let records = 0;
  let previous: { seq: number; hash: string } | null = null;
  let broken: { seq: number; reason: string } | null = null;
  const breakAt = (seq: number, reason: string) => {
    broken ??= { seq, reason };
  };
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
        const key = row.keyId === null ? undefined : byId.get(row.keyId);
        if (!key) {
          breakAt(row.seq, row.keyId === null ? `record ${row.seq} is not keyed: it was not written by the node` : `record ${row.seq} names audit key ${row.keyId}, which the node does not hold`);
        } else if (recordHash(key, row.prevHash, row) !== row.hash) {
          breakAt(row.seq, `record ${row.seq} does not match its hash: it was changed`);
        } else if (row.prevHash !== expectedPrev) {
          breakAt(
            row.seq,
            previous
              ? `record ${row.seq} does not follow record ${previous.seq}: ${missingOrRewritten(previous.seq, row.seq)}`
              : `record ${row.seq} is the first but does not start the chain: the records before it were deleted`,
          );
        }
        for (const anchor of anchorsBySeq.get(row.seq) ?? []) {
          if (anchor.hash !== row.hash) breakAt(row.seq, `record ${row.seq} is not the one anchored on ${anchor.anchoredAt.toISOString()}: it was rewritten`);
        }
      }
      previous = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < batchSize) break;
  }
  const lastSeq = previous?.seq ?? null;
  const beyond = (anchorsOfNode ?? []).filter((anchor) => lastSeq === null || anchor.seq > lastSeq).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    breakAt(
      (lastSeq ?? 0) + 1,
      `records ${(lastSeq ?? 0) + 1} to ${beyond.seq} were deleted: the chain was anchored at record ${beyond.seq} on ${beyond.anchoredAt.toISOString()}`,
    );
  }
  const lastAnchor = (anchorsOfNode ?? []).reduce<Date | null>((latest, anchor) => (latest === null || anchor.confirmedAt > latest ? anchor.confirmedAt : latest), null);
  const settled = broken as { seq: number; reason: string } | null;
  return {
    node,
    records,
    intact: settled === null,
    firstBrokenSeq: settled?.seq ?? null,
    reason: settled?.reason ?? null,
    lastSeq,
    lastHash: previous?.hash ?? null,
    lastAnchorAt: lastAnchor?.toISOString() ?? null,
    anchorsChecked: anchorsOfNode?.length ?? 0,
    anchorsAvailable: anchorsOfNode !== null,
  };
}

/** The head of a node's chain: its last record's sequence number and hash; null without records. */
export async function chainHead(db: HubDatabase, node: string): Promise<{ seq: number; hash: string } | null> {
  const [head] = await db
    .select({ seq: accessRecords.seq, hash: accessRecords.hash })
    .from(accessRecords)
    .where(eq(accessRecords.node, node))
    .orderBy(desc(accessRecords.seq))
    .limit(1);
  return head ?? null;
}

/**
 * Keeps an anchor of `node`'s head (at the province): a head seen before is confirmed (its
 * confirmed_at moves on), a new one is added. Anchors are never changed otherwise or removed.
 */
export async function recordAnchor(db: HubDatabase, node: string, head: { seq: number; hash: string }, at = new Date()): Promise<AnchorModel> {
  const [row] = await db
    .insert(anchors)
    .values({ node, seq: head.seq, hash: head.hash, anchoredAt: at, confirmedAt: at })
    .onConflictDoUpdate({ target: [anchors.node, anchors.seq, anchors.hash], set: { confirmedAt: at } })
    .returning();
  return anchorModel(row!);
}

/** The anchors kept of `node`, oldest first. */
export async function anchorsOf(db: HubDatabase, node: string): Promise<AnchorModel[]> {
  const rows = await db.select().from(anchors).where(eq(anchors.node, node)).orderBy(asc(anchors.seq), asc(anchors.id));
  return rows.map(anchorModel);
}

const anchorModel = (row: AnchorRow): AnchorModel => ({
  node: row.node,
  seq: row.seq,
  hash: row.hash,
  anchoredAt: row.anchoredAt,
  confirmedAt: row.confirmedAt,
});

/** The unkeyed hash records had before the log was keyed: SHA-256 of the previous hash and the old canonical form. */
function legacyHash(prevHash: string, row: typeof accessRecords.$inferSelect): string {
  const canonical = JSON.stringify([
    row.at.toISOString(),
    row.actor,
    row.actorKind,
    row.purpose,
    row.certificateId,
    row.holderCode,
    row.fields,
    row.requestId,
    row.node,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * Keys a chain written before the access log was keyed (records without a key id): checks it is
 * intact by its old unkeyed SHA-256 links, then recomputes every record's hash as an HMAC with
 * the node's current audit key, in one transaction, `batchSize` records at a time. Runs once, at
 * the node's first start with an audit key. A chain found broken is left as it is — keying it
 * would launder the damage — and its unkeyed records then show as not written by the node.
 */
export async function keyLegacyChain(db: HubDatabase, chain: AuditChain, batchSize = 1000): Promise<{ keyed: number; broken: string | null }> {
  const [legacy] = await db
    .select({ seq: accessRecords.seq })
    .from(accessRecords)
    .where(and(eq(accessRecords.node, chain.node), isNull(accessRecords.keyId)))
    .limit(1);
  if (!legacy) return { keyed: 0, broken: null };
  return db.transaction(async (tx) => {
    await lockChain(tx, chain.node);
    let oldPrevious = GENESIS_HASH;
    let newPrevious = GENESIS_HASH;
    let after = -1;
    let keyed = 0;
    for (;;) {
      const rows = await tx
        .select()
        .from(accessRecords)
        .where(and(eq(accessRecords.node, chain.node), gt(accessRecords.seq, after)))
        .orderBy(asc(accessRecords.seq))
        .limit(batchSize);
      if (rows.length === 0) break;
      const updates: Array<{ seq: number; prevHash: string; hash: string }> = [];
      for (const row of rows) {
        if (row.keyId !== null) throw new LegacyChainBroken(`record ${row.seq} is keyed after unkeyed records`);
        if (row.prevHash !== oldPrevious || legacyHash(row.prevHash, row) !== row.hash) {
          // Nothing is written: the transaction's updates so far are rolled back below.
          throw new LegacyChainBroken(`record ${row.seq} breaks the unkeyed chain`);
        }
        oldPrevious = row.hash;
        const hash = recordHash(chain.key, newPrevious, row);
        updates.push({ seq: row.seq, prevHash: newPrevious, hash });
        newPrevious = hash;
      }
      await tx.execute(sql`
        update ${accessRecords} as r set prev_hash = u.prev_hash, hash = u.hash, key_id = ${chain.key.id}
        from unnest(${sql.param(updates.map((u) => u.seq))}::bigint[], ${sql.param(updates.map((u) => u.prevHash))}::text[],
                    ${sql.param(updates.map((u) => u.hash))}::text[]) as u(seq, prev_hash, hash)
        where r.seq = u.seq`);
      keyed += updates.length;
      after = rows[rows.length - 1]!.seq;
    }
    return { keyed, broken: null };
  }).catch((error: unknown) => {
    if (error instanceof LegacyChainBroken) return { keyed: 0, broken: error.message };
    throw error;
  });
}

class LegacyChainBroken extends Error {}
