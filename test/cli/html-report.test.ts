// The HTML report as text, without a browser: every ledger text escaped, nothing fetched or
// run, the same bytes for the same run, the report language, and --top. (What a browser shows
// of it is checked in html-chromium.test.ts.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, type ReportJson } from '../helpers.js';
import { HOSTILE_FILE, HOSTILE_KEYS, hostileLedgers } from './html-hostile.js';
import { formatGrouped, money } from '../../src/money.js';
import { escapeHtml } from '../../src/report/render-html.js';

const everyStatus = ['-a', 'fixtures/every-status/allocated.csv', '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv'];

async function html(args: string[]): Promise<string> {
  const r = await runCli(['reconcile', ...args, '-f', 'html', '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Every start tag of the page: text cannot hold a raw `<`, so these are all the markup there is. */
const tags = (page: string) => [...page.matchAll(/<([a-zA-Z][\w:-]*)\b([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));

describe('the HTML report', () => {
  it('shows markup in keys and file names as text', async () => {
    const page = await html(hostileLedgers());
    for (const key of Object.values(HOSTILE_KEYS)) expect(page).toContain(escapeHtml(key));
    expect(page).toContain(escapeHtml(HOSTILE_FILE));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const names = new Set(tags(page).map((t) => t.name));
    for (const banned of ['script', 'img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'input']) expect(names.has(banned)).toBe(false);
    for (const t of tags(page)) {
      expect(t.attrs, `<${t.name}${t.attrs}>`).not.toMatch(/\s(on\w+|src|srcset|action|formaction)\s*=/i);
    }
  });

  it('is self-contained: no script, no link out, no font or image fetched', async () => {
    const page = await html(everyStatus);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:|\/\/[\w.-]+\//i);
    for (const t of tags(page)) {
      const href = /\shref\s*=\s*"([^"]*)"/.exec(t.attrs);
      if (href) expect(href[1]).toMatch(/^#[\w-]+$/);
    }
    // url() only to the page's own SVG patterns; no imported style sheet or web font.
    for (const m of page.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(page).not.toMatch(/@import|@font-face/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"`);
  });

  it('gives the same bytes for the same run, to standard output and to -o', async () => {
    const [first, second] = [await html(everyStatus), await html(everyStatus)];
    expect(second).toBe(first);
    const out = join(tempDir(), 'report.html');
    expect((await runCli(['reconcile', ...everyStatus, '-f', 'html', '--fail-on', 'none', '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('speaks the report language', async () => {
    const zh = await html(everyStatus);
    expect(zh).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(zh).toContain('<h2>发现的问题');
    const en = await html([...everyStatus, '--lang', 'en']);
    expect(en).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(en).toContain('<h2>Findings');
    expect(en).not.toMatch(/发现的问题|逐项比对|汇总|输入台账/);
  });

  it('lists the first --top keys and says how many more the JSON and XLSX reports hold', async () => {
    const json = JSON.parse((await runCli(['reconcile', ...everyStatus, '-f', 'json', '--fail-on', 'none'])).stdout) as ReportJson;
    const page = await html([...everyStatus, '--top', '2', '--lang', 'en']);
    const keyRows = /<table class="keys">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(page)![1]!.match(/<tr>/g)!;
    expect(keyRows).toHaveLength(2);
    expect(page).toContain(`${json.keys.length - 2} more keys in the JSON or XLSX report`);
  });

  it('draws the flow A → D → L with the exact amounts, for people who cannot see it too', async () => {
    const json = JSON.parse((await runCli(['reconcile', ...everyStatus, '-f', 'json', '--fail-on', 'none'])).stdout) as ReportJson;
    const page = await html(everyStatus);
    const flow = /<svg[^>]*aria-labelledby="flow-title flow-desc"[^>]*>([\s\S]*?)<\/svg>/.exec(page);
    expect(flow, 'the flow chart').not.toBeNull();
    const [svg] = flow!;
    expect(svg).toContain('role="img"');
    const desc = /<desc id="flow-desc">([^<]*)<\/desc>/.exec(svg)![1]!;
    for (const figure of [json.totals.allocated, json.totals.disbursed, json.totals.landed]) {
      const shown = formatGrouped(money(figure!));
      expect(desc).toContain(shown);
      expect(svg).toContain(`>${shown}</text>`);
    }
  });
});
