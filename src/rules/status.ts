// One finding for each key status that is not `matched`: the gap, its amount, and the source
// rows behind the two figures that disagree. A province has hundreds of thousands of them, so
// they are drafted one at a time as a report is written, and point to their key's rows rather
// than copy them.

import type { Role, Severity, Status } from '../domain.js';
import type { Money } from '../money.js';
import type { Figures, KeyFigures } from '../reconcile/reconcile.js';
import type { FindingDetails, KeyRule, StatusContext } from './types.js';

type GapStatus = Exclude<Status, 'matched'>;

interface StatusSpec {
  status: GapStatus;
  severity: Severity;
  /** The ledgers whose figures disagree, whose rows are the evidence. */
  roles: Role[];
  amount(k: Figures): Money;
  details(k: KeyFigures, ctx: StatusContext): FindingDetails;
}

/** Drafts the finding of one key that has the rule's status. */
function statusRule(spec: StatusSpec): KeyRule {
  return {
    id: spec.status,
    severity: spec.severity,
    status: spec.status,
    roles: spec.roles,
    amount: spec.amount,
    draft: (k, ctx) => ({
      rule: spec.status,
      key: k.display,
      amount: spec.amount(k),
      details: spec.details(k, ctx),
      evidence: [],
      from: { position: k.position, roles: spec.roles },
    }),
  };
}

export const retained = statusRule({
  status: 'retained',
  severity: 'warning',
  roles: ['allocated', 'disbursed'],
  amount: (k) => k.retained,
  details: (k) => ({ rule: 'retained', allocated: k.allocated, disbursed: k.disbursed }),
});

export const overDisbursed = statusRule({
  status: 'over-disbursed',
  severity: 'error',
  roles: ['allocated', 'disbursed'],
  amount: (k) => (-k.retained),
  details: (k) => ({ rule: 'over-disbursed', allocated: k.allocated, disbursed: k.disbursed }),
});

export const notLanded = statusRule({
  status: 'not-landed',
  severity: 'error',
  roles: ['disbursed', 'landed'],
  amount: (k) => k.notLanded,
  details: (k) => ({ rule: 'not-landed', disbursed: k.disbursed, landed: k.landed }),
});

export const overLanded = statusRule({
  status: 'over-landed',
  severity: 'error',
  roles: ['disbursed', 'landed'],
  amount: (k) => (-k.notLanded),
  details: (k) => ({ rule: 'over-landed', disbursed: k.disbursed, landed: k.landed }),
});

export const idle = statusRule({
  status: 'idle',
  severity: 'warning',
  roles: ['allocated'],
  amount: (k) => k.allocated,
  details: (k, ctx) => ({ rule: 'idle', allocated: k.allocated, suggestion: ctx.nearMisses.get(k.id) }),
});

export const unallocated = statusRule({
  status: 'unallocated',
  severity: 'error',
  roles: ['disbursed', 'landed'],
  amount: (k) => ((k.disbursed > k.landed) ? k.disbursed : k.landed),
  details: (k, ctx) => ({ rule: 'unallocated', disbursed: k.disbursed, landed: k.landed, suggestion: ctx.nearMisses.get(k.id) }),
});

/** In the order their findings are listed when severities tie (RULE_IDS). */
export const KEY_RULES: readonly KeyRule[] = [notLanded, overLanded, unallocated, overDisbursed, retained, idle];
