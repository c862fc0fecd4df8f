// Allocation tables often group projects under numbered categories (一、产业发展类 …,
// （一）种植业 …) whose row carries the sum of the rows under it, with no 小计 label to say
// so. Counted as data, that money would be counted twice. Such a row is held back until its
// group ends (the next heading of its level or above, a total row, or the end of the sheet).
// If rows came under it, it was a heading: it is skipped and checked like a subtotal, so one
// that does not equal its rows is a footing mismatch, never extra money. If nothing came
// under it (a list whose projects are themselves numbered 一、二、), it is an ordinary row.

import { ZERO, type Money } from '../money.js';
import type { LedgerRow } from './classify.js';

interface Pending {
  row: LedgerRow;
  hidden: boolean;
  under: Money;
  count: number;
  first: number | undefined;
  last: number | undefined;
}

export interface HeadingSink {
  data(row: LedgerRow, hidden: boolean): void;
  heading(row: LedgerRow, hidden: boolean, covers: { sum: Money; count: number; first: number | undefined; last: number | undefined }): void;
}

export class HeadingResolver {
  private readonly open: Pending[] = [];

  constructor(private readonly sink: HeadingSink) {}

  data(row: LedgerRow, hidden: boolean): void {
    if (row.heading === undefined) {
      this.commit(row, hidden);
      return;
    }
    this.close(row.heading);
    this.open.push({ row, hidden, under: ZERO, count: 0, first: undefined, last: undefined });
  }

  /** Ends every open group at `level` or deeper (0: all of them). */
  close(level = 0): void {
    while (this.open.length > 0 && this.open[this.open.length - 1]!.row.heading! >= level) {
      const p = this.open.pop()!;
      if (p.count > 0) this.sink.heading(p.row, p.hidden, { sum: p.under, count: p.count, first: p.first, last: p.last });
      else this.commit(p.row, p.hidden);
    }
  }

  private commit(row: LedgerRow, hidden: boolean): void {
    for (const p of this.open) {
      p.under = p.under.plus(row.amount);
      p.count++;
      p.first ??= row.row;
      p.last = row.row;
    }
    this.sink.data(row, hidden);
  }
}
