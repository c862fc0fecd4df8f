// 其中 breakdowns: after a lone 其中 row, or from a row starting 其中：, the rows are shares of
// the row above (省级资金, 县级配套 …), not money of their own: left out of the figures, listed,
// and checked against the row they break down. Where unmarked parts end is decided by their
// names and their sum, never by guessing (BreakdownTracker).

import { ZERO, roundingAllowance, withinRounding, type Exact, type Money } from '../money.js';
import type { LedgerRow, TotalRow, Verdict } from './rows.js';
import { cellText, isFundPartLabel } from './header.js';

export interface BreakdownPart {
  row: number;
  label: string;
  amount: Money;
  rounded: boolean;
}

/** A 其中 breakdown checked against the row above it. */
export interface BreakdownCheck {
  /** The row broken down (a data row, a heading or a total); undefined when no money row is above. */
  parent: { row: number; label: string; amount: Money; rounded: boolean } | undefined;
  parts: BreakdownPart[];
  sum: Money;
  /** The parts equal the parent, or are apart by no more than their rounding (`allowance`). */
  adds: boolean;
  allowance: Exact;
  /** Where the parts fall short, the row after them, read as a row of its own. */
  next: { row: number; label: string; amount: Money } | undefined;
}

export interface BreakdownSink {
  /** A verdict to pass on, in row order: data rows that are not parts, and every skip. */
  pass(v: Verdict, hidden: boolean): void;
  check(c: BreakdownCheck): void;
}

interface Held {
  row: LedgerRow;
  hidden: boolean;
}

interface Open {
  parent: BreakdownCheck['parent'];
  parts: BreakdownPart[];
  /** Opened by a lone 其中 row that has had no part yet: the next row is one. */
  awaitingFirst: boolean;
  /** Unmarked rows that may be parts: they are, if the parts reach the parent with them. */
  pending: Held[];
}

/** Unmarked rows held while their sum is still short of the parent. */
const MAX_PENDING = 50;

const labelOf = (r: LedgerRow) => r.keyParts.join(' / ');

function parentOf(above: LedgerRow | TotalRow | undefined): BreakdownCheck['parent'] {
  if (above === undefined || above.amount === undefined) return undefined;
  const label = 'keyParts' in above ? labelOf(above) : above.label;
  return { row: above.row, label, amount: above.amount, rounded: above.written !== undefined };
}

function isNumbered(r: LedgerRow): boolean {
  if (r.heading !== undefined) return true;
  const first = r.raw.cells.map(cellText).map((s) => s.trim()).find((s) => s !== '');
  return first !== undefined && /^\d+$/.test(first);
}

/**
 * Decides which rows are parts. A row that says 其中 is one. After a lone 其中 row, so is the
 * next. An unmarked row continues the breakdown if its name is a fund source (中央资金,
 * 县级配套), or if the parts reach the parent's amount exactly with it (and the rows held
 * before it). The breakdown ends at a numbered row, a blank row, a total, once the parts
 * reach the parent, or when an unmarked row would take them past it — then the rows held
 * are rows of their own, and a breakdown that falls short says which row came next.
 */
export class BreakdownTracker {
  private open: Open | undefined;
  /** The row above, when it carries money a breakdown could be a share of. */
  private above: LedgerRow | TotalRow | undefined;

  constructor(private readonly sink: BreakdownSink) {}

  take(v: Verdict, hidden: boolean): void {
    if (v.kind === 'skip' && v.reason === 'breakdown') {
      this.open ??= { parent: parentOf(this.above), parts: [], awaitingFirst: false, pending: [] };
      const o = this.open;
      // Unmarked rows between two marked parts are parts too.
      for (const h of o.pending.splice(0)) this.part(h.row, h.hidden);
      if (v.excluded) {
        o.parts.push({ row: v.row, label: v.excluded.label, amount: v.excluded.amount, rounded: v.excluded.written !== undefined });
        o.awaitingFirst = false;
      } else if (o.parts.length === 0) o.awaitingFirst = true;
      this.sink.pass(v, hidden);
      return;
    }
    if (this.open && v.kind === 'data') {
      this.continueWith(v.row, hidden);
      return;
    }
    if (this.open && !(v.kind === 'skip' && (v.reason === 'no-amount' || v.reason === 'merged-amount'))) this.close();
    this.pass(v, hidden);
  }

  /** The end of the table: a breakdown still open ends here. */
  end(): void {
    if (this.open) this.close();
  }

  private continueWith(r: LedgerRow, hidden: boolean): void {
    const o = this.open!;
    const parent = o.parent;
    const sum = (extra: Money) => ((o.parts.reduce((s, p) => (s + p.amount), ZERO) + (o.pending.reduce((s, h) => (s + h.row.amount), ZERO))) + extra);
    const reaches = (total: Money, extra: number) => {
      if (!parent) return false;
      const rounded = o.parts.filter((p) => p.rounded).length + o.pending.filter((h) => h.row.written).length + extra + (parent.rounded ? 1 : 0);
      return withinRounding(total - parent.amount, rounded);
    };
    if (isFundPartLabel(labelOf(r)) || o.awaitingFirst) {
      for (const h of o.pending.splice(0)) this.part(h.row, h.hidden);
      this.part(r, hidden);
      o.awaitingFirst = false;
      return;
    }
    if (isNumbered(r) || (o.parts.length > 0 && o.pending.length === 0 && reaches(sum(ZERO), 0)) || !parent) {
      this.close();
      this.pass({ kind: 'data', row: r }, hidden);
      return;
    }
    const total = sum(r.amount);
    if (reaches(total, r.written ? 1 : 0)) {
      for (const h of o.pending.splice(0)) this.part(h.row, h.hidden);
      this.part(r, hidden);
      this.close();
      return;
    }
    if ((total > parent.amount) || o.pending.length >= MAX_PENDING) {
      this.close(r);
      this.pass({ kind: 'data', row: r }, hidden);
      return;
    }
    o.pending.push({ row: r, hidden });
  }

  private part(r: LedgerRow, hidden: boolean): void {
    this.open!.parts.push({ row: r.row, label: labelOf(r), amount: r.amount, rounded: r.written !== undefined });
    this.sink.pass(
      { kind: 'skip', row: r.row, reason: 'breakdown', excluded: { reason: 'breakdown', amount: r.amount, label: labelOf(r), written: r.written } },
      hidden,
    );
  }

  /** Ends the breakdown; rows still held are rows of their own (`after` is the row that ended it). */
  private close(after?: LedgerRow): void {
    const o = this.open!;
    this.open = undefined;
    const held = o.pending;
    const sum = o.parts.reduce((s, p) => (s + p.amount), ZERO);
    const rounded = o.parts.filter((p) => p.rounded).length + (o.parent?.rounded ? 1 : 0);
    const allowance = roundingAllowance(rounded);
    const adds = o.parent !== undefined && withinRounding(sum - o.parent.amount, rounded);
    const nextRow = held[0]?.row ?? after;
    this.sink.check({
      parent: o.parent,
      parts: o.parts,
      sum,
      adds,
      allowance,
      next: !adds && nextRow ? { row: nextRow.row, label: labelOf(nextRow), amount: nextRow.amount } : undefined,
    });
    for (const h of held) this.pass({ kind: 'data', row: h.row }, h.hidden);
  }

  private pass(v: Verdict, hidden: boolean): void {
    if (v.kind === 'data') this.above = v.row;
    else if (v.total?.amount !== undefined) this.above = v.total;
    else if (v.reason !== 'no-amount' && v.reason !== 'merged-amount') this.above = undefined;
    this.sink.pass(v, hidden);
  }
}
