import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingRows, ledgers, reconcileJson, runCli, tempDir, type ReportJson } from '../helpers.js';

const EVERY = ledgers('fixtures/every-status');

type Json = ReportJson;

const json = (args: string[]) => reconcileJson<Json>(args);

describe('the JSON report, field by field against the brief', () => {
  it('has the schema, the tool and the parameters used', async () => {
    const r = await json([...EVERY, '--tolerance', '0.5']);
    expect(r.schema).toBe('fundgap.report/v2');
    expect(r.tool).toEqual({ name: 'fundgap', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(r.parameters).toMatchObject({
      key: ['project'],
      tolerance: { retained: { absolute: '0.50', percent: null } },
      failOn: 'none',
      asOf: null,
    });
  });

  it('describes every input: role, path as given, sheet, sha256, unit, and read = used + skipped', async () => {
    const r = await json(EVERY);
    expect(r.inputs.map((i) => i.role)).toEqual(['allocated', 'disbursed', 'landed']);
    const a = r.inputs[0]!;
    expect(a.path).toBe('fixtures/every-status/allocated.csv');
    expect(a.sheet).toBeNull();
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.unit).toBe('元');
    for (const i of r.inputs) {
      expect(i.rows.read).toBe(i.rows.used + i.rows.skipped);
      expect(i.skipped).toHaveLength(i.rows.skipped);
    }
    expect(a.skipped).toEqual([{ row: 1, reason: 'header' }]);
  });

  it('gives totals as exact decimal strings in 元 with at least two decimals', async () => {
    const r = await json(EVERY);
    expect(r.totals).toMatchObject({
      allocated: '8000000.00',
      disbursed: '6150000.00',
      landed: '6085000.00',
      retained: '1850000.00',
      notLanded: '65000.00',
      gap: '1915000.00',
    });
  });

  it('lists each key with its figures, statuses and source rows', async () => {
    const r = await json(EVERY);
    const byKey = Object.fromEntries(r.keys.map((k) => [k.key, k]));
    expect(byKey['人饮安全巩固提升工程']).toEqual({
      key: '人饮安全巩固提升工程',
      allocated: '800000.00',
      disbursed: '800000.00',
      landed: '720000.00',
      retained: '0.00',
      notLanded: '80000.00',
      gap: '80000.00',
      rates: { disbursed: '100.00', landed: '90.00' },
      status: ['not-landed'],
      evidence: { allocated: [5], disbursed: [5], landed: [5] },
    });
    expect(Object.fromEntries(r.keys.map((k) => [k.key, k.status]))).toEqual({
      马营村产业发展项目: ['matched'],
      三合镇道路硬化项目: ['retained'],
      搬迁配套设施项目: ['over-disbursed'],
      人饮安全巩固提升工程: ['not-landed'],
      雨露计划职业教育补助: ['over-landed'],
      街子镇光伏扶贫电站: ['idle'],
      驻村帮扶工作经费: ['unallocated'],
    });
  });

  it('has a finding for every status that is not matched, with evidence naming file, sheet and row', async () => {
    const r = await json(EVERY);
    expect(r.findings.map((f) => f.rule).sort()).toEqual(
      ['idle', 'not-landed', 'over-disbursed', 'over-landed', 'retained', 'unallocated'].sort(),
    );
    const idle = r.findings.find((f) => f.rule === 'idle')!;
    expect(idle).toEqual({
      rule: 'idle',
      severity: 'warning',
      key: '街子镇光伏扶贫电站',
      amount: '2000000.00',
      message: expect.stringContaining('2,000,000.00'),
      // A key's status finding points to the key's rows rather than copying them.
      evidence: [],
      evidenceOf: { keyIndex: r.keys.findIndex((k) => k.key === '街子镇光伏扶贫电站'), roles: ['allocated'] },
      details: { rule: 'idle', allocated: '2000000.00' },
    });
    expect(findingRows(r, idle)).toEqual([{ role: 'allocated', file: 'fixtures/every-status/allocated.csv', sheet: null, row: 7 }]);
    const notLanded = r.findings.find((f) => f.rule === 'not-landed')!;
    expect(findingRows(r, notLanded).map((e) => [e.role, e.row])).toEqual([
      ['disbursed', 5],
      ['landed', 5],
    ]);
    expect(notLanded.amount).toBe('80000.00');
  });

  it('writes messages in the report language', async () => {
    const zh = await json(EVERY);
    const en = await json([...EVERY, '--lang', 'en']);
    expect(zh.findings.find((f) => f.rule === 'not-landed')!.message).toContain('未落地');
    expect(en.findings.find((f) => f.rule === 'not-landed')!.message).toContain('did not reach the ground');
  });
});

describe('exit codes', () => {
  it('exits 1 when a finding is at or above --fail-on (default error)', async () => {
    expect((await runCli(['reconcile', ...EVERY])).code).toBe(1);
  });

  it('exits 0 with --fail-on none', async () => {
    expect((await runCli(['reconcile', ...EVERY, '--fail-on', 'none'])).code).toBe(0);
  });

  it('counts only findings at or above the threshold', async () => {
    const tol = ledgers('fixtures/tolerance-edge');
    // Retained is a warning: it fails at warning, not at error.
    expect((await runCli(['reconcile', ...tol, '--fail-on', 'error'])).code).toBe(0);
    expect((await runCli(['reconcile', ...tol, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['reconcile', ...ledgers('fixtures/composite-key'), '-k', '乡镇,项目名称', '--fail-on', 'info'])).code).toBe(1);
  });

  it('exits 0 when everything matches, even at --fail-on info', async () => {
    expect((await runCli(['reconcile', ...ledgers('fixtures/tolerance-edge'), '--tolerance', '1.01', '--fail-on', 'info'])).code).toBe(0);
  });

  it('exits 2 on a usage error, with a message and no stack trace', async () => {
    for (const args of [
      ['reconcile', ...EVERY, '--tolerance', 'abc'],
      ['reconcile', ...EVERY, '--fail-on', 'sometimes'],
      ['reconcile', '-a', 'fixtures/every-status/allocated.csv'],
      ['reconcile', ...EVERY, '--no-such-option'],
      ['reconcile', ...EVERY, '--as-of', '2019-02-30'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });
});

describe('tolerance from the command line', () => {
  it('passes a gap exactly at --tolerance and reports one a fen past it', async () => {
    const r = await json([...ledgers('fixtures/tolerance-edge'), '--tolerance', '1']);
    expect(Object.fromEntries(r.keys.map((k) => [k.key, k.status]))).toEqual({
      到边项目: ['matched'],
      越界项目: ['retained'],
    });
  });

  it('passes a gap exactly at --tolerance-pct of the larger side', async () => {
    const r = await json([...ledgers('fixtures/tolerance-edge'), '--tolerance-pct', '0.1']);
    expect(Object.fromEntries(r.keys.map((k) => [k.key, k.status]))).toEqual({
      到边项目: ['matched'],
      越界项目: ['retained'],
    });
  });
});

describe('keys', () => {
  it('joins on a composite key given as header texts', async () => {
    const r = await json([...ledgers('fixtures/composite-key'), '-k', '乡镇,项目名称']);
    expect(r.keys.map((k) => [k.key, k.status, k.retained])).toEqual([
      ['瞿昙镇 / 村道硬化', ['retained'], '50000.00'],
      ['高庙镇 / 村道硬化', ['matched'], '0.00'],
    ]);
  });

  it('ID numbers join whatever case their X check character is written in', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), '身份证号,金额\n11010519491231002X,3000\n');
    writeFileSync(join(dir, 'l.csv'), '身份证号,金额\n11010519491231002x,3000\n');
    const r = await json(['-a', join(dir, 'a.csv'), '-d', join(dir, 'a.csv'), '-l', join(dir, 'l.csv'), '-k', 'idNumber']);
    expect(r.keys.map((k) => [k.key, k.status])).toEqual([['11010519491231002X', ['matched']]]);
  });

  it('without the town in the key, the two projects are one', async () => {
    const r = await json(ledgers('fixtures/composite-key'));
    expect(r.keys).toHaveLength(1);
    expect(r.keys[0]!.allocated).toBe('500000.00');
  });
});

describe('amounts as people write them', () => {
  it('reads every accepted form exactly and the sums agree to the fen', async () => {
    const r = await json(ledgers('fixtures/amount-formats'));
    expect(r.keys).toHaveLength(1);
    expect(r.keys[0]).toMatchObject({ allocated: '125000.00', disbursed: '125000.00', landed: '125000.00', status: ['matched'] });
    expect(r.keys[0]!.evidence.disbursed).toHaveLength(10);
  });
});

describe('reports', () => {
  it('text: totals first, then keys by gap, then findings with evidence, in Chinese by default', async () => {
    const r = await runCli(['reconcile', ...EVERY]);
    const out = r.stdout;
    const order = ['上级给多少 (A)', '逐项比对', '发现的问题'].map((s) => out.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('8,000,000.00');
    expect(out).toContain('依据: fixtures/every-status/disbursed.csv 第 5 行');
    expect(out.indexOf('街子镇光伏扶贫电站')).toBeLessThan(out.indexOf('马营村产业发展项目'));
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('text in English with --lang en', async () => {
    const out = (await runCli(['reconcile', ...EVERY, '--lang', 'en'])).stdout;
    expect(out).toContain('Allocated (A)');
    expect(out).toContain('Evidence: fixtures/every-status/disbursed.csv row 5');
  });

  it('markdown has the same sections as tables', async () => {
    const out = (await runCli(['reconcile', ...EVERY, '-f', 'md'])).stdout;
    expect(out).toMatch(/^# 扶贫资金三方比对报告/);
    expect(out).toContain('| 人饮安全巩固提升工程 | 800,000.00 | 800,000.00 | 720,000.00 | 0.00 | 80,000.00 | 未落地 |');
  });

  it('is byte-identical from run to run and holds no date unless --as-of is given', async () => {
    const one = (await runCli(['reconcile', ...EVERY, '-f', 'json'])).stdout;
    const two = (await runCli(['reconcile', ...EVERY, '-f', 'json'])).stdout;
    expect(one).toBe(two);
    expect(one).not.toMatch(/20\d\d-\d\d-\d\dT/);
    const dated = JSON.parse((await runCli(['reconcile', ...EVERY, '-f', 'json', '--as-of', '2019-12-31'])).stdout);
    expect(dated.parameters.asOf).toBe('2019-12-31');
  });

  it('--out writes the whole report and prints nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = await runCli(['reconcile', ...EVERY, '-f', 'json', '-o', out]);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('fundgap.report/v2');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('--out never replaces an input', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.csv');
    writeFileSync(a, readFileSync('fixtures/every-status/allocated.csv'));
    const r = await runCli(['reconcile', '-a', a, '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv', '-o', a, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output would be written over an input file');
    expect(readFileSync(a, 'utf8')).toBe(readFileSync('fixtures/every-status/allocated.csv', 'utf8'));
  });

  it('--out leaves nothing behind when the input is bad', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = await runCli(['reconcile', '-a', 'fixtures/every-status/allocated.csv', '-d', 'fixtures/errors/AMOUNT_INVALID/disbursed.csv', '-l', 'fixtures/every-status/landed.csv', '-o', out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
