// A 其中 breakdown whose parts do not add up to the row they break down. The parts are never
// counted, so the figures do not depend on it; but a breakdown that falls short or runs over
// was typed or changed by hand, and where it falls short the row after it may be a missing
// part read as a row of its own, which the finding names.

import { ROLES } from '../domain.js';
import { evidenceRows, type FindingDraft, type Rule } from './types.js';

export const breakdownMismatch: Rule = {
  id: 'breakdown-mismatch',
  severity: 'warning',
  start: () => ({
    finish(ctx) {
      const out: FindingDraft[] = [];
      for (const role of ROLES) {
        for (const b of ctx.ledgers[role].breakdowns) {
          if (b.adds || b.parent === undefined) continue;
          out.push({
            rule: 'breakdown-mismatch',
            key: null,
            amount: (b.parent.amount - b.sum),
            details: {
              rule: 'breakdown-mismatch',
              role,
              row: b.parent.row,
              label: b.parent.label,
              amount: b.parent.amount,
              sum: b.sum,
              parts: b.parts.map((p) => ({ row: p.row, label: p.label, amount: p.amount })),
              next: b.next,
            },
            evidence: evidenceRows(ctx.inputs[role], role, [b.parent.row, ...b.parts.map((p) => p.row)]),
          });
        }
      }
      return out;
    },
  }),
};
