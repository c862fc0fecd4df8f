// The key table as CSV for Excel and WPS: UTF-8 with a BOM (Chinese Excel reads a file without
// one as GBK) unless the CLI encodes it as GB18030 for older tools, CRLF line ends, exact
// amounts, keys kept as written, and text Excel would run as a formula neutralised.
// Written a line at a time.

import { formatExact } from '../money.js';
import { label, STATUS_NAMES } from './messages.js';
import type { GapReport } from './model.js';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (the default); off when the text is encoded otherwise. */
  bom?: boolean;
}

/** What a field holds, which decides how it is protected from the spreadsheet opening it. */
export type CsvKind = 'number' | 'text' | 'key';

/**
 * Text Excel would turn into a number, date, time or fraction on opening a CSV: 00123 loses its
 * zeros, 430281199411057176 shows as 4.30281E+17 and keeps 15 digits, 3-1 becomes 1 March,
 * 3.10 becomes 3.1, (12) becomes -12. Digits alone are safe up to 11 (Excel shows 11 in full)
 * unless they start with 0.
 */
export function excelWouldChange(v: string): boolean {
  if (/^\d+$/.test(v)) return v.length > 11 || (v.length > 1 && v.startsWith('0'));
  return /\d/.test(v) && /^[\d\s.,:/%()eE+-]+$/.test(v);
}

/** Text a spreadsheet would run as a formula, or read as one (a leading tab or CR hides it). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Amounts (`number`) go as they are: a negative gap stays a number. Text that a
 * spreadsheet would execute gets a leading apostrophe, shown but inert. A key or ID that Excel
 * would change is written as the formula ="…", the one form Excel and WPS keep as text on
 * opening a CSV; it can hold nothing but a literal of digits and number signs, so it runs no code.
 */
export function csvField(value: string, kind: CsvKind): string {
  let v = value;
  if (kind === 'key' && excelWouldChange(v)) v = `="${v}"`;
  else if (kind !== 'number' && FORMULA_START.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The key table, a line at a time: every key, however many. */
export function* renderCsv(report: GapReport, opts: CsvOptions = {}): Generator<string> {
  const lang = report.settings.lang;
  const header = [
    label('key', lang),
    label('colAllocated', lang),
    label('colDisbursed', lang),
    label('colLanded', lang),
    label('retained', lang),
    label('notLanded', lang),
    label('gap', lang),
    label('status', lang),
    `${label('evidence', lang)}: ${label('colAllocated', lang)}`,
    `${label('evidence', lang)}: ${label('colDisbursed', lang)}`,
    `${label('evidence', lang)}: ${label('colLanded', lang)}`,
  ];
  yield `${opts.bom === false ? '' : '\ufeff'}${header.map((h) => csvField(h, 'text')).join(',')}\r\n`;
  const text = (s: string) => csvField(s, 'text');
  const num = (s: string) => csvField(s, 'number');
  for (const k of report.keys) {
    const cells = [
      csvField(k.display, 'key'),
      num(formatExact(k.allocated)),
      num(formatExact(k.disbursed)),
      num(formatExact(k.landed)),
      num(formatExact(k.retained)),
      num(formatExact(k.notLanded)),
      num(formatExact(k.gap)),
      text(k.status.map((s) => STATUS_NAMES[s][lang]).join(lang === 'zh' ? '、' : '; ')),
      text(k.evidence.allocated.join(' ')),
      text(k.evidence.disbursed.join(' ')),
      text(k.evidence.landed.join(' ')),
    ];
    yield `${cells.join(',')}\r\n`;
  }
}
