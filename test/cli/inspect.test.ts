// `fundgap inspect`: how a sheet will be read, shown on the shape fixtures in text and JSON —
// the header row(s), each column's field, the unit and its source, the encoding, every skipped
// row with its reason, hidden rows and sheets, and whether each total foots.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

interface Inspection {
  path: string;
  format: string;
  sheets: { name: string; state: string }[];
  sheet: string | null;
  sheetState: string | null;
  encoding: string | null;
  encodingSource: string | null;
  delimiter: string | null;
  headerRows: number[];
  columns: { ref: string; header: string; field: string | null; unit: string | null }[];
  key: string[];
  amount: string;
  unit: string;
  unitSource: string;
  rows: { read: number; used: number; skipped: number };
  total: string;
  keys: number;
  skipped: { row: number; reason: string }[];
  hiddenRows: number[];
  footing: { row: number; label: string; stated: string; computed: string; difference: string; foots: boolean }[];
  notes: string[];
}

async function inspect(args: string[]): Promise<string> {
  const r = await runCli(['inspect', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

const json = async (args: string[]) => JSON.parse(await inspect([...args, '-f', 'json'])) as Inspection;

describe('inspect: a CSV with a title, a note, a 单位 line and a blank row above the header', () => {
  const file = 'fixtures/title-and-unit-line/allocated.csv';

  it('JSON: header row, columns and fields, unit from the line, every skipped row with its reason', async () => {
    const j = await json([file]);
    expect(j).toMatchObject({ format: 'csv', sheet: null, encoding: 'utf-8', encodingSource: 'detected', delimiter: ',', headerRows: [5] });
    expect(j.columns.map((c) => [c.ref, c.header, c.field])).toEqual([
      ['1', '序号', null],
      ['2', '项目名称', 'project'],
      ['3', '下达金额', 'amount'],
      ['4', '下达日期', 'date'],
    ]);
    expect([j.key, j.amount, j.unit, j.unitSource]).toEqual([['2'], '3', '万元', 'sheet']);
    expect(j.rows).toEqual({ read: 9, used: 3, skipped: 6 });
    expect(j.skipped.map((s) => `${s.row} ${s.reason}`)).toEqual(['1 title', '2 note', '3 unit', '4 blank', '5 header', '9 sign-off']);
    expect([j.total, j.keys]).toEqual(['2334071.20', 3]);
  });

  it('text: the same, in words', async () => {
    const out = await inspect([file]);
    for (const line of [
      '编码: UTF-8（自动识别）  分隔符: 逗号',
      '表头: 第 5 行',
      '单位: 万元（表中“单位”行注明）',
      '行数: 读取 9 = 使用 3 + 跳过 6',
      '标题: 第 1 行',
      // 制表人：李明    审核人：王芳 under the data signs the table off.
      '说明文字: 第 2 行',
      '表尾签署行（制表人、审核人等）: 第 9 行',
      '单位行: 第 3 行',
      '空行: 第 4 行',
    ]) {
      expect(out).toContain(line);
    }
    expect(out).toMatch(/3 +下达金额 +amount ← 金额/);
  });

  it('text in English', async () => {
    const out = await inspect([file, '--lang', 'en']);
    expect(out).toContain('encoding: UTF-8 (detected)  delimiter: comma');
    expect(out).toContain('unit: 万元 (from the unit line)');
  });
});

describe('inspect: an XLSX with a two-row header under merged parents and a 合计', () => {
  const file = 'fixtures/two-row-header/allocated.xlsx';

  it('JSON: both header rows, one name per column, the 小计 as the amount in 万元, the 合计 footed', async () => {
    const j = await json([file]);
    expect(j).toMatchObject({ format: 'xlsx', sheet: '分配表', sheetState: 'visible', encoding: null, headerRows: [2, 3] });
    expect(j.sheets).toEqual([{ name: '分配表', state: 'visible' }]);
    expect(j.columns.slice(4, 7)).toEqual([
      { ref: 'E', header: '资金规模(万元)/小计', field: 'amount', unit: '万元' },
      { ref: 'F', header: '资金规模(万元)/中央资金', field: null, unit: '万元' },
      { ref: 'G', header: '资金规模(万元)/省级资金', field: null, unit: '万元' },
    ]);
    expect([j.amount, j.unit, j.unitSource]).toEqual(['E', '万元', 'header']);
    expect(j.footing).toEqual([
      expect.objectContaining({ row: 7, label: '合计', stated: '3375000.00', computed: '3375000.00', difference: '0.00', foots: true }),
    ]);
    // In the language of the run: Chinese by default (English with --lang en).
    expect(j.notes).toEqual(['金额：“资金规模(万元)/小计”是 “资金规模(万元)/中央资金”、“资金规模(万元)/省级资金” 的合计，这些分项不再重复相加']);
  });

  it('the reader\'s notes are in the language asked for, never English in a Chinese run', async () => {
    const en = await json([file, '--lang', 'en']);
    expect(en.notes).toEqual(['amount: 资金规模(万元)/小计 is the total of 资金规模(万元)/中央资金, 资金规模(万元)/省级资金, which are not added again']);
    const zh = await json([file]);
    expect(zh.notes.join('')).not.toMatch(/[a-z]{3,}/);
  });

  it('text: the header rows, the columns, the footing verdict', async () => {
    const out = await inspect([file]);
    expect(out).toContain('fixtures/two-row-header/allocated.xlsx [分配表]');
    expect(out).toContain('表头: 第 2–3 行');
    expect(out).toMatch(/E +资金规模\(万元\)\/小计 +amount ← 金额/);
    expect(out).toContain('合计核对: 第 7 行 “合计” 3,375,000.00 明细合计 3,375,000.00 相符');
  });
});

describe('inspect: XLSX hidden rows and a hidden sheet', () => {
  it('lists the hidden rows of the sheet', async () => {
    const j = await json(['fixtures/xlsx-cells/allocated.xlsx']);
    expect(j.hiddenRows).toEqual([5]);
    expect(j.sheets).toEqual([
      { name: '分配表', state: 'visible' },
      { name: '底稿', state: 'hidden' },
    ]);
    expect(await inspect(['fixtures/xlsx-cells/allocated.xlsx'])).toContain('隐藏行: 第 5 行');
  });

  it('reads a hidden sheet when named, and says it is hidden', async () => {
    const j = await json(['fixtures/xlsx-cells/allocated.xlsx#底稿']);
    expect([j.sheet, j.sheetState, j.rows.used]).toEqual(['底稿', 'hidden', 2]);
    const out = await inspect(['fixtures/xlsx-cells/allocated.xlsx#底稿']);
    expect(out).toContain('工作表: 分配表、底稿（隐藏）');
    expect(out).toContain('该工作表在 Excel 中为隐藏状态');
  });
});

describe('inspect: a 合计 that does not foot', () => {
  it('shows the stated total, the sum of the rows and the difference', async () => {
    const j = await json(['fixtures/footing-mismatch/allocated.csv']);
    expect(j.footing).toEqual([
      expect.objectContaining({ row: 7, label: '合计', stated: '2255000.00', computed: '2355000.00', difference: '-100000.00', foots: false }),
    ]);
    expect(await inspect(['fixtures/footing-mismatch/allocated.csv'])).toContain('合计核对: 第 7 行 “合计” 2,255,000.00 明细合计 2,355,000.00 不符');
  });
});

describe('inspect: encodings and delimiters', () => {
  it('a GBK file: detected, or as given with --encoding', async () => {
    expect(await json(['fixtures/gbk-encoded/allocated.csv'])).toMatchObject({ encoding: 'gb18030', encodingSource: 'detected' });
    expect(await json(['fixtures/gbk-encoded/allocated.csv', '--encoding', 'gbk'])).toMatchObject({ encoding: 'gb18030', encodingSource: 'option' });
    expect(await inspect(['fixtures/gbk-encoded/allocated.csv', '--encoding', 'gbk'])).toContain('编码: GBK/GB18030（按 --encoding 或配置指定）');
  });

  it('UTF-16 with a BOM, tab-separated', async () => {
    expect(await json(['fixtures/utf16-bom/allocated.csv'])).toMatchObject({ encoding: 'utf-16le', encodingSource: 'bom', delimiter: '\t' });
    expect(await inspect(['fixtures/utf16-bom/allocated.csv'])).toContain('编码: UTF-16LE（按文件开头的 BOM）  分隔符: 制表符');
  });

  it('an unreadable file is exit 2 with the location, as in reconcile', async () => {
    const r = await runCli(['inspect', 'fixtures/errors/CELL_NO_RESULT/allocated.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('fixtures/errors/CELL_NO_RESULT/allocated.xlsx[分配表]:3:D (下达金额(元))');
  });
});
