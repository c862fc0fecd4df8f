// Reads the tables of an HTML file (what many web systems export and name .xls) as raw rows,
// the way Excel shows such a file: each <tr> a row counted from the table's first, colspan and
// rowspan as merged cells (covered cells carry the anchor's value), <br> as a line break,
// entities decoded. A table that holds other tables is page layout, not data.

import { FundgapError } from '../../errors.js';
import type { FailureOf } from '../../failures.js';
import { detectEncoding } from '../encoding.js';
import type { ByteSource } from '../../io/bytes.js';
import { bomEncoding, canonicalEncoding, declaredCharset, decodeChunks } from '../text-decode.js';
import { EMPTY, columnLetter, type Cell, type RawRow, type SheetInfo } from '../types.js';
import { HtmlTokenizer, decodeEntities, type Attributes, type TokenHandlers } from './tokenize.js';

export interface HtmlTable extends SheetInfo {
  /** 1-based, in the order the tables start in the file (`#2` is the second). */
  readonly index: number;
  readonly rows: number;
  /**
   * It holds data: two or more rows with two or more filled cells of their own (a header and
   * a row under it). A title or a line of query conditions above the data does not.
   */
  readonly filled: boolean;
  /** Other tables sit inside it: it lays out the page. */
  readonly nested: boolean;
}

export type HtmlEncodingSource = 'bom' | 'meta' | 'detected' | 'ascii' | 'option';

export interface HtmlBook {
  readonly tables: readonly HtmlTable[];
  readonly encoding: { readonly encoding: string; readonly source: HtmlEncodingSource };
  /**
   * The table `#N` names (1-based), or whose caption or id is the name; without a name, the
   * first visible table of data (not a layout table around others), as a person sees it.
   */
  find(name: string | undefined): HtmlTable | undefined;
  rows(table: HtmlTable): AsyncIterable<RawRow>;
}

/** Excel's own limits, and the HTML standard's for spans. */
const MAX_COLUMN = 16_383;
const MAX_ROW = 1_048_576;
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65_534;
const MAX_CELL_CHARS = 32_767;
/** Raw markup kept for one cell before it is decoded (entities and spaces shrink it). */
const MAX_CELL_RAW = 1 << 20;
const MAX_TABLES = 10_000;
/**
 * Cells a table's spans may fill in all. A span is a few bytes of markup for up to 1000 cells
 * in a row and 65534 rows, so this bounds time and memory; a 乡镇 merged down 100,000 rows
 * fills 100,000.
 */
const MAX_SPANNED_CELLS = 2_000_000;
const MAX_DEPTH = 64;
const HEAD_BYTES = 8192;

export async function openHtml(source: ByteSource, file: string, opts: { encoding?: string | undefined } = {}): Promise<HtmlBook> {
  const encoding = await htmlEncoding(source, opts.encoding);
  const builder = new TableBuilder(file, undefined, () => {});
  for await (const _ of feed(source, encoding.encoding, builder, () => false));
  const tables = builder.summaries();

  return {
    tables,
    encoding,
    find(name) {
      if (name === undefined) {
        return tables.find((x) => x.state === 'visible' && x.filled && !x.nested)
          ?? tables.find((x) => x.filled)
          ?? tables.find((x) => x.rows > 0)
          ?? tables[0];
      }
      const n = name.trim();
      if (/^\d+$/.test(n)) return tables[Number(n) - 1];
      return tables.find((x) => x.name === n);
    },
    async *rows(table) {
      let pending: RawRow[] = [];
      const rows = new TableBuilder(file, table.index, (row) => pending.push(row));
      const stream = feed(source, encoding.encoding, rows, () => pending.length > 0 || rows.finished);
      for await (const _ of stream) {
        const batch = pending;
        pending = [];
        for (const row of batch) {
          checkDecoded(row, file, table.name, encoding);
          yield row;
        }
        if (rows.finished) return;
      }
    },
  };
}

/** Tokenizes the file into `handlers`, yielding whenever `ready()` says rows are waiting. */
async function* feed(source: ByteSource, encoding: string, handlers: TableBuilder, ready: () => boolean): AsyncGenerator<void> {
  const tokenizer = new HtmlTokenizer(handlers);
  for await (const text of decodeChunks(source(), encoding)) {
    tokenizer.write(text);
    if (ready()) yield;
    if (handlers.finished) return;
  }
  tokenizer.end();
  handlers.finish();
  yield;
}

async function htmlEncoding(source: ByteSource, option: string | undefined): Promise<HtmlBook['encoding']> {
  if (option !== undefined) return { encoding: option, source: 'option' };
  const head = await readHead(source, HEAD_BYTES);
  const bom = bomEncoding(head);
  if (bom !== undefined) return { encoding: bom, source: 'bom' };
  const declared = declaredCharset(head, 'html');
  const meta = declared === undefined ? undefined : canonicalEncoding(declared);
  if (meta !== undefined) return { encoding: meta, source: 'meta' };
  const found = await detectEncoding(source());
  return { encoding: found.encoding, source: found.source === 'ascii' ? 'ascii' : 'detected' };
}

async function readHead(source: ByteSource, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/** A garbled cell means the encoding is wrong: stop at it, as the CSV reader does. */
function checkDecoded(row: RawRow, file: string, sheet: string, encoding: HtmlBook['encoding']): void {
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i]!;
    if (cell.t !== 'text' || !cell.v.includes('\ufffd')) continue;
    const gbk = encoding.encoding === 'gb18030';
    throw new FundgapError({
      code: 'ENCODING_INVALID',
      at: { file, sheet, row: row.row, column: columnLetter(i) },
      text: cell.v,
      encoding: encoding.encoding,
      advice: gbk ? 'name-it-utf8' : encoding.source === 'meta' ? 'page-declared' : 'page-gbk',
    });
  }
}

interface Span {
  readonly left: number;
  readonly right: number;
  /** The last row it covers, and the row it starts on. */
  readonly last: number;
  readonly from: number;
  readonly value: Cell;
}

interface OpenCell {
  readonly col: number;
  readonly colspan: number;
  readonly rowspan: number;
  raw: string;
  /** Excel's own HTML keeps a number's full value in x:num and shows it formatted. */
  readonly num: string | undefined;
  readonly formula: string | undefined;
}

interface OpenRow {
  readonly cells: Cell[];
  covered: Set<number> | undefined;
  formulas: Map<number, string> | undefined;
  readonly hidden: boolean;
  /** The first column the next cell may take. */
  next: number;
  /** Columns held by rowspans from rows above. */
  readonly taken: Set<number> | undefined;
  cell: OpenCell | undefined;
}

interface OpenTable {
  readonly index: number;
  readonly id: string | undefined;
  readonly hidden: boolean;
  captionRaw: string | undefined;
  inCaption: boolean;
  rowNum: number;
  row: OpenRow | undefined;
  spans: Span[];
  spanned: number;
  filledRows: number;
  nested: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'dd', 'dt', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Marks a line break in a cell's raw text until the text is tidied. */
const BREAK = '\u0000';

const hiddenStyle = (a: Attributes) => /display\s*:\s*none/i.test(a.get('style') ?? '') || a.has('hidden');

function span(a: Attributes, name: string, max: number): number {
  const v = a.get(name);
  if (v === undefined) return 1;
  const n = parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** Text that is already as displayed: no entity, break, tab, line end, or space to collapse. */
const NEEDS_TIDYING = /[&\u0000\t\n\r\f\u00a0]| {2}|^ | $/;

/** A cell's text as displayed: entities decoded, runs of spaces one space, <br> a line break. */
function cellText(raw: string): string {
  if (!NEEDS_TIDYING.test(raw)) return raw;
  const parts = decodeEntities(raw).split(BREAK);
  const lines: string[] = [];
  for (const p of parts) {
    const line = p.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
    if (line !== '') lines.push(line);
  }
  return lines.join('\n');
}

function put(cells: Cell[], col: number, value: Cell): void {
  if (value === EMPTY) {
    if (col < cells.length) cells[col] = EMPTY;
    return;
  }
  while (cells.length < col) cells.push(EMPTY);
  cells[col] = value;
}

/** Builds rows from tokens; passes on the rows of one table (or none, when only listing). */
class TableBuilder implements TokenHandlers {
  finished = false;
  private readonly stack: OpenTable[] = [];
  private readonly tables: OpenTable[] = [];
  /** Tables nested past MAX_DEPTH, whose tags are not followed. */
  private ignored = 0;

  constructor(
    private readonly file: string,
    private readonly want: number | undefined,
    private readonly emit: (row: RawRow) => void,
  ) {}

  summaries(): HtmlTable[] {
    return this.tables.map((x) => ({
      name: this.nameOf(x),
      state: x.hidden ? 'hidden' : 'visible',
      index: x.index,
      rows: x.rowNum,
      filled: x.filledRows >= 2,
      nested: x.nested,
    }));
  }

  private nameOf(x: OpenTable): string {
    const caption = x.captionRaw === undefined ? '' : cellText(x.captionRaw).replace(/\n/g, ' ');
    return caption !== '' ? caption : x.id !== undefined && x.id.trim() !== '' ? x.id.trim() : String(x.index);
  }

  private tooLarge(x: OpenTable, what: FailureOf<'TABLE_TOO_LARGE'>['what'], col?: number, limit?: number): FundgapError {
    return new FundgapError({
      code: 'TABLE_TOO_LARGE',
      at: { file: this.file, sheet: this.nameOf(x), row: x.rowNum || undefined, column: col === undefined ? undefined : columnLetter(Math.min(col, MAX_COLUMN)) },
      what,
      limit,
    });
  }

  start(name: string, attrs: Attributes): void {
    const top = this.stack[this.stack.length - 1];
    if (name === 'table') {
      if (this.stack.length >= MAX_DEPTH) {
        this.ignored++;
        return;
      }
      for (const outer of this.stack) outer.nested = true;
      const x: OpenTable = {
        index: this.tables.length + 1,
        id: attrs.get('id'),
        hidden: hiddenStyle(attrs),
        captionRaw: undefined,
        inCaption: false,
        rowNum: 0,
        row: undefined,
        spans: [],
        spanned: 0,
        filledRows: 0,
        nested: false,
      };
      if (x.index > MAX_TABLES) throw this.tooLarge(x, 'tables', undefined, MAX_TABLES);
      this.tables.push(x);
      this.stack.push(x);
      return;
    }
    if (top === undefined) return;
    switch (name) {
      case 'caption':
        top.inCaption = true;
        top.captionRaw = '';
        return;
      case 'tr':
        this.finishRow(top);
        this.startRow(top, attrs);
        return;
      case 'td':
      case 'th':
        if (top.row === undefined) this.startRow(top, new Map());
        else if (top.row.cell !== undefined) this.finishCell(top);
        this.startCell(top, attrs);
        return;
      case 'thead':
      case 'tbody':
      case 'tfoot':
        this.finishRow(top);
        return;
      case 'br':
        this.lineBreak(top);
        return;
      default:
        if (BLOCK.has(name)) this.lineBreak(top);
    }
  }

  end(name: string): void {
    const top = this.stack[this.stack.length - 1];
    if (name === 'table') {
      if (this.ignored > 0) {
        this.ignored--;
        return;
      }
      if (top !== undefined) this.closeTable(top);
      return;
    }
    if (top === undefined) return;
    switch (name) {
      case 'caption':
        top.inCaption = false;
        return;
      case 'td':
      case 'th':
        if (top.row?.cell !== undefined) this.finishCell(top);
        return;
      case 'tr':
      case 'thead':
      case 'tbody':
      case 'tfoot':
        this.finishRow(top);
        return;
      case 'br':
        this.lineBreak(top);
        return;
      default:
        if (BLOCK.has(name)) this.lineBreak(top);
    }
  }

  text(raw: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return;
    const s = raw.includes(BREAK) ? raw.replaceAll(BREAK, '') : raw;
    const cell = top.row?.cell;
    if (cell !== undefined) {
      cell.raw += s;
      if (cell.raw.length > MAX_CELL_RAW) throw this.tooLarge(top, 'cell', cell.col, MAX_CELL_CHARS);
    } else if (top.inCaption && top.captionRaw !== undefined && top.captionRaw.length < 4096) {
      top.captionRaw += s;
    }
  }

  /** The end of the file: tables left open close there. */
  finish(): void {
    while (this.stack.length > 0 && !this.finished) this.closeTable(this.stack[this.stack.length - 1]!);
  }

  private closeTable(x: OpenTable): void {
    this.finishRow(x);
    this.stack.pop();
    if (x.index === this.want) this.finished = true;
  }

  private lineBreak(top: OpenTable | undefined): void {
    const cell = top?.row?.cell;
    if (cell !== undefined) cell.raw += BREAK;
  }

  private startRow(x: OpenTable, attrs: Attributes): void {
    if (x.rowNum >= MAX_ROW) throw this.tooLarge(x, 'rows');
    x.rowNum++;
    let taken: Set<number> | undefined;
    for (const s of x.spans) {
      for (let c = s.left; c <= s.right; c++) (taken ??= new Set()).add(c);
      this.countSpanned(x, s.right - s.left + 1, s.left);
    }
    x.row = { cells: [], covered: undefined, formulas: undefined, hidden: hiddenStyle(attrs), next: 0, taken, cell: undefined };
  }

  private countSpanned(x: OpenTable, n: number, col: number): void {
    x.spanned += n;
    if (x.spanned > MAX_SPANNED_CELLS) {
      throw this.tooLarge(x, 'spans', col, MAX_SPANNED_CELLS);
    }
  }

  private startCell(x: OpenTable, attrs: Attributes): void {
    const row = x.row!;
    let col = row.next;
    // Columns a rowspan from above still holds are passed over, as a browser lays them out.
    while (row.taken?.has(col)) col++;
    const colspan = span(attrs, 'colspan', MAX_COLSPAN);
    if (colspan > 1) this.countSpanned(x, colspan - 1, col);
    if (col + colspan - 1 > MAX_COLUMN) throw this.tooLarge(x, 'columns', col + colspan - 1);
    const num = attrs.get('x:num');
    row.cell = {
      col,
      colspan,
      rowspan: span(attrs, 'rowspan', MAX_ROWSPAN),
      raw: '',
      num: num !== undefined && NUMBER.test(num.trim()) ? num.trim() : undefined,
      formula: attrs.get('x:fmla'),
    };
  }

  private finishCell(x: OpenTable): void {
    const row = x.row!;
    const c = row.cell!;
    row.cell = undefined;
    const text = cellText(c.raw);
    if (text.length > MAX_CELL_CHARS) throw this.tooLarge(x, 'cell', c.col, MAX_CELL_CHARS);
    const value: Cell = c.num !== undefined ? { t: 'number', v: c.num } : text === '' ? EMPTY : { t: 'text', v: text };
    put(row.cells, c.col, value);
    if (c.formula !== undefined && c.formula !== '') (row.formulas ??= new Map()).set(c.col, c.formula);
    for (let k = 1; k < c.colspan; k++) {
      put(row.cells, c.col + k, value);
      (row.covered ??= new Set()).add(c.col + k);
    }
    if (c.rowspan > 1) x.spans.push({ left: c.col, right: c.col + c.colspan - 1, last: x.rowNum + c.rowspan - 1, from: x.rowNum, value });
    row.next = c.col + c.colspan;
  }

  private finishRow(x: OpenTable): void {
    const row = x.row;
    if (row === undefined) return;
    if (row.cell !== undefined) this.finishCell(x);
    x.row = undefined;
    if (x.spans.length > 0) {
      for (const s of x.spans) {
        if (s.from >= x.rowNum) continue;
        for (let c = s.left; c <= s.right; c++) {
          put(row.cells, c, s.value);
          (row.covered ??= new Set()).add(c);
          row.formulas?.delete(c);
        }
      }
      x.spans = x.spans.filter((s) => s.last > x.rowNum);
    }
    const cells = row.cells;
    while (cells.length > 0 && cells[cells.length - 1] === EMPTY) cells.pop();
    if (x.filledRows < 2) {
      let own = 0;
      for (let i = 0; i < cells.length; i++) if (cells[i] !== EMPTY && !row.covered?.has(i)) own++;
      if (own >= 2) x.filledRows++;
    }
    if (x.index !== this.want) return;
    const out: { -readonly [K in keyof RawRow]: RawRow[K] } = { row: x.rowNum, cells };
    if (row.hidden) out.hidden = true;
    if (row.covered && row.covered.size > 0) out.covered = row.covered;
    if (row.formulas && row.formulas.size > 0) out.formulas = row.formulas;
    this.emit(out);
  }
}
