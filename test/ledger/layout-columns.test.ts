// Layout decisions about columns the reader used to miss: header rows named by endings, hidden
// columns, several amount columns, ID-like columns nobody mapped.

import { describe, expect, it } from 'vitest';
import { detectLayout, type LayoutOptions } from '../../src/ledger/layout.js';
import { failure, rows } from './rows.js';

const CSV: LayoutOptions = { file: 'a.csv', format: 'csv', key: ['project'], configPath: 'ledgers.allocated' };
const XLSX: LayoutOptions = { ...CSV, file: 'a.xlsx', sheet: '分配表', format: 'xlsx' };

describe('header rows', () => {
  it('项目名称 beside a money header known only by its ending is a header', () => {
    const l = detectLayout(rows([['2019年扶贫资金分配表'], ['项目名称', '下达资金'], ['马营村产业发展项目', '500000']]), CSV);
    expect(l.headerRows).toEqual([2]);
  });

  it('the 中央资金 / 省级资金 / 市县资金 row under a two-row header does not outscore the row above it', () => {
    const l = detectLayout(
      rows([
        ['项目名称', '资金来源', '', ''],
        ['', '中央资金', '省级资金', '市县资金'],
        ['马营村产业发展项目', '100', '50', '10'],
      ]),
      { ...CSV, columns: { amount: ['资金来源/中央资金', '资金来源/省级资金', '资金来源/市县资金'] } },
    );
    expect(l.headerRows).toEqual([1, 2]);
    expect(l.amountColumns).toEqual([1, 2, 3]);
  });
});

describe('hidden columns', () => {
  const sheet = rows([['项目名称', '下达金额', '调整前金额', '下达日期'], ['马营村产业发展项目', '500000', '600000', '2019-03-10']]);

  it('a hidden money column makes the amount ambiguous, and the hint offers only the shown one', () => {
    const e = failure(() => detectLayout(sheet, { ...XLSX, hiddenColumns: new Set([2]) }));
    expect(e.code).toBe('COLUMN_AMBIGUOUS');
    expect(e.hint).toContain('"amount": "下达金额"');
    expect(e.hint).not.toContain('"amount": "调整前金额"');
  });

  it('init (pickFirstAmount) takes the shown one even when the hidden one comes first', () => {
    const l = detectLayout(rows([['项目名称', '调整前金额', '下达金额'], ['马营村产业发展项目', '600000', '500000']]), {
      ...XLSX,
      hiddenColumns: new Set([1]),
      pickFirstAmount: true,
    });
    expect(l.amountColumn).toBe(2);
    expect(l.columns.map((c) => c.hidden)).toEqual([false, true, false]);
  });

  it('a hidden column the config names is used: that is the user’s decision', () => {
    const l = detectLayout(sheet, { ...XLSX, hiddenColumns: new Set([2]), columns: { amount: '调整前金额' } });
    expect(l.amountColumn).toBe(2);
  });
});

describe('ID-like columns', () => {
  it('the mapped ID column is not listed; another one, by header or by its cells, is', () => {
    const l = detectLayout(
      rows([
        ['项目名称', '身份证号', '监护人证件', '编号', '金额'],
        ['雨露计划', '632122196503170424', '632126197809221511', '632127198501053268', '3000'],
      ]),
      CSV,
    );
    expect(l.columns[l.fields.idNumber!]!.name.display).toBe('身份证号');
    expect(l.unmappedIdColumns.map((c) => c.name.display)).toEqual(['监护人证件', '编号']);
  });
});
