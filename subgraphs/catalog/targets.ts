/**
 * Targets (工作目标) for the monthly progress report (每月通报): what each department must reach,
 * per metric and period, set by data stewards and kept at the province node (README › Statistics
 * › Targets). The report measures the departments against them through the aggregates API.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { usccProblem } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';
import type { HubDatabase } from '../kit/db.js';
import { targets, type TargetRow } from './db/schema.js';
import type { SetTargetInput, TargetMetric } from './generated/resolvers.js';

/** Metrics counted in certificates; the others are shares from 0 to 1. */
const COUNT_METRICS: ReadonlySet<TargetMetric> = new Set(['STOCK_CONVERTED']);
const MAX_COUNT = 100_000_000;
const MAX_NAME = 100;
const PERIOD = /^(20\d\d)(?:-(0[1-9]|1[0-2]))?$/;

/** Why `period` is not a target's period (YYYY or YYYY-MM, 2000–2099), or null. */
export function periodProblem(period: string): string | null {
  return PERIOD.test(period) ? null : `${JSON.stringify(period.slice(0, 20))} is not a period: YYYY (a year) or YYYY-MM (a month), from 2000 to 2099`;
}

function checked(input: SetTargetInput) {
  const agency = usccProblem(input.agency);
  if (agency) throw badInput('input.agency', agency);
  const period = periodProblem(input.period);
  if (period) throw badInput('input.period', period);
  if (!Number.isFinite(input.value)) throw badInput('input.value', 'must be a number');
  if (COUNT_METRICS.has(input.metric)) {
    if (!Number.isInteger(input.value) || input.value < 0 || input.value > MAX_COUNT) {
      throw badInput('input.value', `${input.metric} counts certificates: a whole number from 0 to ${MAX_COUNT.toLocaleString('en')}, not ${input.value}`);
    }
  } else if (!(input.value > 0 && input.value <= 1)) {
    throw badInput('input.value', `${input.metric} is a share: greater than 0 and at most 1 (0.9 for 90%), not ${input.value}`);
  }
  let agencyName: string | null = null;
  if (input.agencyName != null) {
    agencyName = input.agencyName.trim();
    const unsafe = unsafeCharacterProblem(agencyName);
    if (agencyName === '' || [...agencyName].length > MAX_NAME) throw badInput('input.agencyName', `1 to ${MAX_NAME} characters`);
    if (unsafe) throw badInput('input.agencyName', unsafe);
  }
  return { agency: input.agency, metric: input.metric, period: input.period, value: input.value, agencyName };
}

/**
 * Sets a target, replacing the one of the same department, metric and period, and records the
 * change (the target before and after) in the same transaction.
 */
export async function setTarget(
  db: HubDatabase,
  input: SetTargetInput,
  options: { setBy: string; at: Date; record: (tx: HubDatabase, detail: unknown) => Promise<void> },
): Promise<TargetRow> {
  const target = checked(input);
  return db.transaction(async (tx) => {
    const key = and(eq(targets.agency, target.agency), eq(targets.metric, target.metric), eq(targets.period, target.period));
    const [before] = await tx.select().from(targets).where(key).for('update');
    const [after] = await tx
      .insert(targets)
      .values({ ...target, agencyName: target.agencyName ?? before?.agencyName ?? null, setAt: options.at, setBy: options.setBy })
      .onConflictDoUpdate({
        target: [targets.agency, targets.metric, targets.period],
        set: { value: target.value, agencyName: sql`coalesce(excluded.agency_name, ${targets.agencyName})`, setAt: options.at, setBy: options.setBy },
      })
      .returning();
    await options.record(tx, { before: before ?? null, after });
    return after!;
  });
}

/** The targets of a period and department (either absent: every one), by agency, metric, period. */
export async function listTargets(db: HubDatabase, args: { period?: string | null; agency?: string | null }): Promise<TargetRow[]> {
  if (args.period != null) {
    const problem = periodProblem(args.period);
    if (problem) throw badInput('period', problem);
  }
  if (args.agency != null) {
    const problem = usccProblem(args.agency);
    if (problem) throw badInput('agency', problem);
  }
  return db
    .select()
    .from(targets)
    .where(and(args.period != null ? eq(targets.period, args.period) : undefined, args.agency != null ? eq(targets.agency, args.agency) : undefined))
    .orderBy(asc(targets.agency), asc(targets.metric), asc(targets.period));
}
