// How the first rows of a sheet become its layout: which row is the header, what the rows
// above it are, one name per column under a two-row header, which column is which field, and
// the unit with where it was stated.

import { describe, expect, it } from 'vitest';
import { parseHeaderName, totalKindOf, unitFromLine } from '../../src/ledger/header.js';
import { detectLayout, type Layout, type LayoutOptions } from '../../src/ledger/layout.js';
import { failure, merged, n, rows } from './rows.js';

const CSV: LayoutOptions = { file: 'a.csv', format: 'csv', key: ['project'], configPath: 'ledgers.allocated' };
const XLSX: LayoutOptions = { ...CSV, file: 'a.xlsx', sheet: '分配表', format: 'xlsx' };

const names = (l: Layout) => l.columns.map((c) => c.name.display);
const fieldAt = (l: Layout, field: keyof Layout['fields']) => (l.fields[field] === undefined ? undefined : l.columns[l.fields[field]]!.name.display);

describe('header names', () => {
  it.each([
    ['金额(元)', '金额', '元'],
    ['金额（元）', '金额', '元'],
    ['投资规模(万元)', '投资规模', '万元'],
    ['投资规模\n(万元)', '投资规模', '万元'],
    ['投资规模\r\n（万元）', '投资规模', '万元'],
    ['资金（单位：万元）', '资金', '万元'],
    ['项 目 名 称', '项目名称', undefined],
    ['项目名称　', '项目名称', undefined],
    // Under a merged parent the parent states the unit for every column below it …
    ['资金规模(万元)/中央资金', '资金规模/中央资金', '万元'],
    // … and a child's own unit wins over it.
    ['资金规模(万元)/折合(元)', '资金规模/折合', '元'],
  ])('%j -> base %j, unit %j', (text, base, unit) => {
    const h = parseHeaderName(text);
    expect([h.base, h.unit]).toEqual([base, unit]);
  });

  it('shows a header with its line breaks and stray spaces tidied, full-width brackets made half-width', () => {
    expect(parseHeaderName('投资规模\n(万元)').display).toBe('投资规模(万元)');
    expect(parseHeaderName('拨付金额（元）').display).toBe('拨付金额(元)');
    expect(parseHeaderName('序　号').display).toBe('序号');
  });
});

describe('unit lines and total labels', () => {
  it.each([
    [['单位：万元'], '万元'],
    [['单位:元'], '元'],
    [['', '', '金额单位：万元'], '万元'],
    [['（单位：万元）'], '万元'],
    [['填报单位：平安区扶贫开发局', '', '单位：万元'], '万元'],
    [['单 位 ： 元'], '元'],
    [['填报单位：平安区扶贫开发局'], undefined],
    [['单位：'], undefined],
  ])('%j states %j', (texts, unit) => {
    expect(unitFromLine(texts)).toBe(unit);
  });

  it.each([
    ['合计', 'total'],
    ['合計', 'total'],
    ['合 计', 'total'],
    ['合计：', 'total'],
    ['总计', 'total'],
    ['總計', 'total'],
    ['累计', 'total'],
    ['本年累计', 'total'],
    ['全县总计', 'total'],
    ['本月合计', 'subtotal'],
    ['小计', 'subtotal'],
    ['小計', 'subtotal'],
    ['乐都区小计', 'subtotal'],
    ['瞿昙镇合计', 'subtotal'],
    ['高廟鎮小計', 'subtotal'],
    ['合计金额', undefined],
    ['马营村产业发展项目', undefined],
    ['', undefined],
  ])('%j is %j', (label, kind) => {
    expect(totalKindOf(label)).toBe(kind);
  });
});

describe('finding the header among the first rows', () => {
  it('skips a title, a note, the unit line and blank rows above it, each with its reason, and takes the unit from the line', () => {
    const l = detectLayout(
      rows([
        ['2019年平安区财政专项扶贫资金分配表', '', '', ''],
        ['填报单位：平安区扶贫开发局', '', '', ''],
        ['单位：万元'],
        [],
        ['序号', '项目名称', '下达金额', '下达日期'],
        ['1', '三合镇村组道路硬化项目', '120', '2019-03-10'],
      ]),
      CSV,
    );
    expect(l.headerRows).toEqual([5]);
    expect(l.preamble).toEqual([
      { row: 1, reason: 'title' },
      { row: 2, reason: 'note' },
      { row: 3, reason: 'unit' },
      { row: 4, reason: 'blank' },
      { row: 5, reason: 'header' },
    ]);
    expect(l.dataStart).toBe(5);
    expect([l.unit, l.unitSource]).toEqual(['万元', 'sheet']);
    expect([fieldAt(l, 'project'), fieldAt(l, 'amount'), fieldAt(l, 'date')]).toEqual(['项目名称', '下达金额', '下达日期']);
  });

  it('takes the unit from a note to the right of the header when there is no unit line', () => {
    const l = detectLayout(rows([['项目名称', '下达金额', '', '单位：万元'], ['马营村产业发展项目', '150']]), CSV);
    expect([l.unit, l.unitSource]).toEqual(['万元', 'sheet']);
  });

  it('skips a row of column numbers (1 2 3 … or 甲 乙 丙) under the header', () => {
    for (const numbers of [['1', '2', '3'], ['甲', '乙', '丙']]) {
      const l = detectLayout(rows([['序号', '项目名称', '金额(元)'], numbers, ['1', '马营村产业发展项目', '500000']]), CSV);
      expect(l.preamble.map((p) => [p.row, p.reason])).toEqual([[1, 'header'], [2, 'header']]);
      expect(l.dataStart).toBe(2);
    }
  });

  it('says where to look when no row in the first 30 is a header', () => {
    const e = failure(() => detectLayout(rows([['甲方', '乙方'], ['1', '2']]), CSV));
    expect(e.code).toBe('SHEET_NO_HEADER');
    expect(e.at).toEqual({ file: 'a.csv', sheet: undefined });
    expect(e.hint).toContain('headerRow');
  });
});

describe('two-row headers', () => {
  // 资金规模（万元） merged over 小计 / 中央资金 / 省级资金; the other headings merged down.
  const xlsxRows = [
    merged(1, ['2019年乐都区财政专项扶贫资金项目计划表', '2019年乐都区财政专项扶贫资金项目计划表', '2019年乐都区财政专项扶贫资金项目计划表'], [1, 2]),
    merged(2, ['序号', '项目名称', '资金规模（万元）', '资金规模（万元）', '资金规模（万元）', '责任单位'], [3, 4]),
    merged(3, ['序号', '项目名称', '小计', '中央资金', '省级资金', '责任单位'], [0, 1, 5]),
    ...rows([['1', '瞿昙镇马营村产业发展项目', '150', '100', '50', '瞿昙镇人民政府']], 4),
  ];

  it('XLSX: merged parents become one name per column, parent/child', () => {
    const l = detectLayout(xlsxRows, XLSX);
    expect(l.headerRows).toEqual([2, 3]);
    expect(names(l)).toEqual(['序号', '项目名称', '资金规模(万元)/小计', '资金规模(万元)/中央资金', '资金规模(万元)/省级资金', '责任单位']);
    expect(l.dataStart).toBe(3);
  });

  it('CSV: a parent written once covers the empty cells to its right that have a child', () => {
    const l = detectLayout(
      rows([
        ['序号', '项目名称', '资金来源', '', '下达日期'],
        ['', '', '中央资金', '省级资金', ''],
        ['1', '瞿昙镇马营村产业发展项目', '100', '50', '2019-03-10'],
      ]),
      { ...CSV, columns: { amount: '资金来源/中央资金' } },
    );
    expect(names(l)).toEqual(['序号', '项目名称', '资金来源/中央资金', '资金来源/省级资金', '下达日期']);
    expect(fieldAt(l, 'amount')).toBe('资金来源/中央资金');
  });

  it('the 小计 column of a money group is the amount, in the parent unit, and its breakdown columns are not candidates', () => {
    const l = detectLayout(xlsxRows, XLSX);
    expect(fieldAt(l, 'amount')).toBe('资金规模(万元)/小计');
    expect([l.unit, l.unitSource]).toEqual(['万元', 'header']);
    expect(l.amountCandidates.map((c) => c.name.display)).toEqual(['资金规模(万元)/小计']);
    expect(l.notes).toEqual([{ kind: 'group-total', total: '资金规模(万元)/小计', parts: ['资金规模(万元)/中央资金', '资金规模(万元)/省级资金'] }]);
  });

  it('a group of money columns with no total column stays ambiguous: the tool does not guess', () => {
    const e = failure(() =>
      detectLayout(rows([['项目名称', '资金来源', ''], ['', '中央资金', '省级资金'], ['马营村产业发展项目', '100', '50']]), CSV),
    );
    expect(e.code).toBe('COLUMN_AMBIGUOUS');
    expect(e.text).toBe('2 资金来源/中央资金, 3 资金来源/省级资金');
  });

  it('a 合计 column under a heading that is not money is left alone', () => {
    const l = detectLayout(
      rows([['项目名称', '下达金额(元)', '受益户数', ''], ['', '', '合计', '其中脱贫户'], ['马营村产业发展项目', '500000', '120', '80']]),
      CSV,
    );
    expect(fieldAt(l, 'amount')).toBe('下达金额(元)');
    expect(names(l)).toEqual(['项目名称', '下达金额(元)', '受益户数/合计', '受益户数/其中脱贫户']);
  });

  it('a row of data under the header is not taken for a second header row', () => {
    const l = detectLayout(rows([['项目名称', '下达金额', ''], ['马营村产业发展项目', '150', '备注']]), CSV);
    expect(l.headerRows).toEqual([1]);
  });
});

describe('the unit of the amounts', () => {
  const table = (header: string, above: string[][] = []) => rows([...above, ['项目名称', header], ['马营村产业发展项目', '150']]);

  it('comes from the header, then the unit line; the config fills in only where the sheet says nothing', () => {
    const both = table('下达金额(元)', [['单位：万元']]);
    expect(detectLayout(both, CSV)).toMatchObject({ unit: '元', unitSource: 'header' });
    expect(detectLayout(table('下达金额', [['单位：万元']]), CSV)).toMatchObject({ unit: '万元', unitSource: 'sheet' });
    expect(detectLayout(table('下达金额'), { ...CSV, unit: '万元' })).toMatchObject({ unit: '万元', unitSource: 'config' });
    expect(detectLayout(both, { ...CSV, unit: '元' })).toMatchObject({ unit: '元', unitSource: 'header' });
  });

  it('a config unit that contradicts the sheet is an error naming both', () => {
    const e = failure(() => detectLayout(table('下达金额(元)'), { ...CSV, unit: '万元' }));
    expect(e.code).toBe('UNIT_CONFLICT');
    expect(e.message).toBe('the config or --unit says 万元, but the header "下达金额(元)" says 元');
    expect(e.at).toMatchObject({ row: 1, column: '2 (下达金额(元))' });
  });

  it('is left undecided when nothing states it (the reader then looks at the cells and the other ledgers)', () => {
    expect(detectLayout(table('下达金额'), CSV)).toMatchObject({ unit: undefined, unitSource: undefined });
  });
});

describe('columns', () => {
  it('matches headers written with spaces, line breaks and full-width characters', () => {
    const l = detectLayout(rows([['项 目 名 称', '拨付\n金额（元）', '拨付　日期'], ['马营村产业发展项目', '500000', '2019-04-01']]), CSV);
    expect([fieldAt(l, 'project'), fieldAt(l, 'amount'), fieldAt(l, 'date')]).toEqual(['项目名称', '拨付金额(元)', '拨付日期']);
  });

  it('finds the key by its header text, and names the header when it is not there', () => {
    const l = detectLayout(rows([['乡镇', '项目名称', '金额'], ['瞿昙镇', '马营村产业发展项目', '1']]), { ...CSV, key: ['乡镇', '项目名称'] });
    expect(l.keyColumns).toEqual([0, 1]);
    const e = failure(() => detectLayout(rows([['项目名称', '金额'], ['马营村产业发展项目', '1']]), { ...XLSX, key: ['乡镇'] }));
    expect(e.code).toBe('KEY_MISSING');
    expect(e.at).toEqual({ file: 'a.xlsx', sheet: '分配表', row: 1 });
    expect(e.hint).toContain('A 项目名称, B 金额');
  });

  it('a configured column that is not in the header names the header and the config path', () => {
    const e = failure(() => detectLayout(rows([['项目名称', '金额'], ['马营村产业发展项目', '1']]), { ...CSV, columns: { amount: '拨付金额' } }));
    expect(e.code).toBe('COLUMN_NOT_FOUND');
    expect(e.hint).toContain('ledgers.allocated.columns.amount');
  });

  it('two money columns stop the run with both named and the config line that picks one', () => {
    const e = failure(() => detectLayout(rows([['项目名称', '资金规模', '少数民族发展项目资金(万元)'], ['马营村产业发展项目', '50', n('20')]]), CSV));
    expect(e.code).toBe('COLUMN_AMBIGUOUS');
    expect(e.hint).toContain('"ledgers.allocated": { "columns": { "amount": "资金规模" } }');
  });
});

describe('columns people name', () => {
  it('a merged header cell names one column, not every column it spans', () => {
    const header = merged(1, ['项目名称', '项目名称', '金额'], [1]);
    const l = detectLayout([header, ...rows([['马营村产业发展项目', '', '500']], 2)], XLSX);
    expect(names(l)).toEqual(['项目名称', '', '金额']);
    expect(l.keyColumns).toEqual([0]);
  });

  it('a header text finds the same column spelled another way, but never a coarser one', () => {
    const l = detectLayout(rows([['县区', '项目', '金额'], ['平安区', '三合镇道路', '1']]), { ...CSV, key: ['项目名称'] });
    expect(l.keyColumns).toEqual([1]);
    const e = failure(() => detectLayout(rows([['县区', '项目', '金额'], ['平安区', '三合镇道路', '1']]), { ...CSV, key: ['乡镇'] }));
    expect(e.code).toBe('KEY_MISSING');
  });

  it('an English "ID" column (a row number) is not an ID number', () => {
    const l = detectLayout(rows([['ID', 'project', 'amount'], ['1', 'Road', '100']]), CSV);
    expect(l.fields.idNumber).toBeUndefined();
  });
});
