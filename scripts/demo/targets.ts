/**
 * The targets (工作目标) the province's data steward set for the year of `today` and its month, for
 * the monthly report (每月通报) to measure the departments against: the market regulators and the
 * issuing authorities the demo's conversion campaign, issuance and matters concern, and the
 * supervisors' share of online checks. Kept at the province node (catalog.targets).
 */
import { createHash } from 'node:crypto';
import type { SetTargetInput } from '../../subgraphs/catalog/generated/resolvers.js';
import { agencyBySlug } from './agencies.js';
import { monthStart } from './calendar.js';

/** The data steward who sets the targets. */
export const TARGET_STEWARD = agencyBySlug('fj-bigdata');

/** A target as the steward set it, when (an ISO instant), and the id of the request that set it. */
export interface DemoTarget {
  input: SetTargetInput & { agencyName: string };
  setAt: string;
  requestId: string;
}

/** A request id in the shape the gateway gives one (a version 4 UUID), hashed from `text`. */
function requestIdOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex.charAt(16), 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The year's targets: department, metric, value. STOCK_CONVERTED counts certificates; the others are shares. */
const YEAR_TARGETS: ReadonlyArray<readonly [slug: string, metric: SetTargetInput['metric'], value: number]> = [
  ['fz-amr', 'STOCK_CONVERTED', 30],
  ['fz-amr', 'ISSUED_ELECTRONIC_SHARE', 0.98],
  ['fz-amr', 'PAPERLESS_MATTERS_SHARE', 1],
  ['xm-amr', 'STOCK_CONVERTED', 28],
  ['xm-amr', 'ISSUED_ELECTRONIC_SHARE', 0.98],
  ['xm-amr', 'PAPERLESS_MATTERS_SHARE', 1],
  ['qz-amr', 'STOCK_CONVERTED', 10],
  ['qz-amr', 'ISSUED_ELECTRONIC_SHARE', 0.95],
  ['np-amr', 'ISSUED_ELECTRONIC_SHARE', 0.9],
  ['fj-housing', 'STOCK_CONVERTED', 5],
  ['fj-housing', 'PAPERLESS_MATTERS_SHARE', 1],
  ['fj-mpa', 'STOCK_CONVERTED', 3],
  ['fj-mpa', 'PAPERLESS_MATTERS_SHARE', 1],
  // Its one matter still needs paper: a target the report shows as missed until a grant opens it.
  ['xm-health', 'PAPERLESS_MATTERS_SHARE', 1],
  ['xm-health', 'STOCK_CONVERTED', 4],
  ['fj-inspect', 'ONLINE_CHECK_SHARE', 0.8],
];

/** This month's targets: the two big cities' conversions, pressed as the campaign nears its end. */
const MONTH_TARGETS: ReadonlyArray<readonly [slug: string, metric: SetTargetInput['metric'], value: number]> = [
  ['fz-amr', 'STOCK_CONVERTED', 4],
  ['xm-amr', 'STOCK_CONVERTED', 4],
];

/**
 * The targets for a hub started on `today`: the year's set on 20 December of the year before,
 * this month's on the 25th of the month before, a minute apart at 10:00 China time, in that
 * order — all of them before the hub starts.
 */
export function demoTargets(today: string): DemoTarget[] {
  const year = today.slice(0, 4);
  const month = today.slice(0, 7);
  const setOn = (day: string, minute: number) => new Date(`${day}T10:${String(minute).padStart(2, '0')}:00+08:00`).toISOString();
  const target = (slug: string, metric: SetTargetInput['metric'], period: string, value: number, setAt: string): DemoTarget => {
    const agency = agencyBySlug(slug);
    return { input: { agency: agency.code, agencyName: agency.name, metric, period, value }, setAt, requestId: requestIdOf(`${agency.code} ${metric} ${period}`) };
  };
  const previousMonth = monthStart(today, 1).slice(0, 7);
  return [
    ...YEAR_TARGETS.map(([slug, metric, value], i) => target(slug, metric, year, value, setOn(`${Number(year) - 1}-12-20`, i))),
    ...MONTH_TARGETS.map(([slug, metric, value], i) => target(slug, metric, month, value, setOn(`${previousMonth}-25`, i))),
  ];
}
