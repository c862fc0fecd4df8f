// The gap report as plain data: inputs and how each was read, the three totals and the gaps,
// every key with its figures, statuses and source rows, and the findings. Renderers only
// format it; nothing in a renderer computes a figure.

import type { Role, Severity, Status } from '../domain.js';
import type { AgeingLine } from '../analyses/ageing.js';
import type { Rollup } from '../analyses/rollup.js';
import type { FootingCheck } from '../ledger/accumulate.js';
import type { SkipReason } from '../ledger/classify.js';
import type { Field } from '../ledger/fields.js';
import type { UnitSource } from '../ledger/layout.js';
import type { Unit } from '../money.js';
import type { KeyList, Totals } from '../reconcile/reconcile.js';
import type { FindingList } from './findings.js';
import type { SheetFormat } from '../sheets/types.js';
import type { Settings } from '../settings.js';

export const REPORT_SCHEMA = 'fundgap.report/v2';

export interface ToolInfo {
  name: string;
  version: string;
}

export interface InputSummary {
  role: Role;
  /** As given on the command line. */
  path: string;
  sheet: string | null;
  sha256: string;
  format: SheetFormat;
  /** CSV only: the text encoding, how it was decided, and the delimiter. */
  encoding: string | null;
  encodingSource: string | null;
  delimiter: string | null;
  unit: Unit;
  unitSource: UnitSource;
  /** When the unit was inferred: the ledgers whose totals it was compared with. */
  unitComparedWith: Role[] | null;
  headerRows: number[];
  columns: { ref: string; header: string; field: Field | null }[];
  keyColumns: string[];
  amountColumn: string;
  /** The columns added up for each row's amount: the amount column alone, unless the config names several. */
  amountColumns: string[];
  /** Every column that could be the amount; more than one only when the config (or init) chose. */
  amountCandidates: string[];
  /** Columns hidden in Excel (XLSX). */
  hiddenColumns: string[];
  /** Columns that look like ID numbers but are not the ID column the rules check. */
  unmappedIdColumns: string[];
  rows: { read: number; used: number; skipped: number };
  skipped: { row: number; reason: SkipReason }[];
  /** Rows hidden in Excel; they are read like any other. */
  hiddenRows: number[];
  sheetState: 'visible' | 'hidden' | 'veryHidden' | null;
  footing: FootingCheck[];
  /** Choices the reader made between candidate columns. */
  notes: string[];
}

export interface RosterSummary {
  path: string;
  sheet: string | null;
  sha256: string;
  headerRow: number;
  rows: { read: number; used: number; skipped: number };
  /** Distinct ID numbers on the list. */
  ids: number;
  /** Rows whose ID was stored as a number (and may have lost digits). */
  numericIds: number[];
}

export interface GapReport {
  schema: typeof REPORT_SCHEMA;
  tool: ToolInfo;
  settings: Settings;
  /** The config file's path and hash, when one was used. */
  config: { path: string; sha256: string } | null;
  inputs: InputSummary[];
  totals: Totals;
  /** Every key in report order (largest gap first), handed out one at a time. */
  keys: KeyList;
  /** In listing order; a key's status findings are drafted as they are read. */
  findings: FindingList;
  /** Retained money by age (with --as-of). */
  ageing: AgeingLine[] | null;
  /** Figures by group (--group-by). */
  rollups: Rollup[];
  roster: RosterSummary | null;
  /** Keys per status and findings per severity, for summaries. */
  counts: { status: Record<Status, number>; severity: Record<Severity, number> };
}
