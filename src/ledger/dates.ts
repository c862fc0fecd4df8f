// Dates as ledgers hold them: Excel date cells, Excel serial numbers, yyyymmdd numbers, and
// dates written as text (text/dates.ts). Dates are compared by calendar day, in ISO text
// (YYYY-MM-DD); time of day is dropped.

import type { Cell } from '../sheets/types.js';
import { serialToIso } from '../sheets/xlsx/dates.js';
import { FIRST_YEAR, isoDay, LAST_YEAR, parseDateText } from '../text/dates.js';

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
export function badDate(cell: Cell): { problem: 'text' | 'number' | 'year-month'; year?: string; month?: string; first?: number; last?: number } {
  if (cell.t === 'number' && /^\d{4}\.\d{1,2}$/.test(cell.v.trim())) {
    const [year, month] = cell.v.trim().split('.');
    return { problem: 'year-month', year, month };
  }
  if (cell.t === 'number') return { problem: 'number', first: FIRST_YEAR, last: LAST_YEAR };
  return { problem: 'text' };
}
