/**
 * The report's charts, drawn on the server as SVG with Apache ECharts' server-side renderer:
 * the printed page needs no script, no browser-side library and nothing from the network.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { MetricInfo, MonthlyReport } from './model.js';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption>;

/** One chart of the report: an id for tests and anchors, its caption, and the drawing. */
export interface Chart {
  id: string;
  title: string;
  /** A line under the caption saying how to read the chart, when the caption alone does not. */
  note?: string;
  /** A standalone `<svg>` element. */
  svg: string;
}

/**
 * The page's own stack. Single quotes: zrender writes the family into a double-quoted `style`
 * attribute without escaping it.
 */
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif";

/** The width of an A4 page inside 14 mm margins, in CSS pixels: the SVG prints at its own size. */
const WIDTH = 680;

const INK = '#2b333d';
const MUTED = '#6b7682';
const AXIS = '#9aa4ae';
const GRID_LINE = '#e4e8ed';
const BLUE = '#2f5f8f';
const LIGHT_BLUE = '#8fb0d0';
const TARGET_RED = '#a8322d';
/** Muted colours that print well and differ in lightness, so the lines stay apart in greyscale too. */
const SERIES = [BLUE, '#c0803a', '#4f8a6b', '#7a5a9e'];

const count = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

/** 0.968 → "96.8%". */
const percent = (share: number): string => `${oneDecimal.format(share * 100)}%`;

/** 0.5 → "50%": axis ticks fall on round shares, so no decimal. */
const percentTick = (share: number): string => `${count.format(share * 100)}%`;

/** Large counts the way Chinese reports print them: 2,938,995 → "293.9万". */
const tenThousands = (value: number): string => `${oneDecimal.format(value / 10_000)}万`;

/**
 * Ticks for a count axis, all in one unit: in 万 once the axis passes ten thousand
 * (0 → "0", 500,000 → "50万", 5,000 → "0.5万"), else plain counts.
 */
const countTicks =
  (highest: number) =>
  (value: number): string =>
    highest >= 10_000 && value !== 0 ? `${upToOneDecimal.format(value / 10_000)}万` : count.format(value);

const baseOption = (): ChartOption => ({
  animation: false,
  backgroundColor: 'transparent',
  color: SERIES,
  textStyle: { fontFamily: FONT, color: INK, fontSize: 11 },
});

/**
 * Draws one chart to an SVG string and frees it: an undisposed SSR instance keeps its whole
 * scene graph alive.
 */
function toSvg(option: ChartOption, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** 2025-01 → "1月\n2025年", 2025-02 → "2月": the year only where it starts or changes, so twelve labels fit. */
function monthLabels(months: string[]): string[] {
  return months.map((month, index) => {
    const [year, number] = month.split('-');
    const label = `${Number(number)}月`;
    return index === 0 || number === '01' ? `${label}\n${year}年` : label;
  });
}

const categoryAxisStyle = {
  axisLine: { lineStyle: { color: AXIS } },
  axisTick: { show: false },
  axisLabel: { color: INK, fontSize: 11 },
};

const valueAxisStyle = {
  axisLine: { show: false },
  axisTick: { show: false },
  splitLine: { lineStyle: { color: GRID_LINE } },
  axisLabel: { color: MUTED, fontSize: 10 },
};

/**
 * One horizontal bar chart per metric, a bar per department: its completion of the target, or,
 * where no department has a target for the metric, what it reached. Departments are sorted from
 * the highest value down, those without a value last, as the ranking in the tables reads.
 */
export function departmentCharts(report: MonthlyReport): Chart[] {
  if (report.departments.length === 0) return [];
  return report.metrics.map((metric) => {
    const figures = report.departments.map((department) => ({
      name: department.name,
      figure: department.figures.find((figure) => figure.metric === metric.metric),
    }));
    const byCompletion = figures.some(({ figure }) => figure?.completion != null);
    const rows = figures
      .map(({ name, figure }) => ({ name, value: (byCompletion ? figure?.completion : figure?.reached) ?? null }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
    const highest = Math.max(0, ...rows.map((row) => row.value ?? 0));
    const inPercent = byCompletion || metric.unit === 'SHARE';
    const format = inPercent ? percent : count.format;

    const option: ChartOption = {
      ...baseOption(),
      grid: { left: 8, right: 52, top: byCompletion ? 22 : 10, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), ...categoryAxisStyle },
      xAxis: {
        type: 'value',
        min: 0,
        // A completion axis runs past the target line, with room for the labels of bars that reach it,
        // in steps of 20%; a share ends at 100%.
        max: byCompletion ? Math.max(1.2, Math.ceil(highest * 5) / 5) : metric.unit === 'SHARE' ? 1 : undefined,
        ...valueAxisStyle,
        axisLabel: { ...valueAxisStyle.axisLabel, formatter: inPercent ? percentTick : countTicks(highest) },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          itemStyle: { color: BLUE },
          // A department without a value keeps its line, empty, with a dash as in the tables.
          data: rows.map((row) => row.value ?? 0),
          label: {
            show: true,
            position: 'right',
            color: INK,
            fontSize: 10,
            // A halo, so the target line does not run through a label just past it.
            textBorderColor: '#fff',
            textBorderWidth: 3,
            formatter: ({ dataIndex }) => {
              const value = rows[dataIndex]?.value ?? null;
              return value === null ? '—' : format(value);
            },
          },
          ...(byCompletion
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: TARGET_RED, type: 'dashed', width: 1 },
                  label: { formatter: '目标', color: TARGET_RED, fontSize: 10, position: 'start' },
                  data: [{ xAxis: 1 }],
                },
              }
            : {}),
        },
      ],
    };
    return {
      id: `department-${metric.metric}`,
      title: byCompletion ? `各部门${metric.name}目标完成率` : `各部门${metric.name}`,
      note: byCompletion ? '完成率 = 完成值 ÷ 目标，虚线为目标（100%）；“—”为未设目标或无法计量。' : '本月各部门均未设定该项目标，图中为完成值；“—”为无法计量。',
      // At most what a page holds under the section's headings: past ~28 departments the rows
      // close up rather than the chart breaking across pages.
      svg: toSvg(option, Math.min(820, Math.max(140, 40 + 28 * rows.length))),
    };
  });
}

/**
 * The province's twelve months: the share metrics together on one 0–100% axis, the count
 * metrics on their own axis, so neither flattens the other.
 */
export function trendCharts(report: MonthlyReport): Chart[] {
  const charts: Chart[] = [];
  const groups: Array<{ unit: MetricInfo['unit']; id: string; title: string }> = [
    { unit: 'SHARE', id: 'trend-shares', title: '全省比例类指标近12个月走势' },
    { unit: 'COUNT', id: 'trend-counts', title: '全省数量类指标近12个月走势' },
  ];
  for (const group of groups) {
    const metrics = report.metrics.filter((metric) => metric.unit === group.unit);
    const trends = metrics.flatMap((metric) => {
      const trend = report.trends.find((candidate) => candidate.metric === metric.metric);
      return trend ? [{ metric, trend }] : [];
    });
    const first = trends[0];
    if (!first) continue;
    const highest = Math.max(0, ...trends.flatMap(({ trend }) => trend.values.map((value) => value ?? 0)));
    const ticks = group.unit === 'SHARE' ? percentTick : countTicks(highest);
    const last = group.unit === 'SHARE' ? percent : (value: number) => (value >= 10_000 ? tenThousands(value) : count.format(value));
    const option: ChartOption = {
      ...baseOption(),
      legend: { top: 0, left: 'center', itemWidth: 18, itemHeight: 8, textStyle: { color: INK, fontSize: 11 } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', boundaryGap: false, data: monthLabels(first.trend.months), ...categoryAxisStyle },
      yAxis: {
        type: 'value',
        min: 0,
        max: group.unit === 'SHARE' ? 1 : undefined,
        ...valueAxisStyle,
        axisLabel: { ...valueAxisStyle.axisLabel, formatter: ticks },
      },
      series: trends.map(({ metric, trend }) => ({
        type: 'line',
        name: metric.name,
        data: trend.values,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { width: 2 },
        // A month with nothing to measure is a gap, not a fall to zero.
        connectNulls: false,
        // The last point is the report's month: the figure a reader looks for.
        label: {
          show: true,
          fontSize: 10,
          color: INK,
          formatter: ({ dataIndex, value }) =>
            dataIndex === trend.values.length - 1 && typeof value === 'number' ? last(value) : '',
        },
      })),
    };
    const gaps = trends.some(({ trend }) => trend.values.includes(null));
    charts.push({ id: group.id, title: group.title, ...(gaps ? { note: '折线中断处为当月无可计量数据。' } : {}), svg: toSvg(option, 300) });
  }
  return charts;
}

/**
 * Certificates per region: the stock and the month's new ones as two charts with the regions
 * in the same order, since the month's figures are a small fraction of the stock and would
 * vanish beside it on one axis.
 */
export function regionCharts(report: MonthlyReport): Chart[] {
  const labels = report.regions.map((region) => region.label);
  const province = report.regions.filter((region) => region.region.endsWith('0000')).map((region) => `“${region.label}”`);
  // The province's own authorities are not a city: say so under the caption.
  const note = province.length ? `${province.join('、')}为省级部门签发的证照。` : undefined;
  const bars = (id: string, title: string, values: number[], color: string): Chart => {
    const highest = Math.max(0, ...values);
    const option: ChartOption = {
      ...baseOption(),
      grid: { left: 8, right: 8, top: 22, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: labels, ...categoryAxisStyle, axisLabel: { ...categoryAxisStyle.axisLabel, interval: 0 } },
      yAxis: { type: 'value', min: 0, ...valueAxisStyle, axisLabel: { ...valueAxisStyle.axisLabel, formatter: countTicks(highest) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 28,
          itemStyle: { color },
          data: values,
          label: { show: true, position: 'top', color: INK, fontSize: 10, formatter: ({ value }) => (typeof value === 'number' ? count.format(value) : '') },
        },
      ],
    };
    return { id, title, ...(note ? { note } : {}), svg: toSvg(option, 260) };
  };
  if (report.regions.length === 0) return [];
  return [
    bars('region-certificates', '各地区现有电子证照数（按签发机关所在地）', report.regions.map((region) => region.certificates), BLUE),
    bars('region-issued', '各地区本月签发电子证照数', report.regions.map((region) => region.issuedInMonth), LIGHT_BLUE),
  ];
}

