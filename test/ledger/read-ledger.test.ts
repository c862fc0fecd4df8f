// Whole sheets read from the shape fixtures, looking at what the report does not print: each
// data row's date, key text and ID number as the ledger layer hands them to the rules.

import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/ledger/rows.js';
import { readLedger, type LedgerRead } from '../../src/ledger/read-ledger.js';
import { formatExact } from '../../src/money.js';
import { openSheet } from '../../src/sheets/open.js';

async function readRows(path: string, opts: { sheet?: string; key?: string[] } = {}): Promise<{ read: LedgerRead; rows: LedgerRow[] }> {
  const source = await openSheet(path, { sheet: opts.sheet });
  const rows: LedgerRow[] = [];
  const read = await readLedger(source, { settings: {}, key: opts.key ?? ['project'], configPath: 'ledgers.allocated', observe: (r) => rows.push(r) });
  return { read, rows };
}

describe('fixtures/xlsx-cells', () => {
  it('allocation: rich text joined, an amount typed as text, a formula through its saved result, and a hidden row, read like any other', async () => {
    const { read: ledger, rows } = await readRows('fixtures/xlsx-cells/allocated.xlsx');
    expect(rows.map((r) => [r.row, r.keyParts[0], formatExact(r.amount), r.hidden])).toEqual([
      [2, '三合镇村组道路硬化项目', '1200000.00', false],
      [3, '小峡镇特色种植项目', '679071.20', false],
      [4, '古城乡人饮安全巩固提升工程', '455000.00', false],
      [5, '马营村产业发展项目', '300000.00', true],
    ]);
    expect(ledger.totals.hiddenRows).toEqual([5]);
  });

  it('allocation: a date cell, a bare serial number, a date typed as text and a date in a Chinese format all read as days', async () => {
    const { rows } = await readRows('fixtures/xlsx-cells/allocated.xlsx');
    expect(rows.map((r) => r.date)).toEqual(['2019-03-10', '2019-03-10', '2019-03-15', '2019-03-20']);
  });

  it('disbursement: a project name merged down over two payments applies to both', async () => {
    const { rows } = await readRows('fixtures/xlsx-cells/disbursed.xlsx');
    expect(rows.slice(0, 2).map((r) => [r.row, r.keyParts[0], formatExact(r.amount), r.date])).toEqual([
      [2, '三合镇村组道路硬化项目', '700000.00', '2019-04-18'],
      [3, '三合镇村组道路硬化项目', '500000.00', '2019-06-20'],
    ]);
  });

  it('the hidden sheet is read when named, and known to be hidden', async () => {
    const source = await openSheet('fixtures/xlsx-cells/allocated.xlsx', { sheet: '底稿' });
    expect(source.sheetState).toBe('hidden');
    expect(source.sheets).toEqual([
      { name: '分配表', state: 'visible' },
      { name: '底稿', state: 'hidden' },
    ]);
  });
});

describe('fixtures/id-numbers-as-text', () => {
  it('ID numbers and card numbers arrive as the text in the file; one typed as a number is flagged', async () => {
    const { rows } = await readRows('fixtures/id-numbers-as-text/landed.xlsx', { key: ['身份证号'] });
    expect(rows.map((r) => [r.idNumber, r.idNumberWasNumber, r.bankAccount])).toEqual([
      ['430281196507121234', false, '6217995550001234567'],
      ['43028119720303452X', false, '6217995550001234575'],
      // Excel keeps 15 significant digits of a number: the last three are already gone.
      ['430281199411057000', true, '6217995550001234583'],
    ]);
  });

  it('a CSV that writes them as ="…" (so that Excel keeps them as text) gives the text inside', async () => {
    const { rows } = await readRows('fixtures/id-numbers-as-text/disbursed.csv', { key: ['身份证号'] });
    expect(rows.map((r) => [r.keyParts[0], r.idNumber, r.bankAccount])).toEqual([
      ['430281196507121234', '430281196507121234', '6217995550001234567'],
      ['43028119720303452X', '43028119720303452X', '6217995550001234575'],
      ['430281199411057176', '430281199411057176', '6217995550001234583'],
    ]);
  });
});
