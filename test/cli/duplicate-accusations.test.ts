// 重复发放 accuses someone: it must hold up. Reversals are netted first, two beneficiaries paid
// through one card are two payments, and one ID under several names lists every name.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgers, reconcileJson, writeFiles, type ReportJson } from '../helpers.js';

const A = 'fixtures/every-status/allocated.csv';

const report = (args: string[]) => reconcileJson(args);

const duplicates = (r: ReportJson) => r.findings.filter((f) => f.rule === 'duplicate-payment');
const rows = (f: ReportJson['findings'][number]) => f.evidence.map((e) => e.row);

describe('fixtures/duplicate-accusations', () => {
  it('accuses only the ID paid twice for one student, and names both people it was paid under', async () => {
    const r = await report(ledgers('fixtures/duplicate-accusations'));
    const dups = duplicates(r);
    expect(dups.map((f) => [rows(f), f.amount])).toEqual([[[7, 8], '1500.00']]);
    expect(dups[0]!.message).toContain('同一身份证号下有 2 个姓名：李明、李建国');
  });

  it('a payment, its −3,000 reversal and the re-payment on the same day are one payment', async () => {
    const r = await report(ledgers('fixtures/duplicate-accusations'));
    expect(duplicates(r).flatMap(rows)).not.toContain(2);
    expect(duplicates(r).flatMap(rows)).not.toContain(4);
    // The reversal nets in the figures as well: what landed is what was paid for good.
    expect(r.totals.landed).toBe('9000.00');
  });

  it('two children paid through their parent’s card on one day are two payments (学生姓名 differs)', async () => {
    const r = await report(ledgers('fixtures/duplicate-accusations'));
    expect(duplicates(r).flatMap(rows)).not.toContain(5);
    expect(r.inputs[2]!.header.columns.find((c) => c.header === '学生姓名')!.field).toBe('beneficiary');
  });

  it('the config names the beneficiary column when its header is not one the tool knows', async () => {
    const dir = writeFiles({
      'l.csv': [
        '项目名称,户主姓名,身份证号,子女姓名,补助金额,发放日期',
        '雨露计划职业教育补助,韩永福,632126197809221511,韩小军,1500.00,2019-10-15',
        '雨露计划职业教育补助,韩永福,632126197809221511,韩小丽,1500.00,2019-10-15',
      ].join('\n'),
      'c.json': '{ "ledgers": { "landed": { "columns": { "beneficiary": "子女姓名" } } } }',
    });
    const args = ['-a', A, '-d', A, '-l', join(dir, 'l.csv')];
    expect(duplicates(await report(args)).map(rows)).toEqual([[2, 3]]);
    expect(duplicates(await report(['-c', join(dir, 'c.json'), ...args]))).toEqual([]);
  });

  it('a reversal days later still cancels the payment it returns, within a window', async () => {
    const dir = writeFiles({
      'l.csv': [
        '项目名称,姓名,身份证号,发放金额,发放日期',
        '危房改造补助,马秀英,632122196503170424,5000.00,2019-05-10',
        '危房改造补助,马秀英,632122196503170424,-5000.00,2019-05-12',
        '危房改造补助,马秀英,632122196503170424,5000.00,2019-05-12',
      ].join('\n'),
    });
    const args = ['-a', A, '-d', A, '-l', join(dir, 'l.csv'), '--duplicate-window', '3'];
    expect(duplicates(await report(args))).toEqual([]);
  });

  it('a reversal cancels one payment, not all of them: paid three times, reversed once, is paid twice', async () => {
    const dir = writeFiles({
      'l.csv': [
        '项目名称,姓名,身份证号,发放金额,发放日期',
        '危房改造补助,马秀英,632122196503170424,5000.00,2019-05-10',
        '危房改造补助,马秀英,632122196503170424,5000.00,2019-05-10',
        '危房改造补助,马秀英,632122196503170424,-5000.00,2019-05-10',
        '危房改造补助,马秀英,632122196503170424,5000.00,2019-05-10',
      ].join('\n'),
    });
    const dups = duplicates(await report(['-a', A, '-d', A, '-l', join(dir, 'l.csv')]));
    expect(dups.map((f) => [rows(f).length, f.amount])).toEqual([[2, '5000.00']]);
  });
});
