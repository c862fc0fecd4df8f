// A ledger that states its unit nowhere is read in 元. Allocation tables often leave 万元
// implicit (the 单位 line is lost when a sheet is copied), and read as 元 every project would
// look over-disbursed ten-thousand-fold. But magnitude alone proves nothing: a partial 一卡通
// export of a few households is also thousands of times smaller than the disbursement it is
// compared with. So 万元 is inferred only on evidence that the scaled ledger IS the other one:
// read in 万元, its keys and its total agree with a ledger whose unit is stated. Anything less
// is read in 元, and a gap of orders of magnitude is pointed out, with the flag that settles it.

import { ROLES, type ByRole, type Role } from '../domain.js';
import type { LedgerTotals } from '../ledger/accumulate.js';
import type { UnitSource } from '../ledger/layout.js';
import { absMoney, maxAbs, percent, withinPercent, type Money } from '../money.js';

/** What the check needs to know of one ledger after it was read in 元. */
export interface UnitEvidence {
  totals: Pick<LedgerTotals, 'keys' | 'total' | 'used' | 'unstatedAmounts'>;
  unitSource: UnitSource;
  /** Rows paid to people (an ID number or bank account column): amounts of households, in 元. */
  paysPeople: boolean;
}

/** Two figures agree when they are at most this far apart, in percent of the larger. */
export const AGREE_PERCENT = percent('10');
/** Totals this many times apart or more are called far apart. */
const FAR_APART = 1000n;
/** A ledger read in 元 read again in 万元: ten thousand times each amount. */
const WAN = 10000n;

export interface UnitCheck {
  role: Role;
  /** inferred: read in 万元; far-apart: read in 元, but far from the ledgers named. */
  verdict: 'inferred' | 'far-apart';
  /** Why a far-apart ledger stayed in 元: its rows pay people, or read in 万元 it agrees with nothing. */
  keptBecause: 'pays-people' | 'no-agreement' | undefined;
  /** The ledgers whose figures decided it. */
  comparedWith: Role[];
  /** This ledger's total read in 元, and read in 万元 (in 元). */
  asYuan: Money;
  asWan: Money;
  /** Keys present in both this ledger and the best-agreeing one, and how many of them agree. */
  keysShared: number;
  keysAgreeing: number;
}

function agree(a: Money, b: Money): boolean {
  return withinPercent(a - b, maxAbs(a, b), AGREE_PERCENT);
}

/** How many keys the scaled ledger shares with `other`, and how many of those agree. */
function keyAgreement(silent: UnitEvidence, other: UnitEvidence): { shared: number; agreeing: number } {
  let shared = 0;
  let agreeing = 0;
  for (const k of silent.totals.keys.keys()) {
    if (!other.totals.keys.has(k)) continue;
    shared++;
    if (agree(silent.totals.keys.sum(k) * WAN, other.totals.keys.sum(k))) agreeing++;
  }
  return { shared, agreeing };
}

const states = (e: UnitEvidence) => e.unitSource !== 'default' && e.unitSource !== 'inferred';

function silent(e: UnitEvidence): boolean {
  return e.unitSource === 'default' && e.totals.used > 0 && e.totals.unstatedAmounts === e.totals.used && e.totals.total !== 0n;
}

/**
 * For each ledger that states no unit: 万元 when, read so, it agrees with a ledger that states
 * its unit — its total within AGREE_PERCENT, and at least half of the keys they share (one at
 * least) within AGREE_PERCENT each — and its rows are not payments to people. Otherwise a
 * warning when its total is FAR_APART times from another ledger's, either way.
 */
export function checkUnits(ev: ByRole<UnitEvidence>): UnitCheck[] {
  const out: UnitCheck[] = [];
  for (const role of ROLES) {
    const e = ev[role];
    if (!silent(e)) continue;
    const asYuan = e.totals.total;
    const asWan = asYuan * WAN;
    const others = ROLES.filter((r) => r !== role && ev[r].totals.total !== 0n);
    let best: { shared: number; agreeing: number } | undefined;
    const agreeing: Role[] = [];
    if (!e.paysPeople) {
      for (const r of others.filter((x) => states(ev[x]))) {
        const k = keyAgreement(e, ev[r]);
        if (!agree(asWan, ev[r].totals.total) || k.agreeing === 0 || k.agreeing * 2 < k.shared) continue;
        agreeing.push(r);
        if (!best || k.agreeing > best.agreeing) best = k;
      }
    }
    if (best) {
      out.push({ role, verdict: 'inferred', keptBecause: undefined, comparedWith: agreeing, asYuan, asWan, keysShared: best.shared, keysAgreeing: best.agreeing });
      continue;
    }
    const far = others.filter((r) => {
      const [a, b] = [absMoney(ev[r].totals.total), absMoney(asYuan)];
      return a >= b * FAR_APART || b >= a * FAR_APART;
    });
    const keptBecause = e.paysPeople ? 'pays-people' : 'no-agreement';
    if (far.length) out.push({ role, verdict: 'far-apart', keptBecause, comparedWith: far, asYuan, asWan, keysShared: 0, keysAgreeing: 0 });
  }
  return out;
}
