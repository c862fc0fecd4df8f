// The demo's HTML report (fixtures/haidong-demo, as `npm start` runs it) opened in real headless
// Chromium (Debian's, driven by playwright-core): what a reader sees, that the page neither
// errs nor reaches out, and that it prints on A4. The network here is closed, so Chromium is
// started with everything that would phone home turned off and a profile of its own.
// `UPDATE_SCREENSHOT=1 npm test` rewrites docs/report-html.png, the README's picture.

/// <reference lib="dom" />

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGrouped, money } from '../../src/money.js';
import { runCli, tempDir, type ReportJson } from '../helpers.js';
import { HOSTILE_KEYS, hostileLedgers } from './html-hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const DEMO = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx', '--fail-on', 'none'];
/** A4 less the page's 12 mm side margins, in CSS pixels (96 per inch): the width a printout has. */
const A4_TEXT_WIDTH = Math.floor(((210 - 2 * 12) / 25.4) * 96);

let context: BrowserContext | undefined;
let page: Page;
let report: ReportJson;
let reportUrl: string;
const consoleErrors: string[] = [];
const requests: string[] = [];

async function writeHtml(args: string[], dir: string, name: string): Promise<string> {
  const out = join(dir, name);
  const r = await runCli(['reconcile', ...args, '-f', 'html', '-o', out]);
  expect(r.stderr).toBe('');
  return pathToFileURL(out).href;
}

/**
 * Chromium is a Debian package, not an npm one: on a machine without it the browser tests say
 * so and stand aside, unless FUNDGAP_BROWSER_TESTS=required (set by .ci/run, which installs
 * it), where its absence fails the run.
 */
const REQUIRED = process.env.FUNDGAP_BROWSER_TESTS === 'required';
const PRESENT = existsSync(CHROMIUM);
if (!PRESENT && !REQUIRED) {
  console.warn(`The HTML report's browser tests need ${CHROMIUM} (apt-get install -y chromium); they are not run here.`);
}

beforeAll(async () => {
  if (!PRESENT && !REQUIRED) return;
  if (!PRESENT) {
    throw new Error(
      `The HTML report is tested in Chromium, and ${CHROMIUM} is missing. Install it (as root) with\n` +
        '  apt-get update && apt-get install -y chromium\n' +
        '(.ci/run does this before the tests).',
    );
  }
  const dir = tempDir();
  reportUrl = await writeHtml(DEMO, dir, 'demo.html');
  report = JSON.parse((await runCli(['reconcile', ...DEMO, '-f', 'json'])).stdout) as ReportJson;
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1000, height: 1300 },
  });
  context.on('request', (r) => requests.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(reportUrl);
}, 60_000);

afterAll(async () => {
  if (!PRESENT) return;
  await context?.close();
});

describe.runIf(PRESENT || REQUIRED)('the demo HTML report in Chromium', () => {
  /** Each element `selector` picks, in order: whether a reader can see it, and its text as shown. */
  const shown = (selector: string) =>
    page.evaluate((sel) => [...document.querySelectorAll<HTMLElement>(sel)].map((e) => ({ visible: e.checkVisibility({ opacityProperty: true, visibilityProperty: true }), text: e.innerText })), selector);

  it('shows the three figures', async () => {
    const { allocated, disbursed, landed } = report.totals;
    expect(await shown('#summary .figure .amount')).toEqual([allocated, disbursed, landed].map((a) => ({ visible: true, text: formatGrouped(money(a!)) })));
  });

  it('shows every finding with its key, its amount and the files its rows are in', async () => {
    const articles = await shown('#findings article.finding');
    expect(articles).toHaveLength(report.findings.length);
    expect(articles.length).toBeGreaterThan(0);
    for (const [i, f] of report.findings.entries()) {
      const { visible, text } = articles[i]!;
      expect(visible).toBe(true);
      expect(text).toContain(f.key!);
      expect(text).toContain(formatGrouped(money(f.amount!)));
      const files = new Set([...f.evidence.map((e) => e.file), ...(f.evidenceOf?.roles ?? []).map((role) => report.inputs.find((x) => x.role === role)!.path)]);
      expect(files.size).toBeGreaterThan(0);
      for (const file of files) expect(text).toContain(file);
    }
  });

  it('logs no error and requests nothing but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([reportUrl]);
  });

  it('prints on A4: nothing past the right edge, each section on pages of its own', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_TEXT_WIDTH, height: 1000 });
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}: ${(e.textContent ?? '').slice(0, 40)}`),
    );
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(A4_TEXT_WIDTH);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    // Summary, keys, findings and inputs each start a page.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1000, height: 1300 });
  });

  it('takes a screenshot of the summary', async () => {
    const png = await page.screenshot({ fullPage: false });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1000);
    if (process.env.UPDATE_SCREENSHOT) writeFileSync('docs/report-html.png', png);
  });

  it('shows a key written as markup as text, and runs nothing', async () => {
    const dir = tempDir();
    const url = await writeHtml([...hostileLedgers(), '--fail-on', 'none'], dir, 'hostile.html');
    const hostile = await context!.newPage();
    try {
      const errors: string[] = [];
      hostile.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      hostile.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
      await hostile.goto(url);
      const text = await hostile.locator('#keys table.keys').innerText();
      for (const key of Object.values(HOSTILE_KEYS)) expect(text).toContain(key);
      expect(await hostile.evaluate(() => document.querySelectorAll('script, img, iframe').length)).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await hostile.close();
    }
  });
});
