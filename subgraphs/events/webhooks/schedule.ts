/**
 * When a failed delivery is tried again (README › Webhooks › Retries): after firstRetryMs,
 * doubling at each attempt up to maxBackoffMs, each delay spread by ±25 % so that the deliveries
 * a receiver's outage failed together do not all come back at the same instant. A delivery is
 * FAILED once it has made maxAttempts attempts, or when its next attempt would fall outside its
 * retry window (which starts when it is created, and again at each redelivery).
 */
import type { ResolvedWebhookOptions } from './options.js';

export type RetryDecision = { retryAt: Date } | { fail: string };

/** The delay before attempt `attempts + 1`, jitter included (`random` in [0, 1)). */
export function backoffMs(attempts: number, options: Pick<ResolvedWebhookOptions, 'firstRetryMs' | 'maxBackoffMs'>, random: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 52);
  const base = Math.min(options.maxBackoffMs, options.firstRetryMs * 2 ** exponent);
  return Math.min(options.maxBackoffMs, Math.round(base * (0.75 + random * 0.5)));
}

/**
 * After failed attempt number `attempts` (counted in the current window) at `now`: when to try
 * again, or why not any more.
 */
export function afterFailure(
  attempts: number,
  windowStart: Date,
  now: Date,
  options: Pick<ResolvedWebhookOptions, 'firstRetryMs' | 'maxBackoffMs' | 'maxAttempts' | 'retryWindowMs'>,
  random: number = Math.random(),
): RetryDecision {
  if (attempts >= options.maxAttempts) return { fail: `${attempts} attempt${attempts === 1 ? '' : 's'} made, the most allowed` };
  const retryAt = new Date(now.getTime() + backoffMs(attempts, options, random));
  if (retryAt.getTime() > windowStart.getTime() + options.retryWindowMs) {
    return { fail: `the retry window of ${Math.round(options.retryWindowMs / 1000)} s has passed` };
  }
  return { retryAt };
}
