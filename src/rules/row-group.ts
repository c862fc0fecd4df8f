// The rows a row-level finding is about (every payment to one bad ID, say): their row
// numbers as evidence, the keys they fall under, and the money they carry.

import type { LedgerRow } from '../ledger/rows.js';
import { ZERO, type Money } from '../money.js';

export class RowGroup {
  readonly rows: number[] = [];
  readonly keys = new Set<string>();
  amount: Money = ZERO;

  add(row: LedgerRow): void {
    this.rows.push(row.row);
    this.keys.add(row.keyId);
    this.amount = (this.amount + row.amount);
  }
}
