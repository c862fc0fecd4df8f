// The three-way comparison: for every key, what the higher level allocated (A), what the unit
// disbursed (D) and what landed (L), the gaps between them and what they mean. A function of
// the three ledgers' sums and the tolerances; it reads nothing and decides nothing else.

import type { ByRole, Status } from '../domain.js';
import type { KeyTotals, LedgerTotals } from '../ledger/accumulate.js';

import { ZERO, absMoney, compareMoney, percentOf, roundingAllowance, withinRounding, type Exact, type Money } from '../money.js';
import { isWithin, type Tolerances } from './tolerance.js';

/** The three figures and what lies between them, for a key, a group or the whole. */
export interface Figures {
  allocated: Money;
  disbursed: Money;
  landed: Money;
  /** A − D: positive is retained (滞留), negative over-disbursed (超拨). */
  retained: Money;
  /** D − L: positive has not landed (未落地), negative over-landed. */
  notLanded: Money;
  /** A − L. */
  gap: Money;
  /** D / A and L / A in percent; null when nothing was allocated. */
  disbursedRate: Money | null;
  landedRate: Money | null;
}

export function figures(allocated: Money, disbursed: Money, landed: Money): Figures {
  return {
    allocated,
    disbursed,
    landed,
    retained: (allocated - disbursed),
    notLanded: (disbursed - landed),
    gap: (allocated - landed),
    disbursedRate: percentOf(disbursed, allocated),
    landedRate: percentOf(landed, allocated),
  };
}

export interface KeyResult extends Figures {
  id: string;
  /** As first written in the allocation ledger (else the disbursement, else the landed one). */
  display: string;
  parts: string[];
  present: ByRole<boolean>;
  status: Status[];
  evidence: ByRole<number[]>;
  /** Earliest date on the key's rows in each ledger. */
  firstDate: ByRole<string | undefined>;
  /** |A − D| + |D − L|: how far the key is from matching, for ordering. */
  discrepancy: Money;
  /** The key's rows whose amounts were rounded to the fen, by ledger. */
  roundedRows: ByRole<number[]>;
  /** Differences no status was raised for because rounding to the fen may have caused them. */
  rounding: RoundingNote[];
}

/**
 * A difference between two ledgers' figures for a key that the configured tolerance does not
 * pass but the rounding of its amounts may have caused: no more than half a fen for each
 * rounded row of the key in the two ledgers.
 */
export interface RoundingNote {
  stage: 'A-D' | 'D-L';
  difference: Money;
  allowance: Exact;
}

export type Totals = Figures;

export const KEY_SEPARATOR = ' / ';

function statusOf(a: Money, d: Money, l: Money, present: ByRole<boolean>, tol: Tolerances, rounded: ByRole<number>): { status: Status[]; rounding: RoundingNote[] } {
  // Nothing allocated, disbursed or landed is nothing to find: a 0.00 allocation row nobody
  // paid against is listed, not called idle (and a 0.00 payment is not spending).
  if ((a === 0n) && (d === 0n) && (l === 0n)) return { status: ['matched'], rounding: [] };
  if (present.allocated && !present.disbursed && !present.landed) return { status: ['idle'], rounding: [] };
  const status: Status[] = [];
  const rounding: RoundingNote[] = [];
  const byRounding = (stage: RoundingNote['stage'], x: Money, y: Money, rows: number) => {
    if (!withinRounding(x - y, rows)) return false;
    rounding.push({ stage, difference: x - y, allowance: roundingAllowance(rows) });
    return true;
  };
  if (!present.allocated) status.push('unallocated');
  else if (!isWithin((a > d) ? tol.retained : tol.overDisbursed, a, d) && !byRounding('A-D', a, d, rounded.allocated + rounded.disbursed)) {
    status.push((a > d) ? 'retained' : 'over-disbursed');
  }
  if (!isWithin((d > l) ? tol.notLanded : tol.overLanded, d, l) && !byRounding('D-L', d, l, rounded.disbursed + rounded.landed)) {
    status.push((d > l) ? 'not-landed' : 'over-landed');
  }
  return { status: status.length ? status : ['matched'], rounding };
}

/** Orders by discrepancy, largest first; ties by key text, so output is stable. */
function compareKeys(x: KeyResult, y: KeyResult): number {
  const c = compareMoney(y.discrepancy, x.discrepancy);
  if (c !== 0) return c;
  return x.display < y.display ? -1 : x.display > y.display ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

export function reconcile(ledgers: ByRole<LedgerTotals>, tolerances: Tolerances): { keys: KeyResult[]; totals: Totals } {
  const ids = new Set<string>();
  for (const role of ['allocated', 'disbursed', 'landed'] as const) for (const id of ledgers[role].keys.keys()) ids.add(id);

  const keys: KeyResult[] = [];
  for (const id of ids) {
    const k: ByRole<KeyTotals | undefined> = {
      allocated: ledgers.allocated.keys.get(id),
      disbursed: ledgers.disbursed.keys.get(id),
      landed: ledgers.landed.keys.get(id),
    };
    const a = k.allocated?.sum ?? ZERO;
    const d = k.disbursed?.sum ?? ZERO;
    const l = k.landed?.sum ?? ZERO;
    const present = { allocated: !!k.allocated, disbursed: !!k.disbursed, landed: !!k.landed };
    const parts = (k.allocated ?? k.disbursed ?? k.landed)!.parts;
    const f = figures(a, d, l);
    const roundedRows = {
      allocated: k.allocated?.roundedRows ?? [],
      disbursed: k.disbursed?.roundedRows ?? [],
      landed: k.landed?.roundedRows ?? [],
    };
    const { status, rounding } = statusOf(a, d, l, present, tolerances, {
      allocated: roundedRows.allocated.length,
      disbursed: roundedRows.disbursed.length,
      landed: roundedRows.landed.length,
    });
    keys.push({
      allocated: f.allocated,
      disbursed: f.disbursed,
      landed: f.landed,
      retained: f.retained,
      notLanded: f.notLanded,
      gap: f.gap,
      disbursedRate: f.disbursedRate,
      landedRate: f.landedRate,
      id,
      display: parts.join(KEY_SEPARATOR),
      parts,
      present,
      status,
      evidence: {
        allocated: k.allocated?.rows ?? [],
        disbursed: k.disbursed?.rows ?? [],
        landed: k.landed?.rows ?? [],
      },
      firstDate: {
        allocated: k.allocated?.firstDate,
        disbursed: k.disbursed?.firstDate,
        landed: k.landed?.firstDate,
      },
      discrepancy: ((absMoney(f.retained)) + ((absMoney(f.notLanded)))),
      roundedRows,
      rounding,
    });
  }
  keys.sort(compareKeys);

  return { keys, totals: figures(ledgers.allocated.total, ledgers.disbursed.total, ledgers.landed.total) };
}
