import { describe, expect, it } from 'vitest';
import { cellNumberToMoney, formatDisplay, formatExact, formatGrouped, parseAmount, roundingAllowance, roundToFen, toYuan, money } from '../../src/money.js';

function yuanOf(text: string): string | null {
  const p = parseAmount(text);
  if (p === null) return null;
  if (p.kind === 'blank') return 'blank';
  return `${formatExact(p.value)}${p.unit ?? ''}`;
}

describe('parseAmount', () => {
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
  it('scales 万元 to 元 exactly', () => {
    expect(formatExact(toYuan(money('67.90712'), '万元'))).toBe('679071.20');
  });

  it('reads a stored double as Excel shows it (15 significant digits)', () => {
    expect(formatExact(cellNumberToMoney(money('0.30000000000000004')))).toBe('0.30');
    expect(formatExact(cellNumberToMoney(money('67.907120000000006')))).toBe('67.90712');
    // 3.345 computed by a formula is stored as 3.3449999999999998; Excel shows 3.35.
    expect(formatExact(cellNumberToMoney(money('3.3449999999999998')))).toBe('3.345');
    expect(formatExact(roundToFen(cellNumberToMoney(money('3.3449999999999998'))).value)).toBe('3.35');
  });

  it('rounds to the fen half up, and says when that changed the amount', () => {
    expect(roundToFen(money('1234567.125'))).toMatchObject({ adjusted: true });
    expect(formatExact(roundToFen(money('1234567.125')).value)).toBe('1234567.13');
    expect(formatExact(roundToFen(money('16666.6666666667')).value)).toBe('16666.67');
    expect(formatExact(roundToFen(money('-0.005')).value)).toBe('-0.01');
    expect(roundToFen(money('679071.20'))).toMatchObject({ adjusted: false });
    expect(formatExact(roundingAllowance(3))).toBe('0.015');
  });

  it('adds a tenth a million times without drift', () => {
    let total = money('0');
    const tenth = money('0.1');
    for (let i = 0; i < 1_000_000; i++) total = total.plus(tenth);
    expect(formatExact(total)).toBe('100000.00');
  });
});

describe('formatting', () => {
  it('keeps every digit in machine output and never shows -0', () => {
    expect(formatExact(money('1234.5678'))).toBe('1234.5678');
    expect(formatExact(money('0').negated())).toBe('0.00');
    expect(formatGrouped(money('1234567.891'))).toBe('1,234,567.891');
  });

  it('rounds half up only for display', () => {
    expect(formatDisplay(money('0.125'))).toBe('0.13');
    expect(formatDisplay(money('-1234567.005'))).toBe('-1,234,567.01');
    expect(formatDisplay(money('-0.001'))).toBe('0.00');
  });
});
