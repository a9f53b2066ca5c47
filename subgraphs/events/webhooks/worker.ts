/**
 * A node's webhook delivery (README › Webhooks), in-process beside its subgraphs: a loop that
 * keeps the list of webhooks fresh, dispatches new events (dispatcher.ts) and sends due
 * deliveries (sender.ts), every pollMs when idle and at once while there is work. Everything it
 * knows is in PostgreSQL, so any number of processes on one database may run it: they share the
 * work, a killed one's deliveries are taken over when their leases pass, and a restarted node
 * goes on where it stopped.
 */
import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { backgroundSealPool } from '../../../lib/seal/seal-pool.js';
import type { AuditChain } from '../../audit/log.js';
import type { CatalogLookup } from '../../certificate/catalog.js';
import type { SigningSealKey } from '../../certificate/sealing.js';
import type { HubDatabase } from '../../kit/db.js';
import type { PeerClient } from '../../kit/peers.js';
import type { SecretKeyRing } from '../../kit/secret-keys.js';
import { Loop } from '../../kit/loop.js';
import { deliveries } from '../db/schema.js';
import { AllowList } from './allow-list.js';
import { SignatureCache, type Signer } from './body.js';
import { dispatchEvents } from './dispatcher.js';
import { resolveWebhookOptions, type ResolvedWebhookOptions, type WebhookOptions } from './options.js';
import { ReceiverAgents } from './post.js';
import { Sender } from './sender.js';
import { AgencyGrants, provinceGrants, subscriptionSource, WebhookSubscriptions, type GrantSource, type Subscription, type SubscriptionSnapshot } from './subscriptions.js';

/** Events dispatched per transaction. */
const DISPATCH_BATCH = 1_000;
/** The least time between two reads of the list of webhooks that a new event asks for. */
const MIN_REFRESH_MS = 100;
/** How long stop() lets POSTs under way finish before it abandons them to their leases. */
const STOP_GRACE_MS = 1_000;
/**
 * How long a new event waits for a list of webhooks read after it: beyond this (the province
 * cannot be reached) it is matched against the last list read, rather than wait for as long as
 * the province is away. A webhook created at the province meanwhile misses it.
 */
const STALE_LIST_GRACE_MS = 30_000;

/** What a node's webhook delivery is built from. */
export interface WebhookNodeDeps {
  db: HubDatabase;
  node: string;
  province: string;
  /** Calls to the province (its webhooks, agencies' grants); absent in a node on its own. */
  peers?: PeerClient | undefined;
  catalog: CatalogLookup;
  nodeKey: { current(): Promise<SigningSealKey> };
  auditKeys: SecretKeyRing;
  options?: WebhookOptions;
  /** Where grants come from, when not the province catalog (tests). */
  grants?: GrantSource;
  /** Signs batches of bodies (default: the process's background signing pool, off the main thread, at a low priority). */
  sign?: Signer;
  /** Told how many access records each delivery batch wrote (the node's metrics). */
  onAuditWritten?: (records: number) => void;
}

/** What one pass did. */
export interface PassResult {
  dispatched: number;
  sent: number;
}

/**
 * One worker: a dispatcher loop and a sender loop. A node has one; tests and benchmarks may
 * start more over the same database, as more processes of the node would run.
 */
export class WebhookWorker {
  readonly #sender: Sender;
  readonly #agents: ReceiverAgents;
  readonly #dispatching: Loop;
  readonly #sending: Loop;
  #lastHeldBack = 0;
  #heldBack = false;
  #lastComplaint: string | null = null;

  constructor(
    private readonly shared: WebhookNode,
    private readonly deps: WebhookNodeDeps,
  ) {
    const options = shared.options;
    this.#agents = new ReceiverAgents(options.concurrency);
    const complain = (error: unknown) => this.#complain(error instanceof Error ? error.message : String(error));
    this.#dispatching = new Loop(
      () => this.#dispatch(),
      // Events newer than the list wait for the next read of it, soon.
      () => (this.#heldBack ? Math.min(MIN_REFRESH_MS, options.pollMs) : options.pollMs),
      complain,
    );
    this.#sending = new Loop(() => this.#sender.claimAndSend(), () => options.pollMs, complain);
    this.#sender = new Sender({
      db: deps.db,
      node: deps.node,
      subscriptions: shared.subscriptions,
      lookups: { type: (code) => deps.catalog.getType(code), grants: (agency) => shared.grants.of(agency) },
      nodeKey: deps.nodeKey,
      signatures: shared.signatures,
      auditChain: (): AuditChain => ({ node: deps.node, key: deps.auditKeys.current, ...(deps.onAuditWritten ? { onWritten: deps.onAuditWritten } : {}) }),
      allow: shared.allow,
      agents: this.#agents,
      options,
      // Outcomes written free the next delivery of their certificates; a settled claim frees room.
      onProgress: () => this.#sending.wake(),
      onRoom: () => this.#sending.wake(),
    });
  }

  /** Runs both loops until stop(). */
  start(): void {
    this.#dispatching.start();
    this.#sending.start();
  }

  /** Asks for a look at due deliveries now (a redelivery). */
  wake(): void {
    this.#sending.wake();
  }

  /** Logs a failure, once until it changes or things work again (a province away for an hour is one line). */
  #complain(message: string): void {
    if (message === this.#lastComplaint) return;
    this.#lastComplaint = message;
    console.error(`webhooks ${this.deps.node}: ${message}`);
  }

  /** The list of webhooks, read again when it is older than subscriptionRefreshMs (the last one kept if that fails). */
  async #subscriptions(): Promise<SubscriptionSnapshot> {
    const { subscriptions, options } = this.shared;
    const known = subscriptions.snapshot;
    if (known && Date.now() - known.asOf <= options.subscriptionRefreshMs) return known;
    try {
      const read = await subscriptions.refresh();
      this.#lastComplaint = null;
      return read;
    } catch (error) {
      if (!known) throw new Error(`the list of webhooks cannot be read yet: ${(error as Error).message}`);
      this.#complain(`the list of webhooks could not be read again: ${(error as Error).message}`);
      return known;
    }
  }

  /** Dispatches every event it can; answers how many. Events newer than the list read it again first. */
  async #dispatch(): Promise<number> {
    const { subscriptions, options } = this.shared;
    let snapshot = await this.#subscriptions();
    let dispatched = 0;
    for (;;) {
      const until = Math.max(snapshot.asOf, Date.now() - STALE_LIST_GRACE_MS);
      const result = await dispatchEvents(this.deps.db, this.deps.node, snapshot, until, DISPATCH_BATCH);
      dispatched += result.events;
      this.#heldBack = result.heldBack;
      if (result.heldBack && Date.now() - this.#lastHeldBack >= Math.min(MIN_REFRESH_MS, options.pollMs)) {
        this.#lastHeldBack = Date.now();
        try {
          snapshot = await subscriptions.refresh();
          continue;
        } catch (error) {
          this.#complain(`the list of webhooks could not be read again: ${(error as Error).message}`);
        }
      }
      if (!result.more) break;
    }
    if (dispatched > 0) this.#sending.wake();
    return dispatched;
  }

  /**
   * Dispatches and sends what is due now, then waits until everything it started has been
   * answered and written: for tests and benchmarks that want it done before they look.
   */
  async runOnce(): Promise<PassResult> {
    const dispatched = await this.#dispatching.once();
    let sent = 0;
    for (let claimed = await this.#sending.once(); claimed > 0; claimed = await this.#sending.once()) sent += claimed;
    await this.#sender.settle();
    return { dispatched, sent };
  }

  /** Stops both loops; POSTs under way get a moment, then are abandoned to their leases. */
  async stop(): Promise<void> {
    await Promise.all([this.#dispatching.stop(), this.#sending.stop()]);
    await this.#sender.stop(STOP_GRACE_MS);
    this.#agents.destroy();
  }
}

/**
 * A node's webhooks: the list of subscriptions and the owners' grants (shared by its workers and
 * by the resolvers that check ownership), the allow list, and its own worker.
 */
export class WebhookNode {
  readonly options: ResolvedWebhookOptions;
  readonly allow: AllowList;
  readonly subscriptions: WebhookSubscriptions;
  readonly grants: AgencyGrants;
  readonly signatures: SignatureCache;
  /** The node's own worker: started by start() unless the options say this process does not deliver. */
  readonly worker: WebhookWorker;
  readonly #workers = new Set<WebhookWorker>();

  constructor(private readonly deps: WebhookNodeDeps) {
    this.options = resolveWebhookOptions(deps.options);
    this.allow = new AllowList(this.options.allow);
    const { db } = deps;
    this.subscriptions = new WebhookSubscriptions(subscriptionSource(deps), (removed) =>
      // Deleted at the province: their deliveries here go too (deleteWebhook).
      db.execute(sql`delete from ${deliveries} where webhook_id = any(${sql.param(removed)}::text[])`).then(() => undefined),
    );
    const grantSource = deps.grants ?? (deps.peers ? provinceGrants(deps.peers, deps.province) : () => Promise.reject(new Error('no way to reach the province catalog')));
    this.grants = new AgencyGrants(grantSource, this.options.grantTtlMs);
    this.signatures = new SignatureCache(deps.sign ?? ((privateKey, payloads) => backgroundSealPool().sign(privateKey, payloads)));
    this.worker = this.createWorker();
  }

  /** Another worker over the same database, as another process of the node would run. */
  createWorker(): WebhookWorker {
    const worker = new WebhookWorker(this, this.deps);
    this.#workers.add(worker);
    return worker;
  }

  /** Starts the node's worker, unless `deliver` is false. */
  start(): void {
    if (this.options.deliver) this.worker.start();
  }

  /** Asks the node's worker to look for due deliveries now. */
  wake(): void {
    this.worker.wake();
  }

  /**
   * The webhook `id` as this node knows it; when it knows none such, from a list read after the
   * question was asked (a webhook created a moment ago is in it). Such reads are one at a time,
   * so ids made up by the hundred cost the province one read at a time.
   */
  async find(id: string): Promise<Subscription | null> {
    const known = this.subscriptions.snapshot?.byId.get(id);
    if (known) return known;
    let snapshot: SubscriptionSnapshot;
    try {
      snapshot = await this.subscriptions.readSince(Date.now());
    } catch (error) {
      const { province } = this.deps;
      throw new GraphQLError(`the webhooks kept at the province node cannot be read: ${(error as Error).message}`, {
        extensions: { code: 'NODE_UNAVAILABLE', node: province },
      });
    }
    return snapshot.byId.get(id) ?? null;
  }

  /** Stops every worker. */
  async stop(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
  }
}
