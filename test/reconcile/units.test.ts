// Which unit a ledger that states none is read in: 万元 only on the evidence of a ledger that
// states its own, never on magnitude alone.

import { describe, expect, it } from 'vitest';
import type { ByRole } from '../../src/domain.js';
import { KeyIndex, LedgerKeys } from '../../src/ledger/keys.js';
import type { UnitSource } from '../../src/ledger/layout.js';
import { formatExact, money, ZERO } from '../../src/money.js';
import { checkUnits, type UnitEvidence } from '../../src/reconcile/units.js';

/** Key numbers shared by every ledger of these tests, as a run shares them. */
const INDEX = new KeyIndex();

/** A ledger read in 元: its keys' sums, where its unit came from, and whether it pays people. */
function ev(sums: Record<string, string>, unitSource: UnitSource, paysPeople = false): UnitEvidence {
  const keys = new LedgerKeys();
  let total = ZERO;
  for (const [id, s] of Object.entries(sums)) {
    keys.add(INDEX.intern(id, [id]), money(s), 2, false);
    total += money(s);
  }
  keys.finish();
  const used = keys.size;
  return { totals: { keys, total, used, unstatedAmounts: unitSource === 'default' ? used : 0 }, unitSource, paysPeople };
}

const check = (e: ByRole<UnitEvidence>) =>
  checkUnits(e).map((c) => ({ role: c.role, verdict: c.verdict, comparedWith: c.comparedWith, asYuan: formatExact(c.asYuan), agreeing: `${c.keysAgreeing}/${c.keysShared}` }));

const STATED = ev({ 道路: '1200000', 种植: '679071.20', 人饮: '455000' }, 'header');

describe('inferring 万元', () => {
  it('reads a silent ledger in 万元 when, so read, most of its keys and its total agree with a ledger that states its unit', () => {
    const silent = ev({ 道路: '120', 种植: '67.91', 人饮: '40' }, 'default');
    expect(check({ allocated: silent, disbursed: STATED, landed: STATED })).toEqual([
      { role: 'allocated', verdict: 'inferred', comparedWith: ['disbursed', 'landed'], asYuan: '227.91', agreeing: '2/3' },
    ]);
  });

  it('agreement with one stated ledger is enough; a silent third ledger is not compared with', () => {
    const silent = ev({ 道路: '120', 种植: '67.91', 人饮: '45.5' }, 'default');
    const other = ev({ 道路: '1', 种植: '2' }, 'default');
    expect(check({ allocated: silent, disbursed: STATED, landed: other }).map((c) => [c.role, c.verdict, c.comparedWith])).toEqual([
      ['allocated', 'inferred', ['disbursed']],
      ['landed', 'far-apart', ['disbursed']],
    ]);
  });

  it('a partial export of household payments is never scaled, however small: it is far apart, and said to be', () => {
    const households = ev({ 道路: '1480.50' }, 'default', true);
    expect(check({ allocated: STATED, disbursed: STATED, landed: households })).toEqual([
      { role: 'landed', verdict: 'far-apart', comparedWith: ['allocated', 'disbursed'], asYuan: '1480.50', agreeing: '0/0' },
    ]);
  });

  it('magnitude alone is not evidence: keys that do not agree when scaled keep the ledger in 元', () => {
    const silent = ev({ 道路: '30', 种植: '150', 人饮: '47.9' }, 'default');
    expect(check({ allocated: silent, disbursed: STATED, landed: STATED }).map((c) => [c.role, c.verdict])).toEqual([['allocated', 'far-apart']]);
  });

  it('keys that agree are not enough when the totals do not (10% at most)', () => {
    const silent = ev({ 道路: '120', 种植: '67.91', 人饮: '45.5', 新增: '100' }, 'default');
    expect(check({ allocated: silent, disbursed: STATED, landed: STATED }).map((c) => [c.role, c.verdict])).toEqual([['allocated', 'far-apart']]);
  });

  it('says nothing of a silent ledger whose magnitude is like the others', () => {
    const silent = ev({ 道路: '1100000', 种植: '679071.20', 人饮: '455000' }, 'default');
    expect(check({ allocated: silent, disbursed: STATED, landed: STATED })).toEqual([]);
  });

  it('says nothing of a ledger that states its unit anywhere', () => {
    const partly = { ...ev({ 道路: '120' }, 'default'), totals: { ...ev({ 道路: '120' }, 'default').totals, unstatedAmounts: 0 } };
    expect(check({ allocated: partly, disbursed: STATED, landed: STATED })).toEqual([]);
  });
});
