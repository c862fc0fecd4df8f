// The Markdown report as pasted into a finding: skipped rows as ranges (3,000 blank rows once
// made one 65,000-character line), the evidence in a paragraph of its own, every table header
// in the report's language, and ledger text shown as written rather than as Markdown.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgers, runCli, writeFiles } from '../helpers.js';

async function md(args: string[]): Promise<string> {
  const r = await runCli(['reconcile', ...args, '-f', 'md', '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const longest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));

/** Header cells of every table: the row above each `| --- |` rule. */
function headerCells(s: string): string[] {
  const lines = s.split('\n');
  return lines.flatMap((l, i) => (/^\|( -{3,}:? \|)+$/.test(lines[i + 1] ?? '') ? l.slice(2, -2).split(' | ') : []));
}

describe('skipped rows', () => {
  const files = (body: string) =>
    writeFiles({ 'a.csv': `项目名称,金额\n马营村,100\n${body}三合镇,200\n`, 'd.csv': '项目名称,金额\n马营村,100\n三合镇,200\n' });

  it('3,000 blank rows are one range', async () => {
    const dir = files(',\n'.repeat(3000));
    const out = await md(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'd.csv')]);
    expect(out).toContain('- 跳过：表头 第 1 行；空行 第 3–3002 行\n');
    expect(longest(out)).toBeLessThan(200);
  });

  it('1,500 scattered blank rows are a few ranges and a count', async () => {
    const dir = files('马营村,1\n,\n'.repeat(1500));
    const out = await md(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'd.csv')]);
    expect(out).toContain('空行 第 4、6、8、10 等行（共 1500 行）');
    expect(longest(out)).toBeLessThan(200);
  });
});

describe('findings', () => {
  it('put the evidence in a paragraph of its own under each finding, so it renders on its own line', async () => {
    const lines = (await md(ledgers('fixtures/every-status'))).split('\n');
    const items = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\d+\. \*\*/.test(l));
    expect(items.length).toBeGreaterThan(5);
    for (const [item, i] of items) {
      const indent = ' '.repeat(item.indexOf(' ') + 1);
      expect(lines[i + 1]).toBe('');
      expect(lines[i + 2]).toMatch(new RegExp(`^${indent}依据：\`fixtures/every-status/`));
    }
  });
});

describe('headers', () => {
  it('are all Chinese in a Chinese report', async () => {
    const cells = headerCells(await md([...ledgers('fixtures/roll-up'), '--group-by', '乡镇', '--as-of', '2020-01-01']));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.filter((c) => !/\p{Script=Han}/u.test(c) && c !== 'SHA-256')).toEqual([]);
  });

  it('are all English in an English report', async () => {
    const cells = headerCells(await md([...ledgers('fixtures/roll-up'), '--group-by', '乡镇', '--as-of', '2020-01-01', '--lang', 'en']));
    expect(cells.filter((c) => /\p{Script=Han}/u.test(c))).toEqual([]);
  });
});

describe('ledger text', () => {
  it('shows as written: * _ < | in a key are escaped, not read as Markdown', async () => {
    const dir = writeFiles({ 'a.csv': '项目名称,金额\n*重点*_项目|<b>,100\n', 'd.csv': '项目名称,金额\n*重点*_项目|<b>,100\n' });
    const out = await md(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'd.csv')]);
    expect(out).toContain('| \\*重点\\*\\_项目\\|\\<b\\> | 100.00 |');
  });
});
