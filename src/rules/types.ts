// Findings are data, never exceptions: a rule looks at the reconciled keys (and, if it needs
// to, at each row as the ledgers stream past) and returns what an inspector should look at,
// with the rows that prove it. Wording lives in report/messages.ts, not here.

import type { LedgerTotals } from '../ledger/accumulate.js';
import type { LedgerRow } from '../ledger/classify.js';
import type { Role } from '../ledger/layout.js';
import type { Money } from '../money.js';
import type { ByRole, KeyResult } from '../reconcile/reconcile.js';
import type { Settings } from '../settings.js';

export type Severity = 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export type EvidenceRole = Role | 'roster';

export interface Evidence {
  role: EvidenceRole;
  file: string;
  sheet: string | undefined;
  row: number;
}

/** What each rule found, in figures; messages are written from these. */
export type FindingDetails =
  | { rule: 'retained' | 'over-disbursed'; allocated: Money; disbursed: Money }
  | { rule: 'not-landed' | 'over-landed'; disbursed: Money; landed: Money }
  | { rule: 'idle'; allocated: Money }
  | { rule: 'unallocated'; disbursed: Money; landed: Money }
  | {
      rule: 'footing-mismatch';
      role: Role;
      row: number;
      label: string;
      stated: Money;
      computed: Money;
      first: number | undefined;
      last: number | undefined;
      count: number;
    };

export type RuleId = FindingDetails['rule'];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The key the finding is about, as displayed; null for sheet-level findings. */
  key: string | null;
  /** The money at stake, in 元. */
  amount: Money | null;
  details: FindingDetails;
  evidence: Evidence[];
}

/** Where each ledger came from, for evidence. */
export interface InputRef {
  file: string;
  sheet: string | undefined;
}

export interface RuleContext {
  settings: Settings;
  inputs: ByRole<InputRef>;
  ledgers: ByRole<LedgerTotals>;
  keys: readonly KeyResult[];
}

export interface RuleRun {
  /** Sees every used row as the ledgers stream past: allocated, then disbursed, then landed. */
  observe?(role: Role, row: LedgerRow): void;
  finish(ctx: RuleContext): Omit<Finding, 'severity'>[];
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  start(settings: Settings): RuleRun;
}

export function evidenceRows(input: InputRef, role: EvidenceRole, rows: readonly number[]): Evidence[] {
  return rows.map((row) => ({ role, file: input.file, sheet: input.sheet, row }));
}
