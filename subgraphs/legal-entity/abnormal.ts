/**
 * The abnormal operations list (经营异常名录, README › Annual reports): operating entities that
 * missed the deadline of an annual report, computed from the registry and the reports at each
 * node — not a list kept beside them, so a late report (补报) takes its company off at once — and
 * merged by the gateway over every node in USCC order.
 */
import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { usccRegion } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import { decodeCodeCursor, encodeCodeCursor } from '../../lib/order.js';
import type { HubDatabase } from '../kit/db.js';
import { regionWithin } from '../kit/region-sql.js';
import { annualReports, legalEntities } from './db/schema.js';
import { endOfChinaDay, foundedBy, listedOn, listedYear, missedReason, reportDeadline } from './report-calendar.js';

/**
 * The SQL condition "entity `entity` missed the annual report of `year` as of `day`" (YYYY-MM-DD,
 * China time): the deadline (30 June of year + 1) has passed on `day`, the entity is ACTIVE,
 * was founded by 31 December of `year` (so it owes that report), and had not filed it (its first
 * version) before `day` ended. Over `legal_entity.legal_entities` — or an alias of it, passed as
 * `entity` — at the node that keeps both tables, e.g.
 *
 *     db.select().from(legalEntities).where(missedAnnualReport(2025, '2026-11-30'))
 *
 * Kept fast at a million entities by two partial indexes (README › Annual reports, EXPLAIN): the
 * operating entities in USCC order with their founding day (legal_entities_active_idx), and the
 * first filings of each year by USCC with their time (annual_reports_first_filing_idx), which
 * answers the NOT EXISTS with one index-only probe per entity, or one hash anti join for a count.
 */
export function missedAnnualReport(year: number, day: string, entity: Record<'status' | 'establishedOn' | 'uscc', SQLWrapper> = legalEntities): SQL {
  if (day <= reportDeadline(year)) return sql`false`;
  return sql`(${entity.status} = 'ACTIVE' and ${entity.establishedOn} <= ${foundedBy(year)}::date and not exists (
    select 1 from ${annualReports}
    where ${annualReports.year} = ${year}::int and ${annualReports.version} = 1 and ${annualReports.uscc} = ${entity.uscc}
      and ${annualReports.filedAt} < ${endOfChinaDay(day).toISOString()}::timestamptz))`;
}

/**
 * The condition "the entity's region lies within `region`" on the region characters 3–8 of its
 * USCC (regionWithin), written as legal_entities_active_region_idx indexes them.
 */
export function inRegion(region: string, entity: typeof legalEntities = legalEntities): SQL {
  return regionWithin(sql`substr(${entity.uscc}, 3, 6)`, region);
}

/** One entity on the list. */
export interface AbnormalOperationModel {
  uscc: string;
  name: string;
  region: string;
  year: number;
  listedOn: string;
  reason: string;
}

/** The largest page of the list a node answers. */
export const MAX_ABNORMAL_PAGE = 100;

/** The list order: USCC by code unit (COLLATE "C"), as the gateway merges pages (lib/order.ts compareCodes). */
const USCC_ORDER = sql`${legalEntities.uscc} COLLATE "C"`;

/**
 * One node's page of the list, read when a field asks for it: edges and pageInfo share one
 * statement, totalCount is another (a count is not free: only when selected). Every node answers
 * the same page request (the `first` entities after the same USCC); the gateway keeps the best
 * `first` of their answers.
 */
export class AbnormalPage {
  #window: Promise<{ rows: AbnormalOperationModel[]; hasNextPage: boolean }> | undefined;
  #count: Promise<number> | undefined;

  constructor(
    private readonly first: number,
    private readonly source: { rows(limit: number): Promise<AbnormalOperationModel[]>; count(): Promise<number> },
  ) {}

  window(): Promise<{ rows: AbnormalOperationModel[]; hasNextPage: boolean }> {
    return (this.#window ??= (async () => {
      const rows = this.first === 0 ? [] : await this.source.rows(this.first + 1);
      const hasNextPage = rows.length > this.first;
      if (hasNextPage) rows.length = this.first;
      return { rows, hasNextPage };
    })());
  }

  totalCount(): Promise<number> {
    return (this.#count ??= this.source.count());
  }

  async edges(): Promise<Array<{ cursor: string; node: AbnormalOperationModel }>> {
    const { rows } = await this.window();
    return rows.map((row) => ({ cursor: encodeCodeCursor(row.uscc), node: row }));
  }

  async pageInfo(): Promise<{ hasNextPage: boolean; endCursor: string | null }> {
    const { rows, hasNextPage } = await this.window();
    const last = rows.at(-1);
    return { hasNextPage, endCursor: last ? encodeCodeCursor(last.uscc) : null };
  }
}

const REGION = /^\d{6}$/;

/**
 * The page `args` asks of this node's part of the list on `day`: the entities that missed the
 * report of the year the list stands for (listedYear: the previous year's from 1 July, the one
 * before until 30 June), within `region` when given, `first` 0 to MAX_ABNORMAL_PAGE after the
 * cursor `after`. A bad argument is a BAD_USER_INPUT naming it.
 */
export function abnormalOperations(db: HubDatabase, day: string, args: { region?: string | null; first?: number | null; after?: string | null }): AbnormalPage {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_ABNORMAL_PAGE) throw badInput('first', `must be between 0 and ${MAX_ABNORMAL_PAGE}`);
  if (args.region != null && !REGION.test(args.region)) throw badInput('region', 'a 6-digit region code such as 350200 (a city covers its districts)');
  const after = args.after == null ? null : decodeCodeCursor(args.after, 'after', 'not a cursor of abnormalOperations (pass the endCursor of the page before)');
  const year = listedYear(day);
  const listed = and(missedAnnualReport(year, day), args.region == null ? undefined : inRegion(args.region));
  const entry = (row: { uscc: string; name: string }): AbnormalOperationModel => ({
    uscc: row.uscc,
    name: row.name,
    region: usccRegion(row.uscc),
    year,
    listedOn: listedOn(year),
    reason: missedReason(year),
  });
  return new AbnormalPage(first, {
    rows: async (limit) => {
      const rows = await db
        .select({ uscc: legalEntities.uscc, name: legalEntities.name })
        .from(legalEntities)
        .where(and(listed, after === null ? undefined : sql`${USCC_ORDER} > ${after}`))
        .orderBy(USCC_ORDER)
        .limit(limit);
      return rows.map(entry);
    },
    count: async () => {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(legalEntities).where(listed);
      return row?.n ?? 0;
    },
  });
}
