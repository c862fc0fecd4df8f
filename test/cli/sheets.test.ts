import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';

describe('which sheet is read', () => {
  it('without #Sheet, the first sheet a person sees: a hidden first sheet is passed over, and #Sheet still reaches it', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const draft = wb.addWorksheet('底稿', { state: 'hidden' });
    draft.addRow(['项目名称', '下达金额']);
    draft.addRow(['马营村产业发展项目', 999]);
    const table = wb.addWorksheet('分配表');
    table.addRow(['项目名称', '下达金额']);
    table.addRow(['马营村产业发展项目', 500000]);
    const book = join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(book);
    const csv = 'fixtures/every-status/disbursed.csv';
    const plain = JSON.parse((await runCli(['reconcile', '-a', book, '-d', csv, '-l', csv, '-f', 'json', '--fail-on', 'none'])).stdout);
    expect(plain.inputs[0]).toMatchObject({ sheet: '分配表', sheetState: 'visible' });
    const hidden = JSON.parse((await runCli(['reconcile', '-a', `${book}#底稿`, '-d', csv, '-l', csv, '-f', 'json', '--fail-on', 'none'])).stdout);
    expect(hidden.inputs[0]).toMatchObject({ sheet: '底稿', sheetState: 'hidden' });
    expect(hidden.totals.allocated).toBe('999.00');
  });
});
