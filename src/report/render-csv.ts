// The key table as CSV for Excel: UTF-8 with a BOM (Chinese Excel reads anything else as
// GBK), CRLF line ends, exact amounts, and text that Excel would run as a formula
// (=, +, -, @ at the start) neutralised with a leading apostrophe. Written a line at a time.

import { formatExact } from '../money.js';
import { label, STATUS_NAMES } from './messages.js';
import type { GapReport } from './model.js';

/** Quotes a field when it needs it, and defuses text that a spreadsheet would execute. */
export function csvField(value: string, isText: boolean): string {
  let v = value;
  if (isText && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The key table, a line at a time: every key, however many. */
export function* renderCsv(report: GapReport): Generator<string> {
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
  yield `\ufeff${header.map((h) => csvField(h, true)).join(',')}\r\n`;
  const text = (s: string) => csvField(s, true);
  const num = (s: string) => csvField(s, false);
  for (const k of report.keys) {
    const cells = [
      text(k.display),
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
