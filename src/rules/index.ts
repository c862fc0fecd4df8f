// The rules, one per file; adding a rule is a file, a line here and an id in ids.ts.

import { breakdownRows, headingRows, paymentFailed, rowsAfterEnd } from './excluded-rows.js';
import { amountRounded } from './amount-rounded.js';
import { breakdownMismatch } from './breakdown-mismatch.js';
import { unitInferred, unitsFarApart } from './units.js';
import { amountWordsMismatch } from './amount-words-mismatch.js';
import { duplicatePayment } from './duplicate-payment.js';
import { footingMismatch } from './footing.js';
import { RULE_IDS } from '../domain.js';
import { invalidIdNumber } from './invalid-id-number.js';
import { keyMerged } from './key-merged.js';
import { lateDisbursement } from './late-disbursement.js';
import { ledgersSwapped } from './ledgers-swapped.js';
import { payeeNotOnRoster } from './payee-not-on-roster.js';
import type { Rule } from './types.js';

const ALL: readonly Rule[] = [
  footingMismatch,
  duplicatePayment,
  invalidIdNumber,
  payeeNotOnRoster,
  amountWordsMismatch,
  lateDisbursement,
  keyMerged,
  headingRows,
  breakdownRows,
  paymentFailed,
  rowsAfterEnd,
  breakdownMismatch,
  amountRounded,
  unitInferred,
  unitsFarApart,
  ledgersSwapped,
];

/**
 * The rules that watch rows or read decisions, in RULE_IDS order (the order findings of equal
 * severity are listed in). The rules with one finding per key status are KEY_RULES (status.ts).
 */
export const RULES: readonly Rule[] = [...ALL].sort((a, b) => RULE_IDS.indexOf(a.id) - RULE_IDS.indexOf(b.id));
