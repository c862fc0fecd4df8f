// 其中 breakdowns: the shares of the row above (中央资金, 省级资金, 县级配套 …) are left out of
// the figures, listed as a finding, and checked against the row they break down; one that
// does not add up is a breakdown-mismatch naming the row, its amount, the parts and the gap.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcileJson, writeFiles, type ReportJson } from '../helpers.js';

const dir = 'fixtures/breakdowns';

const reconcile = (a: string, d = `${dir}/disbursed.csv`, l = `${dir}/landed.csv`) => reconcileJson(['-a', a, '-d', d, '-l', l, '--lang', 'en']);

const breakdownRows = (r: ReportJson) => r.inputs[0]!.skipped.filter((s) => s.reason === 'breakdown').map((s) => s.row);

describe('其中 breakdowns', () => {
  it('under a lone 其中 row, under 其中：-prefixed rows, and continued by unprefixed fund names, are never counted', async () => {
    const r = await reconcile(`${dir}/allocated.csv`);
    expect(r.totals.allocated).toBe('1550000.00');
    expect(r.keys.map((k) => k.key).sort()).toEqual(['三合镇道路硬化项目', '洪水镇人饮工程', '甲村饮水管网延伸工程', '老鸦村养殖项目', '马营村产业发展项目']);
    expect(r.keys.every((k) => k.status.join() === 'matched')).toBe(true);
    // Row 3 is the lone 其中; rows 16–17 break down the 合计 on row 15.
    expect(breakdownRows(r)).toEqual([3, 4, 5, 7, 8, 10, 11, 13, 16, 17]);
    expect(r.inputs[0]!.footing.map((f) => [f.row, f.foots])).toEqual([[15, true]]);
    const rows = r.findings.find((f) => f.rule === 'breakdown-rows')!;
    expect([rows.severity, rows.amount, rows.evidence.map((e) => e.row)]).toEqual(['info', '2900000.00', [4, 5, 7, 8, 10, 11, 13, 16, 17]]);
  });

  it('a breakdown that does not add up is a breakdown-mismatch with the row, its amount, the parts’ sum and the difference', async () => {
    const r = await reconcile(`${dir}/allocated.csv`);
    const found = r.findings.filter((f) => f.rule === 'breakdown-mismatch');
    expect(found.map((f) => [f.severity, f.amount, f.evidence.map((e) => e.row)])).toEqual([
      ['warning', '50000.00', [9, 10, 11]],
      ['warning', '100000.00', [12, 13]],
    ]);
    expect(found[0]!.message).toBe(
      `the allocated ledger's "三合镇道路硬化项目" on row 9 is 400,000.00, but its breakdown ("其中") adds up to 350,000.00: 50,000.00 apart (其中：中央资金 (row 10, 250,000.00), 其中：省级资金 (row 11, 100,000.00))`,
    );
    // Where the parts fall short, the row after them is named: it was read as a row of its own.
    expect(found[1]!.message).toContain('the row after them, row 14 "甲村饮水管网延伸工程" (50,000.00), is counted as a row of its own');
  });

  it('unprefixed parts that are not fund names belong to the breakdown when they make up the row above exactly', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '雨露计划职业教育补助,9000.00', '其中：', '建档立卡户,6000.00', '边缘易致贫户,3000.00', '马营村产业发展项目,500000.00'].join('\n'),
      'd.csv': ['项目名称,拨付金额', '雨露计划职业教育补助,9000.00', '马营村产业发展项目,500000.00'].join('\n'),
    });
    const r = await reconcile(join(d, 'a.csv'), join(d, 'd.csv'), join(d, 'd.csv'));
    expect(r.totals.allocated).toBe('509000.00');
    expect(breakdownRows(r)).toEqual([3, 4, 5]);
    expect(r.findings.map((f) => f.rule)).toEqual(['breakdown-rows']);
  });

  it('a breakdown ends where the next row would take it past the row above: that row counts', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '马营村产业发展项目,500000.00', '其中：中央资金,300000.00', '老鸦村养殖项目,300000.00'].join('\n'),
      'd.csv': ['项目名称,拨付金额', '马营村产业发展项目,500000.00', '老鸦村养殖项目,300000.00'].join('\n'),
    });
    const r = await reconcile(join(d, 'a.csv'), join(d, 'd.csv'), join(d, 'd.csv'));
    expect(r.totals.allocated).toBe('800000.00');
    expect(breakdownRows(r)).toEqual([3]);
    const mismatch = r.findings.find((f) => f.rule === 'breakdown-mismatch')!;
    expect(mismatch.amount).toBe('200000.00');
    expect(mismatch.message).toContain('row 4 "老鸦村养殖项目" (300,000.00), is counted as a row of its own');
  });
});
