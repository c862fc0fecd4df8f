// The real-world-shaped sample ledgers (copied from the shared samples into
// fixtures/samples/), reconciled as given: the totals, every key's figures and statuses and
// the rows behind each figure must be exactly those in the sample's own expected.json.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

type Role = 'allocated' | 'disbursed' | 'landed';

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

interface Report {
  inputs: { role: Role; unit: string; unitSource: string; unitComparedWith: Role[] | null; encoding: string | null }[];
  totals: Record<string, unknown>;
  keys: { key: string; allocated: string; disbursed: string; landed: string; retained: string; notLanded: string; status: string[]; evidence: Record<Role, number[]> }[];
}

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

describe('sample beiguan-2018 (GBK CSVs, amounts written "20万元", a key spelled with full-width digits)', () => {
  const dir = 'fixtures/samples/beiguan-2018';
  const files = { allocated: 'allocation.csv', disbursed: 'disbursement.csv', landed: 'landed.csv' };

  it('reconciles with no options to the totals, per-key figures, statuses and rows of its expected.json', async () => {
    compare(await reconcile(dir, files), expectedOf(dir));
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
