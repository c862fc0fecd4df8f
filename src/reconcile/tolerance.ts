// When a difference between two ledgers is small enough to be no gap at all. Each stage (A–D,
// D–L) and direction (shortfall, excess) has its own limit: an absolute amount in 元, a
// percentage of the larger side, or both, in which case the stricter applies. A limit left
// unset does not apply; with neither set the comparison is exact. 0 means exact too.

import { absMoney, maxAbs, withinPercent, type Money } from '../money.js';
import type { Limit } from '../settings.js';

/** True when `a − b` is within the limit (at the limit counts as within): within each bound that is set. */
export function isWithin(limit: Limit, a: Money, b: Money): boolean {
  const diff = absMoney(a - b);
  if (limit.absolute === undefined && limit.percent === undefined) return diff === 0n;
  if (limit.absolute !== undefined && diff > limit.absolute) return false;
  return limit.percent === undefined || withinPercent(diff, maxAbs(a, b), limit.percent);
}
