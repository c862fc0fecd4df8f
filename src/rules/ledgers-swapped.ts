// Ledgers given in the wrong slot: an allocation ledger (-a) whose amount column is headed
// like a payment (拨付金额, 支付金额), or a disbursement ledger (-d) headed like an allocation
// (下达金额, 分配金额, 指标金额). Swapped, every retained key reads as over-disbursed and back;
// the figures cannot tell, the headers can. A warning, since 上级拨付 is also said of funds
// coming down: the inspector checks which file is which.

import type { Layout } from '../ledger/layout.js';
import { evidenceRows, type FindingDraft, type Rule } from './types.js';

const PAYMENT_WORDS = /拨付|支付|支出|发放|兑付|实付|付款|报账/;
const ALLOCATION_WORDS = /下达|分配|指标|计划|安排|预算/;

/** What an amount header reads like, when it reads like one side only. */
function readsAs(header: string): 'allocated' | 'disbursed' | undefined {
  const paid = PAYMENT_WORDS.test(header);
  const allocated = ALLOCATION_WORDS.test(header);
  if (paid === allocated) return undefined;
  return paid ? 'disbursed' : 'allocated';
}

export const ledgersSwapped: Rule = {
  id: 'ledgers-swapped',
  severity: 'warning',
  start() {
    const layouts: { allocated?: Layout; disbursed?: Layout } = {};
    return {
      observe(role, _row, layout) {
        if (role !== 'landed') layouts[role] ??= layout;
      },
      finish(ctx): FindingDraft[] {
        const out: FindingDraft[] = [];
        for (const role of ['allocated', 'disbursed'] as const) {
          const layout = layouts[role];
          if (!layout) continue;
          const col = layout.columns[layout.amountColumn]!;
          const reads = readsAs(col.name.base.split('/').pop()!);
          if (reads === undefined || reads === role) continue;
          out.push({
            rule: 'ledgers-swapped',
            key: null,
            amount: null,
            details: { rule: 'ledgers-swapped', role, header: col.name.display, column: col.ref, readsAs: reads },
            evidence: evidenceRows(ctx.inputs[role], role, [layout.headerRows[layout.headerRows.length - 1]!]),
          });
        }
        return out;
      },
    };
  },
};
