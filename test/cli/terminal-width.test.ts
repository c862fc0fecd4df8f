// The text report fits the terminal it is shown in: the key table stays inside the width
// (at 100 columns every status used to wrap onto a line of its own), leaving out the gap
// columns only in a terminal, and saying so. A file or a pipe gets every column, a key a line.

import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/layout-text.js';
import { runCli } from '../helpers.js';

const DEMO = ['reconcile', '-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx', '--fail-on', 'none'];
const NO_COLOR = { NO_COLOR: '1' };

/** The key table's lines: from the section title to the blank line after it. */
function keyTable(out: string, title = '逐项比对'): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('the key table in a terminal', () => {
  it.each([100, 80, 72])('stays within %i columns, A, D and L and the statuses kept', async (columns) => {
    const r = await runCli(DEMO, NO_COLOR, { columns });
    const table = keyTable(r.stdout);
    for (const line of table) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    const header = table.find((l) => l.includes('上级下达'))!;
    expect(header).toMatch(/项目 +上级下达 +已拨付 +已落地/);
    expect(header).toMatch(/状态$/);
    for (const status of ['闲置', '滞留', '超拨', '无下达依据', '未落地', '落地多于拨付']) expect(table.some((l) => l.endsWith(status))).toBe(true);
  });

  it('at 100 columns leaves out 未落地 alone and says so; the keys stay whole', async () => {
    const table = keyTable((await runCli(DEMO, NO_COLOR, { columns: 100 })).stdout);
    expect(table[0]).toBe('  终端宽 100 列，未列出“未落地”列（可由前几列算出；加宽终端或用 -f csv 可见全部）');
    expect(table[1]).toMatch(/已落地 +滞留 +状态$/);
    expect(table.some((l) => l.startsWith('  五十镇人饮安全巩固提升工程 '))).toBe(true);
  });

  it('wide enough, shows every column and no note', async () => {
    const table = keyTable((await runCli(DEMO, NO_COLOR, { columns: 160 })).stdout);
    expect(table[0]).toMatch(/项目 +上级下达 +已拨付 +已落地 +滞留 +未落地 +状态$/);
    expect(table).toHaveLength(13);
  });

  it('says so in English too', async () => {
    const out = (await runCli([...DEMO, '--lang', 'en'], NO_COLOR, { columns: 80 })).stdout;
    expect(out).toContain('the terminal is 80 columns wide: Retained and Not landed left out');
  });
});

describe('the key table in a file or a pipe', () => {
  it('has every column and one line a key, whatever the width', async () => {
    const table = keyTable((await runCli(DEMO)).stdout);
    expect(table[0]).toMatch(/项目 +上级下达 +已拨付 +已落地 +滞留 +未落地 +状态$/);
    expect(table).toHaveLength(13);
    expect(table.some((l) => /^ {2}五十镇人饮安全巩固提升工程 +800,000\.00 +800,000\.00 +720,000\.00 +0\.00 +80,000\.00 +未落地$/.test(l))).toBe(true);
  });
});
