// The Excel 2003 XML (SpreadsheetML) reader on its own: worksheets and which is hidden, rows
// and cells placed by ss:Index, merges as covered cells, typed data kept as the file writes
// it, and damaged XML named by sheet and row.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { openSpreadsheetMl } from '../../src/sheets/read-spreadsheetml.js';
import type { RawRow } from '../../src/sheets/types.js';

const source = (bytes: Uint8Array, chunk = 5) => () =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

const workbook = (sheets: string, decl = '<?xml version="1.0"?>') => `${decl}
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">${sheets}</Workbook>`;

const sheet = (name: string, rows: string, options = '') =>
  `<Worksheet ss:Name="${name}"><Table>${rows}</Table>${options ? `<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">${options}</WorksheetOptions>` : ''}</Worksheet>`;

const open = (xml: string | Uint8Array, chunk?: number) =>
  openSpreadsheetMl(source(typeof xml === 'string' ? Buffer.from(xml) : xml, chunk), 'export.xls');

async function read(xml: string | Uint8Array, name: string): Promise<RawRow[]> {
  const book = await open(xml);
  const out: RawRow[] = [];
  for await (const r of book.rows(name)) out.push(r);
  return out;
}

async function failure(p: Promise<unknown>): Promise<FundgapError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FundgapError) return e;
    throw e;
  }
  throw new Error('expected a FundgapError');
}

const s = (v: string) => ({ t: 'text', v });
const n = (v: string) => ({ t: 'number', v });
const E = { t: 'empty' };

describe('worksheets', () => {
  it('lists them in order with the hidden ones marked (said after their rows), and the date system', async () => {
    const book = await open(workbook(
      `<ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel"><Date1904/></ExcelWorkbook>` +
      sheet('底稿', '<Row><Cell><Data ss:Type="String">x</Data></Cell></Row>', '<Visible>SheetHidden</Visible>') +
      sheet('分配表', '') +
      sheet('备用', '', '<x:Visible>SheetVeryHidden</x:Visible>'),
    ));
    expect(book.sheets).toEqual([
      { name: '底稿', state: 'hidden' },
      { name: '分配表', state: 'visible' },
      { name: '备用', state: 'veryHidden' },
    ]);
    expect(book.date1904).toBe(true);
  });

  it('an unknown sheet is refused at once, listing the sheets there are', async () => {
    const book = await open(workbook(sheet('分配表', '')));
    const e = await failure((async () => book.rows('拨付表'))());
    expect([e.code, e.text]).toEqual(['SHEET_NOT_FOUND', '拨付表']);
    expect(e.hint).toContain('"分配表"');
  });
});

describe('rows and cells', () => {
  it('places rows and cells by ss:Index, and merges (MergeAcross, MergeDown) as covered cells', async () => {
    const rows = await read(workbook(sheet('S', `
      <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">资金分配表</Data></Cell></Row>
      <Row ss:Index="3"><Cell><Data ss:Type="String">乡镇</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">金额</Data></Cell></Row>
      <Row><Cell ss:MergeDown="1"><Data ss:Type="String">瞿昙镇</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="Number">100</Data></Cell></Row>
      <Row><Cell ss:Index="3"><Data ss:Type="Number">200</Data></Cell></Row>`)), 'S');
    expect(rows.map((r) => [r.row, r.cells, r.covered ? [...r.covered] : undefined])).toEqual([
      [1, [s('资金分配表'), s('资金分配表'), s('资金分配表')], [1, 2]],
      [3, [s('乡镇'), E, s('金额')], undefined],
      [4, [s('瞿昙镇'), n('100'), n('100')], [2]],
      [5, [s('瞿昙镇'), E, n('200')], [0]],
    ]);
  });

  it('keeps numbers as the file writes them, dates as days, and reads the other types', async () => {
    const rows = await read(workbook(sheet('S', `<Row>
      <Cell><Data ss:Type="Number">16666.6666666667</Data></Cell>
      <Cell><Data ss:Type="Number">1.2345678901234501E-2</Data></Cell>
      <Cell><Data ss:Type="DateTime">2019-06-10T00:00:00.000</Data></Cell>
      <Cell><Data ss:Type="DateTime">2019-06-10T09:10:33.000</Data></Cell>
      <Cell><Data ss:Type="Boolean">1</Data></Cell>
      <Cell><Data ss:Type="Error">#N/A</Data></Cell>
      <Cell><Data ss:Type="String">  带空格  </Data></Cell>
      <Cell><Data ss:Type="String">第一行&#10;第二行</Data></Cell>
    </Row>`)), 'S');
    expect(rows[0]!.cells).toEqual([
      n('16666.6666666667'),
      n('1.2345678901234501E-2'),
      { t: 'date', v: '2019-06-10', serial: '' },
      { t: 'date', v: '2019-06-10T09:10:33', serial: '' },
      { t: 'bool', v: true },
      { t: 'error', v: '#N/A' },
      s('  带空格  '),
      s('第一行\n第二行'),
    ]);
  });

  it('reads rich text whole, leaves comments out, and keeps formulas (none saved: no result)', async () => {
    const rows = await read(workbook(sheet('S', `<Row>
      <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>三合镇</B><Font html:Color="#FF0000">道路</Font></ss:Data><Comment ss:Author="王丽"><ss:Data><B>王丽:</B> 核对</ss:Data></Comment></Cell>
      <Cell ss:Formula="=SUM(R[1]C:R[3]C)"><Data ss:Type="Number">600</Data></Cell>
      <Cell ss:Formula="=VLOOKUP(RC[-2],Sheet2!C1:C2,2,0)"/>
    </Row>`)), 'S');
    expect(rows[0]!.cells).toEqual([s('三合镇道路'), n('600'), { t: 'no-result', formula: '=VLOOKUP(RC[-2],Sheet2!C1:C2,2,0)' }]);
    expect(rows[0]!.formulas?.get(1)).toBe('=SUM(R[1]C:R[3]C)');
  });

  it('marks hidden rows, and counts the rows a ss:Span stands for', async () => {
    const rows = await read(workbook(sheet('S', `
      <Row><Cell><Data ss:Type="String">a</Data></Cell></Row>
      <Row ss:Hidden="1"><Cell><Data ss:Type="String">b</Data></Cell></Row>
      <Row ss:Span="2"/>
      <Row><Cell><Data ss:Type="String">c</Data></Cell></Row>`)), 'S');
    expect(rows.map((r) => [r.row, r.hidden === true])).toEqual([[1, false], [2, true], [3, false], [6, false]]);
  });

  it('stops at the end of its worksheet, and reads the same in any chunking', async () => {
    const xml = workbook(sheet('A', '<Row><Cell><Data ss:Type="String">甲</Data></Cell></Row>') + sheet('B', '<Row><Cell><Data ss:Type="String">乙</Data></Cell></Row>'));
    for (const chunk of [1, 3, 64]) {
      const book = await open(xml, chunk);
      const got: RawRow[] = [];
      for await (const r of book.rows('B')) got.push(r);
      expect(got.map((r) => r.cells)).toEqual([[s('乙')]]);
    }
  });

  it('reads the encoding its XML declaration names', async () => {
    const xml = workbook(sheet('分配表', '<Row><Cell><Data ss:Type="String">马营村</Data></Cell></Row>'), '<?xml version="1.0" encoding="gb2312"?>');
    const book = await open(iconv.encode(xml, 'gbk'));
    expect(book.encoding).toEqual({ encoding: 'gb18030', source: 'declared' });
    const rows: RawRow[] = [];
    for await (const r of book.rows('分配表')) rows.push(r);
    expect(rows[0]!.cells).toEqual([s('马营村')]);
  });
});

describe('damaged files', () => {
  it('XML that is not well-formed is named by sheet and row', async () => {
    const xml = workbook(sheet('分配表', '<Row><Cell><Data ss:Type="String">a</Data></Cell></Row><Row ss:Index="5"><Cell><Data ss:Type="String">R&D</Data></Cell></Row>'));
    const e = await failure(read(xml, '分配表'));
    expect([e.code, e.at]).toEqual(['XML_MALFORMED', { file: 'export.xls', sheet: '分配表', row: 5 }]);
    expect(e.hint).toContain('.xlsx');
  });

  it('merges may not fill more than two million cells', async () => {
    const xml = workbook(sheet('S', `<Row><Cell ss:MergeAcross="16000" ss:MergeDown="1000000"><Data ss:Type="String">x</Data></Cell></Row>${'<Row/>'.repeat(200)}`));
    const e = await failure(read(xml, 'S'));
    expect([e.code, e.at?.sheet]).toEqual(['TABLE_TOO_LARGE', 'S']);
  });

  it('a cell past the last column Excel has is refused', async () => {
    const book = await open(workbook(sheet('S', '<Row><Cell ss:Index="16385"><Data ss:Type="String">x</Data></Cell></Row>')));
    const e = await failure(read(workbook(sheet('S', '<Row><Cell ss:Index="16385"><Data ss:Type="String">x</Data></Cell></Row>')), 'S'));
    expect(book.sheets).toHaveLength(1);
    expect([e.code, e.at?.sheet, e.at?.row, e.at?.column]).toEqual(['XML_MALFORMED', 'S', 1, 'XFD']);
  });
});
