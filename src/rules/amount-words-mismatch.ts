// A voucher's amount in words (大写) and in figures (小写) must agree; where they differ, one
// of them was altered. Text in the 大写 column that is not an amount in words is reported too.

import type { Role } from '../domain.js';
import { absMoney, parseAmount, toFen, type Money } from '../money.js';
import { evidenceRows, type FindingDraft, type Rule } from './types.js';

interface Mismatch {
  role: Role;
  row: number;
  key: string;
  words: string;
  wordsValue: Money | null;
  amount: Money;
}

export const amountWordsMismatch: Rule = {
  id: 'amount-words-mismatch',
  severity: 'error',
  start() {
    const found: Mismatch[] = [];
    return {
      observe(role, row) {
        if (row.amountInWords === undefined) return;
        const parsed = parseAmount(row.amountInWords);
        if (parsed?.kind === 'blank') return;
        // Words are always in 元, whatever unit the figures column is kept in.
        const value = parsed === null || parsed.kind !== 'amount' ? null : toFen(parsed.value, parsed.unit ?? '元').fen;
        if (value === row.amount) return;
        found.push({ role, row: row.row, key: row.keyId, words: row.amountInWords, wordsValue: value, amount: row.amount });
      },
      finish(ctx): FindingDraft[] {
        return found.map((m) => ({
          rule: 'amount-words-mismatch',
          key: ctx.keyDisplay(m.key) ?? null,
          amount: m.wordsValue === null ? m.amount : (absMoney(m.amount - m.wordsValue)),
          details: { rule: 'amount-words-mismatch', role: m.role, words: m.words, wordsValue: m.wordsValue, amount: m.amount },
          evidence: evidenceRows(ctx.inputs[m.role], m.role, [m.row]),
        }));
      },
    };
  },
};
