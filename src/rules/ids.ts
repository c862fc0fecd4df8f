// Every rule id, in the order findings are listed when severities tie. The rules themselves
// are in index.ts; this list is separate so the config schema can name them cheaply.

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
