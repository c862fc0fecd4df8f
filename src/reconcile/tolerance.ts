// When a difference between two ledgers is small enough to be no gap at all. Each stage (A–D,
// D–L) and direction (shortfall, excess) has its own limit: an absolute amount in 元, a
// percentage of the larger side, or both, in which case the stricter applies. A limit left
// unset does not apply; with neither set the comparison is exact. 0 means exact too.

import { absMoney, maxAbs, withinPercent, type Exact, type Money } from '../money.js';

export interface Limit {
  /** In fen. */
  absolute?: Money | undefined;
  /** Percent of the larger of the two figures, exact ("0.5" is half a percent). */
  percent?: Exact | undefined;
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

/** True when `a − b` is within the limit (at the limit counts as within): within each bound that is set. */
export function isWithin(limit: Limit, a: Money, b: Money): boolean {
  const diff = absMoney(a - b);
  if (limit.absolute === undefined && limit.percent === undefined) return diff === 0n;
  if (limit.absolute !== undefined && diff > limit.absolute) return false;
  return limit.percent === undefined || withinPercent(diff, maxAbs(a, b), limit.percent);
}
