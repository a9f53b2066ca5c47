/**
 * Prints the report's HTML (render.ts) to PDF with the system's headless Chromium, so the PDF
 * shows exactly what the HTML does: the same CSS page rules, fonts and inline SVG charts.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../lib/chromium.js';


export interface PrintOptions {
  /** The Chromium to launch; else /usr/bin/chromium (the CLI passes $CHROMIUM_PATH). */
  executablePath?: string;
}

/**
 * Prints `html` to an A4 PDF at `out`, with page size and margins taken from the document's
 * own `@page` rule. The page runs with scripts off and the network offline: the report needs
 * neither, and a name in the data that slipped past escaping could then still do nothing.
 */
export async function printPdf(html: string, out: string, options: PrintOptions = {}): Promise<void> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}: install Debian's chromium (apt-get install -y chromium), or point CHROMIUM_PATH at another Chromium.`,
    );
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
