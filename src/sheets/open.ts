// From a ledger argument (`file.xlsx#分配表`, `拨付.csv`) to a sheet source: which format the
// file really is (by its bytes, not its name), which sheet, which encoding. This module and
// io/ are where the reading side touches the file system.

import { existsSync } from 'node:fs';
import { FundgapError, t } from '../errors.js';
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
    throw new FundgapError('FORMAT_UNKNOWN', t(
      '这是 Excel 97-2003（.xls）或 WPS（.et）格式的文件，本工具不能读取',
      'this is an Excel 97-2003 (.xls) or WPS (.et) file, which is not read',
    ), {
      at: { file: path },
      hint: t(
        '请另存为 .xlsx（文件 → 另存为 → Excel 工作簿）或 CSV 后再运行。',
        'Save it as .xlsx (文件 → 另存为 → Excel 工作簿) or as CSV, and run again.',
      ),
    });
  }
  if (/\.(xlsx|xlsm)$/i.test(path)) {
    throw new FundgapError('XLSX_MALFORMED', t('文件名是 .xlsx，但内容不是 Excel 工作簿', 'this file is named .xlsx but is not an Excel workbook'), {
      at: { file: path },
      hint: t('文件可能已损坏或没有下载完整，请重新导出一份。', 'It may be damaged or only partly downloaded; export it again.'),
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
      const names = book.sheets.map((s) => s.name);
      const example = `${path}#${book.sheets[0]?.name ?? 'Sheet1'}`;
      throw new FundgapError('SHEET_NOT_FOUND', opts.sheet === undefined
        ? t('这个工作簿里没有工作表', 'the workbook has no sheets')
        : t(`找不到名为“${opts.sheet}”的工作表`, `no sheet named "${opts.sheet}"`), {
        at: { file: path },
        hint: t(
          `工作簿中的工作表有：${names.join('、')}。请在文件名后写明读哪一张，例如 ${example}`,
          `The workbook has: ${names.join(', ')}. Name one after the file: ${example}`,
        ),
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
      hiddenColumns: () => book.hiddenColumns(info.name),
    };
  }
  if (opts.sheet !== undefined) {
    throw new FundgapError('SHEET_NOT_FOUND', t(
      `CSV 文件没有工作表，无法读取“#${opts.sheet}”`,
      `a CSV file has no sheets, so "#${opts.sheet}" cannot be read`,
    ), {
      at: { file: path },
      hint: t('CSV 文件请去掉文件名后面的 # 和工作表名。', 'Drop the #sheet part for CSV files.'),
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
