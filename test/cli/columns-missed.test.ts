// Columns the reader used to miss or misread: money headers ending in 资金/款/投资, ID columns
// named for whose they are, traditional characters, ID-like columns left unmapped, hidden
// columns, and money split into component columns that the config adds up.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgers, reconcileJson, runCli, tempDir, writeFiles, type ReportJson } from '../helpers.js';

const report = (args: string[]) => reconcileJson(args);

async function refused(args: string[]): Promise<string> {
  const r = await runCli(['reconcile', ...args, '--lang', 'en']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

const amountHeader = (r: ReportJson, i: number) => r.inputs[i]!.header.columns.find((c) => c.ref === r.inputs[i]!.header.amount)!.header;

describe('money headers by their ending', () => {
  it('下达资金, 拨付款 and 工程款 are the amounts, with only 项目名称 beside them', async () => {
    const r = await report(ledgers('fixtures/amount-header-forms'));
    expect([0, 1, 2].map((i) => amountHeader(r, i))).toEqual(['下达资金', '拨付款', '工程款']);
    expect(r.totals).toMatchObject({ allocated: '1655000.00', disbursed: '1655000.00', landed: '1605000.00' });
  });
});

describe('traditional characters in headers', () => {
  it('項目名稱, 下達金額, 撥付金額(元), 結算金額(元) and a 單位：萬元 line read like their simplified forms', async () => {
    const r = await report(ledgers('fixtures/traditional-headers'));
    expect(r.inputs.map((i) => i.header.columns.filter((c) => c.field !== null).map((c) => [c.header, c.field]))).toEqual([
      [['項目名稱', 'project'], ['下達金額', 'amount'], ['下達日期', 'date']],
      [['市縣', 'region'], ['項目名稱', 'project'], ['撥付金額(元)', 'amount'], ['撥付日期', 'date']],
      [['項目名稱', 'project'], ['結算金額(元)', 'amount']],
    ]);
    expect([r.inputs[0]!.unit, r.inputs[0]!.unitSource]).toEqual(['万元', 'sheet']);
    expect(r.totals).toMatchObject({ allocated: '1655000.00', disbursed: '1655000.00', landed: '1600000.00' });
  });
});

describe('ID number columns', () => {
  it('户主身份证号 is the ID column, so its IDs are checked', async () => {
    const r = await report(ledgers('fixtures/id-column-forms'));
    expect(r.inputs[2]!.header.columns.find((c) => c.header === '户主身份证号')!.field).toBe('idNumber');
    const bad = r.findings.filter((f) => f.rule === 'invalid-id-number');
    expect(bad.map((f) => [f.evidence.map((e) => e.row), f.amount])).toEqual([[[3], '10000.00']]);
  });

  it('two ID columns, neither preferred, are both reported as not checked, with the config line for one', async () => {
    const r = await report(ledgers('fixtures/unmapped-id-column'));
    expect(r.inputs[2]!.header.unmappedIds).toEqual(['3', '5']);
    const text = await runCli(['reconcile', ...ledgers('fixtures/unmapped-id-column'), '--fail-on', 'none']);
    expect(text.stdout).toContain('像身份证号却未作为身份证号核对的列：3 户主身份证号，5 学生身份证号');
    expect(text.stdout).toContain('"ledgers.landed": { "columns": { "idNumber": "户主身份证号" } }');
  });

  it('a column of valid ID numbers under a header that does not say so is reported too', async () => {
    const dir = writeFiles({ 'l.csv': '项目名称,姓名,证照,金额\n危房改造补助,马秀英,632122196503170424,10000.00\n' });
    const r = await report(['-a', join(dir, 'l.csv'), '-d', join(dir, 'l.csv'), '-l', join(dir, 'l.csv')]);
    expect(r.inputs[0]!.header.unmappedIds).toEqual(['3']);
  });
});

describe('hidden columns', () => {
  const D = 'fixtures/hidden-columns/disbursed.csv';
  const L = 'fixtures/hidden-columns/landed.csv';

  it('a hidden money column beside the shown one: the refusal names it as hidden and offers only the shown one', async () => {
    const err = await refused(['-a', 'fixtures/hidden-columns/allocated.xlsx', '-d', D, '-l', L]);
    expect(err).toContain('2 columns could be the amount: "C 下达金额(元), D 调整前金额(元)"');
    expect(err).toContain('Column D "调整前金额(元)" is hidden in Excel; a hidden column is never taken as the amount.');
    expect(err).toContain('"ledgers.allocated": { "columns": { "amount": "下达金额(元)" } }');
    expect(err).not.toContain('"amount": "调整前金额(元)"');
  });

  it('the only money column hidden: no amount, the column named as hidden, and no example that offers it', async () => {
    const err = await refused(['-a', 'fixtures/hidden-columns/amount-hidden.xlsx', '-d', D, '-l', L]);
    expect(err).toContain('no amount column in the header: "C 下达金额(元)"');
    expect(err).toContain('Column C "下达金额(元)" is hidden in Excel');
    expect(err).toContain('"ledgers.allocated": { "columns": { "amount": "…" } }');
    expect(err).not.toContain('"amount": "下达金额(元)"');
  });

  it('with the amount named, the report lists the hidden column among the inputs', async () => {
    const dir = writeFiles({ 'c.json': '{ "ledgers": { "allocated": { "columns": { "amount": "下达金额(元)" } } } }' });
    const args = ['-c', join(dir, 'c.json'), '-a', 'fixtures/hidden-columns/allocated.xlsx', '-d', D, '-l', L];
    const r = await report(args);
    expect(r.inputs[0]!.header.hidden).toEqual(['D']);
    expect(r.totals.allocated).toBe('1655000.00');
    const text = await runCli(['reconcile', ...args, '--fail-on', 'none']);
    expect(text.stdout).toContain('隐藏列（照常读取，不会自动作为金额列）：D 调整前金额(元)');
    expect(text.stdout).not.toContain('另有可能的金额列');
  });

  it('init takes the shown column, never the hidden one, and says the hidden one is there', async () => {
    const out = join(tempDir(), 'c.json');
    const r = await runCli(['init', '-a', 'fixtures/hidden-columns/allocated.xlsx', '-d', D, '-l', L, '-o', out]);
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(out, 'utf8')) as { ledgers: { allocated: { columns: Record<string, string> } } };
    expect(config.ledgers.allocated.columns.amount).toBe('下达金额(元)');
    expect(r.stdout).toContain('【请核对】隐藏列（照常读取，不会自动作为金额列）：D 调整前金额(元)');
    expect(r.stdout).not.toContain('金额列有');
  });
});

describe('component amount columns', () => {
  const FX = ledgers('fixtures/component-amount-columns');
  const CONFIG = 'fixtures/component-amount-columns/fundgap.config.json';

  it('中央资金, 省级资金, 市县资金 and no total: the refusal offers the config that adds them, verbatim', async () => {
    const err = await refused(FX);
    expect(err).toContain('3 columns could be the amount: "3 中央资金, 4 省级资金, 5 市县资金"');
    expect(err).toContain(`If each row's amount is the sum of "中央资金", "省级资金", "市县资金", write in the config: "ledgers.allocated": { "columns": { "amount": ["中央资金", "省级资金", "市县资金"] } }`);
  });

  it('with that config each row is the exact sum of its components, a blank one counting as 0', async () => {
    const r = await report(['-c', CONFIG, ...FX]);
    expect(r.keys.map((k) => [k.key, k.allocated])).toEqual(
      expect.arrayContaining([
        ['三合镇村组道路硬化项目', '1200000.00'],
        ['小峡镇特色种植项目', '479071.20'],
        ['古城乡人饮安全巩固提升工程', '455000.00'],
      ]),
    );
    expect(r.totals).toMatchObject({ allocated: '2134071.20', retained: '0.00', gap: '0.00' });
    expect(r.inputs[0]!.header.amounts).toEqual(['3', '4', '5']);
    expect(r.inputs[0]!.header.columns.filter((c) => c.field === 'amount').map((c) => c.header)).toEqual(['中央资金', '省级资金', '市县资金']);
  });

  it('components in different units are refused, naming both', async () => {
    const dir = writeFiles({
      'a.csv': '项目名称,中央资金(万元),省级资金(元)\n马营村产业发展项目,50,100000\n',
      'c.json': '{ "ledgers": { "allocated": { "columns": { "amount": ["中央资金(万元)", "省级资金(元)"] } } } }',
    });
    const err = await refused(['-c', join(dir, 'c.json'), '-a', join(dir, 'a.csv'), '-d', join(dir, 'a.csv'), '-l', join(dir, 'a.csv')]);
    expect(err).toContain('the amount columns to add are in different units: "中央资金(万元)" in 万元, "省级资金(元)" in 元');
  });

  it('only the amount may name several columns', async () => {
    const dir = writeFiles({ 'c.json': '{ "ledgers": { "allocated": { "columns": { "project": ["项目名称", "项目"] } } } }' });
    const err = await refused(['-c', join(dir, 'c.json'), ...FX]);
    expect(err).toContain('ledgers.allocated.columns.project: expected a string');
  });
});
