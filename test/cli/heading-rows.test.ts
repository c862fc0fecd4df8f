// Heading rows with and without numbering: a row is left out as a heading only where the sums
// say it carries the rows under it (and a stated total, where there is one, agrees); a row
// that merely equals the one row under it is a row of its own; and where nothing can tell,
// the run stops with the config that settles it.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, reconcileJson, runCli, writeFiles, type ReportJson } from '../helpers.js';

const dir = 'fixtures/town-headings';

const reconcile = (a: string, d: string, l: string, extra: string[] = []) => reconcileJson(['-a', a, '-d', d, '-l', l, ...extra], { passes: true });

const fails = (a: string, d: string, l: string, extra: string[] = []) => failure(['-a', a, '-d', d, '-l', l, ...extra]);

const headingRows = (r: ReportJson) => r.inputs[0]!.skipped.filter((s) => s.reason === 'group-heading').map((s) => s.row);
const keysOf = (r: ReportJson) => r.keys.map((k) => k.key).sort();
const rulesOf = (r: ReportJson) => r.findings.map((f) => [f.rule, f.evidence.map((e) => e.row)]);

const PROJECTS = ['三合镇人饮工程', '三合镇村组道路硬化项目', '古城乡人饮安全巩固提升工程', '小峡镇特色种植项目'];

describe('unnumbered headings: a town name carrying the sum of its projects', () => {
  it('are left out and checked like subtotals when the sheet’s 合计 foots only that way, one project under a town included', async () => {
    const r = await reconcile(`${dir}/allocated.csv`, `${dir}/disbursed.csv`, `${dir}/landed.csv`);
    expect(r.totals.allocated).toBe('2734071.20');
    expect(keysOf(r)).toEqual(PROJECTS);
    expect(r.keys.every((k) => k.status.join() === 'matched')).toBe(true);
    expect(headingRows(r)).toEqual([3, 6, 8]);
    expect(r.inputs[0]!.footing.map((f) => [f.row, f.computed, f.foots])).toEqual([
      [3, '1600000.00', true],
      [6, '679071.20', true],
      [8, '455000.00', true],
      [10, '2734071.20', true],
    ]);
    expect(rulesOf(r)).toEqual([['heading-rows', [3, 6, 8]]]);
  });

  it('nest (town over village over project) and stand without a 合计 where the projects fill columns the headings leave empty', async () => {
    const r = await reconcile(`${dir}/nested.csv`, `${dir}/nested-disbursed.csv`, `${dir}/nested-disbursed.csv`);
    expect(r.totals.allocated).toBe('2279071.20');
    expect(headingRows(r)).toEqual([2, 3, 6, 9]);
    expect(r.inputs[0]!.footing.map((f) => [f.row, f.label, f.computed, f.foots])).toEqual([
      [2, '三合镇', '1600000.00', true],
      [3, '新庄村', '1000000.00', true],
      [6, '沙卡村', '600000.00', true],
      [9, '小峡镇', '679071.20', true],
    ]);
    expect(r.keys).toHaveLength(6);
  });

  it('at the bottom of their group (the town after its projects) are found the same way, when the 合计 says so', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '三合镇村组道路硬化项目,1200000.00', '三合镇人饮工程,400000.00', '三合镇,1600000.00', '小峡镇特色种植项目,679071.20', '小峡镇,679071.20', '合计,2279071.20'].join('\n'),
      'd.csv': ['项目名称,拨付金额', '三合镇村组道路硬化项目,1200000.00', '三合镇人饮工程,400000.00', '小峡镇特色种植项目,679071.20'].join('\n'),
    });
    const r = await reconcile(join(d, 'a.csv'), join(d, 'd.csv'), join(d, 'd.csv'));
    expect(headingRows(r)).toEqual([4, 6]);
    expect(r.totals.allocated).toBe('2279071.20');
  });

  it('a row equal to the one above it and the one below it: when the 合计 foots either way, the other ledgers or the user decide', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '马营村产业发展项目,100.00', '瞿昙镇,100.00', '合计,100.00'].join('\n'),
      'd.csv': ['项目名称,拨付金额', '马营村产业发展项目,100.00'].join('\n'),
      'c.json': JSON.stringify({ ledgers: { allocated: { headings: [3] } } }),
    });
    const [a, dd] = [join(d, 'a.csv'), join(d, 'd.csv')];
    const err = await fails(a, dd, dd);
    expect(err).toContain(`${a}:2: this row "马营村产业发展项目" (100.00) equals row 3 and would be read as a heading and not counted, but the disbursed ledger has this key`);
    expect(err).toContain('If row 3 is a heading (and row 2 is not), write "ledgers.allocated": { "headings": [3] }');
    // As the hint says: the town row is checked against the project above it.
    const r = await reconcile(a, dd, dd, ['-c', join(d, 'c.json')]);
    expect(headingRows(r)).toEqual([3]);
    expect(r.inputs[0]!.footing.map((f) => [f.row, f.computed, f.foots])).toEqual([
      [3, '100.00', true],
      [4, '100.00', true],
    ]);
  });

  it('without a 合计 and with nothing else to tell them from projects, stop the run with the config that settles it', async () => {
    const err = await fails(`${dir}/no-total.csv`, `${dir}/disbursed.csv`, `${dir}/landed.csv`);
    expect(err).toContain(`${dir}/no-total.csv:2: this row "三合镇" (1,600,000.00) equals the sum of rows 3–4 (2 rows)`);
    expect(err).toContain('"ledgers.allocated": { "headings": [2, 5, 7] }');
    expect(err).toContain('"ledgers.allocated": { "headings": "none" }');
  });

  it('inspect shows such a row, read as data until reconcile settles it', async () => {
    const r = await runCli(['inspect', `${dir}/no-total.csv`, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).headingQuestions).toEqual([{ row: 2, kind: 'doubt', label: '三合镇', amount: '1600000.00' }]);
  });

  it('the config settles them: listed rows are headings (and checked), or "none" reads every row as a row of its own', async () => {
    const listed = await reconcile(`${dir}/no-total.csv`, `${dir}/disbursed.csv`, `${dir}/landed.csv`, ['-c', `${dir}/headings.config.json`]);
    expect(listed.totals.allocated).toBe('2734071.20');
    expect(headingRows(listed)).toEqual([2, 5, 7]);
    expect(keysOf(listed)).toEqual(PROJECTS);

    const none = await reconcile(`${dir}/no-total.csv`, `${dir}/disbursed.csv`, `${dir}/landed.csv`, ['-c', `${dir}/no-headings.config.json`]);
    expect(none.totals.allocated).toBe('5468142.40');
    expect(headingRows(none)).toEqual([]);
    expect(none.keys.filter((k) => k.status.includes('idle')).map((k) => k.key).sort()).toEqual(['三合镇', '古城乡', '小峡镇']);
  });

  it('a heading no total confirms, whose key another ledger pays, is a contradiction the user settles', async () => {
    const d = writeFiles({
      'd.csv': ['项目名称,拨付金额', '新庄村,1000000.00', '沙卡村产业发展项目,350000.00', '沙卡村光伏扶贫项目,250000.00', '小峡镇特色种植项目,400000.00', '小峡镇扶贫车间项目,279071.20'].join('\n'),
    });
    const err = await fails(`${dir}/nested.csv`, join(d, 'd.csv'), join(d, 'd.csv'));
    expect(err).toContain(`${dir}/nested.csv:3: this row "新庄村" (1,000,000.00) equals the sum of rows 4–5 (2 rows) and would be read as a heading and not counted, but the disbursed ledger has this key`);
    expect(err).toContain('"ledgers.allocated": { "headings": [2, 6, 9] }');
  });
});

describe('numbered rows', () => {
  it('（一）戊项目 with one unnumbered payment of the same amount under it is a payment, not a heading', async () => {
    const r = await reconcile('fixtures/numbered-payment-row/allocated.csv', 'fixtures/numbered-payment-row/disbursed.csv', 'fixtures/numbered-payment-row/landed.csv');
    expect(r.totals.disbursed).toBe('200.00');
    expect(r.keys.map((k) => [k.key, k.disbursed, k.status.join()])).toEqual([
      ['戊项目', '100.00', 'matched'],
      ['甲项目', '100.00', 'matched'],
    ]);
    expect(r.findings).toEqual([]);
  });

  it('the same with the numbering written into the name: its 100 is counted', async () => {
    const d = writeFiles({ 'd.csv': '项目名称,拨付金额\n（一）戊项目,100.00\n甲项目,100.00\n' });
    const r = await reconcile('fixtures/numbered-payment-row/allocated.csv', join(d, 'd.csv'), 'fixtures/numbered-payment-row/landed.csv');
    expect(r.totals.disbursed).toBe('200.00');
    expect(r.inputs[1]!.skipped.map((s) => s.reason)).toEqual(['header']);
  });
});

describe('sums that only look like headings', () => {
  it('a project equal to the two below it is a project when the 合计 foots with every row counted', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '马营村产业发展项目,1000000.00', '老鸦村养殖项目,500000.00', '三合镇道路硬化项目,500000.00', '合计,2000000.00'].join('\n'),
    });
    const a = join(d, 'a.csv');
    const r = await reconcile(a, a, a);
    expect(r.totals.allocated).toBe('2000000.00');
    expect(headingRows(r)).toEqual([]);
  });

  it('a project equal to the two below it, with no total, stands as a project when another ledger pays it', async () => {
    const d = writeFiles({
      'a.csv': ['项目名称,下达金额', '马营村产业发展项目,1000000.00', '老鸦村养殖项目,500000.00', '三合镇道路硬化项目,500000.00'].join('\n'),
    });
    const a = join(d, 'a.csv');
    const r = await reconcile(a, a, a);
    expect(r.totals.allocated).toBe('2000000.00');
  });

  it('a dated payment equal to the two after it is a payment, whatever the other ledgers hold', async () => {
    const d = writeFiles({
      'd.csv': ['项目名称,拨付金额,拨付日期', '马营村产业发展项目,200000.00,2019-04-02', '老鸦村养殖项目,100000.00,2019-04-02', '老鸦村养殖项目,100000.00,2019-05-10'].join('\n'),
      'a.csv': ['项目名称,下达金额', '老鸦村养殖项目,200000.00'].join('\n'),
    });
    const r = await reconcile(join(d, 'a.csv'), join(d, 'd.csv'), join(d, 'd.csv'));
    expect(r.totals.disbursed).toBe('400000.00');
    expect(r.keys.find((k) => k.key === '马营村产业发展项目')!.status).toEqual(['unallocated']);
  });

  it('payments to people (a payee, an ID number or an account on the row) are never headings', async () => {
    const d = writeFiles({
      'l.csv': ['项目名称,姓名,发放金额', '雨露计划职业教育补助,贺建军,3000.00', '雨露计划补助,刘桂兰,1500.00', '雨露计划,王小平,1500.00'].join('\n'),
    });
    const l = join(d, 'l.csv');
    const r = await reconcile(l, l, l);
    expect(r.totals.landed).toBe('6000.00');
  });
});

describe('the headings option', () => {
  it('is validated: "none" or a list of row numbers', async () => {
    const d = writeFiles({ 'c.json': JSON.stringify({ ledgers: { allocated: { headings: 'all' } } }) });
    const err = await fails(`${dir}/allocated.csv`, `${dir}/disbursed.csv`, `${dir}/landed.csv`, ['-c', join(d, 'c.json')]);
    expect(err).toContain('ledgers.allocated.headings');
    expect(err).toContain('expected "none" or a list of row numbers');
  });
});
