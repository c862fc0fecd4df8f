// -a and -d given the other way round: the amount headers say so, and the report warns.

import { describe, expect, it } from 'vitest';
import { ledgers, reconcileJson, runCli, type ReportJson } from '../helpers.js';

const report = (args: string[]) => reconcileJson([...args, '--lang', 'en']);

const swapped = (r: ReportJson) => r.findings.filter((f) => f.rule === 'ledgers-swapped');

describe('ledgers-swapped', () => {
  it('warns for an allocation headed 拨付金额 and a disbursement headed 下达金额, pointing at each header row', async () => {
    const found = swapped(await report(ledgers('fixtures/ledgers-swapped')));
    expect(found.map((f) => [f.severity, f.key, f.amount, f.evidence.map((e) => [e.role, e.row])])).toEqual([
      ['warning', null, null, [['allocated', 1]]],
      ['warning', null, null, [['disbursed', 1]]],
    ]);
    expect(found[0]!.message).toContain('amount column "拨付金额(元)" (column 2) is headed like a disbursement record: -a and -d may be swapped');
    expect(found[1]!.message).toContain('amount column "下达金额(元)" (column 2) is headed like an allocation notice: -a and -d may be swapped');
  });

  it('is listed with the reading decisions under the summary', async () => {
    const r = await runCli(['reconcile', ...ledgers('fixtures/ledgers-swapped'), '--fail-on', 'none']);
    expect(r.stdout).toMatch(/读取时作出的、影响金额的判断[^\n]*\n\s+! 台账可能放反：上级下达台账（-a）的金额列“拨付金额\(元\)”（第 2 列）/);
  });

  it('says nothing when the headers fit their slots', async () => {
    expect(swapped(await report(ledgers('fixtures/every-status')))).toEqual([]);
    expect(swapped(await report(ledgers('fixtures/amount-header-forms')))).toEqual([]);
  });
});
