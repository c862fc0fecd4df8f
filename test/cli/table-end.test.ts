// Rows that end or interrupt a table: sign-off lines under the total end it (a phone number or
// a date on them is no amount or date error), money below them is never dropped quietly, and
// an account book's 承前页/过次页/本页合计 are skipped and checked against the running sums.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcileJson, runCli, writeFiles, type ReportJson } from '../helpers.js';

const reconcile = (args: string[]) => reconcileJson([...args, '--lang', 'en'], { passes: true });

const files = (dir: string, a = 'allocated.csv') => ['-a', join(dir, a), '-d', join(dir, 'disbursed.csv'), '-l', join(dir, 'landed.csv')];
const skipped = (r: ReportJson, i = 0) => r.inputs[i]!.skipped.map((s) => `${s.row} ${s.reason}`);

const SIGNED = [
  '序号,项目名称,下达金额,下达日期',
  '1,三合镇村组道路硬化项目,1200000.00,2019-03-10',
  '2,小峡镇特色种植项目,679071.20,2019-03-10',
  '合计,,1879071.20,',
  '制表人：李明,,审核人：王芳,',
];

describe('sign-off lines', () => {
  it('end the table: several on a row, a phone number in the amount column and a date in the date column are no errors', async () => {
    const r = await reconcile(files('fixtures/sign-off-lines'));
    expect(skipped(r)).toEqual(['1 title', '2 header', '6 total', '7 sign-off', '8 sign-off', '9 sign-off', '10 after-end']);
    expect(r.inputs[0]!.rows).toEqual({ read: 10, used: 3, skipped: 7 });
    expect(r.totals.allocated).toBe('2334071.20');
    expect(r.findings).toEqual([]);
  });

  it('money below them stops the run: the config says whether the table goes on or ends', async () => {
    const d = writeFiles({ 'a.csv': [...SIGNED, '3,古城乡人饮安全巩固提升工程,455000.00,2019-03-15'].join('\n') });
    const r = await runCli(['reconcile', ...['-a', join(d, 'a.csv'), '-d', 'fixtures/sign-off-lines/disbursed.csv', '-l', 'fixtures/sign-off-lines/landed.csv'], '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${d}/a.csv:6:3 (下达金额): 1 row below the sign-off lines (row 5) holds money; the first is "古城乡人饮安全巩固提升工程" (455,000.00)`);
    expect(r.stderr).toContain('"ledgers.allocated": { "lastRow": 6 }');
    expect(r.stderr).toContain('"ledgers.allocated": { "lastRow": 4 }');
  });

  it('"lastRow" ends the table where the config says: money below it is a finding, not a figure', async () => {
    const d = writeFiles({
      'a.csv': [...SIGNED, '3,古城乡人饮安全巩固提升工程,455000.00,2019-03-15'].join('\n'),
      'c.json': JSON.stringify({ ledgers: { allocated: { lastRow: 4 } } }),
    });
    const r = await reconcile(['-a', join(d, 'a.csv'), '-d', 'fixtures/sign-off-lines/disbursed.csv', '-l', 'fixtures/sign-off-lines/landed.csv', '-c', join(d, 'c.json')]);
    expect(skipped(r)).toEqual(['1 header', '4 total', '5 sign-off', '6 after-end']);
    expect(r.totals.allocated).toBe('1879071.20');
    const f = r.findings.find((x) => x.rule === 'rows-after-end')!;
    expect([f.severity, f.amount, f.evidence.map((e) => e.row)]).toEqual(['info', '455000.00', [6]]);
  });

  it('"lastRow" below the sign-off reads the rows between as data, the sign-off skipped', async () => {
    const d = writeFiles({
      'a.csv': [...SIGNED, '3,古城乡人饮安全巩固提升工程,455000.00,2019-03-15'].join('\n'),
      'c.json': JSON.stringify({ ledgers: { allocated: { lastRow: 6 } } }),
    });
    const r = await reconcile(['-a', join(d, 'a.csv'), '-d', 'fixtures/sign-off-lines/disbursed.csv', '-l', 'fixtures/sign-off-lines/landed.csv', '-c', join(d, 'c.json')]);
    expect(skipped(r)).toEqual(['1 header', '4 total', '5 sign-off']);
    expect(r.totals.allocated).toBe('2334071.20');
  });
});

describe('an account book (明细账) with page and period rows', () => {
  it('承前页, 过次页 and 本页合计 are skipped and checked against the running sums, as are 本月合计 and 本年累计', async () => {
    const r = await reconcile(files('fixtures/account-book'));
    const d = r.inputs[1]!;
    expect(skipped(r, 1)).toEqual([
      '1 title',
      '2 note',
      '3 header',
      '4 carried-forward',
      '7 page-total',
      '8 carried-forward',
      '9 carried-forward',
      '11 subtotal',
      '12 total',
    ]);
    expect(d.footing.map((f) => [f.row, f.label, f.kind, f.stated, f.computed, f.foots])).toEqual([
      [7, '本页合计', 'page', '80000.00', '80000.00', true],
      // The running sum: what the first 承前页 brought in (120,000.00) and the rows since.
      [8, '过次页', 'carried', '200000.00', '200000.00', true],
      [9, '承前页', 'carried', '200000.00', '200000.00', true],
      [11, '本月合计', 'subtotal', '100000.00', '100000.00', true],
      [12, '本年累计', 'total', '220000.00', '220000.00', true],
    ]);
    expect(r.totals.disbursed).toBe('100000.00');
    expect(r.keys.every((k) => k.status.join() === 'matched')).toBe(true);
  });

  it('a 过次页 that does not carry the running sum is a footing mismatch', async () => {
    const d = writeFiles({
      'd.csv': ['日期,凭证号,摘要,项目名称,金额', '2019-03-02,记-12,拨付,马营村产业发展项目,50000.00', ',,过次页,,60000.00', ',,承前页,,60000.00', '2019-03-15,记-20,拨付,老鸦村养殖项目,30000.00'].join('\n'),
    });
    const r = await reconcile(['-a', 'fixtures/account-book/allocated.csv', '-d', join(d, 'd.csv'), '-l', 'fixtures/account-book/landed.csv']);
    expect(r.findings.filter((f) => f.rule === 'footing-mismatch').map((f) => [f.evidence[0]!.row, f.amount])).toEqual([
      [3, '10000.00'],
      [4, '10000.00'],
    ]);
  });
});
