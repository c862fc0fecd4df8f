// Bank 代发 / 一卡通 result files: rows whose status says the payment failed or came back are
// left out of the figures and reported with the bank's reason; an unknown status stops the run
// with the config that settles it.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgers, reconcileJson, runCli, writeFiles, type ReportJson } from '../helpers.js';

const FX = ledgers('fixtures/bank-result-status');
const A = 'fixtures/every-status/allocated.csv';
const D = 'fixtures/every-status/disbursed.csv';

const report = (args: string[]) => reconcileJson(args);

const only = (r: ReportJson, rule: string) => r.findings.filter((f) => f.rule === rule);
const rows = (f: ReportJson['findings'][number]) => f.evidence.map((e) => e.row);

describe('fixtures/bank-result-status', () => {
  it('leaves failed and returned payments out of what landed, and lists them as skipped', async () => {
    const r = await report(FX);
    expect(r.totals).toMatchObject({ disbursed: '15000.00', landed: '9000.00', notLanded: '6000.00' });
    const landed = r.inputs[2]!;
    expect(landed.rows).toEqual({ read: 9, used: 3, skipped: 6 });
    expect(landed.skipped.filter((s) => s.reason === 'payment-failed').map((s) => s.row)).toEqual([4, 5, 7]);
  });

  it('reports each failure as a payment-failed warning with its rows, amount and the bank’s reason', async () => {
    const failed = only(await report(FX), 'payment-failed');
    expect(failed.map((f) => [f.severity, rows(f), f.amount])).toEqual([
      ['warning', [4], '3000.00'],
      ['warning', [5], '3000.00'],
      ['warning', [7], '3000.00'],
    ]);
    expect(failed[0]!.message).toContain('银行注明：账户已销户');
    expect(failed[1]!.message).toContain('银行注明：户名不符');
    // No reason column entry: the status itself is the reason given.
    expect(failed[2]!.message).toContain('银行注明：退票');
  });

  it('a 合计 that counts the failed payments still foots, and says how much of it they are', async () => {
    const r = await report(FX);
    expect(r.inputs[2]!.footing).toEqual([expect.objectContaining({ row: 9, stated: '18000.00', computed: '9000.00', foots: true, failedIncluded: '9000.00' })]);
    expect(only(r, 'footing-mismatch')).toEqual([]);
  });

  it('a failed payment and its re-payment on the same day are not a duplicate', async () => {
    expect(only(await report(FX), 'duplicate-payment')).toEqual([]);
  });

  it('successful payments are still shown to the row rules: a duplicate among them is found', async () => {
    const dir = writeFiles({
      'l.csv': [
        '户名,身份证号码,金额,项目名称,交易日期,交易状态',
        '马秀英,632122196503170424,3000.00,雨露计划职业教育补助,2019-10-15,交易失败',
        '马秀英,632122196503170424,3000.00,雨露计划职业教育补助,2019-10-15,交易成功',
        '马秀英,632122196503170424,3000.00,雨露计划职业教育补助,2019-10-15,交易成功',
      ].join('\n'),
    });
    const r = await report(['-a', A, '-d', D, '-l', join(dir, 'l.csv')]);
    expect(only(r, 'duplicate-payment').map(rows)).toEqual([[3, 4]]);
    expect(only(r, 'payment-failed').map(rows)).toEqual([[2]]);
  });

  it('reads a reason written into the status cell, and traditional characters', async () => {
    const dir = writeFiles({
      'l.csv': ['户名,金额,项目名称,处理结果', '马秀英,3000.00,雨露计划职业教育补助,失败：户名不符', '韩永福,2000.00,雨露计划职业教育补助,交易失敗'].join('\n'),
    });
    const failed = only(await report(['-a', A, '-d', D, '-l', join(dir, 'l.csv')]), 'payment-failed');
    expect(failed.map((f) => [rows(f), f.message.match(/银行注明：([^）]+)/)?.[1]])).toEqual([
      [[2], '户名不符'],
      [[3], '交易失敗'],
    ]);
  });
});

describe('a status the tool does not know', () => {
  const L = 'fixtures/errors/STATUS_UNKNOWN/landed.csv';

  it('stops with file, row, column and value, and the config that classifies it either way', async () => {
    const r = await runCli(['reconcile', '-a', A, '-d', D, '-l', L, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${L}:3:7 (交易状态): a payment status this tool does not know`);
    expect(r.stderr).toContain('"处理中"');
    expect(r.stderr).toContain('"ledgers.landed": { "status": { "success": ["处理中"] } }');
    expect(r.stderr).toContain('"ledgers.landed": { "status": { "failed": ["处理中"] } }');
    expect(r.stderr).toContain('"ledgers.landed": { "status": false }');
  });

  it('the config settles it: failed leaves the row out and reports it, success counts it', async () => {
    const dir = writeFiles({
      'failed.json': '{ "ledgers": { "landed": { "status": { "failed": ["处理中"] } } } }',
      'success.json': '{ "ledgers": { "landed": { "status": { "success": ["处理中"] } } } }',
    });
    const failed = await report(['-c', join(dir, 'failed.json'), '-a', A, '-d', D, '-l', L]);
    expect(failed.totals.landed).toBe('3000.00');
    expect(only(failed, 'payment-failed').map((f) => [rows(f), f.amount])).toEqual([[[3], '3000.00']]);
    const success = await report(['-c', join(dir, 'success.json'), '-a', A, '-d', D, '-l', L]);
    expect(success.totals.landed).toBe('6000.00');
    expect(only(success, 'payment-failed')).toEqual([]);
  });

  it('an empty status on a row with money is not a success either', async () => {
    const dir = writeFiles({ 'l.csv': '户名,金额,项目名称,交易状态\n马秀英,3000.00,雨露计划职业教育补助,\n' });
    const r = await runCli(['reconcile', '-a', A, '-d', D, '-l', join(dir, 'l.csv'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':2:4 (交易状态): this row has an amount but its payment status is empty');
  });

  it('"status": false reads a column called 状态 that is not about payments as an ordinary column', async () => {
    const dir = writeFiles({
      'a.csv': '项目名称,下达金额,状态\n马营村产业发展项目,500000,在建\n',
      'c.json': '{ "ledgers": { "allocated": { "status": false } } }',
    });
    const refused = await runCli(['reconcile', '-a', join(dir, 'a.csv'), '-d', D, '-l', L, '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"ledgers.allocated": { "status": false }');
    const dirL = writeFiles({ 'l.csv': '项目名称,金额\n马营村产业发展项目,500000\n' });
    const r = await report(['-c', join(dir, 'c.json'), '-a', join(dir, 'a.csv'), '-d', join(dirL, 'l.csv'), '-l', join(dirL, 'l.csv')]);
    expect(r.totals.allocated).toBe('500000.00');
    expect(r.inputs[0]!.header.columns.find((c) => c.header === '状态')!.field).toBeNull();
  });

  it('status values in a ledger with no status column, or in both lists, are config errors', async () => {
    const dir = writeFiles({
      'nocol.json': '{ "ledgers": { "allocated": { "status": { "success": ["已到账"] } } } }',
      'both.json': '{ "ledgers": { "landed": { "status": { "success": ["处理中"], "failed": ["处理中"] } } } }',
      'bad.json': '{ "ledgers": { "landed": { "status": "yes" } } }',
    });
    const nocol = await runCli(['reconcile', '-c', join(dir, 'nocol.json'), '-a', A, '-d', D, '-l', L, '--lang', 'en']);
    expect(nocol.code).toBe(2);
    expect(nocol.stderr).toContain('the config sets payment status values, but the header has no status column');
    expect(nocol.stderr).toContain('"ledgers.allocated": { "columns": { "status": "处理状态" } }');
    const both = await runCli(['reconcile', '-c', join(dir, 'both.json'), '-a', A, '-d', D, '-l', L, '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('ledgers.landed.status: a value cannot be both success and failed');
    const bad = await runCli(['reconcile', '-c', join(dir, 'bad.json'), '-a', A, '-d', D, '-l', L, '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ledgers.landed.status: expected false, or { "success": [ … ], "failed": [ … ] }');
  });

  it('two columns that could each be the status stop the run rather than pick one', async () => {
    const dir = writeFiles({ 'l.csv': '户名,金额,项目名称,交易状态,处理状态\n马秀英,3000.00,雨露计划职业教育补助,交易成功,已退回\n' });
    const r = await runCli(['reconcile', '-a', A, '-d', D, '-l', join(dir, 'l.csv'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 columns could be the payment status: "4 交易状态, 5 处理状态"');
    expect(r.stderr).toContain('"ledgers.landed": { "columns": { "status": "交易状态" } }');
  });
});
