// How a sheet is laid out: which row holds the header (title rows, unit lines and notes may
// sit above it), whether the header spans two rows under merged parent cells, which column
// holds each field, and the unit of the amounts. Decided from the first rows only, so the
// rest of the sheet can stream. Anything it cannot decide safely is an error with a way out.

import { FundgapError } from '../errors.js';
import type { ColumnRef } from '../failures.js';
import type { Unit } from '../money.js';
import { parseAmount } from '../money.js';
import { columnLetter, type RawRow, type SheetFormat } from '../sheets/types.js';
import { normaliseHeader, toHalfWidth } from '../text/normalise.js';
import { checkDigit } from '../text/id-number.js';
import { FIELDS, isField, looksLikeIdHeader, matchField, type Field, type FieldMatch } from './fields.js';
import { cellText, parseHeaderName, totalKindOf, unitFromLine, type HeaderName } from './header.js';

/** Rows examined for the header. Titles and notes above a table rarely take more than a few. */
export const HEADER_SCAN_ROWS = 30;

export interface ColumnInfo {
  index: number;
  /** `E` for XLSX, `5` for CSV: how the user finds the column. */
  ref: string;
  name: HeaderName;
  match: FieldMatch | undefined;
  /** Hidden in Excel (`<col hidden="1">`): read, reported, never taken as the amount unasked. */
  hidden: boolean;
}

/** Field -> the header text of its column; the amount may name several columns to add. */
export type ColumnMap = { [F in Field]?: F extends 'amount' ? string | readonly string[] : string };

/**
 * How a ledger's payment-status column is read (status.ts): extra words for success and
 * failure, or `false` for a ledger whose status-like column is not about payments.
 */
export type StatusSetting = { success?: readonly string[] | undefined; failed?: readonly string[] | undefined } | false;

export type UnitSource = 'config' | 'header' | 'sheet' | 'cell' | 'inferred' | 'default';

export type PreambleReason = 'blank' | 'title' | 'note' | 'unit' | 'header';

export interface Layout {
  headerRows: number[];
  /** Rows before the data, with why each is not data. */
  preamble: { row: number; reason: PreambleReason }[];
  columns: ColumnInfo[];
  fields: Partial<Record<Field, number>>;
  keyColumns: number[];
  /** The amount column; the first of them when the config adds several (amountColumns). */
  amountColumn: number;
  /** Every column whose cells add up to a row's amount: one, unless the config names several. */
  amountColumns: number[];
  /** The unit of the amount column, when the sheet, its header or the config states one. */
  unit: Unit | undefined;
  unitSource: UnitSource | undefined;
  /** Choices made between candidate columns, and fields left unmapped, in plain words. */
  notes: LayoutNote[];
  /** Index of the first data row in the scanned rows. */
  dataStart: number;
  /** Every column that could hold the amount (more than one only when the config chose). */
  amountCandidates: ColumnInfo[];
  /** Columns that look like ID numbers (by header or by their cells) but are not the ID column. */
  unmappedIdColumns: ColumnInfo[];
  /** The config path of this ledger (`ledgers.landed`), for hints given while rows are read. */
  configPath: string;
}

export interface LayoutOptions {
  file: string;
  sheet?: string | undefined;
  format: SheetFormat;
  /** Config mapping: field -> header text. */
  columns?: ColumnMap | undefined;
  /** Config for the payment-status column, if any. */
  status?: StatusSetting | undefined;
  /** Columns hidden in Excel, by 0-based index (XLSX only). */
  hiddenColumns?: ReadonlySet<number> | undefined;
  unit?: Unit | undefined;
  headerRow?: number | undefined;
  /** Join key: canonical field names or header texts. */
  key: readonly string[];
  /** The config path of this ledger, for hints (`ledgers.allocated`). */
  configPath: string;
  /**
   * Take the first of several amount candidates instead of failing. Only `fundgap init` does
   * this, and it says which it took in the config it writes for the user to check.
   */
  pickFirstAmount?: boolean | undefined;
}

export function columnRef(format: SheetFormat, index: number): string {
  return format === 'csv' ? String(index + 1) : columnLetter(index);
}

function headerScore(row: RawRow, mapped: Set<string>): number {
  let score = 0;
  let byPattern = 0;
  for (const cell of row.cells) {
    const text = cellText(cell);
    if (text === '' || cell.t !== 'text') continue;
    const name = parseHeaderName(text);
    if (mapped.has(normaliseHeader(name.display)) || mapped.has(name.base)) score += 1;
    else {
      const m = matchField(name.base);
      if (m && !m.pattern) score += 1;
      else if (m) byPattern = 1;
    }
  }
  // Headers named only by their ending (下达资金, 户主身份证号) count once in all: enough for
  // 项目名称 beside 下达资金 to be a header, never enough for the 中央资金 / 省级资金 / 市县资金
  // row under a two-row header to outscore the row above it.
  return score + byPattern;
}

function isBlank(row: RawRow): boolean {
  return row.cells.every((c) => c.t === 'empty' || (c.t === 'text' && c.v.trim() === ''));
}

/**
 * A line above the header that reads "label：value" (填报单位：平安区扶贫开发局, 编制日期：2019年3月)
 * is a note about the table; a line without one is its title.
 */
function isNoteLine(texts: readonly string[]): boolean {
  return texts.some((t) => /^[^:：]{1,12}[:：]\s*\S/.test(toHalfWidth(t).trim()));
}

/** The row of column numbers (1 2 3 … or 甲 乙 丙) some official tables put under the header. */
function isColumnNumbering(row: RawRow): boolean {
  const texts = row.cells.map(cellText).map((t) => t.trim()).filter((t) => t !== '');
  if (texts.length < 2) return false;
  const heavenly = '甲乙丙丁戊己庚辛壬癸';
  return texts.every((t, i) => t === String(i + 1) || /^\d+$/.test(t) || heavenly.includes(t) && t.length === 1)
    && texts.filter((t) => /^\d+$/.test(t)).every((t, i, a) => i === 0 || Number(t) === Number(a[i - 1]) + 1);
}

/**
 * A second header row sits under a first whose cells are merged across several columns
 * (资金来源 over 中央资金 and 省级资金); in CSV the parent is written once with empty cells to
 * its right. The row below qualifies only if it holds text and no amount or date.
 */
function isSubHeader(top: RawRow, below: RawRow | undefined): boolean {
  if (!below || isBlank(below)) return false;
  let underSpan = 0;
  for (let i = 0; i < below.cells.length; i++) {
    const cell = below.cells[i]!;
    if (cell.t === 'empty' || below.covered?.has(i)) continue;
    if (cell.t !== 'text') return false;
    const parsed = parseAmount(cell.v);
    if (parsed !== null && parsed.kind === 'amount') return false;
    const topCell = top.cells[i];
    const spanned = top.covered?.has(i) || top.covered?.has(i + 1) || topCell === undefined || topCell.t === 'empty';
    if (spanned) underSpan++;
  }
  return underSpan > 0;
}

function combineHeader(top: RawRow, below: RawRow | undefined, format: SheetFormat): string[] {
  const width = Math.max(top.cells.length, below?.cells.length ?? 0);
  const names: string[] = [];
  let parent = '';
  for (let i = 0; i < width; i++) {
    // A merged cell names its first column only: 项目名称 merged over B:C is one column, not two
    // with the same name. Under a two-row header the spread parent is what names the children.
    const t = !below && top.covered?.has(i) ? '' : cellText(top.cells[i]).trim();
    const b = below ? cellText(below.cells[i]).trim() : '';
    // In CSV a parent label covers the empty cells to its right that have a child label.
    if (t !== '') parent = t;
    else if (format !== 'csv' || b === '') parent = '';
    const p = t !== '' ? t : parent;
    if (b === '' || b === p) names.push(p);
    else if (p === '') names.push(b);
    else names.push(`${p}/${b}`);
  }
  return names;
}

/**
 * A choice the reader made between candidate columns, as data: the report words it in its own
 * language (report/messages.ts layoutNote).
 */
export type LayoutNote =
  /** A group's total column (资金规模/小计) is the amount; its parts are not added again. */
  | { kind: 'group-total'; total: string; parts: string[] }
  /** Several columns could each be the field, and none is used unless the config names one. */
  | { kind: 'rivals'; field: Field; columns: string[] }
  /** One column is used for the field, the others passed over. */
  | { kind: 'chosen'; field: Field; used: string; passed: string[] };

/**
 * Under a two-row header a 小计/合计 column totals the columns beside it under the same merged
 * parent: 资金规模(万元) over 小计, 中央资金, 省级资金. When the group holds money (the parent
 * or a sibling names an amount), the total column is the amount, and its siblings are its
 * breakdown: adding them too would count the money twice, as a 其中 row would. So the total
 * becomes the one amount candidate of its group and the breakdown columns none, and a note
 * says so. Anything else about two-row headers is matched as usual.
 */
function settleGroupTotals(columns: ColumnInfo[], notes: LayoutNote[]): void {
  const groups = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    const parts = c.name.base.split('/');
    if (parts.length !== 2 || parts[0] === '') continue;
    groups.set(parts[0]!, [...(groups.get(parts[0]!) ?? []), c]);
  }
  for (const [parent, members] of groups) {
    const total = members.find((c) => totalKindOf(c.name.base.split('/')[1]!) !== undefined);
    if (!total) continue;
    const siblings = members.filter((c) => c !== total);
    const money = matchField(parent)?.field === 'amount' || siblings.some((c) => c.match?.field === 'amount');
    if (!money) continue;
    total.match = { field: 'amount', rank: 0, pattern: false };
    const breakdown = siblings.filter((c) => c.match?.field === 'amount');
    for (const c of breakdown) c.match = undefined;
    if (breakdown.length) {
      notes.push({ kind: 'group-total', total: total.name.display, parts: breakdown.map((c) => c.name.display) });
    }
  }
}

/**
 * Money split by source, one column per level of government (中央资金, 省级资金, 市县资金 …):
 * parts of one amount, which the config may add up, rather than rival amounts.
 */
const COMPONENT =
  /^(中央|省|省级|市|市级|州|州级|县|县级|区|区级|市县|市县级|地方|本级|乡镇|自筹|群众自筹|社会|银行|整合|其他)(财政)?(专项)?(扶贫)?(资金|配套资金|配套|补助资金|补助|投入|投资|筹资|贷款)?$/;

function isComponent(c: ColumnInfo): boolean {
  return COMPONENT.test(c.name.base.split('/').pop()!);
}

/** `C 下达金额, D 调整前金额`: how a refusal names the candidates (the hint says which are hidden). */
function candidateList(candidates: readonly ColumnInfo[]): string {
  return candidates.map((c) => `${c.ref} ${c.name.display}`).join(', ');
}

/** A valid 18-digit 居民身份证号码 (with its check character), as text in a cell. */
function isIdText(text: string): boolean {
  const id = toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
  return /^\d{17}[\dX]$/.test(id) && checkDigit(id.slice(0, 17)) === id[17];
}

/**
 * Columns that hold ID numbers but are not the ID column: a second 身份证号 (户主 and 学生),
 * one named in a way no alias knows (身份证号(18位)), or one whose header says nothing but
 * whose cells are valid ID numbers. Rules that check IDs do not see them; the report says so.
 */
function unmappedIdColumns(columns: readonly ColumnInfo[], fields: Partial<Record<Field, number>>, data: readonly RawRow[]): ColumnInfo[] {
  const taken = new Set([fields.idNumber, fields.bankAccount, ...(fields.amount === undefined ? [] : [fields.amount])]);
  return columns.filter((c) => {
    if (taken.has(c.index)) return false;
    if (c.match?.field === 'idNumber' || looksLikeIdHeader(c.name.base)) return true;
    let ids = 0;
    let filled = 0;
    for (const r of data) {
      const cell = r.cells[c.index];
      if (cell?.t !== 'text' || cell.v.trim() === '') continue;
      filled++;
      if (isIdText(cell.v)) ids++;
    }
    return ids > 0 && ids * 2 >= filled;
  });
}

function findColumnByText(columns: readonly ColumnInfo[], text: string): ColumnInfo | undefined {
  const want = normaliseHeader(text);
  return (
    columns.find((c) => normaliseHeader(c.name.display) === want) ??
    columns.find((c) => c.name.base === want) ??
    columns.find((c) => c.name.base.split('/').pop() === want)
  );
}

/**
 * The column a user names (with -k, --group-by): a canonical field, a header text, or a
 * header text another ledger uses for the same column — 项目名称 finds 项目, because both are
 * first-rank names of the project. It never crosses ranks: 乡镇 does not find 县区.
 */
export function resolveColumn(layout: Pick<Layout, 'columns' | 'fields'>, spec: string): ColumnInfo | undefined {
  if (isField(spec)) {
    const i = layout.fields[spec];
    return i === undefined ? undefined : layout.columns[i];
  }
  const byText = findColumnByText(layout.columns, spec);
  if (byText) return byText;
  const m = matchField(parseHeaderName(spec).base);
  const i = m && !m.pattern ? layout.fields[m.field] : undefined;
  if (i === undefined) return undefined;
  const col = layout.columns[i]!;
  return col.match?.rank === m!.rank ? col : undefined;
}

/** The header's columns as a refusal lists them. */
function refs(columns: readonly ColumnInfo[]): ColumnRef[] {
  return columns.map((c) => ({ ref: c.ref, display: c.name.display }));
}

/**
 * Decides the layout from the first rows of a sheet (at least HEADER_SCAN_ROWS of them, or
 * all of a shorter sheet): find the header, build its columns, map them to fields, resolve the
 * join key, settle the unit. Each step may refuse, in that order.
 */
export function detectLayout(rows: readonly RawRow[], opts: LayoutOptions): Layout {
  const at = { file: opts.file, sheet: opts.sheet };
  const header = findHeader(rows, opts, at);
  const where = { ...at, row: header.top.row };
  const columns = buildColumns(header.names, opts);
  const { fields, amountColumns, amountCandidates, notes } = mapFields(columns, opts, where);
  const keyColumns = resolveKeys(opts, columns, fields, amountColumns, notes, where);
  const { unit, unitSource } = settleUnit(columns, fields.amount, amountColumns, header.sheetUnit, opts, where);
  const { dataStart } = header;

  return {
    headerRows: header.headerRows,
    preamble: header.preamble,
    columns,
    fields,
    keyColumns,
    amountColumn: fields.amount,
    amountColumns,
    unit,
    unitSource,
    notes,
    dataStart,
    amountCandidates,
    unmappedIdColumns: unmappedIdColumns(columns, fields, rows.slice(dataStart, HEADER_SCAN_ROWS + dataStart)),
    configPath: opts.configPath,
  };
}

/** Where a refusal about the header points: the file, the sheet, the header's first row. */
type HeaderAt = { file: string; sheet: string | undefined; row: number };

interface FoundHeader {
  top: RawRow;
  headerRows: number[];
  /** One header text per column, parent and child joined (`资金来源/中央资金`) under two rows. */
  names: string[];
  preamble: Layout['preamble'];
  /** A unit stated on a line above the table or beside the header. */
  sheetUnit: Unit | undefined;
  dataStart: number;
}

/** Find-header: the header row, its second row if any, and why each row above it is not data. */
function findHeader(rows: readonly RawRow[], opts: LayoutOptions, at: { file: string; sheet: string | undefined }): FoundHeader {
  const headerAt = headerRowIndex(rows, opts, at);
  const top = rows[headerAt]!;
  const below = rows[headerAt + 1];
  const twoRows = isSubHeader(top, below);
  const names = combineHeader(top, twoRows ? below : undefined, opts.format);
  const headerRows = twoRows ? [top.row, below!.row] : [top.row];
  let dataStart = headerAt + (twoRows ? 2 : 1);

  const preamble: Layout['preamble'] = [];
  let sheetUnit: Unit | undefined;
  for (const r of rows.slice(0, headerAt)) {
    const texts = r.cells.map(cellText);
    const unit = unitFromLine(texts);
    sheetUnit ??= unit;
    preamble.push({ row: r.row, reason: isBlank(r) ? 'blank' : unit ? 'unit' : isNoteLine(texts) ? 'note' : 'title' });
  }
  // A unit note may also sit in the header row itself, to the right of the table.
  sheetUnit ??= unitFromLine(top.cells.map(cellText));
  for (const r of headerRows) preamble.push({ row: r, reason: 'header' });
  const numbering = rows[dataStart];
  if (numbering && isColumnNumbering(numbering)) {
    preamble.push({ row: numbering.row, reason: 'header' });
    dataStart++;
  }
  return { top, headerRows, names, preamble, sheetUnit, dataStart };
}

/** The configured header row, else the row that names the most fields (the config's names count). */
function headerRowIndex(rows: readonly RawRow[], opts: LayoutOptions, at: { file: string; sheet: string | undefined }): number {
  const mapped = new Set(
    Object.values(opts.columns ?? {})
      .flatMap((v): readonly string[] => (typeof v === 'string' ? [v] : (v ?? [])))
      .flatMap((t) => [normaliseHeader(t), parseHeaderName(t).base]),
  );
  for (const k of opts.key) if (!isField(k)) mapped.add(normaliseHeader(k));

  let headerAt = -1;
  if (opts.headerRow !== undefined) {
    headerAt = rows.findIndex((r) => r.row === opts.headerRow);
    if (headerAt === -1) {
      throw new FundgapError({ code: 'SHEET_NO_HEADER', at, problem: 'configured-row', headerRow: opts.headerRow, configPath: opts.configPath });
    }
  } else {
    let best = 1;
    rows.slice(0, HEADER_SCAN_ROWS).forEach((r, i) => {
      const s = headerScore(r, mapped);
      if (s > best) {
        best = s;
        headerAt = i;
      }
    });
  }
  if (headerAt === -1) {
    throw new FundgapError({ code: 'SHEET_NO_HEADER', at, problem: 'not-found', scanned: HEADER_SCAN_ROWS });
  }
  return headerAt;
}

/** Build-columns: each header text parsed once (name, unit, field it suggests), hidden ones marked. */
function buildColumns(names: readonly string[], opts: LayoutOptions): ColumnInfo[] {
  return names.map((text, index) => {
    const name = parseHeaderName(text);
    const hidden = opts.hiddenColumns?.has(index) === true;
    return { index, ref: columnRef(opts.format, index), name, match: name.base === '' ? undefined : matchField(name.base), hidden };
  });
}

interface MappedFields {
  fields: Partial<Record<Field, number>> & { amount: number };
  amountColumns: number[];
  amountCandidates: ColumnInfo[];
  notes: LayoutNote[];
}

/**
 * Map-fields: the config's names first, else the best-ranked column for each field; a choice
 * that could move money (two amounts, two statuses, none) is refused rather than guessed.
 */
function mapFields(columns: ColumnInfo[], opts: LayoutOptions, where: HeaderAt): MappedFields {
  const notes: LayoutNote[] = [];
  settleGroupTotals(columns, notes);
  const fields: Partial<Record<Field, number>> = {};
  let amountColumns: number[] | undefined;
  const amountCandidates = columns.filter((c) => c.match?.field === 'amount');
  const configuredColumn = (field: Field, text: string): ColumnInfo => {
    const col = findColumnByText(columns, text);
    if (col) return col;
    throw new FundgapError({ code: 'COLUMN_NOT_FOUND', at: where, problem: 'configured', field, column: text, header: refs(columns), configPath: opts.configPath });
  };
  for (const field of FIELDS) {
    // A ledger the config says has no payment status keeps every row, whatever a column is called.
    if (opts.status === false && (field === 'status' || field === 'failureReason')) continue;
    const configured = opts.columns?.[field];
    if (configured !== undefined) {
      if (typeof configured !== 'string') {
        // Several amount columns: each row's amount is the sum of its cells in them.
        const cols = configured.map((text) => configuredColumn(field, text));
        fields[field] = cols[0]!.index;
        amountColumns = [...new Set(cols.map((c) => c.index))];
        continue;
      }
      fields[field] = configuredColumn(field, configured).index;
      continue;
    }
    const candidates = columns.filter((c) => c.match?.field === field);
    if (candidates.length === 0) continue;
    const chosen = field === 'amount' ? chooseAmount(candidates, opts, where) : chooseColumn(field, candidates, notes, opts, where);
    if (chosen !== undefined) fields[field] = chosen;
  }
  // A reason column (备注, 原因) means something only beside a payment status.
  if (fields.status === undefined && opts.columns?.failureReason === undefined) delete fields.failureReason;
  if (fields.status === undefined && opts.status) {
    throw new FundgapError({ code: 'COLUMN_NOT_FOUND', at: where, problem: 'status', header: refs(columns), configPath: opts.configPath });
  }

  if (fields.amount === undefined) {
    const hiddenOnes = amountCandidates.filter((c) => c.hidden);
    throw new FundgapError({
      code: 'COLUMN_NOT_FOUND',
      at: where,
      text: hiddenOnes.length === 0 ? undefined : candidateList(hiddenOnes),
      problem: 'amount',
      header: refs(columns),
      hidden: refs(hiddenOnes),
      configPath: opts.configPath,
    });
  }
  amountColumns ??= [fields.amount];
  return { fields: fields as MappedFields['fields'], amountColumns, amountCandidates, notes };
}

/** The amount column among several candidates: only a sure one, since the wrong one moves every figure. */
function chooseAmount(candidates: readonly ColumnInfo[], opts: LayoutOptions, where: HeaderAt): number | undefined {
  const visible = candidates.filter((c) => !c.hidden);
  if (visible.length === 0) return undefined;
  if (candidates.length > 1 && !opts.pickFirstAmount) {
    throw new FundgapError({
      code: 'COLUMN_AMBIGUOUS',
      at: where,
      text: candidateList(candidates),
      problem: 'amount',
      candidates: candidates.map((c) => ({ ref: c.ref, display: c.name.display, hidden: c.hidden, component: isComponent(c) })),
      configPath: opts.configPath,
    });
  }
  // The others stay in amountCandidates, which the report and init show; a hidden
  // column is never the one taken.
  return visible[0]!.index;
}

/** Any other field: the best-ranked candidate, with a note on those passed over or tied. */
function chooseColumn(field: Field, candidates: readonly ColumnInfo[], notes: LayoutNote[], opts: LayoutOptions, where: HeaderAt): number | undefined {
  const bestRank = Math.min(...candidates.map((c) => c.match!.rank));
  const best = candidates.filter((c) => c.match!.rank === bestRank);
  if (best.length > 1) {
    // Two status columns, and picking the wrong one counts failed payments as landed.
    if (field === 'status') {
      throw new FundgapError({ code: 'COLUMN_AMBIGUOUS', at: where, text: candidateList(best), problem: 'status', candidates: refs(best), configPath: opts.configPath });
    }
    notes.push({ kind: 'rivals', field, columns: best.map((c) => c.name.display) });
    return undefined;
  }
  const passed = candidates.filter((c) => c !== best[0]);
  if (passed.length) notes.push({ kind: 'chosen', field, used: best[0]!.name.display, passed: passed.map((c) => c.name.display) });
  return best[0]!.index;
}

/** Resolve-keys: each part of the join key names one column, and never one that is added up. */
function resolveKeys(
  opts: LayoutOptions,
  columns: ColumnInfo[],
  fields: Partial<Record<Field, number>>,
  amountColumns: readonly number[],
  notes: readonly LayoutNote[],
  where: HeaderAt,
): number[] {
  return opts.key.map((k) => {
    const col = resolveColumn({ columns, fields }, k);
    if (!col) {
      const ambiguous = notes.find((n) => isField(k) && (n.kind === 'group-total' ? k === 'amount' : n.field === k));
      const failure = { at: where, key: k, header: refs(columns), configPath: opts.configPath };
      throw new FundgapError(ambiguous ? { code: 'COLUMN_AMBIGUOUS', problem: 'key', ...failure } : { code: 'KEY_MISSING', problem: 'no-column', ...failure });
    }
    if (amountColumns.includes(col.index)) {
      throw new FundgapError({ code: 'KEY_MISSING', at: where, problem: 'is-amount', key: k });
    }
    return col.index;
  });
}

/**
 * Settle-unit: the unit the header or the sheet states, else the config's; a contradiction
 * between them is refused, since scaling by the wrong one is a ten-thousand-fold error.
 */
function settleUnit(
  columns: readonly ColumnInfo[],
  amount: number,
  amountColumns: readonly number[],
  sheetUnit: Unit | undefined,
  opts: LayoutOptions,
  where: HeaderAt,
): { unit: Unit | undefined; unitSource: UnitSource | undefined } {
  // Columns added together must be in one unit; each may state it, and those that do agree.
  const withUnit = amountColumns.map((i) => columns[i]!).filter((c) => c.name.unit !== undefined);
  const clash = withUnit.find((c) => c.name.unit !== withUnit[0]!.name.unit);
  if (clash) {
    const first = withUnit[0]!;
    throw new FundgapError({
      code: 'UNIT_CONFLICT',
      at: { ...where, column: `${clash.ref} (${clash.name.display})` },
      problem: 'columns',
      first: { ref: first.ref, display: first.name.display, unit: first.name.unit! },
      clash: { ref: clash.ref, display: clash.name.display, unit: clash.name.unit! },
      configPath: opts.configPath,
    });
  }
  const amountCol = withUnit[0] ?? columns[amount]!;
  const stated: { unit: Unit; source: UnitSource } | undefined = amountCol.name.unit
    ? { unit: amountCol.name.unit, source: 'header' }
    : sheetUnit
      ? { unit: sheetUnit, source: 'sheet' }
      : undefined;
  // A unit from the config or --unit fills in for a sheet that says nothing. Against a sheet
  // that says otherwise it is a contradiction: one of them is wrong, and scaling by the wrong
  // one is a ten-thousand-fold error, so the user decides.
  if (opts.unit && stated && stated.unit !== opts.unit) {
    throw new FundgapError({
      code: 'UNIT_CONFLICT',
      at: { ...where, column: `${amountCol.ref} (${amountCol.name.display})` },
      problem: 'option',
      unit: opts.unit,
      stated: stated.unit,
      where: stated.source === 'header' ? 'header' : 'sheet',
      header: amountCol.name.display,
      configPath: opts.configPath,
    });
  }
  const unit: Unit | undefined = stated?.unit ?? opts.unit;
  const unitSource: UnitSource | undefined = stated?.source ?? (opts.unit ? 'config' : undefined);
  return { unit, unitSource };
}
