// When a difference between two ledgers is small enough to be no gap at all. Each stage (A–D,
// D–L) and direction (shortfall, excess) has its own limit: an absolute amount in 元, a
// percentage of the larger side, or both, in which case the stricter applies. A limit left
// unset does not apply; with neither set the comparison is exact. 0 means exact too.

import { maxAbs, percentage, ZERO, type Money } from '../money.js';

export interface Limit {
  absolute?: Money | undefined;
  percent?: Money | undefined;
}

/** Limits by the status a difference beyond them would raise. */
export interface Tolerances {
  retained: Limit;
  overDisbursed: Limit;
  notLanded: Limit;
  overLanded: Limit;
}

export const EXACT: Tolerances = { retained: {}, overDisbursed: {}, notLanded: {}, overLanded: {} };

export function sameLimit(limit: Limit): Tolerances {
  return { retained: limit, overDisbursed: limit, notLanded: limit, overLanded: limit };
}

/** The largest difference the limit lets pass between `a` and `b`. */
export function allowedDifference(limit: Limit, a: Money, b: Money): Money {
  const bounds: Money[] = [];
  if (limit.absolute !== undefined) bounds.push(limit.absolute);
  if (limit.percent !== undefined) bounds.push(percentage(maxAbs(a, b), limit.percent));
  if (bounds.length === 0) return ZERO;
  return bounds.reduce((min, x) => (x.lessThan(min) ? x : min));
}

/** True when `a − b` is within the limit (at the limit counts as within). */
export function isWithin(limit: Limit, a: Money, b: Money): boolean {
  return a.minus(b).abs().lessThanOrEqualTo(allowedDifference(limit, a, b));
}
