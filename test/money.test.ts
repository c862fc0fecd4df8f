import { describe, expect, it } from 'vitest';
import { cellNumber, exactFromText, exactText, formatExact, formatGrouped, formatPercent, money, parseAmount, percent, percentOf, roundingAllowance, toFen, withinPercent, withinRounding } from '../src/money.js';

function yuanOf(text: string): string | null {
  const p = parseAmount(text);
  if (p === null) return null;
  if (p.kind === 'blank') return 'blank';
  if (p.kind === 'too-long') return 'too-long';
  return `${exactText(p.value)}${p.unit ?? ''}`;
}

describe('parseAmount', () => {
  it('refuses more than 20 significant digits, however long the text, without doing the arithmetic', () => {
    expect(parseAmount('123,456,789,012,345,678.90')).toEqual({ kind: 'amount', value: { coef: 12345678901234567890n, scale: 2 }, unit: undefined });
    expect(parseAmount('000012345678901234567890.12')).toEqual({ kind: 'too-long', digits: 22 });
    expect(parseAmount('1'.repeat(100_000))).toEqual({ kind: 'too-long', digits: 100_000 });
    expect(parseAmount(`1,${'234,'.repeat(10)}567.00`)).toEqual({ kind: 'too-long', digits: 36 });
  });

  it.each([
    ['1,234.56', '1234.56'],
    ['¥1,234.56', '1234.56'],
    ['￥1,234.56', '1234.56'],
    ['-12.30', '-12.30'],
    ['(1,234.56)', '-1234.56'],
    ['1234.56元', '1234.56元'],
    ['12.5万元', '12.50万元'],
    ['20万', '20.00万元'],
    ['１２３４．５６', '1234.56'],
    [' 1 234.56 ', '1234.56'],
    ['３，０００．００', '3000.00'],
    ['0.125', '0.125'],
    ['3000元整', '3000.00元'],
  ])('reads %s exactly', (text, expected) => {
    expect(yuanOf(text)).toBe(expected);
  });

  it.each([
    ['壹万贰仟叁佰肆拾伍元陆角柒分', '12345.67元'],
    ['叁仟元整', '3000.00元'],
    ['人民币壹佰元零伍分', '100.05元'],
    ['拾元', '10.00元'],
    ['壹拾伍万元整', '150000.00元'],
    ['贰亿零伍佰万元', '205000000.00元'],
    ['伍角', '0.50元'],
    ['壹万零伍佰元', '10500.00元'],
  ])('reads Chinese capitals %s', (text, expected) => {
    expect(yuanOf(text)).toBe(expected);
  });

  it.each(['', '-', '—', '——', '  '])('treats %j as blank', (text) => {
    expect(yuanOf(text)).toBe('blank');
  });

  it.each(['12a', '1,2345.00', '1.2.3', '4.30281E+17', '壹仟贰', '壹贰元', 'abc', '12%', '(-100)', '-(100)', '1 5', '12 34.5'])('rejects %j', (text) => {
    expect(yuanOf(text)).toBeNull();
  });
});

describe('units and precision', () => {
  const fen = (text: string, unit: '元' | '万元' = '元') => toFen(exactFromText(text)!, unit);
  const fenText = (text: string, unit: '元' | '万元' = '元') => formatExact(fen(text, unit).fen);

  it('scales 万元 to 元 exactly', () => {
    expect(fenText('67.90712', '万元')).toBe('679071.20');
    expect(fen('67.90712', '万元').adjusted).toBe(false);
  });

  it('reads a stored double as Excel shows it (15 significant digits)', () => {
    const cell = (text: string) => exactText(cellNumber(exactFromText(text)!));
    expect(cell('0.30000000000000004')).toBe('0.30');
    expect(cell('67.907120000000006')).toBe('67.90712');
    // 3.345 computed by a formula is stored as 3.3449999999999998; Excel shows 3.35.
    expect(cell('3.3449999999999998')).toBe('3.345');
    expect(formatExact(toFen(cellNumber(exactFromText('3.3449999999999998')!), '元').fen)).toBe('3.35');
    expect(cell('1E-3')).toBe('0.001');
    expect(cell('1.5E+3')).toBe('1500.00');
  });

  it('rounds to the fen half up (away from zero), and says when that changed the amount', () => {
    expect(fen('1234567.125')).toEqual({ fen: 123456713n, adjusted: true });
    expect(fenText('16666.6666666667')).toBe('16666.67');
    expect(fenText('-0.005')).toBe('-0.01');
    expect(fenText('-0.004')).toBe('0.00');
    expect(fen('679071.20')).toEqual({ fen: 67907120n, adjusted: false });
    expect(fenText('3.3333333333333335', '万元')).toBe('33333.33');
  });

  it('allows half a fen for each rounded amount', () => {
    expect(exactText(roundingAllowance(3))).toBe('0.015');
    expect(exactText(roundingAllowance(4))).toBe('0.02');
    expect(withinRounding(1n, 2)).toBe(true);
    expect(withinRounding(-1n, 1)).toBe(false);
    expect(withinRounding(1n, 1)).toBe(false);
  });

  it('adds a tenth a million times without drift', () => {
    let total = money('0');
    const tenth = money('0.1');
    for (let i = 0; i < 1_000_000; i++) total += tenth;
    expect(formatExact(total)).toBe('100000.00');
  });

  it('keeps amounts past 2^53 fen exact', () => {
    const big = money('90071992547409.93');
    expect(formatExact(big + money('0.01'))).toBe('90071992547409.94');
  });

  it('rates are hundredths of a percent, rounded half up; none without a whole', () => {
    expect(formatPercent(percentOf(money('2'), money('3'))!)).toBe('66.67');
    expect(formatPercent(percentOf(money('1'), money('8'))!)).toBe('12.50');
    expect(percentOf(money('1'), 0n)).toBeNull();
  });

  it('compares a difference with a percentage of a base exactly', () => {
    expect(withinPercent(money('0.50'), money('100'), percent('0.5'))).toBe(true);
    expect(withinPercent(money('0.51'), money('100'), percent('0.5'))).toBe(false);
  });

  it('refuses text that is not a whole number of fen where an amount in 元 is required', () => {
    expect(() => money('0.005')).toThrow(TypeError);
  });
});

describe('formatting', () => {
  it('writes machine output with two decimals and never shows -0', () => {
    expect(formatExact(money('1234.5'))).toBe('1234.50');
    expect(formatExact(-money('0'))).toBe('0.00');
    expect(formatExact(money('-0.07'))).toBe('-0.07');
    expect(exactText(exactFromText('1234.5678')!)).toBe('1234.5678');
  });

  it('groups thousands for people, in time linear in the digits', () => {
    expect(formatGrouped(money('1234567.89'))).toBe('1,234,567.89');
    expect(formatGrouped(money('-1234567.01'))).toBe('-1,234,567.01');
    expect(formatGrouped(money('999.99'))).toBe('999.99');
    // 10^20000 fen: 19,999 digits of 元, 6,666 separators, then ".00".
    expect(formatGrouped(10n ** 20000n).length).toBe(19999 + 6666 + 3);
  });
});
