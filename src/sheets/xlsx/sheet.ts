// Streams the rows of one worksheet part: a cheap byte scan for the merged ranges (stored after
// the rows), then a SAX pass that yields each <row> as soon as its chunk is parsed. Memory stays
// bounded by the merges and one chunk of rows. Numeric text is never turned into a JS number.

import { EMPTY, columnLetter, type Cell, type RawRow } from '../types.js';
import { FundgapError, t, type Bilingual } from '../../errors.js';
import { isoCellText, serialToIso } from './dates.js';
import { StringItem, decodeOoxmlEscapes } from './shared-strings.js';
import type { DateStyles } from './styles.js';
import { createParser, detach, inSheet, RESAVE, utf8Chunks, xmlError, type Attributes } from './xml.js';

/** A merged range; rows 1-based as in Excel, columns 0-based. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetContext {
  readonly displayName: string;
  readonly sheet: string;
  /** The worksheet's part name, for error messages. */
  readonly part: string;
  readonly sharedStrings: readonly string[];
  readonly dateStyles: DateStyles;
  readonly date1904: boolean;
  readonly merges: readonly MergeRange[];
}

const SHEET_DATA = Buffer.from('sheetData');
/** Distinct date serials remembered; timestamps with seconds could otherwise grow it without bound. */
const DATE_CACHE_SIZE = 10_000;
/** Longest tail of one chunk kept to find a `</x:sheetData>` split across two chunks. */
const CARRY = 64;

/**
 * Reads the merged ranges of a worksheet without parsing its rows: finds the end of
 * <sheetData> by a byte search, then picks the `ref`s of <mergeCell> elements from the tail.
 * Stops at </mergeCells>, so the rest of the part is not even inflated.
 */
export async function scanMerges(chunks: AsyncIterable<Buffer>): Promise<MergeRange[]> {
  const merges: MergeRange[] = [];
  let carry: Buffer | undefined;
  // Once the rows are behind us: the text not yet scanned, cut after the last complete tag.
  let tail: string | undefined;
  for await (const chunk of chunks) {
    if (tail === undefined) {
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const end = sheetDataEnd(buf);
      if (end < 0) {
        carry = Buffer.from(buf.subarray(Math.max(0, buf.length - CARRY)));
        continue;
      }
      // Merge refs are ASCII, so latin1 (one char per byte) cannot split a character.
      tail = buf.toString('latin1', end);
    } else {
      tail += chunk.toString('latin1');
    }
    const lastTag = tail.lastIndexOf('>') + 1;
    const done = collectMerges(tail.slice(0, lastTag), merges);
    tail = tail.slice(lastTag);
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

/** The last column (XFD) and row Excel has, 0-based and 1-based. */
const MAX_COLUMN = 16_383;
const MAX_ROW = 1_048_576;

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

/** The 0-based column of a cell reference such as "AB12"; -1 when it has no letters. */
function lettersToIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n - 1;
}

function put(cells: Cell[], col: number, value: Cell): void {
  if (value === EMPTY) {
    // Empty cells never extend the row: it ends at its last non-empty cell.
    if (col < cells.length) cells[col] = EMPTY;
    return;
  }
  while (cells.length < col) cells.push(EMPTY);
  cells[col] = value;
}

/** Streams the rows of a worksheet part, in file order. */
export async function* sheetRows(chunks: AsyncIterable<Buffer>, ctx: SheetContext): AsyncGenerator<RawRow> {
  const { sharedStrings, dateStyles, date1904, merges } = ctx;
  // A ledger repeats a few thousand dates over many rows; converting each serial once is
  // much cheaper than a Date per cell.
  const dateCache = new Map<string, string | undefined>();
  // The text of each shared formula's master cell, by its `si`.
  const sharedFormulas = new Map<string, string>();
  // Merges whose rows we are in, the next merge to become active, and each anchor's value.
  const active: MergeRange[] = [];
  const anchorValues = new Map<MergeRange, Cell>();
  let nextMerge = 0;

  let pending: RawRow[] = [];
  let inSheetData = false;
  let sheetDataDone = false;

  let rowNum = 0;
  let highestRow = 0;
  let hidden = false;
  let cells: Cell[] = [];
  let formulas: Map<number, string> | undefined;

  let col = -1;
  let type = 'n';
  let style = 0;
  let inCell = false;
  let hasV = false;
  let vText = '';
  let fText: string | undefined;
  let sharedSi: string | undefined;
  /** 1: inside <v>, 2: inside <f>. */
  let capture = 0;
  // The <is> of an inline-string cell; one collector reused for every such cell.
  const inlineString = new StringItem();
  let hasIs = false;
  let inIs = false;

  const malformedCell = (message: Bilingual, text: string): FundgapError =>
    new FundgapError('XLSX_MALFORMED', message, {
      at: { file: ctx.displayName, sheet: ctx.sheet, row: rowNum, column: columnLetter(col) },
      text,
      hint: RESAVE,
    });

  // An empty string reads as an empty cell, as it does from CSV and as Excel shows it.
  const textCell = (v: string): Cell => (v === '' ? EMPTY : { t: 'text', v });
  const cellValue = (): Cell => {
    if (hasIs) return textCell(inlineString.take());
    const v = type === 'str' ? vText : vText.trim();
    if (!hasV || (v === '' && type !== 'str')) {
      return fText === undefined ? EMPTY : { t: 'no-result', formula: fText };
    }
    switch (type) {
      case 's': {
        const str = sharedStrings[Number(v)];
        if (str === undefined) throw malformedCell(t('单元格引用的文字（共享字符串）在文件里不存在', 'the cell refers to a shared string the file does not contain'), v);
        return textCell(str);
      }
      case 'str':
      case 'inlineStr':
        return textCell(detach(decodeOoxmlEscapes(v)));
      case 'b':
        return { t: 'bool', v: v === '1' || v === 'true' };
      case 'e':
        return { t: 'error', v: detach(v) };
      case 'd':
        return { t: 'date', v: detach(isoCellText(v)), serial: '' };
      default: {
        if (dateStyles[style] === true) {
          let iso = dateCache.get(v);
          if (iso === undefined && !dateCache.has(v)) {
            if (dateCache.size >= DATE_CACHE_SIZE) dateCache.clear();
            iso = serialToIso(v, date1904);
            dateCache.set(v, iso);
          }
          // A serial no calendar can show (negative, past 9999) stays the number it is.
          if (iso !== undefined) return { t: 'date', v: iso, serial: detach(v) };
        }
        return { t: 'number', v: detach(v) };
      }
    }
  };

  const applyMerge = (m: MergeRange, covered: Set<number>): void => {
    let from = m.left;
    if (rowNum === m.top) {
      anchorValues.set(m, cells[m.left] ?? EMPTY);
      from++;
    }
    const value = anchorValues.get(m) ?? EMPTY;
    for (let c = from; c <= m.right; c++) {
      // Excel shows the anchor's value across the range and hides whatever a covered cell
      // holds, so the covered cell reads as the anchor, never as a formula of its own.
      put(cells, c, value);
      covered.add(c);
      formulas?.delete(c);
    }
  };

  const finishRow = (): RawRow => {
    let covered: Set<number> | undefined;
    if (merges.length > 0) {
      if (rowNum <= highestRow) {
        // Rows out of order or repeated (Excel never writes them, but they are readable): the
        // running list of merges has moved on, so check every merge.
        for (const m of merges) {
          if (m.top <= rowNum && rowNum <= m.bottom) applyMerge(m, (covered ??= new Set()));
        }
      } else {
        while (nextMerge < merges.length && merges[nextMerge]!.top <= rowNum) active.push(merges[nextMerge++]!);
        let keep = 0;
        for (const m of active) {
          if (m.bottom < rowNum) {
            anchorValues.delete(m);
            continue;
          }
          active[keep++] = m;
          applyMerge(m, (covered ??= new Set()));
        }
        active.length = keep;
      }
      // An empty anchor may have blanked the last cells; the row still ends at a value.
      while (cells.length > 0 && cells[cells.length - 1] === EMPTY) cells.pop();
    }
    highestRow = Math.max(highestRow, rowNum);
    const row: { -readonly [K in keyof RawRow]: RawRow[K] } = { row: rowNum, cells };
    if (hidden) row.hidden = true;
    if (covered && covered.size > 0) row.covered = covered;
    if (formulas && formulas.size > 0) row.formulas = formulas;
    return row;
  };

  const open = (name: string, a: Attributes): void => {
    if (inIs) {
      inlineString.open(name);
      return;
    }
    switch (name) {
      case 'c': {
        if (!inSheetData) return;
        inCell = true;
        const r = a.r;
        const c = r === undefined ? -1 : lettersToIndex(r);
        // A cell without a reference follows the one before it.
        col = c >= 0 ? c : col + 1;
        // Excel stops at XFD; a reference past it would make the row an enormous array.
        if (col > MAX_COLUMN) throw malformedCell(t('单元格超出了 Excel 的最后一列（XFD）', 'the cell lies beyond the last column Excel has (XFD)'), r ?? '');
        type = a.t ?? 'n';
        style = a.s === undefined ? 0 : Number(a.s);
        hasV = false;
        vText = '';
        fText = undefined;
        hasIs = false;
        return;
      }
      case 'v':
        if (!inCell) return;
        capture = 1;
        hasV = true;
        vText = '';
        return;
      case 'f':
        if (!inCell) return;
        capture = 2;
        fText = '';
        sharedSi = a.t === 'shared' ? a.si : undefined;
        return;
      case 'is':
        if (!inCell) return;
        inIs = true;
        hasIs = true;
        return;
      case 'row': {
        if (!inSheetData) return;
        const r = a.r === undefined ? NaN : Number(a.r);
        // A row without a number follows the one before it.
        rowNum = Number.isInteger(r) && r > 0 ? r : rowNum + 1;
        if (rowNum > MAX_ROW) throw malformedCell(t('这一行超出了 Excel 的最后一行（1048576）', 'the row lies beyond the last row Excel has (1048576)'), String(rowNum));
        hidden = a.hidden === '1' || a.hidden === 'true' || (a.ht !== undefined && Number(a.ht) === 0);
        cells = [];
        formulas = undefined;
        col = -1;
        return;
      }
      case 'sheetData':
        inSheetData = true;
        return;
    }
  };

  const close = (name: string): void => {
    if (inIs) {
      if (name === 'is') inIs = false;
      else inlineString.close(name);
      return;
    }
    switch (name) {
      case 'v':
        capture = 0;
        return;
      case 'f':
        if (capture !== 2) return;
        capture = 0;
        fText = detach(fText!);
        if (sharedSi !== undefined) {
          // The master of a shared formula carries its text; the cells sharing it are empty.
          if (fText !== '') sharedFormulas.set(sharedSi, fText);
          else fText = sharedFormulas.get(sharedSi) ?? '(shared)';
        }
        return;
      case 'c': {
        if (!inCell) return;
        inCell = false;
        const value = cellValue();
        put(cells, col, value);
        if (fText !== undefined && value.t !== 'no-result') (formulas ??= new Map()).set(col, fText);
        return;
      }
      case 'row':
        if (inSheetData) pending.push(finishRow());
        return;
      case 'sheetData':
        inSheetData = false;
        sheetDataDone = true;
        return;
    }
  };

  const text = (s: string): void => {
    if (capture === 1) vText += s;
    else if (capture === 2) fText += s;
    else if (inIs) inlineString.text(s);
  };

  const parser = createParser({ open, close, text });
  const fail = (e: unknown): FundgapError =>
    e instanceof FundgapError ? inSheet(e, ctx.sheet) : xmlError(ctx.part, ctx.displayName, e, ctx.sheet, rowNum || undefined);

  try {
    for await (const s of utf8Chunks(chunks)) {
      parser.write(s);
      if (pending.length > 0) {
        const batch = pending;
        pending = [];
        for (const row of batch) yield row;
      }
      // Everything after the rows (merges, page setup) is already known or not needed.
      if (sheetDataDone) return;
    }
    parser.close();
  } catch (e) {
    throw fail(e);
  }
}
