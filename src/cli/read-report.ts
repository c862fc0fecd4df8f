// Reading a report back for `fundgap verify`: a JSON report a key and a finding at a time, as
// reconcile writes them (one per line), or whole when someone has laid it out otherwise; or an
// XLSX working paper's veryHidden `fundgap` sheet, which holds the report's head as JSON text
// cut into cells of column A. What a file is comes from its bytes, not its name.

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { FundgapError, t, type Bilingual } from '../errors.js';
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

const AGAIN = t(
  'verify 读取 fundgap reconcile 用 -f json 或 -f xlsx 写出的报告。请确认文件没有被改动，或重新生成报告。',
  'verify reads the report fundgap reconcile writes with -f json or -f xlsx: check the file was not edited, or produce the report again.',
);

function invalid(file: string, message: Bilingual, row?: number, hint: Bilingual = AGAIN): FundgapError {
  return new FundgapError('REPORT_INVALID', message, { at: { file, row }, hint });
}

export async function readReport(path: string): Promise<RecordedReport> {
  const { kind, size } = await pathKind(path);
  if (kind !== 'file') throw invalid(path, t('这不是一个文件', 'this is not a file'));
  const head = Buffer.from(await readHeadBytes(path, 4096));
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsxReport(path);
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('{')) throw invalid(path, t('这不是 fundgap 报告（既不是 JSON 也不是 XLSX 工作底稿）', 'this is not a fundgap report (neither JSON nor an XLSX working paper)'));
  return (await readStreamed(path)) ?? (await readWhole(path, size));
}

/** The head's schema, checked: a fundgap report of a schema this version reads. */
function checked(path: string, kind: RecordedReport['kind'], head: unknown, items: RecordedReport['items']): RecordedReport {
  const schema = head !== null && typeof head === 'object' && !Array.isArray(head) ? (head as Record<string, unknown>).schema : undefined;
  if (typeof schema !== 'string' || !schema.startsWith('fundgap.report/')) {
    throw invalid(path, t('这不是 fundgap 报告：没有 "schema": "fundgap.report/…"', 'this is not a fundgap report: it has no "schema": "fundgap.report/…"'));
  }
  if (!(READABLE_SCHEMAS as readonly string[]).includes(schema)) {
    throw invalid(path, t(`报告的格式 ${schema} 不是这一版本能读的（${READABLE_SCHEMAS.join('、')}）`, `the report's schema ${schema} is not one this version reads (${READABLE_SCHEMAS.join(', ')})`), undefined, t(
      '报告多半由更新版本的 fundgap 写出：请用写出它的版本（见报告中的 tool.version）核对。',
      'the report was probably written by a newer fundgap: verify it with that version (see tool.version in the report).',
    ));
  }
  return { kind, schema: schema as ReadableSchema, head: head as Record<string, unknown>, items };
}

/**
 * The layout reconcile writes: the head pretty-printed, then `"keys": [`, one key a line,
 * `],`, `"findings": [`, one finding a line, `]`, `}`. Null when the file is laid out
 * otherwise (before any item is handed out); damage further down is an error naming the line.
 */
async function readStreamed(path: string): Promise<RecordedReport | null> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  let n = 0;
  const next = async (): Promise<string | undefined> => {
    const r = await lines.next();
    if (r.done) return undefined;
    n++;
    return r.value;
  };
  const giveUp = () => {
    rl.close();
    return null;
  };

  const first = (await next())?.replace(/^\uFEFF/, '');
  if (first !== '{') return giveUp();
  const headLines: string[] = [];
  let keysLine: string | undefined;
  for (let line = await next(); line !== undefined; line = await next()) {
    if (line === KEYS_OPEN || line === KEYS_EMPTY) {
      keysLine = line;
      break;
    }
    headLines.push(line);
  }
  if (keysLine === undefined) return giveUp();
  let head: Record<string, unknown>;
  try {
    // The head's last line ends in a comma: close it with a member that is then dropped.
    head = JSON.parse(`{\n${headLines.join('\n')}\n"keys": null}`) as Record<string, unknown>;
  } catch {
    return giveUp();
  }
  delete head.keys;
  // One key on the line after `"keys": [` says the rest is written a line at a time too.
  let pending: string | undefined;
  if (keysLine === KEYS_OPEN) {
    pending = await next();
    const item = pending === undefined ? undefined : itemOf(pending);
    if (item === undefined || !isObject(parsed(item.text))) return giveUp();
  }
  const report = checked(path, 'json', head, null);

  async function* items(): AsyncGenerator<RecordedItem> {
    try {
      const damaged = () => invalid(path, t(`第 ${n} 行不是 fundgap 写出的样子，报告可能被改动或截断`, `line ${n} is not as fundgap writes it: the report may have been edited or cut short`), n);
      /** The items of one array, up to its closing line; `open` is false for an empty one. */
      async function* array(part: RecordedItem['part'], open: boolean, close: string): AsyncGenerator<RecordedItem> {
        if (!open) return;
        for (;;) {
          const line = pending ?? (await next());
          pending = undefined;
          const item = line === undefined ? undefined : itemOf(line);
          if (item === undefined) throw damaged();
          const at = n;
          yield {
            part,
            text: item.text,
            value: () => {
              const value = parsed(item.text);
              if (!isObject(value)) throw invalid(path, t(`第 ${at} 行不是有效的 JSON 对象，报告可能被改动`, `line ${at} is not a valid JSON object: the report may have been edited`), at);
              return value;
            },
          };
          if (item.last) break;
        }
        if ((await next()) !== close) throw damaged();
      }
      yield* array('keys', keysLine === KEYS_OPEN, KEYS_CLOSE);
      const findingsLine = await next();
      if (findingsLine !== FINDINGS_OPEN && findingsLine !== FINDINGS_EMPTY) throw damaged();
      yield* array('findings', findingsLine === FINDINGS_OPEN, FINDINGS_CLOSE);
      if ((await next()) !== '}') throw damaged();
      for (let line = await next(); line !== undefined; line = await next()) if (line.trim() !== '') throw damaged();
    } finally {
      rl.close();
    }
  }
  return { ...report, items: items() };
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
    throw invalid(path, t(
      '报告太大，且不是 fundgap 写出的逐行格式，无法整体读入',
      'the report is too large to read whole, and not laid out a line per key as fundgap writes it',
    ));
  }
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalid(path, t(`报告不是有效的 JSON，可能已损坏：${(e as Error).message}`, `the report is not valid JSON and may be damaged: ${(e as Error).message}`));
  }
  const { keys, findings, ...head } = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const report = checked(path, 'json', json, null);
  if (!Array.isArray(keys) || !Array.isArray(findings)) {
    throw invalid(path, t('报告缺少 keys 或 findings 列表，可能已损坏', 'the report has no keys or findings list and may be damaged'));
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
    throw invalid(path, t(
      `这个工作簿不是 fundgap 工作底稿：没有（隐藏的）“${HEAD_SHEET}”工作表`,
      `this workbook is not a fundgap working paper: it has no (hidden) "${HEAD_SHEET}" sheet`,
    ));
  }
  const pieces: string[] = [];
  for await (const row of book.rows(HEAD_SHEET)) {
    const cell = row.cells[0];
    if (row.row !== pieces.length + 1 || cell?.t !== 'text') {
      throw new FundgapError('REPORT_INVALID', t(`“${HEAD_SHEET}”工作表的内容不是 fundgap 写出的样子，工作底稿可能被改动`, `the "${HEAD_SHEET}" sheet is not as fundgap writes it: the working paper may have been edited`), {
        at: { file: path, sheet: HEAD_SHEET, row: row.row, column: 'A' },
        hint: AGAIN,
      });
    }
    pieces.push(cell.v);
  }
  let head: unknown;
  try {
    head = JSON.parse(pieces.join(''));
  } catch (e) {
    throw new FundgapError('REPORT_INVALID', t(`“${HEAD_SHEET}”工作表中的报告数据无法读取：${(e as Error).message}`, `the report data in the "${HEAD_SHEET}" sheet cannot be read: ${(e as Error).message}`), {
      at: { file: path, sheet: HEAD_SHEET },
      hint: AGAIN,
    });
  }
  return checked(path, 'xlsx', head, null);
}
