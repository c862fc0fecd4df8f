// One raw row in, one verdict out: a data row with its key, amount (in 元, rounded to the fen)
// and the other fields, or a skipped row with its reason (blank, note, subtotal, total …).
// Bad cells are errors naming file, sheet, row, column and the text; nothing is dropped
// without a reason.

import { FundgapError, t, type Bilingual, type Location } from '../errors.js';
import { addExact, cellNumber, exactFromText, exactInYuan, parseAmount, plainFen, toFen, type Exact, type Money, type Unit } from '../money.js';
import type { Cell, RawRow, SheetFormat } from '../sheets/types.js';
import { dropFormatChars, isPlainText, normaliseHeader, normaliseKey } from '../text/normalise.js';
import { normaliseIdNumber } from '../rules/id-number.js';
import { badDateHint, parseDateCell } from './dates.js';
import { joinKey } from './key.js';
import { carriedKindOf, cellText, isBreakdownLabel, isSignOffLine, totalKindOf, type CarriedKind, type TotalKind } from './header.js';
import type { Layout, StatusSetting } from './layout.js';
import { paymentVerdict } from './payment-status.js';

export type SkipReason =
  | 'blank'
  | 'title'
  | 'unit'
  | 'header'
  | 'note'
  | 'no-amount'
  | 'merged-amount'
  | 'group-heading'
  | 'breakdown'
  | 'subtotal'
  | 'total'
  | 'payment-failed'
  | 'carried-forward'
  | 'page-total'
  | 'sign-off'
  | 'after-end';

/** Why a row's money is left out of the figures although the row holds an amount. */
export type ExclusionReason = 'group-heading' | 'breakdown' | 'payment-failed' | 'after-end';

/**
 * A row that holds money the figures leave out because of how the sheet was read: a heading
 * carrying the sum of the rows under it, a 其中 breakdown of the row above, a payment the bank
 * reports as failed. Each is shown as a finding with its row and amount, so a reader of the
 * findings alone sees every such decision.
 */
export interface ExcludedRow {
  row: number;
  reason: ExclusionReason;
  /** In 元. */
  amount: Money;
  /** What the row calls itself: its key as written, or its first text. */
  label: string;
  /** The ledger's own words for why, where it gives them (a payment's status: 账户已销户). */
  detail?: string | undefined;
  /** The amount as written, in 元, when it had digits past the fen. */
  written?: Exact | undefined;
}

/** A row that carries money for one key. */
export interface LedgerRow {
  row: number;
  /** Key parts as written (trimmed), one per key column. */
  keyParts: string[];
  /** The normalised identity the key is matched on (key.ts). */
  keyId: string;
  /** Rounded to the fen. */
  amount: Money;
  /** The amount as written, in 元, when it had digits past the fen (see toFen). */
  written?: Exact | undefined;
  /** The unit the amount was read in, whether the sheet said so or it was assumed, and whether the cell itself said so (`20万元`). */
  unit: Unit;
  unitStated: boolean;
  unitInCell: boolean;
  date?: string | undefined;
  payee?: string | undefined;
  idNumber?: string | undefined;
  /** The ID number arrived as a spreadsheet number: Excel may already have damaged it. */
  idNumberWasNumber?: boolean | undefined;
  bankAccount?: string | undefined;
  region?: string | undefined;
  fundSource?: string | undefined;
  amountInWords?: string | undefined;
  voucher?: string | undefined;
  /** Who the payment is for, where a column says so apart from the payee (学生姓名, 受益人). */
  beneficiary?: string | undefined;
  hidden: boolean;
  /**
   * The row is numbered like a category heading (一、 or （一）) and may carry the sum of the
   * rows under it rather than money of its own; 1 for 一、, 2 for （一）. See headings.ts.
   */
  heading?: 1 | 2 | undefined;
  /** Other cells by column index, for roll-ups by any header. */
  raw: RawRow;
}

export interface TotalRow {
  row: number;
  /** 合计/小计, or an account book's 承前页/过次页 ('carried') and 本页合计 ('page'). */
  kind: TotalKind | CarriedKind;
  label: string;
  /** The stated total in 元, rounded to the fen, when the row states one. */
  amount: Money | undefined;
  /** The total as written, in 元, when it had digits past the fen. */
  written?: Exact | undefined;
  /** The formula behind the stated total, when it is one. */
  formula: string | undefined;
}

export type Verdict =
  | { kind: 'data'; row: LedgerRow }
  | {
      kind: 'skip';
      row: number;
      reason: SkipReason;
      total?: TotalRow;
      /** The money the row holds that the figures leave out (see ExcludedRow). */
      excluded?: Omit<ExcludedRow, 'row'>;
    };

export interface ClassifyContext {
  file: string;
  sheet?: string | undefined;
  format: SheetFormat;
  layout: Layout;
  /** The unit to assume when neither the cell nor the sheet states one. */
  fallbackUnit: Unit;
  date1904: boolean;
  /** How the payment-status column is read, from the config (payment-status.ts). */
  status?: StatusSetting | undefined;
}

export function location(ctx: ClassifyContext, row: number, col: number): Location {
  const c = ctx.layout.columns[col];
  const ref = c ? c.ref : String(col + 1);
  return { file: ctx.file, sheet: ctx.sheet, row, column: c && c.name.display ? `${ref} (${c.name.display})` : ref };
}

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
      return { value: cellNumber(value), ...unitOf(undefined) };
    }
    case 'text': {
      const parsed = parseAmount(cell.v);
      if (parsed === null) throw bad(ctx, raw.row, col, cell.v);
      if (parsed.kind === 'blank') return undefined;
      return { value: parsed.value, ...unitOf(parsed.unit) };
    }
    case 'error':
    case 'no-result':
      throw unusable(ctx, raw.row, col, cell, t('金额', 'an amount'));
    case 'date':
      throw bad(ctx, raw.row, col, cell.v, t('这是日期，不是金额', 'a date, not an amount'));
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
function unusable(ctx: ClassifyContext, row: number, col: number, cell: Extract<Cell, { t: 'error' | 'no-result' }>, what: Bilingual): FundgapError {
  if (cell.t === 'error') {
    return new FundgapError('CELL_ERROR', t(`单元格里是 Excel 错误值 ${cell.v}，不是${what.zh}`, `the cell holds the Excel error ${cell.v}, not ${what.en}`), {
      at: location(ctx, row, col),
      text: cell.v,
      hint: t('请在 Excel 或 WPS 中改正公式，保存后再运行。', 'Fix the formula in Excel or WPS, save, and run again.'),
    });
  }
  return new FundgapError('CELL_NO_RESULT', t('这个单元格是公式，但文件里没有保存它的计算结果', 'the cell is a formula with no saved result'), {
    at: location(ctx, row, col),
    text: `=${cell.formula}`,
    hint: t(
      '请用 Excel 或 WPS 打开文件并保存一次，让计算结果存进文件里。',
      'Open the file in Excel or WPS and save it, so the computed values are stored in it.',
    ),
  });
}

function bad(ctx: ClassifyContext, row: number, col: number, text: string, what = t('不是有效的金额', 'not an amount')): FundgapError {
  return new FundgapError('AMOUNT_INVALID', what, {
    at: location(ctx, row, col),
    text,
    hint: t(
      '金额可以写成 1,234.56、¥1,234.56、(1,234.56)、12.5万元 或 壹万贰仟叁佰肆拾伍元陆角柒分 等形式。',
      'Amounts may look like 1,234.56, ¥1,234.56, (1,234.56), 12.5万元 or 壹万贰仟叁佰肆拾伍元陆角柒分.',
    ),
  });
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
  if (cell.t === 'error' || cell.t === 'no-result') throw unusable(ctx, raw.row, col, cell, t('日期', 'a date'));
  const parsed = parseDateCell(cell, ctx.date1904);
  if (parsed === null) {
    throw new FundgapError('DATE_INVALID', t('不是有效的日期', 'not a date'), {
      at: location(ctx, raw.row, col),
      text: cellText(cell),
      hint: badDateHint(cell),
    });
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
    if (cell?.t === 'error' || cell?.t === 'no-result') throw unusable(ctx, raw.row, c, cell, t('比对键', 'a key'));
  }
  const normalised = keyParts.map(normalisedPart);
  const missing = normalised.indexOf('');
  if (missing !== -1) {
    throw new FundgapError('KEY_MISSING', t('这一行有金额，但作为比对键的这一列是空的', 'this row has an amount but no key'), {
      at: location(ctx, raw.row, layout.keyColumns[missing]!),
      text: cellText(raw.cells[layout.amountColumn]),
      hint: t(
        '有金额的行都要填写比对键（例如项目名称），请补上；如果这一行其实是小计或合计，请在行内注明“小计”或“合计”。',
        'Every row with money needs its key (for example the project name). Fill it in, or mark the row as a 小计/合计 if it is one.',
      ),
    });
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

function rowWidth(cells: number, width: number): Bilingual {
  return t(`这一行有 ${cells} 个单元格，而表头有 ${width} 列`, `this line has ${cells} cells but the header has ${width}`);
}

function checkWidth(ctx: ClassifyContext, raw: RawRow, ownCells: number): void {
  const width = ctx.layout.columns.length;
  let extra = -1;
  for (let i = width; i < raw.cells.length && extra === -1; i++) if (cellText(raw.cells[i]).trim() !== '') extra = i - width;
  if (extra !== -1) {
    throw new FundgapError('CSV_ROW_WIDTH', rowWidth(raw.cells.length, width), {
      at: { file: ctx.file, row: raw.row, column: String(width + extra + 1) },
      text: cellText(raw.cells[width + extra]),
      hint: t(
        '某个单元格里可能有没加引号的逗号或分隔符：请给它加上英文双引号（"1,234.56"），或删去这个逗号。',
        'A field may hold an unquoted comma or delimiter: quote it ("1,234.56") or remove it.',
      ),
    });
  }
  // A line with one cell is a note (制表人：…); a short line with more is a broken record.
  if (ownCells < 2) return;
  const beyond = (c: number) => c >= raw.cells.length;
  const short = ctx.layout.amountColumns.find(beyond) ?? ctx.layout.keyColumns.find(beyond);
  if (short !== undefined) {
    throw new FundgapError('CSV_ROW_WIDTH', rowWidth(raw.cells.length, width), {
      at: location(ctx, raw.row, short),
      text: raw.cells.map(cellText).join(','),
      hint: t(
        '这一行缺少单元格；单元格内容里有换行却没加引号时，一行会被拆成两行。',
        'Cells are missing from this line; a line break inside an unquoted field can split a row in two.',
      ),
    });
  }
}
