// Turns the XML events of a worksheet into rows, one explicit state per place in
// <sheetData>/<row>/<c>/(<v>|<f>|<is>), so that each event has one small step to take. Fed by
// the fast scanner or by saxes alike (see xml-stream.ts). It holds one row at a time, plus
// the finished rows until the caller takes them with the merged ranges spread over them.

import { columnLetter, type Cell, type RawRow } from '../types.js';
import { FundgapError, type Location } from '../../errors.js';
import { CellValues, emptyDraft, numberOf, type CellDraft, type CellLookups } from './cell-value.js';
import { cellTooLong, MAX_CELL_CHARS, MAX_RAW_CELL_CHARS } from './limits.js';
import { MergeCursor, putCell, type MergeRange } from './merges.js';
import { lettersToIndex, MAX_COLUMN, MAX_ROW } from './refs.js';
import { StringItem } from './shared-strings.js';
import type { CellProblem } from './cell-value.js';
import { detach, overlongItem, type AttrReader, type XmlSink } from './xml.js';

export interface SheetContext extends CellLookups {
  readonly displayName: string;
  readonly sheet: string;
  /** The worksheet's part name, for error messages. */
  readonly part: string;
}

type MutableRow = { -readonly [K in keyof RawRow]: RawRow[K] };

/**
 * Where the reader stands. Elements it does not know are skipped wherever they are (their
 * text too, except inside <v> and <f>, whose whole text is the value).
 */
const enum At {
  /** Before <sheetData>: columns, views, formats. */
  BeforeData,
  /** Inside <sheetData>, between rows. */
  Data,
  /** Inside <row>, between cells. */
  Row,
  /** Inside <c>, between its parts. */
  Cell,
  /** Inside <v>: the cached value. */
  Value,
  /** Inside <f>. */
  Formula,
  /** Inside <is>: rich-text runs, read by a StringItem. */
  InlineString,
  /** After </sheetData>: merges and page setup are not needed here. */
  Done,
}

export class RowReader implements XmlSink {
  private at = At.BeforeData;

  // The row being read.
  private rowNum = 0;
  private hidden = false;
  private cells: Cell[] = [];
  private formulas: Map<number, string> | undefined;

  // The cell being read.
  private readonly cell: CellDraft = emptyDraft();
  private readonly inline = new StringItem();

  /** The text of each shared formula's master cell, by its `si`. */
  private readonly sharedFormulas = new Map<string, string>();
  private readonly values: CellValues;
  /** Rows read but not yet taken, and the formulas of each (merges may still drop some). */
  private finished: MutableRow[] = [];
  private finishedFormulas: (Map<number, string> | undefined)[] = [];
  private merges: MergeCursor | undefined;

  /**
   * @param skip rows to read but not pass on: those an earlier attempt at the same part
   *   already delivered (merged values and shared formulas still need them read).
   */
  constructor(private readonly ctx: SheetContext, private skip = 0) {
    this.values = new CellValues(ctx);
  }

  /** Whether </sheetData> has been read: the rest of the part is not needed. */
  get done(): boolean {
    return this.at === At.Done;
  }

  /** The row being read, or 0 before the first; for messages. */
  get row(): number {
    return this.rowNum;
  }

  /**
   * The rows completed since the last call, with the merged ranges (the same on every call)
   * spread over them in file order.
   */
  take(merges: readonly MergeRange[]): RawRow[] {
    const cursor = (this.merges ??= new MergeCursor(merges));
    const rows: RawRow[] = [];
    for (let i = 0; i < this.finished.length; i++) {
      const row = this.finished[i]!;
      const formulas = this.finishedFormulas[i];
      const covered = cursor.apply(row.row, row.cells as Cell[], formulas);
      if (this.skip > 0) {
        this.skip--;
        continue;
      }
      if (covered) row.covered = covered;
      if (formulas && formulas.size > 0) row.formulas = formulas;
      rows.push(row);
    }
    this.finished = [];
    this.finishedFormulas = [];
    return rows;
  }

  open(name: string, attrs: AttrReader): void {
    switch (this.at) {
      case At.BeforeData:
        if (name === 'sheetData') this.at = At.Data;
        return;
      case At.Data:
        return this.openInData(name, attrs);
      case At.Row:
        return this.openInRow(name, attrs);
      case At.Cell:
        return this.openInCell(name, attrs);
      case At.InlineString:
        return this.inline.open(name);
      default:
        // Markup inside <v> or <f> is skipped and its text kept; after the data, nothing matters.
        return;
    }
  }

  close(name: string): void {
    switch (this.at) {
      case At.Value:
        if (name === 'v') this.at = At.Cell;
        return;
      case At.Formula:
        if (name === 'f') this.endFormula();
        return;
      case At.InlineString:
        if (name === 'is') this.at = At.Cell;
        else this.inline.close(name);
        return;
      case At.Cell:
        if (name === 'c') this.endCell();
        return;
      case At.Row:
        if (name === 'row') this.endRow();
        return;
      case At.Data:
        if (name === 'sheetData') this.at = At.Done;
        return;
      default:
        return;
    }
  }

  text(s: string): void {
    switch (this.at) {
      case At.Value:
        this.cell.v += s;
        return this.checkRaw(this.cell.v.length);
      case At.Formula:
        this.cell.f += s;
        return this.checkRaw(this.cell.f!.length);
      case At.InlineString:
        this.inline.text(s);
        return this.checkRaw(this.inline.size);
      default:
        return;
    }
  }

  overlong(): FundgapError {
    if (this.at === At.Value || this.at === At.Formula || this.at === At.InlineString) return this.tooLong('');
    return overlongItem(this.ctx.part, this.ctx.displayName, this.ctx.sheet, this.rowNum || undefined);
  }

  // --- <sheetData>: rows ---

  private openInData(name: string, attrs: AttrReader): void {
    if (name === 'row') this.beginRow(attrs);
    else if (name === 'c') throw this.malformed('outside-row', attrs.get('r') ?? '');
  }

  private beginRow(attrs: AttrReader): void {
    const r = attrs.get('r');
    const n = r === undefined ? NaN : numberOf(r);
    // A row without a number follows the one before it.
    this.rowNum = Number.isInteger(n) && n > 0 ? n : this.rowNum + 1;
    this.cell.col = -1;
    if (this.rowNum > MAX_ROW) throw this.malformed('past-last-row', String(this.rowNum));
    const ht = attrs.get('ht');
    const hidden = attrs.get('hidden');
    this.hidden = hidden === '1' || hidden === 'true' || (ht !== undefined && Number(ht) === 0);
    this.cells = [];
    this.formulas = undefined;
    this.at = At.Row;
  }

  private endRow(): void {
    const row: MutableRow = { row: this.rowNum, cells: this.cells };
    if (this.hidden) row.hidden = true;
    this.finished.push(row);
    this.finishedFormulas.push(this.formulas);
    this.at = At.Data;
  }

  // --- <row>: cells ---

  private openInRow(name: string, attrs: AttrReader): void {
    if (name === 'c') this.beginCell(attrs);
    else if (name === 'row') throw this.malformed('nested-row', attrs.get('r') ?? '');
  }

  private beginCell(attrs: AttrReader): void {
    const cell = this.cell;
    const r = attrs.get('r');
    const c = r === undefined ? -1 : lettersToIndex(r);
    // A cell without a reference follows the one before it.
    cell.col = c >= 0 ? c : cell.col + 1;
    // Excel stops at XFD; a reference past it would make the row an enormous array.
    if (cell.col > MAX_COLUMN) throw this.malformed('past-last-column', r ?? '');
    cell.type = attrs.get('t') ?? 'n';
    const s = attrs.get('s');
    cell.style = s === undefined ? 0 : numberOf(s);
    cell.hasV = false;
    cell.v = '';
    cell.f = undefined;
    cell.hasIs = false;
    this.at = At.Cell;
  }

  private endCell(): void {
    const cell = this.cell;
    const value = this.values.value(cell, this.takeInline, this.cellFailure);
    this.checkLength(value);
    putCell(this.cells, cell.col, value);
    if (cell.f !== undefined && value.t !== 'no-result') (this.formulas ??= new Map()).set(cell.col, cell.f);
    this.at = At.Row;
  }

  // --- <c>: value, formula, inline string ---

  private openInCell(name: string, attrs: AttrReader): void {
    const cell = this.cell;
    switch (name) {
      case 'v':
        cell.hasV = true;
        cell.v = '';
        this.at = At.Value;
        return;
      case 'f':
        cell.f = '';
        cell.sharedSi = attrs.get('t') === 'shared' ? attrs.get('si') : undefined;
        this.at = At.Formula;
        return;
      case 'is':
        cell.hasIs = true;
        this.at = At.InlineString;
        return;
      case 'c':
      case 'row':
        throw this.malformed('nested-cell', attrs.get('r') ?? '');
    }
  }

  private endFormula(): void {
    const cell = this.cell;
    let f = detach(cell.f!);
    if (cell.sharedSi !== undefined) {
      // The master of a shared formula carries its text; the cells sharing it are empty.
      if (f !== '') this.sharedFormulas.set(cell.sharedSi, f);
      else f = this.sharedFormulas.get(cell.sharedSi) ?? '(shared)';
    }
    cell.f = f;
    this.at = At.Cell;
  }

  // --- limits and errors ---

  private readonly takeInline = (): string => this.inline.take();

  private readonly cellFailure = (what: CellProblem, text: string): FundgapError => this.malformed(what, text);

  /** Raw text past what any cell can hold: stop before reading more of it. */
  private checkRaw(length: number): void {
    if (length > MAX_RAW_CELL_CHARS) throw this.tooLong(this.at === At.Value ? this.cell.v : this.at === At.Formula ? this.cell.f! : '');
  }

  private checkLength(value: Cell): void {
    const text = value.t === 'no-result' ? value.formula : value.t === 'bool' || value.t === 'empty' ? '' : value.v;
    if (text.length > MAX_CELL_CHARS) throw this.tooLong(text);
    const f = this.cell.f;
    if (f !== undefined && f.length > MAX_CELL_CHARS) throw this.tooLong(f);
  }

  /** Where the reader is; no column before the row's first cell (a row-level failure). */
  private where(): Location {
    const at: Location = { file: this.ctx.displayName, sheet: this.ctx.sheet, row: this.rowNum };
    if (this.cell.col >= 0) at.column = columnLetter(this.cell.col);
    return at;
  }

  private tooLong(text: string): FundgapError {
    return cellTooLong(this.where(), text);
  }

  private malformed(what: CellProblem, text: string): FundgapError {
    return new FundgapError({ code: 'XLSX_MALFORMED', at: this.where(), text, problem: 'cell', what });
  }
}
