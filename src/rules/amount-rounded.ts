// Amounts with digits past the fen (16666.6666666667 from a General-format export, =10/3 in
// 万元) are rounded half-up to the fen when read. Each ledger where that happened gets one
// finding with the rows, what was written and what was used, and the total adjustment; and
// totals and keys that differ only by what that rounding can explain (half a fen per rounded
// row involved) are listed here instead of as mismatches or gaps.

import { ROLES, type ByRole } from '../domain.js';
import type { KeyResult } from '../reconcile/reconcile.js';
import { ZERO, absMoney, exactOf, subExact, addExact, type Exact } from '../money.js';
import { evidenceRows, type FindingDraft, type InputRef, type Rule } from './types.js';

export const amountRounded: Rule = {
  id: 'amount-rounded',
  severity: 'info',
  start: () => ({
    finish(ctx) {
      const out: FindingDraft[] = [];
      for (const role of ROLES) {
        const l = ctx.ledgers[role];
        if (l.rounded.length === 0) continue;
        const rows = [...l.rounded].sort((a, b) => a.row - b.row);
        const adjustment = rows.reduce<Exact>((s, r) => addExact(s, subExact(exactOf(r.amount), r.written)), exactOf(ZERO));
        out.push({
          rule: 'amount-rounded',
          key: null,
          // Less than a fen a row: the adjustment, exact, is in the details.
          amount: null,
          details: {
            rule: 'amount-rounded',
            scope: 'ledger',
            role,
            rows,
            adjustment,
            footing: l.footing
              .filter((f) => f.withinRounding)
              .map((f) => ({ row: f.row, label: f.label, stated: f.stated, computed: f.computed, allowance: f.allowance })),
          },
          evidence: evidenceRows(ctx.inputs[role], role, rows.map((r) => r.row)),
        });
      }
      // Only keys with a rounding note, in report order: a province has hundreds of thousands without.
      const positions = [...ctx.keys.roundingNotes().keys()].map((key) => ctx.keys.positionOf(key)).sort((a, b) => a - b);
      for (const position of positions) {
        out.push(keyRoundedFinding(ctx.keys.at(position), ctx.inputs));
      }
      return out;
    },
  }),
};

/** A key's rounding note as a finding: the same for the in-process engine and for the SQL's results. */
export function keyRoundedFinding(k: Pick<KeyResult, 'display' | 'rounding' | 'roundedRows'>, inputs: ByRole<InputRef>): FindingDraft {
  return {
    rule: 'amount-rounded',
    key: k.display,
    amount: k.rounding.reduce((s, n) => s + absMoney(n.difference), ZERO),
    details: { rule: 'amount-rounded', scope: 'key', notes: k.rounding, roundedRows: k.roundedRows },
    evidence: ROLES.filter((role) => k.rounding.some((n) => (n.stage === 'A-D' ? role !== 'landed' : role !== 'allocated'))).flatMap((role) =>
      evidenceRows(inputs[role], role, k.roundedRows[role]),
    ),
  };
}
