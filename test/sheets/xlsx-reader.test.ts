import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { openXlsx } from '../../src/sheets/xlsx/read-xlsx.js';
import { scanMerges, sheetRows, type SheetContext } from '../../src/sheets/xlsx/sheet.js';
import type { Cell } from '../../src/sheets/types.js';
import {
  date, empty, num, plain, readRows, tempDir, text, worksheet, writeHandBook, writeZip, type PlainRow,
} from './xlsx-helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The FundgapError a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<FundgapError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FundgapError);
    return e as FundgapError;
  }
  throw new Error('expected a FundgapError, got success');
}

describe('a workbook saved by a spreadsheet program (exceljs)', () => {
  it('keeps amounts as the exact text in the file, and reads text, dates, booleans and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分配表');
    ws.addRow(['乡镇', '项目', '金额(万元)', '下达日期', '已拨付', '折合(元)', '身份证号']);
    ws.addRow(['左权镇', { richText: [{ text: '危桥' }, { text: '改造', font: { bold: true } }] }, 67.90712,
      new Date(Date.UTC(2019, 8, 30)), true, { formula: 'C2*10000', result: 679071.2 }, '430281196501078970']);
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.addRow(['沩山镇', '雨露计划', 0.07, new Date(Date.UTC(2019, 8, 30, 14, 30)), false, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.getCell('D3').numFmt = 'yyyy-mm-dd hh:mm';
    ws.addRow(['合计', '', 1234567.89]);
    ws.getCell('C4').numFmt = '#,##0.00_);[Red](#,##0.00)';
    const path = join(dir, 'values.xlsx');
    await wb.xlsx.writeFile(path);

    const rows = await readRows(await openXlsx(path, 'values.xlsx'), '分配表');
    expect(rows).toEqual<PlainRow[]>([
      { row: 1, cells: ['乡镇', '项目', '金额(万元)', '下达日期', '已拨付', '折合(元)', '身份证号'].map(text) },
      {
        row: 2,
        cells: [text('左权镇'), text('危桥改造'), num('67.90712'), date('2019-09-30', '43738'), { t: 'bool', v: true },
          num('679071.2'), text('430281196501078970')],
        formulas: { 5: 'C2*10000' },
      },
      {
        row: 3,
        cells: [text('沩山镇'), text('雨露计划'), num('0.07'), date('2019-09-30T14:30:00', '43738.60416666667'),
          { t: 'bool', v: false }, { t: 'error', v: '#DIV/0!' }],
        formulas: { 5: '1/0' },
      },
      // An accounting format with [Red] is not a date; an empty string is kept as the text it is.
      { row: 4, cells: [text('合计'), empty, num('1234567.89')] },
    ]);
  });

  it('lists sheets in tab order with their visibility, and reads the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('拨付').getCell('A1').value = 1;
    wb.addWorksheet('底稿', { state: 'hidden' });
    wb.addWorksheet('参数', { state: 'veryHidden' });
    const ws = wb.addWorksheet('落地');
    ws.getCell('A1').value = 43738 - 1462; // 2019-09-30 counted from 1904-01-01
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const path = join(dir, 'sheets.xlsx');
    await wb.xlsx.writeFile(path);

    const book = await openXlsx(path, 'sheets.xlsx');
    expect(book.sheets).toEqual([
      { name: '拨付', state: 'visible' },
      { name: '底稿', state: 'hidden' },
      { name: '参数', state: 'veryHidden' },
      { name: '落地', state: 'visible' },
    ]);
    expect(book.date1904).toBe(true);
    expect((await readRows(book, '落地'))[0]?.cells).toEqual([date('2019-09-30', '42276')]);
  });

  it('marks hidden rows and yields only the rows the file holds', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    ws.getCell('A1').value = '姓名';
    ws.getCell('A2').value = '唐宇';
    ws.getCell('A3').value = '韩燕';
    ws.getRow(3).hidden = true;
    ws.getCell('A6').value = '郝萍平';
    const path = join(dir, 'hidden.xlsx');
    await wb.xlsx.writeFile(path);

    const rows = await readRows(await openXlsx(path, 'hidden.xlsx'), '明细');
    expect(rows.map((r) => [r.row, r.hidden ?? false])).toEqual([[1, false], [2, false], [3, true], [6, false]]);
  });

  it('spreads a merged value over the cells it covers and says which ones are covered', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分配表');
    ws.getCell('A1').value = '2019年醴陵市本级财政专项扶贫资金分配表';
    ws.mergeCells('A1:D1');
    ws.addRow(['乡镇', '项目', '金额', '备注']);
    ws.addRow(['左权镇', '危桥', 120]);
    ws.addRow([null, '公路', 80]);
    ws.addRow([null, '廊桥', 40]);
    ws.mergeCells('A3:A5'); // one 乡镇 for three projects
    ws.mergeCells('D3:D4'); // an empty merged 备注
    const path = join(dir, 'merged.xlsx');
    await wb.xlsx.writeFile(path);

    const title = text('2019年醴陵市本级财政专项扶贫资金分配表');
    expect(await readRows(await openXlsx(path, 'merged.xlsx'), '分配表')).toEqual<PlainRow[]>([
      { row: 1, cells: [title, title, title, title], covered: [1, 2, 3] },
      { row: 2, cells: ['乡镇', '项目', '金额', '备注'].map(text) },
      { row: 3, cells: [text('左权镇'), text('危桥'), num('120')] },
      { row: 4, cells: [text('左权镇'), text('公路'), num('80')], covered: [0, 3] },
      { row: 5, cells: [text('左权镇'), text('廊桥'), num('40')], covered: [0] },
    ]);
  });
});

describe('shapes only hand-written XML has', () => {
  it('reads formulas without a cached result, shared formulas, inline and empty formula strings, and ISO dates', async () => {
    const path = writeHandBook(dir, 'formulas.xlsx', {
      sheets: [{
        name: 'S',
        xml: worksheet(
          '<row r="1">' +
            '<c r="A1"><f>SUM(B1:C1)</f></c>' +
            '<c r="B1"><f t="shared" ref="B1:B2" si="0">C1*2</f><v>4</v></c>' +
            '<c r="C1" t="str"><f>""</f><v></v></c>' +
            '<c r="D1" t="str"><f>A1&amp;"元"</f></c>' +
          '</row>' +
          '<row r="2">' +
            '<c r="B2"><f t="shared" si="0"/><v>6</v></c>' +
            '<c r="C2" t="inlineStr"><is><r><t>左权</t></r><r><t xml:space="preserve">镇 </t></r><rPh sb="0" eb="2"><t>ZUOQUAN</t></rPh></is></c>' +
            '<c r="D2" t="d"><v>2019-09-30T00:00:00Z</v></c>' +
            '<c r="E2" t="d"><v>2019-09-30T08:15:00</v></c>' +
          '</row>',
        ),
      }],
    });
    expect(await readRows(await openXlsx(path, 'formulas.xlsx'), 'S')).toEqual<PlainRow[]>([
      {
        row: 1,
        cells: [{ t: 'no-result', formula: 'SUM(B1:C1)' }, num('4'), empty, { t: 'no-result', formula: 'A1&"元"' }],
        formulas: { 1: 'C1*2', 2: '""' },
      },
      {
        row: 2,
        cells: [empty, num('6'), text('左权镇 '), { t: 'date', v: '2019-09-30', serial: '' }, { t: 'date', v: '2019-09-30T08:15:00', serial: '' }],
        formulas: { 1: 'C1*2' },
      },
    ]);
  });

  it('places cells and rows that have no reference after the ones before them', async () => {
    const path = writeHandBook(dir, 'no-refs.xlsx', {
      sheets: [{
        name: 'S',
        xml: worksheet(
          '<row><c><v>1</v></c><c><v>2</v></c></row>' +
          '<row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row>' +
          '<row><c r="B6"><v>5</v></c></row>' +
          '<row r="8"/>',
        ),
      }],
    });
    expect(await readRows(await openXlsx(path, 'no-refs.xlsx'), 'S')).toEqual<PlainRow[]>([
      { row: 1, cells: [num('1'), num('2')] },
      { row: 5, cells: [empty, empty, num('3'), num('4')] },
      { row: 6, cells: [empty, num('5')] },
      { row: 8, cells: [] },
    ]);
  });

  it('finds sheets through the workbook relationships, not by their file names', async () => {
    const path = writeHandBook(dir, 'order.xlsx', {
      sheets: [
        { name: '分配', part: 'xl/worksheets/sheet3.xml', target: '/xl/worksheets/sheet3.xml', xml: worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row>') },
        { name: '拨付', part: 'xl/worksheets/sheet1.xml', xml: worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>D</t></is></c></row>') },
        { name: '落地', part: 'xl/data/landed.xml', target: './data/../data/landed.xml', xml: worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>L</t></is></c></row>') },
      ],
    });
    const book = await openXlsx(path, 'order.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['分配', '拨付', '落地']);
    for (const [sheet, v] of [['分配', 'A'], ['拨付', 'D'], ['落地', 'L']] as const) {
      expect((await readRows(book, sheet))[0]?.cells).toEqual([text(v)]);
    }
  });

  it('reads shared strings as shown: runs joined, phonetic guides dropped, escapes and entities decoded', async () => {
    const path = writeHandBook(dir, 'strings.xlsx', {
      sharedStrings: [
        '<si><r><rPr><b/></rPr><t>贫困村</t></r><r><t>危桥改造</t></r><rPh sb="0" eb="3"><t>pinkuncun</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>第一行_x000D_\n第二行</t></si>',
        '<si><t>_x005F_x000D_ 是字面文本</t></si>',
        '<si><t>R&amp;D &lt;一卡通&gt;</t></si>',
        '<si/>',
      ],
      sheets: [{ name: 'S', xml: worksheet('<row r="1">' + [0, 1, 2, 3, 4].map((i) => `<c t="s"><v>${i}</v></c>`).join('') + '</row>') }],
    });
    expect((await readRows(await openXlsx(path, 'strings.xlsx'), 'S'))[0]?.cells).toEqual(
      ['贫困村危桥改造', '第一行\r\n第二行', '_x000D_ 是字面文本', 'R&D <一卡通>'].map(text));
  });

  it('tells dates from numbers by the cell style, including CJK and custom formats', async () => {
    const styles =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="4">' +
        '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
        '<numFmt numFmtId="165" formatCode="#,##0.00_);[Red](#,##0.00)"/>' +
        '<numFmt numFmtId="166" formatCode="[$-804]yyyy/m/d;@"/>' +
        '<numFmt numFmtId="167" formatCode="0.00&quot;万元 d&quot;"/>' +
      '</numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>' +
      '<xf numFmtId="167"/><xf numFmtId="31"/><xf numFmtId="4"/><xf numFmtId="22"/></cellXfs>' +
      // A conditional format's own numFmt does not redefine the cell formats.
      '<dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>';
    const path = writeHandBook(dir, 'styles.xlsx', {
      styles,
      sheets: [{ name: 'S', xml: worksheet('<row r="1">' + [0, 1, 2, 3, 4, 5, 6, 7].map((s) => `<c s="${s}"><v>43738</v></c>`).join('') + '</row>') }],
    });
    const [row] = await readRows(await openXlsx(path, 'styles.xlsx'), 'S');
    const d = date('2019-09-30', '43738');
    const n = num('43738');
    // General, 年月日, accounting, [$-804] date, a quoted "d", built-in 31 (年月日), #,##0.00, built-in 22
    expect(row?.cells).toEqual([n, d, n, d, n, d, n, d]);
  });

  it('fills merged ranges even where the covered cells are missing from the file', async () => {
    const path = writeHandBook(dir, 'merge-gaps.xlsx', {
      sheets: [{
        name: 'S',
        xml: worksheet(
          '<row r="2"><c r="A2" t="inlineStr"><is><t>官庄镇</t></is></c><c r="B2"><v>10</v></c></row>' +
          '<row r="3"><c r="B3"><v>20</v></c></row>' +
          '<row r="4"/>' +
          '<row r="6"><c r="A6"><v>1</v></c></row>',
          '<mergeCells count="3"><mergeCell ref="A2:A4"/><mergeCell ref="C2:E3"/><mergeCell ref="B6:C6"/></mergeCells>',
        ),
      }],
    });
    const town = text('官庄镇');
    expect(await readRows(await openXlsx(path, 'merge-gaps.xlsx'), 'S')).toEqual<PlainRow[]>([
      { row: 2, cells: [town, num('10')], covered: [3, 4] },
      { row: 3, cells: [town, num('20')], covered: [0, 2, 3, 4] },
      { row: 4, cells: [town], covered: [0] },
      // The anchor B6 is empty: C6 is covered, and stays empty.
      { row: 6, cells: [num('1')], covered: [2] },
    ]);
  });

  it('reads a package whose entries are stored uncompressed or listed in a ZIP64 directory', async () => {
    const sheetXml = worksheet('<row r="1"><c r="A1"><v>660</v></c></row>');
    const parts = (store: boolean) => [
      { name: '_rels/.rels', data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>', store },
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="s1"/></sheets></workbook>', store },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>', store },
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml, store },
    ];
    const stored = join(dir, 'stored.xlsx');
    writeZip(stored, parts(true));
    const zip64 = join(dir, 'zip64.xlsx');
    writeZip(zip64, parts(false), { zip64: true });
    for (const path of [stored, zip64]) {
      expect(await readRows(await openXlsx(path, 'x.xlsx'), 'S')).toEqual([{ row: 1, cells: [num('660')] }]);
    }
  });
});

describe('streaming', () => {
  const ctx: SheetContext = {
    displayName: 'chunks.xlsx', sheet: 'S', part: 'xl/worksheets/sheet1.xml',
    sharedStrings: ['合计'], dateStyles: [false], date1904: false, merges: [],
  };
  async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  // Chinese text (3 bytes a character) and a tail whose </sheetData> and merges will be split
  // at every possible place by the small chunk sizes.
  const xml = Buffer.from(worksheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>醴陵市财政专项扶贫资金</t></is></c><c r="B1" t="s"><v>0</v></c></row>' +
    '<row r="2"><c r="A2"><v>67.90712</v></c></row>',
    '<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/></mergeCells><pageMargins left="0.7"/>',
  ).replace('<worksheet ', '<x:worksheet ').replace('</worksheet>', '</x:worksheet>')
    .replace(/<(\/?)(sheetData|row|c|v|is|t|mergeCells|mergeCell|pageMargins)\b/g, '<$1x:$2')
    .replace('xmlns="', 'xmlns:x="'));

  it('gives the same rows and merges however the bytes are split into chunks', async () => {
    const expected: PlainRow[] = [
      { row: 1, cells: [text('醴陵市财政专项扶贫资金'), text('合计'), text('合计')], covered: [2] },
      { row: 2, cells: [text('醴陵市财政专项扶贫资金')], covered: [0] },
    ];
    for (const size of [1, 2, 3, 5, 7, 64, xml.length]) {
      const merges = await scanMerges(chunked(xml, size));
      expect(merges).toEqual([{ top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 1, right: 2 }]);
      const rows: PlainRow[] = [];
      for await (const r of sheetRows(() => chunked(xml, size), { ...ctx, merges })) rows.push(plain(r));
      expect(rows, `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('yields rows while the sheet is still being read, and stops reading when the caller stops', async () => {
    let supplied = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('<worksheet><sheetData>');
      for (let r = 1; ; r++) {
        supplied = r;
        yield Buffer.from(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
      }
    }
    const seen: number[] = [];
    for await (const r of sheetRows(endless, ctx)) {
      seen.push(r.row);
      if (r.row === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(supplied).toBeLessThan(10);
  });

  it('reads a sheet of many rows with every value intact', async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'long.xlsx'), useSharedStrings: false });
    const ws = wb.addWorksheet('明细');
    for (let i = 1; i <= 20_000; i++) ws.addRow([`收款人${i}号（醴陵市左权镇农业服务中心）`, `${i}.${String(i % 100).padStart(2, '0')}`, i]).commit();
    ws.commit();
    await wb.commit();

    let count = 0;
    for await (const r of (await openXlsx(join(dir, 'long.xlsx'), 'long.xlsx')).rows('明细')) {
      count++;
      const i = r.row;
      expect(r.cells).toEqual([text(`收款人${i}号（醴陵市左权镇农业服务中心）`), text(`${i}.${String(i % 100).padStart(2, '0')}`), num(String(i))]);
    }
    expect(count).toBe(20_000);
  });
});

describe('errors that name the file, sheet and row', () => {
  it('rejects a file that is not a ZIP, and says what to do with an old .xls or an encrypted workbook', async () => {
    const csv = join(dir, 'ledger.xlsx');
    writeFileSync(csv, '项目名称,金额\n危桥改造,120\n');
    const e1 = await failure(openXlsx(csv, 'ledger.xlsx'));
    expect([e1.code, e1.at?.file]).toEqual(['XLSX_MALFORMED', 'ledger.xlsx']);
    expect(e1.message).toMatch(/not a ZIP/);

    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    ole.writeUInt16LE(9, 30); // 512-byte sectors
    ole.writeUInt32LE(0, 48); // the directory starts at sector 0
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, ole);
    const e2 = await failure(openXlsx(xls, 'old.xls'));
    expect(e2.message).toMatch(/Excel 97-2003 \.xls/);
    expect(e2.hint).toMatch(/另存为/);

    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 512);
    const locked = join(dir, 'locked.xlsx');
    writeFileSync(locked, ole);
    const e3 = await failure(openXlsx(locked, 'locked.xlsx'));
    expect(e3.message).toMatch(/password-protected/);

    const blank = join(dir, 'blank.xlsx');
    writeFileSync(blank, '');
    expect((await failure(openXlsx(blank, 'blank.xlsx'))).message).toBe('the file is empty');
  });

  it('rejects a truncated file and a ZIP that holds no workbook', async () => {
    const good = writeHandBook(dir, 'whole.xlsx', { sheets: [{ name: 'S', xml: worksheet('') }] });
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, readFileSync(good).subarray(0, 200));
    expect((await failure(openXlsx(cut, 'cut.xlsx'))).message).toMatch(/truncated or damaged/);

    const noBook = join(dir, 'report.docx');
    writeZip(noBook, [{ name: 'word/document.xml', data: '<w:document/>' }]);
    const e = await failure(openXlsx(noBook, 'report.docx'));
    expect([e.code, e.at?.file]).toEqual(['XLSX_MALFORMED', 'report.docx']);
    expect(e.message).toMatch(/not an Excel workbook \(xl\/workbook\.xml is missing\)/);
  });

  it('names the sheet whose compressed data is corrupt', async () => {
    const path = writeHandBook(dir, 'corrupt.xlsx', { sheets: [{ name: '落地', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>') }] });
    const bytes = readFileSync(path);
    // The entry's data starts right after its name in the local header; 0xFF is no valid deflate block.
    const data = bytes.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    bytes.fill(0xff, data, data + 4);
    writeFileSync(path, bytes);
    const e = await failure(readRows(await openXlsx(path, 'corrupt.xlsx'), '落地'));
    expect([e.code, e.at]).toEqual(['XLSX_MALFORMED', { file: 'corrupt.xlsx', sheet: '落地' }]);
    expect(e.message).toBe('the .xlsx file is damaged: compressed data is corrupt in part xl/worksheets/sheet1.xml');
  });

  it('names the sheet whose data is missing, and the sheet and row where XML breaks', async () => {
    const path = writeHandBook(dir, 'broken.xlsx', {
      sheets: [
        { name: '分配', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</c></row>') },
        { name: '拨付', xml: worksheet('') },
      ],
      parts: { 'xl/worksheets/sheet2.xml': undefined },
    });
    const book = await openXlsx(path, 'broken.xlsx');

    const bad = await failure(readRows(book, '分配'));
    expect([bad.code, bad.at]).toEqual(['XLSX_MALFORMED', { file: 'broken.xlsx', sheet: '分配', row: 2 }]);
    expect(bad.message).toMatch(/xl\/worksheets\/sheet1\.xml.*not well-formed XML near row 2/);

    const missing = await failure(readRows(book, '拨付'));
    expect([missing.code, missing.at]).toEqual(['XLSX_MALFORMED', { file: 'broken.xlsx', sheet: '拨付' }]);
    expect(missing.message).toMatch(/sheet "拨付" is missing/);
  });

  it('says which cell refers to a shared string that does not exist', async () => {
    const path = writeHandBook(dir, 'bad-index.xlsx', {
      sharedStrings: ['<si><t>项目</t></si>'],
      sheets: [{ name: 'S', xml: worksheet('<row r="7"><c r="A7" t="s"><v>0</v></c><c r="C7" t="s"><v>5</v></c></row>') }],
    });
    const e = await failure(readRows(await openXlsx(path, 'bad-index.xlsx'), 'S'));
    expect([e.code, e.at, e.text]).toEqual(['XLSX_MALFORMED', { file: 'bad-index.xlsx', sheet: 'S', row: 7, column: 'C' }, '5']);
  });

  it('rejects a cell or row past the edge of any Excel sheet instead of building a row that large', async () => {
    const wide = writeHandBook(dir, 'wide.xlsx', {
      sheets: [{ name: 'S', xml: worksheet('<row r="2"><c r="ZZZZZZZ2"><v>1</v></c></row>') }],
    });
    const e = await failure(readRows(await openXlsx(wide, 'wide.xlsx'), 'S'));
    expect([e.code, e.at?.row, e.text]).toEqual(['XLSX_MALFORMED', 2, 'ZZZZZZZ2']);
    const tall = writeHandBook(dir, 'tall.xlsx', { sheets: [{ name: 'S', xml: worksheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>') }] });
    expect((await failure(readRows(await openXlsx(tall, 'tall.xlsx'), 'S'))).code).toBe('XLSX_MALFORMED');
  });

  it('rejects an unknown sheet name and lists the sheets there are', async () => {
    const path = writeHandBook(dir, 'names.xlsx', {
      sheets: [{ name: '分配表', xml: worksheet('') }, { name: '底稿', state: 'hidden', xml: worksheet('') }],
    });
    const book = await openXlsx(path, 'names.xlsx');
    let e: unknown;
    try {
      book.rows('分配');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(FundgapError);
    const err = e as FundgapError;
    expect([err.code, err.at?.file, err.text]).toEqual(['SHEET_NOT_FOUND', 'names.xlsx', '分配']);
    expect(err.hint).toBe('sheets in this workbook: "分配表", "底稿" (hidden)');
  });
});

describe('the Liling 2019 sample ledgers', () => {
  const samples = '/work/shared/samples/liling-2019';

  it('reads the allocation table: merged title rows, header on row 3, amounts and the 合计 row', async () => {
    const book = await openXlsx(join(samples, 'allocation.xlsx'), 'allocation.xlsx');
    expect(book.sheets).toEqual([{ name: '分配表', state: 'visible' }]);
    const rows = await readRows(book, '分配表');
    const title = text('2019年醴陵市本级财政专项扶贫资金分配表');
    expect(rows[0]).toEqual({ row: 1, cells: Array<Cell>(6).fill(title), covered: [1, 2, 3, 4, 5] });
    expect(rows[1]?.covered).toEqual([1, 2, 3, 4, 5]);
    expect(rows[2]?.cells).toEqual(['序号', '项目名称', '建设地点', '建设内容', '投资规模', '责任单位'].map(text));
    expect(rows[3]?.cells.slice(0, 2)).toEqual([num('1'), text('农业特色产业发展项目')]);
    expect(rows[3]?.cells[4]).toEqual(num('660'));
    expect(rows.at(-1)?.row).toBe(9);
    expect(rows.at(-1)?.cells[0]).toEqual(text('合计'));
    expect(rows.at(-1)?.cells[4]).toEqual(num('1200'));
  });

  it('reads the landed ledger: dates, ID numbers as text, and the SUM row with its cached result', async () => {
    const book = await openXlsx(join(samples, 'landed.xlsx'), 'landed.xlsx');
    const rows = await readRows(book, '落地明细');
    expect(rows).toHaveLength(469);
    expect(rows[1]?.cells[5]).toEqual(date('2019-09-30', '43738'));
    const yulu = rows.find((r) => r.cells[2]?.t === 'text' && r.cells[2].v === '430281196501078970');
    expect(yulu?.cells.slice(0, 5)).toEqual([text('雨露计划'), text('唐宇'), text('430281196501078970'), text('职业教育补助'), num('3000')]);
    const total = rows[468];
    expect(total?.row).toBe(469);
    expect(total?.cells[4]).toEqual(num('11930000'));
    expect(total?.formulas).toEqual({ 4: 'SUM(E2:E468)' });
  });
});
