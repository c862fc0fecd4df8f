// A ledger that never states its unit is assumed to be in 元. Allocation tables often leave
// 万元 implicit (the 单位 line is lost when a sheet is copied); read as 元 they would report
// every project as over-disbursed ten-thousand-fold. When both other ledgers state their
// unit and this one's total is four orders of magnitude smaller than each of theirs, it is
// read in 万元, and the report says the unit was inferred and from what.

import { ROLES, type ByRole, type Role } from '../domain.js';
import type { Money } from '../money.js';

import type { UnitSource } from './layout.js';

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

/**
 * Ledgers that should be read in 万元, with the ledgers each was compared against: only a
 * ledger that states no unit at all, and only when both others state theirs. With two
 * silent ledgers there is no telling which one is off.
 */
export function inferUnits(ev: ByRole<UnitEvidence>): Partial<ByRole<Role[]>> {
  const out: Partial<ByRole<Role[]>> = {};
  for (const role of ROLES) {
    const e = ev[role];
    if (e.unitSource !== 'default' || !e.allUnstated || e.total.isZero()) continue;
    const others = ROLES.filter((r) => r !== role);
    if (others.some((r) => ev[r].unitSource === 'default' || ev[r].total.isZero())) continue;
    const ratios = others.map((r) => ev[r].total.div(e.total).abs());
    if (ratios.every((x) => x.greaterThanOrEqualTo(LOW) && x.lessThanOrEqualTo(HIGH))) out[role] = others;
  }
  return out;
}
