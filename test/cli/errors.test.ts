// One bad input per kind of failure: each exits 2 with a single message naming the file (and
// sheet, row, column and offending text where there are such), and never a stack trace.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FundgapError, formatError, t } from '../../src/errors.js';
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

/** The English wording, with `--lang en`; the Chinese default is tested at the end. */
const failsEn = (args: string[]) => fails([...args, '--lang', 'en']);

describe('input errors', () => {
  it('an amount that is not a number names file, row, column and the text', async () => {
    const err = await failsEn(['-a', A, '-d', 'fixtures/errors/bad-amount/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/bad-amount/disbursed.csv:3:2 (拨付金额): not an amount: "12O0.00"');
  });

  it('a missing file', async () => {
    const err = await failsEn(['-a', A, '-d', 'fixtures/nowhere.csv', '-l', L]);
    expect(err).toContain('fixtures/nowhere.csv: no such file');
  });

  it('two columns that could be the amount: lists them and shows the config line that picks one', async () => {
    const err = await failsEn(['-a', 'fixtures/errors/ambiguous-amount/allocated.csv', '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/ambiguous-amount/allocated.csv:1: 2 columns could be the amount');
    expect(err).toContain('2 资金规模, 3 少数民族发展项目资金(万元)');
    expect(err).toContain('"ledgers.allocated": { "columns": { "amount": "资金规模" } }');
  });

  it('a join key that is not in the header', async () => {
    const err = await failsEn(['-a', A, '-d', D, '-l', L, '-k', '乡镇']);
    expect(err).toContain('fixtures/every-status/allocated.csv:1: no column for the join key "乡镇"');
    expect(err).toContain('The header has: 1 项目名称, 2 下达金额, 3 下达日期');
  });

  it('a row with money but no key', async () => {
    const err = await failsEn(['-a', A, '-d', 'fixtures/errors/key-missing/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/key-missing/disbursed.csv:3:1 (项目名称): this row has an amount but no key: "300000.00"');
  });

  it('a CSV line with more cells than the header', async () => {
    const err = await failsEn(['-a', A, '-d', 'fixtures/errors/csv-row-too-wide/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/csv-row-too-wide/disbursed.csv:3:4: this line has 5 cells but the header has 3: "000.00"');
  });

  it('a sheet with no recognisable header', async () => {
    const dir = writeFiles({ 'a.csv': '甲,乙\n1,2\n' });
    const err = await failsEn(['-a', `${dir}/a.csv`, '-d', D, '-l', L]);
    expect(err).toContain('a.csv: no header row found in the first 30 rows');
  });

  it('a GBK ledger read as UTF-8 is stopped at the first garbled cell, not reported garbled', async () => {
    const dir = writeFiles({ 'd.csv': iconv.encode('项目名称,拨付金额\n马营村产业发展项目,500000.00\n', 'gbk') });
    const err = await failsEn(['-a', A, '-d', `${dir}/d.csv`, '-l', L, '--encoding', 'disbursed=utf-8']);
    expect(err).toMatch(/d\.csv:1:1: this text is not valid utf-8: ".*"/);
    expect(err).toContain('--encoding gbk');
  });
});

describe('unit errors', () => {
  it('a bare amount in a column whose other amounts say 万元 is not silently read as 元', async () => {
    const dir = writeFiles({ 'a.csv': '项目名称,下达金额\n马营村产业发展项目,20万元\n三合镇道路硬化项目,15\n' });
    const err = await failsEn(['-a', `${dir}/a.csv`, '-d', D, '-l', L]);
    expect(err).toContain('a.csv:3:2 (下达金额): this amount states no unit, while the column says 万元 elsewhere (row 2)');
  });

  it('--unit that contradicts the header is an error naming both', async () => {
    const dir = writeFiles({ 'a.csv': '项目名称,下达金额(元)\n马营村产业发展项目,1000000\n' });
    const err = await failsEn(['-a', `${dir}/a.csv`, '-d', D, '-l', L, '--unit', '万元']);
    expect(err).toContain('the config or --unit says 万元, but the header "下达金额(元)" says 元');
  });
});

describe('config errors', () => {
  it('a field of the wrong type, named by its path', async () => {
    const err = await failsEn(['-c', 'fixtures/errors/bad-config/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/bad-config/fundgap.config.json: ledgers.landed.columns.amount: expected a string');
  });

  it('an unknown field, named', async () => {
    const err = await failsEn(['-c', 'fixtures/errors/unknown-config-field/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('(top level): unknown field "tolerence"');
  });

  it('money written as a JSON number is refused', async () => {
    const dir = writeFiles({ 'c.json': '{ "tolerance": { "absolute": 0.5 } }' });
    const err = await failsEn(['-c', `${dir}/c.json`, '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('tolerance.absolute: expected an amount in 元 in quotes, at most two decimals, like "0.50"');
  });

  it('text that is not JSON', async () => {
    const dir = writeFiles({ 'c.json': '{ key: 项目名称 }' });
    const err = await failsEn(['-c', `${dir}/c.json`, '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('c.json: not valid JSON');
  });
});

describe('errors are in Chinese by default', () => {
  it('an amount that is not a number: the same location, the Chinese message and hint', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/bad-amount/disbursed.csv', '-l', L]);
    expect(err).toContain('fundgap: fixtures/errors/bad-amount/disbursed.csv:3:2 (拨付金额): 不是有效的金额: "12O0.00"');
    expect(err).toContain('金额可以写成 1,234.56、');
    expect(err).not.toContain('not an amount');
  });

  it('a missing file', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/nowhere.csv', '-l', L]);
    expect(err).toBe('fundgap: fixtures/nowhere.csv: 找不到这个文件\n');
  });

  it('two columns that could be the amount, with the config line verbatim', async () => {
    const err = await fails(['-a', 'fixtures/errors/ambiguous-amount/allocated.csv', '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/ambiguous-amount/allocated.csv:1: 有 2 列都可能是金额: "2 资金规模, 3 少数民族发展项目资金(万元)"');
    expect(err).toContain('请在配置中写明用哪一列："ledgers.allocated": { "columns": { "amount": "资金规模" } }');
  });

  it('a row with money but no key', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/errors/key-missing/disbursed.csv', '-l', L]);
    expect(err).toContain('fixtures/errors/key-missing/disbursed.csv:3:1 (项目名称): 这一行有金额，但作为比对键的这一列是空的: "300000.00"');
  });

  it('a join key that is not in the header', async () => {
    const err = await fails(['-a', A, '-d', D, '-l', L, '-k', '乡镇']);
    expect(err).toContain('fixtures/every-status/allocated.csv:1: 找不到比对键“乡镇”对应的列');
    expect(err).toContain('表头各列为：1 项目名称、2 下达金额、3 下达日期。');
  });

  it('a config field of the wrong type keeps its path', async () => {
    const err = await fails(['-c', 'fixtures/errors/bad-config/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(err).toContain('fixtures/errors/bad-config/fundgap.config.json: ledgers.landed.columns.amount: 应为字符串');
    expect(err).toContain('fundgap init');
  });

  it('an unknown config field and money written as a JSON number', async () => {
    const unknown = await fails(['-c', 'fixtures/errors/unknown-config-field/fundgap.config.json', '-a', A, '-d', D, '-l', L]);
    expect(unknown).toContain('（顶层）: 未知字段 "tolerence"');
    const dir = writeFiles({ 'c.json': '{ "tolerance": { "absolute": 0.5 } }' });
    const number = await fails(['-c', `${dir}/c.json`, '-a', A, '-d', D, '-l', L]);
    expect(number).toContain('c.json: tolerance.absolute: 应为加引号的元金额，最多两位小数，例如 "0.50"');
  });

  it('a bad option value', async () => {
    const err = await fails(['-a', A, '-d', D, '-l', L, '--tolerance', 'landing=1']);
    expect(err).toContain('fundgap: --tolerance：无法识别的比对环节“landing”');
  });

  it('--lang=en anywhere on the command line gives the English', async () => {
    const err = await fails(['--lang=en', '-a', A, '-d', 'fixtures/nowhere.csv', '-l', L]);
    expect(err).toBe('fundgap: fixtures/nowhere.csv: no such file\n');
  });
});

describe('command-line errors from the option parser', () => {
  async function usage(args: string[]) {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
    return r.stderr;
  }

  it('an unknown option, in Chinese, the option as typed', async () => {
    const err = await usage(['reconcile', '-a', A, '-d', D, '-l', L, '--tolerence', '1']);
    expect(err).toContain("错误：没有这个选项 '--tolerence'");
    expect(err).toContain('（是不是要用 --tolerance？）');
    expect(err).toContain('（加 --help 查看用法）');
    expect(err).not.toContain('unknown option');
  });

  it('a missing required option', async () => {
    const err = await usage(['reconcile', '-a', A, '-d', D]);
    expect(err).toContain("错误：缺少必填的选项 '-l, --landed <file>'");
  });

  it('a missing option value, a value not among the choices, an unknown command', async () => {
    expect(await usage(['reconcile', '-a', A, '-d', D, '-l', L, '-k'])).toContain("错误：选项 '-k, --key <cols>' 后面缺少取值");
    expect(await usage(['reconcile', '-a', A, '-d', D, '-l', L, '-f', 'xml'])).toContain(
      "错误：选项 '-f, --format <fmt>' 的取值 'xml' 无效，可选的值为 text, md, json, csv, xlsx, html。",
    );
    const unknown = await usage(['reconcil']);
    expect(unknown).toContain("错误：没有这个命令 'reconcil'");
    expect(unknown).toContain('（是不是要用 reconcile？）');
  });

  it('in English with --lang en', async () => {
    const err = await usage(['reconcile', '--lang', 'en', '-a', A, '-d', D]);
    expect(err).toContain("error: required option '-l, --landed <file>' not specified");
    expect(err).toContain('(run with --help for usage)');
    expect(await usage(['reconcile', '-a', A, '-d', D, '-l', L, '--frob', '--lang=en'])).toContain("error: unknown option '--frob'");
  });
});

describe('formatError', () => {
  const e = new FundgapError('AMOUNT_INVALID', t('不是有效的金额', 'not an amount'), {
    at: { file: 'a.xlsx', sheet: '分配表', row: 14, column: 'E (金额)' },
    text: '12O0',
    hint: t('金额可以写成 1,234.56。', 'Amounts may look like 1,234.56.'),
  });

  it('renders the chosen language; the location and the quoted text are the same in both', () => {
    expect(formatError(e, 'zh')).toBe('a.xlsx[分配表]:14:E (金额): 不是有效的金额: "12O0"\n  金额可以写成 1,234.56。');
    expect(formatError(e, 'en')).toBe('a.xlsx[分配表]:14:E (金额): not an amount: "12O0"\n  Amounts may look like 1,234.56.');
  });

  it('keeps message and hint in English for logs, and takes a plain string as both languages', () => {
    expect([e.message, e.hint]).toEqual(['not an amount', 'Amounts may look like 1,234.56.']);
    const plain = new FundgapError('CSV_MALFORMED', 'Invalid Closing Quote', { at: { file: 'd.csv', row: 3 } });
    expect(formatError(plain, 'zh')).toBe(formatError(plain, 'en'));
  });
});
