/**
 * `npm run report -- --hub URL --token TOKEN --month 2026-11 [--out report.pdf|report.html|report.json]`:
 * the monthly progress report (每月通报) — a summary page, each department's figures against its
 * targets, and charts — from the hub's aggregates API as the token's analyst (or auditor, or
 * steward) reads them (README › Statistics › The monthly report). The PDF is printed by headless
 * Chromium ($CHROMIUM_PATH, else Debian's /usr/bin/chromium); HTML and JSON need no browser.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { cliArgs, EXIT, fail, failUsage, hubOption, requireToken, TOKEN_OPTIONS, TOKEN_USAGE, userPath } from './args.js';
import { gatherReport, httpAsk } from './report/gather.js';
import { printPdf } from './report/pdf.js';
import { renderReportHtml } from './report/render.js';

const USAGE = `usage: npm run report -- --hub URL (${TOKEN_USAGE}) --month YYYY-MM [--out FILE.pdf|FILE.html|FILE.json]
  --hub    the gateway, e.g. http://localhost:4000
  --month  the month reported on
  --out    where to write it, by its extension: .pdf (default report-YYYY-MM.pdf), .html, or .json (the figures alone)`;

const { values } = cliArgs(USAGE, { hub: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' }, ...TOKEN_OPTIONS });
if (values.help) {
  console.log(USAGE);
  process.exit(EXIT.OK);
}
const endpoint = hubOption(values.hub, USAGE);
const token = requireToken(values, USAGE);
const month = values.month ?? failUsage(`--month is required\n${USAGE}`);
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) failUsage(`--month: YYYY-MM, such as 2026-11, not ${month}`);
const out = userPath(values.out ?? `report-${month}.pdf`);
const format = extname(out).toLowerCase();
if (!['.pdf', '.html', '.json'].includes(format)) failUsage(`--out: a .pdf, .html or .json file, not ${out}`);

try {
  const report = await gatherReport(httpAsk(endpoint, token), { month, hub: endpoint.origin });
  if (format === '.json') writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  else if (format === '.html') writeFileSync(out, renderReportHtml(report));
  else await printPdf(renderReportHtml(report), out, process.env['CHROMIUM_PATH'] ? { executablePath: process.env['CHROMIUM_PATH'] } : {});
  const missing = report.summary.nodesMissing;
  console.log(`wrote ${out}: ${report.departments.length} departments, ${report.summary.certificates} certificates${missing.length ? `; nodes that did not answer: ${missing.join(', ')}` : ''}`);
  process.exit(missing.length ? EXIT.PARTIAL : EXIT.OK);
} catch (error) {
  fail(`report: ${(error as Error).message}`);
}
