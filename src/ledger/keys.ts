// Keys and the money and rows under them, held in columns rather than objects: a province's
// ledgers have hundreds of thousands of keys and millions of rows, and an object per key and a
// JavaScript array of row numbers per key cost many times the figures they hold. Every key of
// a run gets one number (KeyIndex, shared by the three ledgers, so joining them is indexing);
// each ledger keeps, per key number, its sum in fen and, per row, the pair (key, row), turned
// into one row list per key when the ledger is finished.

import type { Money } from '../money.js';

/**
 * Each key's number: in the order keys are first seen, allocation ledger first.
 *
 * Every row of every ledger asks for its key's number, and the rows of a province's ledgers
 * come in no order, so each question lands somewhere new in a table of hundreds of thousands
 * of keys. A Map<string, number> answers it from three places in memory (bucket, entry, the
 * stored string); this table answers from two: a slot holding the key's hash, number and where
 * its text lies, and the text itself in one array of UTF-16 units. A hash that matches is only
 * a candidate: the text is compared unit by unit, so two keys are one only when equal.
 */
export class KeyIndex {
  /** Per slot: hash, key number + 1 (0 for an empty slot), text offset, text length. */
  private slots = new Int32Array(4 * 1024);
  private mask = 1023;
  /** Every key's text, one after another. */
  private text = new Uint16Array(64 * 1024);
  private textLength = 0;
  /** The normalised identity of each key (key.ts). */
  readonly ids: string[] = [];
  /** Each key as first written: in the allocation ledger if it has it, else the first that does. */
  readonly parts: (readonly string[])[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** The key's number, giving it the next one if it is new. */
  intern(id: string, parts: readonly string[]): number {
    const h = hashOf(id);
    const at = this.slotOf(id, h);
    const k = this.slots[at + 1]! - 1;
    if (k !== -1) return k;
    return this.add(id, h, at, parts);
  }

  find(id: string): number | undefined {
    const k = this.slots[this.slotOf(id, hashOf(id)) + 1]! - 1;
    return k === -1 ? undefined : k;
  }

  /** The slot (index into `slots`) holding `id`, or the empty one where it would go. */
  private slotOf(id: string, h: number): number {
    const slots = this.slots;
    const text = this.text;
    const n = id.length;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const at = 4 * i;
      if (slots[at + 1] === 0) return at;
      if (slots[at] !== h || slots[at + 3] !== n) continue;
      const from = slots[at + 2]!;
      let j = 0;
      while (j < n && text[from + j] === id.charCodeAt(j)) j++;
      if (j === n) return at;
    }
  }

  private add(id: string, h: number, at: number, parts: readonly string[]): number {
    const k = this.ids.length;
    this.ids.push(id);
    this.parts.push(parts);
    if (this.textLength + id.length > this.text.length) {
      const grown = new Uint16Array(Math.max(2 * this.text.length, this.textLength + id.length));
      grown.set(this.text.subarray(0, this.textLength));
      this.text = grown;
    }
    for (let j = 0; j < id.length; j++) this.text[this.textLength + j] = id.charCodeAt(j);
    this.slots[at] = h;
    this.slots[at + 1] = k + 1;
    this.slots[at + 2] = this.textLength;
    this.slots[at + 3] = id.length;
    this.textLength += id.length;
    // At most half full, so a search meets an empty slot soon.
    if (2 * this.ids.length > this.mask) this.grow();
    return k;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    this.slots = new Int32Array(4 * (this.mask + 1));
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue;
      let i = old[at]! & this.mask;
      while (this.slots[4 * i + 1] !== 0) i = (i + 1) & this.mask;
      for (let j = 0; j < 4; j++) this.slots[4 * i + j] = old[at + j]!;
    }
  }
}

/** FNV-1a over the UTF-16 units, then mixed so that close keys (XM2023-0001, -0002) spread. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

const MAX_SAFE = 2n ** 62n;

/** One ledger's money and rows by key number. */
export class LedgerKeys {
  private sums = new BigInt64Array(1024);
  /** Rows per key; a key is in this ledger when it has one (or was given rows by a merge). */
  private counts = new Int32Array(1024);
  /** Sums past ±2^62 fen, kept exactly; BigInt64Array would wrap silently. */
  private big: Map<number, bigint> | undefined;
  /** (key, row) for each row, in the order rows were added. */
  private pairs = new Int32Array(2048);
  private length = 0;
  /** After finish: each key's rows in row order, `rows[offsets[k] .. offsets[k + 1])`. */
  private offsets: Int32Array | undefined;
  private rowsByKey: Int32Array | undefined;
  /** Rows given to a key by a merge (near-miss.ts), replacing its own. */
  private moved: Map<number, Int32Array> | undefined;
  /** Keys with a row whose amount was rounded to the fen, and those rows. */
  readonly rounded = new Map<number, number[]>();
  /** Key numbers in this ledger, in the order first seen. */
  private readonly order: number[] = [];

  /** Adds one row of `amount` under key `k`. */
  add(k: number, amount: Money, row: number, rounded: boolean): void {
    if (k >= this.counts.length) this.grow(k + 1);
    if (this.counts[k] === 0) this.order.push(k);
    this.counts[k]!++;
    const s = this.big?.get(k);
    if (s !== undefined) this.big!.set(k, s + amount);
    else {
      const next = this.sums[k]! + amount;
      if (next > MAX_SAFE || next < -MAX_SAFE) (this.big ??= new Map()).set(k, next);
      else this.sums[k] = next;
    }
    if (this.length + 2 > this.pairs.length) {
      const p = new Int32Array(this.pairs.length * 2);
      p.set(this.pairs);
      this.pairs = p;
    }
    this.pairs[this.length++] = k;
    this.pairs[this.length++] = row;
    if (rounded) {
      const list = this.rounded.get(k);
      if (list) list.push(row);
      else this.rounded.set(k, [row]);
    }
  }

  private grow(n: number): void {
    let size = this.counts.length;
    while (size < n) size *= 2;
    const sums = new BigInt64Array(size);
    sums.set(this.sums);
    this.sums = sums;
    const counts = new Int32Array(size);
    counts.set(this.counts);
    this.counts = counts;
  }

  has(k: number): boolean {
    return k < this.counts.length && this.counts[k]! > 0;
  }

  sum(k: number): Money {
    if (k >= this.counts.length) return 0n;
    return this.big?.get(k) ?? this.sums[k]!;
  }

  /** Number of keys in this ledger. */
  get size(): number {
    let n = 0;
    for (const k of this.order) if (this.has(k)) n++;
    return n;
  }

  /** The key numbers in this ledger, in the order first seen. */
  *keys(): IterableIterator<number> {
    for (const k of this.order) if (this.has(k)) yield k;
  }

  /** Turns the (key, row) pairs into one list of rows per key, each in row order. */
  finish(): void {
    const n = this.counts.length;
    const offsets = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + this.counts[k]!;
    const rows = new Int32Array(this.length / 2);
    const next = offsets.slice(0, n);
    let unsorted = false;
    for (let i = 0; i < this.length; i += 2) {
      const k = this.pairs[i]!;
      const at = next[k]!++;
      rows[at] = this.pairs[i + 1]!;
      // A held-back heading row that turned out to be data arrives after the rows below it.
      if (at > offsets[k]! && rows[at - 1]! > rows[at]!) unsorted = true;
    }
    if (unsorted) for (let k = 0; k < n; k++) rows.subarray(offsets[k], offsets[k + 1]).sort();
    this.offsets = offsets;
    this.rowsByKey = rows;
    this.pairs = new Int32Array(0);
    this.length = 0;
  }

  /** The key's rows, in row order (after finish). */
  rows(k: number): Int32Array {
    const moved = this.moved?.get(k);
    if (moved) return moved;
    if (!this.offsets || !this.rowsByKey || k + 1 >= this.offsets.length) return new Int32Array(0);
    return this.rowsByKey.subarray(this.offsets[k], this.offsets[k + 1]);
  }

  /** Folds key `from` into key `into` (after finish): its money, rows and rounded rows. */
  merge(from: number, into: number): void {
    if (!this.has(from)) return;
    if (into >= this.counts.length) this.grow(into + 1);
    const rows = new Int32Array(this.rows(into).length + this.rows(from).length);
    rows.set(this.rows(into));
    rows.set(this.rows(from), this.rows(into).length);
    rows.sort();
    (this.moved ??= new Map()).set(into, rows);
    this.moved.delete(from);
    const sum = this.sum(into) + this.sum(from);
    this.big?.delete(from);
    if (sum > MAX_SAFE || sum < -MAX_SAFE) (this.big ??= new Map()).set(into, sum);
    else {
      this.big?.delete(into);
      this.sums[into] = sum;
    }
    if (this.counts[into] === 0) this.order.push(into);
    this.counts[into]! += this.counts[from]!;
    this.counts[from] = 0;
    this.sums[from] = 0n;
    const fromRounded = this.rounded.get(from);
    if (fromRounded) {
      this.rounded.set(into, [...(this.rounded.get(into) ?? []), ...fromRounded].sort((a, b) => a - b));
      this.rounded.delete(from);
    }
  }
}
