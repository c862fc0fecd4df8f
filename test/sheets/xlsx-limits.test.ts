// Hostile or broken workbooks stop with exit-2 errors that name the place and the limit, before
// they can fill memory: cells longer than Excel allows, parts that inflate too far, shared-
// string tables too large to hold, single XML items longer than anything a spreadsheet writes.

import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { openXlsx, type XlsxOptions } from '../../src/sheets/xlsx/read-xlsx.js';
import type { ParserChoice } from '../../src/sheets/xlsx/sheet.js';
import { readRows, tempDir, text, worksheet, writeHandBook, type HandBook } from './xlsx-helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let books = 0;
/** Reads sheet S of a hand-made book; the error it fails with, if it does. */
async function read(book: HandBook, options: XlsxOptions = {}): Promise<FundgapError | undefined> {
  const path = writeHandBook(dir, `book${++books}.xlsx`, book);
  try {
    await readRows(await openXlsx(path, 'ledger.xlsx', options), 'S');
    return undefined;
  } catch (e) {
    if (e instanceof FundgapError) return e;
    throw e;
  }
}

const sheet = (rows: string): HandBook => ({ sheets: [{ name: 'S', xml: worksheet(rows) }] });
const inline = (ref: string, s: string): string => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
const parsers: ParserChoice[] = ['auto', 'saxes'];

describe('a cell longer than Excel allows (32,767 characters)', () => {
  it.each(parsers)('%s: stops at the cell, naming file, sheet, row and column', async (parser) => {
    const long = '贫'.repeat(32_768);
    const e = await read(sheet(`<row r="1">${inline('A1', '项目')}</row><row r="7">${inline('C7', long)}</row>`), { parser });
    expect([e?.code, e?.at]).toEqual(['CELL_TOO_LONG', { file: 'ledger.xlsx', sheet: 'S', row: 7, column: 'C' }]);
    expect(e?.text).toBe(`${'贫'.repeat(40)}…`);
  });

  it.each(parsers)('%s: reads a cell of exactly 32,767 characters, however they are escaped', async (parser) => {
    // Each "\r" is written as the 7-character _x000D_, as Excel does.
    const crs = `<row r="1"><c r="A1" t="str"><v>${'_x000D_'.repeat(32_767)}</v></c>${inline('B1', 'x'.repeat(32_767))}</row>`;
    const path = writeHandBook(dir, `exact-${parser}.xlsx`, sheet(crs));
    const [row] = await readRows(await openXlsx(path, 'exact.xlsx', { parser }), 'S');
    expect(row?.cells).toEqual([text('\r'.repeat(32_767)), text('x'.repeat(32_767))]);
  });

  it.each(parsers)('%s: stops at a text cell, a number and a formula alike', async (parser) => {
    for (const cell of [
      `<c r="B2" t="str"><v>${'元'.repeat(40_000)}</v></c>`,
      `<c r="B2"><v>${'9'.repeat(40_000)}</v></c>`,
      `<c r="B2"><f>${'A1+'.repeat(12_000)}A1</f><v>1</v></c>`,
    ]) {
      const e = await read(sheet(`<row r="2">${cell}</row>`), { parser });
      expect([e?.code, e?.at?.row, e?.at?.column]).toEqual(['CELL_TOO_LONG', 2, 'B']);
    }
  });

  it.each(parsers)('%s: stops reading a 20-million-character value without holding it', async (parser) => {
    const e = await read(sheet(`<row r="3">${inline('D3', 'x'.repeat(20_000_000))}</row>`), { parser });
    expect([e?.code, e?.at?.row, e?.at?.column]).toEqual(['CELL_TOO_LONG', 3, 'D']);
  });

  it.each(parsers)('%s: stops at a shared string longer than a cell may be, naming its entry', async (parser) => {
    const e = await read({
      ...sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
      sharedStrings: ['<si><t>项目</t></si>', `<si><r><t>${'村'.repeat(20_000)}</t></r><r><t>${'镇'.repeat(20_000)}</t></r></si>`],
    }, { parser });
    expect([e?.code, e?.at]).toEqual(['CELL_TOO_LONG', { file: 'ledger.xlsx' }]);
    expect(e?.message).toMatch(/^entry 2 of the shared-string table \(xl\/sharedStrings\.xml\) holds more than the 32,767 characters/);
  });
});

describe('parts that inflate past the limit', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');

  it('stops a worksheet whose ZIP directory already declares too much, before inflating it', async () => {
    const e = await read(sheet(rows), { limits: { maxPartBytes: 20_000 } });
    expect([e?.code, e?.at]).toEqual(['XLSX_PART_TOO_LARGE', { file: 'ledger.xlsx', sheet: 'S' }]);
    expect(e?.message).toMatch(/^part xl\/worksheets\/sheet1\.xml of the \.xlsx declares 91 KB once inflated, more than 20 KB, the limit for one part$/);
  });

  it('counts the inflated bytes when the directory understates them', async () => {
    const e = await read({ ...sheet(rows), claimedSizes: { 'xl/worksheets/sheet1.xml': 100 } }, { limits: { maxPartBytes: 20_000 } });
    expect([e?.code, e?.at]).toEqual(['XLSX_PART_TOO_LARGE', { file: 'ledger.xlsx', sheet: 'S' }]);
    expect(e?.message).toMatch(/^part xl\/worksheets\/sheet1\.xml of the \.xlsx inflates to more than 20 KB, the limit for one part$/);
  });

  it('reads the same workbook once the limit is raised', async () => {
    expect(await read(sheet(rows), { limits: { maxPartBytes: 200_000 } })).toBeUndefined();
  });

  it('stops a shared-string table that would take more memory than allowed', async () => {
    const strings = Array.from({ length: 5000 }, (_, i) => `<si><t>收款人${i}</t></si>`);
    const book = { ...sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), sharedStrings: strings };
    const e = await read(book, { limits: { maxSharedStringsBytes: 100_000 } });
    expect([e?.code, e?.at]).toEqual(['XLSX_PART_TOO_LARGE', { file: 'ledger.xlsx' }]);
    expect(e?.message).toMatch(/^the shared-string table of the \.xlsx \(xl\/sharedStrings\.xml\) is too large: by entry \d+ it needs more than 98 KB of memory$/);
    expect(await read(book)).toBeUndefined();
  });
});

describe('single XML items no spreadsheet program writes', () => {
  it.each(parsers)('%s: stops at two million characters of white space between two cells', async (parser) => {
    const e = await read(sheet(`<row r="4"><c r="A4"><v>1</v></c>${' '.repeat(2_000_000)}<c r="B4"><v>2</v></c></row>`), { parser });
    expect([e?.code, e?.at?.row]).toEqual(['XLSX_MALFORMED', 4]);
    expect(e?.message).toMatch(/one XML item runs past 1,048,576 characters/);
  });

  it.each(parsers)('%s: stops at a tag two million characters long', async (parser) => {
    const e = await read(sheet(`<row r="5"><c r="A5"${' x="1"'.repeat(400_000)}><v>1</v></c></row>`), { parser });
    expect(e?.code).toBe('XLSX_MALFORMED');
  });
});

describe('rows and cells where no worksheet has them', () => {
  it.each([
    ['a cell outside any row', '<c r="A1"><v>1</v></c>'],
    ['a row inside a row', '<row r="1"><row r="2"/></row>'],
    ['a cell inside a cell', '<row r="1"><c r="A1"><c r="B1"/></c></row>'],
  ])('%s: XLSX_MALFORMED rather than a guess', async (_what, rows) => {
    for (const parser of parsers) expect((await read(sheet(rows), { parser }))?.code).toBe('XLSX_MALFORMED');
  });
});
