// One ledger from rows to sums: find the layout in the first rows, then classify every row as
// it streams, settle its place in the table (the end of the table, 其中 breakdowns, heading
// rows), add it up, and show each used row to the rules that want to see rows.

import { FundgapError, FundgapFailures } from '../errors.js';
import { DEFAULT_READ_LIMITS, LIMIT_OPTIONS } from '../limits.js';
import type { Money, Unit } from '../money.js';
import type { RawRow, SheetSource } from '../sheets/types.js';
import type { LedgerSettings } from './ledger-settings.js';
import { LedgerAccumulator, type LedgerTotals } from './accumulate.js';
import { KeyIndex } from './keys.js';
import { BreakdownTracker } from './breakdowns.js';
import { classifyRow } from './classify.js';
import type { ClassifyContext, LedgerRow } from './rows.js';
import { cellText } from './header.js';
import { HeadingResolver } from './headings.js';
import { afterEnd, moneyAfterSignOff } from './table-end.js';
import { detectLayout, HEADER_SCAN_ROWS, type Layout, type UnitSource } from './layout.js';
import { startProgress, type ReadProgress } from './progress.js';

export interface LedgerRead {
  layout: Layout;
  totals: LedgerTotals;
  unit: Unit;
  unitSource: UnitSource;
}

export interface ReadOptions {
  settings: LedgerSettings;
  /** Numbers the keys of the whole run, so the ledgers' keys are one list (a fresh one if absent). */
  keys?: KeyIndex | undefined;
  key: readonly string[];
  configPath: string;
  /** The unit for amounts nothing states; '元' unless inferred from the other ledgers. */
  fallbackUnit?: { unit: Unit; source: UnitSource } | undefined;
  observe?: ((row: LedgerRow, layout: Layout) => void) | undefined;
  /** See LayoutOptions.pickFirstAmount: for `fundgap init` only. */
  pickFirstAmount?: boolean | undefined;
  /** Told how far reading has got, now and then (progress.ts), for a progress display. */
  progress?: ((p: ReadProgress) => void) | undefined;
  /** Row problems listed before the rest are only counted (DEFAULT_READ_LIMITS.maxErrors). */
  maxErrors?: number | undefined;
  /** Rows the sheet may have (DEFAULT_READ_LIMITS.maxRows). */
  maxRows?: number | undefined;
}

/** Failures of one row: the row is left out, the rows after it are still checked. */
const ROW_PROBLEMS = new Set<string>(['AMOUNT_INVALID', 'AMOUNT_TOO_LONG', 'DATE_INVALID', 'CSV_ROW_WIDTH', 'CELL_ERROR', 'CELL_NO_RESULT', 'KEY_MISSING', 'STATUS_UNKNOWN']);

/** The row problems of one ledger: every one is counted, the first maxErrors are kept. */
class RowProblems {
  readonly listed: FundgapError[] = [];
  count = 0;
  constructor(private readonly max: number) {}

  /** Keeps a row's failure and says so; anything else is not a row problem, and stops the run. */
  take(e: unknown): void {
    if (!(e instanceof FundgapError) || !ROW_PROBLEMS.has(e.code)) throw e;
    this.count++;
    if (this.listed.length < Math.max(1, this.max)) this.listed.push(e);
  }

  /** Stops the run if any row had a problem: one failure as itself, several together. */
  check(): void {
    if (this.count === 0) return;
    if (this.count === 1) throw this.listed[0]!;
    throw new FundgapFailures(this.listed, this.count - this.listed.length);
  }
}

/**
 * The first `n` rows, and the rest a batch at a time (the first batch may hold the head's
 * leftovers). A source without batches gives one row per batch, read only when asked for,
 * so a reader's error surfaces exactly where it did row by row.
 */
export async function readHead(source: SheetSource, n: number): Promise<{ head: RawRow[]; rest: AsyncIterator<RawRow[]> }> {
  const batches = rowBatches(source);
  const head: RawRow[] = [];
  let leftover: RawRow[] = [];
  while (head.length < n) {
    const next = await batches.next();
    if (next.done) break;
    const batch = next.value;
    const take = Math.min(n - head.length, batch.length);
    for (let i = 0; i < take; i++) head.push(batch[i]!);
    if (take < batch.length) leftover = batch.slice(take);
  }
  if (leftover.length === 0) return { head, rest: batches };
  let first: RawRow[] | undefined = leftover;
  const rest: AsyncIterator<RawRow[]> = {
    next: () => {
      if (first === undefined) return batches.next();
      const value = first;
      first = undefined;
      return Promise.resolve({ done: false, value });
    },
    return: async () => (await batches.return?.()) ?? { done: true, value: undefined },
  };
  return { head, rest };
}

function rowBatches(source: SheetSource): AsyncIterator<RawRow[]> {
  if (source.batches) return source.batches()[Symbol.asyncIterator]();
  const rows = source.rows()[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await rows.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: [r.value] };
    },
    return: async () => {
      await rows.return?.();
      return { done: true, value: undefined };
    },
  };
}

export async function readLedger(source: SheetSource, opts: ReadOptions): Promise<LedgerRead> {
  const progress = startProgress(opts.progress, source.readPosition);
  // Two more rows than are scanned, so a header found on the last scanned row can still
  // look at the row below it for a second header row.
  const { head, rest } = await readHead(source, HEADER_SCAN_ROWS + 2);
  const layout = await layoutOf(source, head, opts);
  const fallback = opts.fallbackUnit ?? { unit: '元', source: 'default' };
  const ctx: ClassifyContext = {
    file: source.path,
    sheet: source.sheet,
    format: source.format,
    layout,
    fallbackUnit: fallback.unit,
    date1904: source.date1904,
    status: opts.settings.status,
  };

  const acc = new LedgerAccumulator(opts.keys ?? new KeyIndex());
  for (const p of layout.preamble) acc.skipPreamble(p.row, p.reason);
  const { breakdowns, endTable } = rowSinks(acc, layout, opts);

  const lastRow = opts.settings.lastRow;
  let seenData = false;
  let ended: { signOffRow: number } | undefined;
  const after: { first?: { row: number; label: string; amount: Money }; last?: number; count: number } = { count: 0 };
  const endCtx = { layout, fallbackUnit: fallback.unit };
  const problems = new RowProblems(opts.maxErrors ?? DEFAULT_READ_LIMITS.maxErrors);
  const maxRows = opts.maxRows ?? DEFAULT_READ_LIMITS.maxRows;
  const take = (raw: RawRow): void => {
    if (raw.row > maxRows) throw new FundgapError({ code: 'ROWS_TOO_MANY', at: { file: source.path, sheet: source.sheet, row: raw.row }, limit: maxRows, option: LIMIT_OPTIONS.maxRows });
    // A row with a problem is left out and reading goes on, so one run lists them all.
    try {
      takeRow(raw);
    } catch (e) {
      problems.take(e);
    }
  };
  const takeRow = (raw: RawRow): void => {
    const hidden = raw.hidden === true;
    if (ended || (lastRow !== undefined && raw.row > lastRow)) {
      if (!ended) {
        endTable();
        ended = { signOffRow: raw.row };
      }
      const x = afterEnd(endCtx, raw, lastRow !== undefined);
      if (x.money !== undefined && lastRow === undefined) {
        after.first ??= { row: raw.row, label: x.label, amount: x.money };
        after.last = raw.row;
        after.count++;
      }
      acc.add(x.verdict, hidden);
      return;
    }
    const v = classifyRow(ctx, raw);
    if (v.kind === 'skip' && v.reason === 'sign-off' && seenData && lastRow === undefined) {
      endTable();
      ended = { signOffRow: raw.row };
      acc.add(v, hidden);
      return;
    }
    if (v.kind === 'data' || v.total) seenData = true;
    breakdowns.take(v, hidden);
  };
  for (const raw of head.slice(layout.dataStart)) take(raw);
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    const batch = next.value;
    for (let i = 0; i < batch.length; i++) {
      take(batch[i]!);
      progress?.row();
    }
  }
  problems.check();
  if (!ended) endTable();
  if (after.first) {
    throw moneyAfterSignOff({ file: source.path, sheet: source.sheet, configPath: opts.configPath, layout }, ended!.signOffRow, after.first, after.last!, after.count);
  }
  const totals = acc.finish();
  progress?.end(totals.read);
  refuseMixedUnits(source, layout, totals, opts);
  const { unit, unitSource } = ledgerUnit(layout, totals, fallback);
  return { layout, totals, unit, unitSource };
}

/** The sheet's header, columns, keys and unit, from its first rows and the config. */
async function layoutOf(source: SheetSource, head: RawRow[], opts: ReadOptions): Promise<Layout> {
  const hiddenColumns = await source.hiddenColumns?.();
  return detectLayout(head, {
    file: source.path,
    sheet: source.sheet,
    format: source.format,
    columns: opts.settings.columns,
    unit: opts.settings.unit,
    headerRow: opts.settings.headerRow,
    key: opts.key,
    configPath: opts.configPath,
    pickFirstAmount: opts.pickFirstAmount,
    status: opts.settings.status,
    hiddenColumns,
  });
}

/**
 * Where classified rows go: 其中 breakdowns are checked against the row above them, then
 * category headings against the rows under them, then the rows reach the accumulator.
 * `endTable` closes both at the end of the table (a sign-off line, lastRow, or the sheet's end).
 */
function rowSinks(acc: LedgerAccumulator, layout: Layout, opts: ReadOptions): { breakdowns: BreakdownTracker; endTable: () => void } {
  const label = (row: LedgerRow) => row.keyParts.join(' / ') || cellText(row.raw.cells.find((c) => c.t === 'text'));
  const headings = new HeadingResolver(
    {
      data(row, hidden) {
        acc.addRow(row, hidden);
        opts.observe?.(row, layout);
      },
      heading(row, hidden, covers) {
        acc.addGroupHeading(row, hidden, label(row), covers);
      },
      question: (q) => acc.addHeadingQuestion(q),
    },
    layout,
    opts.settings.headings,
  );
  const breakdowns = new BreakdownTracker({
    pass(v, hidden) {
      if (v.kind === 'data') headings.data(v.row, hidden);
      else {
        // A total ends the stretch of rows above it, which is read whole before it is checked.
        if (v.total) headings.close(acc.targetsFor(v.total));
        acc.add(v, hidden);
      }
    },
    check: (c) => acc.addBreakdown(c),
  });
  const endTable = () => {
    breakdowns.end();
    headings.close(acc.targetsFor('end'));
  };
  return { breakdowns, endTable };
}

/**
 * 20万元 on one row and a bare 15 on the next: the 15 is read as 元 by default, but the
 * column has just shown that its author writes 万元. Which one the 15 means is theirs to say.
 */
function refuseMixedUnits(source: SheetSource, layout: Layout, totals: LedgerTotals, opts: ReadOptions): void {
  if (totals.cellWanAmounts > 0 && totals.unstatedAmounts > 0) {
    const amountCol = layout.columns[layout.amountColumn]!;
    throw new FundgapError({
      code: 'UNIT_MIXED',
      at: { file: source.path, sheet: source.sheet, row: totals.firstUnstatedRow, column: `${amountCol.ref} (${amountCol.name.display})` },
      wanRow: totals.firstCellWanRow,
      configPath: opts.configPath,
    });
  }
}

/** The unit the ledger was read in, and what said so: the sheet, the cells themselves, or the fallback. */
function ledgerUnit(layout: Layout, totals: LedgerTotals, fallback: { unit: Unit; source: UnitSource }): { unit: Unit; unitSource: UnitSource } {
  let unit: Unit;
  let unitSource: UnitSource;
  if (layout.unit !== undefined) [unit, unitSource] = [layout.unit, layout.unitSource!];
  else if (totals.used > 0 && totals.unstatedAmounts === 0) {
    // Every amount stated its own unit (`20万元`); report the one most rows used.
    const [top] = [...totals.rowUnits.entries()].sort((a, b) => b[1] - a[1]);
    [unit, unitSource] = [top![0], 'cell'];
  } else [unit, unitSource] = [fallback.unit, fallback.source];
  return { unit, unitSource };
}
