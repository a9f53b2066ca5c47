import { and, asc, between, eq, sql } from 'drizzle-orm';
import { matterCodeAgency, matterCodeProblem, typeCodeProblem } from '../../lib/codes.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { OUTCOME_ORDER, type MaterialCheckOutcome } from '../../lib/material-check.js';
import { hasRole } from '../../lib/principal.js';
import type { HubDatabase } from '../kit/db.js';
import { requireDate } from '../kit/validate.js';
import type { CertificateContext } from './context.js';
import { materialCheckCounts, matterCheckCounts } from './db/schema.js';
import { MAX_MATERIALS_PER_CHECK } from './material-check.js';

/** The longest span of days one read of the counts covers. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export interface MaterialCheckCountsModel {
  matter: string;
  checks: number;
  allPaperless: number;
  materials: Array<{ certificateType: string; outcome: MaterialCheckOutcome; count: number }>;
}

/**
 * Counts one merged check of `matter` for `day` (today, China time): one statement per table,
 * each an upsert that adds to the day's row, in one transaction. The gateway sends it to the
 * node of the matter's agency, which keeps the matter.
 */
export async function recordMaterialCheck(
  db: HubDatabase,
  day: string,
  args: { matter: string; allPaperless: boolean; outcomes: ReadonlyArray<{ certificateType: string; outcome: MaterialCheckOutcome }> },
): Promise<boolean> {
  const problem = matterCodeProblem(args.matter);
  if (problem) throw badInput('matter', problem);
  if (args.outcomes.length > MAX_MATERIALS_PER_CHECK) throw badInput('outcomes', `at most ${MAX_MATERIALS_PER_CHECK} materials`);
  args.outcomes.forEach((outcome, index) => {
    const typeProblem = typeCodeProblem(outcome.certificateType);
    if (typeProblem) throw badInput(`outcomes[${index}].certificateType`, typeProblem);
  });
  // The same type twice in a matter counts once per outcome it ended with.
  const tally = new Map<string, { certificateType: string; outcome: string; count: number }>();
  for (const { certificateType, outcome } of args.outcomes) {
    const key = `${certificateType} ${outcome}`;
    const entry = tally.get(key) ?? { certificateType, outcome, count: 0 };
    entry.count += 1;
    tally.set(key, entry);
  }
  const rows = [...tally.values()];
  await db.transaction(async (tx) => {
    await tx
      .insert(matterCheckCounts)
      .values({ matterCode: args.matter, day, checks: 1, allPaperless: args.allPaperless ? 1 : 0 })
      .onConflictDoUpdate({
        target: [matterCheckCounts.matterCode, matterCheckCounts.day],
        set: { checks: sql`${matterCheckCounts.checks} + 1`, allPaperless: sql`${matterCheckCounts.allPaperless} + excluded.all_paperless` },
      });
    if (rows.length === 0) return;
    await tx
      .insert(materialCheckCounts)
      .values(rows.map((row) => ({ matterCode: args.matter, day, ...row })))
      .onConflictDoUpdate({
        target: [materialCheckCounts.matterCode, materialCheckCounts.day, materialCheckCounts.certificateType, materialCheckCounts.outcome],
        set: { count: sql`${materialCheckCounts.count} + excluded.count` },
      });
  });
  return true;
}

/**
 * The counts of `matter` from `from` to `to` (inclusive): for the matter's own agency, stewards,
 * analysts and auditors; anyone else FORBIDDEN. Two statements, each on its primary key's range.
 */
export async function materialCheckCountsOf(
  ctx: CertificateContext,
  args: { matter: string; from: string; to: string },
): Promise<MaterialCheckCountsModel> {
  const problem = matterCodeProblem(args.matter);
  if (problem) throw badInput('matter', problem);
  const from = requireDate('from', args.from);
  const to = requireDate('to', args.to);
  if (to < from) throw badInput('to', `must not be before from (${from})`);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_DAYS) throw badInput('to', `at most ${MAX_DAYS} days from from`);
  const { principal } = ctx;
  const own = principal.kind === 'agency' && principal.code === matterCodeAgency(args.matter);
  const overseer = principal.kind === 'agency' && (hasRole(principal, 'steward') || hasRole(principal, 'analyst') || hasRole(principal, 'auditor'));
  if (!own && !overseer) {
    throw forbidden(`not authorized to read the checks of matter ${args.matter}: its own agency, stewards, analysts and auditors only`);
  }
  const [checks] = await ctx.db
    .select({ checks: sql<number>`coalesce(sum(${matterCheckCounts.checks}), 0)::int`, allPaperless: sql<number>`coalesce(sum(${matterCheckCounts.allPaperless}), 0)::int` })
    .from(matterCheckCounts)
    .where(and(eq(matterCheckCounts.matterCode, args.matter), between(matterCheckCounts.day, from, to)));
  const rows = await ctx.db
    .select({ certificateType: materialCheckCounts.certificateType, outcome: materialCheckCounts.outcome, count: sql<number>`sum(${materialCheckCounts.count})::int` })
    .from(materialCheckCounts)
    .where(and(eq(materialCheckCounts.matterCode, args.matter), between(materialCheckCounts.day, from, to)))
    .groupBy(materialCheckCounts.certificateType, materialCheckCounts.outcome)
    .orderBy(asc(materialCheckCounts.certificateType));
  const rank = (outcome: string) => OUTCOME_ORDER.indexOf(outcome as MaterialCheckOutcome);
  const materials = rows
    .filter((row) => rank(row.outcome) >= 0)
    .sort((a, b) => (a.certificateType === b.certificateType ? rank(a.outcome) - rank(b.outcome) : a.certificateType < b.certificateType ? -1 : 1))
    .map((row) => ({ certificateType: row.certificateType, outcome: row.outcome as MaterialCheckOutcome, count: Number(row.count) }));
  return { matter: args.matter, checks: Number(checks?.checks ?? 0), allPaperless: Number(checks?.allPaperless ?? 0), materials };
}
