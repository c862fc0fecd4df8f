// The report's keys from an engine's `key_report` table instead of this process's ledgers:
// figures, statuses, rows and rounding notes exactly as the SQL decided them, held in columns
// like KeyTable and handed out one KeyResult at a time, in the same report order (largest
// discrepancy first, then the key's text compared as JavaScript compares it, then its id).

import { ROLES, STATUSES, type ByRole, type Role, type Status } from '../domain.js';
import { FundgapError } from '../errors.js';
import { absMoney, compareMoney, roundingAllowance, type Money } from '../money.js';
import { figures, KEY_SEPARATOR, keyFigures, keyResult, STAGE_ORDER, STATUS_BIT, type Figures, type KeyFigures, type KeyList, type KeyResult, type RoundingNote } from '../reconcile/reconcile.js';
import { Reader, type Row } from './values.js';

const FLAGS: readonly [Status, string][] = [
  ['matched', 'is_matched'],
  ['idle', 'is_idle'],
  ['unallocated', 'is_unallocated'],
  ['retained', 'is_retained'],
  ['over-disbursed', 'is_over_disbursed'],
  ['not-landed', 'is_not_landed'],
  ['over-landed', 'is_over_landed'],
];
const PRESENCE: readonly [Role, string][] = [['allocated', 'in_a'], ['disbursed', 'in_d'], ['landed', 'in_l']];
const SUM_LIMIT = 2n ** 63n - 1n;

/** A list of int lists, one per key, in two flat arrays. */
class RowLists {
  private rows = new Int32Array(1024);
  private length = 0;
  private readonly offsets: number[] = [0];

  push(list: readonly number[]): void {
    if (this.length + list.length > this.rows.length) {
      const grown = new Int32Array(Math.max(this.rows.length * 2, this.length + list.length));
      grown.set(this.rows.subarray(0, this.length));
      this.rows = grown;
    }
    this.rows.set(list, this.length);
    this.length += list.length;
    this.offsets.push(this.length);
  }

  get(i: number): number[] {
    return Array.from(this.rows.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }
}

export class ResultKeyTable implements KeyList {
  private readonly ids: string[] = [];
  private readonly displays: string[] = [];
  private readonly parts: string[] = [];
  private sums: ByRole<BigInt64Array> = { allocated: new BigInt64Array(1024), disbursed: new BigInt64Array(1024), landed: new BigInt64Array(1024) };
  private present = new Uint8Array(1024);
  private masks = new Uint8Array(1024);
  private readonly evidence: ByRole<RowLists> = { allocated: new RowLists(), disbursed: new RowLists(), landed: new RowLists() };
  private readonly rounded = new Map<number, ByRole<number[]>>();
  private readonly notes = new Map<number, RoundingNote[]>();
  private readonly byId = new Map<string, number>();
  /** Report position -> index of the key as read. */
  private order = new Int32Array(0);
  private positions = new Int32Array(0);
  readonly counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  private readonly read = new Reader('key_report');

  get size(): number {
    return this.order.length;
  }

  /** Adds one row of key_report; call finish() after the last. */
  add(row: Row): void {
    const r = this.read;
    const i = this.ids.length;
    if (i >= this.masks.length) this.grow();
    // Key ids join the parts by U+001F in the rows, by NUL in this process (ledger/key.ts).
    const id = r.text(row, 'key_id').split('\u001f').join('\u0000');
    if (this.byId.has(id)) throw duplicateKey(id);
    this.byId.set(id, i);
    this.ids.push(id);
    this.displays.push(r.text(row, 'key'));
    this.parts.push(r.text(row, 'key_parts'));
    const sums = { allocated: r.fen(row, 'allocated'), disbursed: r.fen(row, 'disbursed'), landed: r.fen(row, 'landed') };
    for (const role of ROLES) {
      if (sums[role] > SUM_LIMIT || sums[role] < -SUM_LIMIT) throw new FundgapError({ code: 'RESULTS_INVALID', text: String(sums[role]), problem: 'out-of-range' });
      this.sums[role][i] = sums[role];
    }
    let present = 0;
    PRESENCE.forEach(([, column], b) => {
      if (r.bool(row, column)) present |= 1 << b;
    });
    this.present[i] = present;
    let mask = 0;
    for (const [status, column] of FLAGS) if (r.bool(row, column)) mask |= STATUS_BIT.get(status)!;
    this.masks[i] = mask;
    const rounded = {} as ByRole<number[]>;
    for (const role of ROLES) {
      this.evidence[role].push(r.ints(row, `${role}_rows`));
      rounded[role] = r.ints(row, `${role}_rounded`);
    }
    if (ROLES.some((role) => rounded[role].length > 0)) this.rounded.set(i, rounded);
    const notes: RoundingNote[] = [];
    const [a, d, l] = [sums.allocated, sums.disbursed, sums.landed];
    if (r.bool(row, 'ad_rounding_note')) notes.push({ stage: 'A-D', difference: a - d, allowance: roundingAllowance(rounded.allocated.length + rounded.disbursed.length) });
    if (r.bool(row, 'dl_rounding_note')) notes.push({ stage: 'D-L', difference: d - l, allowance: roundingAllowance(rounded.disbursed.length + rounded.landed.length) });
    if (notes.length) this.notes.set(i, notes);
  }

  private grow(): void {
    const n = this.masks.length * 2;
    for (const role of ROLES) {
      const s = new BigInt64Array(n);
      s.set(this.sums[role]);
      this.sums[role] = s;
    }
    const p = new Uint8Array(n);
    p.set(this.present);
    this.present = p;
    const m = new Uint8Array(n);
    m.set(this.masks);
    this.masks = m;
  }

  /** Puts the keys in report order, as KeyTable does, whatever order the engine wrote them in. */
  finish(): this {
    const n = this.ids.length;
    const discrepancy: Money[] = [];
    for (let i = 0; i < n; i++) {
      const [a, d, l] = ROLES.map((role) => this.sums[role][i]!) as [Money, Money, Money];
      discrepancy.push(absMoney(a - d) + absMoney(d - l));
    }
    const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => {
      const c = compareMoney(discrepancy[y]!, discrepancy[x]!);
      if (c !== 0) return c;
      const [dx, dy] = [this.displays[x]!, this.displays[y]!];
      if (dx !== dy) return dx < dy ? -1 : 1;
      const [ix, iy] = [this.ids[x]!, this.ids[y]!];
      return ix < iy ? -1 : ix > iy ? 1 : 0;
    });
    this.order = Int32Array.from(idx);
    this.positions = new Int32Array(n);
    idx.forEach((i, position) => {
      this.positions[i] = position;
      STATUSES.forEach((s, b) => {
        if (this.masks[i]! & (1 << b)) this.counts[s]++;
      });
    });
    return this;
  }

  /** The display of a key by its id (NUL-joined), when the table has it: for findings about rows of one key. */
  displayOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.displays[i];
  }

  /** Key positions with a rounding note, in report order. */
  roundingPositions(): number[] {
    return [...this.notes.keys()].map((i) => this.positions[i]!).sort((a, b) => a - b);
  }

  /** Each key (id, shown parts) and the ledgers it is in: for the near-miss suggestions. */
  *presence(): IterableIterator<{ id: string; parts: string[]; present: ByRole<boolean> }> {
    for (let i = 0; i < this.ids.length; i++) yield { id: this.ids[i]!, parts: this.parts[i]!.split('\u001f'), present: this.presentAt(i) };
  }

  private presentAt(i: number): ByRole<boolean> {
    const p = this.present[i]!;
    return { allocated: (p & 1) !== 0, disbursed: (p & 2) !== 0, landed: (p & 4) !== 0 };
  }

  hasStatus(position: number, status: Status): boolean {
    return (this.masks[this.order[position]!]! & STATUS_BIT.get(status)!) !== 0;
  }

  displayAt(position: number): string {
    return this.displays[this.order[position]!]!;
  }

  figuresAt(position: number): Figures {
    const i = this.order[position]!;
    return figures(this.sums.allocated[i]!, this.sums.disbursed[i]!, this.sums.landed[i]!);
  }

  /** Status findings are drafted from these; the whole key serves, rows and all. */
  figuresOfKeyAt(position: number): KeyFigures {
    return this.at(position);
  }

  at(position: number): KeyResult {
    const i = this.order[position]!;
    const f = this.figuresAt(position);
    const evidence = {} as ByRole<number[]>;
    for (const role of ROLES) evidence[role] = this.evidence[role].get(i);
    const parts = this.parts[i]!.split('\u001f');
    return keyResult(keyFigures(f, i, position, this.ids[i]!, this.displays[i]!), {
      parts: parts.length ? parts : this.displays[i]!.split(KEY_SEPARATOR),
      present: this.presentAt(i),
      status: STAGE_ORDER.filter((s) => (this.masks[i]! & STATUS_BIT.get(s)!) !== 0),
      evidence,
      roundedRows: this.rounded.get(i) ?? { allocated: [], disbursed: [], landed: [] },
      rounding: this.notes.get(i) ?? [],
    });
  }

  *[Symbol.iterator](): IterableIterator<KeyResult> {
    for (let n = 0; n < this.order.length; n++) yield this.at(n);
  }
}

function duplicateKey(id: string): FundgapError {
  return new FundgapError({ code: 'RESULTS_INVALID', text: id.split('\u0000').join(' / '), problem: 'duplicate-key' });
}
