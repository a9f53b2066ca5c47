/**
 * The calendar of annual reports (年报, README › Annual reports), on China time days
 * (YYYY-MM-DD, lib/codes.ts isoDate): the report of year Y is filed from 1 January of Y+1, may be
 * changed until 30 June of Y+1, and is late (补报) after that. Pure functions of the day, so that
 * the subgraph, its reminder job, the abnormal operations list and the supervisors' findings
 * agree on every date.
 */

/** The year of a day YYYY-MM-DD. */
export const yearOf = (day: string): number => Number(day.slice(0, 4));

/** The last day to file (and to change) the report of `year`: 30 June of the next year. */
export const reportDeadline = (year: number): string => `${year + 1}-06-30`;

/** The first day the report of `year` may be filed: 1 January of the next year. */
export const reportOpens = (year: number): string => `${year + 1}-01-01`;

/** The day reminders of the report of `year` start: 1 June of the next year, 30 days before the deadline. */
export const reminderStarts = (year: number): string => `${year + 1}-06-01`;

/**
 * The last founding day of an entity that owes the report of `year`: 31 December of that year.
 * An entity founded during a year reports on it from the next year on (当年设立登记的企业，自下一年起
 * 报送上一年度年报), so one founded in the filing year itself owes nothing yet.
 */
export const foundedBy = (year: number): string => `${year}-12-31`;

/** The day an entity that missed the report of `year` is listed (列入经营异常名录): 1 July after the deadline. */
export const listedOn = (year: number): string => `${year + 1}-07-01`;

/** Why an entity is on the abnormal operations list for missing the report of `year`. */
export const missedReason = (year: number): string => `未按规定报送${year}年度年报`;

/**
 * The report year the abnormal operations list stands for on `day`: the latest year whose
 * deadline has passed — the previous year from 1 July, the year before it until 30 June.
 */
export function listedYear(day: string): number {
  const year = yearOf(day);
  return day > reportDeadline(year - 1) ? year - 1 : year - 2;
}

/** How a filing of the report of a year on a day counts. */
export type FilingWindow = { late: boolean; changeable: boolean } | { problem: string };

/**
 * Whether the report of `year` may be filed on `day`, and how:
 * - the previous year's: on time until 30 June (and a company may file again, each time a new
 *   version), late after it (补报: accepted once, never changed);
 * - the year before that, until 30 June: late, once — the year the abnormal operations list
 *   still stands for (listedYear), so that a listed company can file what it missed;
 * - any other year: refused, the current year's before it has ended.
 */
export function filingWindow(year: number, day: string): FilingWindow {
  const current = yearOf(day);
  if (year >= current) return { problem: `the report of ${year} can be filed from ${reportOpens(year)}` };
  if (year === current - 1) {
    const onTime = day <= reportDeadline(year);
    return { late: !onTime, changeable: onTime };
  }
  if (year === listedYear(day)) return { late: true, changeable: false };
  return { problem: `the report of ${year} can no longer be filed: on ${day} only the report of ${current - 1} is accepted` };
}

/** The instant a China time day ends (the next day's 00:00 +08:00): filings before it were made by that day. */
export const endOfChinaDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000);
