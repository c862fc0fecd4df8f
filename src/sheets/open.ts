// From a ledger argument (`file.xlsx#分配表`, `拨付.csv`, `导出.xls#2`) to a sheet source: which
// format the file really is (detect.ts decides, by its bytes), which sheet or table, which
// encoding. This module and io/ are where the reading side touches the file system.

import { existsSync } from 'node:fs';
import { FundgapError } from '../errors.js';
import type { ByteSource } from '../io/bytes.js';
import { fileBytes, pathKind } from '../io/files.js';
import { recogniseFile } from './detect.js';
import type { EncodingName } from './encoding.js';
import { openHtml } from './html/read-html.js';
import { openCsv } from './read-csv.js';
import { openSpreadsheetMl } from './read-spreadsheetml.js';
import type { RawRow, ReadPosition, SheetInfo, SheetSource } from './types.js';
import { openXlsx } from './xlsx/read-xlsx.js';

export interface LedgerRef {
  path: string;
  sheet: string | undefined;
}

/** `book.xlsx#Sheet 2` names a sheet; a file whose own name holds '#' still opens as itself. */
export function parseLedgerRef(arg: string): LedgerRef {
  const hash = arg.lastIndexOf('#');
  if (hash <= 0 || existsSync(arg)) return { path: arg, sheet: undefined };
  return { path: arg.slice(0, hash), sheet: arg.slice(hash + 1) || undefined };
}

export interface OpenOptions {
  sheet?: string | undefined;
  encoding?: EncodingName | undefined;
}

export interface OpenedSheet extends SheetSource {
  /** All sheets of a workbook in tab order, or the tables of an HTML file; none for CSV. */
  sheets: readonly SheetInfo[];
}

export async function openSheet(path: string, opts: OpenOptions = {}): Promise<OpenedSheet> {
  const format = await recogniseFile(path);
  switch (format) {
    case 'xlsx':
      return openWorkbook(path, opts, await openXlsx(path, path), { format, encoding: undefined });
    case 'spreadsheetml': {
      const book = await openSpreadsheetMl(fileBytes(path), path, { encoding: opts.encoding });
      return openWorkbook(path, opts, book, { format, encoding: book.encoding });
    }
    case 'html':
      return openHtmlTable(path, opts);
    case 'csv':
      return openCsvFile(path, opts);
  }
}

interface Workbook {
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  rows(sheet: string): AsyncIterable<RawRow>;
  /** Columns hidden in the sheet (XLSX only). */
  hiddenColumns?(sheet: string): Promise<ReadonlySet<number>>;
  /** How far the sheet's latest reading has got (XLSX only). */
  readPosition?(sheet: string): ReadPosition | undefined;
}

function openWorkbook(path: string, opts: OpenOptions, book: Workbook, how: Pick<SheetSource, 'format' | 'encoding'>): OpenedSheet {
  // Without a name, the sheet a person sees first on opening the file: hidden ones are
  // skipped unless every sheet is hidden.
  const info =
    opts.sheet === undefined
      ? (book.sheets.find((s) => s.state === 'visible') ?? book.sheets[0])
      : book.sheets.find((s) => s.name === opts.sheet);
  if (!info) {
    const names = book.sheets.map((s) => s.name);
    const example = `${path}#${book.sheets[0]?.name ?? 'Sheet1'}`;
    throw new FundgapError({ code: 'SHEET_NOT_FOUND', at: { file: path }, problem: 'workbook', sheet: opts.sheet, sheets: names, example });
  }
  return {
    path,
    format: how.format,
    sheet: info.name,
    sheetState: info.state,
    sheets: book.sheets,
    encoding: how.encoding,
    delimiter: undefined,
    date1904: book.date1904,
    rows: () => book.rows(info.name),
    hiddenColumns: book.hiddenColumns ? () => book.hiddenColumns!(info.name) : undefined,
    readPosition: book.readPosition ? () => book.readPosition!(info.name) : undefined,
  };
}

async function openHtmlTable(path: string, opts: OpenOptions): Promise<OpenedSheet> {
  const book = await openHtml(fileBytes(path), path, { encoding: opts.encoding });
  const table = book.find(opts.sheet);
  if (!table) {
    throw new FundgapError({
      code: 'SHEET_NOT_FOUND',
      at: { file: path },
      problem: 'html',
      sheet: opts.sheet,
      tables: book.tables.map((x) => ({ index: x.index, name: x.name })),
      example: `${path}#2`,
    });
  }
  return {
    path,
    format: 'html',
    sheet: table.name,
    sheetState: table.state,
    sheets: book.tables.map(({ name, state }) => ({ name, state })),
    encoding: book.encoding,
    delimiter: undefined,
    date1904: false,
    rows: () => book.rows(table),
  };
}

async function openCsvFile(path: string, opts: OpenOptions): Promise<OpenedSheet> {
  if (opts.sheet !== undefined) {
    throw new FundgapError({ code: 'SHEET_NOT_FOUND', at: { file: path }, problem: 'csv', sheet: opts.sheet });
  }
  const bytes = counted(fileBytes(path));
  const { size } = await pathKind(path);
  const csv = await openCsv(bytes.source, path, { encoding: opts.encoding });
  return {
    path,
    format: 'csv',
    sheet: undefined,
    sheetState: undefined,
    sheets: [],
    encoding: { encoding: csv.encoding.encoding, source: csv.encoding.source },
    delimiter: csv.delimiter,
    date1904: false,
    rows: () => csv.rows(),
    batches: () => csv.batches(),
    readPosition: () => ({ bytes: bytes.read(), totalBytes: size }),
  };
}

/** The source's bytes, counted: how many its latest reading has taken so far. */
function counted(source: ByteSource): { source: ByteSource; read(): number } {
  let read = 0;
  async function* tally(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of chunks) {
      read += chunk.length;
      yield chunk;
    }
  }
  return {
    source: () => {
      read = 0;
      return tally(source());
    },
    read: () => read,
  };
}
