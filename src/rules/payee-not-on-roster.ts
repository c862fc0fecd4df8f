// 虚报冒领: a landed payment to an ID number that is not on the approved beneficiary list
// (--roster, e.g. 建档立卡户名单). Only runs when a roster is given; payments without an ID
// number cannot be checked and are left alone.

import { normaliseIdNumber } from '../text/id-number.js';
import { RowGroup } from './row-group.js';
import { evidenceRows, sharedKey, type FindingDraft, type Rule } from './types.js';

interface Miss {
  idNumber: string;
  payee: string | undefined;
  paid: RowGroup;
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
          m = { idNumber: row.idNumber, payee: row.payee, paid: new RowGroup() };
          misses.set(id, m);
        }
        m.paid.add(row);
      },
      finish(ctx): FindingDraft[] {
        return [...misses.values()].map((m) => ({
          rule: 'payee-not-on-roster',
          key: sharedKey(ctx, m.paid.keys),
          amount: m.paid.amount,
          details: { rule: 'payee-not-on-roster', idNumber: m.idNumber, payee: m.payee },
          evidence: evidenceRows(ctx.inputs.landed, 'landed', m.paid.rows),
        }));
      },
    };
  },
};
