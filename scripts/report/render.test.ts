import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DepartmentFigure, MetricInfo, MonthlyReport, TargetMetric, Trend } from './model.js';
import { printPdf } from './pdf.js';
import { renderReportHtml } from './render.js';
import { DEFAULT_CHROMIUM } from '../../lib/chromium.js';

const run = promisify(execFile);

const CHROMIUM = DEFAULT_CHROMIUM;
const PDFTOPPM = '/usr/bin/pdftoppm';

const METRICS: MetricInfo[] = [
  { metric: 'STOCK_CONVERTED', name: '存量证照转换数', unit: 'COUNT', definition: '本年度由纸质证照转换入库并加盖电子印章的存量电子证照累计数。' },
  { metric: 'ISSUED_ELECTRONIC_SHARE', name: '电子证照同步签发率', unit: 'SHARE', definition: '当月新签发的证照中，同步签发电子证照的比例。' },
  { metric: 'PAPERLESS_MATTERS_SHARE', name: '免提交事项占比', unit: 'SHARE', definition: '涉及证照的政务服务事项中，可凭电子证照免于提交纸质材料的事项所占比例。' },
  { metric: 'ONLINE_CHECK_SHARE', name: '在线核验率', unit: 'SHARE', definition: '当月证照核验中，通过平台在线核验完成的比例。' },
];

/** A figure whose derived values (completion, change) follow from the rest, as gather.ts computes them. */
function figure(
  metric: TargetMetric,
  target: number | null,
  targetPeriod: string | null,
  reached: number | null,
  previous: number | null,
  rank: number | null,
  ranked: number,
): DepartmentFigure {
  return {
    metric,
    target,
    targetPeriod,
    reached,
    completion: target !== null && reached !== null ? reached / target : null,
    previous,
    change: reached !== null && previous !== null ? reached - previous : null,
    rank,
    ranked,
  };
}

const MARKET = '11350000003591037R';
const POLICE = '11350000003591133X';
const LABOUR = '113500000035913018';
const EDUCATION = '11350000003591055N';
/** A name as it could come from the database: the report must print it, not run it. */
const HOSTILE_NAME = '福建省教育厅<script>alert("证照")</script>';

const MONTHS = ['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

const trend = (metric: TargetMetric, values: Array<number | null>): Trend => ({ metric, months: MONTHS, values });

const REPORT: MonthlyReport = {
  month: '2025-06',
  previousMonth: '2025-05',
  generatedAt: '2025-07-01T00:30:00Z',
  hub: 'https://hub.ecert.fujian.example/graphql',
  metrics: METRICS,
  summary: {
    certificates: 4_286_713,
    issuedInMonth: 153_208,
    convertedInMonth: 61_442,
    reads: 872_015,
    verifications: 94_377,
    materialChecks: 310_926,
    nodesAnswered: ['福州节点', '厦门节点', '泉州节点', '省直节点'],
    nodesMissing: ['南平节点'],
  },
  departments: [
    {
      agency: MARKET,
      name: '福建省市场监督管理局',
      figures: [
        figure('STOCK_CONVERTED', 1_200_000, '2025', 1_034_567, 980_000, 1, 3),
        figure('ISSUED_ELECTRONIC_SHARE', 0.95, '2025-06', 0.9684, 0.951, 1, 4),
        figure('PAPERLESS_MATTERS_SHARE', 0.8, '2025', 0.712, 0.698, 2, 3),
        figure('ONLINE_CHECK_SHARE', null, null, 0.881, 0.874, 1, 3),
      ],
    },
    {
      agency: POLICE,
      name: '福建省公安厅',
      figures: [
        figure('STOCK_CONVERTED', 2_000_000, '2025', 1_502_310, 1_433_002, 2, 3),
        figure('ISSUED_ELECTRONIC_SHARE', 0.98, '2025-06', 0.9312, 0.9405, 3, 4),
        figure('PAPERLESS_MATTERS_SHARE', 0.75, '2025', 0.735, 0.702, 1, 3),
        figure('ONLINE_CHECK_SHARE', null, null, 0.732, 0.745, 2, 3),
      ],
    },
    {
      agency: LABOUR,
      name: '福建省人力资源和社会保障厅',
      figures: [
        figure('STOCK_CONVERTED', 800_000, '2025', 402_118, 350_870, 3, 3),
        figure('ISSUED_ELECTRONIC_SHARE', 0.9, '2025-06', 0.8893, 0.8893, 2, 4),
        figure('PAPERLESS_MATTERS_SHARE', 0.7, '2025', 0.4471, 0.4309, 3, 3),
        figure('ONLINE_CHECK_SHARE', null, null, 0.655, 0.61, 3, 3),
      ],
    },
    {
      agency: EDUCATION,
      name: HOSTILE_NAME,
      figures: [
        // No stock to convert was registered: no target, nothing reached, not ranked.
        figure('STOCK_CONVERTED', null, null, null, null, null, 3),
        figure('ISSUED_ELECTRONIC_SHARE', 0.9, '2025-06', 0.7215, 0.6932, 4, 4),
        // A share of nothing: no matters were listed yet.
        figure('PAPERLESS_MATTERS_SHARE', 0.6, '2025', null, null, null, 3),
        figure('ONLINE_CHECK_SHARE', null, null, null, null, null, 3),
      ],
    },
  ],
  trends: [
    trend('STOCK_CONVERTED', [2_104_552, 2_188_310, 2_263_907, 2_351_226, 2_440_018, 2_518_790, 2_590_034, 2_640_115, 2_731_560, 2_822_471, 2_870_872, 2_938_995]),
    trend('ISSUED_ELECTRONIC_SHARE', [0.812, 0.824, 0.833, 0.841, 0.852, 0.861, 0.858, 0.869, 0.877, 0.884, 0.893, 0.9027]),
    trend('PAPERLESS_MATTERS_SHARE', [null, null, 0.412, 0.438, 0.463, 0.497, 0.512, 0.533, 0.556, 0.574, 0.589, 0.6011]),
    trend('ONLINE_CHECK_SHARE', [0.602, 0.611, 0.627, 0.641, 0.655, 0.662, 0.668, 0.684, 0.701, 0.712, 0.727, 0.7558]),
  ],
  regions: [
    { region: '350100', label: '福州市', certificates: 912_334, issuedInMonth: 32_871 },
    { region: '350200', label: '厦门市', certificates: 786_120, issuedInMonth: 30_214 },
    { region: '350300', label: '莆田市', certificates: 241_508, issuedInMonth: 8_120 },
    { region: '350400', label: '三明市', certificates: 198_772, issuedInMonth: 6_033 },
    { region: '350500', label: '泉州市', certificates: 845_019, issuedInMonth: 29_877 },
    { region: '350600', label: '漳州市', certificates: 377_451, issuedInMonth: 12_506 },
    { region: '350700', label: '南平市', certificates: 0, issuedInMonth: 0 },
    { region: '350800', label: '龙岩市', certificates: 221_980, issuedInMonth: 7_402 },
    { region: '350900', label: '宁德市', certificates: 233_675, issuedInMonth: 7_911 },
    { region: '350000', label: '福建省', certificates: 470_334, issuedInMonth: 18_274 },
  ],
};

/** An element's text as a reader sees it: tags dropped, entities of the escaper read back. */
const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

/** The cells of one metric's row in one department's table, as text. */
function row(html: string, agency: string, metric: TargetMetric): string[] {
  const section = html.match(new RegExp(`<section class="department" data-agency="${agency}">([\\s\\S]*?)</section>`))?.[1];
  expect(section, `the section of ${agency}`).toBeDefined();
  const tr = section?.match(new RegExp(`<tr data-metric="${metric}">([\\s\\S]*?)</tr>`))?.[1] ?? '';
  return [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1] ?? ''));
}

const html = renderReportHtml(REPORT);
const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

describe('the monthly report as HTML', () => {
  it('has the summary, metrics, departments and charts sections, in that order', () => {
    const order = ['summary', 'metrics', 'departments', 'charts'].map((section) => html.indexOf(`id="${section}" data-section="${section}"`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('电子证照共享应用情况月度通报（2025年6月）');
    expect(html).toContain('@page {\n  size: A4;\n  margin: 14mm;');
  });

  it('prints the summary figures with thousands separators, when the figures were read, and from where', () => {
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="metrics"'));
    expect(text(summary)).toContain('现有电子证照4,286,713张');
    expect(text(summary)).toContain('本月免提交核验310,926次');
    expect(summary).toContain('数据截取时间：2025年7月1日 08:30（北京时间）');
    expect(summary).toContain('数据来源：https://hub.ecert.fujian.example/graphql');
  });

  it('says which nodes did not answer, and only when some did not', () => {
    expect(html).toContain('以下 1 个节点在统计时未响应，其数据未计入本通报，本通报所列数字不完整：南平节点。');
    const complete = renderReportHtml({ ...REPORT, summary: { ...REPORT.summary, nodesMissing: [] } });
    expect(complete).not.toContain('data-missing-nodes');
    expect(complete).not.toContain('未响应');
  });

  it('defines every metric by its name', () => {
    const metrics = html.slice(html.indexOf('id="metrics"'), html.indexOf('id="departments"'));
    for (const metric of METRICS) {
      expect(metrics).toContain(`<td>${metric.name}</td>`);
      expect(metrics).toContain(metric.definition);
    }
  });

  it('gives each department a table with a row per metric: target and period, reached, completion, change and rank', () => {
    for (const agency of [MARKET, POLICE, LABOUR, EDUCATION]) {
      expect(html.match(new RegExp(`data-agency="${agency}"`, 'g'))).toHaveLength(1);
      for (const metric of METRICS) expect(row(html, agency, metric.metric)).toHaveLength(6);
    }
    expect(row(html, MARKET, 'STOCK_CONVERTED')).toEqual(['存量证照转换数', '1,200,000（2025年）', '1,034,567', '86.2%', '+54,567', '1/3']);
    expect(row(html, MARKET, 'ISSUED_ELECTRONIC_SHARE')).toEqual(['电子证照同步签发率', '95.0%（2025年6月）', '96.8%', '101.9%', '+1.7个百分点', '1/4']);
    expect(row(html, POLICE, 'ONLINE_CHECK_SHARE')).toEqual(['在线核验率', '—', '73.2%', '—', '-1.3个百分点', '2/3']);
    expect(row(html, LABOUR, 'ISSUED_ELECTRONIC_SHARE')).toEqual(['电子证照同步签发率', '90.0%（2025年6月）', '88.9%', '98.8%', '0.0个百分点', '2/4']);
    expect(row(html, EDUCATION, 'PAPERLESS_MATTERS_SHARE')).toEqual(['免提交事项占比', '60.0%（2025年）', '—', '—', '—', '—']);
    expect(row(html, EDUCATION, 'STOCK_CONVERTED')).toEqual(['存量证照转换数', '—', '—', '—', '—', '—']);
  });

  it('prints a name holding <script> as text, in the tables and in the charts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('福建省教育厅&lt;script&gt;alert(&quot;证照&quot;)&lt;/script&gt;');
    expect(svgs.some((svg) => svg.includes('福建省教育厅&lt;script&gt;'))).toBe(true);
  });

  it('references nothing outside itself', () => {
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|@font-face|<link\b|<iframe\b|<img\b/i);
  });

  it('draws the charts inline as SVG: department bars per metric, two trend charts and two region charts', () => {
    expect(svgs).toHaveLength(METRICS.length + 2 + 2);
    for (const metric of METRICS) {
      const svg = html.match(new RegExp(`data-chart="department-${metric.metric}">[\\s\\S]*?(<svg[\\s\\S]*?</svg>)`))?.[1] ?? '';
      for (const name of ['福建省市场监督管理局', '福建省公安厅', '福建省人力资源和社会保障厅']) expect(svg).toContain(`>${name}</text>`);
    }
    const trends = html.match(/data-chart="trend-shares">[\s\S]*?(<svg[\s\S]*?<\/svg>)/)?.[1] ?? '';
    for (const name of ['电子证照同步签发率', '免提交事项占比', '在线核验率']) expect(trends).toContain(name);
    const regions = html.match(/data-chart="region-certificates">[\s\S]*?(<svg[\s\S]*?<\/svg>)/)?.[1] ?? '';
    for (const region of REPORT.regions) expect(regions).toContain(`>${region.label}</text>`);
    expect(regions).toContain('>912,334</text>');
  });

  it('lays out a month with no departments, trends or regions, leaving out their charts', () => {
    const empty = renderReportHtml({ ...REPORT, departments: [], trends: [], regions: [] });
    expect(empty).toContain('本月无部门数据。');
    expect(empty).toContain('id="charts" data-section="charts"');
    expect(empty).not.toContain('<svg');
  });
});

describe.skipIf(!existsSync(CHROMIUM) || !existsSync(PDFTOPPM))('the monthly report as PDF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecert-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Prints `page` and rasterises it at 40 dpi: the sizes of the page images, in order. */
  async function pages(name: string, page: string): Promise<number[]> {
    const pdf = join(dir, `${name}.pdf`);
    await printPdf(page, pdf, { executablePath: CHROMIUM });
    await run(PDFTOPPM, ['-r', '40', '-png', pdf, join(dir, name)]);
    return readdirSync(dir)
      .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'))
      .sort()
      .map((file) => statSync(join(dir, file)).size);
  }

  it('prints on A4 pages, none of them blank', { timeout: 30_000 }, async () => {
    const [blank] = await pages('blank', '<!DOCTYPE html><html><body></body></html>');
    const report = await pages('report', html);
    expect(blank).toBeGreaterThan(0);
    expect(report.length).toBeGreaterThanOrEqual(3);
    // At 40 dpi an empty page compresses to ~1 kB, one with only a heading and the page number to
    // ~2.6 kB, and the report's sparsest page (a chart) to ~15 kB: five times empty tells them apart.
    for (const size of report) expect(size).toBeGreaterThan(5 * (blank ?? 0));
  });

  it('says to install Chromium when there is none', async () => {
    await expect(printPdf(html, join(dir, 'none.pdf'), { executablePath: join(dir, 'no-chromium') })).rejects.toThrow(/install Debian's chromium/);
  });
});
