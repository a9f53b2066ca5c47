/**
 * Sending deliveries (README › Webhooks): due PENDING deliveries are claimed in batches with a
 * lease, each body decided again (authorization.ts), recorded in the access log when it carries
 * a holder's code, signed, and POSTed; the outcomes are written back in batches.
 *
 * - A claim takes only the first pending delivery of each webhook and certificate (no earlier
 *   one of the same ordering key is still PENDING), so per certificate events arrive in order,
 *   and rows another worker is claiming are skipped (FOR UPDATE SKIP LOCKED).
 * - The lease (`locked_until`, five POST timeouts plus a margin) keeps other workers off a
 *   delivery while it is in flight; a worker killed mid-delivery leaves it to be claimed again
 *   once the lease passes. Its `lease_id` is the claim's own: an outcome is written only by the
 *   worker whose claim still holds, so a worker that lost its lease cannot overwrite a newer
 *   attempt (the receiver may then see the event twice, with one X-Ecert-Event-Id).
 * - A worker has at most `concurrency` POSTs in flight, at most `perWebhookConcurrency` to one
 *   webhook, and claims at most four times that (the next ones signed and ready when a slot frees),
 *   so a slow receiver occupies only its own share, and nothing claimed waits for its slot
 *   longer than three POST timeouts; the lease covers that wait, the POST and writing its outcome.
 * - Personal data is recorded before it leaves: an attempt whose body names a certificate's
 *   holder is written to the access log (the owner agency, the webhook's purpose, the
 *   certificate and holder, field `webhook.holderCode`) first, and is not sent when that fails.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { appendAuditRecords, type AuditChain, type AuditEntry } from '../../audit/log.js';
import { executeRows, type HubDatabase } from '../../kit/db.js';
import { foreground } from '../../kit/foreground.js';
import type { SigningSealKey } from '../../certificate/sealing.js';
import { deliveries, eventLog, type EventType } from '../db/schema.js';
import { eventId } from '../outbox.js';
import type { AllowList } from './allow-list.js';
import { holderOpen, mayReadEvent, type AccessLookups } from './authorization.js';
import { deliveryBody, HEADERS, type DeliveredEvent, type SignatureCache } from './body.js';
import type { ResolvedWebhookOptions } from './options.js';
import { postDelivery, type PostInFlight, type PostOutcome, type ReceiverAgents } from './post.js';
import { afterFailure } from './schedule.js';
import type { Subscription, WebhookSubscriptions } from './subscriptions.js';

/** What a delivery that is no longer open to its webhook's owner says. */
export const NO_LONGER_AUTHORIZED = 'no longer authorized';

/** Results written in one statement at most; fewer are written after FLUSH_DELAY_MS. */
const FLUSH_BATCH = 500;
const FLUSH_DELAY_MS = 5;
/**
 * How many deliveries a worker holds per slot: one in flight, the next ones claimed, recorded and
 * signed while it is, so that one webhook's deliveries do not wait for a round of SQL and signing
 * between POSTs.
 */
const HELD_PER_SLOT = 4;
/**
 * The most deliveries one claim takes (the loop claims again at once while there is room): each
 * claim's access records are one short transaction on the node's audit chain, which requests
 * append to as well, and its bodies are built and signed in slices that never hold the node's
 * thread for long.
 */
const CLAIM_BATCH = 256;
/** How long a claim waits for the process's requests to end before it goes ahead anyway. */
const YIELD_MS = 50;
/** Time beyond the POST timeouts that a lease lasts: for the outcome to be written. */
const LEASE_MARGIN_MS = 2_000;

export interface SenderDeps {
  db: HubDatabase;
  node: string;
  subscriptions: WebhookSubscriptions;
  lookups: AccessLookups;
  nodeKey: { current(): Promise<SigningSealKey> };
  signatures: SignatureCache;
  /** The chain the access records go to, read at each write (the audit key may rotate). */
  auditChain(): AuditChain;
  allow: AllowList;
  agents: ReceiverAgents;
  options: ResolvedWebhookOptions;
  clock?: () => Date;
  random?: () => number;
  /** Called when outcomes have been written: the next deliveries of their certificates are due. */
  onProgress?: () => void;
  /** Called when a claimed delivery is settled: there is room to claim more. */
  onRoom?: () => void;
}

/** A claimed delivery with its event. */
interface Claimed {
  id: number;
  webhookId: string;
  attempts: number;
  windowStart: Date;
  leaseId: string;
  event: DeliveredEvent;
}

interface ClaimRow {
  id: string | number;
  webhook_id: string;
  event_seq: string | number;
  attempts: number;
  window_start_ms: number;
  type: EventType;
  at_ms: number;
  certificate_id: string | null;
  type_code: string | null;
  issuer_code: string | null;
  holder_code: string | null;
  status: string | null;
  actor: string | null;
}

/** What an attempt comes to, as written back. */
interface Outcome {
  id: number;
  leaseId: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
}

/** A delivery ready to POST. */
interface Prepared {
  claimed: Claimed;
  subscription: Subscription;
  body: string;
  /** The access record to write before it is sent, when the body names a certificate's holder. */
  record: AuditEntry | null;
}

/**
 * What became of a claimed delivery: the receiver's answer (or why there was none); `drop` for
 * a webhook deleted since; `fail` to give up now; `retry` when it was not sent, as a failed attempt.
 */
type Settlement = PostOutcome | 'drop' | { fail: string } | { retry: string };

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** An error in one line: a failed query's cause (what PostgreSQL said), not the statement drizzle quotes. */
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
};

/** A signed delivery waiting for a slot. */
interface Ready {
  entry: Prepared;
  keyId: string;
  signature: string;
}

export class Sender {
  /** Claimed and not yet settled, per webhook and in all: what a claim leaves room for. */
  readonly #held = new Map<string, number>();
  #heldTotal = 0;
  /** POSTs under way, per webhook and in all. */
  readonly #active = new Map<string, number>();
  #activeTotal = 0;
  /** Signed deliveries waiting for a slot, oldest claim first. */
  #ready: Ready[] = [];
  /** Claimed batches being decided, recorded and signed. */
  readonly #starting = new Set<Promise<void>>();
  readonly #posts = new Set<{ post: PostInFlight; done: Promise<void> }>();
  #outcomes: Outcome[] = [];
  #dropped: number[] = [];
  #flushTimer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  /** Stopping: nothing more is claimed or started. */
  #closing = false;
  /** What is still in flight is left to its lease: its outcome is not written. */
  #abandoning = false;
  readonly #clock: () => Date;
  readonly #random: () => number;

  constructor(private readonly deps: SenderDeps) {
    this.#clock = deps.clock ?? (() => new Date());
    this.#random = deps.random ?? Math.random;
  }

  /** Deliveries claimed and not yet settled (in flight or waiting for a slot). */
  get held(): number {
    return this.#heldTotal;
  }

  /**
   * Claims as many due deliveries as there is room for and queues them; resolves with how many
   * it claimed once they are signed and waiting for (or holding) a slot. A worker holds at most
   * HELD_PER_SLOT times as many as it may have in flight, overall and per webhook: the next ones
   * are ready the moment a POST ends, and none waits longer than three POST timeouts for its slot.
   */
  async claimAndSend(): Promise<number> {
    if (this.#closing || !this.deps.subscriptions.snapshot) return 0;
    if (HELD_PER_SLOT * this.deps.options.concurrency - this.#heldTotal <= 0) return 0;
    // Requests first: the batch starts in a moment when the node serves none (or soon anyway).
    await foreground.idle(YIELD_MS);
    const want = Math.min(CLAIM_BATCH, HELD_PER_SLOT * this.deps.options.concurrency - this.#heldTotal);
    if (want <= 0 || this.#closing) return 0;
    const claimed = await this.#claim(want);
    if (claimed.length === 0) return 0;
    for (const delivery of claimed) this.#count(this.#held, delivery.webhookId, 1);
    this.#heldTotal += claimed.length;
    // Deciding, recording and signing go on while the next claim is made.
    const starting = this.#start(claimed).finally(() => this.#starting.delete(starting));
    this.#starting.add(starting);
    return claimed.length;
  }

  #count(counts: Map<string, number>, webhookId: string, change: number): void {
    const value = (counts.get(webhookId) ?? 0) + change;
    if (value > 0) counts.set(webhookId, value);
    else counts.delete(webhookId);
  }

  /**
   * Claims up to `want` due deliveries, at most the room each webhook has left: webhook by
   * webhook (those of the list this worker knows), so that a webhook with a long backlog neither
   * crowds the others out of a claim nor makes it read its backlog.
   */
  async #claim(want: number): Promise<Claimed[]> {
    const { perWebhookConcurrency, timeoutMs } = this.deps.options;
    const perWebhook = HELD_PER_SLOT * perWebhookConcurrency;
    const ids: string[] = [];
    const rooms: number[] = [];
    for (const subscription of this.deps.subscriptions.snapshot?.list ?? []) {
      const room = perWebhook - (this.#held.get(subscription.id) ?? 0);
      // Claimed for again once half its room is free: a claim of one or two rows per POST
      // answered would cost a round of SQL, an access-log transaction and a signing call each.
      if (room < perWebhookConcurrency) continue;
      ids.push(subscription.id);
      rooms.push(room);
    }
    if (ids.length === 0) return [];
    const leaseId = randomUUID();
    // Waiting for a slot (at most HELD_PER_SLOT - 1 POST timeouts), then the POST itself, then writing the outcome.
    const leaseMs = (HELD_PER_SLOT + 1) * timeoutMs + LEASE_MARGIN_MS;
    const rows = await executeRows<ClaimRow>(this.deps.db, claimStatement({ ids, rooms, want, leaseMs, leaseId }));
    return rows.map((row) => ({
      id: Number(row.id),
      webhookId: row.webhook_id,
      attempts: row.attempts,
      windowStart: new Date(Number(row.window_start_ms)),
      leaseId,
      event: {
        seq: Number(row.event_seq),
        type: row.type,
        at: new Date(Math.round(Number(row.at_ms))),
        certificateId: row.certificate_id,
        typeCode: row.type_code,
        issuerCode: row.issuer_code,
        holderCode: row.holder_code,
        status: row.status,
        actor: row.actor,
      },
    }));
  }

  /**
   * Decides, records and signs a claimed batch, and queues it for its slots. What is not sent is
   * settled at once: dropped, failed, or — when deciding, recording or signing failed — tried
   * again later like a failed attempt.
   */
  async #start(batch: Claimed[]): Promise<void> {
    const waiting = new Set(batch);
    const finish = (claimed: Claimed, result: Settlement) => {
      waiting.delete(claimed);
      this.#settle(claimed, result);
    };
    try {
      const now = this.#clock();
      const prepared: Prepared[] = [];
      await Promise.all(
        batch.map(async (claimed) => {
          const decided = await this.#prepare(claimed, now);
          if ('ready' in decided) prepared.push(decided.ready);
          else finish(claimed, decided.settled);
        }),
      );
      // Claim order, whatever order the decisions came back in.
      prepared.sort((a, b) => a.claimed.id - b.claimed.id);
      const recorded = await this.#record(prepared);
      for (const entry of prepared) if (!recorded.includes(entry)) finish(entry.claimed, { retry: 'the access record of the delivery could not be written' });
      if (recorded.length === 0) return;
      const key = await this.deps.nodeKey.current();
      const signatures = await this.deps.signatures.signatures(
        key,
        recorded.map((entry) => entry.body),
      );
      recorded.forEach((entry, i) => {
        waiting.delete(entry.claimed);
        this.#ready.push({ entry, keyId: key.keyId, signature: signatures[i]! });
      });
      this.#pump();
    } catch (error) {
      console.error(`webhooks ${this.deps.node}: ${waiting.size} deliveries could not be sent:`, describe(error));
      for (const claimed of [...waiting]) finish(claimed, { retry: `the delivery could not be prepared: ${describe(error)}` });
    }
  }

  /** What to do with a claimed delivery: send this body, or settle it without sending. */
  async #prepare(claimed: Claimed, now: Date): Promise<{ ready: Prepared } | { settled: Settlement }> {
    const subscription = this.deps.subscriptions.snapshot?.byId.get(claimed.webhookId);
    // Deleted at the province since: its deliveries are dropped (deleteWebhook).
    if (!subscription) return { settled: 'drop' };
    if (!mayReadEvent(subscription, claimed.event)) return { settled: { fail: NO_LONGER_AUTHORIZED } };
    let withHolder: boolean;
    try {
      withHolder = await holderOpen(subscription, claimed.event, this.deps.lookups, now);
    } catch (error) {
      return { settled: { retry: `what the webhook may receive could not be decided: ${describe(error)}` } };
    }
    const { event } = claimed;
    const body = deliveryBody(this.deps.node, subscription.id, event, withHolder);
    const personal = withHolder && event.certificateId !== null;
    const record: AuditEntry | null = personal
      ? {
          actor: subscription.agency,
          actorKind: 'agency',
          actorName: subscription.agencyName,
          purpose: subscription.purpose,
          requestId: `webhook-delivery:${this.deps.node}-${claimed.id}`,
          clientRequestId: null,
          certificateId: event.certificateId,
          holderCode: event.holderCode,
          fields: ['webhook.holderCode'],
          detail: null,
          caseNumber: null,
          consentId: null,
        }
      : null;
    return { ready: { claimed, subscription, body, record } };
  }

  /** Writes the access records of the bodies that name a holder; answers what may be sent (not those, if it fails). */
  async #record(prepared: Prepared[]): Promise<Prepared[]> {
    const records = prepared.flatMap((entry) => (entry.record ? [entry.record] : []));
    if (records.length === 0) return prepared;
    try {
      await appendAuditRecords(this.deps.db, this.deps.auditChain(), records);
      return prepared;
    } catch (error) {
      console.error(`webhooks ${this.deps.node}: ${records.length} access record(s) could not be written:`, describe(error));
      return prepared.filter((entry) => !entry.record);
    }
  }

  /** Starts the waiting deliveries that have a slot: under both limits, oldest first, skipping full webhooks. */
  #pump(): void {
    const { concurrency, perWebhookConcurrency } = this.deps.options;
    if (this.#closing || this.#ready.length === 0) return;
    const waiting: Ready[] = [];
    for (const ready of this.#ready) {
      const webhookId = ready.entry.claimed.webhookId;
      if (this.#activeTotal < concurrency && (this.#active.get(webhookId) ?? 0) < perWebhookConcurrency) this.#post(ready);
      else waiting.push(ready);
    }
    this.#ready = waiting;
  }

  #post({ entry, keyId, signature }: Ready): void {
    const { claimed, subscription, body } = entry;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'ecert-hub-webhooks',
      [HEADERS.eventId]: eventId(this.deps.node, claimed.event.seq),
      [HEADERS.signature]: signature,
      [HEADERS.keyId]: keyId,
      [HEADERS.node]: this.deps.node,
      [HEADERS.delivery]: `${this.deps.node}-${claimed.id}`,
    };
    this.#count(this.#active, claimed.webhookId, 1);
    this.#activeTotal++;
    const post = postDelivery(new URL(subscription.url), Buffer.from(body, 'utf8'), headers, {
      agents: this.deps.agents,
      allow: this.deps.allow,
      timeoutMs: this.deps.options.timeoutMs,
    });
    const tracked = {
      post,
      done: post.outcome.then((outcome) => {
        this.#posts.delete(tracked);
        this.#count(this.#active, claimed.webhookId, -1);
        this.#activeTotal--;
        // Abandoned by stop(): the lease brings it back; nothing is written about this attempt.
        if (this.#abandoning) return;
        this.#settle(claimed, outcome);
        this.#pump();
      }),
    };
    this.#posts.add(tracked);
  }

  /** Gives back the claim's room and queues what became of it, to be written with the next batch. */
  #settle(claimed: Claimed, result: Settlement): void {
    this.#count(this.#held, claimed.webhookId, -1);
    this.#heldTotal--;
    // Room worth a claim: a slot's worth free for this webhook (what #claim waits for), or for the worker.
    const { concurrency, perWebhookConcurrency } = this.deps.options;
    const webhookRoom = HELD_PER_SLOT * perWebhookConcurrency - (this.#held.get(claimed.webhookId) ?? 0);
    if (webhookRoom >= perWebhookConcurrency || HELD_PER_SLOT * concurrency - this.#heldTotal >= concurrency) this.deps.onRoom?.();
    if (result === 'drop') {
      this.#dropped.push(claimed.id);
      this.#scheduleFlush();
      return;
    }
    const now = this.#clock();
    const base = { id: claimed.id, leaseId: claimed.leaseId, deliveredAt: null, nextAttemptAt: null };
    let outcome: Outcome;
    if ('status' in result && isSuccess(result.status)) {
      outcome = { ...base, status: 'DELIVERED', deliveredAt: now, responseStatus: result.status, lastError: null };
    } else if ('fail' in result) {
      outcome = { ...base, status: 'FAILED', responseStatus: null, lastError: result.fail };
    } else {
      const responseStatus = 'status' in result ? result.status : null;
      const error = 'status' in result ? `HTTP ${result.status}` : 'retry' in result ? result.retry : result.error;
      const decision = afterFailure(claimed.attempts, claimed.windowStart, now, this.deps.options, this.#random());
      outcome =
        'retryAt' in decision
          ? { ...base, status: 'PENDING', nextAttemptAt: decision.retryAt, responseStatus, lastError: error }
          : { ...base, status: 'FAILED', responseStatus, lastError: `${error}; gave up: ${decision.fail}` };
    }
    this.#outcomes.push(outcome);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushTimer || this.#flushing) return;
    const delay = this.#outcomes.length + this.#dropped.length >= FLUSH_BATCH ? 0 : FLUSH_DELAY_MS;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      void this.flush();
    }, delay);
  }

  /** Writes every queued outcome now (one statement per FLUSH_BATCH), then says so. */
  async flush(): Promise<void> {
    if (this.#flushing) {
      await this.#flushing;
      if (this.#outcomes.length + this.#dropped.length === 0) return;
    }
    this.#flushing = this.#write().finally(() => {
      this.#flushing = null;
      if (this.#outcomes.length + this.#dropped.length > 0) this.#scheduleFlush();
    });
    await this.#flushing;
    this.deps.onProgress?.();
  }

  async #write(): Promise<void> {
    while (this.#outcomes.length + this.#dropped.length > 0) {
      const outcomes = this.#outcomes.splice(0, FLUSH_BATCH);
      const dropped = this.#dropped.splice(0, FLUSH_BATCH);
      try {
        if (dropped.length > 0) await this.deps.db.execute(sql`delete from ${deliveries} where id = any(${sql.param(dropped)}::bigint[])`);
        if (outcomes.length > 0) await writeOutcomes(this.deps.db, outcomes);
      } catch (error) {
        // Not written: those deliveries are claimed again when their leases pass, and sent again.
        console.error(`webhooks ${this.deps.node}: ${outcomes.length + dropped.length} outcome(s) could not be written:`, describe(error));
      }
    }
  }

  /** Resolves when every delivery claimed has been sent and answered, and its outcome written. */
  async settle(): Promise<void> {
    while (this.#starting.size > 0 || this.#posts.size > 0 || this.#ready.length > 0) {
      await Promise.all(this.#starting);
      this.#pump();
      await Promise.all([...this.#posts].map((tracked) => tracked.done));
    }
    if (this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    await this.flush();
  }

  /**
   * Stops sending: POSTs under way get `graceMs` to finish; those still open then, and the
   * deliveries still waiting for a slot, are abandoned to their leases (claimed again once they
   * pass, by this node's next process or another).
   */
  async stop(graceMs: number): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#starting);
    this.#ready = [];
    const open = Promise.all([...this.#posts].map((tracked) => tracked.done));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([open, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    this.#abandoning = true;
    for (const tracked of this.#posts) tracked.post.abort();
    await open;
    if (this.#flushTimer) {
      clearTimeout(this.#flushTimer);
      this.#flushTimer = null;
    }
    await this.flush();
  }
}

/** What one claim asks for: each webhook with its room, the most rows in all, and the lease. */
export interface ClaimRequest {
  ids: readonly string[];
  rooms: readonly number[];
  want: number;
  leaseMs: number;
  leaseId: string;
}

/**
 * The statement of a claim (Sender.#claim): the due deliveries of each webhook that are the first
 * pending of their webhook and certificate, locked (skipping rows another worker is claiming) and
 * leased in one statement, answered with their events. Exported for the plan test.
 */
export function claimStatement({ ids, rooms, want, leaseMs, leaseId }: ClaimRequest): SQL {
  return sql`
    with candidates as (
      select due.id, due.next_attempt_at
      from unnest(${sql.param([...ids])}::text[], ${sql.param([...rooms])}::int[]) as w(webhook_id, room)
      cross join lateral (
        select d.id, d.next_attempt_at
        from ${deliveries} d
        where d.webhook_id = w.webhook_id and d.status = 'PENDING' and d.next_attempt_at <= now()
          and (d.locked_until is null or d.locked_until <= now())
          -- The first pending delivery of its certificate only. OFFSET 0 keeps this a probe of
          -- the order index per row: as a join, PostgreSQL would read every pending delivery.
          and not exists (
            select 1 from ${deliveries} e
            where e.ordering_key = d.ordering_key and e.status = 'PENDING' and e.event_seq < d.event_seq
            offset 0)
        order by d.next_attempt_at, d.id
        limit w.room
      ) due
      order by due.next_attempt_at, due.id
      limit ${want}
    ), locked as (
      -- Only what is claimed is locked; a row another worker is claiming is passed by, and one
      -- it claimed since the candidates were read no longer qualifies once its claim commits.
      select d.id from ${deliveries} d
      where d.id in (select id from candidates) and d.status = 'PENDING' and (d.locked_until is null or d.locked_until <= now())
      for update skip locked
    ), claimed as (
      update ${deliveries} d
      set attempts = d.attempts + 1, last_attempt_at = now(),
          locked_until = now() + ${leaseMs}::int * interval '1 millisecond', lease_id = ${leaseId}
      from locked where d.id = locked.id
      returning d.id, d.webhook_id, d.event_seq, d.attempts, d.window_start
    )
    select claimed.id, claimed.webhook_id, claimed.event_seq, claimed.attempts,
           (extract(epoch from claimed.window_start) * 1000)::float8 as window_start_ms,
           e.type, (extract(epoch from e.at) * 1000)::float8 as at_ms, e.certificate_id, e.type_code, e.issuer_code,
           e.holder_code, e.status, e.actor
    from claimed join ${eventLog} e on e.seq = claimed.event_seq
    order by claimed.id`;
}

/**
 * Writes outcomes in one statement, each only where its claim still holds the delivery (same
 * lease id, still PENDING): a worker that lost its lease writes nothing over a newer attempt.
 */
async function writeOutcomes(db: HubDatabase, outcomes: readonly Outcome[]): Promise<void> {
  // Instants travel as ISO text: postgres.js cannot bind a timestamptz[] whose first element is null.
  const column = <T>(pick: (outcome: Outcome) => T) => sql.param(outcomes.map(pick));
  const time = (value: Date | null) => (value === null ? null : value.toISOString());
  await db.execute(sql`
    update ${deliveries} d
    set status = r.status,
        next_attempt_at = coalesce(r.next_attempt_at::timestamptz, d.next_attempt_at),
        delivered_at = coalesce(r.delivered_at::timestamptz, d.delivered_at),
        response_status = r.response_status,
        last_error = r.last_error,
        locked_until = null,
        lease_id = null
    from unnest(${column((o) => o.id)}::bigint[], ${column((o) => o.leaseId)}::text[], ${column((o) => o.status)}::text[],
                ${column((o) => time(o.nextAttemptAt))}::text[], ${column((o) => time(o.deliveredAt))}::text[],
                ${column((o) => o.responseStatus)}::int[], ${column((o) => o.lastError)}::text[])
      as r(id, lease_id, status, next_attempt_at, delivered_at, response_status, last_error)
    where d.id = r.id and d.lease_id = r.lease_id and d.status = 'PENDING'`);
}
