// Findings are data, never exceptions: a rule looks at the reconciled keys (and, if it needs
// to, at each row as the ledgers stream past) and returns what an inspector should look at,
// with the rows that prove it. Wording lives in report/messages.ts, not here.

import type { ByRole, Role, RuleId, Severity, Status } from '../domain.js';
import type { LedgerTotals } from '../ledger/accumulate.js';
import type { LedgerRow } from '../ledger/rows.js';
import type { Layout } from '../ledger/layout.js';
import type { Exact, Money } from '../money.js';
import type { IdProblem } from '../text/id-number.js';
import type { KeyMerge, NearMiss } from '../reconcile/near-miss.js';
import type { Figures, KeyFigures, KeyList, KeyTable } from '../reconcile/reconcile.js';
import type { UnitCheck } from '../reconcile/units.js';
import type { Settings } from '../settings.js';

export type EvidenceRole = Role | 'roster';

export interface Evidence {
  role: EvidenceRole;
  file: string;
  sheet: string | undefined;
  row: number;
}

/** Rows left out of the figures by a reading decision (excluded-rows.ts). */
export interface ExcludedDetail {
  rule: 'heading-rows' | 'breakdown-rows' | 'payment-failed' | 'rows-after-end';
  role: Role;
  rows: { row: number; label: string; amount: Money }[];
  /** The ledger's own reason, where it gives one (a failed payment's status). */
  detail: string | undefined;
}

/** A 其中 breakdown whose parts do not add up to the row they break down (breakdown-mismatch.ts). */
export interface BreakdownMismatchDetail {
  rule: 'breakdown-mismatch';
  role: Role;
  /** The row broken down. */
  row: number;
  label: string;
  amount: Money;
  /** The parts' sum. */
  sum: Money;
  parts: { row: number; label: string; amount: Money }[];
  /** Where the parts fall short: the row after them, read as a row of its own. */
  next: { row: number; label: string; amount: Money } | undefined;
}

/** Amounts rounded to the fen in one ledger, and the totals that differ only by it (amount-rounded.ts). */
export interface RoundedLedgerDetail {
  rule: 'amount-rounded';
  scope: 'ledger';
  role: Role;
  rows: { row: number; label: string; written: Exact; amount: Money }[];
  /** Rounded minus written, over every rounded row, in 元: exact, and less than a fen a row. */
  adjustment: Exact;
  /** 合计/小计 rows that differ from their rows by no more than the rounding involved. */
  footing: { row: number; label: string; stated: Money; computed: Money; allowance: Exact }[];
}

/** A key whose ledgers differ by no more than the rounding of its amounts. */
export interface RoundedKeyDetail {
  rule: 'amount-rounded';
  scope: 'key';
  notes: { stage: 'A-D' | 'D-L'; difference: Money; allowance: Exact }[];
  roundedRows: ByRole<number[]>;
}

/** What each rule found, in figures; messages are written from these. */
export type FindingDetails =
  | ExcludedDetail
  | BreakdownMismatchDetail
  | RoundedLedgerDetail
  | RoundedKeyDetail
  | ({ rule: 'unit-inferred' | 'units-far-apart' } & UnitCheck)
  | { rule: 'retained' | 'over-disbursed'; allocated: Money; disbursed: Money }
  | { rule: 'not-landed' | 'over-landed'; disbursed: Money; landed: Money }
  | { rule: 'idle'; allocated: Money; suggestion: NearMiss | undefined }
  | { rule: 'unallocated'; disbursed: Money; landed: Money; suggestion: NearMiss | undefined }
  | { rule: 'late-disbursement'; allocationDate: string; disbursementDate: string; days: number; lateDays: number }
  | {
      rule: 'duplicate-payment';
      role: Role;
      payee: string | undefined;
      idNumber: string | undefined;
      bankAccount: string | undefined;
      /** Whom the payments were for, where the ledger names it apart from the payee. */
      beneficiary: string | undefined;
      /** Every name the ID number was paid under in this ledger, when there is more than one. */
      names: string[];
      amount: Money;
      dates: string[];
      windowDays: number;
    }
  | {
      rule: 'ledgers-swapped';
      /** The ledger whose amount header reads like the other's. */
      role: 'allocated' | 'disbursed';
      /** The amount column's header, as written, and what it reads like. */
      header: string;
      column: string;
      readsAs: 'allocated' | 'disbursed';
    }
  | { rule: 'invalid-id-number'; role: Role; idNumber: string; payee: string | undefined; problem: IdProblem }
  | { rule: 'payee-not-on-roster'; idNumber: string; payee: string | undefined }
  | { rule: 'amount-words-mismatch'; role: Role; words: string; wordsValue: Money | null; amount: Money }
  | { rule: 'key-merged'; from: string; into: string; similarity: string }
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

/** A finding whose evidence is the rows of a key: which key (its report position), in which ledgers. */
export interface KeyEvidence {
  position: number;
  roles: Role[];
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The key the finding is about, as displayed; null for sheet-level findings. */
  key: string | null;
  /** The money at stake, in 元. */
  amount: Money | null;
  details: FindingDetails;
  /** The rows behind it; for a finding about a key's figures, none: see `from`. */
  evidence: Evidence[];
  /** A key's status finding points to the key's rows instead of copying them. */
  from?: KeyEvidence | undefined;
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
  keys: KeyTable;
  /** Each key's display text, by key id. */
  keyDisplay(id: string): string | undefined;
  /** Near misses for unmatched keys, by key id. */
  nearMisses: ReadonlyMap<string, NearMiss>;
  /** Keys merged by --merge-similar, in the order they were merged. */
  merges: readonly KeyMerge[];
  /** The approved beneficiary list, when --roster is given. */
  roster: Roster | undefined;
  /** How each ledger that states no unit was settled (reconcile/units.ts). */
  unitChecks: readonly UnitCheck[];
  /** How each ledger's sheet was laid out: header rows, columns, fields. */
  layouts: ByRole<Layout>;
}

/** What drafting a key's status finding needs: the keys, the settings and the near misses. */
export type StatusContext = Pick<RuleContext, 'settings' | 'nearMisses'> & { keys: KeyList };

export interface Roster {
  ref: InputRef;
  /** Normalised ID numbers on the list. */
  ids: ReadonlySet<string>;
}

export type FindingDraft = Omit<Finding, 'severity'>;

export interface RuleRun {
  /** Sees every used row as the ledgers stream past: allocated, then disbursed, then landed. */
  observe?(role: Role, row: LedgerRow, layout: Layout): void;
  finish(ctx: RuleContext): FindingDraft[];
}

/** What a rule may know before the rows arrive. */
export interface RunEnv {
  settings: Settings;
  roster: Roster | undefined;
}

/** A rule with one finding per key that has a status (status.ts), drafted as the report is written. */
export interface KeyRule {
  id: RuleId;
  severity: Severity;
  status: Exclude<Status, 'matched'>;
  /** The ledgers whose figures disagree, whose rows are the evidence. */
  roles: Role[];
  /** The money at stake, from the key's figures alone. */
  amount(k: Figures): Money;
  draft(k: KeyFigures, ctx: StatusContext): FindingDraft;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  start(env: RunEnv): RuleRun;
}

/** The key a row-level finding is about: the one key all its rows share, else none. */
export function sharedKey(ctx: RuleContext, ids: ReadonlySet<string>): string | null {
  return ids.size === 1 ? (ctx.keyDisplay([...ids][0]!) ?? null) : null;
}

export function evidenceRows(input: InputRef, role: EvidenceRole, rows: readonly number[]): Evidence[] {
  return rows.map((row) => ({ role, file: input.file, sheet: input.sheet, row }));
}
