// Reads an Excel 2003 XML workbook (SpreadsheetML: <Workbook> of <Worksheet ss:Name>, each a
// <Table> of <Row>s and <Cell>s), which web systems often write and name .xls. Rows are
// streamed as raw rows with Excel's row numbers (ss:Index), merges (MergeAcross/MergeDown)
// as covered cells, numbers as the decimal text in the file and DateTime cells as dates.

import { FundgapError } from '../errors.js';
import { detectEncoding } from './encoding.js';
import type { ByteSource } from '../io/bytes.js';
import { decodeEntities } from './html/tokenize.js';
import { bomEncoding, canonicalEncoding, declaredCharset, decodeChunks } from './text-decode.js';
import { EMPTY, columnLetter, type Cell, type RawRow, type SheetInfo } from './types.js';
import { createParser, detach, type Attributes } from './xlsx/xml.js';

export interface SpreadsheetMlBook {
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
  readonly encoding: { readonly encoding: string; readonly source: 'bom' | 'declared' | 'detected' | 'ascii' | 'option' };
  /** Streams one worksheet's rows (by exact name); throws SHEET_NOT_FOUND at once if absent. */
  rows(sheetName: string): AsyncIterable<RawRow>;
}

const MAX_COLUMN = 16_383;
const MAX_ROW = 1_048_576;
/** Cells merges may fill in one worksheet: bounds time and memory (see read-html.ts). */
const MAX_SPANNED_CELLS = 2_000_000;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const HEAD_BYTES = 4096;

/** An attribute by its local name: ss:Index, or Index where a writer left the prefix off. */
function attr(a: Attributes, local: string): string | undefined {
  // Runs several times for every cell: no allocation.
  for (const k in a) {
    if (k.endsWith(local) && (k.length === local.length || k.charCodeAt(k.length - local.length - 1) === 0x3a)) return a[k];
  }
  return undefined;
}

function count(a: Attributes, local: string): number {
  const n = Number(attr(a, local));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export async function openSpreadsheetMl(source: ByteSource, file: string, opts: { encoding?: string | undefined } = {}): Promise<SpreadsheetMlBook> {
  const encoding = await xmlEncoding(source, opts.encoding);
  const malformed = (e: unknown, sheet?: string, row?: number): FundgapError => {
    if (e instanceof FundgapError) return e;
    const detail = e instanceof Error ? e.message : String(e);
    return new FundgapError({ code: 'XML_MALFORMED', at: { file, sheet, row }, problem: 'xml', detail }, { cause: e });
  };

  const { sheets, date1904 } = await listSheets(source, encoding.encoding);
  return {
    sheets,
    date1904,
    encoding,
    rows(sheetName) {
      const index = sheets.findIndex((s) => s.name === sheetName);
      if (index < 0) {
        throw new FundgapError({ code: 'SHEET_NOT_FOUND', at: { file }, text: sheetName, problem: 'named', sheets: sheets.map((x) => ({ name: x.name, state: x.state })) });
      }
      return sheetRows(source, file, encoding, index, sheetName, (e, row) => malformed(e, sheetName, row));
    },
  };
}

/**
 * The worksheets, whether each is hidden (said in its options, after its rows), and the date
 * system: found by scanning the text for those three elements, which is many times faster
 * than parsing every cell of every sheet. The rows pass parses properly, and says where the
 * XML is damaged.
 */
async function listSheets(source: ByteSource, encoding: string): Promise<{ sheets: SheetInfo[]; date1904: boolean }> {
  const sheets: { name: string; state: SheetInfo['state'] }[] = [];
  let date1904 = false;
  let carry = '';
  const scan = (text: string): void => {
    for (const m of text.matchAll(LISTED)) {
      if (m[1] === 'Worksheet') {
        const name = /\b(?:[\w.-]+:)?Name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[2]!);
        const raw = name?.[1] ?? name?.[2];
        sheets.push({ name: raw === undefined ? `Sheet${sheets.length + 1}` : decodeEntities(raw), state: 'visible' });
      } else if (m[1] === 'Date1904') {
        date1904 = true;
      } else {
        const sheet = sheets[sheets.length - 1];
        const v = m[3]!.trim();
        if (sheet && v === 'SheetHidden') sheet.state = 'hidden';
        else if (sheet && v === 'SheetVeryHidden') sheet.state = 'veryHidden';
      }
    }
  };
  for await (const chunk of decodeChunks(source(), encoding)) {
    const text = carry + chunk;
    // Up to the last '<': every tag before it is whole, and so is the text after each.
    const cut = text.lastIndexOf('<');
    if (cut < 0) {
      carry = text.length > 4096 ? '' : text;
      continue;
    }
    scan(text.slice(0, cut));
    carry = text.slice(cut);
  }
  scan(`${carry}<`);
  return { sheets, date1904 };
}

const LISTED = /<(?:[\w.-]+:)?(Worksheet|Date1904|Visible)\b([^>]*)>([^<]*)/g;

async function xmlEncoding(source: ByteSource, option: string | undefined): Promise<SpreadsheetMlBook['encoding']> {
  if (option !== undefined) return { encoding: option, source: 'option' };
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= HEAD_BYTES) break;
  }
  const head = Buffer.concat(parts).subarray(0, HEAD_BYTES);
  const bom = bomEncoding(head);
  if (bom !== undefined) return { encoding: bom, source: 'bom' };
  const declared = declaredCharset(head, 'xml');
  const named = declared === undefined ? undefined : canonicalEncoding(declared);
  if (named !== undefined) return { encoding: named, source: 'declared' };
  const found = await detectEncoding(source());
  return { encoding: found.encoding, source: found.source === 'ascii' ? 'ascii' : 'detected' };
}

interface Merge {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly value: Cell;
}

function put(cells: Cell[], col: number, value: Cell): void {
  if (value === EMPTY) {
    if (col < cells.length) cells[col] = EMPTY;
    return;
  }
  while (cells.length < col) cells.push(EMPTY);
  cells[col] = value;
}

function dataValue(type: string | undefined, text: string): Cell {
  switch (type) {
    case 'Number': {
      const v = text.trim();
      return NUMBER.test(v) ? { t: 'number', v: detach(v) } : v === '' ? EMPTY : { t: 'text', v: detach(text) };
    }
    case 'DateTime': {
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(text.trim());
      if (!m) return text.trim() === '' ? EMPTY : { t: 'text', v: detach(text) };
      const v = m[2] === undefined || m[2] === '00:00:00' ? m[1]! : `${m[1]}T${m[2]}`;
      return { t: 'date', v, serial: '' };
    }
    case 'Boolean':
      return { t: 'bool', v: text.trim() === '1' || text.trim().toLowerCase() === 'true' };
    case 'Error':
      return { t: 'error', v: detach(text.trim()) };
    default:
      return text === '' ? EMPTY : { t: 'text', v: detach(text) };
  }
}

/**
 * The reading of one worksheet as a state machine, an element at a time: where the reader is
 * (before the wanted worksheet, in it, in its table, in a row, in a cell, in a cell's data or
 * comment), the row being built, and the merges that reach down into rows not yet read.
 */
class WorksheetReader {
  /** Rows finished since they were last taken. */
  pending: RawRow[] = [];
  /** The wanted worksheet is read to its end: nothing after it matters. */
  done = false;
  /** Excel's number of the row being read, for refusals. */
  rowNum = 0;
  private sheetIndex = -1;
  private inTarget = false;
  private inTable = false;
  private inRow = false;
  private rowSpan = 0;
  private hidden = false;
  private cells: Cell[] = [];
  private formulas: Map<number, string> | undefined;
  private covered: Set<number> | undefined;
  private col = -1;
  private cell: { col: number; across: number; down: number; formula: string | undefined; type: string | undefined; text: string; hasData: boolean } | undefined;
  private dataDepth = 0;
  private commentDepth = 0;
  private merges: Merge[] = [];
  private spanned = 0;

  constructor(
    private readonly want: number,
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  open(name: string, a: Attributes): void {
    if (this.dataDepth > 0) {
      this.dataDepth++;
      return;
    }
    if (name === 'Worksheet') {
      this.sheetIndex++;
      this.inTarget = this.sheetIndex === this.want;
      return;
    }
    if (!this.inTarget) return;
    switch (name) {
      case 'Table':
        this.inTable = true;
        return;
      case 'Row':
        if (this.inTable) this.openRow(a);
        return;
      case 'Cell':
        if (this.inRow) this.openCell(a);
        return;
      case 'Comment':
        if (this.cell) this.commentDepth++;
        return;
      case 'Data':
        if (this.cell && this.commentDepth === 0) {
          this.cell.type = attr(a, 'Type');
          this.cell.hasData = true;
          this.dataDepth = 1;
        }
        return;
    }
  }

  close(name: string): void {
    if (this.dataDepth > 0) {
      this.dataDepth--;
      return;
    }
    if (!this.inTarget) return;
    switch (name) {
      case 'Comment':
        if (this.commentDepth > 0) this.commentDepth--;
        return;
      case 'Cell':
        if (this.cell) this.finishCell();
        return;
      case 'Row':
        if (this.inRow) this.finishRow();
        return;
      case 'Table':
        this.inTable = false;
        return;
      case 'Worksheet':
        this.inTarget = false;
        this.done = true;
        return;
    }
  }

  text(s: string): void {
    if (this.dataDepth > 0 && this.cell && this.commentDepth === 0) this.cell.text += s;
  }

  /** A row starts at ss:Index, or after the last one. */
  private openRow(a: Attributes): void {
    const index = count(a, 'Index');
    this.rowNum = index > 0 ? index : this.rowNum + 1;
    if (this.rowNum > MAX_ROW) throw this.outside('row', String(this.rowNum));
    this.rowSpan = count(a, 'Span');
    this.hidden = truthy(attr(a, 'Hidden')) || attr(a, 'Height') !== undefined && Number(attr(a, 'Height')) === 0;
    this.inRow = true;
    this.cells = [];
    this.formulas = undefined;
    this.covered = undefined;
    this.col = -1;
  }

  /** A cell starts at ss:Index, or after the last one and the columns it merged across. */
  private openCell(a: Attributes): void {
    const index = count(a, 'Index');
    const at = index > 0 ? index - 1 : this.col + 1;
    const across = count(a, 'MergeAcross');
    if (at + across > MAX_COLUMN) throw this.outside('column', attr(a, 'Index') ?? String(at + 1));
    this.cell = { col: at, across, down: count(a, 'MergeDown'), formula: attr(a, 'Formula'), type: undefined, text: '', hasData: false };
  }

  /** The cell's value fills its own column and those it merges across; a merge down waits for the rows below. */
  private finishCell(): void {
    const c = this.cell!;
    this.cell = undefined;
    const value = c.hasData ? dataValue(c.type, c.text) : c.formula !== undefined ? { t: 'no-result' as const, formula: c.formula } : EMPTY;
    put(this.cells, c.col, value);
    if (c.formula !== undefined && c.hasData) (this.formulas ??= new Map()).set(c.col, c.formula);
    this.countSpanned(c.across);
    for (let k = 1; k <= c.across; k++) {
      put(this.cells, c.col + k, value);
      (this.covered ??= new Set()).add(c.col + k);
    }
    if (c.down > 0) this.merges.push({ top: this.rowNum, bottom: this.rowNum + c.down, left: c.col, right: c.col + c.across, value });
    this.col = c.col + c.across;
  }

  /** The row takes the values merged down into it from above, loses its trailing blanks, and is pending. */
  private finishRow(): void {
    const rowNum = this.rowNum;
    this.inRow = false;
    if (this.merges.length > 0) {
      for (const m of this.merges) {
        if (m.top >= rowNum || m.bottom < rowNum) continue;
        this.countSpanned(m.right - m.left + 1);
        for (let c = m.left; c <= m.right; c++) {
          put(this.cells, c, m.value);
          (this.covered ??= new Set()).add(c);
          this.formulas?.delete(c);
        }
      }
      this.merges = this.merges.filter((m) => m.bottom > rowNum);
    }
    const cells = this.cells;
    while (cells.length > 0 && cells[cells.length - 1] === EMPTY) cells.pop();
    const row: { -readonly [K in keyof RawRow]: RawRow[K] } = { row: rowNum, cells };
    if (this.hidden) row.hidden = true;
    if (this.covered && this.covered.size > 0) row.covered = this.covered;
    if (this.formulas && this.formulas.size > 0) row.formulas = this.formulas;
    this.pending.push(row);
    // A row with ss:Span stands for itself and that many identical rows after it.
    this.rowNum += this.rowSpan;
  }

  private countSpanned(n: number): void {
    this.spanned += n;
    if (this.spanned > MAX_SPANNED_CELLS) {
      throw new FundgapError({ code: 'TABLE_TOO_LARGE', at: { file: this.file, sheet: this.sheet, row: this.rowNum }, what: 'spans', limit: MAX_SPANNED_CELLS });
    }
  }

  private outside(what: string, text: string): FundgapError {
    return new FundgapError({
      code: 'XML_MALFORMED',
      at: { file: this.file, sheet: this.sheet, row: this.rowNum, column: what === 'row' ? undefined : columnLetter(MAX_COLUMN) },
      text,
      problem: what === 'row' ? 'past-last-row' : 'past-last-column',
    });
  }
}

/** Streams one worksheet's rows: the text decoded chunk by chunk through the reader above. */
async function* sheetRows(
  source: ByteSource,
  file: string,
  encoding: SpreadsheetMlBook['encoding'],
  want: number,
  sheet: string,
  malformed: (e: unknown, row?: number) => FundgapError,
): AsyncGenerator<RawRow> {
  const reader = new WorksheetReader(want, file, sheet);
  const parser = createParser({
    open: (name, a) => reader.open(name, a),
    close: (name) => reader.close(name),
    text: (s) => reader.text(s),
  });

  try {
    for await (const s of decodeChunks(source(), encoding.encoding)) {
      parser.write(s);
      if (reader.pending.length > 0) {
        const batch = reader.pending;
        reader.pending = [];
        for (const row of batch) {
          checkDecoded(row, file, sheet, encoding);
          yield row;
        }
      }
      if (reader.done) return;
    }
    parser.close();
  } catch (e) {
    throw malformed(e, reader.rowNum || undefined);
  }
  for (const row of reader.pending) yield row;
}

function checkDecoded(row: RawRow, file: string, sheet: string, encoding: SpreadsheetMlBook['encoding']): void {
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i]!;
    if (cell.t !== 'text' || !cell.v.includes('\ufffd')) continue;
    throw new FundgapError({ code: 'ENCODING_INVALID', at: { file, sheet, row: row.row, column: columnLetter(i) }, text: cell.v, encoding: encoding.encoding, advice: 'name-it' });
  }
}
