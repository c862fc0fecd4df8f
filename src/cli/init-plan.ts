// What `fundgap init` writes, planned from a report of the ledgers read as reconcile would:
// the config, and every choice made on the user's behalf (the first of several amount
// columns, a join key other than the default, a unit inferred or assumed, an encoding
// written down), as data for the summary (init-summary.ts) to say. No I/O here.

import { ROLES, type ByRole } from '../domain.js';
import type { Config, LedgerConfig } from '../config/schema.js';
import { FIELDS, type Field } from '../ledger/fields.js';
import type { GapReport, InputSummary } from '../report/model.js';

/** A column as the user finds it: its letter (XLSX) or number (CSV), and its header. */
export interface Column {
  ref: string;
  header: string;
}

/** What init decided about one ledger. */
export interface LedgerPlan {
  input: InputSummary;
  config: LedgerConfig;
  /** Set when the amount was taken as the first of several candidates. */
  amountChoice: { taken: Column; candidates: Column[] } | null;
  unitWritten: boolean;
  encodingWritten: boolean;
}

/** The default join key had no column in a ledger, so the next default was used. */
export interface KeyFallback {
  /** The default key that had no column. */
  tried: readonly string[];
  /** The ledger it had no column in. */
  file: string;
}

export interface InitPlan {
  config: Config;
  ledgers: ByRole<LedgerPlan>;
  key: string[];
  /** The key came from -k. */
  keyGiven: boolean;
  keyFallback: KeyFallback | null;
}

export function planInit(report: GapReport, key: { columns: string[]; given: boolean; fallback: KeyFallback | null }): InitPlan {
  const ledgers = {} as ByRole<LedgerPlan>;
  for (const input of report.inputs) ledgers[input.role] = planLedger(input);
  const config: Config = {
    key: key.columns,
    ledgers: { allocated: ledgers.allocated.config, disbursed: ledgers.disbursed.config, landed: ledgers.landed.config },
    tolerance: { absolute: '0.00' },
    failOn: 'error',
  };
  return { config, ledgers, key: key.columns, keyGiven: key.given, keyFallback: key.fallback };
}

/** The ledgers whose amount column was taken as the first of several, in pipeline order. */
export function amountsChosen(plan: InitPlan) {
  return ROLES.filter((r) => plan.ledgers[r].amountChoice !== null);
}

function planLedger(input: InputSummary): LedgerPlan {
  const columns = new Map(input.columns.map((c) => [c.ref, { ref: c.ref, header: c.header }]));
  const config: LedgerConfig = {};
  if (input.sheet !== null) config.sheet = input.sheet;

  // Plain UTF-8 (with or without BOM) needs no setting; anything else is written down.
  const encodingWritten = input.format === 'csv' && input.encoding !== null && input.encoding !== 'utf-8';
  if (encodingWritten) config.encoding = input.encoding!;

  config.headerRow = input.headerRows[0]!;

  // Cells that each state their unit (`20万元`) decide for themselves; one unit written for
  // them would say less than they do. Every other unit is written as it was used.
  const unitWritten = input.unitSource !== 'cell';
  if (unitWritten) config.unit = input.unit;

  const mapped: Partial<Record<Field, string>> = {};
  const byField = new Map(input.columns.filter((c) => c.field !== null).map((c) => [c.field!, c]));
  for (const field of FIELDS) {
    const c = byField.get(field);
    if (c) mapped[field] = c.header;
  }
  config.columns = mapped;

  // A hidden column is never offered as the amount; the summary lists it as hidden instead.
  let amountChoice: LedgerPlan['amountChoice'] = null;
  const visible = input.amountCandidates.filter((ref) => !input.hiddenColumns.includes(ref));
  if (visible.length > 1) {
    const taken = columns.get(input.amountColumn)!;
    amountChoice = { taken, candidates: visible.map((ref) => columns.get(ref)!) };
  }
  return { input, config, amountChoice, unitWritten, encodingWritten };
}
