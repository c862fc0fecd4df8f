// One row at a time: what is data (and its amount in 元, exactly), what is skipped and why, and
// which cells are errors naming file, sheet, row and column.

import { describe, expect, it } from 'vitest';
import { classifyRow } from '../../src/ledger/classify.js';
import type { ClassifyContext, LedgerRow, Verdict } from '../../src/ledger/rows.js';
import { detectLayout } from '../../src/ledger/layout.js';
import { exactText, formatExact, type Unit } from '../../src/money.js';
import type { Cell, RawRow } from '../../src/sheets/types.js';
import { failure, d, merged, n, rows, type Lit } from './rows.js';

const HEADER = ['序号', '项目名称', '收款人', '身份证号', '发放金额', '发放日期'];

function context(opts: { format?: 'csv' | 'xlsx'; unit?: Unit; header?: string[]; fallbackUnit?: Unit } = {}): ClassifyContext {
  const format = opts.format ?? 'xlsx';
  const file = format === 'xlsx' ? '一卡通.xlsx' : '一卡通.csv';
  const sheet = format === 'xlsx' ? '发放明细' : undefined;
  const layout = detectLayout(rows([opts.header ?? HEADER]), { file, sheet, format, key: ['project'], configPath: 'ledgers.landed', unit: opts.unit });
  return { file, sheet, format, layout, fallbackUnit: opts.fallbackUnit ?? '元', date1904: false };
}

const row = (cells: Lit[], r = 5): RawRow => rows([cells], r)[0]!;
const classify = (cells: Lit[], ctx = context()): Verdict => classifyRow(ctx, row(cells));
const skipOf = (cells: Lit[], ctx = context()) => {
  const v = classify(cells, ctx);
  return v.kind === 'skip' ? v.reason : 'data';
};
function data(cells: Lit[], ctx = context()): LedgerRow {
  const v = classify(cells, ctx);
  if (v.kind !== 'data') throw new Error(`expected data, got ${v.kind} ${v.reason}`);
  return v.row;
}
const yuan = (cells: Lit[], ctx = context()) => formatExact(data(cells, ctx).amount);

describe('rows that are not data, and why', () => {
  it.each<[string, Lit[], string]>([
    ['an empty row', [], 'blank'],
    ['a row of empty strings and spaces', ['', ' ', '　'], 'blank'],
    ['合计 in the 序号 column', ['合计', '', '', '', '9000'], 'total'],
    ['合計 (traditional)', ['合計', '', '', '', '9000'], 'total'],
    ['总计 in the project column', ['', '总计', '', '', '9000'], 'total'],
    ['累计', ['累计', '', '', '', '9000'], 'total'],
    ['小计', ['', '小计', '', '', '6000'], 'subtotal'],
    ['小計 (traditional)', ['', '小計', '', '', '6000'], 'subtotal'],
    ['乐都区小计', ['乐都区小计', '', '', '', '6000'], 'subtotal'],
    ['a 其中 breakdown', ['', '其中：中央资金', '', '', '4000'], 'breakdown'],
    ['a line of text with neither key nor amount', ['填表说明：金额以财政局拨款文件为准'], 'note'],
    ['a sign-off line', ['制表人：李明    审核人：王芳'], 'sign-off'],
    ['a sign-off line with a phone number in the amount column', ['', '联系电话：', '', '', '13912345678'], 'sign-off'],
    ['the header again (tables pasted one under another)', ['序号', '项目名称', '收款人', '身份证号', '发放金额', '发放日期'], 'header'],
    ['the header again, spelled a little differently', ['序 号', '项目名称', '收款人', '身份证号', '发放 金额'], 'header'],
    ['a key with a blank amount', ['3', '雨露计划职业教育补助', '张志强', '', ''], 'no-amount'],
    ['a key with "-" for the amount', ['3', '雨露计划职业教育补助', '张志强', '', '-'], 'no-amount'],
    ['a key with "—" for the amount', ['3', '雨露计划职业教育补助', '张志强', '', '—'], 'no-amount'],
  ])('%s: %s', (_what, cells, reason) => {
    expect(skipOf(cells)).toBe(reason);
  });

  it('a total row states its amount in 元 and the formula behind it', () => {
    const raw: RawRow = { row: 9, cells: rows([['合计', '', '', '', n('1.5')]])[0]!.cells, formulas: new Map([[4, 'SUM(E2:E8)']]) };
    const v = classifyRow(context({ unit: '万元' }), raw);
    expect(v.kind === 'skip' && v.total).toMatchObject({ row: 9, kind: 'total', label: '合计', formula: 'SUM(E2:E8)' });
    expect(v.kind === 'skip' && formatExact(v.total!.amount!)).toBe('15000.00');
  });

  it('a merged amount counts once: the rows it covers have no amount of their own', () => {
    const ctx = context();
    const v = classifyRow(ctx, merged(6, ['2', '雨露计划职业教育补助', '刘桂兰', '', n('3000')], [1, 4]));
    expect(v).toMatchObject({ kind: 'skip', reason: 'merged-amount' });
  });
});

describe('amounts, exactly, in 元', () => {
  it.each<[Lit, string]>([
    ['3000', '3000.00'],
    ['3,000.00', '3000.00'],
    ['3 000.00', '3000.00'],
    ['￥3000.00', '3000.00'],
    ['¥ 1,500.00', '1500.00'],
    ['３０００．００', '3000.00'],
    ['叁仟元整', '3000.00'],
    ['壹仟伍佰元', '1500.00'],
    ['(1,500.00)', '-1500.00'],
    [n('3000'), '3000.00'],
    // A spreadsheet number carries binary noise past the 分; it is cut back to the ledger's precision.
    [n('0.30000000000000004'), '0.30'],
  ])('%j is %s', (amount, expected) => {
    expect(yuan(['1', '雨露计划职业教育补助', '贺建军', '', amount])).toBe(expected);
  });

  it('scales 万元 exactly: 67.90712 万元 is 679071.20 元, from the column unit or the cell', () => {
    expect(yuan(['1', '小峡镇特色种植项目', '', '', '67.90712'], context({ unit: '万元' }))).toBe('679071.20');
    expect(yuan(['1', '小峡镇特色种植项目', '', '', n('67.90712')], context({ unit: '万元' }))).toBe('679071.20');
    expect(yuan(['1', '小峡镇特色种植项目', '', '', '67.90712万元'])).toBe('679071.20');
  });

  it('digits past the fen are rounded half-up to it, in a text cell and a numeric cell alike, keeping what was written', () => {
    for (const cell of ['16666.6666666667', n('16666.666666666668')]) {
      const r = data(['1', '雨露计划职业教育补助', '', '', cell]);
      expect([formatExact(r.amount), r.written && exactText(r.written)]).toEqual(['16666.67', '16666.6666666667']);
    }
    // =10/3 in a 万元 column: 3.33333333333333 万元 is 33,333.3333333333 元.
    const wan = data(['1', '小峡镇特色种植项目', '', '', n('3.3333333333333335')], context({ unit: '万元' }));
    expect([formatExact(wan.amount), wan.written && exactText(wan.written)]).toEqual(['33333.33', '33333.3333333333']);
    expect(data(['1', '雨露计划职业教育补助', '', '', '3000.5']).written).toBeUndefined();
  });

  it("a cell's own unit wins over the column's", () => {
    const ctx = context({ unit: '万元' });
    expect(yuan(['1', '雨露计划职业教育补助', '', '', '500元'], ctx)).toBe('500.00');
    expect(data(['1', '雨露计划职业教育补助', '', '', '500元'], ctx)).toMatchObject({ unit: '元', unitStated: true });
  });

  it('an amount nothing states a unit for is read in the fallback unit, and marked as not stated', () => {
    expect(data(['1', '雨露计划职业教育补助', '', '', '0.3'], context({ fallbackUnit: '万元' }))).toMatchObject({ unit: '万元', unitStated: false });
    expect(yuan(['1', '雨露计划职业教育补助', '', '', '0.3'], context({ fallbackUnit: '万元' }))).toBe('3000.00');
  });
});

describe('cells that are errors, each naming file, sheet, row, column and text', () => {
  const at = { file: '一卡通.xlsx', sheet: '发放明细', row: 5, column: 'E (发放金额)' };
  const err = (amount: Cell) => failure(() => classifyRow(context(), { row: 5, cells: [...row(['1', '雨露计划职业教育补助', '贺建军', '']).cells, amount] }));

  it('an amount that is not a number', () => {
    const e = failure(() => classify(['1', '雨露计划职业教育补助', '贺建军', '', '3OOO']));
    expect([e.code, e.at, e.text]).toEqual(['AMOUNT_INVALID', at, '3OOO']);
  });

  it('an Excel error value', () => {
    const e = err({ t: 'error', v: '#DIV/0!' });
    expect([e.code, e.at, e.text]).toEqual(['CELL_ERROR', at, '#DIV/0!']);
  });

  it('a formula with no saved result', () => {
    const e = err({ t: 'no-result', formula: 'C5*D5' });
    expect([e.code, e.at, e.text]).toEqual(['CELL_NO_RESULT', at, '=C5*D5']);
  });

  it('a key or a date that is an Excel error or a formula with no saved result', () => {
    const key = failure(() => classifyRow(context(), { row: 5, cells: [...row(['1']).cells, { t: 'error', v: '#N/A' }, ...row(['贺建军', '', '3000']).cells] }));
    expect([key.code, key.at, key.text, key.message]).toEqual(['CELL_ERROR', { ...at, column: 'B (项目名称)' }, '#N/A', 'the cell holds the Excel error #N/A, not a key']);
    const date = failure(() => classifyRow(context(), { row: 5, cells: [...row(['1', '雨露计划职业教育补助', '贺建军', '', '3000']).cells, { t: 'no-result', formula: 'TODAY()' }] }));
    expect([date.code, date.at, date.text]).toEqual(['CELL_NO_RESULT', { ...at, column: 'F (发放日期)' }, '=TODAY()']);
  });

  it('a date where the amount should be', () => {
    const e = err({ t: 'date', v: '2019-10-15', serial: '43753' });
    expect([e.code, e.at]).toEqual(['AMOUNT_INVALID', at]);
  });

  it('a date that is not a date', () => {
    const e = failure(() => classify(['1', '雨露计划职业教育补助', '贺建军', '', '3000', '2019-02-30']));
    expect([e.code, e.at, e.text]).toEqual(['DATE_INVALID', { ...at, column: 'F (发放日期)' }, '2019-02-30']);
  });

  it('money with no key', () => {
    const e = failure(() => classify(['1', '', '贺建军', '', '3000']));
    expect([e.code, e.at]).toEqual(['KEY_MISSING', { ...at, column: 'B (项目名称)' }]);
  });

  it('CSV: a line with fewer cells than the key and amount need, or more than the header', () => {
    const ctx = context({ format: 'csv' });
    const short = failure(() => classifyRow(ctx, row(['1', '雨露计划职业教育补助', '贺建军'], 7)));
    expect([short.code, short.at]).toEqual(['CSV_ROW_WIDTH', { file: '一卡通.csv', sheet: undefined, row: 7, column: '5 (发放金额)' }]);
    const long = failure(() => classifyRow(ctx, row(['1', '雨露计划职业教育补助', '贺建军', '', '3', '000.00', '2019-10-15'], 8)));
    expect([long.code, long.at]).toEqual(['CSV_ROW_WIDTH', { file: '一卡通.csv', row: 8, column: '7' }]);
    expect(long.text).toBe('2019-10-15');
  });
});

describe('identifiers stay text', () => {
  it('an 18-digit ID with X, and a bank card number, are kept exactly as written', () => {
    const r = data(['2', '雨露计划职业教育补助', '刘桂兰', '43028119720303452X', '3000']);
    expect(r.idNumber).toBe('43028119720303452X');
    expect(r.idNumberWasNumber).toBe(false);
  });

  it('an ID stored as a spreadsheet number keeps the digits the file holds and is marked as damaged-prone', () => {
    const r = data(['3', '雨露计划职业教育补助', '王小平', n('4.30281199411057E+17'), '3000']);
    expect(r.idNumber).toBe('4.30281199411057E+17');
    expect(r.idNumberWasNumber).toBe(true);
  });

  it('a key stored as a number is the text in the file, never reformatted', () => {
    const ctx = context({ header: ['项目编号', '金额'] });
    expect(data([n('20190001'), '3000'], ctx).keyParts).toEqual(['20190001']);
  });
});

describe('dates in a date column', () => {
  it.each<[Lit, string]>([
    [d('2019-10-15', '43753'), '2019-10-15'],
    [n('43753'), '2019-10-15'],
    ['43753', '2019-10-15'],
    ['2019-10-15', '2019-10-15'],
    ['2019/10/15', '2019-10-15'],
    ['2019.10.15', '2019-10-15'],
    ['20191015', '2019-10-15'],
    ['2019年10月15日', '2019-10-15'],
    ['２０１９年１０月１５日', '2019-10-15'],
  ])('%j is %s', (cell, iso) => {
    expect(data(['1', '雨露计划职业教育补助', '贺建军', '', '3000', cell]).date).toBe(iso);
  });
});
