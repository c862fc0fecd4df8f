// From a ledger argument (`file.xlsx#分配表`, `拨付.csv`) to a sheet source: which format the
// file really is (by its bytes, not its name), which sheet, which encoding. This module and
// io/ are where the reading side touches the file system.

import { existsSync } from 'node:fs';
import { FundgapError } from '../errors.js';
import { fileBytes, readHeadBytes, requireFile } from '../io/files.js';
import type { SheetSource } from '../ledger/read-ledger.js';
import type { EncodingName } from './encoding.js';
import { openCsv } from './read-csv.js';
import type { SheetInfo } from './types.js';
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

export type FileFormat = 'csv' | 'xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function sniffFormat(path: string): Promise<FileFormat> {
  const head = await readHeadBytes(path, 8);
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(ZIP)) return 'xlsx';
  if (starts(OLE)) {
    throw new FundgapError('FORMAT_UNKNOWN', 'this is an Excel 97-2003 (.xls) or WPS (.et) file, which is not read', {
      at: { file: path },
      hint: 'Save it as .xlsx (文件 → 另存为 → Excel 工作簿) or as CSV, and run again.',
    });
  }
  if (/\.(xlsx|xlsm)$/i.test(path)) {
    throw new FundgapError('XLSX_MALFORMED', 'this file is named .xlsx but is not an Excel workbook', {
      at: { file: path },
      hint: 'It may be damaged or only partly downloaded; export it again.',
    });
  }
  return 'csv';
}

export interface OpenOptions {
  sheet?: string | undefined;
  encoding?: EncodingName | undefined;
}

export interface OpenedSheet extends SheetSource {
  /** All sheets of a workbook, in tab order (XLSX only). */
  sheets: readonly SheetInfo[];
}

export async function openSheet(path: string, opts: OpenOptions = {}): Promise<OpenedSheet> {
  await requireFile(path);
  const format = await sniffFormat(path);
  if (format === 'xlsx') {
    const book = await openXlsx(path, path);
    // Without a name, the sheet a person sees first on opening the file: hidden ones are
    // skipped unless every sheet is hidden.
    const info =
      opts.sheet === undefined
        ? (book.sheets.find((s) => s.state === 'visible') ?? book.sheets[0])
        : book.sheets.find((s) => s.name === opts.sheet);
    if (!info) {
      throw new FundgapError('SHEET_NOT_FOUND', opts.sheet === undefined ? 'the workbook has no sheets' : `no sheet named "${opts.sheet}"`, {
        at: { file: path },
        hint: `The workbook has: ${book.sheets.map((s) => s.name).join(', ')}. Name one after the file: ${path}#${book.sheets[0]?.name ?? 'Sheet1'}`,
      });
    }
    return {
      path,
      format,
      sheet: info.name,
      sheetState: info.state,
      sheets: book.sheets,
      encoding: undefined,
      delimiter: undefined,
      date1904: book.date1904,
      rows: () => book.rows(info.name),
    };
  }
  if (opts.sheet !== undefined) {
    throw new FundgapError('SHEET_NOT_FOUND', `a CSV file has no sheets, so "#${opts.sheet}" cannot be read`, {
      at: { file: path },
      hint: 'Drop the #sheet part for CSV files.',
    });
  }
  const csv = await openCsv(fileBytes(path), path, { encoding: opts.encoding });
  return {
    path,
    format,
    sheet: undefined,
    sheetState: undefined,
    sheets: [],
    encoding: { encoding: csv.encoding.encoding, source: csv.encoding.source },
    delimiter: csv.delimiter,
    date1904: false,
    rows: () => csv.rows(),
  };
}
