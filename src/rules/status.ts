// One finding for each key status that is not `matched`: the gap, its amount, and every
// source row behind the two figures that disagree.

import type { Role, Severity, Status } from '../domain.js';
import type { Money } from '../money.js';
import type { KeyResult } from '../reconcile/reconcile.js';
import { evidenceRows, type FindingDetails, type FindingDraft, type Rule, type RuleContext } from './types.js';

type GapStatus = Exclude<Status, 'matched'>;

interface StatusSpec {
  status: GapStatus;
  severity: Severity;
  /** The ledgers whose figures disagree, whose rows are the evidence. */
  roles: Role[];
  amount(k: KeyResult): Money;
  details(k: KeyResult, ctx: RuleContext): FindingDetails;
}

function statusRule(spec: StatusSpec): Rule {
  return {
    id: spec.status,
    severity: spec.severity,
    start: () => ({
      finish(ctx: RuleContext): FindingDraft[] {
        const out: FindingDraft[] = [];
        for (let n = 0; n < ctx.keys.size; n++) {
          if (!ctx.keys.hasStatus(n, spec.status)) continue;
          const k = ctx.keys.at(n);
          out.push({
            rule: spec.status,
            key: k.display,
            amount: spec.amount(k),
            details: spec.details(k, ctx),
            evidence: spec.roles.flatMap((role) => evidenceRows(ctx.inputs[role], role, k.evidence[role])),
          });
        }
        return out;
      },
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
