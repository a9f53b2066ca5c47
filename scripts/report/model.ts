/**
 * The monthly progress report (每月通报) as data: every figure in it, each read from the hub's
 * aggregates API (gather.ts), before any of it is laid out (render.ts). A test reconciles these
 * figures with the same queries asked directly.
 */

/** What a department must reach (README › Statistics › Targets). */
export type TargetMetric = 'STOCK_CONVERTED' | 'ISSUED_ELECTRONIC_SHARE' | 'PAPERLESS_MATTERS_SHARE' | 'ONLINE_CHECK_SHARE';

/** How a metric's values read: a count of certificates, or a share from 0 to 1. */
export type MetricUnit = 'COUNT' | 'SHARE';

export interface MetricInfo {
  metric: TargetMetric;
  /** The metric's name in Chinese, as the report prints it (e.g. 存量证照转换数). */
  name: string;
  unit: MetricUnit;
  /** One sentence in Chinese: how the figure is counted. */
  definition: string;
}

/** One department's figure for one metric in the report's month. */
export interface DepartmentFigure {
  metric: TargetMetric;
  /** The target in force for the month (a count, or a share from 0 to 1); null when none was set. */
  target: number | null;
  /** The period of that target: YYYY or YYYY-MM; null when none was set. */
  targetPeriod: string | null;
  /** What the department reached by the end of the month (same unit as the target); null when it cannot be measured (e.g. a share of nothing). */
  reached: number | null;
  /** reached / target (0 to any): how much of the target is done; null without a target or a reached value. */
  completion: number | null;
  /** reached at the end of the month before; null when it cannot be measured. */
  previous: number | null;
  /** reached − previous; null when either is null. */
  change: number | null;
  /** 1 for the department with the highest completion (else the highest reached) among those with one; null when it has neither. */
  rank: number | null;
  /** How many departments were ranked for this metric. */
  ranked: number;
}

export interface Department {
  /** The agency's USCC. */
  agency: string;
  /** Its name. */
  name: string;
  figures: DepartmentFigure[];
}

/** One metric over the province, month by month: the 12 months up to the report's. */
export interface Trend {
  metric: TargetMetric;
  /** YYYY-MM, oldest first, 12 of them, the last the report's month. */
  months: string[];
  /** The province's value at the end of each month (a count, or a share from 0 to 1; null where there was nothing to measure). */
  values: Array<number | null>;
}

/** Certificates per region (the issuer's city), for the per-region bars. */
export interface RegionFigure {
  /** 6-digit code of the city (or 350000 for the province's own authorities). */
  region: string;
  label: string;
  /** Current certificates whose issuer is registered in the region, at the time of the report. */
  certificates: number;
  /** Of them, issued in the report's month. */
  issuedInMonth: number;
}

export interface SummaryFigures {
  /** Current certificates over every node. */
  certificates: number;
  /** Certificates issued (issuedOn) in the month, electronically issued or converted. */
  issuedInMonth: number;
  /** Paper certificates converted into the hub in the month. */
  convertedInMonth: number;
  /** Reads of shared certificates by agencies in the month (access records). */
  reads: number;
  /** Public verifications in the month. */
  verifications: number;
  /** 免提交 checks of materials in the month. */
  materialChecks: number;
  /** Nodes that answered, and those that did not (their figures are missing from the report). */
  nodesAnswered: string[];
  nodesMissing: string[];
}

export interface MonthlyReport {
  /** YYYY-MM. */
  month: string;
  /** The month before, YYYY-MM. */
  previousMonth: string;
  /** When the figures were read (ISO 8601). */
  generatedAt: string;
  /** The gateway the figures were read from. */
  hub: string;
  metrics: MetricInfo[];
  summary: SummaryFigures;
  departments: Department[];
  trends: Trend[];
  regions: RegionFigure[];
}
