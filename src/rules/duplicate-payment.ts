// 重复发放: the same payee paid the same amount on the same day (or within --duplicate-window
// days) more than once, in the disbursement or the landed ledger. A payee is identified by
// ID number, or by name together with bank account; a name alone is not an identity (two
// households can share a name), and neither is an ID a spreadsheet damaged (4.30281E+17 is
// many people), so such rows fall back to name and account or are not compared. A payment in
// another month is a second payment, not a duplicate, and an undated one cannot be placed on
// a day at all, so it is not compared either.
//
// Before judging, reversals are netted: a −5,000 row (退回, 冲销) cancels one 5,000 payment to
// the same payee, so a payment, its reversal and the re-payment are one payment. Where the
// ledger names whom a payment is for apart from the account holder (学生姓名, 受益人), two
// children paid through one parent's card are two payments: the beneficiary is part of the
// identity. Every name an ID number was paid under is listed: one ID under several names is
// how 冒领 shows.

import type { ByRole, Role } from '../domain.js';
import { daysBetween } from '../text/dates.js';

import { absMoney, type Money } from '../money.js';
import { normaliseKey } from '../text/normalise.js';
import { checkIdNumber, normaliseIdNumber } from '../text/id-number.js';
import { evidenceRows, sharedKey, type FindingDraft, type InputRef, type Rule } from './types.js';

interface Payment {
  row: number;
  date: string;
  key: string;
  /** A reversal (negative amount) cancels a payment rather than being one. */
  reversal: boolean;
  /** The name on the row, as written (a reference, so keeping it costs nothing). */
  payee: string | undefined;
}

const DAMAGED = new Set(['scientific', 'stored-as-number', 'trailing-zeros']);

interface Group {
  role: Role;
  /** Who was paid, without the beneficiary or amount: the ID (or name and account). */
  identity: string;
  payee: string | undefined;
  idNumber: string | undefined;
  bankAccount: string | undefined;
  beneficiary: string | undefined;
  /** The payment's size: a reversal of it is stored under the same group. */
  amount: Money;
  payments: Payment[];
}

const byDateThenRow = (a: Payment, b: Payment) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row);

/**
 * The payments left once each reversal has cancelled one: the latest payment on or before the
 * reversal's day (the one it returns), or else the earliest after it. A reversal with nothing
 * to cancel is left alone.
 */
export function netReversals(payments: readonly Payment[]): Payment[] {
  const sorted = [...payments].sort(byDateThenRow);
  const live = sorted.filter((p) => !p.reversal);
  for (const r of sorted.filter((p) => p.reversal)) {
    let pick = -1;
    for (let i = 0; i < live.length; i++) {
      if (byDateThenRow(live[i]!, r) < 0 || live[i]!.date === r.date) pick = i;
      else break;
    }
    if (pick === -1 && live.length > 0) pick = 0;
    if (pick !== -1) live.splice(pick, 1);
  }
  return live;
}

/** The ledger and ID a group's names are gathered by (name-and-account identities have one name). */
function nameKey(g: Group): string {
  return g.identity.startsWith('id:') ? `${g.role}\u0000${g.identity}` : '';
}

/**
 * Every name each wanted ID number was paid under in its ledger, whatever the amount or day, in
 * row order; an empty list where there is only one. Worked out once, after the rows, for the
 * IDs that have a finding, so the rows themselves cost nothing extra.
 */
function namesUnder(groups: Iterable<Group>, wanted: ReadonlySet<string>): Map<string, string[]> {
  const seen = new Map<string, Map<string, number>>();
  for (const k of wanted) seen.set(k, new Map());
  for (const g of groups) {
    const names = seen.get(nameKey(g));
    if (!names || nameKey(g) === '') continue;
    for (const p of g.payments) {
      if (p.payee === undefined) continue;
      const first = names.get(p.payee);
      if (first === undefined || p.row < first) names.set(p.payee, p.row);
    }
  }
  const out = new Map<string, string[]>();
  for (const [k, names] of seen) {
    const list = [...names].sort((a, b) => a[1] - b[1]).map(([name]) => name);
    out.set(k, list.length > 1 ? list : []);
  }
  return out;
}

/** Splits one payee's same-amount payments into runs no more than `window` days apart. */
function clusters(payments: Payment[], window: number): Payment[][] {
  const out: Payment[][] = [];
  let run: Payment[] = [];
  for (const p of payments) {
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
        // No ID number, and not both a name and an account: no one to tell payments apart by
        // (the identity below comes out empty), so nothing more is worked out for the row.
        if (row.idNumber === undefined && (row.payee === undefined || row.bankAccount === undefined)) return;
        // Per row: the amount's text, once; its sign says whether it pays or reverses.
        const text = row.amount.toString();
        if (text === '0') return;
        const reversal = text.charCodeAt(0) === 45; // '-'
        const check = row.idNumber === undefined ? undefined : checkIdNumber(row.idNumber, row.idNumberWasNumber === true);
        const damaged = check !== undefined && !check.ok && DAMAGED.has(check.problem);
        const id = row.idNumber === undefined || damaged ? '' : normaliseIdNumber(row.idNumber);
        const account = row.bankAccount?.replace(/[\s-]/g, '') ?? '';
        let identity: string;
        if (id !== '') identity = `id:${id}`;
        else if (row.payee !== undefined && account !== '') identity = `acct:${normaliseKey(row.payee)}:${account}`;
        else return;
        // The beneficiary, where the ledger names one, is part of who was paid.
        const beneficiary = row.beneficiary === undefined ? '' : normaliseKey(row.beneficiary);
        const g = `${role}\u0000${identity}\u0000${beneficiary}\u0000${reversal ? text.slice(1) : text}`;
        let group = groups.get(g);
        if (!group) {
          group = {
            role,
            identity,
            payee: row.payee,
            idNumber: row.idNumber,
            bankAccount: row.bankAccount,
            beneficiary: row.beneficiary,
            amount: reversal ? (absMoney(row.amount)) : row.amount,
            payments: [],
          };
          groups.set(g, group);
        }
        group.payments.push({ row: row.row, date: row.date, key: row.keyId, reversal, payee: row.payee });
      },
      finish(ctx): FindingDraft[] {
        const found: { group: Group; run: Payment[] }[] = [];
        for (const g of groups.values()) {
          if (g.payments.length < 2) continue;
          for (const run of clusters(netReversals(g.payments), settings.duplicateWindowDays)) found.push({ group: g, run });
        }
        const names = namesUnder(groups.values(), new Set(found.map((f) => nameKey(f.group))));
        return found.map(({ group: g, run }) =>
          duplicateFinding({
            ...g,
            key: sharedKey(ctx, new Set(run.map((p) => p.key))),
            // What was paid beyond the first payment.
            paidBeyondFirst: g.amount * BigInt(run.length - 1),
            names: names.get(nameKey(g)) ?? [],
            run,
            windowDays: settings.duplicateWindowDays,
          }, ctx.inputs),
        );
      },
    };
  },
};

/** One run of repeated payments as a finding, from this engine's rows or from the SQL's duplicate_payments table. */
export function duplicateFinding(
  d: {
    role: Role;
    key: string | null;
    paidBeyondFirst: Money;
    payee: string | undefined;
    idNumber: string | undefined;
    bankAccount: string | undefined;
    beneficiary: string | undefined;
    names: string[];
    amount: Money;
    run: readonly { date: string; row: number }[];
    windowDays: number;
  },
  inputs: ByRole<InputRef>,
): FindingDraft {
  return {
    rule: 'duplicate-payment',
    key: d.key,
    amount: d.paidBeyondFirst,
    details: {
      rule: 'duplicate-payment',
      role: d.role,
      payee: d.payee,
      idNumber: d.idNumber,
      bankAccount: d.bankAccount,
      beneficiary: d.beneficiary,
      names: d.names,
      amount: d.amount,
      dates: d.run.map((p) => p.date),
      windowDays: d.windowDays,
    },
    evidence: evidenceRows(inputs[d.role], d.role, d.run.map((p) => p.row)),
  };
}
