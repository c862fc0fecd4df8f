// Header cells and unit lines: what a column is called, and which unit its amounts are in
// when the sheet says so (`金额(元)`, `投资规模\n(万元)`, a "单位:万元" line above the table).

import type { Unit } from '../money.js';
import type { Cell } from '../sheets/types.js';
import { normaliseKey, toHalfWidth } from '../text/normalise.js';
import { toSimplified } from '../text/traditional.js';

/** The text a cell shows, for labels and headers (never for amounts). */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.t) {
    case 'text':
    case 'number':
    case 'date':
    case 'error':
      return cell.v;
    case 'bool':
      return cell.v ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

export interface HeaderName {
  /** As shown to the user: whitespace tidied, otherwise as written. */
  display: string;
  /** Without the unit suffix and in simplified characters, for matching against aliases. */
  base: string;
  unit: Unit | undefined;
}

const UNIT_SUFFIX = /[(\[【]\s*(?:单位\s*[:：]?\s*)?(万元|元|万)\s*[)\]】]$/;

export function parseHeaderName(text: string): HeaderName {
  const display = normaliseKey(text.replace(/[\r\n]+/g, ' '));
  const half = toSimplified(toHalfWidth(display).replace(/\s+/g, ''));
  // A two-row header arrives as `资金规模(万元)/小计`: the merged parent states the unit for
  // every column under it, so each part may carry one; a child's own unit wins.
  let unit: Unit | undefined;
  const base = half
    .split('/')
    .map((part) => {
      const m = UNIT_SUFFIX.exec(part);
      if (!m) return part;
      unit = m[1] === '元' ? '元' : '万元';
      return part.slice(0, m.index);
    })
    .join('/');
  return { display, base, unit };
}

const UNIT_LINE = /单位[:：]?(万元|元)/;

/** The unit a "单位:万元" line (or a title ending "（单位：元）") states. */
export function unitFromLine(texts: readonly string[]): Unit | undefined {
  for (const t of texts) {
    const m = UNIT_LINE.exec(toSimplified(toHalfWidth(t).replace(/\s+/g, '')));
    if (m) return m[1] === '元' ? '元' : '万元';
  }
  return undefined;
}

export type TotalKind = 'total' | 'subtotal';

// 总计 and 累计 total everything above them whatever precedes them: "全县总计", and the
// "本年累计" that follows each "本月合计" in an account book (明细账).
const TOTAL = /^(合计|合計|共计|共計)[:：]?$|^(.*)(总计|總計|累计|累計)[:：]?$/;
const SUBTOTAL = /^(.*)(小计|小計)[:：]?$|^(.+)(合计|合計)[:：]?$/;

/**
 * Whether a label cell marks a total row: 合计/总计/累计 total the sheet, 小计 and "乐都区合计"
 * (or "本月合计") total a group. Simplified and traditional forms; spaces inside ("合 计") are
 * ignored.
 */
export function totalKindOf(label: string): TotalKind | undefined {
  const s = toHalfWidth(label).replace(/\s+/g, '');
  if (s === '') return undefined;
  if (TOTAL.test(s)) return 'total';
  if (SUBTOTAL.test(s)) return 'subtotal';
  return undefined;
}

/** "其中：中央资金" rows break down the row above; adding them would count money twice. */
export function isBreakdownLabel(label: string): boolean {
  return /^其中[:：]?/.test(toHalfWidth(label).trim());
}
