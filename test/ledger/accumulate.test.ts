// Sums per key and footing: every 小计 and 合计 row is checked against the rows it covers, in
// the arrangements ledgers use (groups closed by 小计, groups closed by "XX合计" under a 总计,
// a 合计 at the top of the table), and rows read always equal rows used plus rows skipped.

import { describe, expect, it } from 'vitest';
import { LedgerAccumulator, type LedgerTotals } from '../../src/ledger/accumulate.js';
import { KeyIndex } from '../../src/ledger/keys.js';
import { classifyRow } from '../../src/ledger/classify.js';
import type { ClassifyContext } from '../../src/ledger/rows.js';
import { detectLayout } from '../../src/ledger/layout.js';
import { formatExact } from '../../src/money.js';
import { rows, type Lit } from './rows.js';

const HEADER = ['乡镇', '项目名称', '下达金额(元)'];

/** Classifies and adds up the rows under HEADER (row 1), numbered from row 2. */
function accumulate(lines: Lit[][], hidden: number[] = []): LedgerTotals {
  const layout = detectLayout(rows([HEADER]), { file: 'a.csv', format: 'csv', key: ['project'], configPath: 'ledgers.allocated' });
  const ctx: ClassifyContext = { file: 'a.csv', format: 'csv', layout, fallbackUnit: '元', date1904: false };
  const acc = new LedgerAccumulator(new KeyIndex());
  for (const p of layout.preamble) acc.skipPreamble(p.row, p.reason);
  for (const raw of rows(lines, 2)) acc.add(classifyRow(ctx, raw), hidden.includes(raw.row));
  return acc.finish();
}

const footing = (t: LedgerTotals) =>
  t.footing.map((f) => ({ row: f.row, label: f.label, stated: formatExact(f.stated), computed: formatExact(f.computed), foots: f.foots, covers: f.covers }));

describe('footing', () => {
  it('小计 rows close the group above them and 合计 covers every row', () => {
    const t = accumulate([
      ['瞿昙镇', '马营村产业发展项目', '500000.00'],
      ['瞿昙镇', '瞿昙村道路硬化项目', '300000.00'],
      ['瞿昙镇小计', '', '800000.00'],
      ['高庙镇', '高庙镇光伏扶贫项目', '1000000.00'],
      ['高庙镇', '新庄村人饮工程', '250000.00'],
      ['高庙镇小计', '', '1250000.00'],
      ['合计', '', '2050000.00'],
    ]);
    expect(footing(t)).toEqual([
      { row: 4, label: '瞿昙镇小计', stated: '800000.00', computed: '800000.00', foots: true, covers: { first: 2, last: 3, count: 2 } },
      { row: 7, label: '高庙镇小计', stated: '1250000.00', computed: '1250000.00', foots: true, covers: { first: 5, last: 6, count: 2 } },
      { row: 8, label: '合计', stated: '2050000.00', computed: '2050000.00', foots: true, covers: { first: 2, last: 6, count: 4 } },
    ]);
  });

  it('groups closed by "XX合计" under a 总计, in traditional characters too', () => {
    const t = accumulate([
      ['瞿昙镇', '马营村产业发展项目', '500000.00'],
      ['瞿曇鎮合計', '', '500000.00'],
      ['高庙镇', '新庄村人饮工程', '240000.00'],
      ['高庙镇合计', '', '250000.00'],
      ['總計', '', '750000.00'],
    ]);
    expect(footing(t).map((f) => [f.row, f.label, f.computed, f.foots])).toEqual([
      [3, '瞿曇鎮合計', '500000.00', true],
      [5, '高庙镇合计', '240000.00', false],
      [6, '總計', '740000.00', false],
    ]);
  });

  it('an account book: each 本月合计 closes its month, each 本年累计 covers the year so far', () => {
    const t = accumulate([
      ['', '马营村产业发展项目', '500000.00'],
      ['', '瞿昙村道路硬化项目', '300000.00'],
      ['本月合计', '', '800000.00'],
      ['本年累计', '', '800000.00'],
      ['', '新庄村人饮工程', '250000.00'],
      ['本月合计', '', '250000.00'],
      ['本年累计', '', '1050000.00'],
    ]);
    expect(footing(t).map((f) => [f.row, f.label, f.computed, f.foots, f.covers.count])).toEqual([
      [4, '本月合计', '800000.00', true, 2],
      [5, '本年累计', '800000.00', true, 2],
      [7, '本月合计', '250000.00', true, 1],
      [8, '本年累计', '1050000.00', true, 3],
    ]);
    expect(t.used).toBe(3);
  });

  it('a 合计 at the top of the table covers everything below it', () => {
    const t = accumulate([
      ['合计', '', '800000.00'],
      ['瞿昙镇', '马营村产业发展项目', '500000.00'],
      ['瞿昙镇', '瞿昙村道路硬化项目', '300000.00'],
    ]);
    expect(footing(t)).toEqual([{ row: 2, label: '合计', stated: '800000.00', computed: '800000.00', foots: true, covers: { first: 3, last: 4, count: 2 } }]);
  });

  it('a 小计 straight after the header heads the group below it', () => {
    const t = accumulate([
      ['瞿昙镇小计', '', '800000.00'],
      ['瞿昙镇', '马营村产业发展项目', '500000.00'],
      ['瞿昙镇', '瞿昙村道路硬化项目', '300000.00'],
      ['高庙镇小计', '', '250000.00'],
      ['高庙镇', '新庄村人饮工程', '240000.00'],
    ]);
    expect(footing(t).map((f) => [f.row, f.computed, f.foots])).toEqual([
      [2, '800000.00', true],
      [5, '240000.00', false],
    ]);
  });

  it('states the difference of a total that does not foot', () => {
    const t = accumulate([
      ['', '五十镇人饮安全巩固提升工程', '800000.00'],
      ['', '威远镇乡村旅游扶贫项目', '955000.00'],
      ['', '丹麻镇光伏扶贫项目', '600000.00'],
      ['合计', '', '2255000.00'],
    ]);
    const [f] = t.footing;
    expect(f!.foots).toBe(false);
    expect(formatExact(f!.stated - f!.computed)).toBe('-100000.00');
  });

  it('a total row without an amount is skipped but not checked', () => {
    const t = accumulate([['', '马营村产业发展项目', '500000.00'], ['合计', '', '']]);
    expect(t.skipped).toContainEqual({ row: 3, reason: 'total' });
    expect(t.footing).toEqual([]);
  });
});

describe('sums and accounting for every row', () => {
  it('sums per key with the rows behind it, and rows read = used + skipped', () => {
    const t = accumulate(
      [
        ['瞿昙镇', '马营村产业发展项目', '500000.00'],
        [],
        ['瞿昙镇', '马营村产业发展项目', '250000.50'],
        ['', '', ''],
        ['瞿昙镇', '瞿昙村道路硬化项目', '-'],
        ['合计', '', '750000.50'],
        ['制表人：李明'],
      ],
      [4],
    );
    expect([...t.keys.keys()].map((k) => [formatExact(t.keys.sum(k)), [...t.keys.rows(k)]])).toEqual([['750000.50', [2, 4]]]);
    expect(t.skipped).toEqual([
      { row: 1, reason: 'header' },
      { row: 3, reason: 'blank' },
      { row: 5, reason: 'blank' },
      { row: 6, reason: 'no-amount' },
      { row: 7, reason: 'total' },
      { row: 8, reason: 'sign-off' },
    ]);
    expect([t.read, t.used, t.skipped.length]).toEqual([8, 2, 6]);
    expect(t.hiddenRows).toEqual([4]);
    expect(formatExact(t.total)).toBe('750000.50');
  });

  it('the same key spelled with full-width characters and an ideographic space is one key, shown as first written', () => {
    const t = accumulate([
      ['', '屈王度村2018年度饮水工程项目', '100000.00'],
      ['', '屈王度村　２０１８年度饮水工程项目', '100000.00'],
    ]);
    expect([...t.keys.keys()].map((k) => formatExact(t.keys.sum(k)))).toEqual(['200000.00']);
  });
});
