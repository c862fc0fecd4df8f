// Dates as ledgers hold them: Excel date cells, Excel serial numbers, yyyymmdd numbers, and
// text such as 2019-04-14, 2019/4/14 9:10, 2019.04.14, 20190414 or 2019年4月14日 09:10:33.
// Dates are compared by calendar day, in ISO text (YYYY-MM-DD); time of day is dropped.

import { t, type Bilingual } from '../errors.js';
import type { Cell } from '../sheets/types.js';
import { serialToIso } from '../sheets/xlsx/dates.js';
import { toHalfWidth } from '../text/normalise.js';

const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Years a fund ledger's date can fall in; anything outside is a misread, not a date. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < FIRST_YEAR || y > LAST_YEAR || !isValidYmd(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * An Excel serial day number (a date column holding plain numbers) to its day. Below 10000
 * (1927) a number in a date column is far likelier a year (2019) or a count than a day in the
 * 1900s, so it is not read as a date at all; past 2200 it is no serial either. So a serial
 * has 5 or 6 digits and never reaches 190001, where the yyyymm and yyyymmdd forms begin:
 * no number has two readings.
 */
export function excelSerialToIso(serialText: string, date1904: boolean): string | null {
  if (!/^\d{5,6}(\.\d+)?$/.test(serialText)) return null;
  const iso = serialToIso(serialText, date1904);
  if (iso === undefined || Number(iso.slice(0, 4)) > LAST_YEAR) return null;
  return iso.slice(0, 10);
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
function isoDay(text: string): string | null | undefined {
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

/**
 * A number in a date column: yyyymmdd (20190405, how many finance and bank systems store a
 * day), yyyymmddHHMMSS, yyyymm, or an Excel serial. The forms cannot overlap (see
 * excelSerialToIso), so each number is read one way or not at all.
 */
function numberToIso(text: string, date1904: boolean): string | null {
  const s = text.trim();
  if (/^\d{8}$/.test(s) || /^\d{6}$/.test(s) && Number(s) >= 190001) return parseDateText(s);
  if (/^\d{14}$/.test(s)) {
    const [h, m, sec] = [s.slice(8, 10), s.slice(10, 12), s.slice(12, 14)].map(Number);
    return h! <= 23 && m! <= 59 && sec! <= 60 ? parseDateText(s.slice(0, 8)) : null;
  }
  return excelSerialToIso(s, date1904);
}

/** A date cell's day; undefined when blank, null when the cell is not a date. */
export function parseDateCell(cell: Cell, date1904: boolean): string | undefined | null {
  switch (cell.t) {
    case 'empty':
      return undefined;
    case 'date':
      // Cells typed as dates (t="d") carry ISO text that the file could get wrong.
      return parseDateText(cell.v.slice(0, 10));
    case 'number':
      return numberToIso(cell.v, date1904);
    case 'text': {
      const t = cell.v.trim();
      const iso = isoDay(t);
      if (iso !== undefined) return iso;
      if (t === '' || t === '-' || t === '—') return undefined;
      // Digits alone are read as a number would be (43555, 20190414, 201904); 2019.4 is a
      // month written as text, and 43555.5 a serial with a time of day.
      return /^\d+$/.test(t) || /^\d{5,}\.\d+$/.test(t) ? numberToIso(t, date1904) : parseDateText(t);
    }
    default:
      return null;
  }
}

/** Why a cell is not a date, where more can be said than the forms a date may take. */
export function badDateHint(cell: Cell): Bilingual {
  if (cell.t === 'number' && /^\d{4}\.\d{1,2}$/.test(cell.v.trim())) {
    const [y, m] = cell.v.trim().split('.');
    return t(
      `这是一个数字（${cell.v}），不是日期：它可能是 ${y}年${m}月，也可能是 ${y}年${m}0月（Excel 会去掉小数末尾的 0）。请把这一列设成日期格式，或写成文字 ${y}-${m!.padStart(2, '0')}。`,
      `This is the number ${cell.v}, not a date: it may be ${y}-${m!.padStart(2, '0')} or ${y}-${m}0 (Excel drops a trailing 0). Format the column as dates, or write the month as text (${y}-${m!.padStart(2, '0')}).`,
    );
  }
  if (cell.t === 'number') {
    return t(
      `这个数字既不是 yyyymmdd 形式的日期（如 20190405），也不是 ${FIRST_YEAR}–${LAST_YEAR} 年之间的 Excel 日期序号。请核对这一格，或把这一列设成日期格式。`,
      `This number is neither a yyyymmdd date (20190405) nor an Excel date serial between ${FIRST_YEAR} and ${LAST_YEAR}. Check the cell, or format the column as dates.`,
    );
  }
  return t(
    '日期可以写成 2019-04-14、2019/4/14 9:10、2019年4月14日、20190414，也可以是 Excel 的日期单元格。',
    'Dates may look like 2019-04-14, 2019/4/14 9:10, 2019年4月14日 or 20190414, or be Excel date cells.',
  );
}

/** Whole days from `from` to `to` (both ISO dates); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
