import { describe, expect, it } from 'vitest';
import { reconcileJson, writeFiles } from '../helpers.js';

const dir = 'fixtures/category-headings';
const DL = ['-d', `${dir}/disbursed.csv`, '-l', `${dir}/landed.csv`];

const report = (allocated: string) => reconcileJson<any>(['-a', allocated, ...DL]);

describe('category headings that carry the sum of the rows under them', () => {
  it('are skipped, not counted twice, at both levels (一 and （一）), and checked like totals', async () => {
    const r = await report(`${dir}/allocated.csv`);
    expect(r.totals.allocated).toBe('1500000.00');
    expect(r.keys.map((k: { key: string }) => k.key).sort()).toEqual(['三合镇道路硬化项目', '洪水镇人饮工程', '老鸦村养殖项目', '马营村产业发展项目'].sort());
    expect(r.inputs[0].skipped.filter((s: { reason: string }) => s.reason === 'group-heading').map((s: { row: number }) => s.row)).toEqual([3, 6, 7, 9]);
    expect(r.inputs[0].footing.every((f: { foots: boolean }) => f.foots)).toBe(true);
    // Leaving a row's money out is a decision that changes a figure: it is a finding too.
    expect(r.findings.map((f: { rule: string; severity: string; evidence: { row: number }[] }) => [f.rule, f.severity, f.evidence.map((e) => e.row)])).toEqual([
      ['heading-rows', 'info', [3, 6, 7, 9]],
    ]);
  });

  it('projects numbered 一、二、 with nothing under them stay projects', async () => {
    const r = await report(`${dir}/numbered-projects.csv`);
    expect(r.totals.allocated).toBe('1500000.00');
    expect(r.keys).toHaveLength(4);
    expect(r.inputs[0].rows.used).toBe(4);
  });

  it('a heading that does not equal its rows is a footing mismatch, never extra money, at either level', async () => {
    const d = writeFiles({
      'a.csv': [
        '序号,项目名称,下达金额',
        '一,产业发展类,900000.00',
        '（一）,种植业,450000.00',
        '1,马营村产业发展项目,500000.00',
        '（二）,养殖业,300000.00',
        '1,老鸦村养殖项目,300000.00',
        '合计,,800000.00',
      ].join('\n'),
    });
    const r = await report(`${d}/a.csv`);
    expect(r.totals.allocated).toBe('800000.00');
    expect(r.keys.map((k: { key: string }) => k.key)).not.toContain('产业发展类');
    const mismatches = r.findings.filter((f: { rule: string }) => f.rule === 'footing-mismatch');
    expect(mismatches.map((f: { evidence: { row: number }[]; amount: string }) => [f.evidence[0]!.row, f.amount])).toEqual([
      [2, '100000.00'],
      [3, '-50000.00'],
    ]);
  });
});
