// 虚报冒领: a landed payment to an ID number that is not on the approved beneficiary list
// (--roster, e.g. 建档立卡户名单). Only runs when a roster is given; payments without an ID
// number cannot be checked and are left alone.

import { ZERO, type Money } from '../money.js';
import { normaliseIdNumber } from './id-number.js';
import { evidenceRows, sharedKey, type FindingDraft, type Rule } from './types.js';

interface Miss {
  idNumber: string;
  payee: string | undefined;
  rows: number[];
  keys: Set<string>;
  amount: Money;
}

export const payeeNotOnRoster: Rule = {
  id: 'payee-not-on-roster',
  severity: 'error',
  start({ roster }) {
    const misses = new Map<string, Miss>();
    return {
      observe(role, row) {
        if (!roster || role !== 'landed' || row.idNumber === undefined) return;
        const id = normaliseIdNumber(row.idNumber);
        if (id === '' || roster.ids.has(id)) return;
        let m = misses.get(id);
        if (!m) {
          m = { idNumber: row.idNumber, payee: row.payee, rows: [], keys: new Set(), amount: ZERO };
          misses.set(id, m);
        }
        m.rows.push(row.row);
        m.keys.add(row.keyId);
        m.amount = m.amount.plus(row.amount);
      },
      finish(ctx): FindingDraft[] {
        return [...misses.values()].map((m) => ({
          rule: 'payee-not-on-roster',
          key: sharedKey(ctx, m.keys),
          amount: m.amount,
          details: { rule: 'payee-not-on-roster', idNumber: m.idNumber, payee: m.payee },
          evidence: evidenceRows(ctx.inputs.landed, 'landed', m.rows),
        }));
      },
    };
  },
};
