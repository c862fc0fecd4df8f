// What a finished <c> element means: its type (t=), style (s=), cached value (<v>), formula
// (<f>) and inline string (<is>) become one Cell. Pure apart from a cache of converted dates;
// numeric text is never turned into a JS number, so amounts keep the file's own digits.

import { EMPTY, type Cell } from '../types.js';
import type { Failure, FundgapError } from '../../errors.js';
import { isoCellText, serialToIso } from './dates.js';
import { decodeOoxmlEscapes } from './shared-strings.js';
import type { DateStyles } from './styles.js';
import { detach } from './xml.js';

/** Everything read from one <c> element so far. */
export interface CellDraft {
  /** 0-based column. */
  col: number;
  /** The t= attribute: 'n' (number, the default), 's', 'str', 'inlineStr', 'b', 'e' or 'd'. */
  type: string;
  /** The s= attribute, an index into the styles' cellXfs. */
  style: number;
  /** Whether a <v> was seen, and its text. */
  hasV: boolean;
  v: string;
  /** The formula text, or undefined when the cell has no <f>. */
  f: string | undefined;
  /** The si= of a shared formula (<f t="shared">), whose master holds the text. */
  sharedSi: string | undefined;
  /** Whether an <is> was seen; its text is collected apart. */
  hasIs: boolean;
}

export function emptyDraft(): CellDraft {
  return { col: -1, type: 'n', style: 0, hasV: false, v: '', f: undefined, sharedSi: undefined, hasIs: false };
}

export interface CellLookups {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: DateStyles;
  readonly date1904: boolean;
}

/** Distinct date serials remembered; timestamps with seconds could otherwise grow it without bound. */
const DATE_CACHE_SIZE = 10_000;

/** Builds the error for a bad cell; the caller knows where the cell is. */
export type CellProblem = Extract<Failure, { code: 'XLSX_MALFORMED'; problem: 'cell' }>['what'];
export type CellFailure = (what: CellProblem, text: string) => FundgapError;

/**
 * Number(s), the way indexes and attributes are read, with a shortcut for the plain digits they
 * nearly always are. Not for amounts: those stay text.
 */
export function numberOf(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return Number(s);
  let x = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return Number(s);
    x = x * 10 + d;
  }
  return x;
}

/** s.trim(), without the call when s plainly has nothing to trim. */
function trimmed(s: string): string {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? s : s.trim();
}

// An empty string reads as an empty cell, as it does from CSV and as Excel shows it.
const textCell = (v: string): Cell => (v === '' ? EMPTY : { t: 'text', v });

export class CellValues {
  // A ledger repeats a few thousand dates over many rows; converting each serial once is
  // much cheaper than a Date per cell.
  private readonly dateCache = new Map<string, string | undefined>();

  constructor(private readonly lookups: CellLookups) {}

  /** The cell's value; `inline` is the text of its <is>, read only when it had one. */
  value(cell: CellDraft, inline: () => string, fail: CellFailure): Cell {
    if (cell.hasIs) return textCell(inline());
    const v = cell.type === 'str' ? cell.v : trimmed(cell.v);
    if (!cell.hasV || (v === '' && cell.type !== 'str')) {
      return cell.f === undefined ? EMPTY : { t: 'no-result', formula: cell.f };
    }
    switch (cell.type) {
      case 's': {
        const str = this.lookups.sharedStrings[numberOf(v)];
        if (str === undefined) throw fail('shared-string', v);
        return textCell(str);
      }
      case 'str':
      case 'inlineStr':
        return textCell(detach(decodeOoxmlEscapes(v)));
      case 'b':
        return { t: 'bool', v: v === '1' || v === 'true' };
      case 'e':
        return { t: 'error', v: detach(v) };
      case 'd':
        return { t: 'date', v: detach(isoCellText(v)), serial: '' };
      default:
        return this.number(v, cell.style);
    }
  }

  private number(v: string, style: number): Cell {
    if (this.lookups.dateStyles[style] === true) {
      const iso = this.serialToIso(v);
      // A serial no calendar can show (negative, past 9999) stays the number it is.
      if (iso !== undefined) return { t: 'date', v: iso, serial: detach(v) };
    }
    return { t: 'number', v: detach(v) };
  }

  private serialToIso(v: string): string | undefined {
    const cache = this.dateCache;
    let iso = cache.get(v);
    if (iso === undefined && !cache.has(v)) {
      if (cache.size >= DATE_CACHE_SIZE) cache.clear();
      iso = serialToIso(v, this.lookups.date1904);
      // The key is copied so that it does not keep the parser's chunk of text alive.
      cache.set(detach(v), iso);
    }
    return iso;
  }
}
