/**
 * What happened to certificates after issue: suspensions (and their lifting), revocations,
 * withdrawals and cancellations, enough of each for the tests and the IDE to show; and the
 * certificates withdrawn for a wrong face and issued again, corrected.
 */
import type { DemoRun, Draft } from './drafting.js';
import { storedStatus, type DemoStatusChange, type StoredStatusValue } from './model.js';
import type { Random } from './random.js';
import { CORRECTION_REASONS, REASONS, type Outcome, type ReasonFamily } from './reasons.js';

/** At least this many of each final status, with a margin over the 20 the tests ask for. */
const OUTCOME_TARGETS: ReadonlyArray<readonly [Outcome, number]> = [
  // Ten more are withdrawn for a correction and issued again: see reissueCorrections.
  ['withdrawn', 15],
  ['revoked', 25],
  ['suspended', 25],
  ['resumed', 22],
  ['cancelled', 28],
];

const statusOf = (outcome: Outcome): StoredStatusValue =>
  ({ suspended: 'SUSPENDED', resumed: 'VALID', revoked: 'REVOKED', withdrawn: 'WITHDRAWN', cancelled: 'CANCELLED' } as const)[outcome];

/**
 * Gives the open certificates (current, unexpired, of active holders, issued 60+ days ago) the
 * outcomes that bring every final status to its target, each where its type allows it. Entity
 * revocations and deregistrations have already produced some REVOKED and CANCELLED.
 */
export function assignOutcomes(run: DemoRun): void {
  const { r, drafts } = run;
  const candidates = r.shuffle(drafts.filter((d) => d.open && d.issuedAgo >= 60));
  const count = (status: StoredStatusValue) => drafts.filter((d) => storedStatus(d) === status).length;
  const taken = new Set<Draft>();
  for (const [outcome, target] of OUTCOME_TARGETS) {
    let have = outcome === 'resumed' ? 0 : count(statusOf(outcome));
    for (const d of candidates) {
      if (have >= target) break;
      if (taken.has(d)) continue;
      const reasons = REASONS[d.family];
      if (!reasons[outcome === 'resumed' ? 'suspended' : outcome]) continue;
      if (outcome === 'resumed' && d.issuedAgo < suspensionDays(d.family)[1] + 10) continue;
      taken.add(d);
      have++;
      d.statusChanges.push(...outcomeChanges(r, d, outcome));
    }
  }
}

/** How long a suspension lasts: six months for a physician, 30–60 days for a safety licence, else weeks of rectification. */
const suspensionDays = (family: ReasonFamily): readonly [number, number] =>
  family === 'physician' ? [183, 200] : family === 'construction' ? [30, 60] : [15, 90];

function outcomeChanges(r: Random, d: Draft, outcome: Outcome): DemoStatusChange[] {
  const reasons = REASONS[d.family];
  const span = d.issuedAgo - 1;
  const u1 = r.float();
  const u2 = r.float();
  const first = Math.max(1, Math.floor(span * (0.25 + 0.5 * u1)));
  switch (outcome) {
    case 'suspended':
      // Still suspended today, so suspended within the last few weeks.
      return [{ status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: Math.max(1, span - 5 - Math.floor(u1 * 24)) }];
    case 'resumed': {
      const [shortest, longest] = suspensionDays(d.family);
      const lasted = shortest + Math.floor(u2 * (longest - shortest + 1));
      const suspendedOn = 1 + Math.floor(u1 * Math.max(1, span - lasted - 2));
      const resumedOn = Math.min(span, suspendedOn + lasted);
      return [
        { status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: suspendedOn },
        { status: 'VALID', reason: r.pick(reasons.resume ?? ['整改完成，恢复使用']), daysAfterIssue: resumedOn },
      ];
    }
    case 'revoked': {
      // Some revocations follow a suspension that did not help.
      const suspendedFirst = reasons.suspended !== undefined && r.chance(0.35);
      const changes: DemoStatusChange[] = [];
      if (suspendedFirst) changes.push({ status: 'SUSPENDED', reason: r.pick(reasons.suspended!), daysAfterIssue: first });
      changes.push({ status: 'REVOKED', reason: r.pick(reasons.revoked!), daysAfterIssue: Math.min(span, first + (suspendedFirst ? 30 + Math.floor(u2 * 60) : 0)) });
      return changes;
    }
    case 'withdrawn':
      return [{ status: 'WITHDRAWN', reason: r.pick(reasons.withdrawn!), daysAfterIssue: first }];
    case 'cancelled':
      return [{ status: 'CANCELLED', reason: r.pick(reasons.cancelled!), daysAfterIssue: Math.max(1, Math.floor(span * (0.4 + 0.55 * u1))) }];
  }
}

/**
 * A few certificates were withdrawn days after issue because their face was wrong, and issued
 * again, corrected, under a new number: the e-certificate libraries' most common withdrawal.
 */
export function reissueCorrections(run: DemoRun): void {
  const { r, drafts } = run;
  const open = r.shuffle(
    drafts.filter((d) => d.open && d.issuedAgo >= 90 && d.statusChanges.length === 0 && d.family !== 'business' && d.family !== 'rental'),
  );
  for (const original of open.slice(0, 10)) {
    const after = r.int(2, 25);
    original.statusChanges.push({ status: 'WITHDRAWN', reason: r.pick(CORRECTION_REASONS), daysAfterIssue: after });
    const issuedAgo = original.issuedAgo - after;
    const issuedOn = run.dateAgo(issuedAgo);
    const number = original.numberFor(issuedOn);
    drafts.push({
      ...original,
      number,
      issuedOn,
      validFrom: issuedOn,
      items: original.itemsFor(number),
      origin: 'ISSUED',
      statusChanges: [],
      issuedAgo,
      open: false,
    });
  }
}
