// How much one workbook may make the reader inflate and hold. An .xlsx is a ZIP, so a few
// megabytes on disk can claim gigabytes of XML: every part is counted as it inflates, a cell may
// not exceed what Excel itself can hold, and the shared-string table (kept whole in memory) is
// bounded by what it costs. A hostile file then stops at once with exit 2, naming the limit.

import { FundgapError, type Location } from '../../errors.js';

export interface XlsxLimits {
  /** Inflated bytes any one part (a worksheet, the shared strings, the styles) may have. */
  readonly maxPartBytes: number;
  /** Roughly the memory, in bytes, the shared-string table may take once read. */
  readonly maxSharedStringsBytes: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  // Streamed parts cost time, not memory; a million-row, twenty-column ledger is about 600 MB.
  maxPartBytes: 1024 * 1024 * 1024,
  // Three million typical entries; the whole table plus the reader stays under ~300 MB of RSS.
  maxSharedStringsBytes: 192 * 1024 * 1024,
};

/** Excel's limit on the characters in one cell (UTF-16 units, as Excel and JS count them). */
export const MAX_CELL_CHARS = 32_767;
/**
 * Raw text a cell may have before its _xHHHH_ escapes are decoded: any character may be
 * written as a 7-character escape. Past this, no decoding can bring it under the limit.
 */
export const MAX_RAW_CELL_CHARS = 7 * MAX_CELL_CHARS;

export function partTooLarge(displayName: string, part: string, limit: number, declared?: number): FundgapError {
  return new FundgapError({ code: 'XLSX_PART_TOO_LARGE', at: { file: displayName }, problem: 'inflated', part, limit, declared });
}

export function sharedStringsTooLarge(displayName: string, part: string, count: number, limit: number): FundgapError {
  return new FundgapError({ code: 'XLSX_PART_TOO_LARGE', at: { file: displayName }, problem: 'shared-strings', part, count, limit });
}

/** A cell (or shared string) longer than Excel allows; `text` is its text, when known. */
export function cellTooLong(at: Location, text: string, shared?: { part: string; entry: number }): FundgapError {
  return new FundgapError({
    code: 'CELL_TOO_LONG',
    at,
    text: text === '' ? undefined : text.length > 40 ? `${text.slice(0, 40)}…` : text,
    limit: MAX_CELL_CHARS,
    excelLimit: MAX_CELL_CHARS,
    source: 'xlsx',
    shared,
  });
}
