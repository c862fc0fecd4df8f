// Dates written as text, and the calendar arithmetic on them: 2019-04-14, 2019/4/14 9:10,
// 2019.04.14, 20190414 or 2019年4月14日 09:10:33 to ISO (YYYY-MM-DD), time of day dropped.
// Below the stages: ledgers, ID numbers (birth dates), rules, analyses and the CLI all read dates.

import { toHalfWidth } from './normalise.js';

const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Years a fund ledger's date can fall in; anything outside is a misread, not a date. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < FIRST_YEAR || y > LAST_YEAR || !isValidYmd(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A time of day after the date, which is dropped: 09:10:33, 9:10, 上午9:10, 09时10分33秒, T08:15:00Z. */
const TIME =
  /^(?:T|\s*)(?:(?:上午|下午|AM|PM)\s*)?(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?|时(?:(\d{1,2})分(?:(\d{1,2})秒)?)?)\s*(?:AM|PM|上午|下午)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function isTimeOfDay(rest: string): boolean {
  if (rest === '') return true;
  const m = TIME.exec(rest);
  if (!m) return false;
  const [h, min, s] = [m[1], m[2] ?? m[4], m[3] ?? m[5]].map((x) => (x === undefined ? 0 : Number(x)));
  return h! <= 24 && min! <= 59 && s! <= 60;
}

const DATE_THEN_TIME: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s])(.*)$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})(?:日|号)(.*)$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})()$/,
  /^(\d{4})(\d{2})(\d{2})(?=$|[T\s])(.*)$/,
];

/**
 * 下达时间 columns often hold only a month (2019年4月, 2019-04, 2019.4, 201904). It counts as
 * the month's first day, which the README states: a month-only allocation date can only make
 * a disbursement look later, never hide a late one.
 */
const MONTH = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

/**
 * 2019-04-14 exactly, the form most exports write: the day, checked, without the general
 * parser's normalising and regular expressions (a million dated rows pay for those). The same
 * answer as parseDateText; undefined when the text is not in this form.
 */
export function isoDay(text: string): string | null | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  // Four, two and two digits are already the form ymd() writes.
  return y < FIRST_YEAR || y > LAST_YEAR || !isValidYmd(y, m, d) ? null : text;
}

export function parseDateText(text: string): string | null {
  const iso = isoDay(text);
  if (iso !== undefined) return iso;
  // 2019 年 6 月 10 日: spaces around the characters say nothing.
  const s = toHalfWidth(text).trim().replace(/\s+/g, ' ').replace(/ ?([年月日号时分秒]) ?/g, '$1');
  for (const p of DATE_THEN_TIME) {
    const m = p.exec(s);
    if (m) return isTimeOfDay(m[4]!.trim() === '' ? '' : m[4]!) ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  }
  const month = MONTH.exec(s) ?? COMPACT_MONTH.exec(s);
  return month ? ymd(Number(month[1]), Number(month[2]), 1) : null;
}

/** Whole days from `from` to `to` (both ISO dates); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
