// Failures: input the tool cannot read, or options it cannot honour. They stop the run with
// exit code 2. Gaps in the money are never failures; they are findings in the report.
// Every failure names where it happened the way a person finds it in Excel or an editor.

export type ErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FORMAT_UNKNOWN'
  | 'ENCODING_INVALID'
  | 'CSV_MALFORMED'
  | 'CSV_ROW_WIDTH'
  | 'XLSX_MALFORMED'
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
  | 'CONFIG_INVALID'
  | 'OUTPUT_FAILED';

/** Where in the input a failure sits. `row` is the 1-based row as Excel shows it (CSV: line). */
export interface Location {
  file: string;
  sheet?: string | undefined;
  row?: number | undefined;
  /** The column letter (XLSX) or 1-based index (CSV), with the header text when known. */
  column?: string | undefined;
}

export class FundgapError extends Error {
  readonly code: ErrorCode;
  readonly at: Location | undefined;
  /** The offending text, shown quoted after the message. */
  readonly text: string | undefined;
  /** One line telling the user how to get past this. */
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { at?: Location | undefined; text?: string | undefined; hint?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FundgapError';
    this.code = code;
    this.at = details.at;
    this.text = details.text;
    this.hint = details.hint;
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

/** One self-contained message: location, what is wrong, the bad text, and the way out. */
export function formatError(e: FundgapError): string {
  const parts: string[] = [];
  const head = e.at ? `${formatLocation(e.at)}: ${e.message}` : e.message;
  parts.push(e.text !== undefined ? `${head}: ${JSON.stringify(e.text)}` : head);
  if (e.hint) parts.push(`  ${e.hint}`);
  return parts.join('\n');
}
