// Where a row says what it is: totals and 其中 lines are recognised by the row's label, not
// by words in a free-text column; and 小计 rows are checked at the level they sit at.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, writeFiles } from '../helpers.js';

async function inspect(csv: string) {
  const dir = writeFiles({ 'a.csv': csv });
  const r = await runCli(['inspect', join(dir, 'a.csv'), '-f', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('row labels', () => {
  it('words in a 备注 column do not make a row a breakdown or a total', async () => {
    const j = await inspect('项目名称,金额,备注\n马营村产业发展项目,100,其中：中央资金50\n三合镇道路硬化项目,200,资金已累计\n老鸦村养殖项目,300,见县级小计\n');
    expect(j.rows).toEqual({ read: 4, used: 3, skipped: 1 });
    expect(j.footing).toEqual([]);
  });

  it('a 其中 line under a project is still a breakdown', async () => {
    const j = await inspect('项目名称,金额\n马营村产业发展项目,100\n其中：中央资金,60\n');
    expect(j.skipped).toContainEqual({ row: 3, reason: 'breakdown' });
    expect(j.total).toBe('100.00');
  });
});

describe('subtotal levels', () => {
  it('a 小计 after other 小计 rows totals the level below it; a zero 小计 of an empty group foots', async () => {
    const j = await inspect(
      ['项目名称,金额', '项目A,100', '甲村小计,100', '项目B,200', '乙村小计,200', '甲镇小计,300', '项目C,50', '丙村小计,50', '平安区小计,0', '乙镇小计,50', '合计,350'].join('\n'),
    );
    expect(j.footing.map((f: { label: string; foots: boolean }) => [f.label, f.foots])).toEqual([
      ['甲村小计', true],
      ['乙村小计', true],
      ['甲镇小计', true],
      ['丙村小计', true],
      ['平安区小计', true],
      ['乙镇小计', true],
      ['合计', true],
    ]);
  });

  it('subtotals that head their groups are checked against the rows below them', async () => {
    const j = await inspect(['项目名称,金额', '甲村小计,300', '项目A,100', '项目B,200', '乙村小计,50', '项目C,40', '合计,340'].join('\n'));
    expect(j.footing.map((f: { label: string; foots: boolean; computed: string }) => [f.label, f.foots, f.computed])).toEqual([
      ['甲村小计', true, '300.00'],
      ['乙村小计', false, '40.00'],
      ['合计', true, '340.00'],
    ]);
  });
});
