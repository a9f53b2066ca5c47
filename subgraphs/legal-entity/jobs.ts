/**
 * The registry's bookkeeping in the background, beside the node's certificate jobs and run the
 * same way (kit/loop.ts): in June, a reminder of the annual report in the inbox of every
 * operating entity that owes it and has not filed it — once per entity and year (README › Annual
 * reports). Everything it knows is in the database: a restarted node goes on where it stopped,
 * and any number of processes of one node may run it.
 */
import { sql } from 'drizzle-orm';
import { isoDate } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { executeRows } from '../kit/db.js';
import { foreground } from '../kit/foreground.js';
import { complainOnce, Loop } from '../kit/loop.js';
import { eventLog } from '../events/db/schema.js';
import { annualReportReminders, annualReports, legalEntities } from './db/schema.js';
import { foundedBy, reminderStarts, reportDeadline, yearOf } from './report-calendar.js';

/** How the node runs its registry jobs: as its certificate jobs (NodeOptions.certificateJobs). */
export interface RegistryJobOptions {
  /** Whether the loop runs (default true); tests run passes themselves (`runOnce`). */
  run?: boolean;
  /** The time between passes when there is nothing to do (default 30 s). */
  pollMs?: number;
}

/** Entities reminded per statement. */
export const REMINDER_BATCH = 1_000;

/** The longest a pass waits for a moment without requests before it runs anyway. */
const MAX_GIVE_WAY_MS = 2_000;

/** What one pass did. */
export interface RegistryJobPass {
  /** Annual report reminders put in inboxes. */
  reminders: number;
}

/**
 * The report year whose reminders are due on `day`, or null outside their window: from 1 June
 * (30 days before the deadline) to 30 June, the previous year's.
 */
export function reminderYear(day: string): number | null {
  const year = yearOf(day) - 1;
  return day >= reminderStarts(year) && day <= reportDeadline(year) ? year : null;
}

/**
 * Reminds up to `batch` operating entities that owe the report of `year` (founded by its end),
 * have not filed it and were not reminded of it: ONE statement that records the reminders (the
 * primary key (uscc, year) keeps each to once, whatever runs at the same time: ON CONFLICT DO
 * NOTHING) and appends, for exactly those recorded, a NOTICE to the entity's inbox. The entities
 * are taken in USCC order from the partial index of operating entities. Answers how many.
 */
export async function sendReportReminders(db: HubDatabase, year: number, at: Date, batch = REMINDER_BATCH): Promise<number> {
  const title = `请于6月30日前报送${year}年度年报`;
  const body = `${year}年度年报请于${year + 1}年6月30日前报送（submitAnnualReport）；逾期未报送的，将被列入经营异常名录。`;
  const rows = await executeRows<{ uscc: string }>(
    db,
    sql`
    with due as (
      select e.uscc, e.name from ${legalEntities} e
      where e.status = 'ACTIVE' and e.established_on <= ${foundedBy(year)}::date
        and not exists (select 1 from ${annualReports} r where r.year = ${year}::int and r.version = 1 and r.uscc = e.uscc)
        and not exists (select 1 from ${annualReportReminders} m where m.year = ${year}::int and m.uscc = e.uscc)
      order by e.uscc collate "C"
      limit ${batch}::int
    ), sent as (
      insert into ${annualReportReminders} (uscc, year, sent_at)
      select uscc, ${year}::int, ${at.toISOString()}::timestamptz from due
      on conflict do nothing
      returning uscc
    )
    insert into ${eventLog} (type, at, holder_code, title, body)
    select 'NOTICE', ${at.toISOString()}::timestamptz, sent.uscc, ${title},
           due.name || '（统一社会信用代码 ' || sent.uscc || '）：' || ${body}
    from sent join due on due.uscc = sent.uscc
    order by sent.uscc collate "C"
    returning holder_code as uscc`,
  );
  return rows.length;
}

export class RegistryJobs {
  readonly #loop: Loop;

  constructor(
    private readonly db: HubDatabase,
    private readonly options: RegistryJobOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#loop = new Loop(
      async () => {
        await foreground.idle(MAX_GIVE_WAY_MS);
        return (await this.runOnce()).reminders;
      },
      () => this.options.pollMs ?? 30_000,
      complainOnce('registry jobs'),
    );
  }

  /**
   * One pass now: one batch of reminders when they are due (1–30 June, China time); the loop
   * runs the next pass at once while a pass finds work.
   */
  async runOnce(): Promise<RegistryJobPass> {
    const at = this.now();
    const year = reminderYear(isoDate(at));
    return { reminders: year === null ? 0 : await sendReportReminders(this.db, year, at) };
  }

  start(): void {
    if (this.options.run !== false) this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
