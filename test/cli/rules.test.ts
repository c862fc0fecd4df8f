// Each rule on a fixture that triggers it and on cases that must not.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ledgers, reconcileJson, runCli, tempDir, writeFiles, type ReportFinding, type ReportJson } from '../helpers.js';

type Finding = ReportFinding;
type Report = ReportJson;

const report = (args: string[]) => reconcileJson<Report>(args);

const rows = (f: Finding, role: string) => f.evidence.filter((e) => e.role === role).map((e) => e.row);
const only = (r: Report, rule: string) => r.findings.filter((f) => f.rule === rule);

describe('late-disbursement', () => {
  const fx = ledgers('fixtures/late-disbursement');

  it('flags disbursements more than --late-days after the allocation, with the days', async () => {
    const late = only(await report([...fx, '--late-days', '30']), 'late-disbursement');
    expect(late.map((f) => [f.key, rows(f, 'disbursed'), f.amount])).toEqual([
      ['洪水镇人饮工程', [5], '40000.00'],
      ['瞿昙镇道路硬化项目', [3], '200000.00'],
    ]);
    expect(late[1]!.message).toContain('相隔 31 天');
    expect(rows(late[1]!, 'allocated')).toEqual([3]);
  });

  it('a payment on day 30 with --late-days 30 is on time', async () => {
    const late = only(await report([...fx, '--late-days', '30']), 'late-disbursement');
    expect(late.map((f) => f.key)).not.toContain('高庙镇产业扶贫项目');
  });

  it('says nothing without --late-days', async () => {
    expect(only(await report(fx), 'late-disbursement')).toEqual([]);
  });
});

describe('ageing of retained funds', () => {
  it('buckets what is retained by days since its allocation, first in first out', async () => {
    const dir = writeFiles({
      'a.csv': '项目名称,下达金额,下达日期\n甲项目,100.00,2019-01-01\n甲项目,50.00,2019-11-15\n乙项目,30.00,2019-06-01\n丙项目,10.00,\n',
      'd.csv': '项目名称,拨付金额\n甲项目,120.00\n乙项目,0.00\n',
      'l.csv': '项目名称,结算金额\n甲项目,120.00\n乙项目,0.00\n',
    });
    const r = await report(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'l.csv'), '--as-of', '2019-12-31']);
    // 甲: the 120 paid draws on the January tranche first, so the 30 left is November's (46 days).
    expect(r.ageing).toEqual([
      { bucket: '0-30', amount: '0.00', keys: 0 },
      { bucket: '31-90', amount: '30.00', keys: 1 },
      { bucket: '91-180', amount: '0.00', keys: 0 },
      { bucket: '181-365', amount: '30.00', keys: 1 },
      { bucket: '365+', amount: '0.00', keys: 0 },
      { bucket: 'undated', amount: '10.00', keys: 1 },
    ]);
  });

  it('is absent without --as-of', async () => {
    expect((await report(ledgers('fixtures/every-status'))).ageing).toBeNull();
  });
});

describe('duplicate-payment', () => {
  const fx = ledgers('fixtures/duplicate-payments');

  it('flags the same ID or the same name and card paid the same amount on the same day', async () => {
    const dups = only(await report(fx), 'duplicate-payment');
    expect(dups.map((f) => [rows(f, 'landed'), f.amount])).toEqual([
      [[2, 3], '10000.00'],
      [[10, 11], '5000.00'],
    ]);
  });

  it('the same person paid the same amount in two different months is not a duplicate', async () => {
    const dups = only(await report(fx), 'duplicate-payment');
    expect(dups.flatMap((f) => rows(f, 'landed'))).not.toContain(4);
  });

  it('two people with the same name and no ID or card are not compared', async () => {
    const dups = only(await report(fx), 'duplicate-payment');
    expect(dups.flatMap((f) => rows(f, 'landed'))).not.toContain(8);
  });

  it('a damaged ID is no identity, and an undated payment cannot be placed on a day', async () => {
    const dir = writeFiles({
      'l.csv': [
        '项目名称,姓名,身份证号,发放金额,发放日期',
        '危房改造补助,张三,4.30281E+17,500.00,2019-05-10',
        '危房改造补助,李四,4.30281E+17,500.00,2019-05-10',
        '危房改造补助,马秀英,632122196503170424,800.00,',
        '危房改造补助,马秀英,632122196503170424,800.00,',
      ].join('\n'),
      'a.csv': '项目名称,金额\n危房改造补助,2600\n',
    });
    const r = await report(['-a', join(dir, 'a.csv'), '-d', join(dir, 'a.csv'), '-l', join(dir, 'l.csv')]);
    expect(only(r, 'duplicate-payment')).toEqual([]);
  });

  it('a window widens "the same day"', async () => {
    const dups = only(await report([...fx, '--duplicate-window', '3']), 'duplicate-payment');
    expect(dups.map((f) => rows(f, 'landed'))).toContainEqual([6, 7]);
    const narrow = only(await report([...fx, '--duplicate-window', '2']), 'duplicate-payment');
    expect(narrow.map((f) => rows(f, 'landed'))).not.toContainEqual([6, 7]);
  });
});

describe('invalid-id-number', () => {
  it('reports each impossible or damaged ID with its problem, and passes valid 18- and 15-digit ones', async () => {
    const bad = only(await report(ledgers('fixtures/invalid-id-numbers')), 'invalid-id-number');
    expect(bad.map((f) => rows(f, 'landed')[0])).toEqual([5, 6, 7, 8, 9, 10]);
    expect(bad.map((f) => f.message)).toEqual([
      expect.stringContaining('李强的身份证号 632126197809221512 校验码不符'),
      expect.stringContaining('出生日期不存在'),
      expect.stringContaining('地区代码不存在'),
      expect.stringContaining('科学计数法'),
      expect.stringContaining('末尾被补零'),
      expect.stringContaining('位数或字符不对'),
    ]);
  });

  it('reports an ID that the spreadsheet stored as a number', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('发放明细');
    ws.addRow(['项目名称', '姓名', '身份证号', '金额']);
    ws.addRow(['雨露计划', '马晓东', '632128197206110479', 3000]);
    ws.addRow(['雨露计划', '韩雪', 632122196503170424, 3000]);
    await wb.xlsx.writeFile(join(dir, 'l.xlsx'));
    writeFileSync(join(dir, 'a.csv'), '项目名称,金额\n雨露计划,6000\n');
    const r = await report(['-a', join(dir, 'a.csv'), '-d', join(dir, 'a.csv'), '-l', join(dir, 'l.xlsx')]);
    const bad = only(r, 'invalid-id-number');
    expect(bad.map((f) => [rows(f, 'landed'), f.message])).toEqual([[[3], expect.stringContaining('以数字格式存储')]]);
  });
});

describe('payee-not-on-roster', () => {
  const fx = [...ledgers('fixtures/roster'), '--roster', 'fixtures/roster/roster.csv'];

  it('flags landed payees whose ID is not on the roster, and records the roster read', async () => {
    const r = await report(fx);
    const miss = only(r, 'payee-not-on-roster');
    expect(miss.map((f) => [rows(f, 'landed'), f.amount])).toEqual([[[4], '5000.00']]);
    expect(miss[0]!.message).toContain('李建国');
    expect(r.roster).toMatchObject({ ids: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('does not run without a roster', async () => {
    expect(only(await report(ledgers('fixtures/roster')), 'payee-not-on-roster')).toEqual([]);
  });
});

describe('amount-words-mismatch', () => {
  it('flags figures that differ from the words, and words that are not an amount; passes matching ones', async () => {
    const r = await report(ledgers('fixtures/amount-in-words'));
    const m = only(r, 'amount-words-mismatch');
    expect(m.map((f) => [rows(f, 'disbursed'), f.amount])).toEqual([
      [[3], '1000.00'],
      [[4], '12654.33'],
    ]);
    expect(m[1]!.message).toContain('无法识别');
  });
});

describe('near misses', () => {
  const fx = ledgers('fixtures/near-miss');

  it('an unallocated key close to an allocated one asks "did you mean", without merging', async () => {
    const r = await report(fx);
    expect(only(r, 'unallocated')[0]!.message).toContain('是否应为“马营村产业发展项目”（相似度 0.89）');
    expect(only(r, 'idle')[0]!.message).toContain('是否应为“马营村产业发展项”');
    expect(r.keys.find((k) => k.key === '马营村产业发展项目')!.status).toEqual(['idle']);
  });

  it('--merge-similar merges above the threshold, and reports each merge', async () => {
    const r = await report([...fx, '--merge-similar', '0.85']);
    expect(r.keys.find((k) => k.key === '马营村产业发展项目')).toMatchObject({ status: ['matched'], disbursed: '500000.00' });
    const merged = only(r, 'key-merged');
    expect(merged).toHaveLength(1);
    expect(merged[0]!.evidence.map((e) => [e.role, e.row])).toEqual([['disbursed', 2], ['landed', 2]]);
  });

  it('does not merge below the threshold', async () => {
    const r = await report([...fx, '--merge-similar', '0.95']);
    expect(only(r, 'key-merged')).toEqual([]);
    expect(only(r, 'unallocated')).toHaveLength(1);
  });
});

describe('roll-up', () => {
  it('adds the figures by a column, lending ledgers without it the group of each key', async () => {
    const r = await report([...ledgers('fixtures/roll-up'), '--group-by', '乡镇']);
    expect(r.rollups).toEqual([
      {
        by: '乡镇',
        groups: [
          { group: '瞿昙镇', allocated: '500000.00', disbursed: '500000.00', landed: '500000.00', retained: '0.00', notLanded: '0.00', gap: '0.00' },
          { group: '高庙镇', allocated: '400000.00', disbursed: '380000.00', landed: '370000.00', retained: '20000.00', notLanded: '10000.00', gap: '30000.00' },
        ],
      },
    ]);
  });
});

describe('roll-up errors', () => {
  it('a --group-by column no ledger has is an error, not one anonymous group', async () => {
    const r = await runCli(['reconcile', ...ledgers('fixtures/roll-up'), '--group-by', '村', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--group-by "村": no ledger has this column');
  });
});

describe('severity and materiality', () => {
  it('the config can change a rule severity, and --fail-on follows it', async () => {
    const dir = writeFiles({ 'c.json': '{ "severity": { "retained": "error" } }' });
    const tol = ledgers('fixtures/tolerance-edge');
    expect((await runCli(['reconcile', ...tol])).code).toBe(0);
    expect((await runCli(['reconcile', ...tol, '-c', join(dir, 'c.json')])).code).toBe(1);
  });

  it('findings below the materiality amount are lowered to warnings', async () => {
    const r = await report([...ledgers('fixtures/every-status'), '--materiality', '100000']);
    const sev = Object.fromEntries(r.findings.map((f) => [f.rule, f.severity]));
    expect(sev['not-landed']).toBe('warning'); // 80,000
    expect(sev['over-landed']).toBe('warning'); // 15,000
    expect(sev['over-disbursed']).toBe('error'); // 200,000
    expect(sev['unallocated']).toBe('error'); // 150,000
  });
});

describe('tolerance per stage and direction', () => {
  it('a limit on one stage leaves the other exact', async () => {
    const fx = ledgers('fixtures/every-status');
    const r = await report([...fx, '--tolerance', 'not-landed=80000']);
    const status = Object.fromEntries(r.keys.map((k) => [k.key, k.status]));
    expect(status['人饮安全巩固提升工程']).toEqual(['matched']);
    expect(status['雨露计划职业教育补助']).toEqual(['over-landed']);
    expect(status['三合镇道路硬化项目']).toEqual(['retained']);
  });

  it('shortfall and excess limits are separate', async () => {
    const fx = ledgers('fixtures/every-status');
    const r = await report([...fx, '--tolerance', 'retained=200000', '--tolerance-pct', 'D-L=3']);
    const status = Object.fromEntries(r.keys.map((k) => [k.key, k.status]));
    expect(status['三合镇道路硬化项目']).toEqual(['matched']);
    expect(status['搬迁配套设施项目']).toEqual(['over-disbursed']);
    // 15,000 over on 515,000 is 2.9%: within 3%; 80,000 short on 800,000 is 10%: not.
    expect(status['雨露计划职业教育补助']).toEqual(['matched']);
    expect(status['人饮安全巩固提升工程']).toEqual(['not-landed']);
  });

  it('an unknown stage is a usage error', async () => {
    const r = await runCli(['reconcile', ...ledgers('fixtures/every-status'), '--tolerance', 'landing=1', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tolerance: unknown stage "landing"');
  });
});
