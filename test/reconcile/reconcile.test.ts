import { describe, expect, it } from 'vitest';
import { LedgerAccumulator, type LedgerTotals } from '../../src/ledger/accumulate.js';
import type { LedgerRow } from '../../src/ledger/rows.js';
import { KeyIndex } from '../../src/ledger/keys.js';
import { joinKey } from '../../src/ledger/key.js';
import { normaliseKey } from '../../src/text/normalise.js';
import { formatExact, money, percent } from '../../src/money.js';
import type { ByRole } from '../../src/domain.js';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { EXACT, sameLimit } from '../../src/settings.js';

type Line = [key: string | string[], amount: string];

function ledger(lines: Line[], keys: KeyIndex): LedgerTotals {
  const acc = new LedgerAccumulator(keys);
  lines.forEach(([key, amount], i) => {
    const keyParts = Array.isArray(key) ? key : [key];
    const row = { row: i + 2, keyParts, keyId: joinKey(keyParts.map(normaliseKey)), amount: money(amount), unit: '元', unitStated: true, hidden: false } as LedgerRow;
    acc.add({ kind: 'data', row }, false);
  });
  return acc.finish();
}

function run(a: Line[], d: Line[], l: Line[], tol = EXACT) {
  const index = new KeyIndex();
  const ledgers: ByRole<LedgerTotals> = { allocated: ledger(a, index), disbursed: ledger(d, index), landed: ledger(l, index) };
  const { keys, totals } = reconcile(ledgers, index, tol);
  return { keys: [...keys], totals };
}

function statusOf(result: ReturnType<typeof run>, key: string) {
  return result.keys.find((k) => k.display === key)?.status;
}

describe('statuses', () => {
  const result = run(
    [['matched', '100'], ['retained', '100'], ['over', '100'], ['notlanded', '100'], ['overlanded', '100'], ['idle', '100']],
    [['matched', '100'], ['retained', '60'], ['over', '130'], ['notlanded', '100'], ['overlanded', '100'], ['unallocated', '50']],
    [['matched', '100'], ['retained', '60'], ['over', '130'], ['notlanded', '70'], ['overlanded', '120'], ['unallocated', '50']],
  );

  it.each([
    ['matched', ['matched']],
    ['retained', ['retained']],
    ['over', ['over-disbursed']],
    ['notlanded', ['not-landed']],
    ['overlanded', ['over-landed']],
    ['idle', ['idle']],
    ['unallocated', ['unallocated']],
  ])('%s', (key, status) => {
    expect(statusOf(result, key)).toEqual(status);
  });

  it('computes the gaps with their signs', () => {
    const over = result.keys.find((k) => k.display === 'over')!;
    expect(formatExact(over.retained)).toBe('-30.00');
    const ol = result.keys.find((k) => k.display === 'overlanded')!;
    expect(formatExact(ol.notLanded)).toBe('-20.00');
    expect(formatExact(result.totals.gap)).toBe(formatExact(result.totals.allocated - result.totals.landed));
  });

  it('orders keys by how far they are from matching, then by name', () => {
    expect(result.keys.map((k) => k.display)).toEqual(['idle', 'unallocated', 'retained', 'notlanded', 'over', 'overlanded', 'matched']);
  });

  it('reports both stages when both disagree', () => {
    expect(statusOf(run([['k', '100']], [['k', '80']], [['k', '70']]), 'k')).toEqual(['retained', 'not-landed']);
  });

  it('sums every row of a key and keeps the rows as evidence', () => {
    const r = run([['k', '100']], [['k', '33.33'], ['k', '33.33'], ['k', '33.34']], [['k', '100']]);
    expect(statusOf(r, 'k')).toEqual(['matched']);
    expect(r.keys[0]!.evidence.disbursed).toEqual([2, 3, 4]);
  });
});

describe('tolerance', () => {
  const gapOf = (allowed: Parameters<typeof sameLimit>[0], d: string) => statusOf(run([['k', '1000']], [['k', d]], [['k', d]], sameLimit(allowed)), 'k');

  it('absolute: a gap at the limit passes, one fen past it does not', () => {
    expect(gapOf({ absolute: money('1') }, '999.00')).toEqual(['matched']);
    expect(gapOf({ absolute: money('1') }, '998.99')).toEqual(['retained']);
  });

  it('percent of the larger side: at the limit passes, past it does not', () => {
    expect(gapOf({ percent: percent('0.5') }, '995.00')).toEqual(['matched']);
    expect(gapOf({ percent: percent('0.5') }, '994.99')).toEqual(['retained']);
    // Over-disbursed: the larger side is the disbursement, 1005 * 0.5% = 5.025.
    expect(gapOf({ percent: percent('0.5') }, '1005.02')).toEqual(['matched']);
    expect(gapOf({ percent: percent('0.5') }, '1005.03')).toEqual(['over-disbursed']);
  });

  it('both set: the stricter applies', () => {
    expect(gapOf({ absolute: money('10'), percent: percent('0.5') }, '994.00')).toEqual(['retained']);
    expect(gapOf({ absolute: money('2'), percent: percent('5') }, '997.00')).toEqual(['retained']);
    expect(gapOf({ absolute: money('2'), percent: percent('5') }, '998.00')).toEqual(['matched']);
  });

  it('zero means exact', () => {
    expect(gapOf({ absolute: money('0') }, '999.99')).toEqual(['retained']);
  });
});

describe('keys', () => {
  it('matches the same project spelled with full-width digits and an ideographic space', () => {
    const r = run([['屈王度村2018年度饮水工程', '5']], [['屈王度村　２０１８年度饮水工程', '5']], [['屈王度村 2018年度饮水工程', '5']]);
    expect(r.keys).toHaveLength(1);
    expect(r.keys[0]!.display).toBe('屈王度村2018年度饮水工程');
    expect(r.keys[0]!.status).toEqual(['matched']);
  });

  it('keeps composite keys apart when one part differs', () => {
    const r = run(
      [[['高庙镇', '道路硬化'], '10'], [['瞿昙镇', '道路硬化'], '20']],
      [[['高庙镇', '道路硬化'], '10'], [['瞿昙镇', '道路硬化'], '15']],
      [[['高庙镇', '道路硬化'], '10'], [['瞿昙镇', '道路硬化'], '15']],
    );
    expect(r.keys.map((k) => [k.display, k.status])).toEqual([
      ['瞿昙镇 / 道路硬化', ['retained']],
      ['高庙镇 / 道路硬化', ['matched']],
    ]);
  });
});
