// The working paper (问题底稿) as an .xlsx workbook for Excel and WPS: the summary with how to
// reproduce it, every key, every finding, each finding's source rows quoted from the ledgers,
// each input's rows accounted for, and (very hidden, for `fundgap verify`) the report's head
// as JSON. Written a row at a time through exceljs's streaming writer, waiting on the ZIP
// when it falls behind, so a province's report never sits in memory as a workbook.
// Amounts are numeric cells only when the cell shows exactly the report's figure.

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ROLES, SEVERITIES, STATUSES, type Lang } from '../domain.js';
import { exactOf, formatExact, formatGrouped, formatPercent, spreadsheetNumber, type Money, type Rate } from '../money.js';
import type { Evidence, EvidenceRole } from '../rules/types.js';
import { columnLetter, type Cell, type RawRow } from '../sheets/types.js';
import { displayWidth } from './layout-text.js';
import {
  encodingName,
  ENCODING_SOURCES,
  findingMessage,
  label,
  paperLabel,
  PARAMETER_SOURCES,
  ROLE_NAMES,
  rowRanges,
  RULE_NAMES,
  SEVERITY_NAMES,
  SKIP_REASONS,
  STATUS_NAMES,
  UNIT_SOURCES,
} from './messages.js';
import type { GapReport } from './model.js';
import { evidenceByInput, evidenceOf, readingDecisions } from './present.js';
import { headOf } from './render-json.js';

/** The rows of the inputs, read again from the files by row number (the CLI supplies it). */
export interface SourceRows {
  /** The rows of one input whose numbers are in `rows`, in file order; rows the file lacks are left out. */
  pick(role: EvidenceRole, rows: ReadonlySet<number>): AsyncIterable<RawRow>;
}

export interface XlsxLimits {
  /** Source rows quoted in 底稿 for one finding. */
  rowsPerFinding: number;
  /** Source rows quoted in 底稿 in all. */
  evidenceRows: number;
  /** Rows of one sheet, its header included, before the sheet goes on in a second (Excel's own limit). */
  sheetRows: number;
}

/**
 * 底稿 quotes the first 50 rows of a finding and 50,000 rows in all: enough to carry the
 * evidence of every finding a team reads one by one, and the JSON report lists every row of
 * every finding for the rest. The limits also bound the memory the quoted rows take.
 */
export const XLSX_LIMITS: XlsxLimits = { rowsPerFinding: 50, evidenceRows: 50_000, sheetRows: 1_048_576 };

export interface XlsxOptions {
  lang: Lang;
  rows: SourceRows;
  limits?: Partial<XlsxLimits> | undefined;
}

// ---- cells ---------------------------------------------------------------------------------

type Style = Partial<ExcelJS.Style>;

/**
 * Shared style objects: exceljs remembers a style by the object, so one object per kind keeps
 * writing a cell from re-serialising its style.
 */
const S = {
  plain: {},
  /** Text format (@): keys and IDs stay text even when someone edits the cell. */
  text: { numFmt: '@' },
  money: { numFmt: '#,##0.00' },
  /** An amount too long for a numeric cell to show exactly, written as its exact text. */
  moneyText: { numFmt: '@', alignment: { horizontal: 'right' } },
  rate: { numFmt: '0.00%' },
  date: { numFmt: 'yyyy-mm-dd' },
  dateTime: { numFmt: 'yyyy-mm-dd hh:mm:ss' },
  wrap: { alignment: { wrapText: true, vertical: 'top' } },
  title: { font: { bold: true, size: 14 } },
  heading: { font: { bold: true, size: 12 } },
  header: {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
    border: { bottom: { style: 'thin', color: { argb: 'FF999999' } } },
  },
  note: { font: { italic: true, color: { argb: 'FF555555' } } },
} satisfies Record<string, Style>;

interface Out {
  readonly v: ExcelJS.CellValue;
  readonly s: Style;
  /** The amount or rate behind a numeric cell, to measure it as shown. */
  readonly m?: Money;
  readonly r?: Rate;
}

type Row = readonly (Out | null)[];

/** Excel keeps at most this many characters in a cell. */
const CELL_CHARS = 32_767;
// Characters XML 1.0 cannot carry (exceljs would drop them unseen): shown as U+FFFD instead.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

function cellText(s: string): string {
  let out = s.replace(NOT_XML, '\ufffd');
  if (out.length > CELL_CHARS) {
    let cut = CELL_CHARS - 1;
    if (/[\ud800-\udbff]/.test(out[cut - 1]!)) cut--;
    out = `${out.slice(0, cut)}…`;
  }
  return out;
}

const text = (s: string, style: Style = S.plain): Out => ({ v: cellText(s), s: style });
/** Keys, ID numbers, codes: always a text cell in text format, so 00123 and 430281199411057176 stay as written. */
const idText = (s: string): Out => ({ v: cellText(s), s: S.text });
const count = (n: number): Out => ({ v: n, s: S.plain });

function money(m: Money): Out {
  const n = spreadsheetNumber(exactOf(m));
  return n === null ? { v: formatExact(m), s: S.moneyText, m } : { v: n, s: S.money, m };
}

/** A rate in hundredths of a percent (8523 is 85.23%) as a fraction shown as a percentage. */
function rate(r: Rate | null): Out | null {
  if (r === null) return null;
  const n = spreadsheetNumber({ coef: r, scale: 4 });
  return n === null ? { v: `${formatPercent(r)}%`, s: S.moneyText, r } : { v: n, s: S.rate, r };
}

/** A source cell as the ledger holds it. */
function sourceCell(c: Cell | undefined): Out | null {
  switch (c?.t) {
    case undefined:
    case 'empty':
      return null;
    case 'text':
      return idText(c.v);
    case 'number': {
      // A copy of the double the ledger's cell holds (its own shortest text), not arithmetic:
      // the quoted cell is the same number the ledger's cell is.
      const n = Number(c.v);
      return Number.isFinite(n) ? { v: n, s: S.plain } : idText(c.v);
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(c.v);
      if (!m) return idText(c.v);
      const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
      return { v: new Date(Date.UTC(y, mo - 1, d, h, mi, s)), s: m[4] === undefined ? S.date : S.dateTime };
    }
    case 'bool':
      return { v: c.v, s: S.plain };
    case 'error':
      return idText(c.v);
    case 'no-result':
      return idText(`=${c.formula}`);
  }
}

function widthOf(o: Out | null): number {
  if (o === null) return 0;
  if (o.m !== undefined) return formatGrouped(o.m).length;
  if (o.r !== undefined) return formatPercent(o.r).length + 1;
  if (typeof o.v === 'string') return o.v.length > 200 ? 200 : displayWidth(o.v);
  if (typeof o.v === 'number') return String(o.v).length;
  if (o.v instanceof Date) return o.s === S.dateTime ? 19 : 10;
  return 5;
}

/** Cells left to spill over or wrap rather than widen their column. */
const UNMEASURED: ReadonlySet<Style> = new Set([S.wrap, S.title, S.heading, S.note]);

/** Column widths that fit what the rows show (a CJK character is two columns wide), within bounds. */
function fitWidths(rows: Iterable<Row>, columns: number, min = 6, max = 60): number[] {
  const widths = Array.from({ length: columns }, () => min);
  for (const row of rows) {
    row.forEach((o, i) => {
      if (i < columns && o && !UNMEASURED.has(o.s)) widths[i] = Math.max(widths[i]!, Math.min(max, widthOf(o) + 2));
    });
  }
  return widths;
}

// ---- the workbook ----------------------------------------------------------------------------

/** No clock in the file: the ZIP entries and document properties carry this date. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** Data waiting to be zipped, past which writing pauses until the ZIP catches up. */
const BACKLOG = 1 << 20;

/** The stream a sheet's XML goes into, as old and new Node streams show their backlog. */
interface Sink {
  writableLength?: number;
  _writableState?: { length?: number };
}

type ZipAppend = (source: unknown, data: Record<string, unknown>) => unknown;

/**
 * exceljs's streaming writer with every ZIP entry dated FIXED_DATE, so the same report is the
 * same bytes. The first entries are added by the constructor through addThemes, so the dates
 * are pinned there, before it.
 */
class PinnedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip: { append: ZipAppend; pinned?: boolean } }).zip;
    if (!zip.pinned) {
      const append = zip.append.bind(zip);
      zip.append = (source, data) => append(source, { ...data, date: FIXED_DATE });
      zip.pinned = true;
    }
    return super.addThemes();
  }
}

interface ZipInternals {
  unpipe(dest?: NodeJS.WritableStream): void;
  abort(): void;
  finalize(): Promise<void>;
  on(event: 'error', listener: (e: Error) => void): void;
}

class Book {
  readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly zip: ZipInternals;
  /** Rejects when the output or the ZIP fails; every wait races it, so a failure never hangs. */
  private readonly failed: Promise<never>;

  constructor(private readonly out: NodeJS.WritableStream) {
    this.wb = new PinnedWorkbookWriter({ stream: out as Writable, useStyles: true, useSharedStrings: false });
    this.wb.creator = 'fundgap';
    this.wb.lastModifiedBy = 'fundgap';
    this.wb.created = FIXED_DATE;
    this.wb.modified = FIXED_DATE;
    this.zip = (this.wb as unknown as { zip: ZipInternals }).zip;
    // exceljs drops the promise finalize returns and hears of a failure through 'error'; an
    // abandoned archive would leave that promise rejected with no one listening.
    const finalize = this.zip.finalize.bind(this.zip);
    this.zip.finalize = () => {
      const done = finalize();
      done.catch(() => {});
      return done;
    };
    let fail!: (e: Error) => void;
    this.failed = new Promise<never>((_, reject) => (fail = reject));
    this.failed.catch(() => {});
    this.zip.on('error', (e) => fail(e));
    out.on('error', (e: Error) => fail(e));
  }

  wait<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }

  /**
   * Lets the ZIP catch up with a sheet. exceljs hands a sheet's XML to the ZIP without
   * waiting, so the backlog is read off the stream it writes into; should exceljs change
   * shape, a turn of the event loop every few rows keeps the ZIP moving instead.
   */
  async breathe(ws: ExcelJS.Worksheet): Promise<void> {
    const sink = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Sink | undefined;
    // archiver's streams come from readable-stream 2, which has no writableLength getter.
    const backlog = sink?.writableLength ?? sink?._writableState?.length;
    if (sink && typeof backlog === 'number') {
      if (backlog > BACKLOG) await this.wait(once(sink as unknown as Writable, 'drain'));
    } else {
      await this.wait(new Promise((resolve) => setImmediate(resolve)));
    }
  }

  async finish(): Promise<void> {
    await this.wait(this.wb.commit());
  }

  /** Stops the ZIP and detaches it from the output, which the caller then discards. */
  abandon(): void {
    this.zip.unpipe(this.out);
    this.zip.abort();
  }
}

interface SheetSpec {
  name: string;
  widths: readonly number[];
  /** Rows (and columns) kept in view while scrolling. */
  freeze?: { rows: number; columns?: number };
  state?: 'visible' | 'veryHidden';
  sheetRows: number;
}

/** Rows between looks at the ZIP's backlog. */
const BREATHE_EVERY = 256;

/**
 * One sheet written row by row. When it reaches Excel's row limit it goes on in a sheet of
 * the same name with (2), (3) … after it, repeating its table's header.
 */
class Sheet {
  private ws!: ExcelJS.Worksheet;
  private part = 0;
  private n = 0;
  private header: Row | undefined;
  private filterFrom: number | undefined;

  constructor(private readonly book: Book, private readonly spec: SheetSpec) {
    this.open();
  }

  private open(): void {
    this.part++;
    const { freeze } = this.spec;
    this.ws = this.book.wb.addWorksheet(this.part === 1 ? this.spec.name : `${this.spec.name} (${this.part})`, {
      state: this.spec.state ?? 'visible',
      views: freeze ? [{ state: 'frozen', ySplit: freeze.rows, xSplit: freeze.columns ?? 0 }] : [],
      // Printed on A4 across, as wide as the page and as many pages long as it takes.
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    this.ws.columns = this.spec.widths.map((width) => ({ width }));
    this.n = 0;
    this.filterFrom = undefined;
  }

  /** A table's header row: bold, repeated atop continuation sheets, and the start of its filter. */
  async table(header: readonly string[]): Promise<void> {
    this.header = header.map((h) => text(h, S.header));
    await this.add(this.header);
    this.filterFrom = this.n;
  }

  async add(cells: Row): Promise<void> {
    if (this.n >= this.spec.sheetRows) {
      this.closePart();
      this.open();
      if (this.header) {
        this.put(this.header);
        this.filterFrom = this.n;
      }
    }
    this.put(cells);
    if (this.n % BREATHE_EVERY === 0) await this.book.breathe(this.ws);
  }

  private put(cells: Row): void {
    const row = this.ws.getRow(++this.n);
    cells.forEach((o, i) => {
      if (o === null || o.v === null || o.v === undefined || o.v === '') return;
      const cell = row.getCell(i + 1);
      cell.value = o.v;
      cell.style = o.s;
    });
    row.commit();
  }

  private closePart(): void {
    if (this.filterFrom !== undefined) {
      const last = columnLetter((this.header?.length ?? this.spec.widths.length) - 1);
      this.ws.autoFilter = `A${this.filterFrom}:${last}${Math.max(this.n, this.filterFrom)}`;
    }
    this.ws.commit();
  }

  close(): void {
    this.closePart();
  }
}

// ---- what the sheets say ---------------------------------------------------------------------

const ROLE_OF_ROSTER = 'roster' as const;

function roleName(role: EvidenceRole, lang: Lang): string {
  return ROLE_NAMES[role][lang];
}

/** Parameters as name/value lines: nested settings by dotted name, lists and maps as JSON. */
function* parameterLines(value: unknown, name: string): Generator<[string, string]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) yield* parameterLines(v, name === '' ? k : `${name}.${k}`);
    return;
  }
  const empty = value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0);
  yield [name, empty ? '' : typeof value === 'string' ? value : JSON.stringify(value)];
}

/** The 汇总 sheet: the figures and counts, the ageing, roll-ups and decisions, how to reproduce it. */
function summaryRows(report: GapReport, lang: Lang): Row[] {
  const rows: Row[] = [];
  figureRows(rows, report, lang);
  breakdownRows(rows, report, lang);
  reproduceRows(rows, report, lang);
  return rows;
}

const headingRow = (s: string): Row => [text(s, S.heading)];
const headerRow = (...h: string[]): Row => h.map((x) => text(x, S.header));

/** The title, the three figures with the gaps and rates, and the keys and findings counted. */
function figureRows(rows: Row[], report: GapReport, lang: Lang): void {
  const t = report.totals;
  const blank: Row = [];
  rows.push([text(`${label('title', lang)} · ${paperLabel('workingPaper', lang)}`, S.title)]);
  rows.push([text(`${report.tool.name} ${report.tool.version}`, S.note)]);
  if (report.settings.asOf) rows.push([text(label('asOf', lang)), idText(report.settings.asOf)]);
  rows.push([text(label('amountsIn', lang), S.note)], blank);

  rows.push(headingRow(paperLabel('figures', lang)));
  rows.push([text(label('allocated', lang)), money(t.allocated)]);
  rows.push([text(label('disbursed', lang)), money(t.disbursed)]);
  rows.push([text(label('landed', lang)), money(t.landed)]);
  rows.push([text(label('retained', lang)), money(t.retained)]);
  rows.push([text(label('notLanded', lang)), money(t.notLanded)]);
  rows.push([text(label('gap', lang)), money(t.gap)]);
  rows.push([text(label('disbursedRate', lang)), rate(t.disbursedRate)]);
  rows.push([text(label('landedRate', lang)), rate(t.landedRate)], blank);

  rows.push(headingRow(paperLabel('byStatus', lang)), headerRow(label('status', lang), paperLabel('count', lang)));
  for (const s of STATUSES) rows.push([text(STATUS_NAMES[s][lang]), count(report.counts.status[s])]);
  rows.push([text(paperLabel('total', lang)), count(report.keys.size)], blank);

  rows.push(headingRow(paperLabel('bySeverity', lang)), headerRow(paperLabel('severity', lang), paperLabel('count', lang)));
  for (const s of [...SEVERITIES].reverse()) rows.push([text(SEVERITY_NAMES[s][lang]), count(report.counts.severity[s])]);
  rows.push([text(paperLabel('total', lang)), count(report.findings.size)], blank);
}

/** Retained funds by age, the roll-ups, and the reading decisions that changed a figure. */
function breakdownRows(rows: Row[], report: GapReport, lang: Lang): void {
  const blank: Row = [];
  if (report.ageing) {
    rows.push(headingRow(label('ageing', lang, { asOf: report.settings.asOf ?? '' })));
    rows.push(headerRow(label('ageBucket', lang), label('colRetained', lang), label('keysCount', lang)));
    for (const a of report.ageing) {
      if (a.keys === 0) continue;
      rows.push([text(a.bucket === 'undated' ? label('undated', lang) : `${a.bucket} ${label('days', lang)}`), money(a.amount), count(a.keys)]);
    }
    rows.push(blank);
  }
  for (const r of report.rollups) {
    rows.push(headingRow(label('rollup', lang, { by: r.by })));
    rows.push(headerRow(label('group', lang), label('colAllocated', lang), label('colDisbursed', lang), label('colLanded', lang), label('colRetained', lang), label('colNotLanded', lang), label('gap', lang)));
    for (const l of r.lines) rows.push([idText(l.group), money(l.allocated), money(l.disbursed), money(l.landed), money(l.retained), money(l.notLanded), money(l.gap)]);
    rows.push(blank);
  }
  const decisions = readingDecisions(report.findings);
  if (decisions.length) {
    rows.push(headingRow(label('decisions', lang)), headerRow(paperLabel('rule', lang), paperLabel('message', lang)));
    for (const f of decisions) rows.push([text(RULE_NAMES[f.rule][lang]), text(findingMessage(f, lang, report.roster?.path), S.wrap)]);
    rows.push(blank);
  }
}

/** What it takes to make the report again: tool, schema, config, parameters and each input's hash. */
function reproduceRows(rows: Row[], report: GapReport, lang: Lang): void {
  const blank: Row = [];
  rows.push(headingRow(paperLabel('reproduce', lang)));
  rows.push([text(label('tool', lang)), text(`${report.tool.name} ${report.tool.version}`)]);
  rows.push([text(paperLabel('schema', lang)), text(report.schema)]);
  rows.push(report.config ? [text(paperLabel('config', lang)), idText(report.config.path), idText(report.config.sha256)] : [text(paperLabel('config', lang)), text(paperLabel('none', lang))]);
  rows.push(blank);

  // `sources` (cli, config or default for each parameter) is there when the settings record it.
  const { sources, ...values } = headOf(report).parameters as { sources?: Record<string, string> | null };
  rows.push(headerRow(paperLabel('parameter', lang), paperLabel('value', lang), ...(sources ? [paperLabel('source', lang)] : [])));
  for (const [name, value] of parameterLines(values, '')) {
    const from = sources?.[name] ?? sources?.[name.split('.')[0]!];
    rows.push([idText(name), idText(value), ...(sources ? [text(from === undefined ? '' : (PARAMETER_SOURCES[from]?.[lang] ?? from))] : [])]);
  }
  rows.push(blank);

  rows.push(headerRow(label('ledger', lang), label('file', lang), paperLabel('sheet', lang), 'SHA-256', label('unit', lang), paperLabel('unitSource', lang), label('encoding', lang), label('read', lang), label('used', lang), label('skipped', lang)));
  for (const i of report.inputs) {
    const encoding = i.encoding === null ? '' : `${encodingName(i.encoding)}${i.encodingSource ? ` (${ENCODING_SOURCES[i.encodingSource]?.[lang] ?? i.encodingSource})` : ''}`;
    rows.push([
      text(roleName(i.role, lang)), idText(i.path), idText(i.sheet ?? ''), idText(i.sha256), text(i.unit), text(UNIT_SOURCES[i.unitSource][lang]), text(encoding),
      count(i.rows.read), count(i.rows.used), count(i.rows.skipped),
    ]);
  }
  if (report.roster) {
    const r = report.roster;
    rows.push([text(roleName(ROLE_OF_ROSTER, lang)), idText(r.path), idText(r.sheet ?? ''), idText(r.sha256), null, null, null, count(r.rows.read), count(r.rows.used), count(r.rows.skipped)]);
  }
}

/** Where each finding's quoted rows come from, decided while the findings are listed. */
interface EvidencePlan {
  wanted: Map<EvidenceRole, Set<number>>;
  /** Rows quoted, and rows left out by the limits. */
  lines: number;
  omitted: number;
  /** Widest key among the findings quoted. */
  keyWidth: number;
}

function want(plan: EvidencePlan, role: EvidenceRole, row: number): void {
  let rows = plan.wanted.get(role);
  if (!rows) plan.wanted.set(role, (rows = new Set()));
  rows.add(row);
}

function evidenceText(evidence: readonly Evidence[], lang: Lang): string {
  return [...evidenceByInput(evidence)].map(([where, rows]) => `${where} ${rowRanges(rows, lang)}`).join('; ');
}

/** The report's head, as the JSON report has it, in cell-sized pieces for the hidden sheet. */
function headPieces(report: GapReport, size = 30_000): string[] {
  const h = headOf(report);
  // Escaped in the JSON itself (which reads back the same), as no XML may hold them raw.
  const json = JSON.stringify({ schema: h.schema, tool: h.tool, parameters: h.parameters, inputs: h.inputs, totals: h.totals, summary: h.summary })
    .replace(/[\u007f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const pieces: string[] = [];
  for (let at = 0; at < json.length; ) {
    let end = Math.min(json.length, at + size);
    // Never between the halves of a surrogate pair, nor next to a space a reader might trim.
    while (end < json.length && end - at > 1 && (/[\ud800-\udbff]/.test(json[end - 1]!) || /\s/.test(json[end - 1]!) || /\s/.test(json[end]!))) end--;
    pieces.push(json.slice(at, end));
    at = end;
  }
  return pieces;
}

// ---- writing ---------------------------------------------------------------------------------

/**
 * Writes the working paper to `out` and ends it. Sheets: summary, keys, findings, the findings'
 * source rows, the inputs' rows accounted for, and the very hidden `fundgap` sheet. On failure
 * the ZIP is stopped and the error rethrown; the caller discards what was written.
 */
export async function writeXlsxReport(report: GapReport, out: NodeJS.WritableStream, opts: XlsxOptions): Promise<void> {
  const book = new Book(out);
  try {
    await writeSheets(book, report, opts);
    await book.finish();
  } catch (e) {
    book.abandon();
    throw e;
  }
}

async function writeSheets(book: Book, report: GapReport, opts: XlsxOptions): Promise<void> {
  const { lang } = opts;
  const limits = { ...XLSX_LIMITS, ...opts.limits };
  const sheetRows = Math.max(2, limits.sheetRows);

  // 汇总
  const summary = summaryRows(report, lang);
  const sw = fitWidths(summary, 10, 8, 70);
  const sheet1 = new Sheet(book, { name: label('summary', lang), widths: sw, sheetRows });
  for (const row of summary) await sheet1.add(row);
  sheet1.close();

  await writeKeys(book, report, lang, sheetRows);
  const plan = await writeFindings(book, report, lang, limits, sheetRows);
  const picked = await pickEvidence(report, plan, opts.rows);
  await writeEvidence(book, report, lang, limits, plan, picked, sheetRows);
  await writeInputs(book, report, lang, sheetRows);

  const hidden = new Sheet(book, { name: 'fundgap', widths: [100], state: 'veryHidden', sheetRows });
  for (const piece of headPieces(report)) await hidden.add([{ v: piece, s: S.text }]);
  hidden.close();
}

async function writeKeys(book: Book, report: GapReport, lang: Lang, sheetRows: number): Promise<void> {
  const keys = report.keys;
  const allocated = report.inputs.find((i) => i.role === 'allocated');
  const keyTitles = allocated?.keyColumns.map((ref) => allocated.columns.find((c) => c.ref === ref)?.header || ref) ?? [];
  const parts = Math.max(1, report.settings.key.length, keyTitles.length);
  const titles = parts === 1 ? [keyTitles[0] ?? label('key', lang)] : Array.from({ length: parts }, (_, i) => keyTitles[i] ?? `${label('key', lang)} ${i + 1}`);

  // Widths from every key, in one look at the figures (no key's rows are built for it).
  let [hi, lo] = [0n, 0n];
  let keyWidth = 0;
  for (let p = 0; p < keys.size; p++) {
    const f = keys.figuresAt(p);
    for (const m of [f.allocated, f.disbursed, f.landed, f.retained, f.notLanded]) {
      if (m > hi) hi = m;
      if (m < lo) lo = m;
    }
    if (parts === 1) keyWidth = Math.max(keyWidth, displayWidth(keys.displayAt(p)));
  }
  const amountWidth = Math.max(12, formatGrouped(hi).length + 2, formatGrouped(lo).length + 2);
  const keyWidths = parts === 1 ? [Math.min(60, Math.max(displayWidth(titles[0]!), keyWidth) + 2)] : titles.map((t) => Math.max(14, displayWidth(t) + 2));
  const figureTitles = [label('colAllocated', lang), label('colDisbursed', lang), label('colLanded', lang), label('retained', lang), label('notLanded', lang), label('disbursedRate', lang), label('landedRate', lang)];
  const header = [paperLabel('no', lang), ...titles, ...figureTitles, label('status', lang)];
  const widths = [Math.max(6, String(keys.size).length + 2), ...keyWidths, ...figureTitles.map((t, i) => Math.max(i < 5 ? amountWidth : 10, displayWidth(t) + 2)), 24];

  const sheet = new Sheet(book, { name: paperLabel('keys', lang), widths, freeze: { rows: 1, columns: 1 + parts }, sheetRows });
  await sheet.table(header);
  const sep = lang === 'zh' ? '、' : ', ';
  for (const k of keys) {
    const keyCells = parts === 1 ? [idText(k.display)] : Array.from({ length: parts }, (_, i) => idText(k.parts[i] ?? ''));
    await sheet.add([
      count(k.position + 1), ...keyCells,
      money(k.allocated), money(k.disbursed), money(k.landed), money(k.retained), money(k.notLanded), rate(k.disbursedRate), rate(k.landedRate),
      text(k.status.map((s) => STATUS_NAMES[s][lang]).join(sep)),
    ]);
  }
  sheet.close();
}

async function writeFindings(book: Book, report: GapReport, lang: Lang, limits: XlsxLimits, sheetRows: number): Promise<EvidencePlan> {
  const plan: EvidencePlan = { wanted: new Map(), lines: 0, omitted: 0, keyWidth: 0 };
  const header = [paperLabel('no', lang), paperLabel('severity', lang), paperLabel('rule', lang), paperLabel('ruleName', lang), ...(lang === 'zh' ? [] : [paperLabel('ruleNameZh', lang)]), label('key', lang), paperLabel('amount', lang), paperLabel('message', lang), label('evidence', lang)];
  const widths = [7, 8, 20, lang === 'zh' ? 22 : 30, ...(lang === 'zh' ? [] : [22]), 30, 16, 80, 40];
  const sheet = new Sheet(book, { name: paperLabel('findings', lang), widths, freeze: { rows: 1 }, sheetRows });
  await sheet.table(header);
  let n = 0;
  for (const f of report.findings) {
    n++;
    const evidence = evidenceOf(f, report);
    await sheet.add([
      count(n), text(SEVERITY_NAMES[f.severity][lang]), text(f.rule), text(RULE_NAMES[f.rule][lang]), ...(lang === 'zh' ? [] : [text(RULE_NAMES[f.rule].zh)]),
      f.key === null ? null : idText(f.key), f.amount === null ? null : money(f.amount), text(findingMessage(f, lang, report.roster?.path), S.wrap), text(evidenceText(evidence, lang)),
    ]);
    const room = Math.max(0, Math.min(limits.rowsPerFinding, limits.evidenceRows - plan.lines));
    const quoted = evidence.slice(0, room);
    plan.lines += quoted.length;
    plan.omitted += evidence.length - quoted.length;
    for (const e of quoted) want(plan, e.role, e.row);
    if (quoted.length && f.key !== null) plan.keyWidth = Math.max(plan.keyWidth, Math.min(40, displayWidth(f.key)));
  }
  sheet.close();
  return plan;
}

/** The quoted rows, and each input's header rows, read back from the files one input at a time. */
async function pickEvidence(report: GapReport, plan: EvidencePlan, rows: SourceRows): Promise<Map<EvidenceRole, Map<number, RawRow>>> {
  const picked = new Map<EvidenceRole, Map<number, RawRow>>();
  for (const i of report.inputs) for (const r of i.headerRows) want(plan, i.role, r);
  if (report.roster) want(plan, ROLE_OF_ROSTER, report.roster.headerRow);
  for (const role of [...ROLES, ROLE_OF_ROSTER] as EvidenceRole[]) {
    const wanted = plan.wanted.get(role);
    if (!wanted?.size) continue;
    const found = new Map<number, RawRow>();
    for await (const row of rows.pick(role, wanted)) found.set(row.row, row);
    picked.set(role, found);
  }
  return picked;
}

async function writeEvidence(
  book: Book,
  report: GapReport,
  lang: Lang,
  limits: XlsxLimits,
  plan: EvidencePlan,
  picked: Map<EvidenceRole, Map<number, RawRow>>,
  sheetRows: number,
): Promise<void> {
  const where = new Map<EvidenceRole, { file: string; sheet: string }>();
  for (const i of report.inputs) where.set(i.role, { file: i.path, sheet: i.sheet ?? '' });
  if (report.roster) where.set(ROLE_OF_ROSTER, { file: report.roster.path, sheet: report.roster.sheet ?? '' });

  // Source columns: as many as the widest quoted row, each as wide as its widest cell.
  const cellWidths: number[] = [];
  for (const rows of picked.values()) {
    for (const r of rows.values()) {
      r.cells.forEach((c, i) => (cellWidths[i] = Math.max(cellWidths[i] ?? 6, Math.min(30, widthOf(sourceCell(c)) + 2))));
    }
  }
  const fixedTitles = [paperLabel('finding', lang), paperLabel('rule', lang), label('key', lang), label('ledger', lang), label('file', lang), paperLabel('sheet', lang), paperLabel('row', lang)];
  const sourceColumns = Math.min(cellWidths.length, 16_384 - fixedTitles.length);
  const fileWidth = Math.max(10, ...[...where.values()].map((x) => Math.min(50, displayWidth(x.file) + 2)));
  const sheetWidth = Math.max(8, ...[...where.values()].map((x) => Math.min(30, displayWidth(x.sheet) + 2)));
  const widths = [9, lang === 'zh' ? 16 : 22, Math.max(12, plan.keyWidth + 2), 8, fileWidth, sheetWidth, 7, ...cellWidths.slice(0, sourceColumns).map((x) => x ?? 6)];
  const headers = [...fixedTitles, ...Array.from({ length: sourceColumns }, (_, i) => columnLetter(i))];

  const sheet = new Sheet(book, { name: paperLabel('evidence', lang), widths, freeze: { rows: 1 }, sheetRows });
  await sheet.table(headers);
  const note = paperLabel('evidenceNote', lang, { perFinding: limits.rowsPerFinding, total: limits.evidenceRows }) + (plan.omitted > 0 ? paperLabel('omitted', lang, { n: plan.omitted }) : '');
  await sheet.add([null, null, null, null, text(note, S.note)]);

  const quote = async (first: readonly (Out | null)[], role: EvidenceRole, row: number) => {
    const at = where.get(role);
    const r = picked.get(role)?.get(row);
    const cells = r ? r.cells.slice(0, sourceColumns).map(sourceCell) : [text(paperLabel('rowMissing', lang), S.note)];
    await sheet.add([...first, text(roleName(role, lang)), idText(at?.file ?? ''), idText(at?.sheet ?? ''), count(row), ...cells]);
  };

  const headerLabel = text(paperLabel('header', lang), S.note);
  for (const i of report.inputs) for (const r of i.headerRows) await quote([headerLabel, null, null], i.role, r);
  if (report.roster) await quote([headerLabel, null, null], ROLE_OF_ROSTER, report.roster.headerRow);

  let n = 0;
  let lines = 0;
  for (const f of report.findings) {
    n++;
    if (lines >= limits.evidenceRows) break;
    const evidence: Evidence[] = evidenceOf(f, report);
    if (evidence.length === 0) continue;
    const room = Math.max(0, Math.min(limits.rowsPerFinding, limits.evidenceRows - lines));
    const head = [count(n), text(RULE_NAMES[f.rule][lang]), f.key === null ? null : idText(f.key)];
    for (const e of evidence.slice(0, room)) await quote(head, e.role, e.row);
    lines += Math.min(room, evidence.length);
    if (evidence.length > room) await sheet.add([...head, null, text(paperLabel('moreRows', lang, { n: evidence.length - room }), S.note)]);
  }
  sheet.close();
}

async function writeInputs(book: Book, report: GapReport, lang: Lang, sheetRows: number): Promise<void> {
  const accounting: Row[] = [];
  accounting.push([text(paperLabel('accounting', lang), S.heading)]);
  const head = [label('ledger', lang), label('file', lang), paperLabel('sheet', lang), paperLabel('format', lang), label('encoding', lang), label('unit', lang), paperLabel('unitSource', lang), paperLabel('headerRows', lang), label('read', lang), label('used', lang), label('skipped', lang), paperLabel('hiddenRows', lang)];
  accounting.push(head.map((h) => text(h, S.header)));
  for (const i of report.inputs) {
    accounting.push([
      text(roleName(i.role, lang)), idText(i.path), idText(i.sheet ?? ''), text(i.format), text(i.encoding === null ? '' : encodingName(i.encoding)), text(i.unit), text(UNIT_SOURCES[i.unitSource][lang]),
      text(i.headerRows.join(', ')), count(i.rows.read), count(i.rows.used), count(i.rows.skipped), text(i.hiddenRows.length ? rowRanges(i.hiddenRows, lang) : ''),
    ]);
  }
  if (report.roster) {
    const r = report.roster;
    accounting.push([text(roleName(ROLE_OF_ROSTER, lang)), idText(r.path), idText(r.sheet ?? ''), null, null, null, null, text(String(r.headerRow)), count(r.rows.read), count(r.rows.used), count(r.rows.skipped), null]);
  }
  const skippedHead = [label('ledger', lang), label('file', lang), paperLabel('sheet', lang), paperLabel('row', lang), paperLabel('reason', lang)];
  const widths = fitWidths([...accounting.slice(1), skippedHead.map((h) => text(h))], head.length, 8, 50);
  widths[4] = Math.max(widths[4]!, 24);

  const sheet = new Sheet(book, { name: paperLabel('inputs', lang), widths, sheetRows });
  for (const row of accounting) await sheet.add(row);
  await sheet.add([]);
  await sheet.add([text(paperLabel('skippedRows', lang), S.heading)]);
  await sheet.table(skippedHead);
  for (const i of report.inputs) {
    const role = text(roleName(i.role, lang));
    const file = idText(i.path);
    const sheetName = idText(i.sheet ?? '');
    for (const s of i.skipped) await sheet.add([role, file, sheetName, count(s.row), text(SKIP_REASONS[s.reason][lang])]);
  }
  sheet.close();
}
