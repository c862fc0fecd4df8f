// Assembles the report model from what the pipeline produced: input summaries, keys in gap
// order, findings with their final severity (config overrides, then materiality) in a
// stable order (findings.ts), and the counts the summaries show.


import { ROLES, SEVERITIES, severityRank, type ByRole, type Role } from '../domain.js';
import type { LedgerRead } from '../ledger/read-ledger.js';
import type { LedgerInput } from '../sheets/types.js';
import type { KeyTable, Totals } from '../reconcile/reconcile.js';
import { KEY_RULES } from '../rules/status.js';
import type { FindingDraft, Rule, RuleContext } from '../rules/types.js';
import { FindingList } from './findings.js';
import type { Settings } from '../settings.js';
import { REPORT_SCHEMA, type GapReport, type InputSummary, type RosterSummary, type ToolInfo } from './model.js';
import type { AgeingLine } from '../analyses/ageing.js';
import type { Rollup } from '../analyses/rollup.js';

export interface BuildInput {
  tool: ToolInfo;
  settings: Settings;
  config: { path: string; sha256: string } | null;
  inputs: ByRole<LedgerInput>;
  reads: ByRole<LedgerRead>;
  inferred: Partial<ByRole<Role[]>>;
  keys: KeyTable;
  totals: Totals;
  drafts: { rule: Rule; found: FindingDraft[] }[];
  /** What the rules saw, for drafting each key's status findings as the report is written. */
  ctx: RuleContext;
  ageing: AgeingLine[] | null;
  rollups: Rollup[];
  roster: RosterSummary | null;
}

function summarise(role: Role, input: LedgerInput, read: LedgerRead, comparedWith: Role[] | undefined): InputSummary {
  const { source } = input;
  const { layout, totals } = read;
  const ref = (i: number) => layout.columns[i]!.ref;
  return {
    role,
    path: source.path,
    sheet: source.sheet ?? null,
    sha256: input.sha256,
    format: source.format,
    encoding: source.encoding?.encoding ?? null,
    encodingSource: source.encoding?.source ?? null,
    delimiter: source.delimiter ?? null,
    unit: read.unit,
    unitSource: read.unitSource,
    unitComparedWith: comparedWith ?? null,
    headerRows: layout.headerRows,
    columns: layout.columns.map((c) => ({
      ref: c.ref,
      header: c.name.display,
      field: (layout.amountColumns.includes(c.index)
        ? 'amount'
        : (Object.entries(layout.fields).find(([, i]) => i === c.index)?.[0] ?? null)) as InputSummary['columns'][number]['field'],
    })),
    keyColumns: layout.keyColumns.map(ref),
    amountColumn: ref(layout.amountColumn),
    amountColumns: layout.amountColumns.map(ref),
    amountCandidates: layout.amountCandidates.map((c) => c.ref),
    hiddenColumns: layout.columns.filter((c) => c.hidden).map((c) => c.ref),
    unmappedIdColumns: layout.unmappedIdColumns.map((c) => c.ref),
    rows: { read: totals.read, used: totals.used, skipped: totals.skipped.length },
    skipped: [...totals.skipped].sort((a, b) => a.row - b.row),
    hiddenRows: totals.hiddenRows,
    sheetState: source.sheetState ?? null,
    footing: totals.footing,
    notes: layout.notes,
  };
}

export function buildReport(b: BuildInput): GapReport {
  const findings = new FindingList(b.drafts, KEY_RULES, b.ctx);
  return {
    schema: REPORT_SCHEMA,
    tool: b.tool,
    settings: b.settings,
    config: b.config,
    inputs: ROLES.map((role) => summarise(role, b.inputs[role], b.reads[role], b.inferred[role])),
    totals: b.totals,
    keys: b.keys,
    findings,
    ageing: b.ageing,
    rollups: b.rollups,
    roster: b.roster,
    counts: { status: { ...b.keys.counts }, severity: findings.counts },
  };
}

/** The exit status a CI step sees: 1 when a finding is at or above `failOn`. */
export function failsAt(report: GapReport, failOn: Settings['failOn']): boolean {
  if (failOn === 'none') return false;
  return SEVERITIES.some((s) => severityRank(s) >= severityRank(failOn) && report.counts.severity[s] > 0);
}
