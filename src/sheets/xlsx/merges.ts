// Merged ranges: found by a cheap byte scan of the worksheet's tail (they are stored after the
// rows), then spread over each row as it is read, the way Excel shows them: every covered cell
// reads as the range's top-left value. Memory is bounded by the merges, never by the rows.

import { EMPTY, type Cell } from '../types.js';
import { FundgapError } from '../../errors.js';
import { lettersToIndex, MAX_COLUMN, MAX_ROW } from './refs.js';

/** A merged range; rows 1-based as in Excel, columns 0-based. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const SHEET_DATA = Buffer.from('sheetData');
/** Longest tail of one chunk kept to find a `</x:sheetData>` split across two chunks. */
const CARRY = 64;
/**
 * Merged ranges held for one sheet. Real sheets have hundreds, a form-like one thousands; a
 * million (about 60 MB) is far past any ledger and keeps a crafted sheet from filling memory.
 */
const MAX_MERGES = 1_000_000;
/** Longest unfinished tag kept from one chunk to the next while looking for merges. */
const MAX_TAG = 4096;

/**
 * Reads the merged ranges of a worksheet without parsing its rows: finds the end of
 * <sheetData> by a byte search, then picks the `ref`s of <mergeCell> elements from the tail.
 * Stops at </mergeCells>, so the rest of the part is not even inflated.
 */
export async function scanMerges(chunks: AsyncIterable<Buffer>, displayName = '', part = ''): Promise<MergeRange[]> {
  const merges: MergeRange[] = [];
  let carry: Buffer | undefined;
  // Once the rows are behind us: the text not yet scanned, cut after the last complete tag.
  let tail: string | undefined;
  for await (const chunk of chunks) {
    if (tail === undefined) {
      // Only the few bytes around the seam are joined to find a tag split across two chunks.
      const seam = carry ? Buffer.concat([carry, chunk.subarray(0, CARRY)]) : undefined;
      const atSeam = seam ? sheetDataEnd(seam) : -1;
      const end = atSeam >= 0 ? atSeam - carry!.length : sheetDataEnd(chunk);
      if (end < 0) {
        const recent = chunk.length >= CARRY || !carry ? chunk : Buffer.concat([carry, chunk]);
        carry = Buffer.from(recent.subarray(Math.max(0, recent.length - CARRY)));
        continue;
      }
      // Merge refs are ASCII, so latin1 (one char per byte) cannot split a character.
      tail = chunk.toString('latin1', end);
    } else {
      tail += chunk.toString('latin1');
    }
    const lastTag = tail.lastIndexOf('>') + 1;
    const done = collectMerges(tail.slice(0, lastTag), merges);
    if (merges.length > MAX_MERGES) throw tooManyMerges(displayName, part);
    // A <mergeCell> tag is a few dozen characters: a longer stretch without '>' holds none.
    tail = tail.length - lastTag > MAX_TAG ? tail.slice(-MAX_TAG) : tail.slice(lastTag);
    if (done) break;
  }
  return merges.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** The offset just past `</sheetData>` or `<sheetData/>` (any prefix), or -1. */
function sheetDataEnd(buf: Buffer): number {
  for (let i = buf.indexOf(SHEET_DATA); i >= 0; i = buf.indexOf(SHEET_DATA, i + 1)) {
    let j = i - 1;
    // Step back over a namespace prefix ("x:") to the '<' or '</' before it.
    if (buf[j] === 0x3a) while (j >= 0 && buf[j] !== 0x3c && buf[j] !== 0x2f && buf[j] !== 0x3e && buf[j] !== 0x20) j--;
    const closeTag = buf[j] === 0x2f && buf[j - 1] === 0x3c; // '</'
    const openTag = buf[j] === 0x3c;
    if (!closeTag && !openTag) continue;
    let k = i + SHEET_DATA.length;
    while (buf[k] === 0x20 || buf[k] === 0x09 || buf[k] === 0x0a || buf[k] === 0x0d) k++;
    if (closeTag && buf[k] === 0x3e) return k + 1;
    if (openTag && buf[k] === 0x2f && buf[k + 1] === 0x3e) return k + 2;
  }
  return -1;
}

const MERGE_CELL = /<(?:[\w.-]+:)?mergeCell\b([^>]*)>|<\/(?:[\w.-]+:)?mergeCells\s*>/g;
const REF_ATTR = /\bref\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function tooManyMerges(displayName: string, part: string): FundgapError {
  return new FundgapError({ code: 'XLSX_PART_TOO_LARGE', at: { file: displayName }, problem: 'merges', part, limit: MAX_MERGES });
}

/** Adds the ranges of the complete tags in `text`; true once </mergeCells> is seen. */
function collectMerges(text: string, merges: MergeRange[]): boolean {
  for (const m of text.matchAll(MERGE_CELL)) {
    if (m[1] === undefined) return true;
    const ref = REF_ATTR.exec(m[1]);
    const range = parseRange(ref?.[1] ?? ref?.[2] ?? '');
    if (range) merges.push(range);
  }
  return false;
}

function parseRange(ref: string): MergeRange | undefined {
  const [from, to] = ref.split(':');
  const a = CELL_REF.exec(from ?? '');
  const b = CELL_REF.exec(to ?? '');
  if (!a || !b) return undefined;
  const r1 = Number(a[2]);
  const r2 = Number(b[2]);
  const c1 = lettersToIndex(a[1] ?? '');
  const c2 = lettersToIndex(b[1] ?? '');
  if (Math.max(c1, c2) > MAX_COLUMN || Math.max(r1, r2) > MAX_ROW) return undefined;
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

/** Sets a cell; an empty one never extends the row, which ends at its last non-empty cell. */
export function putCell(cells: Cell[], col: number, value: Cell): void {
  if (value === EMPTY) {
    if (col < cells.length) cells[col] = EMPTY;
    return;
  }
  while (cells.length < col) cells.push(EMPTY);
  cells[col] = value;
}

/**
 * Walks the sorted merges alongside the rows: the ranges a row lies in, and the value each
 * range's anchor had, are kept only while rows inside the range can still come.
 */
export class MergeCursor {
  private readonly active: MergeRange[] = [];
  private readonly anchorValues = new Map<MergeRange, Cell>();
  private nextMerge = 0;
  private highestRow = 0;

  constructor(private readonly merges: readonly MergeRange[]) {}

  /**
   * Spreads each anchor's value over the cells its range covers in row `row`, and drops any
   * formula of a covered cell. Returns the covered columns, if any.
   */
  apply(row: number, cells: Cell[], formulas: Map<number, string> | undefined): Set<number> | undefined {
    if (this.merges.length === 0) return undefined;
    const covered = new Set<number>();
    for (const m of this.rangesOf(row)) this.spread(m, row, cells, formulas, covered);
    this.highestRow = Math.max(this.highestRow, row);
    // An empty anchor may have blanked the last cells; the row still ends at a value.
    while (cells.length > 0 && cells[cells.length - 1] === EMPTY) cells.pop();
    return covered.size > 0 ? covered : undefined;
  }

  /** The ranges row `row` lies in. */
  private rangesOf(row: number): readonly MergeRange[] {
    if (row <= this.highestRow) {
      // Rows out of order or repeated (Excel never writes them, but they are readable): the
      // running list has moved on, so check every merge.
      return this.merges.filter((m) => m.top <= row && row <= m.bottom);
    }
    const { merges, active } = this;
    while (this.nextMerge < merges.length && merges[this.nextMerge]!.top <= row) active.push(merges[this.nextMerge++]!);
    let keep = 0;
    for (const m of active) {
      if (m.bottom < row) {
        this.anchorValues.delete(m);
        continue;
      }
      active[keep++] = m;
    }
    active.length = keep;
    return active;
  }

  private spread(m: MergeRange, row: number, cells: Cell[], formulas: Map<number, string> | undefined, covered: Set<number>): void {
    let from = m.left;
    if (row === m.top) {
      this.anchorValues.set(m, cells[m.left] ?? EMPTY);
      from++;
    }
    const value = this.anchorValues.get(m) ?? EMPTY;
    for (let c = from; c <= m.right; c++) {
      // Excel shows the anchor's value across the range and hides whatever a covered cell
      // holds, so the covered cell reads as the anchor, never as a formula of its own.
      putCell(cells, c, value);
      covered.add(c);
      formulas?.delete(c);
    }
  }
}
