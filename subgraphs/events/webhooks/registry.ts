/**
 * The webhooks agencies subscribe (README › Webhooks), kept at the province node: created,
 * listed and deleted there by their owners, and listed in full for the nodes that deliver
 * events (webhookSubscriptions). Each write and its access record commit together.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { certificateIdProblem, typeCodeProblem } from '../../../lib/codes.js';
import { badInput } from '../../../lib/errors.js';
import { purposeProblem } from '../../../lib/purpose.js';
import type { Principal } from '../../../lib/principal.js';
import type { AuditRecorder } from '../../audit/log.js';
import type { HubDatabase } from '../../kit/db.js';
import { deliveries, EVENT_TYPES, webhooks, type EventType, type WebhookRow } from '../db/schema.js';
import type { AllowList } from './allow-list.js';

/** The most webhooks one agency keeps. */
export const MAX_WEBHOOKS_PER_AGENCY = 100;
/** The longest URL, in characters. */
export const MAX_URL = 2_000;
/** The most type codes and certificate ids one webhook filters on. */
export const MAX_TYPE_CODES = 100;
export const MAX_CERTIFICATE_IDS = 1_000;

/** What createWebhook is given (CreateWebhookInput). */
export interface WebhookInput {
  url: string;
  events: readonly string[];
  typeCodes?: readonly string[] | null;
  certificateIds?: readonly string[] | null;
  purpose?: string | null;
}

/** A checked webhook, ready to store. */
export interface CheckedWebhook {
  url: string;
  events: EventType[];
  typeCodes: string[] | null;
  certificateIds: string[] | null;
  purpose: string | null;
}

const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/**
 * The URL, checked: http or https, no user name or password, at most MAX_URL characters, on a
 * host the allow list lets webhooks reach. Answered as the WHATWG parser writes it, which is
 * what is POSTed to. Each problem is a BAD_USER_INPUT on `input.url` saying why.
 */
export async function checkUrl(text: string, allow: AllowList): Promise<string> {
  const trimmed = text.trim();
  if (trimmed === '') throw badInput('input.url', 'must not be empty');
  if (trimmed.length > MAX_URL) throw badInput('input.url', `must be at most ${MAX_URL} characters, not ${trimmed.length}`);
  if (!URL.canParse(trimmed)) throw badInput('input.url', 'is not an absolute URL');
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('input.url', `must be https or http, not ${url.protocol.slice(0, -1)}`);
  if (url.username !== '' || url.password !== '') throw badInput('input.url', 'must not carry a user name or password');
  if (url.hash !== '') throw badInput('input.url', 'must not have a fragment (#…): it is never sent');
  const problem = await allow.hostProblem(url.hostname);
  if (problem) throw badInput('input.url', problem);
  if (url.href.length > MAX_URL) throw badInput('input.url', `must be at most ${MAX_URL} characters once normalised, not ${url.href.length}`);
  return url.href;
}

/** Distinct values in their first order. */
const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * A filter list: absent (null) for "any"; else 1 to `max` distinct values, each valid by
 * `problemOf`. An empty list would match nothing: it is refused rather than silently useless.
 */
function checkFilter(field: string, values: readonly string[] | null | undefined, max: number, problemOf: (value: string) => string | null): string[] | null {
  if (values == null) return null;
  if (values.length === 0) throw badInput(field, 'must name at least one, or be left out for any');
  if (values.length > max) throw badInput(field, `at most ${max}, not ${values.length}`);
  values.forEach((value, i) => {
    const problem = problemOf(value);
    if (problem) throw badInput(`${field}[${i}]`, problem);
  });
  return distinct(values);
}

/** Every field of a new webhook checked, each problem a BAD_USER_INPUT naming its input field. */
export async function checkWebhook(input: WebhookInput, allow: AllowList): Promise<CheckedWebhook> {
  const url = await checkUrl(input.url, allow);
  if (input.events.length === 0) throw badInput('input.events', 'must name at least one kind of event');
  input.events.forEach((type, i) => {
    if (!isEventType(type)) throw badInput(`input.events[${i}]`, `not an event type: ${EVENT_TYPES.join(', ')}`);
  });
  const typeCodes = checkFilter('input.typeCodes', input.typeCodes, MAX_TYPE_CODES, typeCodeProblem);
  const certificateIds = checkFilter('input.certificateIds', input.certificateIds, MAX_CERTIFICATE_IDS, certificateIdProblem);
  let purpose: string | null = null;
  if (input.purpose != null) {
    const problem = purposeProblem(input.purpose);
    if (problem) throw badInput('input.purpose', problem);
    purpose = input.purpose.trim();
  }
  return { url, events: distinct(input.events as EventType[]), typeCodes, certificateIds, purpose };
}

/** An id nobody can guess: 144 random bits. */
const newWebhookId = (): string => `wh_${randomBytes(18).toString('base64url')}`;

/** Class of the advisory lock that serialises one agency's webhook creations (the count, then the insert). */
const AGENCY_LOCK_CLASS = 0x7768_6b73; // 'whks'

/** Who may own a webhook: an agency, named as its token names it. */
export type WebhookOwner = Extract<Principal, { kind: 'agency' }>;

/**
 * Stores a checked webhook for `owner` with the owner's code, name and roles as they are now,
 * and its access record, in one transaction. An agency keeps at most MAX_WEBHOOKS_PER_AGENCY;
 * its creations queue on a lock so that two at once cannot both pass the count.
 */
export async function createWebhook(db: HubDatabase, audit: AuditRecorder, owner: WebhookOwner, checked: CheckedWebhook, now: Date): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AGENCY_LOCK_CLASS}::int, hashtext(${owner.code}))`);
    const [counted] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhooks).where(eq(webhooks.agency, owner.code));
    if ((counted?.n ?? 0) >= MAX_WEBHOOKS_PER_AGENCY) {
      throw badInput('input', `an agency keeps at most ${MAX_WEBHOOKS_PER_AGENCY} webhooks: delete one first`);
    }
    const [row] = await tx
      .insert(webhooks)
      .values({ id: newWebhookId(), agency: owner.code, agencyName: owner.name, roles: [...owner.roles], ...checked, createdAt: now })
      .returning();
    await audit.writeChange(tx, 'createWebhook', {});
    return row!;
  });
}

/** The webhooks of `agency` (of every agency for null), oldest first. */
export function webhooksOf(db: HubDatabase, agency: string | null): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(agency === null ? undefined : eq(webhooks.agency, agency))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

/**
 * Deletes the agency's webhook `id` with the deliveries the province node kept for it, and the
 * access record, in one transaction; the other nodes drop theirs when they next read the list.
 * False (and nothing written) when the agency has no webhook `id`.
 */
export async function deleteWebhook(db: HubDatabase, audit: AuditRecorder, agency: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(webhooks)
      .where(and(eq(webhooks.id, id), eq(webhooks.agency, agency)))
      .returning({ id: webhooks.id });
    if (removed.length === 0) return false;
    await tx.delete(deliveries).where(eq(deliveries.webhookId, id));
    await audit.writeChange(tx, 'deleteWebhook', {});
    return true;
  });
}
