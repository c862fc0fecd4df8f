// The report format follows -o's extension when -f is absent; a -f the extension contradicts,
// a spreadsheet type fundgap does not write, or a file-only format without a file is exit 2,
// decided before any ledger is read and leaving no file behind.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseOutput } from '../../src/cli/output-format.js';
import { FundgapError } from '../../src/errors.js';
import { ledgers, runCli, tempDir } from '../helpers.js';

const EVERY = [...ledgers('fixtures/every-status'), '--fail-on', 'none'];
/** Ledgers that do not exist: a usage error must come before any of them is opened. */
const MISSING = ['-a', 'no-such-a.csv', '-d', 'no-such-d.csv', '-l', 'no-such-l.csv'];

describe('chooseOutput', () => {
  it.each([
    [{}, 'text'],
    [{ out: 'r.xlsx' }, 'xlsx'],
    [{ out: 'r.html' }, 'html'],
    [{ out: 'r.htm' }, 'html'],
    [{ out: 'r.json' }, 'json'],
    [{ out: 'r.md' }, 'md'],
    [{ out: '报告.CSV' }, 'csv'],
    [{ out: 'r.txt' }, 'text'],
    [{ out: 'report' }, 'text'],
    [{ out: 'r.log', format: 'json' }, 'json'],
    [{ out: 'r.json', format: 'json' }, 'json'],
    [{ format: 'html' }, 'html'],
  ])('%j writes %s', (o, format) => {
    expect(chooseOutput(o).format).toBe(format);
  });

  it.each([
    [{ format: 'text', out: 'r.xlsx' }],
    [{ format: 'csv', out: 'r.json' }],
    [{ format: 'md', out: 'r.txt' }],
    [{ format: 'xlsx' }],
    [{ out: 'r.xls' }],
    [{ format: 'csv', out: 'r.ods' }],
    [{ format: 'json', csvEncoding: 'gbk' }],
  ])('%j is a usage error', (o) => {
    expect(() => chooseOutput(o)).toThrow(FundgapError);
    try {
      chooseOutput(o);
    } catch (e) {
      expect((e as FundgapError).code).toBe('USAGE');
    }
  });

  it('gbk and gb18030 both write GB18030; the default is UTF-8', () => {
    expect(chooseOutput({ format: 'csv', csvEncoding: 'gbk' }).csvEncoding).toBe('gb18030');
    expect(chooseOutput({ out: 'r.csv', csvEncoding: 'gb18030' }).csvEncoding).toBe('gb18030');
    expect(chooseOutput({ out: 'r.csv' }).csvEncoding).toBe('utf-8');
  });
});

describe('-o picks the format', () => {
  it.each([
    ['report.json', (s: string) => expect(JSON.parse(s).schema).toBe('fundgap.report/v2')],
    ['report.md', (s: string) => expect(s).toMatch(/^# 扶贫资金三方比对报告\n/)],
    ['report.csv', (s: string) => expect(s).toMatch(/^\ufeff项目,上级下达,/)],
    ['report.txt', (s: string) => expect(s).toMatch(/^扶贫资金三方比对报告 {2}· {2}fundgap /)],
  ])('-o %s without -f', async (name, check) => {
    const dir = tempDir();
    const r = await runCli(['reconcile', ...EVERY, '-o', join(dir, name)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    check(readFileSync(join(dir, name), 'utf8'));
  });
});

describe('formats that cannot be honoured stop the run with exit 2', () => {
  it('-f text -o r.xlsx: says both ways out, in Chinese and in English', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.xlsx');
    const zh = await runCli(['reconcile', ...MISSING, '-f', 'text', '-o', out]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`-f text 与 -o ${out} 矛盾：扩展名 .xlsx 表示 xlsx 格式`);
    expect(zh.stderr).toContain(`去掉 -f 即写成 xlsx；要写 text，把文件名改为 ${join(dir, 'r.txt')}`);
    const en = await runCli(['reconcile', ...MISSING, '-f', 'text', '-o', out, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`-f text contradicts -o ${out}: the extension .xlsx means the xlsx format`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('-f xlsx without -o', async () => {
    const r = await runCli(['reconcile', ...MISSING, '-f', 'xlsx', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('-f xlsx writes to a file only');
    expect(r.stderr).toContain('add -o report.xlsx');
  });

  it('-o r.xls: a spreadsheet type fundgap does not write', async () => {
    const dir = tempDir();
    const r = await runCli(['reconcile', ...EVERY, '-o', join(dir, 'r.xls')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fundgap 不能写 .xls 格式');
    expect(existsSync(join(dir, 'r.xls'))).toBe(false);
  });
});
