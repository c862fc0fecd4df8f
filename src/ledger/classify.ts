// One raw row in, one verdict out: a data row with its key, amount (in 元, rounded to the fen)
// and the other fields, or a skipped row with its reason (blank, note, subtotal, total …).
// Bad cells are errors naming file, sheet, row, column and the text; nothing is dropped
// without a reason.

import { FundgapError } from '../errors.js';
import { addExact, cellNumber, exactFromText, exactInYuan, parseAmount, plainFen, significantDigits, toFen, tooManyDigits, type Exact, type Money, type Unit } from '../money.js';
import { MAX_AMOUNT_DIGITS } from '../limits.js';
import type { Cell, RawRow } from '../sheets/types.js';
import { dropFormatChars, isPlainText, normaliseHeader, normaliseKey } from '../text/normalise.js';
import { normaliseIdNumber } from '../text/id-number.js';
import { badDate, parseDateCell } from './dates.js';
import { joinKey } from './key.js';
import { carriedKindOf, cellText, isBreakdownLabel, isSignOffLine, totalKindOf, type TotalKind } from './header.js';
import type { Layout } from './layout.js';
import { paymentVerdict } from './payment-status.js';
import { location, type ClassifyContext, type Verdict } from './rows.js';

/**
 * A row's amount in 元, exactly as written: its amount cell, or the sum of the cells of the columns the config adds
 * (中央资金 + 省级资金), a blank one counting as 0. Undefined when every one is blank.
 */
function readExactAmount(ctx: ClassifyContext, raw: RawRow): ReturnType<typeof readAmountCell> {
  const cols = ctx.layout.amountColumns;
  if (cols.length === 1) return readAmountCell(ctx, raw, cols[0]!);
  let sum: ReturnType<typeof readAmountCell>;
  for (const col of cols) {
    const a = readAmountCell(ctx, raw, col);
    if (a === undefined) continue;
    sum = sum === undefined
      ? a
      : { value: addExact(sum.value, a.value), unit: sum.unit, stated: sum.stated && a.stated, inCell: sum.inCell || a.inCell };
  }
  return sum;
}

/** The amount in a cell, in 元; undefined when the cell is blank. */
function readAmountCell(
  ctx: ClassifyContext,
  raw: RawRow,
  col: number,
): { value: Exact; unit: Unit; stated: boolean; inCell: boolean } | undefined {
  const cell: Cell | undefined = raw.cells[col];
  if (cell === undefined || raw.covered?.has(col)) return undefined;
  const columnUnit = ctx.layout.unit;
  const unitOf = (inCell: Unit | undefined) => ({
    unit: inCell ?? columnUnit ?? ctx.fallbackUnit,
    stated: (inCell ?? columnUnit) !== undefined,
    inCell: inCell !== undefined,
  });
  switch (cell.t) {
    case 'empty':
      return undefined;
    case 'number': {
      const value = exactFromText(cell.v);
      if (value === null) throw bad(ctx, raw.row, col, cell.v);
      if (tooManyDigits(value)) throw tooLong(ctx, raw.row, col, cell.v, significantDigits(cell.v));
      return { value: cellNumber(value), ...unitOf(undefined) };
    }
    case 'text': {
      const parsed = parseAmount(cell.v);
      if (parsed === null) throw bad(ctx, raw.row, col, cell.v);
      if (parsed.kind === 'blank') return undefined;
      if (parsed.kind === 'too-long') throw tooLong(ctx, raw.row, col, cell.v, parsed.digits);
      return { value: parsed.value, ...unitOf(parsed.unit) };
    }
    case 'error':
    case 'no-result':
      throw unusable(ctx, raw.row, col, cell, 'amount');
    case 'date':
      throw bad(ctx, raw.row, col, cell.v, 'date');
    case 'bool':
      throw bad(ctx, raw.row, col, cell.v ? 'TRUE' : 'FALSE');
  }
}

/**
 * A row's amount in 元, rounded to the fen — text and numeric cells alike — with what was
 * written when that changed it; undefined when the cells are blank.
 */
function readAmount(ctx: ClassifyContext, raw: RawRow): { value: Money; written: Exact | undefined; unit: Unit; stated: boolean; inCell: boolean } | undefined {
  const plain = readPlainAmount(ctx, raw);
  if (plain !== undefined) return plain;
  const a = readExactAmount(ctx, raw);
  if (a === undefined) return undefined;
  const r = toFen(a.value, a.unit);
  return { value: r.fen, written: r.adjusted ? exactInYuan(a.value, a.unit) : undefined, unit: a.unit, stated: a.stated, inCell: a.inCell };
}

/**
 * The common case the long way would read the same: one amount column holding a plain number
 * (`1234.5`, `-12.30`) that is a whole number of fen in the sheet's unit. Undefined otherwise.
 */
function readPlainAmount(ctx: ClassifyContext, raw: RawRow): ReturnType<typeof readAmount> {
  const cols = ctx.layout.amountColumns;
  if (cols.length !== 1) return undefined;
  const col = cols[0]!;
  const cell = raw.cells[col];
  if (cell === undefined || (cell.t !== 'text' && cell.t !== 'number') || raw.covered?.has(col)) return undefined;
  const columnUnit = ctx.layout.unit;
  const unit = columnUnit ?? ctx.fallbackUnit;
  const fen = plainFen(cell.v, unit);
  if (fen === undefined) return undefined;
  return { value: fen, written: undefined, unit, stated: columnUnit !== undefined, inCell: false };
}

/**
 * An Excel error value (#N/A from a VLOOKUP, #DIV/0!) or a formula with no saved result, in a
 * cell the row depends on: its amount, its key or its date. Read as text, a key of "#N/A"
 * would quietly pool every failed lookup under one key.
 */
function unusable(ctx: ClassifyContext, row: number, col: number, cell: Extract<Cell, { t: 'error' | 'no-result' }>, expected: 'amount' | 'key' | 'date'): FundgapError {
  if (cell.t === 'error') return new FundgapError({ code: 'CELL_ERROR', at: location(ctx, row, col), text: cell.v, value: cell.v, expected });
  return new FundgapError({ code: 'CELL_NO_RESULT', at: location(ctx, row, col), text: `=${cell.formula}` });
}

function tooLong(ctx: ClassifyContext, row: number, col: number, text: string, digits: number): FundgapError {
  return new FundgapError({ code: 'AMOUNT_TOO_LONG', at: location(ctx, row, col), text, digits, limit: MAX_AMOUNT_DIGITS });
}

function bad(ctx: ClassifyContext, row: number, col: number, text: string, problem: 'not-amount' | 'date' = 'not-amount'): FundgapError {
  return new FundgapError({ code: 'AMOUNT_INVALID', at: location(ctx, row, col), text, problem });
}

function fieldText(raw: RawRow, col: number | undefined): string | undefined {
  if (col === undefined) return undefined;
  const t = cellText(raw.cells[col]).trim();
  return t === '' ? undefined : t;
}

const NO_LABELS: readonly string[] = [];

/** What one pass over a row's cells finds, for the checks that would each walk them again. */
interface RowScan {
  /** Cells holding text of the row's own (not a merged cell's copy). */
  own: number;
  /** The first of them, trimmed. */
  first: string;
  /**
   * A text cell other than the amount holds 页, 頁, 承, 过 or 過: without one of them no cell
   * can mark a page figure (carriedRow).
   */
  mayBeCarried: boolean;
  /**
   * A text cell other than the amount holds 计, 計 or 其: without one of them no label marks a
   * total (totalKindOf) or a breakdown (isBreakdownLabel).
   */
  mayBeLabelled: boolean;
}

function scanRow(layout: Layout, raw: RawRow): RowScan {
  const { cells, covered } = raw;
  const scan: RowScan = { own: 0, first: '', mayBeCarried: false, mayBeLabelled: false };
  for (let i = 0; i < cells.length; i++) {
    if (covered?.has(i)) continue;
    const cell = cells[i]!;
    const t = cellText(cell).trim();
    if (t === '') continue;
    if (scan.own++ === 0) scan.first = t;
    if (cell.t !== 'text' || i === layout.amountColumn) continue;
    const v = cell.v;
    let marks = 0;
    for (let j = 0; j < v.length; j++) marks |= MARKS[v.charCodeAt(j)]!;
    if (marks & CARRIED_MARK) scan.mayBeCarried = true;
    if (marks & LABEL_MARK) scan.mayBeLabelled = true;
  }
  return scan;
}

const CARRIED_MARK = 1;
const LABEL_MARK = 2;
/** For each UTF-16 unit, which of the checks above it may concern: one load a character. */
const MARKS = new Uint8Array(0x10000);
for (const c of '页頁承过過') MARKS[c.charCodeAt(0)] = CARRIED_MARK;
for (const c of '计計其') MARKS[c.charCodeAt(0)] = LABEL_MARK;

function readDate(ctx: ClassifyContext, raw: RawRow, col: number | undefined): string | undefined {
  if (col === undefined) return undefined;
  const cell = raw.cells[col];
  if (cell === undefined) return undefined;
  if (cell.t === 'error' || cell.t === 'no-result') throw unusable(ctx, raw.row, col, cell, 'date');
  const parsed = parseDateCell(cell, ctx.date1904);
  if (parsed === null) {
    throw new FundgapError({ code: 'DATE_INVALID', at: location(ctx, raw.row, col), text: cellText(cell), ...badDate(cell) });
  }
  return parsed;
}

const AMOUNT_START = /^[\s\d(（¥￥+\-−.]/;
/** Every such word has 页, or is 承前/过次: a cheap test before normalising the text. */
const MAY_BE_CARRIED = /[页頁]|承前|过次|過次/;
const DIGITS = /^\d+$/;

/**
 * A row that repeats the header — tables pasted one under another, or a page heading exported
 * with every page — holds the amount column's own name where its amount would be. It is a
 * header again, not a bad amount. (Compared part by part, so a repeated 小计/中央资金 row under
 * a two-row header is one too.)
 */
function repeatsHeader(layout: Layout, raw: RawRow): boolean {
  const cell = raw.cells[layout.amountColumn];
  // Runs for every row: an amount starts with a digit, a sign or a currency mark.
  if (cell?.t !== 'text' || AMOUNT_START.test(cell.v)) return false;
  const text = normaliseHeader(cell.v);
  return text !== '' && layout.columns[layout.amountColumn]!.name.display.split('/').some((part) => normaliseHeader(part) === text);
}

/**
 * 承前页, 过次页 or 本页合计 in any cell: an account book's page figures, skipped and checked
 * against the running sums (accumulate.ts). They never stop a run: an amount that cannot be
 * read is simply not checked.
 */
function carriedRow(ctx: ClassifyContext, raw: RawRow): Verdict | undefined {
  const { layout } = ctx;
  for (let i = 0; i < raw.cells.length; i++) {
    const cell = raw.cells[i]!;
    if (i === layout.amountColumn || cell.t !== 'text' || !MAY_BE_CARRIED.test(cell.v) || raw.covered?.has(i)) continue;
    const kind = carriedKindOf(cell.v);
    if (!kind) continue;
    let amount: ReturnType<typeof readAmount>;
    try {
      amount = readAmount(ctx, raw);
    } catch {
      amount = undefined;
    }
    return {
      kind: 'skip',
      row: raw.row,
      reason: kind === 'carried' ? 'carried-forward' : 'page-total',
      total: { row: raw.row, kind, label: cell.v.trim(), amount: amount?.value, written: amount?.written, formula: raw.formulas?.get(layout.amountColumn) },
    };
  }
  return undefined;
}

export function classifyRow(ctx: ClassifyContext, raw: RawRow): Verdict {
  const { layout } = ctx;
  const scan = scanRow(layout, raw);
  if (scan.own === 0) return { kind: 'skip', row: raw.row, reason: 'blank' };

  if (repeatsHeader(layout, raw)) return { kind: 'skip', row: raw.row, reason: 'header' };
  // 制表人：李明 — a phone number or a date may sit in the amount or date column.
  if (isSignOffLine(scan.first)) return { kind: 'skip', row: raw.row, reason: 'sign-off' };
  if (scan.mayBeCarried) {
    const carried = carriedRow(ctx, raw);
    if (carried) return carried;
  }

  const labels = scan.mayBeLabelled ? labelCells(layout, raw) : NO_LABELS;
  let totalKind: TotalKind | undefined;
  let label = '';
  for (const text of labels) {
    totalKind = totalKindOf(text);
    if (totalKind) {
      label = text.trim();
      break;
    }
  }
  if (totalKind) {
    const amount = readAmount(ctx, raw);
    const formula = raw.formulas?.get(layout.amountColumn);
    return {
      kind: 'skip',
      row: raw.row,
      reason: totalKind,
      total: { row: raw.row, kind: totalKind, label, amount: amount?.value, written: amount?.written, formula },
    };
  }
  const breakdown = labels.find(isBreakdownLabel);
  if (breakdown !== undefined) {
    // A part of the row above (其中：中央资金 60), or a lone 其中 over the parts (breakdowns.ts).
    const amount = readAmount(ctx, raw);
    if (amount === undefined) return { kind: 'skip', row: raw.row, reason: 'breakdown' };
    const named = layout.keyColumns.map((c) => fieldText(raw, c)).filter((k) => k !== undefined && !isBreakdownLabel(k));
    const label = named.length > 0 ? named.join(' / ') : breakdown.trim();
    return { kind: 'skip', row: raw.row, reason: 'breakdown', excluded: { reason: 'breakdown', amount: amount.value, label, written: amount.written } };
  }

  if (ctx.format === 'csv') checkWidth(ctx, raw, scan.own);

  const amount = readAmount(ctx, raw);
  // A key is shown as written, less the invisible characters it is matched without.
  const keyParts = keyPartsOf(layout, raw);
  const anyKey = keyParts.some(isDefined);
  if (amount === undefined) {
    // A merged amount is counted once, on its first row; the rows under it share it.
    const reason = raw.covered?.has(layout.amountColumn) ? 'merged-amount' : anyKey ? 'no-amount' : 'note';
    return { kind: 'skip', row: raw.row, reason };
  }
  // A payment the bank reports as failed or returned did not land: its money is left out.
  if (layout.fields.status !== undefined) {
    const failed = paymentVerdict(ctx, raw, amount.value, keyParts);
    if (failed) return failed;
  }
  for (const c of layout.keyColumns) {
    const cell = raw.cells[c];
    if (cell?.t === 'error' || cell?.t === 'no-result') throw unusable(ctx, raw.row, c, cell, 'key');
  }
  const normalised = keyParts.map(normalisedPart);
  const missing = normalised.indexOf('');
  if (missing !== -1) {
    throw new FundgapError({ code: 'KEY_MISSING', at: location(ctx, raw.row, layout.keyColumns[missing]!), text: cellText(raw.cells[layout.amountColumn]), problem: 'row' });
  }

  const f = layout.fields;
  const idCell = f.idNumber === undefined ? undefined : raw.cells[f.idNumber];
  const beneficiary = fieldText(raw, f.beneficiary);
  return {
    kind: 'data',
    row: {
      row: raw.row,
      keyParts: keyParts as string[],
      keyId: joinKey(normalised),
      amount: amount.value,
      written: amount.written,
      unit: amount.unit,
      unitStated: amount.stated,
      unitInCell: amount.inCell,
      date: readDate(ctx, raw, f.date),
      // A ledger whose only name column names the beneficiary (学生姓名) pays that person.
      payee: fieldText(raw, f.payee) ?? beneficiary,
      beneficiary,
      idNumber: fieldText(raw, f.idNumber),
      idNumberWasNumber: idCell?.t === 'number',
      bankAccount: fieldText(raw, f.bankAccount),
      region: fieldText(raw, f.region),
      fundSource: fieldText(raw, f.fundSource),
      amountInWords: fieldText(raw, f.amountInWords),
      voucher: fieldText(raw, f.voucher),
      hidden: raw.hidden === true,
      heading: headingLevel(raw, layout),
      raw,
    },
  };
}

const isDefined = (k: string | undefined) => k !== undefined;
const normalisedPart = (k: string | undefined) => (k === undefined ? '' : normaliseKey(k));

/**
 * The key columns' texts as written, less the invisible characters the key is matched
 * without. ID numbers join as GB 11643 writes them: a lower-case x check character is the
 * same ID.
 */
function keyPartsOf(layout: Layout, raw: RawRow): (string | undefined)[] {
  const cols = layout.keyColumns;
  const parts = new Array<string | undefined>(cols.length);
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const t = fieldText(raw, c);
    if (t === undefined) parts[i] = undefined;
    else if (c === layout.fields.idNumber) parts[i] = normaliseIdNumber(t);
    else parts[i] = isPlainText(t) ? t : dropFormatChars(t).trim() || undefined;
  }
  return parts;
}

const HEADING_1 = /^[一二三四五六七八九十]+(?:[、.．]|$)/;
const HEADING_2 = /^[(（][一二三四五六七八九十]+[)）]/;
const HEADING_START = new Set([...'一二三四五六七八九十(（'].map((c) => c.charCodeAt(0)));

/** 一、产业发展类 (or 一 in the 序号 column, 产业发展类 beside it), and （一） one level down. */
function headingLevel(raw: RawRow, layout: Layout): 1 | 2 | undefined {
  for (let i = 0; i < raw.cells.length; i++) {
    if (i === layout.amountColumn || raw.covered?.has(i)) continue;
    const t = cellText(raw.cells[i]).trim();
    if (t === '') continue;
    // Both forms begin with a numeral or a bracket; most rows begin with neither.
    if (!HEADING_START.has(t.charCodeAt(0))) return undefined;
    if (HEADING_1.test(t)) return 1;
    if (HEADING_2.test(t)) return 2;
    // Only the first text on the row can number it.
    return undefined;
  }
  return undefined;
}

/**
 * Where a row says what it is (合计, 乐都区小计, 其中：…): the first text on the row (序号 often
 * holds 合计), the key columns and the region. Not free-text columns such as 备注, where
 * "其中中央资金50" or "见县级小计" describe an ordinary row.
 */
function labelCells(layout: Layout, raw: RawRow): string[] {
  const out: string[] = [];
  const take = (i: number | undefined) => {
    if (i === undefined || i === layout.amountColumn || raw.covered?.has(i)) return;
    const cell = raw.cells[i];
    if (cell?.t === 'text' && cell.v.trim() !== '') out.push(cell.v);
  };
  const first = raw.cells.findIndex((c, i) => c.t === 'text' && c.v.trim() !== '' && !raw.covered?.has(i) && i !== layout.amountColumn && !DIGITS.test(c.v.trim()));
  take(first === -1 ? undefined : first);
  for (const k of layout.keyColumns) take(k);
  take(layout.fields.region);
  return out;
}

function checkWidth(ctx: ClassifyContext, raw: RawRow, ownCells: number): void {
  const width = ctx.layout.columns.length;
  let extra = -1;
  for (let i = width; i < raw.cells.length && extra === -1; i++) if (cellText(raw.cells[i]).trim() !== '') extra = i - width;
  if (extra !== -1) {
    throw new FundgapError({
      code: 'CSV_ROW_WIDTH',
      at: { file: ctx.file, row: raw.row, column: String(width + extra + 1) },
      text: cellText(raw.cells[width + extra]),
      cells: raw.cells.length,
      width,
      side: 'wide',
    });
  }
  // A line with one cell is a note (制表人：…); a short line with more is a broken record.
  if (ownCells < 2) return;
  const beyond = (c: number) => c >= raw.cells.length;
  const short = ctx.layout.amountColumns.find(beyond) ?? ctx.layout.keyColumns.find(beyond);
  if (short !== undefined) {
    throw new FundgapError({ code: 'CSV_ROW_WIDTH', at: location(ctx, raw.row, short), text: raw.cells.map(cellText).join(','), cells: raw.cells.length, width, side: 'short' });
  }
}
