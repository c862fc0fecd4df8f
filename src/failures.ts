// The failure catalogue: every way a run can stop with exit code 2, as data keyed by code.
// A failure carries where it happened, the offending text and what the message needs (a limit,
// the choices, the config path) — never words. src/failure-messages.ts writes every
// message and hint from this data, in Chinese and English, as report/messages.ts does for findings.

import type { Role } from './domain.js';

/** Where in the input a failure sits. `row` is the 1-based row as Excel shows it (CSV: line). */
export interface Location {
  file: string;
  sheet?: string | undefined;
  row?: number | undefined;
  /** The column letter (XLSX) or 1-based index (CSV), with the header text when known. */
  column?: string | undefined;
}

/** A column as a refusal names it: `C 下达金额`. */
export interface ColumnRef {
  ref: string;
  display: string;
}

/** An amount column offered as a candidate: hidden ones are never taken, components may be added. */
export interface CandidateColumn extends ColumnRef {
  hidden: boolean;
  component: boolean;
}

/** What a config file's value got wrong, as the schema check found it. */
export type ConfigProblem =
  | { kind: 'type'; expected: string }
  | { kind: 'unknown-keys'; keys: string[] }
  | { kind: 'one-of'; values: string[] }
  | { kind: 'headings' | 'status' | 'strings' | 'empty-string' | 'empty-list' | 'decimal' | 'yuan' }
  | { kind: 'at-least' | 'more-than' | 'at-most' | 'less-than'; bound: string }
  /** The schema's own message, English only where no translation is known. */
  | { kind: 'other'; message: string; zh?: string | undefined };

/** A command-line option value and what it should have been. */
export type OptionExpectation =
  | 'days' | 'whole-number' | 'yuan' | 'number' | 'unit' | 'encoding' | 'fail-on' | 'lang' | 'date' | 'similarity';

/** Fields every failure may carry: where, and the offending text (quoted after the message). */
interface Base {
  at?: Location | undefined;
  text?: string | undefined;
}

type F<C extends string, D = object> = Base & { code: C } & D;

export type Failure =
  // Command line and files
  | F<'USAGE',
    | { problem: 'option-value'; option: string; expects: OptionExpectation; choices?: string[] | undefined; got: string | number }
    | { problem: 'unknown-ledger'; option: string; name: string; choices: string[] }
    | { problem: 'unknown-stage'; option: string; name: string; choices: string[] }
    | { problem: 'key-empty' }
    | { problem: 'role'; choices: string[] }
    | { problem: 'engine-only'; options: string[] }
    /** Settings the SQL engine does not compute, and whether the command line or the config gave each. */
    | { problem: 'engine-cannot'; settings: { name: 'mergeSimilar' | 'groupBy'; from: 'cli' | 'config' }[]; command: 'normalise' | 'reconcile' }
    /** `option` is --tolerance-pct, or the config key that gave the percentage. */
    | { problem: 'tolerance-places'; value: string; option: string; command: 'normalise' | 'reconcile' }
    | { problem: 'output-folder-not-empty'; option: string }
    | { problem: 'output-folder-is-file'; option: string }
    | { problem: 'output-folder-overlaps'; option: string; other: string }
    | { problem: 'results-from-results' }
    | { problem: 'output-is-input' }
    | { problem: 'base-not-folder' }
    | { problem: 'format-not-written'; ext: string; out: string; formats: string }
    | { problem: 'format-contradicts-out'; format: string; out: string; ext: string; implied: string; renamed: string }
    | { problem: 'file-only'; format: string; ext: string }
    | { problem: 'csv-encoding-not-csv'; format: string }>
  | F<'FILE_NOT_FOUND', {
    what?: 'config' | undefined;
    /** A file a report names that verify cannot find: which, as recorded, and any others missing. */
    named?: { kind: Role | 'roster' | 'config'; recorded: string; base: boolean; others: string[] } | undefined;
  }>
  | F<'FILE_UNREADABLE', { errno?: string | undefined }>
  | F<'FILE_EMPTY'>
  | F<'FILE_IS_DIRECTORY', { ledgers: string[]; count: number }>
  // What a file is
  | F<'FORMAT_UNKNOWN', { what: 'binary' | 'xml' | 'ole-damaged' | 'ole-other' }>
  | F<'FORMAT_UNSUPPORTED', { what: 'mht' | 'xlsb' | 'ods' | 'et' | 'xls' }>
  | F<'FORMAT_ENCRYPTED'>
  | F<'FORMAT_NOT_SPREADSHEET', { what: 'pdf' | 'picture' | 'docx' | 'pptx' | 'ofd' | 'opendocument' | 'office' | 'doc' | 'ppt' }>
  | F<'FORMAT_ARCHIVE', { archive: 'ZIP' | 'RAR' | '7z' | 'gzip'; files?: number | undefined; listed?: { names: string[]; more: number; tables: boolean } | undefined }>
  | F<'FORMAT_LOCK_FILE', { workbook: string }>
  // Reading the bytes
  | F<'ENCODING_INVALID', { encoding: string; advice: 'gbk' | 'not-gbk' | 'name-it' | 'name-it-utf8' | 'page-gbk' | 'page-declared' }>
  | F<'CSV_MALFORMED', { parser: string | undefined; detail: string | undefined; quote: boolean }>
  | F<'CSV_ROW_WIDTH', { cells: number; width: number; side: 'wide' | 'short' }>
  | F<'CSV_RECORD_TOO_LARGE', { limitBytes?: number | undefined; limitCells?: number | undefined; quoted: boolean }>
  | F<'CELL_TOO_LONG', { limit: number; excelLimit: number; quoted?: boolean | undefined; source: 'csv' | 'xlsx'; shared?: { part: string; entry: number } | undefined }>
  | F<'XLSX_MALFORMED',
    | { problem: 'empty' | 'xls' | 'encrypted' | 'not-zip' | 'no-directory' | 'zip64' | 'not-xlsx-bytes' }
    | { problem: 'directory'; detail: 'past-end' | 'corrupt' }
    | { problem: 'no-workbook'; part: string }
    | { problem: 'sheet-missing'; sheet: string; part?: string | undefined }
    | { problem: 'entry'; part: string; why: 'method' | 'header' | 'data'; method?: number | undefined }
    | { problem: 'xml'; part: string; sheet?: string | undefined; detail: string }
    | { problem: 'cell'; what: 'outside-row' | 'past-last-row' | 'nested-row' | 'past-last-column' | 'nested-cell' | 'shared-string' }>
  | F<'XML_MALFORMED', { problem: 'xml'; detail: string } | { problem: 'past-last-row' | 'past-last-column' }>
  | F<'TABLE_TOO_LARGE', { what: 'tables' | 'cell' | 'rows' | 'spans' | 'columns'; limit?: number | undefined }>
  | F<'XLSX_PART_TOO_LARGE',
    | { problem: 'inflated'; part: string; limit: number; declared?: number | undefined }
    | { problem: 'shared-strings'; part: string; count: number; limit: number }
    | { problem: 'merges'; part: string; limit: number }>
  | F<'SHEET_NOT_FOUND',
    | { problem: 'workbook'; sheet?: string | undefined; sheets: string[]; example: string }
    | { problem: 'named'; sheets: { name: string; state: string }[] }
    | { problem: 'html'; sheet?: string | undefined; tables: { index: number; name: string }[]; example: string }
    | { problem: 'csv'; sheet: string }>
  // Reading the ledger
  | F<'SHEET_NO_HEADER', { problem: 'configured-row'; headerRow: number; configPath: string } | { problem: 'not-found'; scanned: number }>
  | F<'COLUMN_NOT_FOUND',
    | { problem: 'configured'; field: string; column: string; header: ColumnRef[]; configPath: string }
    | { problem: 'status'; header: ColumnRef[]; configPath: string }
    | { problem: 'amount'; header: ColumnRef[]; hidden: ColumnRef[]; configPath: string }
    | { problem: 'roster-id' }
    | { problem: 'group-by'; by: string }>
  | F<'COLUMN_AMBIGUOUS',
    | { problem: 'amount'; candidates: CandidateColumn[]; configPath: string }
    | { problem: 'status'; candidates: ColumnRef[]; configPath: string }
    | { problem: 'key'; key: string; header: ColumnRef[]; configPath: string }>
  | F<'KEY_MISSING',
    | { problem: 'row' }
    | { problem: 'no-column'; key: string; header: ColumnRef[]; configPath: string }
    | { problem: 'is-amount'; key: string }>
  | F<'AMOUNT_INVALID', { problem: 'not-amount' | 'date' }>
  | F<'AMOUNT_TOO_LONG', { digits: number; limit: number }>
  | F<'ROWS_TOO_MANY', { limit: number; option: string }>
  | F<'DATE_INVALID', { problem: 'text' | 'number' | 'year-month'; year?: string | undefined; month?: string | undefined; first?: number | undefined; last?: number | undefined }>
  | F<'CELL_ERROR', { value: string; expected: 'amount' | 'key' | 'date' }>
  | F<'CELL_NO_RESULT'>
  | F<'UNIT_CONFLICT',
    | { problem: 'columns'; first: ColumnRef & { unit: string }; clash: ColumnRef & { unit: string }; configPath: string }
    | { problem: 'option'; unit: string; stated: string; where: 'header' | 'sheet'; header: string; configPath: string }>
  | F<'UNIT_MIXED', { wanRow: number | undefined; configPath: string }>
  | F<'HEADING_AMBIGUOUS', {
    kind: 'doubt' | 'paid-elsewhere';
    label: string;
    amount: string;
    under: { first: number | undefined; last: number | undefined; count: number };
    rival: boolean;
    otherLedger?: Role | undefined;
    maybe: number[];
    notRow?: number | undefined;
    configPath: string;
  }>
  | F<'ROWS_AFTER_END', { signOffRow: number; count: number; label: string; amount: string; lastMoneyRow: number; configPath: string }>
  | F<'STATUS_UNKNOWN', { configPath: string }>
  // Config, reports, output
  | F<'CONFIG_INVALID', { problem: 'json'; detail: string } | { problem: 'schema'; issues: { path: string; problem: ConfigProblem }[] }>
  | F<'REPORT_INVALID',
    | { problem: 'not-file' | 'not-report' | 'no-schema' | 'no-lists' | 'head-sheet' | 'head-row' | 'too-large' }
    | { problem: 'schema'; schema: string; readable: string[] }
    | { problem: 'line'; line: number; object: boolean }
    | { problem: 'json'; detail: string; sheet?: string | undefined }
    | { problem: 'part'; where: string; detail: string; newer: boolean }
    | { problem: 'other'; detail: string }>
  | F<'OUTPUT_FAILED',
    | { problem: 'text-only' | 'is-folder' | 'exists' }
    | { problem: 'no-folder'; folder: string }
    | { problem: 'io'; errno: string; action: 'write' | 'check' }>
  | F<'INPUT_CHANGED'>
  /** `detail`: why an installed DuckDB could not be loaded; absent when it is not installed. */
  | F<'ENGINE_UNAVAILABLE', { detail?: string | undefined }>
  | F<'RESULTS_INVALID',
    | { problem: 'out-of-range' | 'duplicate-key' }
    | { problem: 'manifest'; why: 'json' | 'schema'; schema: string }
    | { problem: 'manifest-shape'; path: string; detail: string }
    /** What the result tables summed for one input against what normalise wrote (`expected` null: a file normalise did not write). */
    | { problem: 'row-counts'; role: Role; file: string; expected: { used: number; excluded: number; amount: string } | null; got: { used: number; excluded: number; amount: string } | null }
    | { problem: 'column-type'; table: string; column: string; expected: string; got: string | null }
    | { problem: 'engine'; detail: string }
    | { problem: 'no-manifest'; file: string }
    | { problem: 'value'; table: string; column: string }
    | { problem: 'no-table'; table: string }
    | { problem: 'role'; table: string }>;

export type FailureCode = Failure['code'];

/** A failure's data without the fields named (`at`, `code`), kept apart for each variant. */
export type FailureData<T extends Failure, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A failure of one code, with its data. */
export type FailureOf<C extends FailureCode> = Extract<Failure, { code: C }>;
