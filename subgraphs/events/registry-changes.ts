/**
 * Registry changes that certificates follow (README › Follow-ups): a legal entity renamed
 * (名称变更), revoked (吊销) or cancelled (注销). The LEGAL_ENTITY_CHANGED event of such a change
 * carries its causes; every node reads them from the entity's node, in the order of its outbox,
 * to give the authorities of the entity's certificates their follow-ups.
 */
import { and, asc, gt, isNotNull } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { eventLog } from './db/schema.js';

export const FOLLOW_UP_CAUSES = ['HOLDER_RENAMED', 'HOLDER_REVOKED', 'HOLDER_CANCELLED'] as const;
export type FollowUpCauseValue = (typeof FOLLOW_UP_CAUSES)[number];

/** A registry change as the other nodes read it (RegistryChange). */
export interface RegistryChangeModel {
  seq: number;
  uscc: string;
  causes: FollowUpCauseValue[];
  at: Date;
}

/** The most changes one read returns. */
export const MAX_REGISTRY_CHANGES = 1000;

/** What certificates of an entity must follow when its record goes from `before` to `after`; empty for a new entity. */
export function registryCauses(
  before: { name: string; status: string } | null,
  after: { name: string; status: string },
): FollowUpCauseValue[] {
  if (before === null) return [];
  const causes: FollowUpCauseValue[] = [];
  if (before.name !== after.name) causes.push('HOLDER_RENAMED');
  if (before.status !== after.status && after.status === 'REVOKED') causes.push('HOLDER_REVOKED');
  if (before.status !== after.status && after.status === 'CANCELLED') causes.push('HOLDER_CANCELLED');
  return causes;
}

/** The changes this node recorded after event `after`, oldest first, at most `first`. */
export async function registryChangesAfter(db: HubDatabase, after: number, first: number): Promise<RegistryChangeModel[]> {
  const rows = await db
    .select({ seq: eventLog.seq, uscc: eventLog.holderCode, causes: eventLog.causes, at: eventLog.at })
    .from(eventLog)
    .where(and(isNotNull(eventLog.causes), gt(eventLog.seq, after)))
    .orderBy(asc(eventLog.seq))
    .limit(first);
  return rows.map((row) => ({
    seq: row.seq,
    uscc: row.uscc ?? '',
    causes: (row.causes ?? []).filter((cause): cause is FollowUpCauseValue => (FOLLOW_UP_CAUSES as readonly string[]).includes(cause)),
    at: row.at,
  }));
}
