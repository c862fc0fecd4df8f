// Reading a report back for `fundgap verify`: a JSON report a key and a finding at a time, as
// reconcile writes them (one per line), or whole when someone has laid it out otherwise; or an
// XLSX working paper's veryHidden `fundgap` sheet, which holds the report's head as JSON text
// cut into cells of column A. What a file is comes from its bytes, not its name.

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline';
import { FundgapError } from '../errors.js';
import type { FailureData, FailureOf } from '../failures.js';
import { pathKind, readHeadBytes } from '../io/files.js';
import { openXlsx } from '../sheets/xlsx/read-xlsx.js';

/** The schemas verify reads; v1 reports carry the same head, keys and figures. */
export const READABLE_SCHEMAS = ['fundgap.report/v1', 'fundgap.report/v2'] as const;
export type ReadableSchema = (typeof READABLE_SCHEMAS)[number];

/** The sheet of an XLSX working paper that holds the report's head. */
export const HEAD_SHEET = 'fundgap';

export interface RecordedItem {
  part: 'keys' | 'findings';
  /** The item's JSON text as the report holds it: compared with the re-run's before anything is parsed. */
  text: string;
  /** The item parsed; a line that is not JSON is an error naming it. */
  value(): unknown;
}

export interface RecordedReport {
  kind: 'json' | 'xlsx';
  schema: ReadableSchema;
  /** schema, tool, parameters, inputs, totals, summary and, in a JSON report, the rest of its head. */
  head: Record<string, unknown>;
  /** A JSON report's keys, then its findings, in the report's order; read as they are asked for. */
  items: AsyncIterable<RecordedItem> | null;
}

/** A JSON report bigger than this is read only in the layout reconcile writes. */
const WHOLE_LIMIT = 256 * 1024 * 1024;

const KEYS_OPEN = '  "keys": [';
const KEYS_EMPTY = '  "keys": [],';
const KEYS_CLOSE = '  ],';
const FINDINGS_OPEN = '  "findings": [';
const FINDINGS_EMPTY = '  "findings": []';
const FINDINGS_CLOSE = '  ]';

type Invalid = FailureData<FailureOf<'REPORT_INVALID'>, 'code' | 'at'>;

function invalid(file: string, problem: Invalid, row?: number): FundgapError {
  return new FundgapError({ code: 'REPORT_INVALID', at: { file, row }, ...problem });
}

export async function readReport(path: string): Promise<RecordedReport> {
  const { kind, size } = await pathKind(path);
  if (kind !== 'file') throw invalid(path, { problem: 'not-file' });
  const head = Buffer.from(await readHeadBytes(path, 4096));
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsxReport(path);
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('{')) throw invalid(path, { problem: 'not-report' });
  return (await readStreamed(path)) ?? (await readWhole(path, size));
}

/** The head's schema, checked: a fundgap report of a schema this version reads. */
function checked(path: string, kind: RecordedReport['kind'], head: unknown, items: RecordedReport['items']): RecordedReport {
  const schema = head !== null && typeof head === 'object' && !Array.isArray(head) ? (head as Record<string, unknown>).schema : undefined;
  if (typeof schema !== 'string' || !schema.startsWith('fundgap.report/')) {
    throw invalid(path, { problem: 'no-schema' });
  }
  if (!(READABLE_SCHEMAS as readonly string[]).includes(schema)) {
    throw invalid(path, { problem: 'schema', schema, readable: [...READABLE_SCHEMAS] });
  }
  return { kind, schema: schema as ReadableSchema, head: head as Record<string, unknown>, items };
}

/**
 * The layout reconcile writes: the head pretty-printed, then `"keys": [`, one key a line,
 * `],`, `"findings": [`, one finding a line, `]`, `}`. Null when the file is laid out
 * otherwise (before any item is handed out); damage further down is an error naming the line.
 */
async function readStreamed(path: string): Promise<RecordedReport | null> {
  const lines = new ReportLines(createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity }));
  const start = await readHead(lines);
  if (start === null) {
    lines.close();
    return null;
  }
  const report = checked(path, 'json', start.head, null);
  return { ...report, items: streamItems(path, lines, start.keysLine) };
}

/** A report's lines, counted so damage can name its line, with room for one line read ahead. */
class ReportLines {
  /** The number of the last line read. */
  n = 0;
  /** A line read ahead, to be taken before the next. */
  pending: string | undefined;
  private readonly lines: AsyncIterator<string>;

  constructor(private readonly rl: Interface) {
    this.lines = rl[Symbol.asyncIterator]();
  }

  async next(): Promise<string | undefined> {
    const r = await this.lines.next();
    if (r.done) return undefined;
    this.n++;
    return r.value;
  }

  close(): void {
    this.rl.close();
  }
}

/**
 * The head, up to the line that opens the keys, and that line; null when the file is not laid
 * out as reconcile writes it. The first key is read ahead, to see that keys are a line each.
 */
async function readHead(lines: ReportLines): Promise<{ head: Record<string, unknown>; keysLine: string } | null> {
  const first = (await lines.next())?.replace(/^\uFEFF/, '');
  if (first !== '{') return null;
  const headLines: string[] = [];
  let keysLine: string | undefined;
  for (let line = await lines.next(); line !== undefined; line = await lines.next()) {
    if (line === KEYS_OPEN || line === KEYS_EMPTY) {
      keysLine = line;
      break;
    }
    headLines.push(line);
  }
  if (keysLine === undefined) return null;
  let head: Record<string, unknown>;
  try {
    // The head's last line ends in a comma: close it with a member that is then dropped.
    head = JSON.parse(`{\n${headLines.join('\n')}\n"keys": null}`) as Record<string, unknown>;
  } catch {
    return null;
  }
  delete head.keys;
  // One key on the line after `"keys": [` says the rest is written a line at a time too.
  if (keysLine === KEYS_OPEN) {
    lines.pending = await lines.next();
    const item = lines.pending === undefined ? undefined : itemOf(lines.pending);
    if (item === undefined || !isObject(parsed(item.text))) return null;
  }
  return { head, keysLine };
}

/** The keys then the findings, a line each, as the verifier asks for them; the file is closed at the end. */
async function* streamItems(path: string, lines: ReportLines, keysLine: string): AsyncGenerator<RecordedItem> {
  try {
    const damaged = () => invalid(path, { problem: 'line', line: lines.n, object: false }, lines.n);
    /** The items of one array, up to its closing line; `open` is false for an empty one. */
    async function* array(part: RecordedItem['part'], open: boolean, close: string): AsyncGenerator<RecordedItem> {
      if (!open) return;
      for (;;) {
        const line = lines.pending ?? (await lines.next());
        lines.pending = undefined;
        const item = line === undefined ? undefined : itemOf(line);
        if (item === undefined) throw damaged();
        const at = lines.n;
        yield {
          part,
          text: item.text,
          value: () => {
            const value = parsed(item.text);
            if (!isObject(value)) throw invalid(path, { problem: 'line', line: at, object: true }, at);
            return value;
          },
        };
        if (item.last) break;
      }
      if ((await lines.next()) !== close) throw damaged();
    }
    yield* array('keys', keysLine === KEYS_OPEN, KEYS_CLOSE);
    const findingsLine = await lines.next();
    if (findingsLine !== FINDINGS_OPEN && findingsLine !== FINDINGS_EMPTY) throw damaged();
    yield* array('findings', findingsLine === FINDINGS_OPEN, FINDINGS_CLOSE);
    if ((await lines.next()) !== '}') throw damaged();
    for (let line = await lines.next(); line !== undefined; line = await lines.next()) if (line.trim() !== '') throw damaged();
  } finally {
    lines.close();
  }
}

/** One key or finding line: `    {…},` (more follow) or `    {…}` (the last); parsed only when asked. */
function itemOf(line: string): { text: string; last: boolean } | undefined {
  const last = !line.endsWith(',');
  const text = (last ? line : line.slice(0, -1)).slice(4);
  return line.startsWith('    {') && text.endsWith('}') ? { text, last } : undefined;
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readWhole(path: string, size: number): Promise<RecordedReport> {
  if (size > WHOLE_LIMIT) {
    throw invalid(path, { problem: 'too-large' });
  }
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(path, { problem: 'json', detail: (e as Error).message });
  }
  const { keys, findings, ...head } = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const report = checked(path, 'json', json, null);
  if (!Array.isArray(keys) || !Array.isArray(findings)) {
    throw invalid(path, { problem: 'no-lists' });
  }
  async function* items(): AsyncGenerator<RecordedItem> {
    for (const value of keys as unknown[]) yield { part: 'keys', text: JSON.stringify(value), value: () => value };
    for (const value of findings as unknown[]) yield { part: 'findings', text: JSON.stringify(value), value: () => value };
  }
  return { ...report, head, items: items() };
}

/** The head a working paper carries: the text of column A of its `fundgap` sheet, row by row. */
async function readXlsxReport(path: string): Promise<RecordedReport> {
  const book = await openXlsx(path, path);
  if (!book.sheets.some((s) => s.name === HEAD_SHEET)) {
    throw invalid(path, { problem: 'head-sheet' });
  }
  const pieces: string[] = [];
  for await (const row of book.rows(HEAD_SHEET)) {
    const cell = row.cells[0];
    if (row.row !== pieces.length + 1 || cell?.t !== 'text') {
      throw new FundgapError({ code: 'REPORT_INVALID', at: { file: path, sheet: HEAD_SHEET, row: row.row, column: 'A' }, problem: 'head-row' });
    }
    pieces.push(cell.v);
  }
  let head: unknown;
  try {
    head = JSON.parse(pieces.join(''));
  } catch (e) {
    throw new FundgapError({ code: 'REPORT_INVALID', at: { file: path, sheet: HEAD_SHEET }, problem: 'json', detail: (e as Error).message, sheet: HEAD_SHEET });
  }
  return checked(path, 'xlsx', head, null);
}
