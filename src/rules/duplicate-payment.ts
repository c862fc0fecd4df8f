// 重复发放: the same payee paid the same amount on the same day (or within --duplicate-window
// days) more than once, in the disbursement or the landed ledger. A payee is identified by
// ID number, or by name together with bank account; a name alone is not an identity (two
// households can share a name), and neither is an ID a spreadsheet damaged (4.30281E+17 is
// many people), so such rows fall back to name and account or are not compared. A payment in
// another month is a second payment, not a duplicate, and an undated one cannot be placed on
// a day at all, so it is not compared either.

import type { Role } from '../domain.js';
import { daysBetween } from '../ledger/dates.js';

import type { Money } from '../money.js';
import { normaliseKey } from '../text/normalise.js';
import { checkIdNumber, normaliseIdNumber } from './id-number.js';
import { evidenceRows, sharedKey, type FindingDraft, type Rule } from './types.js';

interface Payment {
  row: number;
  date: string;
  key: string;
}

const DAMAGED = new Set(['scientific', 'stored-as-number', 'trailing-zeros']);

interface Group {
  role: Role;
  payee: string | undefined;
  idNumber: string | undefined;
  bankAccount: string | undefined;
  amount: Money;
  payments: Payment[];
}

/** Splits one payee's same-amount payments into runs no more than `window` days apart. */
function clusters(payments: Payment[], window: number): Payment[][] {
  const dated = [...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  const out: Payment[][] = [];
  let run: Payment[] = [];
  for (const p of dated) {
    if (run.length && daysBetween(run[run.length - 1]!.date, p.date) > window) {
      if (run.length > 1) out.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length > 1) out.push(run);
  return out;
}

export const duplicatePayment: Rule = {
  id: 'duplicate-payment',
  severity: 'error',
  start({ settings }) {
    const groups = new Map<string, Group>();
    return {
      observe(role, row) {
        if (role === 'allocated' || row.date === undefined) return;
        const check = row.idNumber === undefined ? undefined : checkIdNumber(row.idNumber, row.idNumberWasNumber === true);
        const damaged = check !== undefined && !check.ok && DAMAGED.has(check.problem);
        const id = row.idNumber === undefined || damaged ? '' : normaliseIdNumber(row.idNumber);
        const account = row.bankAccount?.replace(/[\s-]/g, '') ?? '';
        let identity: string;
        if (id !== '') identity = `id:${id}`;
        else if (row.payee !== undefined && account !== '') identity = `acct:${normaliseKey(row.payee)}:${account}`;
        else return;
        const g = `${role}\u0000${identity}\u0000${row.amount.toString()}`;
        let group = groups.get(g);
        if (!group) {
          group = { role, payee: row.payee, idNumber: row.idNumber, bankAccount: row.bankAccount, amount: row.amount, payments: [] };
          groups.set(g, group);
        }
        group.payments.push({ row: row.row, date: row.date, key: row.keyId });
      },
      finish(ctx): FindingDraft[] {
        const out: FindingDraft[] = [];
        for (const g of groups.values()) {
          if (g.payments.length < 2) continue;
          for (const run of clusters(g.payments, settings.duplicateWindowDays)) {
            const keys = new Set(run.map((p) => p.key));
            out.push({
              rule: 'duplicate-payment',
              key: sharedKey(ctx, keys),
              // What was paid beyond the first payment.
              amount: g.amount.times(run.length - 1),
              details: {
                rule: 'duplicate-payment',
                role: g.role,
                payee: g.payee,
                idNumber: g.idNumber,
                bankAccount: g.bankAccount,
                amount: g.amount,
                dates: run.map((p) => p.date),
                windowDays: settings.duplicateWindowDays,
              },
              evidence: evidenceRows(ctx.inputs[g.role], g.role, run.map((p) => p.row)),
            });
          }
        }
        return out;
      },
    };
  },
};
