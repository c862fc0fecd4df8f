// A numeric cell holds a double; the working paper writes one only when the cell's text (the
// double's shortest form, which is what the XLSX file stores) is the amount's own decimal, the
// double to two decimals is the amount, and Excel, showing 15 significant digits, shows every
// digit of it. Past that, the amount is written as text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactFromText, exactOf, formatExact, spreadsheetNumber } from '../src/money.js';

const LIMIT = 10n ** 15n;

describe('spreadsheetNumber', () => {
  it('any amount of up to 15 significant digits: the cell text and its two-decimal form are the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(LIMIT - 1n), max: LIMIT - 1n }), (fen) => {
        const n = spreadsheetNumber(exactOf(fen));
        expect(n).not.toBeNull();
        expect(n!.toFixed(2)).toBe(formatExact(fen));
        const back = exactFromText(String(n));
        expect(back!.coef * 10n ** BigInt(2 - back!.scale)).toBe(fen);
      }),
      { numRuns: 20_000 },
    );
  });

  it('amounts at the edges of 15 digits and of a double\'s whole numbers', () => {
    for (const fen of [0n, 1n, -1n, 10n, 99n, 100n, LIMIT - 1n, -(LIMIT - 1n), LIMIT, 10n ** 17n, 12n * 10n ** 17n]) {
      const n = spreadsheetNumber(exactOf(fen));
      expect(n, String(fen)).not.toBeNull();
      expect(n!.toFixed(2), String(fen)).toBe(formatExact(fen));
    }
  });

  it('refuses amounts past 15 significant digits, or where the double is another fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: LIMIT + 1n, max: 2n ** 60n }), fc.boolean(), (fen, negative) => {
        fc.pre(fen % 10n !== 0n);
        expect(spreadsheetNumber(exactOf(negative ? -fen : fen))).toBeNull();
      }),
      { numRuns: 5_000 },
    );
    // Near 2^53 fen (90,071,992,547,409.92 元) fen / 100 as a double is often not the amount:
    // 90071992547409.43 would come back as .44. Such an amount must never be a number.
    const fen = 9_007_199_254_740_943n;
    expect((Number(fen) / 100).toFixed(2)).toBe('90071992547409.44');
    expect(spreadsheetNumber(exactOf(fen))).toBeNull();
    let naiveWrong = 0;
    for (let d = -500n; d < 500n; d++) {
      const near = 2n ** 53n + d;
      if ((Number(near) / 100).toFixed(2) !== formatExact(near)) naiveWrong++;
      const n = spreadsheetNumber(exactOf(near));
      // A number only where the double is the amount (…409.50, …410.00); text for the rest.
      if (n !== null) expect(n.toFixed(2)).toBe(formatExact(near));
    }
    expect(naiveWrong).toBeGreaterThan(100);
    // 90071992547405.1 has 15 digits and its double's text is exact, yet to two decimals the
    // double is .09: refused as well.
    expect(spreadsheetNumber(exactOf(9_007_199_254_740_510n))).toBeNull();
  });

  it('rates as fractions: 85.23% is 0.8523 exactly', () => {
    expect(spreadsheetNumber({ coef: 8523n, scale: 4 })).toBe(0.8523);
    expect(String(spreadsheetNumber({ coef: 1n, scale: 4 }))).toBe('0.0001');
    expect(spreadsheetNumber({ coef: -106667n, scale: 4 })).toBe(-10.6667);
  });
});
