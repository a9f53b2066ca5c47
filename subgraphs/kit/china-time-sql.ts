/** Days in China time (UTC+8, no daylight saving) in SQL, for counts by day over instants. */
import { sql, type SQL } from 'drizzle-orm';

/** The China time day (a date) of a timestamptz expression. */
export const chinaDay = (instant: SQL): SQL => sql`(${instant} at time zone 'Asia/Shanghai')::date`;

/** The instant China time day `day` (YYYY-MM-DD, checked by the caller) starts; `next`: the day after it starts. */
export const chinaMidnight = (day: string, next = false): SQL =>
  sql`((${day}::date${sql.raw(next ? ' + 1' : '')})::timestamp at time zone 'Asia/Shanghai')`;
