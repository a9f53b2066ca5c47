import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDate } from '../lib/codes.js';
import { accessRecords } from '../subgraphs/audit/db/schema.js';
import { REGISTRY_TYPE } from '../scripts/demo/data.js';
import { seedDemoData } from '../scripts/demo/seed.js';
import { gatherReport, lastDayOf, monthBefore, targetFor, windowOf, type Ask } from '../scripts/report/gather.js';
import type { MonthlyReport, TargetMetric } from '../scripts/report/model.js';
import { renderReportHtml } from '../scripts/report/render.js';
import { AGENCY, uscc } from './support/fixtures.js';
import { startTestHub, type GraphQLAnswer, type TestHub } from './support/hub.js';

/**
 * Targets (setTarget, targets) and the monthly progress report (npm run report) over the demo
 * data: every figure of the report is what the aggregates API answers when asked another way,
 * every section is there, and the PDF prints.
 */
const run = promisify(execFile);
type Client = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLAnswer>;

const ANALYST = { sub: uscc('11', '350000', 8130), kind: 'agency' as const, roles: ['analyst' as const], name: '福建省大数据管理局统计分析处' };
const SET_TARGET = /* GraphQL */ `
  mutation Set($input: SetTargetInput!) { setTarget(input: $input) { agency agencyName metric period value setBy } }
`;
const month = isoDate(new Date()).slice(0, 7);

let hub: TestHub;
let analyst: Client;
let steward: Client;
let report: MonthlyReport;
let dir: string;

function data(answer: GraphQLAnswer, field: string) {
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data![field];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecert-report-'));
  hub = await startTestHub('report', {
    registryTypeCode: REGISTRY_TYPE.code,
    beforeOpen: async (nodes, topology) => {
      await seedDemoData(
        nodes.map((node) => ({ code: node.code, db: node.database.db, kek: node.kek, auditKeys: node.auditKeys })),
        { today: isoDate(new Date()), nodeForRegion: (region) => topology.ownerOfRegion(region) },
      );
    },
  });
  analyst = await hub.as(ANALYST);
  steward = await hub.as(AGENCY.steward);
  // A department with a monthly target beside the demo's yearly ones: its figures count from the month's first day.
  data(await steward(SET_TARGET, { input: { agency: AGENCY.xiamenIssuer.sub, agencyName: AGENCY.xiamenIssuer.name, metric: 'STOCK_CONVERTED', period: month, value: 5 } }), 'setTarget');
  const ask: Ask = (query, variables) => analyst(query, variables);
  report = await gatherReport(ask, { month, hub: hub.url });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('targets (setTarget, targets)', () => {
  it('a steward sets a target, replacing the one of the same metric and period, recorded in the access log', async () => {
    const input = { agency: AGENCY.fuzhouIssuer.sub, agencyName: AGENCY.fuzhouIssuer.name, metric: 'ONLINE_CHECK_SHARE', period: '2031', value: 0.6 };
    expect(data(await steward(SET_TARGET, { input }), 'setTarget')).toEqual({ ...input, setBy: AGENCY.steward.sub });
    // Again, without the name: the value changes, the name stays.
    const again = data(await steward(SET_TARGET, { input: { ...input, agencyName: undefined, value: 0.75 } }), 'setTarget');
    expect(again).toMatchObject({ agencyName: AGENCY.fuzhouIssuer.name, value: 0.75 });
    const listed = data(await analyst(`query($period: String) { targets(period: $period) { agency metric period value } }`, { period: '2031' }), 'targets');
    expect(listed).toEqual([{ agency: AGENCY.fuzhouIssuer.sub, metric: 'ONLINE_CHECK_SHARE', period: '2031', value: 0.75 }]);
    const province = hub.nodes.find((node) => node.code === '350000')!.database.db;
    const records = (await province.select().from(accessRecords)).filter((record) => record.fields.includes('setTarget') && record.detail?.includes('"2031"'));
    expect(records).toHaveLength(2);
    expect(JSON.parse(records[1]!.detail!)).toMatchObject({ before: { value: 0.6 }, after: { value: 0.75 } });
  });

  it('refuses values that are not of the metric, bad periods and agencies, naming the field; only stewards set targets', async () => {
    const base = { agency: AGENCY.fuzhouIssuer.sub, metric: 'STOCK_CONVERTED', period: '2031', value: 100 };
    const refused = async (input: Record<string, unknown>) => (await steward(SET_TARGET, { input: { ...base, ...input } })).errors?.[0]?.extensions;
    expect(await refused({ value: 10.5 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    expect(await refused({ metric: 'ISSUED_ELECTRONIC_SHARE', value: 90 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    expect(await refused({ metric: 'ISSUED_ELECTRONIC_SHARE', value: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    expect(await refused({ period: '2031-13' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(await refused({ period: '31' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(await refused({ agency: '91350100MA2XXXXXX1' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agency' });
    expect(await refused({ agencyName: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyName' });
    expect((await analyst(SET_TARGET, { input: base })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const consumer = await hub.as(AGENCY.consumer);
    expect((await consumer(`{ targets { agency } }`)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

/** One count from certificateStatistics or usageStatistics with no grouping: the total of the filter. */
async function total(field: 'certificateStatistics' | 'usageStatistics', filter: Record<string, unknown>): Promise<number> {
  const type = field === 'certificateStatistics' ? 'CertificateStatisticsFilter' : 'UsageStatisticsFilter';
  const rows = data(await analyst(`query($filter: ${type}) { ${field}(filter: $filter, groupBy: []) { count } }`, { filter }), field) as Array<{ count: number }>;
  return rows.reduce((sum, row) => sum + row.count, 0);
}

const shareOf = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** What a department reached, asked of the API one department at a time, each count on its own. */
async function reachedAlone(agency: string, metric: TargetMetric, forMonth: string, targets: Parameters<typeof targetFor>[0]): Promise<number | null> {
  // Measured as the report's month is: by the kind of the target in force then.
  const { from, to } = windowOf(targetFor(targets, agency, metric, month), forMonth);
  switch (metric) {
    case 'STOCK_CONVERTED':
      return total('certificateStatistics', { issuers: [agency], origins: ['CONVERTED'], enteredFrom: from, enteredTo: to });
    case 'ISSUED_ELECTRONIC_SHARE': {
      const issued = await total('certificateStatistics', { issuers: [agency], origins: ['ISSUED'], issuedFrom: from, issuedTo: to });
      const converted = await total('certificateStatistics', { issuers: [agency], origins: ['CONVERTED'], issuedFrom: from, issuedTo: to });
      return shareOf(issued, issued + converted);
    }
    case 'ONLINE_CHECK_SHARE': {
      const online = await total('usageStatistics', { agencies: [agency], kinds: ['READ'], purposes: ['SUPERVISION'], from, to });
      const onSite = await total('usageStatistics', { agencies: [agency], kinds: ['INSPECTION'], from, to });
      return shareOf(online, online + onSite);
    }
    case 'PAPERLESS_MATTERS_SHARE': {
      if (forMonth !== month) return null;
      const page = data(await analyst(`query($agency: String) { matters(agency: $agency, first: 100) { edges { node { paperlessReady } } } }`, { agency }), 'matters');
      const matters = page.edges as Array<{ node: { paperlessReady: boolean } }>;
      return shareOf(matters.filter((edge) => edge.node.paperlessReady).length, matters.length);
    }
  }
}

describe('the monthly report (npm run report) over the demo data', () => {
  it('has the departments with targets in force this month, each with all four metrics', async () => {
    const targets = data(await analyst(`{ targets { agency agencyName metric period value } }`), 'targets');
    const inForce = new Set((targets as Array<{ agency: string; period: string }>).filter((t) => t.period === month || t.period === month.slice(0, 4)).map((t) => t.agency));
    expect(inForce.size).toBeGreaterThanOrEqual(3);
    expect(report.departments.map((department) => department.agency)).toEqual([...inForce].sort());
    for (const department of report.departments) {
      expect(department.figures.map((figure) => figure.metric)).toEqual(['STOCK_CONVERTED', 'ISSUED_ELECTRONIC_SHARE', 'PAPERLESS_MATTERS_SHARE', 'ONLINE_CHECK_SHARE']);
      expect(department.name).not.toBe(department.agency);
    }
  });

  it('reconciles: every department figure is what the API answers asked department by department, count by count', async () => {
    const targets = data(await analyst(`{ targets { agency agencyName metric period value } }`), 'targets');
    let checked = 0;
    for (const department of report.departments) {
      for (const figure of department.figures) {
        const target = targetFor(targets, department.agency, figure.metric, month);
        expect(figure.target, `${department.agency} ${figure.metric}`).toBe(target?.value ?? null);
        const reached = await reachedAlone(department.agency, figure.metric, month, targets);
        const previous = await reachedAlone(department.agency, figure.metric, monthBefore(month), targets);
        expect(figure.reached, `${department.agency} ${figure.metric} reached`).toBe(reached);
        expect(figure.previous, `${department.agency} ${figure.metric} previous`).toBe(previous);
        expect(figure.completion).toBe(target && target.value > 0 && reached !== null ? reached / target.value : null);
        checked++;
      }
    }
    expect(checked).toBe(report.departments.length * 4);
    // The monthly target counts from the month's first day.
    const xiamen = report.departments.find((department) => department.agency === AGENCY.xiamenIssuer.sub)!;
    expect(xiamen.figures[0]).toMatchObject({ target: 5, targetPeriod: month });
    expect(windowOf({ agency: xiamen.agency, agencyName: null, metric: 'STOCK_CONVERTED', period: month, value: 5 }, monthBefore(month))).toEqual({
      from: `${monthBefore(month)}-01`,
      to: lastDayOf(monthBefore(month)),
    });
  });

  it('reconciles the summary, the regions and the trends with the API', async () => {
    const monthFrom = `${month}-01`;
    const monthTo = lastDayOf(month);
    expect(report.summary.certificates).toBe(await total('certificateStatistics', {}));
    expect(report.summary.issuedInMonth).toBe(await total('certificateStatistics', { origins: ['ISSUED', 'CONVERTED'], issuedFrom: monthFrom, issuedTo: monthTo }));
    expect(report.summary.convertedInMonth).toBe(await total('certificateStatistics', { origins: ['CONVERTED'], enteredFrom: monthFrom, enteredTo: monthTo }));
    expect(report.summary.reads).toBe(await total('usageStatistics', { kinds: ['READ'], from: monthFrom, to: monthTo }));
    expect(report.summary.verifications).toBe(await total('usageStatistics', { kinds: ['VERIFY'], from: monthFrom, to: monthTo }));
    expect(report.summary.materialChecks).toBe(await total('usageStatistics', { kinds: ['MATERIAL_CHECK'], from: monthFrom, to: monthTo }));
    expect(report.summary.nodesAnswered).toEqual(['350000', '350100', '350200']);
    expect(report.summary.nodesMissing).toEqual([]);
    // All ten regions, each the API's count for its issuers (a city with its districts).
    expect(report.regions.map((region) => region.region)).toEqual(['350000', '350100', '350200', '350300', '350400', '350500', '350600', '350700', '350800', '350900']);
    const byRegion = data(await analyst(`{ certificateStatistics(groupBy: [REGION]) { keys { value } count } }`), 'certificateStatistics') as Array<{ keys: Array<{ value: string }>; count: number }>;
    for (const region of report.regions) {
      // The province's own authorities are registered at 350000 itself; a city's filter covers its districts.
      const inRegion =
        region.region === '350000'
          ? byRegion.filter((row) => row.keys[0]!.value === '350000').reduce((sum, row) => sum + row.count, 0)
          : await total('certificateStatistics', { regions: [region.region] });
      expect(region.certificates, region.label).toBe(inRegion);
      expect(region.certificates, `${region.label} has certificates`).toBeGreaterThan(0);
    }
    // The trends end with this month's figures: converted certificates in the hub by its end.
    const stock = report.trends.find((trend) => trend.metric === 'STOCK_CONVERTED')!;
    expect(stock.months).toHaveLength(12);
    expect(stock.values.at(-1)).toBe(await total('certificateStatistics', { origins: ['CONVERTED'], enteredTo: monthTo }));
    expect(new Set(stock.values).size, 'conversions came in over the months').toBeGreaterThan(3);
    const online = report.trends.find((trend) => trend.metric === 'ONLINE_CHECK_SHARE')!;
    const start = `${stock.months[0]}-01`;
    const end = lastDayOf(stock.months[0]!);
    const onlineFirst = await total('usageStatistics', { kinds: ['READ'], purposes: ['SUPERVISION'], from: start, to: end });
    const onSiteFirst = await total('usageStatistics', { kinds: ['INSPECTION'], from: start, to: end });
    expect(online.values[0]).toBe(shareOf(onlineFirst, onlineFirst + onSiteFirst));
  });

  it('npm run report writes the PDF: a summary, each department, the charts, on non-empty pages', async () => {
    const html = renderReportHtml(report);
    for (const section of ['summary', 'metrics', 'departments', 'charts']) expect(html).toContain(`data-section="${section}"`);
    for (const department of report.departments) expect(html).toContain(`data-agency="${department.agency}"`);
    const token = await hub.token(ANALYST);
    const out = join(dir, 'report.pdf');
    const { stdout } = await run('npx', ['tsx', 'scripts/report.ts', '--hub', hub.url, '--month', month, '--out', out], { env: { ...process.env, ECERT_TOKEN: token } });
    expect(stdout).toContain(`wrote ${out}`);
    if (!existsSync('/usr/bin/pdftoppm')) throw new Error('pdftoppm is missing: install Debian poppler-utils (.ci/run does)');
    await run('pdftoppm', ['-r', '30', '-png', out, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((name) => name.startsWith('page') && name.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(statSync(join(dir, page)).size, page).toBeGreaterThan(3_000);
  }, 120_000);
});
