/**
 * What every node knows of the province's webhooks and of their owners' grants, for matching its
 * events to them (dispatcher.ts) and for deciding at each attempt what a body may carry
 * (authorization.ts). Webhooks are kept at the province node: it reads them from its database,
 * the other nodes through the province's webhookSubscriptions on their own account. The last
 * list read stays in use while the province cannot be reached.
 */
import { AgencyGrantCache, GRANT_FIELDS, grantClaimsOf, type GrantAnswer } from '../../../lib/grants.js';
import { isRole, type GrantClaim, type Role } from '../../../lib/principal.js';
import type { HubDatabase } from '../../kit/db.js';
import type { PeerClient } from '../../kit/peers.js';
import type { EventType, WebhookRow } from '../db/schema.js';
import { webhooksOf } from './registry.js';

/** A webhook as the node matches events against it. */
export interface Subscription {
  id: string;
  agency: string;
  agencyName: string | null;
  /** The owner's roles when it subscribed: what it may read is decided by them. */
  roles: Role[];
  url: string;
  events: ReadonlySet<EventType>;
  /** Null: any type. */
  typeCodes: ReadonlySet<string> | null;
  /** Null: any certificate. */
  certificateIds: ReadonlySet<string> | null;
  purpose: string | null;
  createdAt: Date;
}

/** A webhook row as a subscription. */
export function subscriptionOf(row: WebhookRow): Subscription {
  return {
    id: row.id,
    agency: row.agency,
    agencyName: row.agencyName,
    roles: row.roles.filter(isRole),
    url: row.url,
    events: new Set(row.events as EventType[]),
    typeCodes: row.typeCodes ? new Set(row.typeCodes) : null,
    certificateIds: row.certificateIds ? new Set(row.certificateIds) : null,
    purpose: row.purpose,
    createdAt: row.createdAt,
  };
}

const WEBHOOK_SUBSCRIPTIONS = /* GraphQL */ `
  query HubWebhookSubscriptions {
    webhookSubscriptions { agency agencyName roles webhook { id url events typeCodes certificateIds purpose createdAt } }
  }
`;

interface SubscriptionAnswer {
  agency: string;
  agencyName: string | null;
  roles: string[];
  webhook: { id: string; url: string; events: string[]; typeCodes: string[] | null; certificateIds: string[] | null; purpose: string | null; createdAt: string };
}

/** Reads every webhook: from this node's database at the province, else from the province. */
export type SubscriptionSource = () => Promise<WebhookRow[]>;

/** Every webhook kept in `db` (the province's), oldest first. */
export const localSubscriptions =
  (db: HubDatabase): SubscriptionSource =>
  () =>
    webhooksOf(db, null);

/** Every webhook, asked of the province node on this node's own account. */
export const provinceSubscriptions =
  (peers: PeerClient, province: string): SubscriptionSource =>
  async () => {
    const answer = await peers.request<{ webhookSubscriptions: SubscriptionAnswer[] }>(province, 'certificate', WEBHOOK_SUBSCRIPTIONS);
    const listed = answer.data?.webhookSubscriptions;
    if (!Array.isArray(listed)) throw new Error(`the province node did not list its webhooks: ${answer.errors?.[0]?.message ?? 'no answer'}`);
    return listed.map((entry) => ({
      ...entry.webhook,
      agency: entry.agency,
      agencyName: entry.agencyName,
      roles: entry.roles,
      createdAt: new Date(entry.webhook.createdAt),
    }));
  };

/** The source of a node's subscriptions: its own database at the province, the province otherwise. */
export function subscriptionSource(deps: { node: string; province: string; db: HubDatabase; peers?: PeerClient | undefined }): SubscriptionSource {
  if (deps.node === deps.province) return localSubscriptions(deps.db);
  const { peers } = deps;
  if (!peers) return () => Promise.reject(new Error(`node ${deps.node} has no way to reach the province node ${deps.province}`));
  return provinceSubscriptions(peers, deps.province);
}

/** The subscriptions read at one moment. */
export interface SubscriptionSnapshot {
  /** The instant the read started: every webhook created before it is in the list. */
  asOf: number;
  list: readonly Subscription[];
  byId: ReadonlyMap<string, Subscription>;
}

/**
 * The node's cache of every webhook. `refresh` reads the list again (one read at a time;
 * callers at once share it); a read that fails keeps the last list and rethrows, so that the
 * worker logs it and goes on with what it knew. `onRemoved` hears of webhooks that have
 * disappeared since the last read (deleted at the province), to drop their deliveries.
 */
export class WebhookSubscriptions {
  #snapshot: SubscriptionSnapshot | null = null;
  #reading: Promise<SubscriptionSnapshot> | null = null;
  /** When the read under way started. */
  #readingSince = 0;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly onRemoved: (ids: string[]) => Promise<void> | void = () => {},
    private readonly clock: () => number = Date.now,
  ) {}

  /** The last list read, or null before the first read succeeded. */
  get snapshot(): SubscriptionSnapshot | null {
    return this.#snapshot;
  }

  /** Reads the list now (or joins the read under way). */
  refresh(): Promise<SubscriptionSnapshot> {
    this.#reading ??= this.#read().finally(() => (this.#reading = null));
    return this.#reading;
  }

  /**
   * A list whose read started no earlier than `since` (epoch ms): the last one, the one under
   * way, or a new one after it. Reads stay one at a time however many callers ask.
   */
  async readSince(since: number): Promise<SubscriptionSnapshot> {
    for (;;) {
      const known = this.#snapshot;
      if (known && known.asOf >= since) return known;
      if (this.#reading && this.#readingSince >= since) return this.#reading;
      if (this.#reading) await this.#reading.catch(() => undefined);
      else return this.refresh();
    }
  }

  async #read(): Promise<SubscriptionSnapshot> {
    const asOf = this.clock();
    this.#readingSince = asOf;
    const rows = await this.source();
    const list = rows.map(subscriptionOf);
    const snapshot: SubscriptionSnapshot = { asOf, list, byId: new Map(list.map((entry) => [entry.id, entry])) };
    const before = this.#snapshot;
    this.#snapshot = snapshot;
    if (before) {
      const removed = before.list.filter((entry) => !snapshot.byId.has(entry.id)).map((entry) => entry.id);
      if (removed.length > 0) await this.onRemoved(removed);
    }
    return snapshot;
  }
}

const GRANTS_OF_AGENCY = /* GraphQL */ `
  query HubWebhookGrants($agency: String) { grants(agency: $agency) { ${GRANT_FIELDS} } }
`;

/** Reads one agency's grants that are not revoked (expired ones included). */
export type GrantSource = (agency: string) => Promise<GrantClaim[]>;

/** An agency's grants from the province catalog, on this node's own account. */
export const provinceGrants =
  (peers: PeerClient, province: string): GrantSource =>
  async (agency) => {
    const answer = await peers.request<{ grants: GrantAnswer[] }>(province, 'catalog', GRANTS_OF_AGENCY, { agency });
    const rows = answer.data?.grants;
    if (!Array.isArray(rows)) throw new Error(`the grants of ${agency} could not be read from the province node: ${answer.errors?.[0]?.message ?? 'no answer'}`);
    return grantClaimsOf(rows);
  };

/**
 * Each agency's grants, kept for `ttlMs` (5 s, as the gateway keeps them): a grant a steward
 * revokes stops opening holders' identity in deliveries within that time. One read per agency
 * at a time; a failed read is not kept, and fails the attempt that needed it (it is retried),
 * rather than deliver less than the agency may read.
 */
export class AgencyGrants {
  readonly #cache: AgencyGrantCache;

  constructor(
    private readonly source: GrantSource,
    ttlMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.#cache = new AgencyGrantCache(ttlMs);
  }

  of(agency: string): Promise<GrantClaim[]> {
    return this.#cache.get(agency, () => this.source(agency), this.clock());
  }
}
