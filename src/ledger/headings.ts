// Heading rows: a category (一、产业发展类, （一）种植业) or a town over its projects, carrying
// the sum of the rows under it, which counted as data would count twice. The rows between two
// totals are held back and read whole: a row is a heading only where the sums say so, and a
// stated total that foots under one reading and not the others settles the matter.

import type { Role } from '../domain.js';
import { FundgapError } from '../errors.js';
import { normaliseKey } from '../text/normalise.js';
import { joinKey } from './key.js';
import { formatGrouped, withinRounding, type Money } from '../money.js';
import type { LedgerRow } from './rows.js';
import { cellText } from './header.js';
import type { Layout } from './layout.js';

/** How the config settles headings for one ledger: none at all, or exactly these rows. */
export type HeadingsSetting = 'none' | readonly number[];

/**
 * A heading decision that another ledger may settle: a row read as data although the sums
 * suggest a heading ('doubt'), or read as a heading with no stated total to confirm it
 * ('unconfirmed'). If another ledger has its key, it is a real key: a doubt stands as data,
 * an unconfirmed heading is contradicted. A doubt nobody settles stops the run. A row that
 * equals the one row under it ('possible') is read as data and never stops a run on its
 * own, but when a run stops it is among the rows the hint asks about.
 */
export interface HeadingQuestion {
  row: number;
  kind: 'doubt' | 'unconfirmed' | 'possible';
  /** The row's key, and the key without its numbering (（一）戊项目 is 戊项目 elsewhere). */
  keyIds: string[];
  label: string;
  amount: Money;
  covers: Covers;
  /** A stated total foots with this row as a heading and also without (another reading). */
  rival?: boolean | undefined;
}

/** What a pending stretch of rows must add up to for a total to foot, with the rounding already in it. */
export interface Target {
  sum: Money;
  rounded: number;
}

export interface Covers {
  sum: Money;
  count: number;
  first: number | undefined;
  last: number | undefined;
  /** Rows under the heading whose amounts were rounded to the fen. */
  rounded: number;
}

export interface HeadingSink {
  data(row: LedgerRow, hidden: boolean): void;
  heading(row: LedgerRow, hidden: boolean, covers: Covers): void;
  question(q: HeadingQuestion): void;
}

/** Rows held back at most; a longer stretch without a total is read in pieces of this size. */
const MAX_HELD = 20_000;
/** Rows a heading may have directly under it, so a stretch is read in bounded time. */
const MAX_CHILDREN = 200;

type Strength = 'strong' | 'medium' | 'weak';
const RANK: Record<Strength, number> = { weak: 0, medium: 1, strong: 2 };

interface Item {
  row: LedgerRow;
  hidden: boolean;
  /** In fen, exact (amounts are rounded to the fen when read). */
  fen: bigint;
  level: 1 | 2 | undefined;
  /** 序号 is an Arabic number: a project of a numbered list. */
  numbered: boolean;
  /** Could carry the sum of other rows (isEligible). */
  eligible: boolean;
  /** Columns other than the amount that hold text, as bits. */
  filled: bigint;
}

interface Node {
  at: number;
  fen: bigint;
  heading: boolean;
  /** Over the rows under it that are not headings (for a leaf: itself). */
  leaves: { count: number; first: number; last: number; rounded: number; fen: bigint; filled: bigint };
}

/** The headings of one reading, by item index, each with the data rows under it. */
type Reading = Map<number, Node['leaves']>;

function leafOf(items: readonly Item[], at: number): Node {
  const it = items[at]!;
  const r = it.row.row;
  return { at, fen: it.fen, heading: false, leaves: { count: 1, first: r, last: r, rounded: it.row.written ? 1 : 0, fen: it.fen, filled: it.filled } };
}

function merge(children: readonly Node[]): Node['leaves'] {
  let filled: bigint | undefined;
  const out = { count: 0, first: Infinity, last: -Infinity, rounded: 0, fen: 0n, filled: 0n };
  for (const c of children) {
    out.count += c.leaves.count;
    out.first = Math.min(out.first, c.leaves.first);
    out.last = Math.max(out.last, c.leaves.last);
    out.rounded += c.leaves.rounded;
    out.fen += c.leaves.fen;
    filled = filled === undefined ? c.leaves.filled : filled & c.leaves.filled;
  }
  out.filled = filled ?? 0n;
  return out;
}

/**
 * How strongly a sum speaks for a heading. Numbered headings (一、, （一）) are strong with two
 * or more rows under them, or one numbered a level down (1, or （一） under 一). An unnumbered
 * row is strong with two or more rows under it that all fill a column it leaves empty (the
 * projects have a 序号 or a 建设地点, the town does not). Two rows alike, or one row set apart,
 * is medium; one row alike is weak: 100 over one 100 is as likely two payments.
 */
function strength(parent: Item, first: Item, children: readonly Node[], leaves: Node['leaves']): Strength {
  const k = children.length;
  if (parent.level !== undefined) {
    const downLevel = first.numbered || (first.level !== undefined && first.level > parent.level);
    return k >= 2 || downLevel ? 'strong' : 'weak';
  }
  const setApart = (leaves.filled & ~parent.filled) !== 0n;
  if (k >= 2) return setApart ? 'strong' : 'medium';
  return setApart ? 'medium' : 'weak';
}

/**
 * Folds rows into the headings above (or, `bottom`, below) them wherever a row's amount equals
 * the rows next to it, innermost first, taking only matches at least `min` strong. A numbered
 * heading takes no row numbered at its level or above; an unnumbered one takes no numbered
 * heading; no heading takes a row with its own key.
 */
function fold(items: readonly Item[], bottom: boolean, min: Strength, only?: ReadonlySet<number>): Reading {
  const out: Reading = new Map();
  const stack: Node[] = [];
  const n = items.length;
  for (let s = 0; s < n; s++) {
    const at = bottom ? s : n - 1 - s;
    const it = items[at]!;
    let node = leafOf(items, at);
    const may = only ? only.has(it.row.row) : it.eligible && !(bottom && it.level !== undefined);
    if (may) {
      let sum = 0n;
      let k = 0;
      for (let j = stack.length - 1; j >= 0 && k < MAX_CHILDREN; j--) {
        const c = items[stack[j]!.at]!;
        if (it.level !== undefined ? c.level !== undefined && c.level <= it.level : c.level !== undefined && !only) break;
        if (c.row.keyId === it.row.keyId) break;
        sum += stack[j]!.fen;
        k++;
        if (sum === it.fen) {
          const children = stack.slice(j).reverse();
          const leaves = merge(children);
          const first = items[children[0]!.at]!;
          if (only || RANK[strength(it, first, children, leaves)] >= RANK[min]) {
            stack.length = j;
            node = { at, fen: it.fen, heading: true, leaves };
            out.set(at, leaves);
          }
          break;
        }
        if (sum > it.fen) break;
      }
    }
    stack.push(node);
  }
  return out;
}

/**
 * The old rule for numbered headings: a row numbered 一、 or （一） with rows under it before
 * the next row numbered at its level, whatever they add up to. Only a stated total that
 * foots this way (and no other) makes it the reading; the headings are then checked like
 * subtotals, so one that does not equal its rows is a footing mismatch.
 */
function byNumbering(items: readonly Item[]): Reading {
  const isHeading = items.map((it, i) => it.eligible && it.level !== undefined && i + 1 < items.length && !(items[i + 1]!.level !== undefined && items[i + 1]!.level! <= it.level));
  const out: Reading = new Map();
  items.forEach((it, i) => {
    if (!isHeading[i]) return;
    const under: Node[] = [];
    for (let j = i + 1; j < items.length; j++) {
      const c = items[j]!;
      if (c.level !== undefined && c.level <= it.level!) break;
      if (!isHeading[j]) under.push(leafOf(items, j));
    }
    if (under.length > 0) out.set(i, merge(under));
  });
  return out;
}

/**
 * Listed rows (the config's `headings`): each over the rows below it its sum reaches, else
 * over the rows above it (a heading at the bottom of its group), else up to the next listed row.
 */
function listed(items: readonly Item[], rows: ReadonlySet<number>): Reading {
  const out = fold(items, false, 'weak', rows);
  const unmatched = new Set(items.filter((it, i) => rows.has(it.row.row) && !out.has(i)).map((it) => it.row.row));
  if (unmatched.size) for (const [i, covers] of fold(items, true, 'weak', unmatched)) out.set(i, covers);
  items.forEach((it, i) => {
    if (!rows.has(it.row.row) || out.has(i)) return;
    const under: Node[] = [];
    for (let j = i + 1; j < items.length && !rows.has(items[j]!.row.row); j++) under.push(leafOf(items, j));
    out.set(i, under.length ? merge(under) : { count: 0, first: it.row.row, last: it.row.row, rounded: 0, fen: 0n, filled: 0n });
  });
  return out;
}

/** 序号 holds an Arabic number: a row of a numbered list. */
function isNumbered(row: LedgerRow, amountColumns: readonly number[]): boolean {
  const cells = row.raw.cells;
  for (let i = 0; i < cells.length; i++) {
    if (amountColumns.includes(i)) continue;
    const text = cellText(cells[i]).trim();
    if (text !== '') return /^\d+$/.test(text);
  }
  return false;
}

/**
 * Could carry the sum of other rows: positive, not a numbered project, and not an event — a
 * payment to someone (payee, ID number, account) or a dated or vouchered booking.
 */
function isEligible(row: LedgerRow, amountColumns: readonly number[]): boolean {
  const event = row.payee !== undefined || row.idNumber !== undefined || row.bankAccount !== undefined || row.date !== undefined || row.voucher !== undefined;
  return !event && (row.amount > 0) && (row.heading !== undefined || !isNumbered(row, amountColumns));
}

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]?|[(（][一二三四五六七八九十]+[)）][、.．]?)\s*/;

interface Held {
  row: LedgerRow;
  hidden: boolean;
  eligible: boolean;
}

export class HeadingResolver {
  /** The rows of the stretch still held back. */
  private held: Held[] = [];
  private anyEligible = false;
  private readonly listedRows: ReadonlySet<number> | undefined;

  constructor(
    private readonly sink: HeadingSink,
    private readonly layout: Layout,
    private readonly setting: HeadingsSetting | undefined,
  ) {
    this.listedRows = Array.isArray(setting) ? new Set(setting) : undefined;
  }

  data(row: LedgerRow, hidden: boolean): void {
    if (this.setting === 'none') {
      this.sink.data(row, hidden);
      return;
    }
    const eligible = this.listedRows ? this.listedRows.has(row.row) : isEligible(row, this.layout.amountColumns);
    this.held.push({ row, hidden, eligible });
    this.anyEligible ||= eligible;
    // Until a row that could head others arrives, only the rows a heading below them could
    // cover need to wait; earlier ones go on (the totals that may settle the stretch count
    // them from the running sums, targetsFor), which keeps a long list of payments streaming.
    if (!this.anyEligible && this.held.length >= 2 * MAX_CHILDREN) {
      for (const h of this.held.splice(0, MAX_CHILDREN)) this.sink.data(h.row, h.hidden);
    }
    if (this.held.length >= MAX_HELD) this.close([]);
  }

  /**
   * Ends the stretch: `targets` are the sums its data rows must have for the total that ends
   * it (or the totals waiting for the end of the sheet) to foot; none when nothing states one.
   */
  close(targets: readonly Target[]): void {
    const held = this.held;
    this.held = [];
    this.anyEligible = false;
    if (held.length === 0) return;
    const items = held.map((h) => this.item(h));
    const { chosen, questions } = this.decide(items, targets);
    items.forEach((it, i) => {
      const covers = chosen.get(i);
      if (covers) this.sink.heading(it.row, it.hidden, { sum: covers.fen, count: covers.count, first: covers.count ? covers.first : undefined, last: covers.count ? covers.last : undefined, rounded: covers.rounded });
      else this.sink.data(it.row, it.hidden);
    });
    for (const q of questions) this.sink.question(q);
  }

  private decide(items: readonly Item[], targets: readonly Target[]): { chosen: Reading; questions: HeadingQuestion[] } {
    if (this.listedRows) return { chosen: listed(items, this.listedRows), questions: [] };
    const all = items.reduce((sum, it) => sum + it.fen, 0n);
    const rounded = items.reduce((n, it) => n + (it.row.written ? 1 : 0), 0);
    const readings: Reading[] = [
      new Map(),
      fold(items, false, 'strong'),
      fold(items, true, 'strong'),
      fold(items, false, 'medium'),
      fold(items, true, 'medium'),
      fold(items, false, 'weak'),
      fold(items, true, 'weak'),
      byNumbering(items),
    ];
    // The first reading under which a stated total foots decides, the plainest first.
    const foots = (r: Reading) => {
      let leaves = all;
      let leafRounded = rounded;
      for (const [i] of r) {
        leaves -= items[i]!.fen;
        if (items[i]!.row.written) leafRounded--;
      }
      const sum = leaves;
      return targets.some((tg) => withinRounding(sum - tg.sum, tg.rounded + leafRounded));
    };
    const footing = targets.length ? readings.filter(foots) : [];
    const confirmed = footing[0];
    if (confirmed) {
      // Another reading with other headings foots too (a row equal to the one above it and
      // the one below it): the other ledgers may tell which; if they cannot, the user must.
      const rival = footing.find((r) => r.size !== confirmed.size || [...r.keys()].some((i) => !confirmed.has(i)));
      if (!rival) return { chosen: confirmed, questions: [] };
      const questions: HeadingQuestion[] = [];
      for (const [i, covers] of confirmed) if (!rival.has(i)) questions.push({ ...this.question(items[i]!, 'unconfirmed', covers), rival: true });
      for (const [i, covers] of rival) if (!confirmed.has(i)) questions.push({ ...this.question(items[i]!, 'doubt', covers), rival: true });
      return { chosen: confirmed, questions };
    }

    // Nothing settles it: strong headings stand, unless another ledger pays their key; rows
    // that only a weaker reading makes headings stay data, unless nobody pays their key.
    const chosen = readings[1]!.size ? readings[1]! : readings[2]!;
    const questions: HeadingQuestion[] = [];
    for (const [i, covers] of chosen) questions.push(this.question(items[i]!, 'unconfirmed', covers));
    const doubted = new Map<number, Node['leaves']>();
    for (const r of [readings[3]!, readings[4]!, readings[7]!]) for (const [i, covers] of r) if (!chosen.has(i) && !doubted.has(i)) doubted.set(i, covers);
    for (const [i, covers] of [...doubted].sort((a, b) => a[0] - b[0])) questions.push(this.question(items[i]!, 'doubt', covers));
    const possible = new Map<number, Node['leaves']>();
    for (const [i, covers] of readings[5]!) if (!chosen.has(i) && !doubted.has(i)) possible.set(i, covers);
    for (const [i, covers] of [...possible].sort((a, b) => a[0] - b[0])) questions.push(this.question(items[i]!, 'possible', covers));
    return { chosen, questions };
  }

  private question(it: Item, kind: HeadingQuestion['kind'], covers: Node['leaves']): HeadingQuestion {
    const r = it.row;
    const label = r.keyParts.join(' / ');
    const bare = r.keyParts.length === 1 ? r.keyParts[0]!.replace(NUMBERING, '') : undefined;
    const keyIds = [r.keyId];
    if (bare !== undefined && bare !== r.keyParts[0] && bare !== '') keyIds.push(joinKey([normaliseKey(bare)]));
    return { row: r.row, kind, keyIds, label, amount: r.amount, covers: { sum: covers.fen, count: covers.count, first: covers.first, last: covers.last, rounded: covers.rounded } };
  }

  private item(h: Held): Item {
    const raw = h.row.raw;
    let filled = 0n;
    const money = this.layout.amountColumns;
    raw.cells.forEach((c, i) => {
      if (!money.includes(i) && cellText(c).trim() !== '') filled |= 1n << BigInt(i);
    });
    const numbered = isNumbered(h.row, money);
    return { row: h.row, hidden: h.hidden, fen: h.row.amount, level: h.row.heading, numbered, eligible: h.eligible, filled };
  }
}

/** A ledger's rows read as headings, in row order (for the config the hints suggest). */
export interface HeadingLedger {
  role: string;
  file: string;
  sheet: string | undefined;
  configPath: string;
  headings: readonly number[];
  questions: readonly HeadingQuestion[];
  /** The name of another ledger that has this key, if one does. */
  elsewhere: (keyId: string) => Role | undefined;
}

/**
 * Settles what the other ledgers can: a doubted row whose key another ledger has stands as
 * data; an unconfirmed heading whose key another ledger has, or a doubt nobody settles, stops
 * the run with the config that settles it.
 */
export function settleHeadingQuestions(ledgers: readonly HeadingLedger[]): void {
  for (const l of ledgers) {
    for (const q of l.questions) {
      if (q.kind === 'possible') continue;
      const other = q.keyIds.map(l.elsewhere).find((x) => x !== undefined);
      if (q.kind === 'doubt' && other !== undefined) continue;
      if (q.kind === 'unconfirmed' && other === undefined) continue;
      throw headingError(l, q, other);
    }
  }
}

function headingError(l: HeadingLedger, q: HeadingQuestion, other: Role | undefined): FundgapError {
  // Every row of the sheet that may be a heading, so one answer settles them all; not the
  // one another ledger pays.
  const set = new Set([...l.headings, ...l.questions.map((x) => x.row)]);
  if (q.kind === 'unconfirmed') set.delete(q.row);
  return new FundgapError({
    code: 'HEADING_AMBIGUOUS',
    at: { file: l.file, sheet: l.sheet, row: q.row },
    text: q.label,
    kind: q.kind === 'doubt' ? 'doubt' : 'paid-elsewhere',
    label: q.label,
    amount: formatGrouped(q.amount),
    // The rows it would cover: below it, or (a heading at the bottom of its group) above it.
    under: { first: q.covers.first, last: q.covers.last, count: q.covers.count },
    rival: q.rival === true,
    otherLedger: other,
    maybe: [...set].sort((a, b) => a - b),
    notRow: q.kind === 'unconfirmed' ? q.row : undefined,
    configPath: l.configPath,
  });
}
