// Sums one ledger as its rows stream past: money per key with the rows behind it, the rows
// skipped and why, and each 合计/小计 row checked against the rows it covers. Memory grows
// with the number of keys; per row only its row number is kept, as evidence.

import { ZERO, type Money, type Unit } from '../money.js';
import { normaliseKey } from '../text/normalise.js';
import type { LedgerRow, SkipReason, TotalRow, Verdict } from './classify.js';

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
}

export interface LedgerTotals {
  read: number;
  used: number;
  skipped: { row: number; reason: SkipReason }[];
  hiddenRows: number[];
  keys: Map<string, KeyTotals>;
  total: Money;
  footing: FootingCheck[];
  /** Amounts read with no unit stated by cell, header, sheet or config. */
  unstatedAmounts: number;
  /** How many amounts were read in each unit (stated or assumed). */
  rowUnits: Map<Unit, number>;
}

export function keyId(parts: readonly string[]): string {
  return parts.map(normaliseKey).join('\u0000');
}

interface Span {
  sum: Money;
  count: number;
  first: number | undefined;
  last: number | undefined;
}

const emptySpan = (): Span => ({ sum: ZERO, count: 0, first: undefined, last: undefined });

function extend(span: Span, row: number, amount: Money): Span {
  return { sum: span.sum.plus(amount), count: span.count + 1, first: span.first ?? row, last: row };
}

/**
 * A total row is checked against the rows it covers. A 小计 normally closes the group above
 * it; one that comes straight after the header or another total heads the group below it
 * instead, and a 合计 at the top of a table covers everything below it.
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
    unstatedAmounts: 0,
    rowUnits: new Map(),
  };
  private all: Span = emptySpan();
  private group: Span = emptySpan();
  private pendingGroupHead: TotalRow | undefined;
  private readonly pendingTableHeads: TotalRow[] = [];
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
      if (v.total) this.onTotal(v.total);
      return;
    }
    this.addData(v.row);
  }

  /** A category heading whose amount is the sum of the rows under it (headings.ts). */
  addGroupHeading(r: LedgerRow, hidden: boolean, label: string, covers: { sum: Money; count: number; first: number | undefined; last: number | undefined }): void {
    this.t.read++;
    if (hidden) this.t.hiddenRows.push(r.row);
    this.t.skipped.push({ row: r.row, reason: 'group-heading' });
    this.t.footing.push({
      row: r.row,
      kind: 'subtotal',
      label,
      stated: r.amount,
      computed: covers.sum,
      foots: true,
      formula: undefined,
      covers: { first: covers.first, last: covers.last, count: covers.count },
    });
  }

  private addData(r: LedgerRow): void {
    this.t.used++;
    this.t.total = this.t.total.plus(r.amount);
    if (!r.unitStated) this.t.unstatedAmounts++;
    this.t.rowUnits.set(r.unit, (this.t.rowUnits.get(r.unit) ?? 0) + 1);
    const id = keyId(r.keyParts);
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
    this.all = extend(this.all, r.row, r.amount);
    this.group = extend(this.group, r.row, r.amount);
  }

  private check(total: TotalRow, span: Span): void {
    if (total.amount === undefined) return;
    this.t.footing.push({
      row: total.row,
      kind: total.kind,
      label: total.label,
      stated: total.amount,
      computed: span.sum,
      foots: total.amount.eq(span.sum),
      formula: total.formula,
      covers: { first: span.first, last: span.last, count: span.count },
    });
  }

  private closeGroup(): void {
    if (this.pendingGroupHead) this.check(this.pendingGroupHead, this.group);
    this.pendingGroupHead = undefined;
    this.group = emptySpan();
  }

  private onTotal(total: TotalRow): void {
    if (this.all.count === 0 && total.kind === 'total') {
      this.pendingTableHeads.push(total);
      return;
    }
    if (this.group.count === 0 && !this.pendingGroupHead) {
      if (total.kind === 'subtotal') {
        this.pendingGroupHead = total;
        return;
      }
      // A 合计 straight after subtotals totals everything above it.
      this.check(total, this.all);
      return;
    }
    if (this.pendingGroupHead) {
      this.closeGroup();
      this.onTotal(total);
      return;
    }
    if (total.kind === 'subtotal') this.check(total, this.group);
    else {
      // A bare 合计 may close a group (when groups end in 合计 and the sheet in 总计).
      const closesGroup = total.amount !== undefined && !total.amount.eq(this.all.sum) && total.amount.eq(this.group.sum);
      this.check(total, closesGroup ? this.group : this.all);
    }
    this.group = emptySpan();
  }

  finish(): LedgerTotals {
    this.closeGroup();
    for (const head of this.pendingTableHeads) this.check(head, this.all);
    this.t.footing.sort((a, b) => a.row - b.row);
    for (const k of this.unsorted) k.rows.sort((a, b) => a - b);
    this.t.hiddenRows.sort((a, b) => a - b);
    return this.t;
  }
}
