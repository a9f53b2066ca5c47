/**
 * The conversion campaign (存量证照电子化): the paper certificates of the demo (origin CONVERTED)
 * came into the hub over the last eighteen months, a few a month at first and more every month
 * as the agencies worked through their registers. A certificate whose status changed must be in
 * the hub for the change to be made there, so one changed before its campaign day was converted
 * instead in the days before that change.
 */
import { daysBetween } from './calendar.js';
import type { DemoRun } from './drafting.js';
import { changeDate } from './model.js';
import { workdayWithin } from './recent.js';

/** How many days back the campaign began: about eighteen months. */
export const CAMPAIGN_DAYS = 547;

/** How many times more conversions a day the campaign made at its end than at its start. */
const CAMPAIGN_GROWTH = 4;

/**
 * The campaign's progress (0 its first day, 1 today) at quantile `u` of its conversions, when a
 * day's conversions grow linearly from 1 to CAMPAIGN_GROWTH: the inverse of the cumulative share.
 */
function progressAt(u: number): number {
  const a = CAMPAIGN_GROWTH - 1;
  // Solves (x + a·x²/2) / (1 + a/2) = u for x in [0, 1].
  return (Math.sqrt(1 + 2 * a * u * (1 + a / 2)) - 1) / a;
}

/**
 * Gives every converted certificate its conversion day (convertedOn). The certificates are
 * shuffled and each takes the next slice of the campaign's quantiles (stratified), so the days
 * follow the growing curve closely and no month of it is left empty. Two draws per certificate.
 */
export function scheduleConversions(run: DemoRun): void {
  const { r, today } = run;
  const converted = r.shuffle(run.drafts.filter((d) => d.origin === 'CONVERTED'));
  converted.forEach((d, rank) => {
    const u = (rank + r.float()) / converted.length;
    const uBefore = r.float();
    const issuedAgo = daysBetween(d.issuedOn, today);
    const first = d.statusChanges[0];
    const changedAgo = first ? daysBetween(changeDate(d, first), today) : 0;
    let ago = Math.round(CAMPAIGN_DAYS * (1 - progressAt(u)));
    // Changed before the campaign reached it: converted within the month before that change.
    if (ago < changedAgo) ago = changedAgo + Math.floor(uBefore * Math.min(30, issuedAgo - changedAgo + 1));
    ago = Math.min(ago, issuedAgo);
    d.convertedOn = workdayWithin(run.dateAgo(ago), d.issuedOn, run.dateAgo(changedAgo));
  });
}
