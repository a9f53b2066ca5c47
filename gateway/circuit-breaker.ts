/**
 * A circuit breaker for one node. Closed, every call goes out; after `failureThreshold`
 * consecutive failures it opens, and calls are refused at once, without being sent, so a dead
 * or hung node costs callers nothing and is not piled up with requests. After `cooldownMs` it
 * half-opens: one call goes out as a probe while the others are still refused; the probe's
 * success closes the breaker, its failure opens it again for another cooldown.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  failureThreshold?: number;
  /** How long the breaker stays open before one probe may go out (default 5000 ms). */
  cooldownMs?: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
}

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOLDOWN_MS = 5_000;

/** What the gateway's /healthz shows of one breaker. */
export interface BreakerSnapshot {
  state: BreakerState;
  /** Consecutive failures counted while closed. */
  failures: number;
  /** How many times the breaker has opened since the gateway started. */
  opens: number;
  /** Calls refused without being sent since the gateway started. */
  rejected: number;
  /** While open: how long until a probe may go out. */
  retryInMs?: number;
}

/** The right to send one call; the caller reports how it went, exactly once. */
export interface Permit {
  succeeded(): void;
  failed(): void;
}

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private current: 'closed' | 'open' = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private opens = 0;
  private rejected = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.cooldownMs = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) throw new Error('failureThreshold: a whole number, at least 1');
    if (!Number.isFinite(this.cooldownMs) || this.cooldownMs < 0) throw new Error('cooldownMs: milliseconds, at least 0');
  }

  /** Closed; open and cooling down; or half-open: cooled down, a probe out or about to go. */
  get state(): BreakerState {
    if (this.current === 'closed') return 'closed';
    return this.probing || this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /**
   * A permit to send one call, or null when the call must be refused without being sent.
   * Half-open, only the first caller gets one: it is the probe.
   */
  admit(): Permit | null {
    const state = this.state;
    if (state === 'closed') return this.permit(false);
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      return this.permit(true);
    }
    this.rejected++;
    return null;
  }

  /** How long until a refused caller could be let through (0 when closed). */
  get retryInMs(): number {
    if (this.current === 'closed') return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      state,
      failures: this.failures,
      opens: this.opens,
      rejected: this.rejected,
      ...(state === 'open' ? { retryInMs: this.retryInMs } : {}),
    };
  }

  private permit(probe: boolean): Permit {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (probe) {
        this.probing = false;
        if (ok) this.close();
        else this.open();
      } else if (this.current === 'closed') {
        // Calls sent before the breaker opened and answering after it did change nothing:
        // only the probe decides when an open breaker closes.
        if (ok) this.failures = 0;
        else if (++this.failures >= this.failureThreshold) this.open();
      }
    };
    return { succeeded: () => settle(true), failed: () => settle(false) };
  }

  private open(): void {
    this.current = 'open';
    this.openedAt = this.now();
    this.opens++;
  }

  private close(): void {
    this.current = 'closed';
    this.failures = 0;
  }
}
