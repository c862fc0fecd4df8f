// 拨付不及时: a disbursement more than --late-days after its key's allocation. The allocation
// date is the key's earliest; day N with --late-days N is on time. Without --late-days, or
// where either ledger has no dates, the rule says nothing.

import { daysBetween } from '../text/dates.js';
import type { Money } from '../money.js';
import type { ByRole } from '../domain.js';
import { evidenceRows, type FindingDraft, type InputRef, type Rule } from './types.js';

interface Hit {
  key: string;
  allocation: { date: string; row: number };
  row: number;
  date: string;
  days: number;
  amount: Money;
}

export const lateDisbursement: Rule = {
  id: 'late-disbursement',
  severity: 'warning',
  start({ settings }) {
    const lateDays = settings.lateDays;
    const allocated = new Map<string, { date: string; row: number }>();
    // Disbursements whose key has no allocation date yet: their key may gain one when an
    // unallocated spelling is merged into an allocated key (--merge-similar).
    const orphans = new Map<string, { row: number; date: string; amount: Money }[]>();
    const hits: Hit[] = [];
    const check = (key: string, row: number, date: string, amount: Money) => {
      const a = allocated.get(key);
      if (!a) return false;
      const days = daysBetween(a.date, date);
      if (days > lateDays!) hits.push({ key, allocation: a, row, date, days, amount });
      return true;
    };
    return {
      observe(role, row) {
        if (lateDays === undefined || row.date === undefined) return;
        const key = row.keyId;
        if (role === 'allocated') {
          const cur = allocated.get(key);
          if (!cur || row.date < cur.date) allocated.set(key, { date: row.date, row: row.row });
        } else if (role === 'disbursed' && !check(key, row.row, row.date, row.amount) && settings.mergeSimilar !== undefined) {
          orphans.set(key, [...(orphans.get(key) ?? []), { row: row.row, date: row.date, amount: row.amount }]);
        }
      },
      finish(ctx): FindingDraft[] {
        for (const m of ctx.merges) {
          for (const o of orphans.get(m.from.id) ?? []) {
            const a = allocated.get(m.into.id);
            if (a) check(m.into.id, o.row, o.date, o.amount);
          }
        }
        return hits.map((h) =>
          lateFinding({ key: ctx.keyDisplay(h.key) ?? null, amount: h.amount, allocation: h.allocation, disbursement: { date: h.date, row: h.row }, days: h.days, lateDays: lateDays! }, ctx.inputs),
        );
      },
    };
  },
};

/** One late disbursement's finding, from this engine's rows or from the SQL's late_disbursements table. */
export function lateFinding(
  h: { key: string | null; amount: Money; allocation: { date: string; row: number }; disbursement: { date: string; row: number }; days: number; lateDays: number },
  inputs: ByRole<InputRef>,
): FindingDraft {
  return {
    rule: 'late-disbursement',
    key: h.key,
    amount: h.amount,
    details: { rule: 'late-disbursement', allocationDate: h.allocation.date, disbursementDate: h.disbursement.date, days: h.days, lateDays: h.lateDays },
    evidence: [...evidenceRows(inputs.allocated, 'allocated', [h.allocation.row]), ...evidenceRows(inputs.disbursed, 'disbursed', [h.disbursement.row])],
  };
}
