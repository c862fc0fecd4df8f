// Amounts with digits past the fen: a General-format CSV's "16666.6666666667" and an XLSX
// formula cell =50000/3 are read alike (rounded half-up to the fen), the rounding is a
// finding with its rows and exact total, and differences no larger than that rounding can
// explain are rounding notes, not 合计与明细不符 or 超拨 / 未落地 errors.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, writeFiles, type ReportJson } from '../helpers.js';

const dir = 'fixtures/amounts-past-the-fen';
const FILES = ['-a', `${dir}/allocated.csv`, '-d', `${dir}/disbursed.xlsx`, '-l', `${dir}/landed.csv`];

async function reconcile(args: string[]): Promise<{ code: number; report: ReportJson }> {
  const r = await runCli(['reconcile', ...args, '-f', 'json', '--lang', 'en']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as ReportJson };
}

describe('amounts past the fen', () => {
  it('CSV text and XLSX numbers are rounded alike, so the same amount matches', async () => {
    const { code, report } = await reconcile(FILES);
    expect(code).toBe(0);
    expect(report.keys.map((k) => [k.key, k.allocated, k.disbursed, k.landed, k.status.join()])).toEqual([
      ['三合镇道路硬化项目', '16666.67', '16666.67', '16666.68', 'matched'],
      ['老鸦村养殖项目', '16666.67', '16666.67', '16666.67', 'matched'],
      ['马营村产业发展项目', '16666.67', '16666.67', '16666.67', 'matched'],
    ]);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a 合计 apart from its rows by no more than their rounding foots, and says so', async () => {
    const { report } = await reconcile(FILES);
    for (const i of [0, 1]) {
      const [f] = report.inputs[i]!.footing;
      expect(f).toMatchObject({ row: 5, stated: '50000.00', computed: '50000.01', difference: '-0.01', foots: true, roundedRows: 3, allowance: '0.015', withinRounding: true });
    }
  });

  it('the rounding is a finding per ledger, with its rows and the exact adjustment, and per key where it explains a difference', async () => {
    const { report } = await reconcile(FILES);
    const rounded = report.findings.filter((f) => f.rule === 'amount-rounded');
    // A ledger's adjustment is less than a fen a row: exact in the message, no amount at stake.
    expect(rounded.map((f) => [f.key, f.amount, f.evidence.map((e) => `${e.role} ${e.row}`)])).toEqual([
      [null, null, ['allocated 2', 'allocated 3', 'allocated 4']],
      [null, null, ['disbursed 2', 'disbursed 3', 'disbursed 4']],
      [null, null, ['landed 5', 'landed 6', 'landed 7']],
      ['三合镇道路硬化项目', '0.01', ['disbursed 4', 'landed 5', 'landed 6', 'landed 7']],
    ]);
    expect(rounded[0]!.message).toContain('0.0099999999 in all');
    expect(rounded[2]!.message).toContain('0.0133333332 in all');
    expect(rounded[0]!.message).toContain('row 2 16666.6666666667 → 16,666.67');
    expect(rounded[0]!.message).toContain('"合计" on row 5 differs from its rows by 0.01, within the 0.015 rounding can explain');
    expect(rounded[3]!.message).toBe('"三合镇道路硬化项目": disbursed and landed differ by 0.01 (within the 0.02 rounding can explain): rounding to the fen, not reported as a gap');
  });

  it('a difference beyond what the rounding can explain is still a gap', async () => {
    const d = writeFiles({ 'd.csv': ['项目名称,拨付金额', '马营村产业发展项目,16666.70', '老鸦村养殖项目,16666.67', '三合镇道路硬化项目,16666.67'].join('\n') });
    const { report } = await reconcile(['-a', `${dir}/allocated.csv`, '-d', join(d, 'd.csv'), '-l', join(d, 'd.csv')]);
    // 16666.6666666667 is read as 16666.67: 0.03 apart, more than the 0.005 one rounded row explains.
    expect(report.keys.find((k) => k.key === '马营村产业发展项目')!.status).toEqual(['over-disbursed']);
  });
});
