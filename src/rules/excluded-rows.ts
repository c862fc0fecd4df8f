// Rows that hold money the figures leave out because of how the sheet was read: headings that
// carry the sum of the rows under them, 其中 breakdowns of the row above, payments the bank
// reports as failed, money below where the config says the table ends. Each such decision changes a figure, so each is a finding with its rows
// and amounts: one per ledger and kind (and, for failed payments, per reason the bank gave).

import { ROLES, type RuleId } from '../domain.js';
import type { ExclusionReason } from '../ledger/rows.js';
import { ZERO } from '../money.js';
import { evidenceRows, type ExcludedDetail, type FindingDraft, type Rule, type RuleContext } from './types.js';

type ExcludedRuleId = Extract<RuleId, 'heading-rows' | 'breakdown-rows' | 'payment-failed' | 'rows-after-end'>;

function excludedRule(id: ExcludedRuleId, reason: ExclusionReason, severity: Rule['severity']): Rule {
  return {
    id,
    severity,
    start: () => ({
      finish(ctx: RuleContext): FindingDraft[] {
        const out: FindingDraft[] = [];
        for (const role of ROLES) {
          const groups = new Map<string, ExcludedDetail['rows']>();
          for (const x of ctx.ledgers[role].excluded) {
            if (x.reason !== reason) continue;
            const detail = x.detail ?? '';
            const rows = groups.get(detail) ?? [];
            rows.push({ row: x.row, label: x.label, amount: x.amount });
            groups.set(detail, rows);
          }
          for (const [detail, rows] of groups) {
            out.push({
              rule: id,
              key: null,
              amount: rows.reduce((sum, r) => (sum + r.amount), ZERO),
              details: { rule: id, role, rows, detail: detail === '' ? undefined : detail },
              evidence: evidenceRows(ctx.inputs[role], role, rows.map((r) => r.row)),
            });
          }
        }
        return out;
      },
    }),
  };
}

/** Checked like subtotals (footing-mismatch when they do not add up), so they inform only. */
export const headingRows = excludedRule('heading-rows', 'group-heading', 'info');
export const breakdownRows = excludedRule('breakdown-rows', 'breakdown', 'info');
/** Rows below the `lastRow` the config set, that hold money: the user's decision, shown. */
export const rowsAfterEnd = excludedRule('rows-after-end', 'after-end', 'info');
/** Money that was sent and came back is where 截留 happens: worth a look every time. */
export const paymentFailed = excludedRule('payment-failed', 'payment-failed', 'warning');
