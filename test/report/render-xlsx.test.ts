// The working paper's limits and failures, in-process: 底稿 quotes at most so many rows per
// finding and in all and says how many it left out; a sheet past Excel's row limit goes on in
// another with its header repeated; and a failure while writing (an input that changed, a
// reader that fails) leaves no file behind, under the target's name or any other.

import ExcelJS from 'exceljs';
import { appendFileSync, copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedgers } from '../../src/cli/ledgers.js';
import { writeXlsxFile } from '../../src/cli/render.js';
import { resolveSettings } from '../../src/cli/resolve-settings.js';
import { sourceRows } from '../../src/cli/source-rows.js';
import { FundgapError } from '../../src/errors.js';
import { writeStreamAtomic } from '../../src/io/files.js';
import { runReconciliation } from '../../src/pipeline.js';
import { writeXlsxReport, type SourceRows, type XlsxLimits } from '../../src/report/render-xlsx.js';
import { tempDir } from '../helpers.js';

const dirs: string[] = [];
const scratch = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function demo(files = { allocated: 'fixtures/haidong-demo/allocation.xlsx', disbursed: 'fixtures/haidong-demo/disbursement.csv', landed: 'fixtures/haidong-demo/landed.xlsx' }) {
  const settings = resolveSettings({}, { failOn: 'none' });
  const inputs = await openLedgers(files, settings);
  const report = await runReconciliation(inputs, { tool: { name: 'fundgap', version: '0.0.0' }, settings, config: null });
  return { report, inputs };
}

async function write(limits: Partial<XlsxLimits>): Promise<ExcelJS.Workbook> {
  const { report, inputs } = await demo();
  const path = join(scratch(), 'paper.xlsx');
  await writeStreamAtomic(path, (out) => writeXlsxReport(report, out, { lang: 'zh', rows: sourceRows(inputs, undefined), limits }));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

const column = (ws: ExcelJS.Worksheet, c: number) => Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).getCell(c).value);

describe('底稿 limits', () => {
  it('quotes at most so many rows per finding and in all, and says how many it left out', async () => {
    const book = await write({ rowsPerFinding: 1, evidenceRows: 4 });
    const ws = book.getWorksheet('底稿')!;
    const findingNumbers = column(ws, 1);
    const notes = column(ws, 5).slice(1).filter((v): v is string => typeof v === 'string' && !v.includes('/'));
    // Six findings of the demo with 2–4 rows each: the first four quote one row, the rest none.
    expect([1, 2, 3, 4, 5, 6].map((n) => findingNumbers.filter((v) => v === n).length)).toEqual([2, 2, 2, 2, 0, 0]);
    expect(notes[0]).toContain('每条问题最多列出 1 行来源行，本表最多 4 行来源行');
    expect(notes[0]).toMatch(/本表省略了 \d+ 行来源行；JSON 报告（-f json）列出每条问题的全部行号/);
    expect(notes.filter((n) => n.startsWith('此问题另有'))).toHaveLength(4);
  });
});

describe('sheets past the row limit', () => {
  it('go on in a sheet named (2), (3) …, each with the header, every key once and in order', async () => {
    const book = await write({ sheetRows: 5 });
    const parts = book.worksheets.filter((w) => w.name.startsWith('明细'));
    expect(parts.map((w) => w.name)).toEqual(['明细', '明细 (2)', '明细 (3)']);
    for (const w of parts) expect(w.getRow(1).getCell(1).value).toBe('序号');
    const numbers = parts.flatMap((w) => column(w, 1).slice(1));
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // The working paper's other sheets keep their order, each split where it is long.
    const order = book.worksheets.map((w) => w.name.replace(/ \(\d+\)$/, '')).filter((name, i, all) => name !== all[i - 1]);
    expect(order).toEqual(['汇总', '明细', '问题', '底稿', '输入', 'fundgap']);
  });
});

describe('a failure while writing leaves nothing behind', () => {
  it('a reader that fails part way: no report and no temporary file', async () => {
    const { report } = await demo();
    const dir = scratch();
    const failing: SourceRows = {
      // eslint-disable-next-line require-yield
      async *pick() {
        throw new FundgapError('FILE_UNREADABLE', 'cannot read this file', { at: { file: 'x.csv' } });
      },
    };
    await expect(writeXlsxFile(join(dir, 'report.xlsx'), report, failing)).rejects.toThrow('cannot read this file');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an input that changes before its rows are quoted: INPUT_CHANGED naming it, and no report', async () => {
    const dir = scratch();
    const disbursed = join(dir, 'disbursement.csv');
    copyFileSync('fixtures/haidong-demo/disbursement.csv', disbursed);
    const { report, inputs } = await demo({ allocated: 'fixtures/haidong-demo/allocation.xlsx', disbursed, landed: 'fixtures/haidong-demo/landed.xlsx' });
    appendFileSync(disbursed, '\n');
    const target = join(dir, 'report.xlsx');
    const e = await writeXlsxFile(target, report, sourceRows(inputs, undefined)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FundgapError);
    expect((e as FundgapError).code).toBe('INPUT_CHANGED');
    expect((e as FundgapError).at?.file).toBe(disbursed);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual(['disbursement.csv']);
  });

  it('writeStreamAtomic: a writer that fails after writing some bytes leaves no file', async () => {
    const dir = scratch();
    const target = join(dir, 'out.bin');
    await expect(
      writeStreamAtomic(target, async (out) => {
        out.write(Buffer.alloc(100_000));
        throw new Error('boom');
      }),
    ).rejects.toThrow(FundgapError);
    expect(readdirSync(dir)).toEqual([]);
    await writeStreamAtomic(target, async (out) => void out.write('whole'));
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });
});
