import { AllowList } from './allow-list.js';

/** How a node delivers its events to webhooks (README › Webhooks); every field has a default. */
export interface WebhookOptions {
  /**
   * The hosts and networks webhooks may reach (--webhook-allow / HUB_WEBHOOK_ALLOW): host names
   * and CIDR networks. Default: loopback only, so that a hub in a government network cannot be
   * made to call arbitrary addresses.
   */
  allow?: readonly string[];
  /** How long a delivery is retried before it is FAILED (default 24 h). */
  retryWindowMs?: number;
  /** The delay before the first retry, doubled at each attempt up to maxBackoffMs, with jitter (default 1 s). */
  firstRetryMs?: number;
  /** The longest delay between two attempts (default 1 h). */
  maxBackoffMs?: number;
  /** At most this many attempts (default: as many as the retry window allows). */
  maxAttempts?: number;
  /** How long one POST may take (default 10 s). */
  timeoutMs?: number;
  /** How often an idle node looks for new events and due deliveries (default 1 s). */
  pollMs?: number;
  /** False: this process delivers nothing (another process on the same database does); default true. */
  deliver?: boolean;
  /** POSTs in flight at once from this process, over every webhook (default 256). */
  concurrency?: number;
  /**
   * POSTs in flight at once to one webhook (default 32): a slow receiver holds at most this many
   * of the process's slots, so that the others go on delivering.
   */
  perWebhookConcurrency?: number;
  /**
   * How often the node re-reads the province's webhooks (default 5 s) when nothing asks sooner.
   * A new event is matched only against a list read after it happened, so an event waits for
   * the next read (at most one every pollMs) rather than miss a webhook created just before it.
   */
  subscriptionRefreshMs?: number;
  /**
   * How long the node reuses an agency's grants when deciding what its deliveries carry
   * (default 5 s, as the gateway): a revoked grant stops opening holders within this time.
   */
  grantTtlMs?: number;
}

/** Every option with its value: what the worker and the registry actually use. */
export type ResolvedWebhookOptions = Required<Omit<WebhookOptions, 'maxAttempts'>> & { maxAttempts: number };

/** Loopback only: the default allow list. */
export const DEFAULT_WEBHOOK_ALLOW: readonly string[] = ['127.0.0.0/8', '::1', 'localhost'];

const HOUR = 3_600_000;

/**
 * The options with their defaults filled in. A value that makes no sense (a negative delay, no
 * concurrency) is a programming or configuration error and throws, naming the option.
 */
export function resolveWebhookOptions(options: WebhookOptions = {}): ResolvedWebhookOptions {
  const resolved: ResolvedWebhookOptions = {
    allow: options.allow ?? DEFAULT_WEBHOOK_ALLOW,
    retryWindowMs: options.retryWindowMs ?? 24 * HOUR,
    firstRetryMs: options.firstRetryMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? HOUR,
    maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
    timeoutMs: options.timeoutMs ?? 10_000,
    pollMs: options.pollMs ?? 1_000,
    deliver: options.deliver ?? true,
    concurrency: options.concurrency ?? 256,
    perWebhookConcurrency: options.perWebhookConcurrency ?? 32,
    subscriptionRefreshMs: options.subscriptionRefreshMs ?? 5_000,
    grantTtlMs: options.grantTtlMs ?? 5_000,
  };
  const positive = ['retryWindowMs', 'firstRetryMs', 'maxBackoffMs', 'maxAttempts', 'timeoutMs', 'pollMs', 'concurrency', 'perWebhookConcurrency', 'subscriptionRefreshMs'] as const;
  for (const name of positive) {
    const value = resolved[name];
    if (!(value > 0)) throw new Error(`webhook option ${name} must be greater than 0, not ${value}`);
  }
  return resolved;
}

/**
 * The entries of a comma-separated allow list as an operator writes it (`--webhook-allow
 * "10.20.0.0/16, hooks.example.gov.cn"`): trimmed, empty ones dropped. Whether each is a host
 * name or a network is checked by AllowList.
 */
export const allowEntries = (text: string): string[] =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

/** The webhook options an operator gives a node on its command line or in its environment, as text. */
export interface WebhookOptionsText {
  /** --webhook-allow / HUB_WEBHOOK_ALLOW: comma-separated host names and networks. */
  allow?: string | undefined;
  /** --webhook-timeout / HUB_WEBHOOK_TIMEOUT_MS: milliseconds one POST may take. */
  timeoutMs?: string | undefined;
  /** --webhook-retry-window / HUB_WEBHOOK_RETRY_WINDOW_MS: milliseconds a delivery is retried. */
  retryWindowMs?: string | undefined;
}

/**
 * WebhookOptions from an operator's text: an allow list whose every entry is a host name or an
 * IP address or network (an empty list is refused: it would refuse every webhook), and whole
 * positive numbers of milliseconds. Throws an Error naming the flag at fault.
 */
export function webhookOptionsFromText(text: WebhookOptionsText): WebhookOptions {
  const options: WebhookOptions = {};
  if (text.allow !== undefined) {
    const entries = allowEntries(text.allow);
    if (entries.length === 0) throw new Error('--webhook-allow: name at least one host or network (the default is loopback only)');
    try {
      new AllowList(entries);
    } catch (error) {
      throw new Error(`--webhook-allow: ${(error as Error).message}`);
    }
    options.allow = entries;
  }
  const milliseconds = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag}: a whole number of milliseconds, more than 0`);
    return number;
  };
  const timeoutMs = milliseconds('--webhook-timeout', text.timeoutMs);
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  const retryWindowMs = milliseconds('--webhook-retry-window', text.retryWindowMs);
  if (retryWindowMs !== undefined) options.retryWindowMs = retryWindowMs;
  return options;
}
