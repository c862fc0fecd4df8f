// A ledger that never states its unit is assumed to be in 元. Allocation tables often leave
// 万元 implicit (the 单位 line is lost when a sheet is copied); read as 元 they would report
// every project as over-disbursed ten-thousand-fold. When every other ledger states its unit
// and this one's total is four orders of magnitude smaller than each of theirs, it is read
// in 万元, and the report says the unit was inferred and from what.

import { type Money } from '../money.js';
import type { ByRole } from '../reconcile/reconcile.js';
import { ROLES, type Role, type UnitSource } from './layout.js';

export interface UnitEvidence {
  total: Money;
  unitSource: UnitSource;
  /** Every amount lacked a stated unit. */
  allUnstated: boolean;
}

// 10^4 apart, within a factor of ten either way: a ledger in 元 partly disbursed is still
// far from this band, and a 万元 ledger compared with 元 ones lands in the middle of it.
const LOW = 1_000;
const HIGH = 100_000;

/** Ledgers that should be read in 万元, with the role each was compared against. */
export function inferUnits(ev: ByRole<UnitEvidence>): Partial<ByRole<Role[]>> {
  const stated = ROLES.filter((r) => ev[r].unitSource !== 'default' && !ev[r].total.isZero());
  const out: Partial<ByRole<Role[]>> = {};
  for (const role of ROLES) {
    const e = ev[role];
    if (e.unitSource !== 'default' || !e.allUnstated || e.total.isZero() || stated.length === 0) continue;
    const ratios = stated.map((r) => ev[r].total.div(e.total).abs());
    if (ratios.every((x) => x.greaterThanOrEqualTo(LOW) && x.lessThanOrEqualTo(HIGH))) out[role] = stated;
  }
  return out;
}
