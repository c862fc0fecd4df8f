// The only door to decimal.js. Amounts enter as text and stay exact decimals in 元 from the
// cell to the report; a JavaScript number never carries money. Rounding happens only where a
// renderer asks for display precision, or where an amount read carries digits past the fen
// (roundToFen), which the ledger reader records and reports.

import { Decimal } from 'decimal.js';
import { parseChineseCapitals } from './text/chinese-capitals.js';
import { toHalfWidth } from './text/normalise.js';

// 40 significant digits holds any ledger total with room to spare; the default (20) would
// round a sum of many 万元 amounts with six decimals. ROUND_HALF_UP is how 元 are rounded
// on Chinese financial statements (四舍五入).
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

export type Money = Decimal;
export type Unit = '元' | '万元';

export const ZERO: Money = new D(0);
const TEN_THOUSAND = new D(10000);
const HUNDRED = new D(100);

/** An amount in `unit` as 元. Exact: 67.90712 万元 is 679071.2 元. */
export function toYuan(value: Money, unit: Unit): Money {
  return unit === '万元' ? value.times(TEN_THOUSAND) : value;
}

/** Canonical decimal text (as stored in an XLSX `<v>`, possibly with an exponent) to Money. */
export function moneyFromDecimalText(text: string): Money | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return null;
  return new D(text);
}

/** Trusted canonical text (from our own config or tests) to Money; throws on anything else. */
export function money(text: string): Money {
  const m = moneyFromDecimalText(text);
  if (m === null) throw new TypeError(`not a decimal: ${text}`);
  return m;
}

/**
 * A spreadsheet numeric cell holds a binary double, stored with up to 17 significant digits
 * (3.3449999999999998 for a computed 3.345). Excel shows and computes with 15, so that is
 * the value the sheet means. Rounding the 17-digit text straight to 分 would give 3.34 where
 * Excel shows 3.35; the value is rounded to the fen afterwards, like any other (roundToFen).
 */
export function cellNumberToMoney(value: Money): Money {
  return value.toSignificantDigits(15, Decimal.ROUND_HALF_UP);
}

/** Half a fen: the most that rounding one amount to the fen can move it. */
export const HALF_FEN: Money = new D('0.005');

/**
 * An amount in 元 rounded half-up to the fen (0.01 元, which is 0.000001 万元), the precision
 * every ledger is kept in; `adjusted` says whether that changed it. A General-format export
 * ("16666.6666666667") and a cell computed as =10/3 carry digits past the fen that no payment
 * can have; rounding them at read time, the same way for text and numeric cells, keeps one
 * ledger's 16666.67 equal to another's.
 */
export function roundToFen(yuan: Money): { value: Money; adjusted: boolean } {
  if (yuan.decimalPlaces() <= 2) return { value: yuan, adjusted: false };
  return { value: yuan.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), adjusted: true };
}

/** The rounding a number of amounts rounded to the fen may have caused between two sums. */
export function roundingAllowance(roundedAmounts: number): Money {
  return HALF_FEN.times(roundedAmounts);
}

export type ParsedAmount =
  | { kind: 'blank' }
  | { kind: 'amount'; value: Money; unit: Unit | undefined };

const BLANK_MARKS = new Set(['', '-', '--', '—', '——', '–', '/', '无']);
const CAPITAL_CHARS = /[零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億圆圓元角分整正]/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^(\d+\.?\d*|\.\d+)$/;

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
    const spaced = /\d{1,3}(?:\s\d{3})+(?:\.\d+)?/.exec(s);
    if (!spaced || /\d\s+\d/.test(s.replace(spaced[0], ''))) return null;
    s = s.replace(spaced[0], spaced[0].replace(/\s/g, ''));
  }
  s = s.replace(/\s+/g, '');
  if (BLANK_MARKS.has(s)) return { kind: 'blank' };

  if (CAPITAL_CHARS.test(s) && !/\d/.test(s)) {
    const text = parseChineseCapitals(s);
    return text === null ? null : { kind: 'amount', value: new D(text), unit: '元' };
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

  const value = new D(s);
  return { kind: 'amount', value: negative && !value.isZero() ? value.negated() : value, unit };
}

/** Exact text for machine output: at least two decimals, never rounded, never an exponent. */
export function formatExact(m: Money): string {
  return unsignZero(m.toFixed(Math.max(2, m.decimalPlaces())));
}

/** decimal.js keeps the sign of zero ("-0.00"); a report never shows one. */
function unsignZero(fixed: string): string {
  return /^-0(\.0*)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/**
 * Display text with thousands separators, rounded half-up to `dp` places. Used only by
 * renderers, which say in the report that figures are shown rounded when they are.
 */
export function formatDisplay(m: Money, dp = 2): string {
  return groupThousands(unsignZero(m.toFixed(dp, Decimal.ROUND_HALF_UP)));
}

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

/** Exact text with thousands separators, for prose: never rounded, at least two decimals. */
export function formatGrouped(m: Money): string {
  return groupThousands(formatExact(m));
}

/** A percentage for display, rounded half-up to `dp` places. */
export function formatPercent(m: Money, dp = 2): string {
  return unsignZero(m.toFixed(dp, Decimal.ROUND_HALF_UP));
}

/** True when showing `m` at `dp` places would hide digits. */
export function isRoundedAt(m: Money, dp = 2): boolean {
  return m.decimalPlaces() > dp;
}

export function maxAbs(a: Money, b: Money): Money {
  return a.abs().greaterThan(b.abs()) ? a.abs() : b.abs();
}

/** `part / whole` as a percentage, exact to 40 digits; null when there is no whole. */
export function percentOf(part: Money, whole: Money): Money | null {
  if (whole.isZero()) return null;
  return part.div(whole).times(HUNDRED);
}

/** `pct` percent of `base`. */
export function percentage(base: Money, pct: Money): Money {
  return base.times(pct).div(HUNDRED);
}
