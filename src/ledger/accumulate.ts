// Sums one ledger as its rows stream past: money per key with the rows behind it, the rows
// skipped and why, and each 合计/小计 row checked against the rows it covers. Memory grows
// with the number of keys; per row only its row number is kept, as evidence.

import { ZERO, type Money, type Unit } from '../money.js';
import type { ExcludedRow, LedgerRow, SkipReason, TotalRow, Verdict } from './classify.js';

export interface KeyTotals {
  /** Normalised parts joined by NUL: the identity keys are matched on. */
  id: string;
  /** As first written in this ledger. */
  parts: string[];
  sum: Money;
  rows: number[];
  /** Earliest and latest dates on the key's rows, when the ledger has dates. */
  firstDate: string | undefined;
  lastDate: string | undefined;
}

export interface FootingCheck {
  row: number;
  kind: TotalRow['kind'];
  label: string;
  stated: Money;
  computed: Money;
  foots: boolean;
  formula: string | undefined;
  /** The data rows the total was checked against (first and last row number, and count). */
  covers: { first: number | undefined; last: number | undefined; count: number };
  /**
   * A bank file's total may count the payments that failed: it foots when it equals the rows
   * used plus those, and this is how much of it they are.
   */
  failedIncluded?: Money | undefined;
}

export interface LedgerTotals {
  read: number;
  used: number;
  skipped: { row: number; reason: SkipReason }[];
  hiddenRows: number[];
  keys: Map<string, KeyTotals>;
  total: Money;
  footing: FootingCheck[];
  /** Rows with money left out of the figures, in row order. */
  excluded: ExcludedRow[];
  /** Amounts read with no unit stated by cell, header, sheet or config, and the first of them. */
  unstatedAmounts: number;
  firstUnstatedRow: number | undefined;
  /** Amounts whose own cell said 万元 (`20万元`), and the first of them. */
  cellWanAmounts: number;
  firstCellWanRow: number | undefined;
  /** How many amounts were read in each unit (stated or assumed). */
  rowUnits: Map<Unit, number>;
}

/**
 * The data rows since some point. Its sum is the running total now minus the running total
 * when it opened, so a row costs one addition however many spans are open.
 */
interface Span {
  start: Money;
  /** The failed payments' running total when the span opened. */
  failedStart: Money;
  count: number;
  first: number | undefined;
  last: number | undefined;
}

function extend(span: Span, row: number): void {
  span.count++;
  span.first ??= row;
  span.last = row;
}

/**
 * A total row is checked against the rows it covers. Whether 小计 rows close the group above
 * them or head the group below them is decided once per sheet, by the first one: after data
 * rows it closes, straight after the header it heads. Where they close, a 小计 that follows
 * another 小计 (乙镇小计 after 甲村小计 and 乙村小计) is one level up and covers everything since
 * the previous such one. A 合计 covers the whole table, at the top or the bottom.
 */
export class LedgerAccumulator {
  private readonly t: LedgerTotals = {
    read: 0,
    used: 0,
    skipped: [],
    hiddenRows: [],
    keys: new Map(),
    total: ZERO,
    footing: [],
    excluded: [],
    unstatedAmounts: 0,
    firstUnstatedRow: undefined,
    cellWanAmounts: 0,
    firstCellWanRow: undefined,
    rowUnits: new Map(),
  };
  /** Money of rows left out as failed payments, running, for totals that count them. */
  private failed: Money = ZERO;
  private all: Span = this.open();
  /** Rows since the last 小计 or 合计. */
  private group: Span = this.open();
  /** Rows since the last higher-level 小计 or 合计 (subtotals that close their groups). */
  private higher: Span = this.open();
  private subtotals: 'close' | 'head' | undefined;
  /** Where subtotals head their groups: the one whose group is still open. */
  private openHead: TotalRow | undefined;
  private readonly tableHeads: TotalRow[] = [];
  private readonly unsorted = new Set<KeyTotals>();

  /** Rows before the data (title, unit line, header) count as read and skipped. */
  skipPreamble(row: number, reason: SkipReason): void {
    this.t.read++;
    this.t.skipped.push({ row, reason });
  }

  add(v: Verdict, hidden: boolean): void {
    this.t.read++;
    const rowNumber = v.kind === 'data' ? v.row.row : v.row;
    if (hidden) this.t.hiddenRows.push(rowNumber);
    if (v.kind === 'skip') {
      this.t.skipped.push({ row: v.row, reason: v.reason });
      if (v.excluded) {
        this.t.excluded.push({ row: v.row, ...v.excluded });
        if (v.excluded.reason === 'payment-failed') this.failed = this.failed.plus(v.excluded.amount);
      }
      if (v.total) this.onTotal(v.total);
      return;
    }
    this.addData(v.row);
  }

  /** A category heading, checked against the rows under it (headings.ts). */
  addGroupHeading(r: LedgerRow, hidden: boolean, label: string, covers: { sum: Money; count: number; first: number | undefined; last: number | undefined }): void {
    this.t.read++;
    if (hidden) this.t.hiddenRows.push(r.row);
    this.t.skipped.push({ row: r.row, reason: 'group-heading' });
    this.t.excluded.push({ row: r.row, reason: 'group-heading', amount: r.amount, label });
    this.t.footing.push({
      row: r.row,
      kind: 'subtotal',
      label,
      stated: r.amount,
      computed: covers.sum,
      foots: r.amount.eq(covers.sum),
      formula: undefined,
      covers: { first: covers.first, last: covers.last, count: covers.count },
    });
  }

  private addData(r: LedgerRow): void {
    this.t.used++;
    this.t.total = this.t.total.plus(r.amount);
    if (!r.unitStated) {
      this.t.unstatedAmounts++;
      this.t.firstUnstatedRow ??= r.row;
    }
    if (r.unitInCell && r.unit === '万元') {
      this.t.cellWanAmounts++;
      this.t.firstCellWanRow ??= r.row;
    }
    this.t.rowUnits.set(r.unit, (this.t.rowUnits.get(r.unit) ?? 0) + 1);
    const id = r.keyId;
    let k = this.t.keys.get(id);
    if (!k) {
      k = { id, parts: r.keyParts, sum: ZERO, rows: [], firstDate: undefined, lastDate: undefined };
      this.t.keys.set(id, k);
    }
    k.sum = k.sum.plus(r.amount);
    // A held-back heading row that turned out to be data arrives after the rows below it.
    if (k.rows.length > 0 && k.rows[k.rows.length - 1]! > r.row) this.unsorted.add(k);
    k.rows.push(r.row);
    if (r.date !== undefined) {
      if (k.firstDate === undefined || r.date < k.firstDate) k.firstDate = r.date;
      if (k.lastDate === undefined || r.date > k.lastDate) k.lastDate = r.date;
    }
    extend(this.all, r.row);
    extend(this.group, r.row);
    extend(this.higher, r.row);
  }

  private open(): Span {
    return { start: this.t.total, failedStart: this.failed, count: 0, first: undefined, last: undefined };
  }

  private sumOf(span: Span): Money {
    return this.t.total.minus(span.start);
  }

  private check(total: TotalRow, span: Span): void {
    if (total.amount === undefined) return;
    const computed = this.sumOf(span);
    const failed = this.failed.minus(span.failedStart);
    const withFailed = !failed.isZero() && !total.amount.eq(computed) && total.amount.eq(computed.plus(failed));
    this.t.footing.push({
      row: total.row,
      kind: total.kind,
      label: total.label,
      stated: total.amount,
      computed,
      foots: withFailed || total.amount.eq(computed),
      formula: total.formula,
      covers: { first: span.first, last: span.last, count: span.count },
      ...(withFailed ? { failedIncluded: failed } : {}),
    });
  }

  private onTotal(total: TotalRow): void {
    if (total.kind === 'total') {
      if (this.all.count === 0) {
        this.tableHeads.push(total);
        return;
      }
      this.closeHead();
      // A bare 合计 may close a group (when groups end in 合计 and the sheet in 总计).
      const closesGroup =
        this.group.count > 0 && total.amount !== undefined && !total.amount.eq(this.sumOf(this.all)) && total.amount.eq(this.sumOf(this.group));
      this.check(total, closesGroup ? this.group : this.all);
      this.group = this.open();
      if (!closesGroup) this.higher = this.open();
      return;
    }
    this.subtotals ??= this.group.count === 0 ? 'head' : 'close';
    if (this.subtotals === 'head') {
      this.closeHead();
      this.openHead = total;
      return;
    }
    if (this.group.count > 0) this.check(total, this.group);
    // An empty group's zero subtotal (平安区小计 0) has nothing to cover; any other subtotal
    // straight after a subtotal sums the level below it.
    else if (total.amount?.isZero()) this.check(total, this.group);
    else {
      this.check(total, this.higher);
      this.higher = this.open();
    }
    this.group = this.open();
  }

  private closeHead(): void {
    if (!this.openHead) return;
    this.check(this.openHead, this.group);
    this.openHead = undefined;
    this.group = this.open();
  }

  finish(): LedgerTotals {
    this.closeHead();
    for (const head of this.tableHeads) this.check(head, this.all);
    this.t.footing.sort((a, b) => a.row - b.row);
    // Held-back headings are settled after the rows under them.
    this.t.excluded.sort((a, b) => a.row - b.row);
    for (const k of this.unsorted) k.rows.sort((a, b) => a - b);
    this.t.hiddenRows.sort((a, b) => a - b);
    return this.t;
  }
}
