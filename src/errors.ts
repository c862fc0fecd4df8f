// Failures: input the tool cannot read, or options it cannot honour. They stop the run with
// exit code 2. Gaps in the money are never failures; they are findings in the report.
// Every failure names where it happened the way a person finds it in Excel or an editor, and
// says what is wrong in Chinese (the default) and English (`--lang en`).

export type ErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  /** A file of zero bytes. */
  | 'FILE_EMPTY'
  /** A folder where a ledger file was expected. */
  | 'FILE_IS_DIRECTORY'
  /** Bytes that are no format fundgap knows of. */
  | 'FORMAT_UNKNOWN'
  /** A spreadsheet in a format not read (.xls, .et, .xlsb, .ods): save it as .xlsx. */
  | 'FORMAT_UNSUPPORTED'
  /** A password-protected workbook: remove the password. */
  | 'FORMAT_ENCRYPTED'
  /** Not a table at all (PDF, Word, a picture): export the table from where it came from. */
  | 'FORMAT_NOT_SPREADSHEET'
  /** A ZIP or RAR archive of other files: unpack it and pass the ledger inside. */
  | 'FORMAT_ARCHIVE'
  /** The ~$ lock file Excel or WPS keeps while a workbook is open: pass the workbook. */
  | 'FORMAT_LOCK_FILE'
  | 'ENCODING_INVALID'
  | 'CSV_MALFORMED'
  | 'CSV_ROW_WIDTH'
  | 'CSV_RECORD_TOO_LARGE'
  | 'CELL_TOO_LONG'
  | 'XLSX_MALFORMED'
  /** Excel 2003 XML (SpreadsheetML) that is not well-formed. */
  | 'XML_MALFORMED'
  /** A table past the size Excel has (columns, rows, characters in a cell). */
  | 'TABLE_TOO_LARGE'
  | 'XLSX_PART_TOO_LARGE'
  | 'SHEET_NOT_FOUND'
  | 'SHEET_NO_HEADER'
  | 'COLUMN_NOT_FOUND'
  | 'COLUMN_AMBIGUOUS'
  | 'KEY_MISSING'
  | 'AMOUNT_INVALID'
  | 'DATE_INVALID'
  | 'CELL_ERROR'
  | 'CELL_NO_RESULT'
  | 'UNIT_CONFLICT'
  | 'UNIT_MIXED'
  | 'HEADING_AMBIGUOUS'
  | 'ROWS_AFTER_END'
  | 'STATUS_UNKNOWN'
  | 'CONFIG_INVALID'
  /** A file given to `verify` that is not a fundgap report it can read (damaged, another schema). */
  | 'REPORT_INVALID'
  | 'OUTPUT_FAILED'
  /** An input file changed while its report was being written: run again. */
  | 'INPUT_CHANGED'
  /** --engine duckdb (or normalise, report --from) without @duckdb/node-api installed. */
  | 'ENGINE_UNAVAILABLE'
  /** Normalised rows or an engine's result tables that are not what fundgap writes and reads. */
  | 'RESULTS_INVALID';

/** Where in the input a failure sits. `row` is the 1-based row as Excel shows it (CSV: line). */
export interface Location {
  file: string;
  sheet?: string | undefined;
  row?: number | undefined;
  /** The column letter (XLSX) or 1-based index (CSV), with the header text when known. */
  column?: string | undefined;
}

/** A message in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * What a FundgapError says: bilingual, or a plain string where the text is the same in both
 * languages (a parser's own message passed through).
 */
export type ErrorText = string | Bilingual;

/** `t('不是有效的金额', 'not an amount')`: the Chinese first, as the user reads it. */
export function t(zh: string, en: string): Bilingual {
  return { zh, en };
}

function both(w: ErrorText): Bilingual {
  return typeof w === 'string' ? { zh: w, en: w } : w;
}

export class FundgapError extends Error {
  readonly code: ErrorCode;
  readonly at: Location | undefined;
  /** The offending text, shown quoted after the message. */
  readonly text: string | undefined;
  /** One line telling the user how to get past this, in English (as `message` is). */
  readonly hint: string | undefined;
  /** The message (`message` is its English side) and the hint, in both languages. */
  readonly bilingual: { message: Bilingual; hint: Bilingual | undefined };

  constructor(
    code: ErrorCode,
    message: ErrorText,
    details: { at?: Location | undefined; text?: string | undefined; hint?: ErrorText | undefined; cause?: unknown } = {},
  ) {
    const bilingual = { message: both(message), hint: details.hint === undefined ? undefined : both(details.hint) };
    super(bilingual.message.en, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FundgapError';
    this.code = code;
    this.at = details.at;
    this.text = details.text;
    this.hint = bilingual.hint?.en;
    this.bilingual = bilingual;
  }
}

/** `ledger.xlsx[分配表]:14:E (金额)` — the form editors and people both read. */
export function formatLocation(at: Location): string {
  let s = at.file;
  if (at.sheet !== undefined) s += `[${at.sheet}]`;
  if (at.row !== undefined) s += `:${at.row}`;
  if (at.column !== undefined) s += `:${at.column}`;
  return s;
}

/**
 * One self-contained message in the user's language: location, what is wrong, the bad text,
 * and the way out. The location is the same in both languages.
 */
export function formatError(e: FundgapError, lang: Lang): string {
  const parts: string[] = [];
  const message = e.bilingual.message[lang];
  const head = e.at ? `${formatLocation(e.at)}: ${message}` : message;
  parts.push(e.text !== undefined ? `${head}: ${JSON.stringify(e.text)}` : head);
  const hint = e.bilingual.hint?.[lang];
  if (hint) parts.push(`  ${hint}`);
  return parts.join('\n');
}import { type Lang } from './domain.js';

