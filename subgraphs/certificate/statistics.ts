/**
 * Certificate statistics (Query.certificateStatistics, README › Statistics): how many
 * certificates this node keeps, grouped by dimensions — counts only, from one GROUP BY statement,
 * never a holder's name or code, so nothing is written to the access log. The gateway adds up
 * the nodes' rows (gateway/merge.ts statisticsMerger).
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import { badInput } from '../../lib/errors.js';
import { executeRows } from '../kit/db.js';
import { chinaDay, chinaMidnight } from '../kit/china-time-sql.js';
import { regionWithin } from '../kit/region-sql.js';
import { requireDate } from '../kit/validate.js';
import type { CertificateContext } from './context.js';
import { certificates } from './db/schema.js';
import type { CertificateDimension, CertificateOrigin, CertificateStatisticsFilter, CertificateStatus, UsageDimension } from './generated/resolvers.js';
import { effectiveStatus, STATUS_LABELS } from './status.js';

export interface StatisticsKeyModel {
  dimension: CertificateDimension | UsageDimension;
  value: string;
  label: string;
}

export interface StatisticsRowModel {
  keys: StatisticsKeyModel[];
  count: number;
}

export const ORIGIN_LABELS: Readonly<Record<CertificateOrigin, string>> = {
  ISSUED: '电子颁发',
  CONVERTED: '存量转换',
  EXTERNAL: '外来证照',
};

/** The most groups a node answers: a table beyond that is no statistic anyone reads. */
export const MAX_GROUPS = 10_000;

/** BAD_USER_INPUT groupBy when a node's statement found more than MAX_GROUPS groups (it asks for one more to know). */
export function checkGroupCount(groups: number, node: string): void {
  if (groups > MAX_GROUPS) throw badInput('groupBy', `more than ${MAX_GROUPS} groups at node ${node}: group by fewer dimensions, or filter`);
}

/** The most values a filter list may hold. */
const MAX_FILTER_VALUES = 200;

/** A region's name: a city or the province by name, a district as its city with its own code. */
export function regionLabel(region: string): string {
  const known = FUJIAN_REGIONS[region];
  if (known) return known;
  const city = FUJIAN_REGIONS[`${region.slice(0, 4)}00`];
  return city ? `${city} ${region}` : region;
}

/** The arguments checked: BAD_USER_INPUT naming the field and the reason. */
/** A groupBy of certificate or usage statistics: each dimension at most once, else BAD_USER_INPUT naming groupBy. */
export function checkGroupBy(groupBy: readonly string[]): void {
  const seen = new Set<string>();
  for (const dimension of groupBy) {
    if (seen.has(dimension)) throw badInput('groupBy', `${dimension} is named twice`);
    seen.add(dimension);
  }
}

/** A statistics filter's list: null when absent or empty (keep all), BAD_USER_INPUT `filter.<field>` when too long. */
export function filterList<T>(field: string, values: readonly T[] | null | undefined): readonly T[] | null {
  if (!values || values.length === 0) return null;
  if (values.length > MAX_FILTER_VALUES) throw badInput(`filter.${field}`, `at most ${MAX_FILTER_VALUES} values`);
  return values;
}

function checked(args: { filter?: CertificateStatisticsFilter | null; groupBy: readonly CertificateDimension[] }) {
  const filter = args.filter ?? {};
  checkGroupBy(args.groupBy);
  const regions = filterList('regions', filter.regions);
  const odd = regions?.find((region) => !/^\d{6}$/.test(region));
  if (odd !== undefined) throw badInput('filter.regions', `${JSON.stringify(odd.slice(0, 20))} is not a 6-digit region code such as 350200`);
  const issuedFrom = filter.issuedFrom == null ? null : requireDate('filter.issuedFrom', filter.issuedFrom);
  const issuedTo = filter.issuedTo == null ? null : requireDate('filter.issuedTo', filter.issuedTo);
  if (issuedFrom !== null && issuedTo !== null && issuedFrom > issuedTo) throw badInput('filter.issuedTo', `${issuedTo} is before issuedFrom ${issuedFrom}`);
  const enteredFrom = filter.enteredFrom == null ? null : requireDate('filter.enteredFrom', filter.enteredFrom);
  const enteredTo = filter.enteredTo == null ? null : requireDate('filter.enteredTo', filter.enteredTo);
  if (enteredFrom !== null && enteredTo !== null && enteredFrom > enteredTo) throw badInput('filter.enteredTo', `${enteredTo} is before enteredFrom ${enteredFrom}`);
  return {
    nodes: filterList('nodes', filter.nodes),
    typeCodes: filterList('typeCodes', filter.typeCodes),
    issuers: filterList('issuers', filter.issuers),
    origins: filterList('origins', filter.origins),
    statuses: filterList('statuses', filter.statuses),
    issuedFrom,
    issuedTo,
    regions,
    enteredFrom,
    enteredTo,
  };
}

/** Query.certificateStatistics at this node: its certificates, counted in one statement. */
export async function certificateStatistics(
  ctx: CertificateContext,
  args: { filter?: CertificateStatisticsFilter | null; groupBy: readonly CertificateDimension[] },
): Promise<StatisticsRowModel[]> {
  const statement = statisticsStatement(ctx, args);
  if (statement === null) return [];
  const rows = await executeRows<Record<string, string | number | null>>(ctx.db, statement);
  checkGroupCount(rows.length, ctx.node.code);
  return rows.map((row) => {
      let at = 0;
      const keys = args.groupBy.map((dimension): StatisticsKeyModel => {
        if (dimension === 'NODE') return { dimension, value: ctx.node.code, label: ctx.node.name };
        const i = at++;
        const value = String(row[`v${i}`]);
        const label =
          dimension === 'STATUS' ? STATUS_LABELS[value as CertificateStatus] ?? value
          : dimension === 'ORIGIN' ? ORIGIN_LABELS[value as CertificateOrigin] ?? value
          : dimension === 'REGION' ? regionLabel(value)
          : row[`l${i}`] != null ? String(row[`l${i}`])
          : value;
        return { dimension, value, label };
      });
      return { keys, count: Number(row['n']) };
    });
}

/**
 * The one statement that counts this node's part of certificateStatistics (arguments checked:
 * BAD_USER_INPUT naming the field), or null when the filter leaves this node out. Exported for
 * the test that reads its plan.
 */
export function statisticsStatement(
  ctx: Pick<CertificateContext, 'node' | 'today'>,
  args: { filter?: CertificateStatisticsFilter | null; groupBy: readonly CertificateDimension[] },
): SQL | null {
  const filter = checked(args);
  if (filter.nodes && !filter.nodes.includes(ctx.node.code)) return null;
  const c = certificates;
  const status = effectiveStatus.sql(ctx.today);
  const issuerRegion = sql`substr(${c.issuerCode}, 3, 6)`;
  const where = and(
    sql`${c.supersededAt} is null`,
    filter.typeCodes ? sql`${c.typeCode} = ANY(${sql.param([...filter.typeCodes])}::text[])` : undefined,
    filter.issuers ? sql`${c.issuerCode} = ANY(${sql.param([...filter.issuers])}::text[])` : undefined,
    filter.origins ? sql`${c.origin}::text = ANY(${sql.param([...filter.origins])}::text[])` : undefined,
    filter.statuses ? effectiveStatus.in(filter.statuses, ctx.today) : undefined,
    filter.issuedFrom ? sql`${c.issuedOn} >= ${filter.issuedFrom}::date` : undefined,
    filter.issuedTo ? sql`${c.issuedOn} <= ${filter.issuedTo}::date` : undefined,
    filter.regions ? sql`(${sql.join(filter.regions.map((region) => regionWithin(issuerRegion, region)), sql` or `)})` : undefined,
    filter.enteredFrom ? sql`${c.enteredAt} >= ${chinaMidnight(filter.enteredFrom)}` : undefined,
    filter.enteredTo ? sql`${c.enteredAt} < ${chinaMidnight(filter.enteredTo, true)}` : undefined,
  );
  // Each dimension's value, grouped by; every column read is in certificates_statistics_idx, so a
  // node counts from the index alone (an index-only scan), never from the table's rows.
  const values: Record<Exclude<CertificateDimension, 'NODE'>, SQL> = {
    REGION: issuerRegion,
    ISSUER: sql`${c.issuerCode}`,
    TYPE: sql`${c.typeCode}`,
    STATUS: status,
    ORIGIN: sql`${c.origin}::text`,
    MONTH: sql`to_char(${c.issuedOn}, 'YYYY-MM')`,
    YEAR: sql`to_char(${c.issuedOn}, 'YYYY')`,
    ENTERED_MONTH: sql`to_char(${chinaDay(sql`${c.enteredAt}`)}, 'YYYY-MM')`,
  };
  // The name of an issuer or type, once per group: any one current certificate's with that code.
  const names: Partial<Record<Exclude<CertificateDimension, 'NODE'>, (code: SQL) => SQL>> = {
    ISSUER: (code) => sql`(select named.issuer_name from ${c} named where named.issuer_code = ${code} and named.superseded_at is null limit 1)`,
    TYPE: (code) => sql`(select named.type_name from ${c} named where named.type_code = ${code} and named.superseded_at is null limit 1)`,
  };
  const grouped = args.groupBy.filter((dimension): dimension is Exclude<CertificateDimension, 'NODE'> => dimension !== 'NODE');
  // Grouped by the values' positions in the select list: an expression with parameters (the
  // status of today) would not match itself written a second time.
  const selected = grouped.map((dimension, i) => sql`${values[dimension]} as ${sql.identifier(`v${i}`)}`);
  const labels = grouped.flatMap((dimension, i) => {
    const name = names[dimension];
    return name ? [sql`${name(sql`counted.${sql.identifier(`v${i}`)}`)} as ${sql.identifier(`l${i}`)}`] : [];
  });
  return sql`select counted.*${labels.length === 0 ? sql`` : sql`, ${sql.join(labels, sql`, `)}`}
      from (select ${sql.join([...selected, sql`count(*)::int as n`], sql`, `)}
            from ${c} ${where ? sql`where ${where}` : sql``}
            ${grouped.length === 0 ? sql`` : sql`group by ${sql.raw(grouped.map((_, i) => i + 1).join(', '))}`}
            limit ${MAX_GROUPS + 1}) counted`;
}
