/**
 * A holder's inbox (政务通 / 卡包, README › The holder's inbox): the events about the holder kept
 * at this node, newest first in the hub's order of appended rows (lib/order.ts NodeSeqPosition),
 * so that the gateway merges every node's page into one. Fetching a message marks it delivered;
 * the holder marks messages read.
 */
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { holderCodeProblem } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import { decodeInboxCursor, encodeNodeSeqCursor } from '../../lib/order.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';
import type { HubDatabase } from '../kit/db.js';
import { afterNodeSeq } from '../kit/positions.js';
import { requireText } from '../kit/validate.js';
import { eventLog, type EventRow } from './db/schema.js';
import { eventId } from './outbox.js';

/** The most messages one inbox page holds. */
export const MAX_INBOX_PAGE = 100;
/** The most ids one markRead takes. */
export const MAX_MARK_READ = 500;

export interface InboxEdgeModel {
  cursor: string;
  node: EventRow;
}

/** The cursor of a message of `node`. */
export const inboxCursor = (node: string, row: Pick<EventRow, 'at' | 'seq'>): string => encodeNodeSeqCursor({ at: row.at, node, seq: row.seq });

/**
 * One node's page of a holder's inbox, read when a field asks for it: edges and pageInfo share
 * one statement (and the one marking the page's new messages delivered), totalCount is another.
 */
export class InboxPage {
  #window: Promise<{ rows: EventRow[]; hasNextPage: boolean }> | undefined;
  #count: Promise<number> | undefined;

  constructor(
    private readonly db: HubDatabase,
    readonly node: string,
    private readonly holderCode: string,
    private readonly first: number,
    private readonly after: SQL | undefined,
    private readonly unreadOnly: boolean,
    private readonly now: () => Date,
  ) {}

  private where(withAfter: boolean): SQL | undefined {
    return and(
      eq(eventLog.holderCode, this.holderCode),
      this.unreadOnly ? isNull(eventLog.readAt) : undefined,
      withAfter ? this.after : undefined,
    );
  }

  window(): Promise<{ rows: EventRow[]; hasNextPage: boolean }> {
    return (this.#window ??= (async () => {
      const rows = await this.db
        .select()
        .from(eventLog)
        .where(this.where(true))
        .orderBy(desc(eventLog.at), desc(eventLog.seq))
        .limit(this.first + 1);
      const hasNextPage = rows.length > this.first;
      if (hasNextPage) rows.length = this.first;
      const undelivered = rows.filter((row) => row.deliveredAt === null).map((row) => row.seq);
      if (undelivered.length > 0) {
        const at = this.now();
        await this.db
          .update(eventLog)
          .set({ deliveredAt: at })
          .where(and(inArray(eventLog.seq, undelivered), isNull(eventLog.deliveredAt)));
      }
      return { rows, hasNextPage };
    })());
  }

  totalCount(): Promise<number> {
    return (this.#count ??= this.db
      .select({ n: count() })
      .from(eventLog)
      .where(this.where(false))
      .then(([row]) => row?.n ?? 0));
  }
}

/**
 * The page of `holderCode`'s inbox at this node: `first` (0 to 100) messages after the cursor
 * `after`, only unread ones with `unreadOnly`. Each argument problem is a BAD_USER_INPUT naming it.
 */
export function inboxPage(
  db: HubDatabase,
  node: string,
  holderCode: string,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  now: () => Date,
): InboxPage {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_INBOX_PAGE) throw badInput('first', `must be between 0 and ${MAX_INBOX_PAGE}`);
  const after = args.after == null ? undefined : afterNodeSeq({ at: eventLog.at, seq: eventLog.seq }, node, decodeInboxCursor(args.after));
  return new InboxPage(db, node, holderCode, first, after, args.unreadOnly === true, now);
}

const MESSAGE_ID = /^(\d{6})-(\d{1,18})$/;

/**
 * Marks `holderCode`'s messages among `ids` read (and delivered, if they were not), at this node:
 * ids of other nodes, of other holders' messages and of messages already read change nothing.
 * Returns how many changed. A malformed id is a BAD_USER_INPUT naming it.
 */
export async function markRead(db: HubDatabase, node: string, holderCode: string, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length > MAX_MARK_READ) throw badInput('ids', `at most ${MAX_MARK_READ} ids a call, not ${ids.length}`);
  const own: number[] = [];
  ids.forEach((id, i) => {
    const match = MESSAGE_ID.exec(id);
    if (!match) throw badInput(`ids[${i}]`, 'not an inbox message id ({node code}-{number})');
    if (match[1] === node) own.push(Number(match[2]));
  });
  if (own.length === 0) return 0;
  const changed = await db
    .update(eventLog)
    .set({ readAt: at, deliveredAt: sql`coalesce(${eventLog.deliveredAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(inArray(eventLog.seq, own), eq(eventLog.holderCode, holderCode), isNull(eventLog.readAt)))
    .returning({ seq: eventLog.seq });
  return changed.length;
}

/**
 * A notice to send, checked: a holder code (resident ID number or USCC), a one-line title of at
 * most 100 characters and a body of at most 2,000, neither with characters that could forge or
 * turn around what the holder reads (lib/purpose.ts). Each problem is a BAD_USER_INPUT naming its
 * input field.
 */
export function checkNotice(input: { holderCode: string; title: string; body: string }): { holderCode: string; title: string; body: string } {
  const holderCode = input.holderCode.trim();
  const asPerson = holderCodeProblem('PERSON', holderCode);
  const asOrganization = holderCodeProblem('ORGANIZATION', holderCode);
  if (asPerson && asOrganization) {
    throw badInput('input.holderCode', `neither a resident ID number (${asPerson}) nor a unified social credit code (${asOrganization})`);
  }
  const title = requireText('input.title', input.title, 100);
  const titleProblem = unsafeCharacterProblem(title);
  if (titleProblem) throw badInput('input.title', titleProblem);
  const body = requireText('input.body', input.body, 2000);
  const bodyProblem = unsafeCharacterProblem(body, true);
  if (bodyProblem) throw badInput('input.body', bodyProblem);
  return { holderCode, title, body };
}

/** Writes a checked notice from `sender` to its holder's inbox inside the caller's transaction. */
export async function writeNotice(tx: HubDatabase, sender: string, notice: { holderCode: string; title: string; body: string }, at: Date): Promise<EventRow> {
  const [row] = await tx
    .insert(eventLog)
    .values({ type: 'NOTICE', at, holderCode: notice.holderCode, actor: sender, title: notice.title, body: notice.body })
    .returning();
  return row!;
}

/** The event types that announce a certificate to its holder: its delivery is theirs. */
const ANNOUNCING = ['CERTIFICATE_ISSUED', 'CERTIFICATE_CONVERTED', 'CERTIFICATE_EXTERNAL_REGISTERED', 'CERTIFICATE_NEW_VERSION'] as const;

/** Whether each certificate's announcement reached and was read by its holder (null: no announcement). */
export async function deliveriesOf(
  db: HubDatabase,
  certificateIds: readonly string[],
): Promise<Array<{ deliveredAt: Date | null; readAt: Date | null } | null>> {
  const rows = await db
    .select({ certificateId: eventLog.certificateId, deliveredAt: eventLog.deliveredAt, readAt: eventLog.readAt })
    .from(eventLog)
    .where(and(inArray(eventLog.certificateId, [...certificateIds]), inArray(eventLog.type, [...ANNOUNCING])))
    .orderBy(eventLog.seq);
  const found = new Map<string, { deliveredAt: Date | null; readAt: Date | null }>();
  // The first announcement of a certificate id is its own.
  for (const row of rows) if (row.certificateId && !found.has(row.certificateId)) found.set(row.certificateId, { deliveredAt: row.deliveredAt, readAt: row.readAt });
  return certificateIds.map((id) => found.get(id) ?? null);
}

/** The id of a message of `node` in the province. */
export const messageId = (node: string, row: Pick<EventRow, 'seq'>): string => eventId(node, row.seq);
