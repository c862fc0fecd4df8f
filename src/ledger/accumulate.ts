// Sums one ledger as its rows stream past: money per key with the rows behind it (keys.ts),
// the rows skipped and why, each 合计/小计 row (and an account book's 承前页/过次页/本页合计)
// checked against the rows it covers, and every amount rounded to the fen. Memory grows with
// the number of keys; per row only its row number is kept, as evidence.

import { ZERO, absMoney, roundingAllowance, withinRounding, type Exact, type Money, type Unit } from '../money.js';
import type { BreakdownCheck } from './breakdowns.js';
import type { ExcludedRow, LedgerRow, SkipReason, TotalRow, Verdict } from './rows.js';
import type { HeadingQuestion, Target } from './headings.js';
import { LedgerKeys, type KeyIndex } from './keys.js';

/** A row whose amount had digits past the fen, and what it became. */
export interface RoundedRow {
  row: number;
  label: string;
  /** As written, in 元. */
  written: Exact;
  /** Rounded half-up to the fen: what the figures use. */
  amount: Money;
}

export interface FootingCheck {
  row: number;
  kind: TotalRow['kind'];
  label: string;
  stated: Money;
  computed: Money;
  /** Equal, or apart by no more than the rounding of the amounts involved (`allowance`). */
  foots: boolean;
  formula: string | undefined;
  /** The data rows the total was checked against (first and last row number, and count). */
  covers: { first: number | undefined; last: number | undefined; count: number };
  /** A figure carried in from an earlier page (承前页), included in `computed`. */
  base: Money | undefined;
  /** Amounts involved (the total's and its rows') that were rounded to the fen. */
  rounded: number;
  /** Half a fen for each of them: the most their rounding can have moved the difference. */
  allowance: Exact;
  /** Not equal, but apart by no more than `allowance`: a rounding note, not a mismatch. */
  withinRounding: boolean;
  /**
   * A bank file's total may count the payments that failed: it foots when it equals the rows
   * used plus those, and this is how much of it they are.
   */
  failedIncluded?: Money | undefined;
}

export interface LedgerTotals {
  read: number;
  used: number;
  skipped: { row: number; reason: SkipReason }[];
  hiddenRows: number[];
  /** Money and rows by key number (the run's KeyIndex). */
  keys: LedgerKeys;
  total: Money;
  footing: FootingCheck[];
  /** Rows with money left out of the figures, in row order. */
  excluded: ExcludedRow[];
  /** Every amount read (data, total, heading or breakdown) that was rounded to the fen. */
  rounded: RoundedRow[];
  /** 其中 breakdowns, each checked against the row it breaks down. */
  breakdowns: BreakdownCheck[];
  /** Heading decisions another ledger may confirm or contradict (headings.ts). */
  headingQuestions: HeadingQuestion[];
  /** Amounts read with no unit stated by cell, header, sheet or config, and the first of them. */
  unstatedAmounts: number;
  firstUnstatedRow: number | undefined;
  /** Amounts whose own cell said 万元 (`20万元`), and the first of them. */
  cellWanAmounts: number;
  firstCellWanRow: number | undefined;
  /** How many amounts were read in each unit (stated or assumed). */
  rowUnits: Map<Unit, number>;
}

/**
 * The data rows since some point. Its sum is the running total now minus the running total
 * when it opened, so a row costs one addition however many spans are open.
 */
interface Span {
  start: Money;
  startRounded: number;
  /** The failed payments' running total when the span opened. */
  failedStart: Money;
  count: number;
  first: number | undefined;
  last: number | undefined;
}

function extend(span: Span, row: number): void {
  span.count++;
  // Held-back rows (headings.ts) may arrive after the rows below them.
  if (span.first === undefined || row < span.first) span.first = row;
  if (span.last === undefined || row > span.last) span.last = row;
}

/** One way a total may be meant: the rows of `span`, plus a figure carried in. */
interface Reading {
  span: Span;
  base: Money | undefined;
}

const isCumulative = (label: string) => /累[计計]/.test(label);

/**
 * A total row is checked against the rows it covers. Whether 小计 rows close the group above
 * them or head the group below them is decided once per sheet, by the first one: after data
 * rows it closes, straight after the header it heads. Where they close, a 小计 that follows
 * another 小计 (乙镇小计 after 甲村小计 and 乙村小计) is one level up and covers everything since
 * the previous such one. A 合计 covers the whole table, at the top or the bottom.
 */
export class LedgerAccumulator {
  private readonly t: LedgerTotals = {
    read: 0,
    used: 0,
    skipped: [],
    hiddenRows: [],
    keys: new LedgerKeys(),
    total: ZERO,
    footing: [],
    excluded: [],
    rounded: [],
    breakdowns: [],
    headingQuestions: [],
    unstatedAmounts: 0,
    firstUnstatedRow: undefined,
    cellWanAmounts: 0,
    firstCellWanRow: undefined,
    rowUnits: new Map(),
  };
  /** Data rows rounded to the fen so far. */
  private roundedCount = 0;
  /** Money of rows left out as failed payments, running, for totals that count them. */
  private failed: Money = ZERO;
  private all: Span = this.open();
  /** Rows since the last 小计 or 合计. */
  private group: Span = this.open();
  /** Rows since the last higher-level 小计 or 合计 (subtotals that close their groups). */
  private higher: Span = this.open();
  private subtotals: 'close' | 'head' | undefined;
  /** Where subtotals head their groups: the one whose group is still open. */
  private openHead: TotalRow | undefined;
  private readonly tableHeads: TotalRow[] = [];
  /** Rows since the page began (the table's start, a 承前页/过次页 or a 本页合计). */
  private page: Span = this.open();
  /** The figure the first 承前页 brings in from pages this sheet does not hold. */
  private base: Money | undefined;
  /** Whether any 小计 or 合计 has closed a group yet (the month a 承前页 may belong to). */
  private closedAny = false;

  /** `index` numbers the keys of the whole run, so the three ledgers' keys are one list. */
  constructor(private readonly index: KeyIndex) {}

  /** Rows before the data (title, unit line, header) count as read and skipped. */
  skipPreamble(row: number, reason: SkipReason): void {
    this.t.read++;
    this.t.skipped.push({ row, reason });
  }

  add(v: Verdict, hidden: boolean): void {
    if (v.kind === 'data') {
      this.addRow(v.row, hidden);
      return;
    }
    this.t.read++;
    if (hidden) this.t.hiddenRows.push(v.row);
    this.t.skipped.push({ row: v.row, reason: v.reason });
    if (v.excluded) {
      this.t.excluded.push({ row: v.row, ...v.excluded });
      this.noteRounded(v.row, v.excluded.label, v.excluded.written, v.excluded.amount);
      if (v.excluded.reason === 'payment-failed') this.failed = (this.failed + v.excluded.amount);
    }
    if (v.total) {
      this.noteRounded(v.row, v.total.label, v.total.written, v.total.amount);
      this.onTotal(v.total);
    }
  }

  /** A data row: the same as add({ kind: 'data', row }), without the verdict around it. */
  addRow(r: LedgerRow, hidden: boolean): void {
    this.t.read++;
    if (hidden) this.t.hiddenRows.push(r.row);
    this.addData(r);
  }

  /** A category heading, checked against the rows under it (headings.ts). */
  addGroupHeading(
    r: LedgerRow,
    hidden: boolean,
    label: string,
    covers: { sum: Money; count: number; first: number | undefined; last: number | undefined; rounded: number },
  ): void {
    this.t.read++;
    if (hidden) this.t.hiddenRows.push(r.row);
    this.t.skipped.push({ row: r.row, reason: 'group-heading' });
    this.t.excluded.push({ row: r.row, reason: 'group-heading', amount: r.amount, label, written: r.written });
    this.noteRounded(r.row, label, r.written, r.amount);
    this.pushCheck({
      row: r.row,
      kind: 'subtotal',
      label,
      stated: r.amount,
      computed: covers.sum,
      formula: undefined,
      covers: { first: covers.first, last: covers.last, count: covers.count },
      base: undefined,
      rounded: covers.rounded + (r.written ? 1 : 0),
    });
  }

  addBreakdown(check: BreakdownCheck): void {
    this.t.breakdowns.push(check);
  }

  addHeadingQuestion(q: HeadingQuestion): void {
    this.t.headingQuestions.push(q);
  }

  private noteRounded(row: number, label: string, written: Exact | undefined, amount: Money | undefined): void {
    if (written !== undefined && amount !== undefined) this.t.rounded.push({ row, label, written, amount });
  }

  private addData(r: LedgerRow): void {
    this.t.used++;
    this.t.total = (this.t.total + r.amount);
    if (r.written) {
      this.roundedCount++;
      this.noteRounded(r.row, r.keyParts.join(' / '), r.written, r.amount);
    }
    if (!r.unitStated) {
      this.t.unstatedAmounts++;
      this.t.firstUnstatedRow ??= r.row;
    }
    if (r.unitInCell && r.unit === '万元') {
      this.t.cellWanAmounts++;
      this.t.firstCellWanRow ??= r.row;
    }
    this.t.rowUnits.set(r.unit, (this.t.rowUnits.get(r.unit) ?? 0) + 1);
    this.t.keys.add(this.index.intern(r.keyId, r.keyParts), r.amount, r.row, r.written !== undefined);
    extend(this.all, r.row);
    extend(this.group, r.row);
    extend(this.higher, r.row);
    extend(this.page, r.row);
  }

  private open(): Span {
    return { start: this.t.total, startRounded: this.roundedCount, failedStart: this.failed, count: 0, first: undefined, last: undefined };
  }

  private sumOf(span: Span): Money {
    return (this.t.total - span.start);
  }

  private roundedOf(span: Span): number {
    return this.roundedCount - span.startRounded;
  }

  private pushCheck(c: Omit<FootingCheck, 'foots' | 'allowance' | 'withinRounding'>): void {
    const allowance = roundingAllowance(c.rounded);
    const apart = (absMoney(c.stated - c.computed));
    const within = c.failedIncluded === undefined && apart !== 0n && withinRounding(apart, c.rounded);
    this.t.footing.push({ ...c, foots: c.failedIncluded !== undefined || (apart === 0n) || within, allowance, withinRounding: within });
  }

  /**
   * Checks a total against the first reading under which it foots, or the first reading when
   * none does (an account book's 过次页 may carry the year's or the month's running sum).
   */
  private check(total: TotalRow, span: Span, others: Reading[] = []): void {
    this.checkReadings(total, [{ span, base: undefined }, ...others]);
  }

  private checkReadings(total: TotalRow, readings: Reading[]): void {
    if (total.amount === undefined) return;
    const stated = total.amount;
    const tried = readings.map((r) => {
      const computed = r.base === undefined ? this.sumOf(r.span) : (r.base + (this.sumOf(r.span)));
      const rounded = this.roundedOf(r.span) + (total.written ? 1 : 0);
      return { ...r, computed, rounded, foots: withinRounding(stated - computed, rounded) };
    });
    const r = tried.find((x) => x.foots) ?? tried[0]!;
    // A bank file's total may count the payments that failed as well as the rows used.
    const failed = (this.failed - r.span.failedStart);
    const withFailed = !r.foots && failed !== 0n && withinRounding(stated - (r.computed + failed), r.rounded);
    this.pushCheck({
      row: total.row,
      kind: total.kind,
      label: total.label,
      stated,
      computed: r.computed,
      formula: total.formula,
      covers: { first: r.span.first, last: r.span.last, count: r.span.count },
      base: r.base,
      rounded: r.rounded,
      ...(withFailed ? { failedIncluded: failed } : {}),
    });
  }

  /** Readings of a total that add the figure a 承前页 brought in (本年累计 in a book begun mid-year). */
  private withBase(total: TotalRow, span: Span): Reading[] {
    return this.base !== undefined && isCumulative(total.label) ? [{ span, base: this.base }] : [];
  }

  /**
   * 承前页 and 过次页 carry the running sum: from the start of what this sheet holds plus what
   * the first 承前页 brought in, or (as some books keep them) from the start of the month.
   * 本页合计 covers the page. Each starts a new page.
   */
  private onCarried(total: TotalRow): void {
    if (total.kind === 'page') this.check(total, this.page);
    else if (this.all.count === 0 && this.base === undefined) this.base = total.amount;
    else {
      this.checkReadings(total, [
        { span: this.all, base: this.base },
        { span: this.group, base: this.closedAny ? undefined : this.base },
      ]);
    }
    this.page = this.open();
  }

  /**
   * The sums a stretch of rows not yet added (`pending` of them) must have for `total` — or,
   * with 'end', the totals that wait for the end of the sheet — to foot. The heading rules
   * (headings.ts) ask before deciding which rows of the stretch are headings.
   */
  targetsFor(total: TotalRow | 'end'): Target[] {
    const out: Target[] = [];
    const add = (stated: Money | undefined, written: Exact | undefined, span: Span, base?: Money) => {
      if (stated === undefined) return;
      const sum = ((stated - (this.sumOf(span))) - (base ?? ZERO));
      if (!out.some((t) => (t.sum === sum))) out.push({ sum, rounded: this.roundedOf(span) + (written ? 1 : 0) });
    };
    if (total === 'end') {
      for (const head of this.tableHeads) add(head.amount, head.written, this.all);
      if (this.openHead) add(this.openHead.amount, this.openHead.written, this.group);
      return out;
    }
    switch (total.kind) {
      case 'total':
        add(total.amount, total.written, this.all);
        add(total.amount, total.written, this.group);
        if (this.base !== undefined && isCumulative(total.label)) add(total.amount, total.written, this.all, this.base);
        break;
      case 'subtotal':
        if (this.subtotals === 'head') {
          if (this.openHead) add(this.openHead.amount, this.openHead.written, this.group);
        } else add(total.amount, total.written, this.group);
        break;
      case 'carried':
        add(total.amount, total.written, this.all, this.base);
        add(total.amount, total.written, this.group, this.closedAny ? undefined : this.base);
        break;
      case 'page':
        add(total.amount, total.written, this.page);
        break;
    }
    return out;
  }

  private onTotal(total: TotalRow): void {
    if (total.kind === 'carried' || total.kind === 'page') {
      this.onCarried(total);
      return;
    }
    this.closedAny = true;
    if (total.kind === 'total') {
      if (this.all.count === 0) {
        this.tableHeads.push(total);
        return;
      }
      this.closeHead();
      // A bare 合计 may close a group (when groups end in 合计 and the sheet in 总计).
      const closesGroup =
        this.group.count > 0 && total.amount !== undefined && !(total.amount === (this.sumOf(this.all))) && (total.amount === (this.sumOf(this.group)));
      this.check(total, closesGroup ? this.group : this.all, closesGroup ? [] : this.withBase(total, this.all));
      this.group = this.open();
      if (!closesGroup) this.higher = this.open();
      return;
    }
    this.subtotals ??= this.group.count === 0 ? 'head' : 'close';
    if (this.subtotals === 'head') {
      this.closeHead();
      this.openHead = total;
      return;
    }
    if (this.group.count > 0) this.check(total, this.group);
    // An empty group's zero subtotal (平安区小计 0) has nothing to cover; any other subtotal
    // straight after a subtotal sums the level below it.
    else if (total.amount === 0n) this.check(total, this.group);
    else {
      this.check(total, this.higher);
      this.higher = this.open();
    }
    this.group = this.open();
  }

  private closeHead(): void {
    if (!this.openHead) return;
    this.check(this.openHead, this.group);
    this.openHead = undefined;
    this.group = this.open();
  }

  finish(): LedgerTotals {
    this.closeHead();
    for (const head of this.tableHeads) this.check(head, this.all, this.withBase(head, this.all));
    this.t.footing.sort((a, b) => a.row - b.row);
    // Held-back headings are settled after the rows under them.
    this.t.excluded.sort((a, b) => a.row - b.row);
    this.t.keys.finish();
    this.t.hiddenRows.sort((a, b) => a - b);
    return this.t;
  }
}
