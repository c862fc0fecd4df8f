// `fundgap init`: the config it writes is valid, explicit, and reproduces the same reading
// when given back to reconcile; a choice between amount columns is written down and flagged;
// an existing file is kept unless --force; a bad input writes nothing.

import iconv from 'iconv-lite';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../src/config/schema.js';
import { UNIT_SOURCES } from '../../src/report/messages.js';
import { ledgers, runCli, tempDir, writeFiles } from '../helpers.js';

const HAIDONG = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'];
const AMBIGUOUS = ['-a', 'fixtures/errors/COLUMN_AMBIGUOUS/allocated.csv', '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv'];

async function init(args: string[], out: string) {
  const r = await runCli(['init', ...args, '-o', out]);
  return r;
}

function readConfig(path: string): Config {
  const text = readFileSync(path, 'utf8');
  // Pretty JSON with two spaces and a trailing newline, exactly as JSON.stringify writes it.
  expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  const raw = JSON.parse(text) as Config;
  const parsed = configSchema.safeParse(raw);
  expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  // As written, so that key order can be checked (the schema's output reorders keys).
  return raw;
}

/** The JSON report's keys (and totals) from reconcile, with and without the config. */
async function reconcileJson(args: string[]) {
  const r = await runCli(['reconcile', ...args, '-f', 'json', '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as { keys: unknown[]; totals: unknown; inputs: { role: string; unit: string; header: unknown }[] };
  return report;
}

async function expectRoundTrip(args: string[], config: string) {
  const without = await reconcileJson(args);
  const withConfig = await reconcileJson(['-c', config, ...args]);
  expect(without.keys.length).toBeGreaterThan(0);
  expect(withConfig.keys).toEqual(without.keys);
  expect(withConfig.totals).toEqual(without.totals);
  expect(withConfig.inputs.map((i) => [i.unit, i.header])).toEqual(without.inputs.map((i) => [i.unit, i.header]));
}

/** The lines of the summary from one ledger's heading to the next blank line. */
function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start, `no section "${heading}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('fundgap init', () => {
  it('writes an explicit, valid config for the Haidong demo (XLSX and CSV) and says what it found', async () => {
    const out = join(tempDir(), 'fundgap.config.json');
    const r = await init(HAIDONG, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const config = readConfig(out);
    expect(Object.keys(config)).toEqual(['key', 'ledgers', 'tolerance', 'failOn']);
    expect(config.key).toEqual(['project']);
    expect(config.tolerance).toEqual({ absolute: '0.00' });
    expect(config.ledgers!.allocated).toEqual({
      sheet: '分配表',
      headerRow: 3,
      unit: '万元',
      columns: { project: '项目名称', amount: '下达金额', date: '下达日期', region: '县(区)' },
    });
    expect(Object.keys(config.ledgers!.allocated!)).toEqual(['sheet', 'headerRow', 'unit', 'columns']);
    // UTF-8 with BOM needs no encoding setting; the unit comes from the header and is written.
    expect(config.ledgers!.disbursed).toMatchObject({ headerRow: 1, unit: '元' });
    expect(config.ledgers!.disbursed!.encoding).toBeUndefined();
    expect(config.ledgers!.disbursed!.sheet).toBeUndefined();
    expect(config.ledgers!.disbursed!.columns).toMatchObject({ project: '项目名称', amount: '拨付金额(元)' });
    expect(config.ledgers!.landed).toMatchObject({ sheet: '落地明细', headerRow: 1, unit: '元' });
    expect(config.ledgers!.landed!.columns).toMatchObject({ amount: '结算金额(元)' });

    const a = section(r.stdout, '上级下达（-a）');
    expect(a[0]).toContain('fixtures/haidong-demo/allocation.xlsx  工作表“分配表”');
    expect(a).toContain('  表头：第 3 行');
    expect(a).toContain('  比对字段：“项目名称”（C 列）');
    expect(a).toContain('  金额列：“下达金额”（D 列）');
    expect(a).toContain(`  单位：万元（${UNIT_SOURCES.sheet.zh}）`);
    const d = section(r.stdout, '拨付（-d）');
    expect(d).toContain(`  单位：元（${UNIT_SOURCES.header.zh}）`);
    expect(d.some((l) => l.startsWith('  编码：UTF-8'))).toBe(true);
    expect(r.stdout).not.toContain('【请核对】金额列');
    expect(r.stdout).toContain(`已写出配置：${out}`);
    expect(r.stdout).toContain(`fundgap reconcile -c ${out} ${HAIDONG.join(' ')}`);

    await expectRoundTrip(HAIDONG, out);
  });

  it('writes the encoding of a GBK ledger, and the config reads it the same way', async () => {
    const dir = writeFiles({
      'disbursed.csv': iconv.encode(readFileSync('fixtures/every-status/disbursed.csv', 'utf8'), 'gbk'),
    });
    const args = ['-a', 'fixtures/every-status/allocated.csv', '-d', join(dir, 'disbursed.csv'), '-l', 'fixtures/every-status/landed.csv'];
    const out = join(dir, 'c.json');
    const r = await init(args, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const config = readConfig(out);
    expect(config.ledgers!.disbursed!.encoding).toBe('gb18030');
    expect(config.ledgers!.disbursed!.columns).toMatchObject({ project: '项目名称', amount: '拨付金额', voucher: '凭证号' });
    expect(config.ledgers!.allocated!.encoding).toBeUndefined();
    expect(section(r.stdout, '拨付（-d）')).toContain('  编码：GBK/GB18030（自动识别，已写入配置）');
    await expectRoundTrip(args, out);
  });

  it('writes a unit it inferred, and says it was inferred', async () => {
    const dir = writeFiles({
      'a.csv': '项目名称,下达金额\n马营村产业发展项目,50\n三合镇道路硬化项目,100\n',
      'd.csv': '项目名称,拨付金额(元)\n马营村产业发展项目,500000.00\n三合镇道路硬化项目,1000000.00\n',
      'l.csv': '项目名称,结算金额(元)\n马营村产业发展项目,500000.00\n三合镇道路硬化项目,1000000.00\n',
    });
    const args = ledgers(dir, { a: 'a.csv', d: 'd.csv', l: 'l.csv' });
    const out = join(dir, 'c.json');
    const r = await init(args, out);
    expect(r.code).toBe(0);
    expect(readConfig(out).ledgers!.allocated!.unit).toBe('万元');
    expect(section(r.stdout, '上级下达（-a）').join('\n')).toContain(`单位：万元（${UNIT_SOURCES.inferred.zh}，对照拨付、落地）`);
    await expectRoundTrip(args, out);
  });

  it('joins on the ID number when no ledger has a project column, and says it chose that key', async () => {
    const dir = writeFiles({
      'a.csv': '姓名,身份证号,补助金额(元)\n贺建军,430281196507121234,3000.00\n刘桂兰,43028119720303452X,3000.00\n',
      'd.csv': '姓名,身份证号,发放金额(元)\n贺建军,430281196507121234,3000.00\n刘桂兰,43028119720303452X,2000.00\n',
      'l.csv': '姓名,身份证号,发放金额(元)\n贺建军,430281196507121234,3000.00\n刘桂兰,43028119720303452X,2000.00\n',
    });
    const args = ledgers(dir, { a: 'a.csv', d: 'd.csv', l: 'l.csv' });
    const out = join(dir, 'c.json');
    const r = await init(args, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readConfig(out).key).toEqual(['idNumber']);
    const lines = r.stdout.split('\n');
    const flagged = lines.findIndex((l) => l.startsWith('【请核对】比对键改用 idNumber：默认的 project 在') && l.includes('a.csv'));
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(lines.findIndex((l) => l.startsWith('上级下达（-a）')));
    expect(section(r.stdout, '上级下达（-a）')).toContain('  比对字段：“身份证号”（第 2 列）');

    const withConfig = await reconcileJson(['-c', out, ...args]);
    const withKey = await reconcileJson([...args, '-k', 'idNumber']);
    expect(withConfig.keys).toEqual(withKey.keys);
    expect((withConfig.keys as { key: string }[]).map((k) => k.key)).toEqual(['43028119720303452X', '430281196507121234']);
  });

  it('stops with the default key\'s error when no default key has a column everywhere', async () => {
    const dir = writeFiles({ 'd.csv': '凭证号,摘要,拨付金额\n记-01,拨付,500000.00\n' });
    const out = join(dir, 'c.json');
    const r = await init(['-a', 'fixtures/every-status/allocated.csv', '-d', join(dir, 'd.csv'), '-l', 'fixtures/every-status/landed.csv', '--lang', 'en'], out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('d.csv:1: no column for the join key "project"');
    expect(existsSync(out)).toBe(false);
  });

  it('takes the first of several amount columns, writes it down, and flags the choice first', async () => {
    // Without a config, reconcile refuses to guess.
    const refused = await runCli(['reconcile', ...AMBIGUOUS]);
    expect(refused.code).toBe(2);

    const out = join(tempDir(), 'c.json');
    const r = await init(AMBIGUOUS, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const config = readConfig(out);
    expect(config.ledgers!.allocated!.columns!.amount).toBe('资金规模');
    expect(config.ledgers!.disbursed!.columns!.amount).toBe('拨付金额');

    // Said before any ledger section, and as the first line of the allocated one.
    const lines = r.stdout.split('\n');
    const flagged = lines.findIndex((l) => l.startsWith('【请核对】上级下达台账有多个可能的金额列'));
    const heading = lines.findIndex((l) => l.startsWith('上级下达（-a）'));
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(heading);
    const a = section(r.stdout, '上级下达（-a）');
    expect(a[1]).toBe(
      '  【请核对】金额列有 2 个候选：“资金规模”（第 2 列）、“少数民族发展项目资金(万元)”（第 3 列）；已取第一个“资金规模”（第 2 列）写入配置。',
    );
    expect(a.join('\n')).toContain('ledgers.allocated.columns.amount');
    expect(a).toContain('  金额列：“资金规模”（第 2 列）  ← 从多个候选中选取，请核对');
    // The other ledgers had one amount column: no flag there.
    expect(section(r.stdout, '拨付（-d）').join('\n')).not.toContain('【请核对】');

    // The way out works: with the config, reconcile reads the chosen column.
    const report = await reconcileJson(['-c', out, ...AMBIGUOUS]);
    const key = (report.keys as { key: string; allocated: string }[]).find((k) => k.key === '马营村产业发展项目');
    expect(key?.allocated).toBe('50.00');
  });

  it('flags the choice in English with --lang en', async () => {
    const out = join(tempDir(), 'c.json');
    const r = await runCli(['init', ...AMBIGUOUS, '-o', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    const a = section(r.stdout, 'allocated (-a)');
    expect(a[1]).toBe(
      '  CHECK: 2 columns could be the amount: "资金规模" (column 2), "少数民族发展项目资金(万元)" (column 3); the first, "资金规模" (column 2), was written to the config.',
    );
    expect(r.stdout).toContain(`config written: ${out}`);
  });

  it('refuses to overwrite an existing file without --force, and overwrites it with --force', async () => {
    const dir = tempDir();
    const out = join(dir, 'fundgap.config.json');
    writeFileSync(out, 'keep me\n');

    const refused = await init([...AMBIGUOUS, '--lang', 'en'], out);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${out}: this file already exists`);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');

    const forced = await runCli(['init', ...AMBIGUOUS, '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readConfig(out).ledgers!.allocated!.columns!.amount).toBe('资金规模');
    expect(readdirSync(dir)).toEqual(['fundgap.config.json']);
  });

  it('never writes the config over one of the ledgers, even with --force', async () => {
    const dir = writeFiles({ 'a.csv': readFileSync('fixtures/every-status/allocated.csv') });
    const a = join(dir, 'a.csv');
    const r = await runCli(['init', '-a', a, '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv', '-o', a, '--force', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output would be written over an input file');
    expect(readFileSync(a, 'utf8')).toBe(readFileSync('fixtures/every-status/allocated.csv', 'utf8'));
  });

  it.each([
    ['a missing ledger', ['-a', 'fixtures/nowhere.csv', '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv'], 'fixtures/nowhere.csv: no such file'],
    ['an amount that is not a number', ['-a', 'fixtures/every-status/allocated.csv', '-d', 'fixtures/errors/AMOUNT_INVALID/disbursed.csv', '-l', 'fixtures/every-status/landed.csv'], 'not an amount'],
    ['a bad --unit', [...AMBIGUOUS, '--unit', '千元'], '--unit expects 元 or 万元'],
  ])('writes nothing on %s', async (_name, args, message) => {
    const dir = tempDir();
    const out = join(dir, 'fundgap.config.json');
    const r = await init([...args, '--lang', 'en'], out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
