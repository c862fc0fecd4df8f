// The XLSX working paper (-f xlsx -o), read back with exceljs (not with the code that wrote it)
// and checked cell by cell against the JSON report of the same run: the figures as numbers that
// show the report's amounts to the fen, keys and ID numbers as text, each finding's quoted
// source rows equal to the cells of the ledgers themselves, the hidden head `verify` reads, and
// no file at all when writing fails.

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LABELS, RULE_NAMES, SEVERITY_NAMES, SKIP_REASONS, STATUS_NAMES } from '../../src/report/messages.js';
import { findingRows, readJson, runCli, tempDir, writeFiles, type ReportJson } from '../helpers.js';

const DEMO = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'];
const IDS = ['-a', 'fixtures/id-numbers-as-text/allocated.csv', '-d', 'fixtures/id-numbers-as-text/disbursed.csv', '-l', 'fixtures/id-numbers-as-text/landed.xlsx', '-k', '身份证号'];

const dirs: string[] = [];
const scratch = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  book: ExcelJS.Workbook;
  json: ReportJson;
  path: string;
}

/** The same run twice, as a working paper and as JSON. */
async function run(args: string[], lang: 'zh' | 'en' = 'zh'): Promise<Run> {
  const dir = scratch();
  const path = join(dir, 'report.xlsx');
  const x = await runCli(['reconcile', ...args, '--fail-on', 'none', '--lang', lang, '-f', 'xlsx', '-o', path]);
  expect(x.stderr).toBe('');
  expect(x.code).toBe(0);
  expect(x.stdout).toBe('');
  const j = await runCli(['reconcile', ...args, '--fail-on', 'none', '--lang', lang, '-f', 'json', '-o', join(dir, 'report.json')]);
  expect(j.code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return { book, json: readJson(join(dir, 'report.json')) as ReportJson, path };
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${book.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** Rows of a sheet as arrays of cells (1-based columns at index 0 onwards). */
function rows(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const out: ExcelJS.Cell[][] = [];
  for (let n = 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    out.push(Array.from({ length: Math.max(row.cellCount, ws.columnCount) }, (_, i) => row.getCell(i + 1)));
  }
  return out;
}

/**
 * An amount cell as Excel will show it under `#,##0.00`: a number whose two-decimal form is the
 * report's figure exactly, or (where no number can be that) the exact figure as text.
 */
function expectAmount(cell: ExcelJS.Cell, figure: string, where: string): void {
  if (cell.type === ExcelJS.ValueType.Number) {
    expect(cell.numFmt, where).toBe('#,##0.00');
    expect((cell.value as number).toFixed(2), where).toBe(figure);
    // The cell's XML holds the decimal itself, not a neighbouring double's digits.
    expect(Number(figure), where).toBe(cell.value);
  } else {
    expect(cell.type, where).toBe(ExcelJS.ValueType.String);
    expect(cell.value, where).toBe(figure);
    // Text only where no number shows the figure: past 15 digits, or a double that is another fen.
    const digits = figure.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    expect(digits.length > 15 || Number(figure).toFixed(2) !== figure, `${where}: text, though a number would show ${figure}`).toBe(true);
  }
}

function expectText(cell: ExcelJS.Cell, text: string, where: string): void {
  expect(cell.type, where).toBe(ExcelJS.ValueType.String);
  expect(cell.value, where).toBe(text);
}

/** The summary's value next to a label in column A. */
function summaryValue(ws: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  for (const row of rows(ws)) if (row[0]?.value === label) return row[1]!;
  throw new Error(`no summary line ${label}`);
}

describe('the demo working paper', async () => {
  const { book, json, path } = await run(DEMO);

  it('has the five sheets in order and the very hidden head', () => {
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['汇总', 'visible'],
      ['明细', 'visible'],
      ['问题', 'visible'],
      ['底稿', 'visible'],
      ['输入', 'visible'],
      ['fundgap', 'veryHidden'],
    ]);
  });

  it('汇总: the three figures, the gaps and the rates, as numbers', () => {
    const ws = sheet(book, '汇总');
    const t = json.totals;
    expectAmount(summaryValue(ws, LABELS.allocated.zh), t.allocated!, 'A');
    expectAmount(summaryValue(ws, LABELS.disbursed.zh), t.disbursed!, 'D');
    expectAmount(summaryValue(ws, LABELS.landed.zh), t.landed!, 'L');
    expectAmount(summaryValue(ws, LABELS.retained.zh), t.retained!, 'A-D');
    expectAmount(summaryValue(ws, LABELS.notLanded.zh), t.notLanded!, 'D-L');
    expectAmount(summaryValue(ws, LABELS.gap.zh), t.gap!, 'A-L');
    expect(t.allocated).toBe('13434071.20');
    const rate = summaryValue(ws, LABELS.disbursedRate.zh);
    expect(rate.numFmt).toBe('0.00%');
    expect(((rate.value as number) * 100).toFixed(2)).toBe(t.rates.disbursed);
  });

  it('汇总: keys per status, findings per severity, and each input with its hash and row accounting', () => {
    const ws = sheet(book, '汇总');
    const counts = new Map<string, number>();
    for (const k of json.keys) for (const s of k.status) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const [status, n] of counts) expect(summaryValue(ws, STATUS_NAMES[status as keyof typeof STATUS_NAMES].zh).value).toBe(n);
    expect(summaryValue(ws, SEVERITY_NAMES.error.zh).value).toBe(json.findings.filter((f) => f.severity === 'error').length);
    const all = rows(ws);
    for (const i of json.inputs) {
      const line = all.find((r) => r[3]?.value === i.sha256);
      expect(line, i.path).toBeDefined();
      expect(line!.slice(1, 3).map((c) => c.value ?? null)).toEqual([i.path, i.sheet ?? null]);
      expect(line!.slice(7, 10).map((c) => c.value)).toEqual([i.rows.read, i.rows.used, i.rows.skipped]);
    }
    // Every parameter of the JSON report's head, by its dotted name.
    const names = new Set(all.map((r) => r[0]?.value));
    for (const name of ['key', 'tolerance.retained.absolute', 'lateDays', 'failOn', 'lang']) expect(names.has(name), name).toBe(true);
  });

  it('明细: every key in report order, its figures cell by cell, frozen header and a filter', () => {
    const ws = sheet(book, '明细');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:J${json.keys.length + 1}`);
    const all = rows(ws);
    expect(all).toHaveLength(json.keys.length + 1);
    json.keys.forEach((k, i) => {
      const row = all[i + 1]!;
      const where = `明细 row ${i + 2} (${k.key})`;
      expect(row[0]!.value).toBe(i + 1);
      expectText(row[1]!, k.key, where);
      expect(row[1]!.numFmt, where).toBe('@');
      expectAmount(row[2]!, k.allocated, `${where} A`);
      expectAmount(row[3]!, k.disbursed, `${where} D`);
      expectAmount(row[4]!, k.landed, `${where} L`);
      expectAmount(row[5]!, k.retained, `${where} A-D`);
      expectAmount(row[6]!, k.notLanded, `${where} D-L`);
      expect(row[9]!.value, where).toBe(k.status.map((s) => STATUS_NAMES[s as keyof typeof STATUS_NAMES].zh).join('、'));
    });
  });

  it('问题: one row per finding with its rule, Chinese name, severity, key, amount and message', () => {
    const all = rows(sheet(book, '问题'));
    expect(all).toHaveLength(json.findings.length + 1);
    json.findings.forEach((f, i) => {
      const row = all[i + 1]!;
      const where = `问题 row ${i + 2}`;
      expect(row.slice(0, 4).map((c) => c.value)).toEqual([i + 1, SEVERITY_NAMES[f.severity as 'error'].zh, f.rule, RULE_NAMES[f.rule as 'idle'].zh]);
      expectText(row[4]!, f.key!, where);
      expectAmount(row[5]!, f.amount!, where);
      expect(row[6]!.value, where).toBe(f.message);
    });
  });

  it('底稿: each finding\'s source rows, numbered as Excel shows them, with the ledgers\' own cells', async () => {
    const all = rows(sheet(book, '底稿')).slice(1);
    const quoted = (n: number) => all.filter((r) => r[0]!.value === n).map((r) => ({ file: r[4]!.value, row: r[6]!.value, cells: r.slice(7) }));
    const sources = await sourceCells(json);
    let checked = 0;
    for (const [i, f] of json.findings.entries()) {
      const expected = findingRows(json, f);
      const got = quoted(i + 1);
      expect(got.map((q) => [q.file, q.row])).toEqual(expected.map((e) => [e.file, e.row]));
      for (const q of got) {
        const source = sources.get(`${q.file}:${q.row}`)!;
        expect(q.cells.slice(0, source.length).map((c) => plain(c.value)), `${q.file} row ${q.row}`).toEqual(source);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The header rows come first, so every quoted column can be told apart.
    const header = all.find((r) => r[4]!.value === 'fixtures/haidong-demo/disbursement.csv' && r[6]!.value === 1)!;
    expect(header[0]!.value).toBe('表头');
    expect(header.slice(7, 10).map((c) => c.value)).toEqual(['凭证号', '拨付日期', '县(区)']);
  });

  it('输入: each input\'s row accounting and every skipped row with its reason', () => {
    const all = rows(sheet(book, '输入'));
    for (const i of json.inputs) {
      const line = all.find((r) => r[1]?.value === i.path && typeof r[8]?.value === 'number')!;
      expect(line.slice(8, 11).map((c) => c.value)).toEqual([i.rows.read, i.rows.used, i.rows.skipped]);
      const skipped = all.filter((r) => r[1]?.value === i.path && r !== line).map((r) => [r[3]!.value, r[4]!.value]);
      expect(skipped).toEqual(i.skipped.map((s) => [s.row, SKIP_REASONS[s.reason as 'blank'].zh]));
    }
  });

  it('fundgap: the JSON report\'s head, very hidden, readable by the tool\'s own reader too', async () => {
    const ws = sheet(book, 'fundgap');
    const pieces = rows(ws).map((r) => r[0]!.value as string);
    const head = JSON.parse(pieces.join('')) as Record<string, unknown>;
    const { schema, tool, parameters, inputs, totals } = json;
    expect(head).toEqual({ schema, tool, parameters, inputs, totals, summary: (json as unknown as { summary: unknown }).summary });
    const { openXlsx } = await import('../../src/sheets/xlsx/read-xlsx.js');
    const own = await openXlsx(path, path);
    const texts: string[] = [];
    for await (const r of own.rows('fundgap')) {
      expect(r.cells[0]!.t).toBe('text');
      texts.push((r.cells[0] as { v: string }).v);
    }
    expect(texts.join('')).toBe(pieces.join(''));
  });

  it('is the same bytes every time it is written', async () => {
    const again = join(scratch(), 'again.xlsx');
    // The same command line: where each parameter came from is part of the report too.
    expect((await runCli(['reconcile', ...DEMO, '--fail-on', 'none', '--lang', 'zh', '-f', 'xlsx', '-o', again])).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });
});

/** A cell value compared as shown: dates as their day, a formula by its result. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v !== null && typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  return v ?? null;
}

/** Every row of the report's inputs, read with exceljs and csv-parse: `file:row` to its cells. */
async function sourceCells(json: ReportJson): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  for (const i of json.inputs) {
    if (i.path.endsWith('.csv')) {
      // The demo's CSV has one line per record, so a record's number is its line.
      const records = parse(readFileSync(i.path, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
      records.forEach((r, n) => out.set(`${i.path}:${n + 1}`, r.map((c) => (c === '' ? null : c))));
    } else {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(i.path);
      const ws = book.getWorksheet(i.sheet!)!;
      ws.eachRow((row, n) => out.set(`${i.path}:${n}`, Array.from({ length: row.cellCount }, (_, c) => plain(row.getCell(c + 1).value))));
    }
  }
  return out;
}

describe('keys and ID numbers stay text', () => {
  it('keyed by 身份证号: every ID a text cell as written, the damaged one quoted as the ledger holds it', async () => {
    const { book, json } = await run(IDS);
    const keys = rows(sheet(book, '明细')).slice(1);
    expect(keys.map((r) => r[1]!.value)).toEqual(json.keys.map((k) => k.key));
    for (const r of keys) expectText(r[1]!, r[1]!.value as string, 'ID key');
    expect(keys.map((r) => r[1]!.value)).toContain('430281199411057176');
    expect(keys.map((r) => r[1]!.value)).toContain('43028119720303452X');
    for (const r of rows(sheet(book, '问题')).slice(1)) expect(r[4]!.type).toBe(ExcelJS.ValueType.String);
    // landed.xlsx row 4 holds the ID as a number Excel cut to 15 digits: quoted as that number.
    const quotedLanded = rows(sheet(book, '底稿')).filter((r) => r[4]!.value === 'fixtures/id-numbers-as-text/landed.xlsx' && r[6]!.value === 4);
    expect(quotedLanded.length).toBeGreaterThan(0);
    expect(quotedLanded[0]![9]!.value).toBe(430281199411057000);
    const quotedText = rows(sheet(book, '底稿')).find((r) => r[4]!.value === 'fixtures/id-numbers-as-text/landed.xlsx' && r[6]!.value === 2)!;
    expectText(quotedText[9]!, '430281196507121234', 'quoted ID');
  });

  it('codes with leading zeros keep them', async () => {
    const dir = writeFiles({
      'a.csv': '项目编号,金额\n00123,100.00\n0045,20.00\n',
      'd.csv': '项目编号,金额\n00123,100.00\n0045,10.00\n',
      'l.csv': '项目编号,金额\n00123,100.00\n0045,10.00\n',
    });
    dirs.push(dir);
    const { book } = await run(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'l.csv'), '-k', '项目编号']);
    const keys = rows(sheet(book, '明细')).slice(1).map((r) => r[1]!);
    expect(keys.map((c) => [c.type, c.value])).toEqual([
      [ExcelJS.ValueType.String, '0045'],
      [ExcelJS.ValueType.String, '00123'],
    ]);
  });
});

describe('amounts round-trip to the fen', () => {
  it('hundreds of amounts of every size: each cell shows exactly the JSON report\'s figure', async () => {
    // Deterministic amounts from 0.01 to 15 significant digits, and past them (written as text).
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const fen: bigint[] = [];
    for (let i = 0; i < 300; i++) {
      const digits = 1 + (i % 15);
      fen.push(BigInt(next()) * BigInt(next()) % 10n ** BigInt(digits) + 1n);
    }
    fen.push(10n ** 15n - 1n, 2n ** 53n - 1n, 2n ** 53n + 7n, 9_007_199_254_740_993n, 1234567890123456n);
    const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
    const lines = (shift: (f: bigint, i: number) => bigint) => `项目,金额\n${fen.map((f, i) => `K${String(i).padStart(3, '0')},${yuan(shift(f, i))}`).join('\n')}\n`;
    const dir = writeFiles({
      'a.csv': lines((f) => f),
      'd.csv': lines((f, i) => (i % 3 === 0 && f > 7n ? f - 7n : f)),
      'l.csv': lines((f, i) => (i % 5 === 0 && f > 100n ? f - 100n : f)),
    });
    dirs.push(dir);
    const { book, json } = await run(['-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'l.csv'), '-k', '项目']);
    const all = rows(sheet(book, '明细')).slice(1);
    expect(all).toHaveLength(fen.length);
    let text = 0;
    json.keys.forEach((k, i) => {
      const row = all[i]!;
      [k.allocated, k.disbursed, k.landed, k.retained, k.notLanded].forEach((figure, c) => expectAmount(row[2 + c]!, figure, `${k.key} column ${c}`));
      if (row[2]!.type === ExcelJS.ValueType.String) text++;
    });
    // The five amounts past 15 digits, and only they, are text.
    expect(text).toBe(4);
    const t = json.totals;
    expectAmount(summaryValue(sheet(book, '汇总'), LABELS.allocated.zh), t.allocated!, 'total A');
  });
});

describe('English', () => {
  it('names the sheets and labels in English with --lang en', async () => {
    const { book, json } = await run(DEMO, 'en');
    expect(book.worksheets.map((w) => w.name)).toEqual(['Summary', 'Keys', 'Findings', 'Evidence', 'Inputs', 'fundgap']);
    expectAmount(summaryValue(sheet(book, 'Summary'), LABELS.allocated.en), json.totals.allocated!, 'A');
    const keys = rows(sheet(book, 'Keys'));
    expect(keys[0]!.slice(2, 5).map((c) => c.value)).toEqual([LABELS.colAllocated.en, LABELS.colDisbursed.en, LABELS.colLanded.en]);
    expect(keys[1]![9]!.value).toBe(json.keys[0]!.status.map((s) => STATUS_NAMES[s as 'idle'].en).join(', '));
    const findings = rows(sheet(book, 'Findings'));
    expect(findings[1]!.slice(1, 5).map((c) => c.value)).toEqual([SEVERITY_NAMES[json.findings[0]!.severity as 'error'].en, json.findings[0]!.rule, RULE_NAMES[json.findings[0]!.rule as 'idle'].en, RULE_NAMES[json.findings[0]!.rule as 'idle'].zh]);
    expect(findings[1]![7]!.value).toBe(json.findings[0]!.message);
  });
});

describe('where it may be written', () => {
  it('-f xlsx without -o: exit 2 before any file is read, saying how to name one', async () => {
    const zh = await runCli(['reconcile', '-a', 'nowhere.xlsx', '-d', 'nowhere.csv', '-l', 'nowhere.xlsx', '-f', 'xlsx']);
    expect(zh.code).toBe(2);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toContain('-o');
    expect(zh.stderr).toContain('-f xlsx 只能写入文件');
    const en = await runCli(['reconcile', ...DEMO, '-f', 'xlsx', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('-f xlsx writes to a file only');
    expect(en.stderr).toContain('-o report.xlsx');
  });

  it('-o into a folder that does not exist: exit 2 naming the file, and nothing written anywhere', async () => {
    const dir = scratch();
    const target = join(dir, 'missing', 'report.xlsx');
    const r = await runCli(['reconcile', ...DEMO, '--fail-on', 'none', '-f', 'xlsx', '-o', target, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${target}: the folder to write into does not exist`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing report is replaced whole, never left half-written', async () => {
    const dir = scratch();
    const target = join(dir, 'report.xlsx');
    writeFileSync(target, 'old');
    expect((await runCli(['reconcile', ...DEMO, '--fail-on', 'none', '-f', 'xlsx', '-o', target])).code).toBe(0);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
  });
});
