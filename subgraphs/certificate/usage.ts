/**
 * Usage statistics (Query.usageStatistics, README › Statistics): how the certificates this node
 * keeps were used, grouped by dimensions — agencies' reads (the access log), public
 * verifications, 免提交 checks of materials, inbox deliveries and read receipts, and objects drawn
 * for on-site inspection — as counts from one SQL statement, never a holder's name or code, so
 * nothing is written to the access log. The gateway adds up the nodes' rows as it does
 * certificateStatistics' (gateway/merge.ts statisticsMerger).
 */
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from '../../lib/errors.js';
import type { MaterialCheckOutcome } from '../../lib/material-check.js';
import { accessRecords } from '../audit/db/schema.js';
import { CHANGE_NAMES, INSPECTION_DRAW } from '../audit/changes.js';
import { eventLog } from '../events/db/schema.js';
import { chinaDay, chinaMidnight } from '../kit/china-time-sql.js';
import { executeRows } from '../kit/db.js';
import { requireDate } from '../kit/validate.js';
import type { CertificateContext } from './context.js';
import { certificates, materialCheckCounts, verificationCounts } from './db/schema.js';
import type { UsageDimension, UsageKind, UsageStatisticsFilter } from './generated/resolvers.js';
import { checkGroupBy, checkGroupCount, filterList, MAX_GROUPS, type StatisticsKeyModel, type StatisticsRowModel } from './statistics.js';
import { VERIFICATION_OUTCOME_LABELS, type VerificationOutcome } from './verification-tally.js';

export const USAGE_KIND_LABELS: Readonly<Record<UsageKind, string>> = {
  READ: '部门用证',
  VERIFY: '公众核验',
  MATERIAL_CHECK: '免提交核验',
  DELIVERY: '送达持证人',
  READ_RECEIPT: '持证人已读',
  INSPECTION: '现场检查抽取',
};

const MATERIAL_OUTCOME_LABELS: Readonly<Record<MaterialCheckOutcome, string>> = {
  ELECTRONIC: '免提交',
  NEEDS_CONSENT: '需持证人授权',
  EXPIRED: '已过期',
  NOT_VALID: '非有效',
  NOT_FOUND: '未找到',
};

/** What a key reads as when the use has no such value (a verification has no agency). */
const NONE_LABEL = '—';


/** The columns every kind's rows bring to the outer GROUP BY. */
type Column = 'agency' | 'agency_name' | 'purpose' | 'type_code' | 'day' | 'outcome' | 'n';

interface Filter {
  from: string | null;
  to: string | null;
  agencies: readonly string[] | null;
  typeCodes: readonly string[] | null;
  kinds: readonly UsageKind[] | null;
  purposes: readonly string[] | null;
}

function checked(args: { filter?: UsageStatisticsFilter | null; groupBy: readonly UsageDimension[] }): Filter & { nodes: readonly string[] | null } {
  const filter = args.filter ?? {};
  checkGroupBy(args.groupBy);
  const from = filter.from == null ? null : requireDate('filter.from', filter.from);
  const to = filter.to == null ? null : requireDate('filter.to', filter.to);
  if (from !== null && to !== null && from > to) throw badInput('filter.to', `${to} is before from ${from}`);
  return {
    nodes: filterList('nodes', filter.nodes),
    from,
    to,
    agencies: filterList('agencies', filter.agencies),
    typeCodes: filterList('typeCodes', filter.typeCodes),
    kinds: filterList('kinds', filter.kinds),
    purposes: filterList('purposes', filter.purposes),
  };
}

const textList = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

/**
 * One kind's rows as the outer statement reads them: a SELECT of every column (each an SQL
 * expression over its own tables) with the kind's own conditions and the filter's.
 */
interface KindSource {
  columns: Record<Column, SQL>;
  from: SQL;
  where: SQL[];
  /** Conditions on the instant or day a use is counted at, by the filter's days. */
  between: (from: string | null, to: string | null) => SQL[];
}

function sources(ctx: CertificateContext, filter: Filter, needsType: boolean): Array<[UsageKind, KindSource]> {
  const a = accessRecords;
  const onInstant = (instant: SQL) => (from: string | null, to: string | null) => [
    ...(from ? [sql`${instant} >= ${chinaMidnight(from)}`] : []),
    ...(to ? [sql`${instant} < ${chinaMidnight(to, true)}`] : []),
  ];
  const onDay = (day: SQL) => (from: string | null, to: string | null) => [
    ...(from ? [sql`${day} >= ${from}::date`] : []),
    ...(to ? [sql`${day} <= ${to}::date`] : []),
  ];
  const none = sql`''::text`;
  const noName = sql`null::text`;
  // An access record names a certificate by id; its type is the certificate's (none for a record about a holder).
  const readType = needsType ? sql`coalesce((select ${certificates.typeCode} from ${certificates} where ${certificates.id} = ${a.certificateId}), '')` : none;
  const ofThisNode = sql`${a.node} = ${ctx.node.code}`;
  const e = eventLog;
  const v = verificationCounts;
  const m = materialCheckCounts;
  return [
    [
      'READ',
      {
        columns: { agency: sql`${a.actor}`, agency_name: sql`${a.actorName}`, purpose: sql`coalesce(${a.purpose}, '')`, type_code: readType, day: chinaDay(sql`${a.at}`), outcome: none, n: sql`1` },
        from: sql`${a}`,
        where: [ofThisNode, sql`${a.actorKind} = 'agency'`, sql`not (${a.fields} && ${textList(CHANGE_NAMES)})`],
        between: onInstant(sql`${a.at}`),
      },
    ],
    [
      'INSPECTION',
      {
        columns: { agency: sql`${a.actor}`, agency_name: sql`${a.actorName}`, purpose: sql`coalesce(${a.purpose}, '')`, type_code: none, day: chinaDay(sql`${a.at}`), outcome: none,
          n: sql`coalesce((${a.detail}::jsonb ->> 'drawn')::int, 0)` },
        from: sql`${a}`,
        where: [ofThisNode, sql`${a.fields} @> ${textList([INSPECTION_DRAW])}`],
        between: onInstant(sql`${a.at}`),
      },
    ],
    [
      'VERIFY',
      {
        columns: { agency: none, agency_name: noName, purpose: none, type_code: sql`${v.typeCode}`, day: sql`${v.day}`, outcome: sql`${v.outcome}`, n: sql`${v.count}` },
        from: sql`${v}`,
        where: [],
        between: onDay(sql`${v.day}`),
      },
    ],
    [
      'MATERIAL_CHECK',
      {
        // The matter's agency checked: the first 18 characters of its 事项编码.
        columns: { agency: sql`substr(${m.matterCode}, 1, 18)`, agency_name: noName, purpose: none, type_code: sql`${m.certificateType}`, day: sql`${m.day}`, outcome: sql`${m.outcome}`, n: sql`${m.count}` },
        from: sql`${m}`,
        where: [],
        between: onDay(sql`${m.day}`),
      },
    ],
    [
      'DELIVERY',
      {
        columns: { agency: sql`coalesce(${e.actor}, '')`, agency_name: noName, purpose: none, type_code: sql`coalesce(${e.typeCode}, '')`, day: chinaDay(sql`${e.deliveredAt}`), outcome: none, n: sql`1` },
        from: sql`${e}`,
        where: [sql`${e.deliveredAt} is not null`, sql`${e.holderCode} is not null`],
        between: onInstant(sql`${e.deliveredAt}`),
      },
    ],
    [
      'READ_RECEIPT',
      {
        columns: { agency: sql`coalesce(${e.actor}, '')`, agency_name: noName, purpose: none, type_code: sql`coalesce(${e.typeCode}, '')`, day: chinaDay(sql`${e.readAt}`), outcome: none, n: sql`1` },
        from: sql`${e}`,
        where: [sql`${e.readAt} is not null`, sql`${e.holderCode} is not null`],
        between: onInstant(sql`${e.readAt}`),
      },
    ],
  ];
}

/** Query.usageStatistics at this node: the uses of what it keeps, counted in one statement. */
export async function usageStatistics(
  ctx: CertificateContext,
  args: { filter?: UsageStatisticsFilter | null; groupBy: readonly UsageDimension[] },
): Promise<StatisticsRowModel[]> {
  const filter = checked(args);
  if (filter.nodes && !filter.nodes.includes(ctx.node.code)) return [];
  // Verifications gathered in memory are counted too.
  await ctx.services.verifications.flush();
  const needsType = args.groupBy.includes('TYPE') || filter.typeCodes !== null;
  const branches = sources(ctx, filter, needsType)
    .filter(([kind]) => !filter.kinds || filter.kinds.includes(kind))
    .map(([kind, source]) => {
      const { columns: c } = source;
      const where = [
        sql`true`,
        ...source.where,
        ...source.between(filter.from, filter.to),
        ...(filter.agencies ? [sql`${c.agency} = any(${textList(filter.agencies)})`] : []),
        ...(filter.purposes ? [sql`${c.purpose} = any(${textList(filter.purposes)})`] : []),
        ...(filter.typeCodes ? [sql`${c.type_code} = any(${textList(filter.typeCodes)})`] : []),
      ];
      const selected = (Object.keys(c) as Column[]).map((column) => sql`${c[column]} as ${sql.identifier(column)}`);
      return sql`select ${sql.raw(`'${kind}'`)}::text as kind, ${sql.join(selected, sql`, `)} from ${source.from} where ${sql.join(where, sql` and `)}`;
    });
  if (branches.length === 0) return [];

  const values: Record<Exclude<UsageDimension, 'NODE'>, SQL> = {
    KIND: sql`u.kind`,
    AGENCY: sql`u.agency`,
    PURPOSE: sql`u.purpose`,
    TYPE: sql`u.type_code`,
    MONTH: sql`to_char(u.day, 'YYYY-MM')`,
    DAY: sql`to_char(u.day, 'YYYY-MM-DD')`,
    OUTCOME: sql`u.outcome`,
  };
  const grouped = args.groupBy.filter((dimension): dimension is Exclude<UsageDimension, 'NODE'> => dimension !== 'NODE');
  const selected = grouped.map((dimension, i) => sql`${values[dimension]} as ${sql.identifier(`v${i}`)}`);
  const agencyAt = grouped.indexOf('AGENCY');
  if (agencyAt >= 0) selected.push(sql`max(u.agency_name) as agency_name`);
  const rows = await executeRows<Record<string, string | number | null>>(
    ctx.db,
    sql`select ${sql.join([...selected, sql`sum(u.n)::bigint as n`], sql`, `)}
        from (${sql.join(branches, sql` union all `)}) u
        ${grouped.length === 0 ? sql`` : sql`group by ${sql.raw(grouped.map((_, i) => i + 1).join(', '))}`}
        ${grouped.length === 0 ? sql`` : sql`having sum(u.n) > 0`}
        limit ${MAX_GROUPS + 1}`,
  );
  checkGroupCount(rows.length, ctx.node.code);

  const typeNames = new Map<string, string>();
  if (grouped.includes('TYPE')) {
    const codes = new Set(rows.map((row) => String(row[`v${grouped.indexOf('TYPE')}`])));
    await Promise.all(
      [...codes].filter((code) => code !== '').map(async (code) => {
        const type = await ctx.catalog.getType(code).catch(() => null);
        if (type) typeNames.set(code, type.name);
      }),
    );
  }
  const kindAt = grouped.indexOf('KIND');
  return rows.map((row) => {
      let at = 0;
      const keys = args.groupBy.map((dimension): StatisticsKeyModel => {
        if (dimension === 'NODE') return { dimension, value: ctx.node.code, label: ctx.node.name };
        const value = String(row[`v${at++}`] ?? '');
        const kind = kindAt >= 0 ? (String(row[`v${kindAt}`]) as UsageKind) : null;
        return { dimension, value, label: value === '' ? NONE_LABEL : usageLabel(dimension, value, { typeNames, agencyName: row['agency_name'], kind }) };
      });
      return { keys, count: Number(row['n'] ?? 0) };
    });
}

function usageLabel(
  dimension: Exclude<UsageDimension, 'NODE'>,
  value: string,
  known: { typeNames: ReadonlyMap<string, string>; agencyName: unknown; kind: UsageKind | null },
): string {
  switch (dimension) {
    case 'KIND':
      return USAGE_KIND_LABELS[value as UsageKind] ?? value;
    case 'AGENCY':
      return typeof known.agencyName === 'string' && known.agencyName !== '' ? known.agencyName : value;
    case 'TYPE':
      return known.typeNames.get(value) ?? value;
    case 'OUTCOME':
      if (known.kind === 'VERIFY') return VERIFICATION_OUTCOME_LABELS[value as VerificationOutcome] ?? value;
      if (known.kind === 'MATERIAL_CHECK') return MATERIAL_OUTCOME_LABELS[value as MaterialCheckOutcome] ?? value;
      return VERIFICATION_OUTCOME_LABELS[value as VerificationOutcome] ?? MATERIAL_OUTCOME_LABELS[value as MaterialCheckOutcome] ?? value;
    default:
      return value;
  }
}
