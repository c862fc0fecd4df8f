// The reconciliation from three sheet sources to a report: read each ledger (allocated,
// disbursed, landed, in that order, so row rules can look back), settle units, reconcile,
// run the rules, and assemble the report. No file system and no terminal here.

import { readLedger, type LedgerRead, type SheetSource } from './ledger/read-ledger.js';
import { ROLES, type Role } from './ledger/layout.js';
import { inferUnits } from './ledger/units.js';
import { reconcile, type ByRole } from './reconcile/reconcile.js';
import { buildReport } from './report/build.js';
import type { GapReport, ToolInfo } from './report/model.js';
import { RULES } from './rules/index.js';
import type { InputRef } from './rules/types.js';
import type { Settings } from './settings.js';

export interface LedgerInput {
  source: SheetSource;
  sha256: string;
}

export interface RunOptions {
  tool: ToolInfo;
  settings: Settings;
  config: { path: string; sha256: string } | null;
  configPath?: string;
}

async function readAll(
  inputs: ByRole<LedgerInput>,
  opts: RunOptions,
  inferred: Partial<ByRole<Role[]>>,
): Promise<{ reads: ByRole<LedgerRead>; runs: ReturnType<(typeof RULES)[number]['start']>[] }> {
  const runs = RULES.map((rule) => rule.start(opts.settings));
  const reads = {} as ByRole<LedgerRead>;
  for (const role of ROLES) {
    const observers = runs.filter((r) => r.observe);
    reads[role] = await readLedger(inputs[role].source, {
      settings: opts.settings.ledgers[role],
      key: opts.settings.key,
      configPath: `ledgers.${role}`,
      fallbackUnit: inferred[role] ? { unit: '万元', source: 'inferred' } : undefined,
      observe: observers.length ? (row) => observers.forEach((o) => o.observe!(role, row)) : undefined,
    });
  }
  return { reads, runs };
}

export async function runReconciliation(inputs: ByRole<LedgerInput>, opts: RunOptions): Promise<GapReport> {
  let { reads, runs } = await readAll(inputs, opts, {});
  const inferred = inferUnits({
    allocated: unitEvidence(reads.allocated),
    disbursed: unitEvidence(reads.disbursed),
    landed: unitEvidence(reads.landed),
  });
  // Rows were classified and shown to the rules in the assumed unit; read again in the
  // inferred one rather than patch figures after the fact.
  if (Object.keys(inferred).length > 0) ({ reads, runs } = await readAll(inputs, opts, inferred));

  const { keys, totals } = reconcile(
    { allocated: reads.allocated.totals, disbursed: reads.disbursed.totals, landed: reads.landed.totals },
    opts.settings.tolerance,
  );
  const refs = {} as ByRole<InputRef>;
  for (const role of ROLES) refs[role] = { file: inputs[role].source.path, sheet: inputs[role].source.sheet };
  const ctx = {
    settings: opts.settings,
    inputs: refs,
    ledgers: { allocated: reads.allocated.totals, disbursed: reads.disbursed.totals, landed: reads.landed.totals },
    keys,
  };
  const drafts = runs.map((run, i) => ({ rule: RULES[i]!, found: run.finish(ctx) }));
  return buildReport({ ...opts, inputs, reads, inferred, keys, totals, drafts });
}

function unitEvidence(read: LedgerRead) {
  return {
    total: read.totals.total,
    unitSource: read.unitSource,
    allUnstated: read.totals.used > 0 && read.totals.unstatedAmounts === read.totals.used,
  };
}
