// The words every stage shares: the three ledgers, the report languages, key statuses, finding
// severities and rule ids. It imports nothing, so any stage may import it without pointing up
// the pipeline (sheets -> ledger -> reconcile -> rules/analyses -> report -> cli).

/** The three ledgers: what the higher level allocated, the unit disbursed, and what landed. */
export type Role = 'allocated' | 'disbursed' | 'landed';
export const ROLES: readonly Role[] = ['allocated', 'disbursed', 'landed'];

export type ByRole<T> = Record<Role, T>;

export type Lang = 'zh' | 'en';

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
  'key-merged',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
