// Amounts: made from text here, turned back into text here, and nowhere else. An amount is an
// exact count of fen (分) in a bigint: every ledger is kept to the fen (0.01 元, which is
// 0.000001 万元), so once a cell's text is read and rounded to the fen (which the reader
// records and reports) every sum, gap and comparison is integer arithmetic, exact however
// large. A JavaScript number never carries money; a binary fraction never comes near it.

import { MAX_AMOUNT_DIGITS } from './limits.js';
import { parseChineseCapitals } from './text/chinese-capitals.js';
import { toHalfWidth } from './text/normalise.js';

/** An amount in fen (1 元 = 100 fen), exact. */
export type Money = bigint;
export type Unit = '元' | '万元';

export const ZERO: Money = 0n;

/**
 * A decimal exactly as written, before it is rounded to the fen: `coef` × 10^−`scale`
 * ("67.90712" is 6790712 at scale 5). Used for the text of a cell, and for percentages.
 */
export interface Exact {
  readonly coef: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** `n / d` for a positive `d`, rounded half away from zero (四舍五入), and whether it was cut. */
function divHalfUp(n: bigint, d: bigint): { q: bigint; cut: boolean } {
  const a = abs(n);
  let q = a / d;
  const r = a % d;
  if (r * 2n >= d) q += 1n;
  return { q: n < 0n ? -q : q, cut: r !== 0n };
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Canonical decimal text (an XLSX `<v>`, a config value; an exponent allowed) to Exact. */
export function exactFromText(text: string): Exact | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const digits = `${m[2]}${m[3] ?? ''}`;
  let scale = (m[3] ?? '').length - (m[4] === undefined ? 0 : Number(m[4]));
  // An exponent no spreadsheet writes (1E+400) is not an amount; refusing it keeps pow10 small.
  if (!Number.isSafeInteger(scale) || Math.abs(scale) > 400) return null;
  let coef = BigInt(digits);
  if (scale < 0) {
    coef *= pow10(-scale);
    scale = 0;
  }
  return { coef: m[1] === '-' ? -coef : coef, scale };
}

/** An amount in fen as an Exact in 元 (12345 fen is 123.45). */
export function exactOf(m: Money): Exact {
  return { coef: m, scale: 2 };
}

export function subExact(a: Exact, b: Exact): Exact {
  return addExact(a, { coef: -b.coef, scale: b.scale });
}

export function addExact(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { coef: a.coef * pow10(scale - a.scale) + b.coef * pow10(scale - b.scale), scale };
}

/** The text of an Exact: every digit written, at least two decimals. */
export function exactText(e: Exact): string {
  const scale = Math.max(e.scale, 2);
  const digits = (abs(e.coef) * pow10(scale - e.scale)).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return e.coef < 0n ? `-${text}` : text;
}

/**
 * A spreadsheet numeric cell holds a binary double, stored with up to 17 significant digits
 * (3.3449999999999998 for a computed 3.345). Excel shows and computes with 15, so that is
 * the value the sheet means. Rounding the 17-digit text straight to 分 would give 3.34 where
 * Excel shows 3.35; the value is rounded to the fen afterwards, like any other (toFen).
 */
export function cellNumber(e: Exact): Exact {
  const digits = abs(e.coef).toString().length;
  if (digits <= 15 || e.scale === 0) return e;
  const cut = Math.min(digits - 15, e.scale);
  let coef = divHalfUp(e.coef, pow10(cut)).q;
  let scale = e.scale - cut;
  // The zeros the cut leaves (0.300000000000000) are not digits anyone wrote.
  while (scale > 0 && coef % 10n === 0n) {
    coef /= 10n;
    scale--;
  }
  return { coef, scale };
}

/**
 * An amount written in `unit` as fen, rounded half up to the fen; `adjusted` says whether
 * that changed it. A General-format export ("16666.6666666667") and a cell computed as =10/3
 * carry digits past the fen that no payment can have; rounding them at read time, the same way
 * for text and numeric cells, keeps one ledger's 16666.67 equal to another's. 67.90712 万元 is
 * exactly 67907120 fen.
 */
export function toFen(e: Exact, unit: Unit): { fen: Money; adjusted: boolean } {
  // Fen are 10^2 of a 元 and 10^6 of a 万元.
  const shift = (unit === '万元' ? 6 : 2) - e.scale;
  if (shift >= 0) return { fen: e.coef * pow10(shift), adjusted: false };
  const { q, cut } = divHalfUp(e.coef, pow10(-shift));
  return { fen: q, adjusted: cut };
}

/** An Exact written in `unit`, in 元, exact (for showing what a cell said before rounding). */
export function exactInYuan(e: Exact, unit: Unit): Exact {
  return unit === '万元' ? (e.scale >= 4 ? { coef: e.coef, scale: e.scale - 4 } : { coef: e.coef * pow10(4 - e.scale), scale: 0 }) : e;
}

/** Trusted text in 元 with at most two decimals (our own config, tests) to Money; throws otherwise. */
export function money(text: string): Money {
  const e = exactFromText(text);
  if (e === null) throw new TypeError(`not a decimal: ${text}`);
  const { fen, adjusted } = toFen(e, '元');
  if (adjusted) throw new TypeError(`not a whole number of fen: ${text}`);
  return fen;
}

/** What rounding `roundedAmounts` amounts to the fen can move a sum by: half a fen (0.005 元) each. */
export function roundingAllowance(roundedAmounts: number): Exact {
  const coef = BigInt(roundedAmounts) * 5n;
  // 0.010, not 0.01: written to the fen unless half a fen is in it.
  return coef % 10n === 0n ? { coef: coef / 10n, scale: 2 } : { coef, scale: 3 };
}

/** True when a difference is no more than the rounding of `roundedAmounts` amounts can explain. */
export function withinRounding(diff: Money, roundedAmounts: number): boolean {
  return abs(diff) * 2n <= BigInt(roundedAmounts);
}

export type ParsedAmount =
  | { kind: 'blank' }
  | { kind: 'amount'; value: Exact; unit: Unit | undefined }
  /** Digits past MAX_AMOUNT_DIGITS: no ledger's amount, and not worth the arithmetic. */
  | { kind: 'too-long'; digits: number };

/** Significant digits in decimal text: every digit after the leading zeros. */
export function significantDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (n > 0 || c !== 0x30) n++;
  }
  return n;
}

/** An amount's coefficient past MAX_AMOUNT_DIGITS digits (a number cell read exactly). */
const TOO_LONG = 10n ** BigInt(MAX_AMOUNT_DIGITS);
export const tooManyDigits = (e: Exact): boolean => e.coef >= TOO_LONG || e.coef <= -TOO_LONG;

const BLANK_MARKS = new Set(['', '-', '--', '—', '——', '–', '/', '无']);
const CAPITAL_CHARS = /[零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億圆圓元角分整正]/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^(\d+\.?\d*|\.\d+)$/;
const SPACED = /\d{1,3}(?:\s\d{3})+(?:\.\d+)?/;

/**
 * Parses an amount as people write it in ledgers: `1,234.56`, `¥1,234.56`, `-12.30`,
 * `(1,234.56)`, `1234.56元`, `12.5万元`, full-width digits, Chinese capitals
 * (`壹万贰仟叁佰肆拾伍元陆角柒分`). Returns null for text that is not an amount; the caller
 * reports it with its location. The unit is returned when the text states one.
 */
export function parseAmount(raw: string): ParsedAmount | null {
  // Spaces may group thousands (3 000.00) or pad a currency mark (¥ 12); between two digits
  // anywhere else (1 5) they make the number ambiguous.
  let s = toHalfWidth(raw).replace(/\u00a0/g, ' ').trim();
  if (/\d\s+\d/.test(s)) {
    const spaced = SPACED.exec(s);
    if (!spaced || /\d\s+\d/.test(s.replace(spaced[0], ''))) return null;
    s = s.replace(spaced[0], spaced[0].replace(/\s/g, ''));
  }
  s = s.replace(/\s+/g, '');
  if (BLANK_MARKS.has(s)) return { kind: 'blank' };

  if (CAPITAL_CHARS.test(s) && !/\d/.test(s)) {
    const text = parseChineseCapitals(s);
    return text === null ? null : { kind: 'amount', value: exactFromText(text)!, unit: '元' };
  }

  // One sign only: parentheses, or a leading minus (before or after the currency mark).
  // (-100) says minus twice; reading it either way would be a guess.
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  const minus = () => {
    if (!/^[-−]/.test(s)) return true;
    if (negative) return false;
    negative = true;
    s = s.slice(1);
    return true;
  };
  if (!minus()) return null;
  s = s.replace(/^(¥|￥|RMB|CNY)/i, '');
  if (!minus()) return null;

  let unit: Unit | undefined;
  const unitMatch = /(万元|万|元)[整正]?$/.exec(s);
  if (unitMatch) {
    unit = unitMatch[1] === '元' ? '元' : '万元';
    s = s.slice(0, unitMatch.index);
  }

  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  else if (!PLAIN.test(s)) return null;
  if (s.length > MAX_AMOUNT_DIGITS) {
    const digits = significantDigits(s);
    if (digits > MAX_AMOUNT_DIGITS) return { kind: 'too-long', digits };
  }

  const value = exactFromText(s)!;
  return { kind: 'amount', value: negative ? { coef: -value.coef, scale: value.scale } : value, unit };
}

/** Digits a plain amount may have for plainFen: every such number is exact in a double. */
const PLAIN_DIGITS = 15;

/**
 * The fen of an amount written plainly (`1234.5`, `-12.30`, `7`: ASCII digits, at most one
 * point, an optional leading minus, nothing else) in `unit`, when that is a whole number of
 * fen; undefined for any other text, which parseAmount and toFen then read. For such text
 * both give exactly this, without the regular expressions and the Exact between them: most
 * ledger cells are written this way, and a province's ledgers have millions.
 */
export function plainFen(text: string, unit: Unit): Money | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (i === n) return undefined;
  let value = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (decimals !== -1) return undefined;
      decimals = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
    digits++;
    if (decimals !== -1) decimals++;
  }
  const scale = decimals === -1 ? 0 : decimals;
  const shift = (unit === '万元' ? 6 : 2) - scale;
  // Past the fen it must be rounded (toFen says how); past 15 digits a double is not exact.
  if (digits === 0 || shift < 0 || digits + shift > PLAIN_DIGITS) return undefined;
  const fen = BigInt(value * 10 ** shift);
  return text.charCodeAt(0) === 0x2d ? -fen : fen;
}

/** Exact text for machine output: "-1234.50", two decimals, never an exponent, never "-0.00". */
export function formatExact(m: Money): string {
  const digits = abs(m).toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return m < 0n ? `-${text}` : text;
}

/** The significant digits Excel shows and computes with (it stores doubles, but never shows more). */
export const SPREADSHEET_DIGITS = 15;

/**
 * The number a spreadsheet cell holds for the exact decimal `e`, or null when no numeric cell
 * can hold it exactly. Three things must hold: the double's shortest text (what the XLSX file
 * stores) reads back as `e`; the double, written to `e`'s decimals (two for money), is `e`'s
 * text, as a program reading the cell would format it; and `e` has at most the 15 significant
 * digits Excel shows. Every amount under ten trillion 元 passes; of larger ones only some do,
 * and the caller writes the others as text.
 */
export function spreadsheetNumber(e: Exact): number | null {
  // Trailing zeros are not significant digits: 1200000000000000000.00 has two.
  const digits = abs(e.coef).toString().replace(/0+$/, '');
  const places = Math.max(e.scale, 2);
  if (digits.length > SPREADSHEET_DIGITS || places > 100) return null;
  const text = exactText(e);
  const n = Number(text);
  if (n.toFixed(places) !== text) return null;
  const back = exactFromText(String(n));
  if (back === null) return null;
  const s = Math.max(back.scale, e.scale);
  return back.coef * pow10(s - back.scale) === e.coef * pow10(s - e.scale) ? n : null;
}

/** "1,234,567.89": exact, with thousands separators, for people. Linear in the digits. */
export function formatGrouped(m: Money): string {
  const fixed = formatExact(m);
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const dot = body.length - 3;
  let int = '';
  for (let i = 0; i < dot; i++) {
    if (i > 0 && (dot - i) % 3 === 0) int += ',';
    int += body[i];
  }
  return `${negative ? '-' : ''}${int}${body.slice(dot)}`;
}

export function maxAbs(a: Money, b: Money): Money {
  const x = abs(a);
  const y = abs(b);
  return x > y ? x : y;
}

export function absMoney(a: Money): Money {
  return abs(a);
}

/** A percentage in hundredths of a percent (8623 is 86.23%), rounded half up. */
export type Rate = bigint;

/** `part / whole` as a percentage to two places, rounded half up; null when there is no whole. */
export function percentOf(part: Money, whole: Money): Rate | null {
  if (whole === 0n) return null;
  const q = divHalfUp(part * 10000n, abs(whole)).q;
  return whole < 0n ? -q : q;
}

/** "86.23": a rate for display. */
export function formatPercent(r: Rate): string {
  return formatExact(r);
}

/** True when `diff` is at most `pct` percent of `base` (all exact). */
export function withinPercent(diff: Money, base: Money, pct: Exact): boolean {
  return abs(diff) * 100n * pow10(pct.scale) <= abs(base) * pct.coef;
}

/**
 * A percentage written as text ("0.5", "10") to Exact; throws on anything else. Trailing
 * zeros after the point are dropped ("0.50" is "0.5"), so one value has one form and settings
 * rebuilt from a report's "0.50" equal the ones that wrote it.
 */
export function percent(text: string): Exact {
  const e = exactFromText(text);
  if (e === null || e.coef < 0n) throw new TypeError(`not a percentage: ${text}`);
  let { coef, scale } = e;
  while (scale > 0 && coef % 10n === 0n) {
    coef /= 10n;
    scale--;
  }
  return { coef, scale };
}

/** For sorting: −1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareMoney(a: Money, b: Money): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
