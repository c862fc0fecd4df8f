// What every sheet reader yields: rows of cells as the file holds them, before any meaning is
// given to them. Readers never interpret amounts or headers; they only keep the file's own
// text (a numeric XLSX cell keeps the decimal text stored in the file, never a JS number).

export type Cell =
  | { readonly t: 'empty' }
  | { readonly t: 'text'; readonly v: string }
  /** A numeric cell; `v` is the decimal text stored in the file, e.g. "67.90712" or "1E-3". */
  | { readonly t: 'number'; readonly v: string }
  /** A numeric cell whose number format is a date; `v` is the serial's decimal text. */
  | { readonly t: 'date'; readonly v: string; readonly serial: string }
  | { readonly t: 'bool'; readonly v: boolean }
  /** An Excel error value such as "#DIV/0!" or "#REF!". */
  | { readonly t: 'error'; readonly v: string }
  /** A formula the file holds no computed result for. */
  | { readonly t: 'no-result'; readonly formula: string };

export const EMPTY: Cell = Object.freeze({ t: 'empty' });

/**
 * What a ledger file really is, by its bytes: CSV (or other delimited text), an .xlsx
 * workbook, an HTML table or an Excel 2003 XML workbook (both often named .xls by the systems
 * that export them). Only CSV numbers its columns 1, 2, 3 and has no merged cells; the others
 * open in Excel with lettered columns.
 */
export type SheetFormat = 'csv' | 'xlsx' | 'html' | 'spreadsheetml';

export interface RawRow {
  /**
   * 1-based row number as Excel shows it; for CSV, the line the record starts on; for an
   * HTML table, its row (<tr>) counted from the table's first.
   */
  readonly row: number;
  /** Cells by 0-based column index; missing trailing cells are simply absent. */
  readonly cells: readonly Cell[];
  /** Hidden in Excel (row height zero or hidden flag). */
  readonly hidden?: boolean;
  /**
   * Columns whose cell lies inside a merged range but is not its top-left cell. The reader
   * fills such a cell with the top-left value; consumers decide whether that value applies
   * (a merged 乡镇 applies to every row it spans, a merged amount counts once).
   */
  readonly covered?: ReadonlySet<number>;
  /** Columns whose value is a formula's cached result (for footing checks). */
  readonly formulas?: ReadonlyMap<number, string>;
}

/** How far the latest reading of a sheet's rows has got in its file, for progress displays. */
export interface ReadPosition {
  /** Bytes of the file passed so far (XLSX: of the sheet's compressed part, in proportion to its XML read). */
  bytes: number;
  /** Of how many, when known. */
  totalBytes: number | undefined;
}

export interface SheetInfo {
  readonly name: string;
  /** 'visible', 'hidden' or 'veryHidden' as the workbook says. */
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

/** 0-based column index to Excel letters: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet ready to be read: where it came from, and its rows (re-readable). */
export interface SheetSource {
  /** The path as the user gave it. */
  path: string;
  format: SheetFormat;
  sheet: string | undefined;
  sheetState: SheetInfo['state'] | undefined;
  encoding: { encoding: string; source: string } | undefined;
  delimiter: string | undefined;
  date1904: boolean;
  rows(): AsyncIterable<RawRow>;
  /**
   * The same rows as many at a time as the reader has them (CSV: a chunk of the file's
   * worth), where it can: a million rows each awaited one by one cost more than classifying them.
   */
  batches?: (() => AsyncIterable<RawRow[]>) | undefined;
  /** Columns hidden in Excel, by 0-based index (XLSX; absent for CSV). */
  hiddenColumns?: (() => Promise<ReadonlySet<number>>) | undefined;
  /** How far the latest rows() has got in the file, where the reader can tell. */
  readPosition?: (() => ReadPosition | undefined) | undefined;
}

/** An opened sheet and the SHA-256 of its file, as a run reads it (a ledger or the roster). */
export interface LedgerInput {
  source: SheetSource;
  sha256: string;
}
