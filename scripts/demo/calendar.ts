/**
 * Calendar arithmetic on YYYY-MM-DD strings, in whole days and independent of any time zone:
 * every date of the demo data is an offset in days from the `today` it is built for.
 */

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** True when `date` is a real calendar day written YYYY-MM-DD. */
export const isDay = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && fromDayNumber(dayNumber(date)) === date;

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The same month and day `years` later (Feb 29 → Mar 1, as Date.UTC rolls over). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** The day of the week of `date`: 0 Sunday … 6 Saturday. */
export const weekdayOf = (date: string): number => new Date(dayNumber(date) * DAY_MS).getUTCDay();

/** True on Monday to Friday: when offices register, convert and check. */
export const isWorkday = (date: string): boolean => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;

/** The first day of the month `back` months before the month of `date`. */
export function monthStart(date: string, back: number): string {
  const month = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - back;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** How many days the month of `date` has. */
export const daysInMonth = (date: string): number => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

/** The last day of a term, as the certificate service computes it. */
export { termEnd } from '../../lib/codes.js';

/** A date as printed on a certificate: 2015年03月12日. */
export const printed = (date: string): string => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

/** Days in a year as the generator counts them, so that decisions never depend on `today`. */
export const YEAR_DAYS = 365.25;
