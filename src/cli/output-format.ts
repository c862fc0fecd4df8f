// Which format a report is written in, and where: -f when given, else what the -o file's
// extension says, else text. A -f that the extension contradicts, or a spreadsheet extension
// fundgap does not write, stops the run before any ledger is read: a file named .xlsx holding
// plain text opens in Excel as an error, or worse, as something else.

import { extname } from 'node:path';
import { FundgapError, t } from '../errors.js';

export const REPORT_FORMATS = ['text', 'md', 'json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats that are written only to a file (-o): they are not text a terminal can show. */
const FILE_ONLY: readonly ReportFormat[] = ['xlsx'];

const BY_EXTENSION: Record<string, ReportFormat> = {
  '.txt': 'text',
  '.md': 'md',
  '.markdown': 'md',
  '.json': 'json',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.html': 'html',
  '.htm': 'html',
};

/** The extension each format is saved under, for the hint that fixes a contradiction. */
const EXTENSION: Record<ReportFormat, string> = { text: '.txt', md: '.md', json: '.json', csv: '.csv', xlsx: '.xlsx', html: '.html' };

/** Extensions of documents fundgap does not write; a report under one would not open as one. */
const NOT_WRITTEN = new Set(['.xls', '.xlsm', '.xlsb', '.et', '.ods', '.numbers', '.pdf', '.doc', '.docx', '.wps', '.rtf']);

export const CSV_ENCODINGS = ['utf-8', 'gb18030', 'gbk'] as const;
export type CsvEncodingName = (typeof CSV_ENCODINGS)[number];

export interface Output {
  format: ReportFormat;
  /** The file (-o); standard output when absent. */
  out: string | undefined;
  /** CSV only: UTF-8 with a BOM, or GB18030 (asked for as gb18030 or gbk) without one. */
  csvEncoding: 'utf-8' | 'gb18030';
}

function usage(message: ReturnType<typeof t>, hint?: ReturnType<typeof t>): FundgapError {
  return new FundgapError('USAGE', message, { hint });
}

const LIST = Object.keys(BY_EXTENSION).filter((e) => e !== '.markdown' && e !== '.htm').join(' ');

/** The report format and destination from -f, -o and --csv-encoding, or a usage error saying how to settle it. */
export function chooseOutput(o: { format?: string | undefined; out?: string | undefined; csvEncoding?: string | undefined }): Output {
  const ext = o.out === undefined ? '' : extname(o.out).toLowerCase();
  if (NOT_WRITTEN.has(ext)) {
    throw usage(
      t(`fundgap 不能写 ${ext} 格式：-o ${o.out}`, `fundgap does not write ${ext} files: -o ${o.out}`),
      t(`报告可以写成 ${LIST}，例如 -o 报告.xlsx`, `it writes ${LIST}, for example -o report.xlsx`),
    );
  }
  const implied = BY_EXTENSION[ext];
  const given = o.format as ReportFormat | undefined;
  if (given !== undefined && implied !== undefined && given !== implied) {
    const renamed = o.out!.slice(0, o.out!.length - ext.length) + EXTENSION[given];
    throw usage(
      t(`-f ${given} 与 -o ${o.out} 矛盾：扩展名 ${ext} 表示 ${implied} 格式`, `-f ${given} contradicts -o ${o.out}: the extension ${ext} means the ${implied} format`),
      t(`去掉 -f 即写成 ${implied}；要写 ${given}，把文件名改为 ${renamed}`, `drop -f to write ${implied}, or name the file ${renamed} to write ${given}`),
    );
  }
  const format = given ?? implied ?? 'text';
  if (o.out === undefined && FILE_ONLY.includes(format)) {
    throw usage(t(`-f ${format} 只能写入文件`, `-f ${format} writes to a file only`), t(`加 -o 报告${EXTENSION[format]}`, `add -o report${EXTENSION[format]}`));
  }
  if (o.csvEncoding !== undefined && format !== 'csv') {
    throw usage(
      t(`--csv-encoding 只用于 CSV 报告，而本次写的是 ${format}`, `--csv-encoding applies to the CSV report only, and this run writes ${format}`),
      t('加 -f csv（或 -o 报告.csv），或去掉 --csv-encoding', 'add -f csv (or -o report.csv), or drop --csv-encoding'),
    );
  }
  return { format, out: o.out, csvEncoding: o.csvEncoding === 'gb18030' || o.csvEncoding === 'gbk' ? 'gb18030' : 'utf-8' };
}
