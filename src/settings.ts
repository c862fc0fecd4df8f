// Everything a reconciliation depends on besides the ledgers themselves, resolved from the
// config file and the command line. The report records it, so the same settings and the
// same inputs give the same report.

import type { ByRole, Lang, RuleId, Severity } from './domain.js';
import type { EncodingName } from './sheets/encoding.js';
import type { HeadingsSetting } from './ledger/headings.js';
import type { ColumnMap, StatusSetting } from './ledger/layout.js';
import type { Money, Unit } from './money.js';

import { EXACT, type Tolerances } from './reconcile/tolerance.js';

export type FailOn = Severity | 'none';

/** Where a setting's value came from: an option on the command line, the config file, or neither. */
export type ParameterSource = 'cli' | 'config' | 'default';

/**
 * The settings every run has, by the name the report's `parameters.sources` gives them
 * (a ledger's settings add `ledgers.<role>.<field>` for each one set).
 */
export const PARAMETER_NAMES = [
  'key',
  'tolerance.retained.absolute',
  'tolerance.retained.percent',
  'tolerance.overDisbursed.absolute',
  'tolerance.overDisbursed.percent',
  'tolerance.notLanded.absolute',
  'tolerance.notLanded.percent',
  'tolerance.overLanded.absolute',
  'tolerance.overLanded.percent',
  'lateDays',
  'duplicateWindowDays',
  'groupBy',
  'mergeSimilar',
  'asOf',
  'failOn',
  'lang',
  'severity',
  'materiality',
] as const;

export interface LedgerSettings {
  sheet?: string | undefined;
  unit?: Unit | undefined;
  encoding?: EncodingName | undefined;
  headerRow?: number | undefined;
  columns?: ColumnMap | undefined;
  /** How a payment-status column is read: extra success and failure words, or false for none. */
  status?: StatusSetting | undefined;
  /** Which rows are headings: none, or exactly these rows (as Excel numbers them). */
  headings?: HeadingsSetting | undefined;
  /** The last row of the table (as Excel numbers it); rows below are not read. */
  lastRow?: number | undefined;
}

export interface Settings {
  /** Join key: canonical field names or header texts. */
  key: string[];
  ledgers: ByRole<LedgerSettings>;
  tolerance: Tolerances;
  lateDays: number | undefined;
  /** The report date (ISO), when given; the report holds no other date. */
  asOf: string | undefined;
  failOn: FailOn;
  lang: Lang;
  /** Severity per rule where the config changes the default. */
  severity: Partial<Record<RuleId, Severity>>;
  /** Findings about less than this (元) are lowered from error to warning. */
  materiality: Money | undefined;
  /** Same payee, same amount, at most this many days apart, is a duplicate (0: same day). */
  duplicateWindowDays: number;
  /** Columns to roll the figures up by (field names or header texts). */
  groupBy: string[];
  /** Merge an unallocated key into the allocated key it resembles at least this much (0–1). */
  mergeSimilar: number | undefined;
  /** How the roster (--roster) is read, when one is given. */
  roster: LedgerSettings;
  /** Where each setting came from, by parameter name (PARAMETER_NAMES, then ledgers.<role>.<field>, roster.<field>). */
  sources: Record<string, ParameterSource>;
}

export const DEFAULT_KEY = ['project'];

export function defaultSettings(): Settings {
  return {
    key: DEFAULT_KEY,
    ledgers: { allocated: {}, disbursed: {}, landed: {} },
    tolerance: EXACT,
    lateDays: undefined,
    asOf: undefined,
    failOn: 'error',
    lang: 'zh',
    severity: {},
    materiality: undefined,
    duplicateWindowDays: 0,
    groupBy: [],
    mergeSimilar: undefined,
    roster: {},
    sources: Object.fromEntries(PARAMETER_NAMES.map((name) => [name, 'default'])),
  };
}
