// The words every stage shares: the three ledgers, the report languages, key statuses, finding
// severities and rule ids. It imports nothing, so any stage may import it without pointing up
// the pipeline (sheets -> ledger -> reconcile -> rules/analyses -> report -> cli).

/** The three ledgers: what the higher level allocated, the unit disbursed, and what landed. */
export type Role = 'allocated' | 'disbursed' | 'landed';
export const ROLES: readonly Role[] = ['allocated', 'disbursed', 'landed'];

export type ByRole<T> = Record<Role, T>;

export type Lang = 'zh' | 'en';

/** A message in both languages: the Chinese first, as the user reads it. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type Status =
  | 'matched'
  | 'retained'
  | 'over-disbursed'
  | 'not-landed'
  | 'over-landed'
  | 'idle'
  | 'unallocated';

export const STATUSES: readonly Status[] = [
  'matched',
  'retained',
  'over-disbursed',
  'not-landed',
  'over-landed',
  'idle',
  'unallocated',
];

export type Severity = 'info' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Every rule id, in the order findings are listed when severities tie. */
export const RULE_IDS = [
  'not-landed',
  'over-landed',
  'unallocated',
  'over-disbursed',
  'retained',
  'idle',
  'footing-mismatch',
  'duplicate-payment',
  'invalid-id-number',
  'payee-not-on-roster',
  'amount-words-mismatch',
  'late-disbursement',
  'breakdown-mismatch',
  'payment-failed',
  'ledgers-swapped',
  'units-far-apart',
  'unit-inferred',
  'key-merged',
  'heading-rows',
  'breakdown-rows',
  'rows-after-end',
  'amount-rounded',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * What a rule's findings are about: a gap between the ledgers' figures, something wrong in the
 * rows themselves, or a decision the reading made that changed a figure (a row left out as a
 * heading or a failed payment, a unit inferred, keys merged). Reading decisions are shown in
 * the report's summary as well as among the findings, so nobody signs a figure without seeing
 * how it was arrived at.
 */
export type RuleKind = 'gap' | 'row' | 'reading';

export const RULE_KINDS: Record<RuleId, RuleKind> = {
  'not-landed': 'gap',
  'over-landed': 'gap',
  unallocated: 'gap',
  'over-disbursed': 'gap',
  retained: 'gap',
  idle: 'gap',
  'footing-mismatch': 'row',
  'duplicate-payment': 'row',
  'invalid-id-number': 'row',
  'payee-not-on-roster': 'row',
  'amount-words-mismatch': 'row',
  'late-disbursement': 'row',
  'breakdown-mismatch': 'row',
  'payment-failed': 'reading',
  'ledgers-swapped': 'reading',
  'units-far-apart': 'reading',
  'unit-inferred': 'reading',
  'key-merged': 'reading',
  'heading-rows': 'reading',
  'breakdown-rows': 'reading',
  'rows-after-end': 'reading',
  'amount-rounded': 'reading',
};
