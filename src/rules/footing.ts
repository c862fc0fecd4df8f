// A 合计 or 小计 row that does not equal the rows it covers (账表不符): either the total was
// typed by hand, or rows were added, removed or changed after it was computed.

import { ROLES } from '../domain.js';
import { evidenceRows, type Rule } from './types.js';

export const footingMismatch: Rule = {
  id: 'footing-mismatch',
  severity: 'error',
  start: () => ({
    finish(ctx) {
      return ROLES.flatMap((role) =>
        ctx.ledgers[role].footing
          .filter((f) => !f.foots)
          .map((f) => ({
            rule: 'footing-mismatch' as const,
            key: null,
            amount: (f.stated - f.computed),
            details: {
              rule: 'footing-mismatch' as const,
              role,
              row: f.row,
              label: f.label,
              stated: f.stated,
              computed: f.computed,
              first: f.covers.first,
              last: f.covers.last,
              count: f.covers.count,
            },
            evidence: evidenceRows(ctx.inputs[role], role, [f.row]),
          })),
      );
    },
  }),
};
