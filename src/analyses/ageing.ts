// 滞留时间: how long retained money has been sitting, as of the report date. Disbursements
// are taken to draw on a key's earliest allocations first (first in, first out), so what
// is retained is the latest tranches; each remaining tranche is aged from its own date.

import { daysBetween } from '../text/dates.js';
import { ZERO, type Money } from '../money.js';
import type { AnalysisRun } from './types.js';

export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '365+', 'undated'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface AgeingLine {
  bucket: AgeBucket;
  amount: Money;
  keys: number;
}

function bucketOf(days: number): AgeBucket {
  if (days <= 30) return '0-30';
  if (days <= 90) return '31-90';
  if (days <= 180) return '91-180';
  if (days <= 365) return '181-365';
  return '365+';
}

/** An ageing run: fed the allocated rows as they are read, or their tranches one by one (the SQL engine's retained_tranches). */
export interface AgeingRun extends AnalysisRun<AgeingLine[]> {
  tranche(keyId: string, date: string | undefined, amount: Money): void;
}

export function startAgeing(asOf: string): AgeingRun {
  const tranches = new Map<string, { date: string | undefined; amount: Money }[]>();
  const tranche = (keyId: string, date: string | undefined, amount: Money) => {
    tranches.set(keyId, [...(tranches.get(keyId) ?? []), { date, amount }]);
  };
  return {
    tranche,
    observe(role, row) {
      if (role === 'allocated') tranche(row.keyId, row.date, row.amount);
    },
    finish({ keys }) {
      const amount = new Map<AgeBucket, Money>(AGE_BUCKETS.map((b) => [b, ZERO]));
      const count = new Map<AgeBucket, Set<string>>(AGE_BUCKETS.map((b) => [b, new Set()]));
      for (const k of keys) {
        if (!(k.retained > 0)) continue;
        // Undated tranches sort last: they cannot be shown to be older than a dated one.
        const list = [...(tranches.get(k.id) ?? [])].sort((a, b) =>
          a.date === b.date ? 0 : a.date === undefined ? 1 : b.date === undefined ? -1 : a.date < b.date ? -1 : 1,
        );
        let drawn = k.disbursed;
        for (const t of list) {
          const used = (drawn > t.amount) ? t.amount : (drawn > 0) ? drawn : ZERO;
          drawn = (drawn - used);
          const left = (t.amount - used);
          if (!(left > 0)) continue;
          const bucket = t.date === undefined ? 'undated' : bucketOf(Math.max(0, daysBetween(t.date, asOf)));
          amount.set(bucket, (amount.get(bucket)! + left));
          count.get(bucket)!.add(k.id);
        }
      }
      return AGE_BUCKETS.map((bucket) => ({ bucket, amount: amount.get(bucket)!, keys: count.get(bucket)!.size }));
    },
  };
}
