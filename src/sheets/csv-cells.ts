// What both CSV readers share once a record's fields are text: cells from field values, row
// numbers that count the line breaks inside fields, and the failures a CSV file can cause
// (text not valid in its encoding, a quote never closed, a cell or a record too big to be a
// ledger's). The byte reader (csv-bytes.ts) and the csv-parse reference (csv-parse-reader.ts)
// build their rows and errors here, so the two cannot drift apart.

import { FundgapError, t } from '../errors.js';
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
  return new FundgapError('ENCODING_INVALID', t(`这段文字不是有效的 ${encoding} 编码，读出来是乱码`, `this text is not valid ${encoding}`), {
    at: { file, row, column: String(column) },
    text: excerpt(v, v.indexOf('\ufffd')),
    hint: encoding === 'gb18030'
      ? t(
        '这个文件也不是 GBK 编码；请把它另存为 UTF-8 编码的 CSV，或用 --encoding 指定编码。',
        'The file is not GBK either; save it again as UTF-8 CSV, or pass --encoding.',
      )
      : t(
        '这个文件可能是 GBK 编码：请加 --encoding gbk（或在配置中为这本台账写上 "encoding": "gbk"）。',
        'The file may be GBK-encoded: pass --encoding gbk (or set "encoding": "gbk" for this ledger in the config).',
      ),
  });
}

/**
 * The file cannot be parsed as CSV. `code` is csv-parse's name for what went wrong (the byte
 * reader uses the same names); `row` is the line the record that failed starts on.
 */
export function csvMalformed(file: string, row: number, code: string | undefined, message: string | undefined, cause: unknown): FundgapError {
  return new FundgapError('CSV_MALFORMED', t(`无法读取这个 CSV 文件（${code ?? '格式错误'}）`, `this CSV cannot be read (${code ?? 'parse error'})`), {
    at: { file, row },
    hint: message?.includes('quote')
      ? t(
        '有一个用引号括起来的单元格没有结束：请检查这一行及后面几行里多出来的 " 号。',
        'A quoted field is not closed: look for a stray " in this line or the lines after it.',
      )
      : message,
    cause,
  });
}

/** csv-parse's error for a quote still open at the end of the file, as it words it. */
export class QuoteNotClosed extends Error {
  readonly code = 'CSV_QUOTE_NOT_CLOSED';
  constructor(line: number) {
    super(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`);
  }
}

const UNCLOSED_QUOTE_HINT = t(
  '引号括起来的单元格通常不会这么长：很可能是这一格开头的 " 号没有配对的结束引号，请检查这一行。',
  'A quoted cell this long is most often a quote that is never closed: look for a stray " on this line.',
);

/** A field longer than Excel's cell limit; `head` is how it begins (it may not have ended). */
export function cellTooLong(file: string, row: number, column: number, limit: number, quoted: boolean, head: string): FundgapError {
  return new FundgapError('CELL_TOO_LONG', t(
    `这个单元格超过 ${limit} 个字符，不像是台账里的数据（Excel 的单元格最多放 ${MAX_CELL_CHARS} 个字符）`,
    `this cell is longer than ${limit} characters, which no ledger cell is (an Excel cell holds at most ${MAX_CELL_CHARS})`,
  ), {
    at: { file, row, column: String(column) },
    text: excerpt(head),
    hint: quoted
      ? UNCLOSED_QUOTE_HINT
      : t(
        '请在 Excel 或 WPS 中打开文件检查这一格；如果文件已损坏，请重新导出。',
        'Open the file in Excel or WPS and look at this cell; if the file is damaged, export it again.',
      ),
  });
}

/**
 * A record (one line, or several joined by quoted line breaks) larger than the limit in bytes,
 * or with more cells than a sheet has columns.
 */
export function recordTooLarge(file: string, row: number, column: number, limit: number | 'cells', quoted: boolean): FundgapError {
  const mb = typeof limit === 'number' ? Math.round((limit / (1024 * 1024)) * 10) / 10 : 0;
  return new FundgapError('CSV_RECORD_TOO_LARGE', limit === 'cells'
    ? t(
      `从这一行开始的一条记录超过 ${MAX_CELLS} 个单元格，比 Excel 工作表的列还多，不像是台账里的一行`,
      `the record starting on this line has more than ${MAX_CELLS} cells, more than a sheet has columns`,
    )
    : t(
      `从这一行开始的一条记录超过 ${mb} MB，不像是台账里的一行`,
      `the record starting on this line is larger than ${mb} MB, which no ledger line is`,
    ), {
    at: { file, row, column: String(column) },
    hint: quoted
      ? UNCLOSED_QUOTE_HINT
      : t(
        '请检查文件是否损坏（例如换行符丢失），或把它重新导出为 CSV。',
        'Check whether the file is damaged (line breaks lost, for example), or export it again as CSV.',
      ),
  });
}
