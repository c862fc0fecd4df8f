// How much one workbook may make the reader inflate and hold. An .xlsx is a ZIP, so a few
// megabytes on disk can claim gigabytes of XML: every part is counted as it inflates, a cell may
// not exceed what Excel itself can hold, and the shared-string table (kept whole in memory) is
// bounded by what it costs. A hostile file then stops at once with exit 2, naming the limit.

import { FundgapError, t, type Location } from '../../errors.js';

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

/** 1,024 MB, 20 KB: sizes as a person reads them. */
const mb = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB` : `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

export function partTooLarge(displayName: string, part: string, limit: number, declared?: number): FundgapError {
  const how = declared === undefined
    ? t(`解压后超过了 ${mb(limit)}`, `inflates to more than ${mb(limit)}`)
    : t(`声明解压后有 ${mb(declared)}，超过了 ${mb(limit)}`, `declares ${mb(declared)} once inflated, more than ${mb(limit)}`);
  return new FundgapError('XLSX_PART_TOO_LARGE', t(
    `.xlsx 文件里的内部文件 ${part} ${how.zh}，超出了单个内部文件的上限`,
    `part ${part} of the .xlsx ${how.en}, the limit for one part`,
  ), {
    at: { file: displayName },
    hint: t(
      '正常的台账远没有这么大：文件可能已损坏或被人为构造。请用 Excel 或 WPS 打开后另存一份；若表格确实这么大，请拆成几个文件。',
      'no genuine ledger is this large: the file may be damaged or crafted. Open it in Excel or WPS and save a copy; if the sheet really is this big, split it into several files',
    ),
  });
}

export function sharedStringsTooLarge(displayName: string, part: string, count: number, limit: number): FundgapError {
  return new FundgapError('XLSX_PART_TOO_LARGE', t(
    `.xlsx 文件的共享字符串表（${part}）太大：读到第 ${count} 条时已需要超过 ${mb(limit)} 内存`,
    `the shared-string table of the .xlsx (${part}) is too large: by entry ${count} it needs more than ${mb(limit)} of memory`,
  ), {
    at: { file: displayName },
    hint: t(
      '请用 Excel 或 WPS 打开后另存一份；若表格确实这么大，请拆成几个文件。',
      'open it in Excel or WPS and save a copy; if the workbook really is this big, split it into several files',
    ),
  });
}

/** A cell (or shared string) longer than Excel allows; `text` is its text, when known. */
export function cellTooLong(at: Location, text: string, what = t('单元格', 'the cell')): FundgapError {
  return new FundgapError('CELL_TOO_LONG', t(
    `${what.zh}的内容超过了 Excel 允许的 ${MAX_CELL_CHARS} 个字符`,
    `${what.en} holds more than the ${MAX_CELL_CHARS.toLocaleString('en-US')} characters Excel allows in a cell`,
  ), {
    at,
    text: text === '' ? undefined : text.length > 40 ? `${text.slice(0, 40)}…` : text,
    hint: t(
      'Excel 和 WPS 都存不下这样的单元格，文件是别的程序写出的：请检查导出设置（是否把多条记录拼进了一格），或缩短这一格后重新保存。',
      'neither Excel nor WPS can hold such a cell, so another program wrote this file: check the export (were many records joined into one cell?) or shorten the cell and save again',
    ),
  });
}
