// What both CSV readers share once a record's fields are text: cells from field values, row
// numbers that count the line breaks inside fields, and the failures a CSV file can cause
// (text not valid in its encoding, a quote never closed, a cell or a record too big to be a
// ledger's). The byte reader (csv-bytes.ts) and the csv-parse reference (csv-parse-reader.ts)
// build their rows and errors here, so the two cannot drift apart.

import { FundgapError } from '../errors.js';
import type { EncodingName } from './encoding.js';
import { EMPTY, type Cell } from './types.js';

/** Excel holds at most 32,767 characters in a cell; a longer CSV field is no ledger's. */
export const MAX_CELL_CHARS = 32_767;

/**
 * The largest record (line, with the lines of its quoted fields) read, in bytes. Ledger lines
 * are a few hundred bytes; this only stops a broken or hostile file before it fills memory.
 */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Excel's last column is XFD, the 16,384th; a record with more cells is no sheet's. */
export const MAX_CELLS = 16_384;

/** How much of an offending text an error message quotes. */
const EXCERPT_CHARS = 60;

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks in a field's text, each as one line, the way an editor counts them. */
export function lineBreaks(field: string): number {
  if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) return 0;
  return field.match(LINE_BREAK)?.length ?? 0;
}

/**
 * Bank and 一卡通 exports write identifiers as `="430281199411057176"` so that Excel opening
 * the CSV keeps them as text instead of cutting them to 15 digits. That is a way of quoting,
 * not a formula: the cell is the text inside.
 */
const TEXT_FORMULA = /^="([^"]*)"$/;

export function unwrapTextFormula(v: string): string {
  if (v.charCodeAt(0) !== 0x3d) return v;
  const m = TEXT_FORMULA.exec(v);
  return m ? m[1]! : v;
}

/** The cell a field's text makes. */
export function fieldCell(v: string): Cell {
  if (v === '') return EMPTY;
  const text = unwrapTextFormula(v);
  return text === '' ? EMPTY : { t: 'text', v: text };
}

/** A record's cells; a lone empty field is an empty line, with no cells. */
export function recordCells(cells: Cell[]): Cell[] {
  return cells.length === 1 && cells[0] === EMPTY ? [] : cells;
}

/** At most EXCERPT_CHARS of `text`, around `at` when given, with … where it was cut. */
export function excerpt(text: string, at = 0): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const start = Math.max(0, Math.min(at - 20, text.length - EXCERPT_CHARS));
  const end = start + EXCERPT_CHARS;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** A field whose text holds U+FFFD: bytes that are not valid in the file's encoding. */
export function encodingInvalid(file: string, row: number, column: number, encoding: EncodingName, v: string): FundgapError {
  return new FundgapError({
    code: 'ENCODING_INVALID',
    at: { file, row, column: String(column) },
    text: excerpt(v, v.indexOf('\ufffd')),
    encoding,
    advice: encoding === 'gb18030' ? 'not-gbk' : 'gbk',
  });
}

/**
 * The file cannot be parsed as CSV. `code` is csv-parse's name for what went wrong (the byte
 * reader uses the same names); `row` is the line the record that failed starts on.
 */
export function csvMalformed(file: string, row: number, code: string | undefined, message: string | undefined, cause: unknown): FundgapError {
  return new FundgapError({ code: 'CSV_MALFORMED', at: { file, row }, parser: code, detail: message, quote: message?.includes('quote') === true }, { cause });
}

/** csv-parse's error for a quote still open at the end of the file, as it words it. */
export class QuoteNotClosed extends Error {
  readonly code = 'CSV_QUOTE_NOT_CLOSED';
  constructor(line: number) {
    super(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }
}

/** A field longer than Excel's cell limit; `head` is how it begins (it may not have ended). */
export function cellTooLong(file: string, row: number, column: number, limit: number, quoted: boolean, head: string): FundgapError {
  return new FundgapError({ code: 'CELL_TOO_LONG', at: { file, row, column: String(column) }, text: excerpt(head), limit, excelLimit: MAX_CELL_CHARS, quoted, source: 'csv' });
}

/**
 * A record (one line, or several joined by quoted line breaks) larger than the limit in bytes,
 * or with more cells than a sheet has columns.
 */
export function recordTooLarge(file: string, row: number, column: number, limit: number | 'cells', quoted: boolean): FundgapError {
  return new FundgapError({
    code: 'CSV_RECORD_TOO_LARGE',
    at: { file, row, column: String(column) },
    limitBytes: limit === 'cells' ? undefined : limit,
    limitCells: limit === 'cells' ? MAX_CELLS : undefined,
    quoted,
  });
}
