/**
 * Lays out the monthly progress report (每月通报) as one self-contained HTML document, made to
 * be printed on A4 (pdf.ts): styles inline, charts as inline SVG, no script, nothing fetched.
 * Every string that comes from the data is escaped: department and region names come from the
 * database.
 */
import { departmentCharts, regionCharts, trendCharts, type Chart } from './charts.js';
import type { DepartmentFigure, MetricInfo, MetricUnit, MonthlyReport } from './model.js';

const DASH = '—';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an element's content or a quoted attribute. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);

const countFormat = new Intl.NumberFormat('zh-CN');
const shareFormat = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedCount = new Intl.NumberFormat('zh-CN', { signDisplay: 'exceptZero' });
const signedPoints = new Intl.NumberFormat('zh-CN', { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A figure in its unit: 1234567 → "1,234,567", 0.9684 → "96.8%", null → "—". */
function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return DASH;
  return unit === 'SHARE' ? shareFormat.format(value) : countFormat.format(value);
}

/**
 * A change since the month before, always signed: counts as counts, shares in percentage points
 * (a share going from 90% to 91.2% rose 1.2 points, not 1.2%).
 */
function formatChange(change: number | null, unit: MetricUnit): string {
  if (change === null) return DASH;
  return unit === 'SHARE' ? `${signedPoints.format(change * 100)}个百分点` : signedCount.format(change);
}

/** 2025-06 → "2025年6月"; 2025 → "2025年". */
function formatPeriod(period: string): string {
  const [year, month] = period.split('-');
  return month === undefined ? `${year}年` : `${year}年${Number(month)}月`;
}

/** An ISO instant as Beijing time, the way the readers' clocks show it; an unreadable one as given. */
function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}年${Number(parts['month'])}月${Number(parts['day'])}日 ${parts['hour']}:${parts['minute']}（北京时间）`;
}

const STYLE = /* CSS */ `
@page {
  size: A4;
  margin: 14mm;
  @bottom-center {
    content: "第 " counter(page) " 页  共 " counter(pages) " 页";
    font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
    font-size: 8pt;
    color: #7a848e;
  }
}
:root {
  --ink: #1f2933;
  --muted: #5f6b77;
  --rule: #cfd6dd;
  --band: #f2f5f8;
  --accent: #1f4e79;
  --red: #a8322d;
}
* { box-sizing: border-box; }
html {
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif;
  font-size: 10.5pt;
  line-height: 1.65;
  color: var(--ink);
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
body { margin: 0; }
section.part + section.part { break-before: page; }
header.masthead { text-align: center; padding-top: 6mm; }
header.masthead h1 { font-size: 19pt; font-weight: 700; letter-spacing: 0.04em; margin: 0 0 4mm; color: var(--ink); }
header.masthead .rule { border-top: 2px solid var(--red); border-bottom: 0.6px solid var(--red); height: 3px; margin: 0 0 3mm; }
header.masthead .meta { font-size: 9pt; color: var(--muted); display: flex; justify-content: space-between; gap: 8mm; }
h2 { font-size: 14pt; font-weight: 700; margin: 7mm 0 3mm; color: var(--accent); }
h3 { font-size: 11.5pt; font-weight: 700; margin: 0 0 1.5mm; }
/* A heading stays with what it heads. */
h2, h3, figcaption { break-after: avoid; }
p { margin: 0 0 2.5mm; text-align: justify; }
p.lead { text-indent: 2em; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 4mm 0 5mm; }
.figure { border: 0.6px solid var(--rule); border-top: 2px solid var(--accent); padding: 2.5mm 3.5mm 3mm; background: var(--band); }
.figure .label { font-size: 9pt; color: var(--muted); }
.figure .value { font-size: 17pt; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.3; }
.figure .unit { font-size: 9pt; color: var(--muted); margin-left: 1mm; font-weight: 400; }
.nodes { font-size: 9pt; color: var(--muted); }
.notice { border-left: 3px solid #c0803a; background: #fbf5ec; padding: 2.5mm 3.5mm; font-size: 9.5pt; margin: 3mm 0; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { border-bottom: 0.6px solid var(--rule); padding: 1.4mm 2mm; vertical-align: middle; }
thead th { background: var(--band); border-top: 1.2px solid var(--ink); border-bottom: 0.8px solid var(--ink); font-weight: 700; text-align: center; white-space: nowrap; }
tbody tr:last-child td { border-bottom: 1.2px solid var(--ink); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.center { text-align: center; }
.period { color: var(--muted); font-size: 8.5pt; }
.gauge { display: block; height: 3px; background: #e3e8ee; margin-top: 0.8mm; }
.gauge > span { display: block; height: 100%; background: #5a84ad; }
.gauge.done > span { background: #4f8a6b; }
table.definitions td:first-child { white-space: nowrap; font-weight: 700; width: 24%; }
table.definitions td:nth-child(2) { white-space: nowrap; text-align: center; width: 10%; }
.reading { font-size: 9pt; color: var(--muted); margin-top: 4mm; }
.reading li { margin-bottom: 1mm; }
.department { break-inside: avoid; margin-bottom: 6mm; }
/* Fixed columns: every department's table lines up with the one above it. */
table.figures-table { table-layout: fixed; }
table.figures-table thead th:not(:first-child) { text-align: right; }
table.figures-table thead th:first-child { text-align: left; }
table.figures-table thead th:last-child { text-align: center; }
.department .agency { font-size: 8.5pt; color: var(--muted); font-weight: 400; margin-left: 2mm; }
h3.group { color: var(--accent); margin-top: 5mm; }
figure.chart { break-inside: avoid; margin: 0 0 5mm; }
figure.chart figcaption { font-size: 10pt; font-weight: 700; margin-bottom: 0.5mm; }
figure.chart .note { font-size: 8.5pt; color: var(--muted); font-weight: 400; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.chart-group + .chart-group { break-before: page; }
`;

/** A number that leads the summary: label, figure, unit. */
const figureCard = (label: string, value: number, unit: string): string =>
  `<div class="figure"><div class="label">${label}</div><div class="value">${countFormat.format(value)}<span class="unit">${unit}</span></div></div>`;

function summarySection(report: MonthlyReport, monthName: string): string {
  const { summary } = report;
  const missing = summary.nodesMissing.length
    ? `<div class="notice" data-missing-nodes>注：以下 ${summary.nodesMissing.length} 个节点在统计时未响应，其数据未计入本通报，本通报所列数字不完整：${summary.nodesMissing.map(escapeHtml).join('、')}。</div>`
    : '';
  return `<section class="part" id="summary" data-section="summary">
<header class="masthead">
<h1>电子证照共享应用情况月度通报（${monthName}）</h1>
<div class="rule"></div>
<div class="meta"><span>数据截取时间：${escapeHtml(formatInstant(report.generatedAt))}</span><span>数据来源：${escapeHtml(report.hub)}</span></div>
</header>
<h2>一、总体情况</h2>
<p class="lead">截至${monthName}末，平台现有电子证照 ${countFormat.format(summary.certificates)} 张。本月签发电子证照 ${countFormat.format(summary.issuedInMonth)} 张，存量纸质证照转换入库 ${countFormat.format(summary.convertedInMonth)} 张；各部门共享调阅证照 ${countFormat.format(summary.reads)} 次，社会公众核验证照 ${countFormat.format(summary.verifications)} 次，办事材料免提交核验 ${countFormat.format(summary.materialChecks)} 次。</p>
<div class="figures">
${figureCard('现有电子证照', summary.certificates, '张')}
${figureCard('本月签发', summary.issuedInMonth, '张')}
${figureCard('本月存量转换', summary.convertedInMonth, '张')}
${figureCard('本月共享调阅', summary.reads, '次')}
${figureCard('本月公众核验', summary.verifications, '次')}
${figureCard('本月免提交核验', summary.materialChecks, '次')}
</div>
<p class="nodes">参与统计的节点 ${summary.nodesAnswered.length} 个${summary.nodesAnswered.length ? `：${summary.nodesAnswered.map(escapeHtml).join('、')}` : ''}。</p>
${missing}
</section>`;
}

function metricsSection(report: MonthlyReport): string {
  const rows = report.metrics
    .map(
      (metric) =>
        `<tr data-metric="${escapeHtml(metric.metric)}"><td>${escapeHtml(metric.name)}</td><td>${metric.unit === 'SHARE' ? '比例' : '数量'}</td><td>${escapeHtml(metric.definition)}</td></tr>`,
    )
    .join('\n');
  return `<section class="part" id="metrics" data-section="metrics">
<h2>二、指标说明</h2>
<table class="definitions">
<thead><tr><th>指标</th><th>类型</th><th>统计口径</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul class="reading">
<li>目标：当月有效的考核目标，括号内为目标所属期间（年度或月度）。</li>
<li>完成率：完成值 ÷ 目标；比例类指标的完成值与目标均为百分比。</li>
<li>较上月：与${escapeHtml(formatPeriod(report.previousMonth))}末相比的变化；比例类指标以百分点计。</li>
<li>排名：按完成率（无目标时按完成值）由高到低排列；“2/4”表示在参与排名的 4 个部门中居第 2 位。</li>
<li>“${DASH}”表示未设目标或无法计量。</li>
</ul>
</section>`;
}

/** A table row of one metric for one department; a metric the department has no figure for reads as dashes. */
function figureRow(metric: MetricInfo, figure: DepartmentFigure | undefined): string {
  const unit = metric.unit;
  const target =
    figure?.target == null
      ? DASH
      : `${formatValue(figure.target, unit)}${figure.targetPeriod ? `<span class="period">（${escapeHtml(formatPeriod(figure.targetPeriod))}）</span>` : ''}`;
  const completion = figure?.completion ?? null;
  const gauge =
    completion === null
      ? ''
      : `<span class="gauge${completion >= 1 ? ' done' : ''}"><span style="width:${Math.min(100, Math.max(0, completion * 100)).toFixed(1)}%"></span></span>`;
  const rank = figure?.rank == null ? DASH : `${figure.rank}/${figure.ranked}`;
  return `<tr data-metric="${escapeHtml(metric.metric)}"><td>${escapeHtml(metric.name)}</td><td class="num">${target}</td><td class="num">${formatValue(figure?.reached ?? null, unit)}</td><td class="num">${formatValue(completion, 'SHARE')}${gauge}</td><td class="num">${formatChange(figure?.change ?? null, unit)}</td><td class="center">${rank}</td></tr>`;
}

function departmentsSection(report: MonthlyReport): string {
  const departments = report.departments
    .map((department) => {
      const rows = report.metrics
        .map((metric) =>
          figureRow(
            metric,
            department.figures.find((figure) => figure.metric === metric.metric),
          ),
        )
        .join('\n');
      return `<section class="department" data-agency="${escapeHtml(department.agency)}">
<h3>${escapeHtml(department.name)}<span class="agency">统一社会信用代码 ${escapeHtml(department.agency)}</span></h3>
<table class="figures-table">
<colgroup><col style="width:21%"><col style="width:23%"><col style="width:14%"><col style="width:13%"><col style="width:18%"><col style="width:11%"></colgroup>
<thead><tr><th>指标</th><th>目标</th><th>完成值</th><th>完成率</th><th>较上月</th><th>排名</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  return `<section class="part" id="departments" data-section="departments">
<h2>三、各部门完成情况</h2>
${departments || '<p>本月无部门数据。</p>'}
</section>`;
}

function chartsSection(report: MonthlyReport): string {
  let number = 0;
  const figure = (chart: Chart): string =>
    `<figure class="chart" data-chart="${escapeHtml(chart.id)}">
<figcaption>图${++number}　${escapeHtml(chart.title)}${chart.note ? `<div class="note">${escapeHtml(chart.note)}</div>` : ''}</figcaption>
${chart.svg}
</figure>`;
  const groups = [
    { title: '各部门指标完成情况', charts: departmentCharts(report) },
    { title: '全省近12个月走势', charts: trendCharts(report) },
    { title: '各地区电子证照分布', charts: regionCharts(report) },
  ].filter((group) => group.charts.length > 0);
  const ordinals = ['一', '二', '三'];
  return `<section class="part" id="charts" data-section="charts">
<h2>四、图表分析</h2>
${groups
  .map(
    (group, index) =>
      `<div class="chart-group">\n<h3 class="group">（${ordinals[index] ?? index + 1}）${group.title}</h3>\n${group.charts.map(figure).join('\n')}\n</div>`,
  )
  .join('\n')}
</section>`;
}

/**
 * The whole report as one HTML document (UTF-8, zh-CN) that prints on A4 with each part on its
 * own pages. It references nothing outside itself, so it prints the same offline.
 */
export function renderReportHtml(report: MonthlyReport): string {
  // Escaped once here: the month comes from the data too.
  const monthName = escapeHtml(formatPeriod(report.month));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>电子证照共享应用情况月度通报（${monthName}）</title>
<style>${STYLE}</style>
</head>
<body>
${summarySection(report, monthName)}
${metricsSection(report)}
${departmentsSection(report)}
${chartsSection(report)}
</body>
</html>
`;
}
