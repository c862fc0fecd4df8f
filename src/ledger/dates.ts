// Dates as ledgers hold them: Excel date cells, Excel serial numbers, and text such as
// 2019-04-14, 2019/4/14, 2019.04.14, 20190414 or 2019年4月14日. Dates are compared by
// calendar day, in ISO text (YYYY-MM-DD); time of day is dropped.

import type { Cell } from '../sheets/types.js';
import { serialToIso } from '../sheets/xlsx/dates.js';
import { toHalfWidth } from '../text/normalise.js';

const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || !isValidYmd(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * An Excel serial day number (a date column holding plain numbers) to its day. Below 10000
 * (1927) a number in a date column is far likelier a year (2019) or a count than a day in the
 * 1900s, so it is not read as a date at all.
 */
export function excelSerialToIso(serialText: string, date1904: boolean): string | null {
  if (!/^\d{5,}(\.\d+)?$/.test(serialText)) return null;
  const iso = serialToIso(serialText, date1904);
  return iso === undefined ? null : iso.slice(0, 10);
}

const PATTERNS: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * 下达时间 columns often hold only a month (2019年4月, 2019-04, 2019.4). It counts as the
 * month's first day, which the README states: a month-only allocation date can only make a
 * disbursement look later, never hide a late one.
 */
const MONTH = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/;

export function parseDateText(text: string): string | null {
  const s = toHalfWidth(text).trim().replace(/\s+/g, ' ');
  for (const p of PATTERNS) {
    const m = p.exec(s);
    if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  const month = MONTH.exec(s);
  return month ? ymd(Number(month[1]), Number(month[2]), 1) : null;
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
      return excelSerialToIso(cell.v, date1904);
    case 'text': {
      const t = cell.v.trim();
      if (t === '' || t === '-' || t === '—') return undefined;
      // A serial typed as text (43555) is a date; 20190414 and 2019.4 are not serials.
      const serial = /^\d+(\.\d+)?$/.test(t) && t.length !== 8 && !MONTH.test(t);
      return serial ? excelSerialToIso(t, date1904) : parseDateText(t);
    }
    default:
      return null;
  }
}

/** Whole days from `from` to `to` (both ISO dates); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
