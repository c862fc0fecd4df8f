// The reconciliation from sheet sources to a report: read each ledger (allocated, disbursed,
// landed, in that order, so row rules can look back), settle units, merge near-identical
// keys if asked, reconcile, run the rules and analyses, and assemble the report. No file
// system and no terminal here.

import type { ReadLimits } from './limits.js';
import { ROLES, type ByRole, type Role } from './domain.js';
import { startAgeing, type AgeingLine } from './analyses/ageing.js';
import { startRollup, type Rollup } from './analyses/rollup.js';
import type { AnalysisRun } from './analyses/types.js';
import type { LedgerTotals } from './ledger/accumulate.js';
import type { LedgerRow } from './ledger/rows.js';
import { readLedger, type LedgerRead } from './ledger/read-ledger.js';
import type { ReadProgress } from './ledger/progress.js';

import { settleHeadingQuestions } from './ledger/headings.js';
import { findNearMisses, mergeSimilarKeys } from './reconcile/near-miss.js';
import { KEY_SEPARATOR, reconcile } from './reconcile/reconcile.js';
import { KeyIndex } from './ledger/keys.js';
import { checkUnits, type UnitEvidence } from './reconcile/units.js';
import { buildReport } from './report/build.js';
import type { GapReport, RosterSummary, ToolInfo } from './report/model.js';
import { RULES } from './rules/index.js';
import type { InputRef, Roster, RuleContext, RuleRun } from './rules/types.js';
import { readRoster } from './roster/read-roster.js';
import type { Settings } from './settings.js';
import type { LedgerInput } from './sheets/types.js';

export interface RunOptions {
  tool: ToolInfo;
  settings: Settings;
  config: { path: string; sha256: string } | null;
  /** The approved beneficiary list (--roster), when given. */
  roster?: LedgerInput | undefined;
  /** Take the first of several amount columns (for `fundgap init`, which says so). */
  pickFirstAmount?: boolean;
  /** Told how far reading each ledger has got, for a progress display. */
  progress?: ((role: Role, p: ReadProgress) => void) | undefined;
  /**
   * Shown each row the figures use, as the ledgers are read (fundgap normalise writes them out).
   * A run that infers a unit reads the ledgers twice: `pass` counts from 1, and the rows of an
   * earlier pass are to be thrown away when a later one starts.
   */
  observeRow?: ((role: Role, row: LedgerRow, pass: number) => void) | undefined;
  /** How many row problems to list, and how many rows a sheet may have (src/limits.ts). */
  limits?: ReadLimits | undefined;
}

interface Pass {
  keys: KeyIndex;
  reads: ByRole<LedgerRead>;
  rules: RuleRun[];
  ageing: AnalysisRun<AgeingLine[]> | undefined;
  rollups: AnalysisRun<Rollup>[];
}

async function readAll(inputs: ByRole<LedgerInput>, opts: RunOptions, roster: Roster | undefined, inferred: Partial<ByRole<Role[]>>, pass: number): Promise<Pass> {
  const { settings } = opts;
  const rules = RULES.map((rule) => rule.start({ settings, roster }));
  const ageing = settings.asOf === undefined ? undefined : startAgeing(settings.asOf);
  const rollups = settings.groupBy.map(startRollup);
  const rowObserver = opts.observeRow;
  const observers: Pick<RuleRun, 'observe'>[] = [...rules, ...(ageing ? [ageing] : []), ...rollups].filter((o) => o.observe);
  if (rowObserver) observers.push({ observe: (role, row) => rowObserver(role, row, pass) });
  const reads = {} as ByRole<LedgerRead>;
  const keys = new KeyIndex();
  for (const role of ROLES) {
    reads[role] = await readLedger(inputs[role].source, {
      settings: settings.ledgers[role],
      keys,
      key: settings.key,
      configPath: `ledgers.${role}`,
      fallbackUnit: inferred[role] ? { unit: '万元', source: 'inferred' } : undefined,
      observe: observers.length
        ? (row, layout) => {
            for (const o of observers) o.observe!(role, row, layout);
          }
        : undefined,
      pickFirstAmount: opts.pickFirstAmount,
      progress: opts.progress && ((p) => opts.progress!(role, p)),
      maxErrors: opts.limits?.maxErrors,
      maxRows: opts.limits?.maxRows,
    });
  }
  return { keys, reads, rules, ageing, rollups };
}

async function loadRoster(input: LedgerInput | undefined, settings: Settings): Promise<{ roster: Roster; summary: RosterSummary } | undefined> {
  if (!input) return undefined;
  const r = await readRoster(input.source, settings.roster);
  const ref = { file: input.source.path, sheet: input.source.sheet };
  return {
    roster: { ref, ids: r.ids },
    summary: { path: ref.file, sheet: ref.sheet ?? null, sha256: input.sha256, headerRow: r.headerRow, rows: r.rows, ids: r.ids.size, numericIds: r.numericIds },
  };
}

export async function runReconciliation(inputs: ByRole<LedgerInput>, opts: RunOptions): Promise<GapReport> {
  const roster = await loadRoster(opts.roster, opts.settings);
  let pass = await readAll(inputs, opts, roster?.roster, {}, 1);
  const unitChecks = checkUnits({
    allocated: unitEvidence(pass.reads.allocated),
    disbursed: unitEvidence(pass.reads.disbursed),
    landed: unitEvidence(pass.reads.landed),
  });
  const inferred: Partial<ByRole<Role[]>> = {};
  for (const c of unitChecks) if (c.verdict === 'inferred') inferred[c.role] = c.comparedWith;
  // Rows were classified and shown to the rules in the assumed unit; read again in the
  // inferred one rather than patch figures after the fact.
  if (Object.keys(inferred).length > 0) {
    pass = await readAll(inputs, opts, roster?.roster, inferred, 2);
    for (const c of unitChecks) if (c.verdict === 'inferred') c.asWan = pass.reads[c.role].totals.total;
  }

  const ledgers: ByRole<LedgerTotals> = {
    allocated: pass.reads.allocated.totals,
    disbursed: pass.reads.disbursed.totals,
    landed: pass.reads.landed.totals,
  };
  // Whether a row is a heading may turn on whether another ledger pays its key.
  settleHeadingQuestions(
    ROLES.map((role) => ({
      role,
      file: inputs[role].source.path,
      sheet: inputs[role].source.sheet,
      configPath: `ledgers.${role}`,
      headings: ledgers[role].excluded.filter((x) => x.reason === 'group-heading').map((x) => x.row),
      questions: ledgers[role].headingQuestions,
      elsewhere: (keyId: string) => {
        const k = pass.keys.find(keyId);
        const other = k === undefined ? undefined : ROLES.find((r) => r !== role && ledgers[r].keys.has(k));
        return other;
      },
    })),
  );
  const merges = opts.settings.mergeSimilar === undefined ? [] : mergeSimilarKeys(ledgers, pass.keys, opts.settings.mergeSimilar);
  const nearMisses = findNearMisses(ledgers, pass.keys);
  const { keys, totals } = reconcile(ledgers, pass.keys, opts.settings.tolerance);

  const refs = {} as ByRole<InputRef>;
  for (const role of ROLES) refs[role] = { file: inputs[role].source.path, sheet: inputs[role].source.sheet };
  const keyDisplay = (id: string) => {
    const k = pass.keys.find(id);
    return k === undefined || keys.positionOf(k) === -1 ? undefined : pass.keys.parts[k]!.join(KEY_SEPARATOR);
  };
  const ctx: RuleContext = { settings: opts.settings, inputs: refs, ledgers, keys, keyDisplay, nearMisses, merges, roster: roster?.roster, unitChecks, layouts: { allocated: pass.reads.allocated.layout, disbursed: pass.reads.disbursed.layout, landed: pass.reads.landed.layout } };
  const drafts = pass.rules.map((run, i) => ({ rule: RULES[i]!, found: run.finish(ctx) }));
  return buildReport({
    ...opts,
    inputs,
    reads: pass.reads,
    inferred,
    keys,
    totals,
    drafts,
    ctx,
    ageing: pass.ageing?.finish({ keys, merges }) ?? null,
    rollups: pass.rollups.map((r) => r.finish({ keys, merges })),
    roster: roster?.summary ?? null,
  });
}

function unitEvidence(read: LedgerRead): UnitEvidence {
  const { fields } = read.layout;
  return { totals: read.totals, unitSource: read.unitSource, paysPeople: fields.idNumber !== undefined || fields.bankAccount !== undefined };
}
