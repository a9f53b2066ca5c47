/**
 * The calendar of the last two years, when registering a business went online in one step
 * (企业开办一网通办) and more were founded month after month: how many businesses each month saw
 * founded, and on which day. Months are calendar months counted back from the month of `today`,
 * so that every one of them, the current one included, has its foundings whatever the day the
 * hub starts; the number drawn never depends on `today`, only the dates do.
 */
import { addDays, daysInMonth, isWorkday, monthStart } from './calendar.js';
import type { Random } from './random.js';

/** How many calendar months back, the current one included, the recent foundings reach. */
export const RECENT_MONTHS = 24;

/** At least this many foundings in every month, so that no month of a trend is empty. */
const MONTHLY_FLOOR = 2;

/**
 * How `total` foundings fall into the RECENT_MONTHS months, oldest first: a share rising to
 * about twice the first months' by the last, each month's drawn up or down by a third, every
 * month at least MONTHLY_FLOOR (largest remainders round the shares to whole foundings).
 */
export function monthlyCounts(r: Random, total: number): number[] {
  const spare = total - MONTHLY_FLOOR * RECENT_MONTHS;
  if (spare < 0) throw new RangeError(`${total} foundings cannot give every one of ${RECENT_MONTHS} months ${MONTHLY_FLOOR}`);
  const weights = Array.from({ length: RECENT_MONTHS }, (_, i) => (1 + i / (RECENT_MONTHS - 1)) * (0.67 + 0.66 * r.float()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (w / sum) * spare);
  const counts = shares.map((share) => MONTHLY_FLOOR + Math.floor(share));
  const byRemainder = shares.map((share, i) => [share - Math.floor(share), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of byRemainder) {
    if (left === 0) break;
    counts[i]! += 1;
    left--;
  }
  return counts;
}

/**
 * A day of the month `back` months before the month of `today`, drawn by `u` in [0, 1) and never
 * after `today`; moved to the nearest working day of the same span when it falls on a weekend.
 */
export function dayInMonth(today: string, back: number, u: number): string {
  const first = monthStart(today, back);
  const last = back === 0 ? today : addDays(first, daysInMonth(first) - 1);
  const span = back === 0 ? Number(today.slice(8, 10)) : daysInMonth(first);
  return workdayWithin(addDays(first, Math.floor(u * span)), first, last);
}

/**
 * `date`, or the nearest working day to it in [earliest, latest] (the Friday before a weekend
 * first); `date` itself when the span holds none.
 */
export function workdayWithin(date: string, earliest: string, latest: string): string {
  for (const shift of [0, -1, -2, 1, 2]) {
    const day = addDays(date, shift);
    if (day >= earliest && day <= latest && isWorkday(day)) return day;
  }
  return date;
}
