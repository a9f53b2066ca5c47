/**
 * The monthly progress report's figures (每月通报), each read from the hub's aggregates API —
 * certificateStatistics, usageStatistics, targets and matters — as an analyst (or auditor, or
 * steward) would ask them in GraphiQL. Nothing here reads a database or a holder's data: the
 * report is the API's numbers, laid out. README › Statistics › The monthly report says how each
 * metric is counted; the definitions below are what the report prints.
 */
import { FUJIAN_REGIONS } from '../../lib/regions.js';
import type { Department, DepartmentFigure, MetricInfo, MonthlyReport, RegionFigure, TargetMetric, Trend } from './model.js';

export const METRICS: readonly MetricInfo[] = [
  {
    metric: 'STOCK_CONVERTED',
    name: '存量证照转换数',
    unit: 'COUNT',
    definition: '部门签发的纸质存量证照转换为电子证照（来源“存量转换”）并进入共享库的数量，自目标期间开始累计至本月末。',
  },
  {
    metric: 'ISSUED_ELECTRONIC_SHARE',
    name: '电子证照同步签发率',
    unit: 'SHARE',
    definition: '目标期间内部门签发（签发日期在期间内）的证照中，签发时即为电子证照的比例；其余为事后由纸质转换。',
  },
  {
    metric: 'PAPERLESS_MATTERS_SHARE',
    name: '事项免提交就绪率',
    unit: 'SHARE',
    definition: '部门办理的事项中，所需材料均可由部门依共享授权直接调取（免提交就绪）的比例；为报告生成时的状态，不回溯上月。',
  },
  {
    metric: 'ONLINE_CHECK_SHARE',
    name: '非现场监管占比',
    unit: 'SHARE',
    definition: '目标期间内部门监管中，以在线核查（用证事由为 SUPERVISION 的调取）完成的比例；其余为双随机抽取的现场检查对象。',
  },
];

/** How the report reaches the hub: a GraphQL request as the token's agency; answers `data` and any errors. */
export type Ask = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLErrorShape> }>;

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; node?: string };
}

/** An HTTP client of the gateway's GraphQL endpoint `url` with a bearer token. */
export function httpAsk(url: URL, token: string): Ask {
  return async (query, variables = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => null)) as Awaited<ReturnType<Ask>> | null;
    if (!body) throw new Error(`${url} answered HTTP ${response.status} without a GraphQL answer`);
    return body;
  };
}

export interface StatisticsRow {
  keys: Array<{ dimension: string; value: string; label: string }>;
  count: number;
}

const CERTIFICATE_STATISTICS = /* GraphQL */ `
  query ReportCertificates($filter: CertificateStatisticsFilter, $groupBy: [CertificateDimension!]!) {
    certificateStatistics(filter: $filter, groupBy: $groupBy) { keys { dimension value label } count }
  }
`;
const USAGE_STATISTICS = /* GraphQL */ `
  query ReportUsage($filter: UsageStatisticsFilter, $groupBy: [UsageDimension!]!) {
    usageStatistics(filter: $filter, groupBy: $groupBy) { keys { dimension value label } count }
  }
`;
const TARGETS = /* GraphQL */ `
  query ReportTargets { targets { agency agencyName metric period value } }
`;
const MATTERS = /* GraphQL */ `
  query ReportMatters($agency: String, $after: String) {
    matters(agency: $agency, first: 100, after: $after) {
      edges { node { code agencyCode agencyName paperlessReady } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface TargetAnswer {
  agency: string;
  agencyName: string | null;
  metric: TargetMetric;
  period: string;
  value: number;
}

/** YYYY-MM of the month before. */
export function monthBefore(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The last day of a month, YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The months from `first` to `last` (YYYY-MM), oldest first; none when `first` is after `last`. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = last; m >= first; m = monthBefore(m)) months.unshift(m);
  return months;
}

/** The 12 months ending with `month`, oldest first. */
export function twelveMonthsTo(month: string): string[] {
  const months = [month];
  while (months.length < 12) months.unshift(monthBefore(months[0]!));
  return months;
}

/** The target in force for a month: the month's own, else its year's. */
export function targetFor(targets: readonly TargetAnswer[], agency: string, metric: TargetMetric, month: string): TargetAnswer | null {
  const own = (period: string) => targets.find((target) => target.agency === agency && target.metric === metric && target.period === period);
  return own(month) ?? own(month.slice(0, 4)) ?? null;
}

/**
 * The days a figure for `month` is counted over, by the kind of the target in force for the
 * report's month: a month's target counts the month alone; a year's (or none) from 1 January of
 * `month`'s year — so that the month before is measured the same way and the change between them
 * compares like with like.
 */
export function windowOf(target: TargetAnswer | null, month: string): { from: string; to: string } {
  return { from: target && target.period.length === 7 ? `${month}-01` : `${month.slice(0, 4)}-01-01`, to: lastDayOf(month) };
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Reads every figure of the report for `month` (YYYY-MM) through `ask`. */
export async function gatherReport(ask: Ask, options: { month: string; hub: string; now?: Date }): Promise<MonthlyReport> {
  const { month } = options;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`--month must be YYYY-MM, not ${JSON.stringify(month)}`);
  const missing = new Set<string>();
  const answered = new Set<string>();

  /** One query's field, with the nodes that did not answer noted (their part is missing from the report). */
  async function field<T>(query: string, variables: Record<string, unknown>, name: string): Promise<T> {
    const answer = await ask(query, variables);
    for (const error of answer.errors ?? []) {
      if (error.extensions?.code === 'NODE_UNAVAILABLE' && error.extensions.node) missing.add(error.extensions.node);
      else throw new Error(`${name}: ${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`);
    }
    const value = answer.data?.[name];
    if (value === undefined || value === null) throw new Error(`${name}: no answer`);
    return value as T;
  }
  const certificatesBy = (groupBy: string[], filter: Record<string, unknown> = {}) =>
    field<StatisticsRow[]>(CERTIFICATE_STATISTICS, { groupBy, filter }, 'certificateStatistics');
  const usesBy = (groupBy: string[], filter: Record<string, unknown> = {}) => field<StatisticsRow[]>(USAGE_STATISTICS, { groupBy, filter }, 'usageStatistics');
  /** Every matter (of one agency, or of all), page by page. */
  async function matters(agency: string | null) {
    const all: Array<{ agencyCode: string; agencyName: string; paperlessReady: boolean }> = [];
    let after: string | null = null;
    do {
      const page: { edges: Array<{ node: (typeof all)[number] }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = await field(
        MATTERS,
        { agency, after },
        'matters',
      );
      all.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    return all;
  }
  /** Counts of the rows by their key values joined with a space. */
  const byKeys = (rows: readonly StatisticsRow[]) => new Map(rows.map((row) => [row.keys.map((key) => key.value).join(' '), row.count]));

  const targets = await field<TargetAnswer[]>(TARGETS, {}, 'targets');
  const previousMonth = monthBefore(month);
  const inForce = targets.filter((target) => target.period === month || target.period === month.slice(0, 4));
  const agencies = [...new Set(inForce.map((target) => target.agency))].sort();
  const names = new Map<string, string>();
  for (const target of targets) if (target.agencyName) names.set(target.agency, target.agencyName);

  const windowsOf = (metric: TargetMetric) =>
    agencies.flatMap((agency) => [month, previousMonth].map((forMonth) => windowOf(targetFor(targets, agency, metric, month), forMonth)));
  /**
   * Each department's reached value of a metric for the report's month and the month before, its
   * target in force deciding the days counted. The days always start and end with a month, so
   * one statement per metric, grouped by department and month, gives every window's counts.
   */
  async function measure(metric: TargetMetric): Promise<{ now: Map<string, number | null>; before: Map<string, number | null> }> {
    const now = new Map<string, number | null>();
    const before = new Map<string, number | null>();
    if (agencies.length === 0) return { now, before };
    if (metric === 'PAPERLESS_MATTERS_SHARE') {
      // Readiness is what it is now: the month before is not known.
      for (const agency of agencies) {
        const own = await matters(agency);
        for (const matter of own) if (!names.has(agency)) names.set(agency, matter.agencyName);
        now.set(agency, share(own.filter((matter) => matter.paperlessReady).length, own.length));
      }
      return { now, before };
    }
    const from = windowsOf(metric).reduce((earliest, window) => (window.from < earliest ? window.from : earliest), `${month}-01`);
    const to = lastDayOf(month);
    let counts: Map<string, number>;
    if (metric === 'STOCK_CONVERTED') {
      const rows = await certificatesBy(['ISSUER', 'ENTERED_MONTH'], { issuers: agencies, origins: ['CONVERTED'], enteredFrom: from, enteredTo: to });
      named(rows);
      counts = byKeys(rows);
    } else if (metric === 'ISSUED_ELECTRONIC_SHARE') {
      const rows = await certificatesBy(['ISSUER', 'MONTH', 'ORIGIN'], { issuers: agencies, origins: ['ISSUED', 'CONVERTED'], issuedFrom: from, issuedTo: to });
      named(rows);
      counts = byKeys(rows);
    } else {
      const rows = await usesBy(['AGENCY', 'MONTH', 'KIND'], { agencies, from, to, kinds: ['READ', 'INSPECTION'], purposes: ['SUPERVISION'] });
      named(rows);
      counts = byKeys(rows);
    }
    for (const [forMonth, reached] of [[month, now], [previousMonth, before]] as const) {
      for (const agency of agencies) {
        const window = windowOf(targetFor(targets, agency, metric, month), forMonth);
        const months = monthsFrom(window.from.slice(0, 7), forMonth);
        const sum = (suffix: string) => months.reduce((total, m) => total + (counts.get(`${agency} ${m}${suffix}`) ?? 0), 0);
        if (metric === 'STOCK_CONVERTED') reached.set(agency, sum(''));
        else if (metric === 'ISSUED_ELECTRONIC_SHARE') reached.set(agency, share(sum(' ISSUED'), sum(' ISSUED') + sum(' CONVERTED')));
        else reached.set(agency, share(sum(' READ'), sum(' READ') + sum(' INSPECTION')));
      }
    }
    return { now, before };
  }
  /** Departments' names from the labels of rows keyed first by their codes, where no target named them. */
  function named(rows: readonly StatisticsRow[]) {
    for (const row of rows) {
      const key = row.keys[0]!;
      if (!names.has(key.value) && key.label !== key.value) names.set(key.value, key.label);
    }
  }

  const departments: Department[] = agencies.map((agency) => ({ agency, name: agency, figures: [] }));
  const measured = await Promise.all(METRICS.map(({ metric }) => measure(metric)));
  for (const [i, { metric }] of METRICS.entries()) {
    const { now, before } = measured[i]!;
    const figures = departments.map(({ agency }): DepartmentFigure => {
      const target = targetFor(targets, agency, metric, month);
      const reached = now.get(agency) ?? null;
      const previous = before.get(agency) ?? null;
      return {
        metric,
        target: target?.value ?? null,
        targetPeriod: target?.period ?? null,
        reached,
        completion: target && target.value > 0 && reached !== null ? reached / target.value : null,
        previous,
        change: reached !== null && previous !== null ? reached - previous : null,
        rank: null,
        ranked: 0,
      };
    });
    // Ranked by completion; the same completion, the same rank.
    const ranked = figures.filter((figure) => figure.completion !== null).sort((a, b) => b.completion! - a.completion!);
    for (const figure of ranked) figure.rank = 1 + ranked.filter((other) => other.completion! > figure.completion!).length;
    for (const figure of figures) figure.ranked = ranked.length;
    figures.forEach((figure, i) => departments[i]!.figures.push(figure));
  }

  const months = twelveMonthsTo(month);
  const monthFrom = `${month}-01`;
  const monthTo = lastDayOf(month);
  // Few statements, each grouped finely enough to give several figures: a full pass over a node's
  // certificates costs the same whatever it groups by.
  const [perNodeAndRegion, regionsIssued, converted, issuance, usesInMonth, supervision] = await Promise.all([
    certificatesBy(['NODE', 'REGION']),
    certificatesBy(['REGION'], { issuedFrom: monthFrom, issuedTo: monthTo }),
    certificatesBy(['ENTERED_MONTH'], { origins: ['CONVERTED'], enteredTo: monthTo }),
    certificatesBy(['MONTH', 'ORIGIN'], { origins: ['ISSUED', 'CONVERTED'], issuedFrom: `${months[0]}-01`, issuedTo: monthTo }),
    usesBy(['KIND'], { from: monthFrom, to: monthTo, kinds: ['READ', 'VERIFY', 'MATERIAL_CHECK'] }),
    usesBy(['MONTH', 'KIND'], { from: `${months[0]}-01`, to: monthTo, kinds: ['READ', 'INSPECTION'], purposes: ['SUPERVISION'] }),
  ]);
  for (const row of perNodeAndRegion) answered.add(row.keys[0]!.value);
  for (const department of departments) department.name = names.get(department.agency) ?? department.agency;
  const usesOf = byKeys(usesInMonth);
  const total = (rows: readonly StatisticsRow[]) => rows.reduce((sum, row) => sum + row.count, 0);
  const issuedBy = byKeys(issuance);
  const enteredBy = byKeys(converted);
  const regionsNow = perNodeAndRegion.map((row) => ({ keys: row.keys.slice(1), count: row.count }));

  const trends: Trend[] = [];
  {
    let running = [...enteredBy].filter(([entered]) => entered < months[0]!).reduce((sum, [, count]) => sum + count, 0);
    trends.push({ metric: 'STOCK_CONVERTED', months, values: months.map((m) => (running += enteredBy.get(m) ?? 0)) });
    trends.push({
      metric: 'ISSUED_ELECTRONIC_SHARE',
      months,
      values: months.map((m) => share(issuedBy.get(`${m} ISSUED`) ?? 0, (issuedBy.get(`${m} ISSUED`) ?? 0) + (issuedBy.get(`${m} CONVERTED`) ?? 0))),
    });
    const everyMatter = await matters(null);
    trends.push({
      metric: 'PAPERLESS_MATTERS_SHARE',
      months,
      values: months.map((m) => (m === month ? share(everyMatter.filter((matter) => matter.paperlessReady).length, everyMatter.length) : null)),
    });
    const checks = byKeys(supervision);
    trends.push({
      metric: 'ONLINE_CHECK_SHARE',
      months,
      values: months.map((m) => share(checks.get(`${m} READ`) ?? 0, (checks.get(`${m} READ`) ?? 0) + (checks.get(`${m} INSPECTION`) ?? 0))),
    });
  }

  // Districts are added up into their city; the province's own authorities are one region.
  const cityOf = (region: string) => (region.endsWith('0000') ? region : `${region.slice(0, 4)}00`);
  const perCity = (rows: readonly StatisticsRow[]) => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(cityOf(row.keys[0]!.value), (counts.get(cityOf(row.keys[0]!.value)) ?? 0) + row.count);
    return counts;
  };
  const now = perCity(regionsNow);
  const issuedByCity = perCity(regionsIssued);
  const regions: RegionFigure[] = [...new Set([...Object.keys(FUJIAN_REGIONS), ...now.keys()])].sort().map((region) => ({
    region,
    label: FUJIAN_REGIONS[region] ?? regionsNow.find((row) => cityOf(row.keys[0]!.value) === region)?.keys[0]!.label ?? region,
    certificates: now.get(region) ?? 0,
    issuedInMonth: issuedByCity.get(region) ?? 0,
  }));

  return {
    month,
    previousMonth,
    generatedAt: (options.now ?? new Date()).toISOString(),
    hub: options.hub,
    metrics: [...METRICS],
    summary: {
      certificates: total(perNodeAndRegion),
      issuedInMonth: (issuedBy.get(`${month} ISSUED`) ?? 0) + (issuedBy.get(`${month} CONVERTED`) ?? 0),
      convertedInMonth: enteredBy.get(month) ?? 0,
      reads: usesOf.get('READ') ?? 0,
      verifications: usesOf.get('VERIFY') ?? 0,
      materialChecks: usesOf.get('MATERIAL_CHECK') ?? 0,
      nodesAnswered: [...answered].filter((node) => !missing.has(node)).sort(),
      nodesMissing: [...missing].sort(),
    },
    departments,
    trends,
    regions,
  };
}
