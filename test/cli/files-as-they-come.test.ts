// Ledgers as web and finance systems export them, through the CLI: an ".xls" that is an HTML
// table or Excel 2003 XML reads to the same figures as the same ledger in CSV; dates written
// with times, as yyyymmdd numbers or as serials read as their days; and every file that is
// not a ledger stops with exit 2 and one message naming it.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure, ledgers, reconcileJson, runCli, type ReportJson, type Role } from '../helpers.js';

const report = (args: string[]) => reconcileJson(args, { passes: true });

const fails = failure;

const input = (r: ReportJson, role: Role) => r.inputs.find((i) => i.role === role)!;
/** Everything a reader of the figures sees: totals, and each key's figures and statuses. */
const figures = (r: ReportJson) => ({
  totals: r.totals,
  keys: r.keys.map((k) => [k.key, k.allocated, k.disbursed, k.landed, k.status.join(',')]),
});
const plain = ledgers('fixtures/every-status');

describe('an .xls that is really a web page or Excel 2003 XML', () => {
  it('an HTML table in GBK (spans, a line break in a heading, entities) and a page of three tables read as the CSVs do', async () => {
    const dir = 'fixtures/html-as-xls';
    const r = await report(['-a', join(dir, 'allocated.xls'), '-d', join(dir, 'disbursed.xls'), '-l', join(dir, 'landed.csv')]);
    expect(figures(r)).toEqual(figures(await report(plain)));
    expect(input(r, 'allocated')).toMatchObject({
      format: 'html', sheet: '1', encoding: 'gb18030', encodingSource: 'meta',
      header: { rows: [3], key: ['C'], amount: 'D' },
      rows: { read: 10, used: 6, skipped: 4 },
    });
    expect(input(r, 'allocated').footing).toMatchObject([{ row: 10, kind: 'total', stated: '8000000.00', foots: true }]);
    // The title and the query conditions above the data are tables of their own; the data is the third.
    expect(input(r, 'disbursed')).toMatchObject({ format: 'html', sheet: 'GridView1', header: { rows: [1] }, rows: { read: 7, used: 6, skipped: 1 } });
  });

  it('#N or the table id picks a table; a table that is not there lists those that are', async () => {
    const dir = 'fixtures/html-as-xls';
    const byId = await report(['-a', join(dir, 'allocated.xls#1'), '-d', join(dir, 'disbursed.xls#GridView1'), '-l', join(dir, 'landed.csv')]);
    const byNumber = await report(['-a', join(dir, 'allocated.xls'), '-d', join(dir, 'disbursed.xls#3'), '-l', join(dir, 'landed.csv')]);
    expect(figures(byNumber)).toEqual(figures(byId));
    const err = await fails(['-a', join(dir, 'allocated.xls'), '-d', join(dir, 'disbursed.xls#9'), '-l', join(dir, 'landed.csv')]);
    expect(err).toContain(`fundgap: [SHEET_NOT_FOUND] ${join(dir, 'disbursed.xls')}: the web page has no table "9"`);
    expect(err).toContain('The page has: #1, #2, #3 (GridView1)');
  });

  it('Excel 2003 XML: the first visible worksheet, merged title, rows numbered as Excel shows them', async () => {
    const dir = 'fixtures/spreadsheetml-as-xls';
    const r = await report(ledgers(dir, { a: 'allocated.xls', d: 'disbursed.csv', l: 'landed.csv' }));
    expect(figures(r)).toEqual(figures(await report(plain)));
    expect(input(r, 'allocated')).toMatchObject({
      format: 'spreadsheetml', sheet: '分配表', sheetState: 'visible',
      header: { rows: [4], key: ['B'], amount: 'C' },
      rows: { read: 10, used: 6, skipped: 4 },
    });
    expect(input(r, 'allocated').footing).toMatchObject([{ row: 11, foots: true, formula: '=SUM(R[-6]C:R[-1]C)' }]);
    const hidden = await report(ledgers(dir, { a: 'allocated.xls#底稿', d: 'disbursed.csv', l: 'landed.csv' }));
    expect([input(hidden, 'allocated').sheetState, hidden.totals.allocated]).toEqual(['hidden', '999.00']);
  });

  it('inspect lists the tables of a page as it lists the sheets of a workbook', async () => {
    const r = await runCli(['inspect', 'fixtures/html-as-xls/disbursed.xls', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { format: string; sheet: string; sheets: { name: string }[] };
    expect([j.format, j.sheet, j.sheets.map((s) => s.name)]).toEqual(['html', 'GridView1', ['1', '2', 'GridView1']]);
  });
});

describe('dates as they come', () => {
  it('2019年03月01日 09:10:33, 2019/3/1 9:10, 20190401 in a number cell and a serial read as their days', async () => {
    const late = (r: ReportJson) => r.findings.filter((f) => f.rule === 'late-disbursement').map((f) => [f.key, f.amount, f.message, f.evidence.map((e) => [e.role, e.row])]);
    const asWritten = await report([...ledgers('fixtures/dates-as-written', { a: 'allocated.csv', d: 'disbursed.xlsx', l: 'landed.csv' }), '--late-days', '30']);
    const iso = await report([...ledgers('fixtures/late-disbursement'), '--late-days', '30']);
    expect(late(asWritten)).toEqual(late(iso));
    expect(late(asWritten).map((f) => f[0])).toEqual(['洪水镇人饮工程', '瞿昙镇道路硬化项目']);
  });

  it('a number in a date column that could be two months (2019.1: January, or October with its 0 dropped) stops the run', async () => {
    const err = await fails(ledgers('fixtures/dates-as-written', { a: 'allocated.csv', d: '../errors/DATE_INVALID/disbursed.xlsx', l: 'landed.csv' }));
    expect(err).toContain('fixtures/errors/DATE_INVALID/disbursed.xlsx[拨付]:3:D (拨付日期): not a date: "2019.1"');
    expect(err).toContain('2019-01 or 2019-10');
  });
});

describe('files that are not ledgers', () => {
  const A = 'fixtures/every-status/allocated.csv';
  const L = 'fixtures/every-status/landed.csv';

  it.each([
    ['old-excel-97.xls', 'FORMAT_UNSUPPORTED', 'this is an Excel 97-2003 workbook (.xls), which fundgap does not read'],
    ['password-protected.xlsx', 'FORMAT_ENCRYPTED', 'this workbook is password-protected, so it cannot be read'],
    ['zipped-folder.zip', 'FORMAT_ARCHIVE', 'this is a ZIP archive of 3 files, not a table'],
    ['scanned-table.pdf', 'FORMAT_NOT_SPREADSHEET', 'this is a PDF, not a table'],
    ['~$分配表.xlsx', 'FORMAT_LOCK_FILE', 'this is the lock file Excel or WPS leaves while a workbook is open'],
    ['empty.csv', 'FILE_EMPTY', 'the file is empty (0 bytes)'],
    ['web-page-no-table.xls', 'SHEET_NOT_FOUND', 'this is a web page (HTML) that holds no table'],
  ])('%s exits 2 with one message naming it', async (name, code, message) => {
    const path = join('fixtures/file-kinds', name);
    const err = await fails(['-a', A, '-d', path, '-l', L]);
    expect(err.startsWith(`fundgap: [${code}] ${path}: ${message}`)).toBe(true);
    expect(err.trim().split('\n')).toHaveLength(2);
  });

  it('a folder given for a ledger', async () => {
    const err = await fails(['-a', A, '-d', 'fixtures/every-status', '-l', L]);
    expect(err).toContain('fundgap: [FILE_IS_DIRECTORY] fixtures/every-status: this is a folder, not a ledger file');
    expect(err).toContain('fixtures/every-status/disbursed.csv');
  });

  it('the advice is in Chinese by default', async () => {
    const r = await runCli(['reconcile', '-a', A, '-d', 'fixtures/file-kinds/password-protected.xlsx', '-l', L]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('这个工作簿设了打开密码');
    expect(r.stderr).toContain('去掉密码');
  });
});
