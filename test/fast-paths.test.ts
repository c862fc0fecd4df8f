// The shortcuts the row reader takes for the common case (a plain amount, an ISO date, a key
// with nothing to normalise) must give exactly what the general code gives. Each is checked
// against the general code on generated text that takes the shortcut and text that nearly does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../src/text/dates.js';
import { parseAmount, plainFen, toFen, type Unit } from '../src/money.js';
import { isPlainText, normaliseKey } from '../src/text/normalise.js';

/** What parseAmount and toFen make of a text: fen, or why there are none. */
function general(text: string, unit: Unit): string {
  const p = parseAmount(text);
  if (p === null) return 'not an amount';
  if (p.kind === 'blank') return 'blank';
  if (p.kind === 'too-long') return 'too long';
  const r = toFen(p.value, p.unit ?? unit);
  return r.adjusted ? 'rounded' : String(r.fen);
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** Amount-like text: signs, digits, points, and now and then something else. */
const amountText = fc.oneof(
  fc.tuple(fc.constantFrom('', '-'), digits(0, 17), fc.constantFrom('', '.'), digits(0, 8)).map((p) => p.join('')),
  fc.string({ unit: fc.constantFrom(...'0123456789.-+ ,eE万元¥'), maxLength: 12 }),
);

describe('plainFen', () => {
  it('gives the fen parseAmount and toFen give, wherever it gives any', () => {
    fc.assert(
      fc.property(amountText, fc.constantFrom<Unit>('元', '万元'), (text, unit) => {
        const fen = plainFen(text, unit);
        if (fen !== undefined) expect(String(fen)).toBe(general(text, unit));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['40533.27', '元', 4053327n],
    ['-12.3', '元', -1230n],
    ['007', '元', 700n],
    ['1.', '元', 100n],
    ['-0.00', '元', 0n],
    ['67.90712', '万元', 67907120n],
  ] as const)('reads %s in %s as %s fen', (text, unit, fen) => {
    expect(plainFen(text, unit)).toBe(fen);
  });

  it.each([
    ['past the fen', '0.125', '元'],
    ['sixteen digits', '12345678901234.56', '元'],
    ['a plus sign', '+5', '元'],
    ['grouped', '1,234.56', '元'],
    ['spaced', ' 12', '元'],
    ['no digits', '-.', '元'],
    ['empty', '', '元'],
  ] as const)('leaves text %s to the general reader', (_why, text, unit) => {
    expect(plainFen(text, unit)).toBeUndefined();
  });
});

describe('parseDateText on yyyy-mm-dd', () => {
  it('reads every such text as the general parser does', () => {
    const iso = fc.tuple(digits(4, 4), digits(2, 2), digits(2, 2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    const near = fc.tuple(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(iso, near), (text) => {
        // A trailing space is trimmed by the general parser and keeps the text off the shortcut.
        expect(parseDateText(text)).toBe(parseDateText(`${text} `));
      }),
      { numRuns: 20_000 },
    );
  });

  it('checks the day', () => {
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    expect(parseDateText('2023-02-29')).toBeNull();
    expect(parseDateText('1899-12-31')).toBeNull();
  });
});

describe('normaliseKey on plain text', () => {
  it('leaves text isPlainText accepts as the general normalisation does', () => {
    const plain = fc.string({ unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fff })).map((c) => String.fromCharCode(c)), minLength: 1 });
    fc.assert(
      fc.property(plain, (text) => {
        expect(isPlainText(text)).toBe(true);
        // A leading space takes the general path, which trims it.
        expect(normaliseKey(text)).toBe(normaliseKey(` ${text}`));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each(['A B', 'Ａ1', '项目\u200b', ' X', '\u3000甲'])('sends %j to the general normalisation', (text) => {
    expect(isPlainText(text)).toBe(false);
  });
});
