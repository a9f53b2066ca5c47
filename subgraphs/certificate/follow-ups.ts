/**
 * Follow-ups (待核查, README › Follow-ups): when a registry — at any node — renames, revokes (吊销)
 * or cancels (注销) a legal entity, each current certificate of that entity in force at this node
 * gets a follow-up for its issuing authority, until a new version or a final status settles it or
 * the authority dismisses it. This node learns of the changes by reading every node's registry
 * changes (Query.registryChanges, from their event outbox) after the last one it kept, so a node
 * that was down, or a registry node that was, catches up when both answer again.
 */
import { and, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { badInput, forbidden, notFound } from '../../lib/errors.js';
import type { HubDatabase } from '../kit/db.js';
import { nodeSeqPage, parseNodeScopedId, type NodeSeqPage } from '../kit/node-seq-page.js';
import type { PeerClient } from '../kit/peers.js';
import { requireText } from '../kit/validate.js';
import { eventId } from '../events/outbox.js';
import { MAX_REGISTRY_CHANGES, registryChangesAfter, type RegistryChangeModel } from '../events/registry-changes.js';
import { certificates, followUps, registryCursors, type FollowUpRow } from './db/schema.js';
import type { FollowUpStatus } from './generated/resolvers.js';
import { effectiveStatus } from './status.js';

/** The statuses of a certificate still in force, whose holder's change its authority must follow. */
const IN_FORCE = ['VALID', 'SUSPENDED'] as const;

/**
 * Closes the open follow-ups of certificate `id` inside the caller's transaction: it got a new
 * version or a final status (`note` says which).
 */
export async function closeFollowUps(tx: HubDatabase, id: string, at: Date, note: string): Promise<void> {
  await tx
    .update(followUps)
    .set({ status: 'DONE', doneAt: at, note })
    .where(and(eq(followUps.certificateId, id), eq(followUps.status, 'OPEN')));
}

/**
 * Gives the certificates of this node the follow-ups of `changes`, read from node `source`, and
 * keeps how far that node's changes were read — one transaction, so a change is followed exactly
 * once whatever fails. A certificate gets one follow-up per cause and change: current (not
 * SUPERSEDED), held by the entity, in force on `today`.
 */
export async function recordFollowUps(db: HubDatabase, source: string, changes: readonly RegistryChangeModel[], today: string): Promise<number> {
  if (changes.length === 0) return 0;
  const last = changes.at(-1)!.seq;
  return db.transaction(async (tx) => {
    let made = 0;
    for (const change of changes) {
      if (change.causes.length === 0) continue;
      const held = await tx
        .select({ id: certificates.id, issuerCode: certificates.issuerCode })
        .from(certificates)
        .where(
          and(
            eq(certificates.holderCode, change.uscc),
            eq(certificates.holderKind, 'ORGANIZATION'),
            ne(certificates.status, 'SUPERSEDED'),
            effectiveStatus.in(IN_FORCE, today),
          ),
        );
      if (held.length === 0) continue;
      const rows = held.flatMap((certificate) =>
        change.causes.map((cause) => ({
          certificateId: certificate.id,
          issuerCode: certificate.issuerCode,
          holderCode: change.uscc,
          cause,
          source: eventId(source, change.seq),
          since: change.at,
        })),
      );
      const inserted = await tx.insert(followUps).values(rows).onConflictDoNothing().returning({ seq: followUps.seq });
      made += inserted.length;
    }
    await tx
      .insert(registryCursors)
      .values({ node: source, lastSeq: last })
      .onConflictDoUpdate({ target: registryCursors.node, set: { lastSeq: sql`greatest(${registryCursors.lastSeq}, ${last})`, readAt: sql`now()` } });
    return made;
  });
}

const REGISTRY_CHANGES = /* GraphQL */ `
  query HubRegistryChanges($node: String!, $after: Int!, $first: Int!) {
    registryChanges(node: $node, after: $after, first: $first) { seq uscc causes at }
  }
`;

type RegistryChangeAnswer = Omit<RegistryChangeModel, 'at'> & { at: string };

/** Where a node's registry changes are read from: this node's own outbox, or another node's. */
export interface RegistrySources {
  /** This node's code. */
  self: string;
  /** Every node of the province, this one included. */
  nodes: readonly string[];
  peers?: PeerClient | undefined;
}

/**
 * Reads the registry changes of every node after what this node kept of each, a batch per node,
 * and records their follow-ups. A node that does not answer is skipped until the next pass.
 * Returns how many changes were read (0: nothing new anywhere).
 */
export async function followRegistries(db: HubDatabase, sources: RegistrySources, today: string, batch = 500): Promise<{ read: number; unreachable: string[] }> {
  const kept = new Map((await db.select().from(registryCursors)).map((row) => [row.node, row.lastSeq]));
  let read = 0;
  const unreachable: string[] = [];
  for (const node of sources.nodes) {
    const after = kept.get(node) ?? 0;
    let changes: RegistryChangeModel[];
    if (node === sources.self) changes = await registryChangesAfter(db, after, batch);
    else {
      if (!sources.peers) continue;
      try {
        const answer = await sources.peers.request<{ registryChanges: RegistryChangeAnswer[] }>(node, 'certificate', REGISTRY_CHANGES, { node, after, first: batch });
        const listed = answer.data?.registryChanges;
        if (!listed) throw new Error(answer.errors?.[0]?.message ?? 'no answer');
        changes = listed.map((change) => ({ ...change, at: new Date(change.at) }));
      } catch {
        unreachable.push(node);
        continue;
      }
    }
    read += changes.length;
    await recordFollowUps(db, node, changes, today);
  }
  return { read, unreachable };
}

/** The registry changes of this node after `after`, for the other nodes (Query.registryChanges). */
export function registryChanges(db: HubDatabase, after: number, first: number): Promise<RegistryChangeModel[]> {
  if (!Number.isInteger(after) || after < 0) throw badInput('after', 'a sequence number, at least 0');
  if (!Number.isInteger(first) || first < 1 || first > MAX_REGISTRY_CHANGES) throw badInput('first', `must be between 1 and ${MAX_REGISTRY_CHANGES}`);
  return registryChangesAfter(db, after, first);
}

/** The follow-ups of authority `issuer` at `node`, newest first (Query.followUps). */
export function followUpsPage(
  db: HubDatabase,
  node: string,
  issuer: string,
  args: { status?: FollowUpStatus | null; first?: number | null; after?: string | null },
): NodeSeqPage<FollowUpRow> {
  const where = and(eq(followUps.issuerCode, issuer), args.status == null ? undefined : eq(followUps.status, args.status));
  return nodeSeqPage<FollowUpRow>(
    node,
    args,
    { name: 'followUps', defaultFirst: 50, max: 500, columns: { at: followUps.since, seq: followUps.seq }, atOf: (row) => row.since },
    {
      rows: (after: SQL | undefined, limit: number) =>
        db
          .select()
          .from(followUps)
          .where(and(where, after))
          .orderBy(desc(followUps.since), desc(followUps.seq))
          .limit(limit),
      count: async () => (await db.select({ n: count() }).from(followUps).where(where))[0]?.n ?? 0,
    },
  );
}

/**
 * Closes follow-up `id` of `issuer` with its note (dismissFollowUp): only the authority's own,
 * only while OPEN. Returns the closed follow-up.
 */
export async function dismissFollowUp(db: HubDatabase, node: string, issuer: string, id: string, note: string, at: Date): Promise<FollowUpRow> {
  const { node: owner, seq } = parseNodeScopedId(id, 'id', 'a follow-up');
  if (owner !== node) throw notFound(`no follow-up ${id} at node ${node}`);
  const why = requireText('note', note, 500);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(followUps).where(eq(followUps.seq, seq)).for('update');
    if (!row) throw notFound(`no follow-up ${id} at this node`);
    if (row.issuerCode !== issuer) throw forbidden('not allowed: only the issuing authority of the certificate closes its follow-ups', 'NOT_THE_ISSUER');
    if (row.status !== 'OPEN') throw badInput('id', `the follow-up is already DONE${row.note ? ` (${row.note})` : ''}`);
    const [closed] = await tx
      .update(followUps)
      .set({ status: 'DONE', doneAt: at, note: `已核查：${why}` })
      .where(eq(followUps.seq, seq))
      .returning();
    return closed!;
  });
}

