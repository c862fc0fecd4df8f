// The three-way comparison: for every key, what the higher level allocated (A), what the unit
// disbursed (D) and what landed (L), the gaps between them and what they mean. A function of
// the three ledgers' sums and the tolerances; it reads nothing and decides nothing else.
// Keys are kept in columns (a number and a status mask per key) and handed out one at a time
// as KeyResult objects, so a report of a province's keys never holds an object per key.

import { ROLES, STATUSES, type ByRole, type Status } from '../domain.js';
import type { LedgerTotals } from '../ledger/accumulate.js';
import type { KeyIndex } from '../ledger/keys.js';
import { absMoney, compareMoney, percentOf, roundingAllowance, withinRounding, type Exact, type Money, type Rate } from '../money.js';
import type { Tolerances } from '../settings.js';
import { isWithin } from './tolerance.js';

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
  disbursedRate: Rate | null;
  landedRate: Rate | null;
}

export function figures(allocated: Money, disbursed: Money, landed: Money): Figures {
  return {
    allocated,
    disbursed,
    landed,
    retained: allocated - disbursed,
    notLanded: disbursed - landed,
    gap: allocated - landed,
    disbursedRate: percentOf(disbursed, allocated),
    landedRate: percentOf(landed, allocated),
  };
}

export interface KeyResult extends KeyFigures {
  parts: readonly string[];
  present: ByRole<boolean>;
  status: Status[];
  evidence: ByRole<number[]>;
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

/** A key's figures and names without its rows: what a finding about its status is drafted from. */
export interface KeyFigures extends Figures {
  /** The key's number in the run (KeyIndex). */
  key: number;
  /** Where the key stands in the report's order of keys (0 first). */
  position: number;
  id: string;
  /** As first written in the allocation ledger (else the disbursement, else the landed one). */
  display: string;
}

export type Totals = Figures;

export const KEY_SEPARATOR = ' / ';

/**
 * A key's figures and names as one object. Both builders write their objects out field by
 * field: spreading `f` into a literal makes V8 build the object the slow way, which cost more
 * than everything else the report does per key.
 */
export function keyFigures(f: Figures, key: number, position: number, id: string, display: string): KeyFigures {
  return {
    allocated: f.allocated,
    disbursed: f.disbursed,
    landed: f.landed,
    retained: f.retained,
    notLanded: f.notLanded,
    gap: f.gap,
    disbursedRate: f.disbursedRate,
    landedRate: f.landedRate,
    key,
    position,
    id,
    display,
  };
}

/** The whole key: its figures and names, with its parts, statuses and rows. */
export function keyResult(k: KeyFigures, rest: Omit<KeyResult, keyof KeyFigures>): KeyResult {
  return {
    allocated: k.allocated,
    disbursed: k.disbursed,
    landed: k.landed,
    retained: k.retained,
    notLanded: k.notLanded,
    gap: k.gap,
    disbursedRate: k.disbursedRate,
    landedRate: k.landedRate,
    key: k.key,
    position: k.position,
    id: k.id,
    display: k.display,
    parts: rest.parts,
    present: rest.present,
    status: rest.status,
    evidence: rest.evidence,
    roundedRows: rest.roundedRows,
    rounding: rest.rounding,
  };
}

function statusOf(a: Money, d: Money, l: Money, present: ByRole<boolean>, tol: Tolerances, rounded: ByRole<number>): { status: Status[]; rounding: RoundingNote[] } {
  // Nothing allocated, disbursed or landed is nothing to find: a 0.00 allocation row nobody
  // paid against is listed, not called idle (and a 0.00 payment is not spending).
  if (a === 0n && d === 0n && l === 0n) return { status: ['matched'], rounding: [] };
  if (present.allocated && !present.disbursed && !present.landed) return { status: ['idle'], rounding: [] };
  const status: Status[] = [];
  const rounding: RoundingNote[] = [];
  const byRounding = (stage: RoundingNote['stage'], x: Money, y: Money, rows: number) => {
    if (!withinRounding(x - y, rows)) return false;
    rounding.push({ stage, difference: x - y, allowance: roundingAllowance(rows) });
    return true;
  };
  if (!present.allocated) status.push('unallocated');
  else if (!isWithin(a > d ? tol.retained : tol.overDisbursed, a, d) && !byRounding('A-D', a, d, rounded.allocated + rounded.disbursed)) {
    status.push(a > d ? 'retained' : 'over-disbursed');
  }
  if (!isWithin(d > l ? tol.notLanded : tol.overLanded, d, l) && !byRounding('D-L', d, l, rounded.disbursed + rounded.landed)) {
    status.push(d > l ? 'not-landed' : 'over-landed');
  }
  return { status: status.length ? status : ['matched'], rounding };
}

export const STATUS_BIT = new Map(STATUSES.map((s, i) => [s, 1 << i]));
/** Statuses as statusOf gives them: the A−D stage before the D−L one (result-keys.ts lists them so too). */
export const STAGE_ORDER: readonly Status[] = ['matched', 'idle', 'unallocated', 'retained', 'over-disbursed', 'not-landed', 'over-landed'];

function statusMask(status: readonly Status[]): number {
  let m = 0;
  for (const s of status) m |= STATUS_BIT.get(s)!;
  return m;
}

/** A key's rows as a plain array (Array.from on a typed array takes the slow, iterator path). */
function rowList(rows: Int32Array): number[] {
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]!;
  return out;
}

/**
 * What a report reads of its keys, in report order: this run's KeyTable, or the result tables
 * an SQL engine returned (src/engine/result-keys.ts), so the renderers serve both.
 */
export interface KeyList extends Iterable<KeyResult> {
  readonly size: number;
  /** Keys per status. */
  readonly counts: Record<Status, number>;
  at(position: number): KeyResult;
  figuresAt(position: number): Figures;
  displayAt(position: number): string;
  hasStatus(position: number, status: Status): boolean;
  /** The figures and names of the key at `position`, without its rows (what a status finding needs). */
  figuresOfKeyAt(position: number): KeyFigures;
}

/** Every key of the run with its figures, in report order: largest gap first, then by key text. */
export class KeyTable implements KeyList {
  /** Report position -> key number. */
  readonly order: Int32Array;
  /** Key number -> report position, -1 for a key no ledger has (merged away). */
  private readonly positions: Int32Array;
  /** Report position -> statuses as bits of STATUSES. */
  private readonly masks: Uint8Array;
  private readonly rounding: Map<number, RoundingNote[]>;
  /** Report position -> the key as shown. */
  private readonly displays: string[];
  /** Keys per status. */
  readonly counts: Record<Status, number>;

  constructor(
    private readonly ledgers: ByRole<LedgerTotals>,
    private readonly index: KeyIndex,
    tolerances: Tolerances,
  ) {
    const keys: number[] = [];
    const discrepancy: Money[] = [];
    const masks: number[] = [];
    this.rounding = new Map();
    for (let k = 0; k < index.size; k++) {
      const present = this.presentOf(k);
      if (!present.allocated && !present.disbursed && !present.landed) continue;
      const [a, d, l] = ROLES.map((role) => ledgers[role].keys.sum(k)) as [Money, Money, Money];
      const rounded = { allocated: 0, disbursed: 0, landed: 0 };
      for (const role of ROLES) rounded[role] = ledgers[role].keys.rounded.get(k)?.length ?? 0;
      const { status, rounding } = statusOf(a, d, l, present, tolerances, rounded);
      if (rounding.length) this.rounding.set(k, rounding);
      keys.push(k);
      discrepancy[k] = absMoney(a - d) + absMoney(d - l);
      masks[k] = statusMask(status);
    }
    const shown: string[] = [];
    for (const k of keys) shown[k] = index.parts[k]!.join(KEY_SEPARATOR);
    keys.sort((x, y) => {
      const c = compareMoney(discrepancy[y]!, discrepancy[x]!);
      if (c !== 0) return c;
      const [dx, dy] = [shown[x]!, shown[y]!];
      if (dx !== dy) return dx < dy ? -1 : 1;
      const [ix, iy] = [index.ids[x]!, index.ids[y]!];
      return ix < iy ? -1 : ix > iy ? 1 : 0;
    });
    this.order = Int32Array.from(keys);
    this.positions = new Int32Array(index.size).fill(-1);
    this.masks = new Uint8Array(keys.length);
    this.displays = keys.map((k) => shown[k]!);
    this.counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    keys.forEach((k, n) => {
      this.positions[k] = n;
      this.masks[n] = masks[k]!;
      STATUSES.forEach((s, i) => {
        if (masks[k]! & (1 << i)) this.counts[s]++;
      });
    });
  }

  get size(): number {
    return this.order.length;
  }

  private presentOf(k: number): ByRole<boolean> {
    return { allocated: this.ledgers.allocated.keys.has(k), disbursed: this.ledgers.disbursed.keys.has(k), landed: this.ledgers.landed.keys.has(k) };
  }

  /** The position of key number `k` in report order, -1 when no ledger has it. */
  positionOf(k: number): number {
    return k < this.positions.length ? this.positions[k]! : -1;
  }

  /** Whether the key at `position` has `status`, without building its KeyResult. */
  hasStatus(position: number, status: Status): boolean {
    return (this.masks[position]! & STATUS_BIT.get(status)!) !== 0;
  }

  /** The display text of the key at `position`. */
  displayAt(position: number): string {
    return this.displays[position]!;
  }

  /** Keys whose differences only rounding explains, by key number. */
  roundingNotes(): ReadonlyMap<number, RoundingNote[]> {
    return this.rounding;
  }

  /** The three figures of the key at `position`, without its rows. */
  figuresAt(position: number): Figures {
    const k = this.order[position]!;
    return figures(this.ledgers.allocated.keys.sum(k), this.ledgers.disbursed.keys.sum(k), this.ledgers.landed.keys.sum(k));
  }

  /** The figures and names of the key at `position`, without building its row lists. */
  figuresOfKeyAt(position: number): KeyFigures {
    const k = this.order[position]!;
    const f = figures(this.ledgers.allocated.keys.sum(k), this.ledgers.disbursed.keys.sum(k), this.ledgers.landed.keys.sum(k));
    return keyFigures(f, k, position, this.index.ids[k]!, this.displays[position]!);
  }


  /** The key at `position` in report order, as a fresh object the caller may keep or drop. */
  at(position: number): KeyResult {
    const k = this.order[position]!;
    const { allocated: a, disbursed: d, landed: l } = this.ledgers;
    const f = figures(a.keys.sum(k), d.keys.sum(k), l.keys.sum(k));
    return keyResult(keyFigures(f, k, position, this.index.ids[k]!, this.displays[position]!), {
      parts: this.index.parts[k]!,
      present: this.presentOf(k),
      status: STAGE_ORDER.filter((s) => this.hasStatus(position, s)),
      evidence: { allocated: rowList(a.keys.rows(k)), disbursed: rowList(d.keys.rows(k)), landed: rowList(l.keys.rows(k)) },
      roundedRows: { allocated: a.keys.rounded.get(k) ?? [], disbursed: d.keys.rounded.get(k) ?? [], landed: l.keys.rounded.get(k) ?? [] },
      rounding: this.rounding.get(k) ?? [],
    });
  }

  *[Symbol.iterator](): IterableIterator<KeyResult> {
    for (let n = 0; n < this.order.length; n++) yield this.at(n);
  }
}

export function reconcile(ledgers: ByRole<LedgerTotals>, index: KeyIndex, tolerances: Tolerances): { keys: KeyTable; totals: Totals } {
  return { keys: new KeyTable(ledgers, index, tolerances), totals: figures(ledgers.allocated.total, ledgers.disbursed.total, ledgers.landed.total) };
}
