// The unit of a ledger that states none is a decision that scales every figure ten-thousand-
// fold, so it is a finding whichever way it goes: `unit-inferred` when the ledger was read in
// 万元 on the evidence of another ledger, `units-far-apart` when it was read in 元 although
// its total is orders of magnitude from another's. Both give the figures under both readings
// and the flag that settles the unit for good.

import { evidenceRows, type FindingDraft, type Rule } from './types.js';

export const unitInferred: Rule = {
  id: 'unit-inferred',
  severity: 'warning',
  start: () => ({
    finish(ctx): FindingDraft[] {
      return ctx.unitChecks
        .filter((c) => c.verdict === 'inferred')
        .map((c) => ({
          rule: 'unit-inferred',
          key: null,
          amount: (c.asWan - c.asYuan),
          details: { rule: 'unit-inferred', ...c },
          evidence: evidenceRows(ctx.inputs[c.role], c.role, ctx.layouts[c.role].headerRows),
        }));
    },
  }),
};

export const unitsFarApart: Rule = {
  id: 'units-far-apart',
  severity: 'warning',
  start: () => ({
    finish(ctx): FindingDraft[] {
      return ctx.unitChecks
        .filter((c) => c.verdict === 'far-apart')
        .map((c) => ({
          rule: 'units-far-apart',
          key: null,
          amount: null,
          details: { rule: 'units-far-apart', ...c },
          evidence: evidenceRows(ctx.inputs[c.role], c.role, ctx.layouts[c.role].headerRows),
        }));
    },
  }),
};
