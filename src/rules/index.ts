// The rules, in the order their findings are listed when severities tie. Adding a rule is a
// file and a line here.

import { footingMismatch } from './footing.js';
import { idle, notLanded, overDisbursed, overLanded, retained, unallocated } from './status.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  notLanded,
  overLanded,
  unallocated,
  overDisbursed,
  retained,
  idle,
  footingMismatch,
];
