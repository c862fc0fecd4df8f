// The real-world-shaped sample ledgers (copied from the shared samples into
// fixtures/samples/), reconciled as given: the totals, every key's figures and statuses and
// the rows behind each figure must be exactly those in the sample's own expected.json.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, type ReportJson, type Role } from '../helpers.js';

interface Expected {
  totals: { allocated: string; disbursed: string; landed: string; retained: string; notLanded: string; gap: string };
  keys: {
    key: string;
    allocated: string;
    disbursed: string;
    landed: string;
    retained: string;
    notLanded: string;
    status: string[];
    rows: Record<Role, number[]>;
  }[];
}

type Report = ReportJson;

async function reconcile(dir: string, files: Record<Role, string>, extra: string[] = []) {
  const r = await runCli(['reconcile', '-a', join(dir, files.allocated), '-d', join(dir, files.disbursed), '-l', join(dir, files.landed), ...extra, '-f', 'json']);
  expect(r.stderr).toBe('');
  // Both samples hold a planted gap at error severity, so the run fails at the default --fail-on.
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout) as Report;
}

function expectedOf(dir: string): Expected {
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
}

/** Totals, then each key: figures, statuses and source rows, all exactly as expected.json says. */
function compare(report: Report, expected: Expected): void {
  const { allocated, disbursed, landed, retained, notLanded, gap } = report.totals;
  expect({ allocated, disbursed, landed, retained, notLanded, gap }).toEqual(expected.totals);

  expect(report.keys.map((k) => k.key).sort()).toEqual(expected.keys.map((k) => k.key).sort());
  for (const want of expected.keys) {
    const got = report.keys.find((k) => k.key === want.key)!;
    expect(
      {
        key: got.key,
        allocated: got.allocated,
        disbursed: got.disbursed,
        landed: got.landed,
        retained: got.retained,
        notLanded: got.notLanded,
        status: got.status,
        rows: got.evidence,
      },
      want.key,
    ).toEqual({
      key: want.key,
      allocated: want.allocated,
      disbursed: want.disbursed,
      landed: want.landed,
      retained: want.retained,
      notLanded: want.notLanded,
      status: want.status,
      rows: want.rows,
    });
  }
}

describe('sample liling-2019 (XLSX allocation with a title and a 合计, BOM CSV, XLSX landed with a SUM total)', () => {
  const dir = 'fixtures/samples/liling-2019';
  const files = { allocated: 'allocation.xlsx', disbursed: 'disbursement.csv', landed: 'landed.xlsx' };

  it('reconciles to the totals, per-key figures, statuses and rows of its expected.json', async () => {
    compare(await reconcile(dir, files, ['-k', '项目名称']), expectedOf(dir));
  });

  it('reads the allocation in 万元, inferred from magnitude (its 单位 line is empty), and says against what', async () => {
    const r = await reconcile(dir, files, ['-k', '项目名称']);
    expect(r.inputs.map((i) => [i.role, i.unit, i.unitSource, i.unitComparedWith])).toEqual([
      ['allocated', '万元', 'inferred', ['disbursed', 'landed']],
      ['disbursed', '元', 'header', null],
      ['landed', '元', 'header', null],
    ]);
  });
});

/** Landed rows whose 身份证号 cell is `id`, found with exceljs rather than the reader under test. */
async function landedRowsWithId(path: string, id: string): Promise<number[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const col = (ws.getRow(1).values as unknown[]).indexOf('身份证号');
  const rows: number[] = [];
  ws.eachRow((row, n) => {
    if (String(row.getCell(col).value) === id) rows.push(n);
  });
  return rows;
}

describe('sample liling-2019, planted findings', () => {
  const dir = 'fixtures/samples/liling-2019';
  const files = { allocated: 'allocation.xlsx', disbursed: 'disbursement.csv', landed: 'landed.xlsx' };

  it('reports exactly what was planted, with the rows behind each, and nothing else', async () => {
    const r = await reconcile(dir, files, ['-k', '项目名称']);
    const landed = join(dir, 'landed.xlsx');
    const rows = (f: Report['findings'][number], role: Role) => f.evidence.filter((e) => e.role === role).map((e) => e.row);
    const byRule = (rule: string) => r.findings.filter((f) => f.rule === rule);

    // The planted findings, and the one reading decision the sample needs: its 单位 line is empty.
    expect(r.findings.map((f) => f.rule).sort()).toEqual(
      ['duplicate-payment', 'invalid-id-number', 'invalid-id-number', 'not-landed', 'over-landed', 'retained', 'unit-inferred'].sort(),
    );
    expect(byRule('unit-inferred')[0]!.evidence.map((e) => [e.role, e.row])).toEqual([['allocated', 3]]);
    expect(byRule('retained')[0]!.key).toBe('贫困村村组联通公路');
    expect(byRule('not-landed')[0]!.key).toBe('贫困村危桥改造');
    expect(byRule('over-landed')[0]!.key).toBe('雨露计划');

    const dup = byRule('duplicate-payment')[0]!;
    expect(dup.message).toContain('毛玉');
    const maoYu = await landedRowsWithId(landed, '430281195911150686');
    expect(maoYu).toHaveLength(2);
    expect(rows(dup, 'landed')).toEqual(maoYu);

    const ids = byRule('invalid-id-number');
    expect(ids.map((f) => rows(f, 'landed'))).toEqual([
      await landedRowsWithId(landed, '430281197105264011'),
      await landedRowsWithId(landed, '430281200102317933'),
    ]);
    expect(ids[0]!.message).toContain('贾秀');
    expect(ids[0]!.message).toContain('校验码不符');
    expect(ids[1]!.message).toContain('许燕');
    expect(ids[1]!.message).toContain('出生日期不存在');
  });
});

describe('sample beiguan-2018 (GBK CSVs, amounts written "20万元", a key spelled with full-width digits)', () => {
  const dir = 'fixtures/samples/beiguan-2018';
  const files = { allocated: 'allocation.csv', disbursed: 'disbursement.csv', landed: 'landed.csv' };

  it('reconciles with no options to the totals, per-key figures, statuses and rows of its expected.json', async () => {
    const r = await reconcile(dir, files);
    compare(r, expectedOf(dir));
    // The one planted gap, and nothing else.
    expect(r.findings.map((f) => [f.rule, f.key])).toEqual([['not-landed', '北关区彰北办事处屈王度村2018年度财政扶贫建设饮水工程项目']]);
  });

  it('detects every file as GBK (read as its superset GB18030) and the allocation unit from its cells', async () => {
    const r = await reconcile(dir, files);
    expect(r.inputs.map((i) => i.encoding)).toEqual(['gb18030', 'gb18030', 'gb18030']);
    expect(r.inputs.map((i) => [i.unit, i.unitSource])).toEqual([
      ['万元', 'cell'],
      ['元', 'default'],
      ['元', 'header'],
    ]);
  });
});
