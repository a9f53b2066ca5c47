import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type Permit } from './circuit-breaker.js';

/** A breaker on a clock the test moves by hand. */
function breaker(failureThreshold = 3, cooldownMs = 1_000) {
  const clock = { now: 0 };
  const subject = new CircuitBreaker({ failureThreshold, cooldownMs, now: () => clock.now });
  const fail = (times: number) => {
    for (let i = 0; i < times; i++) subject.admit()!.failed();
  };
  return { subject, clock, fail };
}

describe('circuit breaker', () => {
  it('lets every call through while closed, and fewer failures than the threshold keep it closed', () => {
    const { subject, fail } = breaker(3);
    fail(2);
    expect(subject.state).toBe('closed');
    expect(subject.admit()).not.toBeNull();
    expect(subject.snapshot()).toMatchObject({ state: 'closed', failures: 2, opens: 0, rejected: 0 });
  });

  it('a success resets the count: only consecutive failures open it', () => {
    const { subject, fail } = breaker(3);
    fail(2);
    subject.admit()!.succeeded();
    fail(2);
    expect(subject.state).toBe('closed');
    fail(1);
    expect(subject.state).toBe('open');
  });

  it('opens after the threshold of consecutive failures and then refuses calls without sending them', () => {
    const { subject, clock, fail } = breaker(3, 1_000);
    fail(3);
    expect(subject.state).toBe('open');
    clock.now = 400;
    expect(subject.admit()).toBeNull();
    expect(subject.admit()).toBeNull();
    expect(subject.snapshot()).toEqual({ state: 'open', failures: 3, opens: 1, rejected: 2, retryInMs: 600 });
  });

  it('half-opens after the cooldown and lets exactly one probe through', () => {
    const { subject, clock, fail } = breaker(3, 1_000);
    fail(3);
    clock.now = 999;
    expect(subject.admit()).toBeNull();
    clock.now = 1_000;
    expect(subject.state).toBe('half-open');
    const probe = subject.admit();
    expect(probe).not.toBeNull();
    expect(subject.admit()).toBeNull();
    expect(subject.admit()).toBeNull();
    expect(subject.state).toBe('half-open');
    expect(subject.snapshot().rejected).toBe(3);
  });

  it("closes when the probe succeeds, and counts failures from zero again", () => {
    const { subject, clock, fail } = breaker(3, 1_000);
    fail(3);
    clock.now = 1_000;
    subject.admit()!.succeeded();
    expect(subject.state).toBe('closed');
    expect(subject.admit()).not.toBeNull();
    fail(2);
    expect(subject.state).toBe('closed');
  });

  it('opens again for a whole cooldown when the probe fails', () => {
    const { subject, clock, fail } = breaker(3, 1_000);
    fail(3);
    clock.now = 1_500;
    subject.admit()!.failed();
    expect(subject.state).toBe('open');
    expect(subject.snapshot()).toMatchObject({ opens: 2, retryInMs: 1_000 });
    clock.now = 2_400;
    expect(subject.admit()).toBeNull();
    clock.now = 2_500;
    expect(subject.admit()).not.toBeNull();
  });

  it('calls sent before it opened change nothing when they answer late; only the probe decides', () => {
    const { subject, clock } = breaker(2, 1_000);
    const early: Permit[] = [subject.admit()!, subject.admit()!, subject.admit()!];
    early[0]!.failed();
    early[1]!.failed();
    expect(subject.state).toBe('open');
    early[2]!.succeeded();
    expect(subject.state).toBe('open');
    clock.now = 1_000;
    const probe = subject.admit()!;
    probe.failed();
    expect(subject.state).toBe('open');
    expect(subject.snapshot().opens).toBe(2);
  });

  it('a permit reports once: a second report is ignored', () => {
    const { subject } = breaker(2);
    const permit = subject.admit()!;
    permit.failed();
    permit.failed();
    expect(subject.state).toBe('closed');
    expect(subject.snapshot().failures).toBe(1);
  });

  it('refuses options that make no sense', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(/failureThreshold/);
    expect(() => new CircuitBreaker({ cooldownMs: -1 })).toThrow(/cooldownMs/);
  });
});
