// One bad input per kind of failure: each exits 2 with a single message naming the file (and
// sheet, row, column and offending text where there are such), and never a stack trace.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli, writeFiles } from '../helpers.js';

const A = 'fixtures/every-status/allocated.csv';
const D = 'fixtures/every-status/disbursed.csv';
const L = 'fixtures/every-status/landed.csv';

async function fails(args: string[]) {
  const r = await runCli(['reconcile', ...args]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
  return r.stderr;
}

describe('input errors', () => {
  it('an amount that is not a number names file, row, column and the text', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/bad-amount/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/bad-amount/disbursed.csv:3:2 (拨付金额): not an amount: "12O0.00"');
  });

  it('a missing file', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/nowhere.csv', '-l', L]);
    expect(err).toContain('fixtures/nowhere.csv: no such file');
  });

  it('two columns that could be the amount: lists them and shows the config line that picks one', async () => {
    const err = await fails(['-a', 'fixtures/errors/ambiguous-amount/allocated.csv', '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/ambiguous-amount/allocated.csv:1: 2 columns could be the amount');
    expect(err).toContain('2 资金规模, 3 少数民族发展项目资金(万元)');
    expect(err).toContain('"ledgers.allocated": { "columns": { "amount": "资金规模" } }');
  });

  it('a join key that is not in the header', async () => {
    const err = await fails(['-a', A, '-d', D, '-l', L, '-k', '乡镇']);
    expect(err).toContain('fixtures/every-status/allocated.csv:1: no column for the join key "乡镇"');
    expect(err).toContain('The header has: 1 项目名称, 2 下达金额, 3 下达日期');
  });

  it('a row with money but no key', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/key-missing/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/key-missing/disbursed.csv:3:1 (项目名称): this row has an amount but no key: "300000.00"');
  });

  it('a CSV line with more cells than the header', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/csv-row-too-wide/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/csv-row-too-wide/disbursed.csv:3:4: this line has 5 cells but the header has 3: "000.00"');
  });

  it('a sheet with no recognisable header', async () => {
    const dir = writeFiles({ 'a.csv': '甲,乙\n1,2\n' });
    const err = await fails(['-a', `${dir}/a.csv`, '-d', D, '-l', L]);
    expect(err).toContain('a.csv: no header row found in the first 30 rows');
  });

  it('a GBK ledger read as UTF-8 is stopped at the first garbled cell, not reported garbled', async () => {
    const dir = writeFiles({ 'd.csv': iconv.encode('项目名称,拨付金额\n马营村产业发展项目,500000.00\n', 'gbk') });
    const err = await fails(['-a', A, '-d', `${dir}/d.csv`, '-l', L, '--encoding', 'disbursed=utf-8']);
    expect(err).toMatch(/d\.csv:1:1: this text is not valid utf-8: ".*"/);
    expect(err).toContain('--encoding gbk');
  });
});

describe('unit errors', () => {
  it('a bare amount in a column whose other amounts say 万元 is not silently read as 元', async () => {
    const dir = writeFiles({ 'a.csv': '项目名称,下达金额\n马营村产业发展项目,20万元\n三合镇道路硬化项目,15\n' });
    const err = await fails(['-a', `${dir}/a.csv`, '-d', D, '-l', L]);
    expect(err).toContain('a.csv:3:2 (下达金额): this amount states no unit, while the column says 万元 elsewhere (row 2)');
  });

  it('--unit that contradicts the header is an error naming both', async () => {
    const dir = writeFiles({ 'a.csv': '项目名称,下达金额(元)\n马营村产业发展项目,1000000\n' });
    const err = await fails(['-a', `${dir}/a.csv`, '-d', D, '-l', L, '--unit', '万元']);
    expect(err).toContain('the config or --unit says 万元, but the header "下达金额(元)" says 元');
  });
});

describe('config errors', () => {
  it('a field of the wrong type, named by its path', async () => {
    const err = await fails(['-c', 'fixtures/errors/bad-config/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/bad-config/fundgap.config.json: ledgers.landed.columns.amount: expected a string');
  });

  it('an unknown field, named', async () => {
    const err = await fails(['-c', 'fixtures/errors/unknown-config-field/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('(top level): unknown field "tolerence"');
  });

  it('money written as a JSON number is refused', async () => {
    const dir = writeFiles({ 'c.json': '{ "tolerance": { "absolute": 0.5 } }' });
    const err = await fails(['-c', `${dir}/c.json`, '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('tolerance.absolute: expected a decimal number in quotes, like "0.50"');
  });

  it('text that is not JSON', async () => {
    const dir = writeFiles({ 'c.json': '{ key: 项目名称 }' });
    const err = await fails(['-c', `${dir}/c.json`, '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('c.json: not valid JSON');
  });
});
