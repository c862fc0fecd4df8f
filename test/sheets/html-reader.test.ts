// The HTML table reader on its own: what web systems export as ".xls" read as the table Excel
// would show — spans as merged cells, line breaks and entities, hidden rows, several tables
// on a page, encodings declared or not — and bounded on hostile input.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { openHtml } from '../../src/sheets/html/read-html.js';
import type { Cell, RawRow } from '../../src/sheets/types.js';

/** The bytes as a re-readable source, cut into chunks of `chunk` bytes. */
const source = (bytes: Uint8Array, chunk: number) => () =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

const bytesOf = (html: string | Uint8Array) => (typeof html === 'string' ? Buffer.from(html, 'utf8') : html);

async function book(html: string | Uint8Array, opts: { chunk?: number; encoding?: string } = {}) {
  return openHtml(source(bytesOf(html), opts.chunk ?? 64 * 1024), 'export.xls', { encoding: opts.encoding });
}

const show = (c: Cell | undefined) => (c === undefined || c.t === 'empty' ? '' : c.t === 'text' || c.t === 'number' ? c.v : `?${c.t}`);

async function rows(html: string | Uint8Array, table?: string, opts: { chunk?: number; encoding?: string } = {}) {
  const b = await book(html, opts);
  const out: { row: number; cells: string[]; covered?: number[]; hidden?: boolean }[] = [];
  for await (const r of b.rows(b.find(table)!) as AsyncIterable<RawRow>) {
    const o: (typeof out)[number] = { row: r.row, cells: r.cells.map(show) };
    if (r.covered) o.covered = [...r.covered].sort((x, y) => x - y);
    if (r.hidden) o.hidden = true;
    out.push(o);
  }
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

const page = (body: string, head = '<meta charset="utf-8">') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('cells as the page shows them', () => {
  it('colspan and rowspan are merged cells: covered cells carry the anchor and are marked', async () => {
    const html = page(`<table>
      <tr><td colspan="3">2019年资金分配表</td></tr>
      <tr><th>乡镇</th><th>项目名称</th><th>金额</th></tr>
      <tr><td rowspan="2">瞿昙镇</td><td>马营村</td><td>100</td></tr>
      <tr><td>三合村</td><td>200</td></tr>
      <tr><td>洪水镇</td><td>李家村</td><td>300</td></tr>
    </table>`);
    expect(await rows(html)).toEqual([
      { row: 1, cells: ['2019年资金分配表', '2019年资金分配表', '2019年资金分配表'], covered: [1, 2] },
      { row: 2, cells: ['乡镇', '项目名称', '金额'] },
      { row: 3, cells: ['瞿昙镇', '马营村', '100'] },
      { row: 4, cells: ['瞿昙镇', '三合村', '200'], covered: [0] },
      { row: 5, cells: ['洪水镇', '李家村', '300'] },
    ]);
  });

  it('a rowspan in the middle pushes the next cells right, as a browser lays them out', async () => {
    const html = page('<table><tr><td>a</td><td rowspan="2" colspan="2">M</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>');
    expect(await rows(html)).toEqual([
      { row: 1, cells: ['a', 'M', 'M', 'b'], covered: [2] },
      { row: 2, cells: ['c', 'M', 'M', 'd'], covered: [1, 2] },
    ]);
  });

  it('<br> and block elements break lines; spaces collapse; entities decode; &nbsp; trims', async () => {
    const html = page('<table><tr><td>下达金额<br>（万元）</td><td>  道路&amp;桥梁\n  工程&nbsp;</td><td><p>一</p><p>二</p></td><td>&#32844;&#x4e1a; &yen;5 &lt;1&gt; &bogus; &#0;</td></tr><tr><td>x</td><td>y</td></tr></table>');
    expect((await rows(html))[0]!.cells).toEqual(['下达金额\n（万元）', '道路&桥梁 工程', '一\n二', '职业 ¥5 <1> &bogus;']);
  });

  it("Excel's own HTML keeps a number's full value in x:num while showing it rounded", async () => {
    const html = page('<table><tr><td>项目</td><td>金额</td></tr><tr><td>马营村</td><td x:num="1234.5678" x:fmla="=B3*2">1,235</td></tr><tr><td>三合</td><td x:num>88</td></tr></table>');
    const b = await book(html);
    const got: RawRow[] = [];
    for await (const r of b.rows(b.find(undefined)!)) got.push(r);
    expect(got[1]!.cells[1]).toEqual({ t: 'number', v: '1234.5678' });
    expect(got[1]!.formulas?.get(1)).toBe('=B3*2');
    expect(got[2]!.cells[1]).toEqual({ t: 'text', v: '88' });
  });

  it('a row hidden with display:none is read, and marked hidden', async () => {
    const html = page('<table><tr><td>项目</td><td>金额</td></tr><tr style="height:0; display: none"><td>草稿</td><td>9</td></tr><tr><td>马营村</td><td>1</td></tr></table>');
    expect(await rows(html)).toEqual([
      { row: 1, cells: ['项目', '金额'] },
      { row: 2, cells: ['草稿', '9'], hidden: true },
      { row: 3, cells: ['马营村', '1'] },
    ]);
  });

  it('tolerates what browsers tolerate: unclosed cells and rows, upper case, unquoted attributes', async () => {
    const html = '<HTML><BODY><TABLE BORDER=1><TR><TD COLSPAN=2>标题<TR><TD>项目<TD>金额<TR><TD>马营村<TD>100</TABLE>';
    expect(await rows(html)).toEqual([
      { row: 1, cells: ['标题', '标题'], covered: [1] },
      { row: 2, cells: ['项目', '金额'] },
      { row: 3, cells: ['马营村', '100'] },
    ]);
  });

  it('markup in scripts, styles and comments is not read as tables', async () => {
    const html = page(`<script>var s = "<table><tr><td>x</td><td>y</td></tr><tr><td>1</td><td>2</td></tr></table>"; if (a<b) {}</script>
      <style>td > p { color: red }</style><!-- <table><tr><td>old</td></tr></table> -->
      <!--[if gte mso 9]><xml><x:ExcelWorkbook></x:ExcelWorkbook></xml><![endif]-->
      <table><tr><td>项目</td><td>金额 &lt; 100</td></tr><tr><td>a</td><td>1</td></tr></table>`);
    const b = await book(html);
    expect(b.tables.map((x) => x.name)).toEqual(['1']);
    expect((await rows(html))[0]!.cells).toEqual(['项目', '金额 < 100']);
  });

  it('reads the same however the bytes are cut into chunks (a tag or character split across two)', async () => {
    const html = iconv.encode(page('<table><tr><td class="a" title=\'x>y\'>项目名称</td><td>金额&amp;</td></tr><tr><td rowspan=2>马营村</td><td>100</td></tr><tr><td>200</td></tr></table>', '<meta charset="gbk">'), 'gbk');
    const whole = await rows(html);
    expect(whole[0]!.cells).toEqual(['项目名称', '金额&']);
    for (const chunk of [1, 2, 3, 7, 13]) expect(await rows(html, undefined, { chunk })).toEqual(whole);
  });
});

describe('which table', () => {
  const html = page(`
    <table><tr><td colspan="4">拨付明细查询结果</td></tr></table>
    <table><tr><td>查询区间：</td><td>2019-01-01 至 2019-12-31</td></tr></table>
    <table id="GridView1"><tr><th>项目名称</th><th>拨付金额</th></tr><tr><td>马营村</td><td>100</td></tr></table>
    <table><caption>汇总</caption><tr><td>合计</td><td>100</td></tr><tr><td>笔数</td><td>1</td></tr></table>`);

  it('without a name, the first that holds data: a title or a line of query conditions does not', async () => {
    const b = await book(html);
    expect(b.tables.map((x) => [x.index, x.name, x.filled])).toEqual([[1, '1', false], [2, '2', false], [3, 'GridView1', true], [4, '汇总', true]]);
    expect(b.find(undefined)?.index).toBe(3);
  });

  it('#N names the Nth table; a caption or id names its table', async () => {
    const b = await book(html);
    expect(b.find('4')?.name).toBe('汇总');
    expect(b.find('汇总')?.index).toBe(4);
    expect(b.find('GridView1')?.index).toBe(3);
    expect(b.find('9')).toBeUndefined();
    expect((await rows(html, '2'))).toEqual([{ row: 1, cells: ['查询区间：', '2019-01-01 至 2019-12-31'] }]);
  });

  it('a table that holds other tables lays out the page; the data is the table inside it', async () => {
    const nested = page(`<table><tr><td>导出人：张三</td><td>导出时间：2019-12-31</td></tr><tr><td>单位：元</td><td>第1页</td></tr>
      <tr><td colspan="2"><table><tr><td>项目名称</td><td>金额</td></tr><tr><td>马营村</td><td>100</td></tr></table></td></tr></table>`);
    const b = await book(nested);
    expect(b.tables.map((x) => [x.index, x.nested, x.filled])).toEqual([[1, true, true], [2, false, true]]);
    expect(b.find(undefined)?.index).toBe(2);
    // The outer table's rows number its own <tr>s; the cell that held the inner table is empty.
    expect(await rows(nested, '1')).toEqual([
      { row: 1, cells: ['导出人：张三', '导出时间：2019-12-31'] },
      { row: 2, cells: ['单位：元', '第1页'] },
      { row: 3, cells: [], covered: [1] },
    ]);
    expect(await rows(nested, '2')).toEqual([{ row: 1, cells: ['项目名称', '金额'] }, { row: 2, cells: ['马营村', '100'] }]);
  });

  it('a page with no table lists none', async () => {
    const b = await book(page('<div>登录超时，请重新登录</div>'));
    expect(b.tables).toEqual([]);
    expect(b.find(undefined)).toBeUndefined();
  });
});

describe('encodings', () => {
  const body = '<table><tr><td>项目名称</td><td>金额</td></tr><tr><td>㮾梨街道新安村</td><td>1</td></tr></table>';

  it.each([
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'gb18030', 'meta'],
    ['<meta charset="GBK">', 'gb18030', 'meta'],
    ['', 'gb18030', 'detected'],
    ['<meta charset="iso-8859-1">', 'gb18030', 'detected'],
  ])('GBK bytes with %j are read as GB18030', async (meta, enc, how) => {
    const bytes = iconv.encode(`<html><head>${meta}</head><body>${body}</body></html>`, enc);
    const b = await book(bytes);
    expect([b.encoding.encoding, b.encoding.source]).toEqual(['gb18030', how]);
    expect((await rows(bytes))[1]!.cells[0]).toBe('㮾梨街道新安村');
  });

  it('UTF-8 with a byte-order mark, and UTF-16', async () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(body, ''))]);
    expect((await book(utf8)).encoding).toEqual({ encoding: 'utf-8', source: 'bom' });
    const utf16 = iconv.encode(page(body, ''), 'utf-16le', { addBOM: true });
    expect((await rows(utf16))[1]!.cells[0]).toBe('㮾梨街道新安村');
  });

  it('a page that says UTF-8 but is GBK stops at the first garbled cell, naming it and the way out', async () => {
    const bytes = iconv.encode(page(body), 'gbk');
    const e = await failure(rows(bytes));
    expect([e.code, e.at]).toEqual(['ENCODING_INVALID', { file: 'export.xls', sheet: '1', row: 1, column: 'A' }]);
    expect(e.hint).toContain('--encoding gbk');
    expect((await rows(bytes, undefined, { encoding: 'gb18030' }))[0]!.cells).toEqual(['项目名称', '金额']);
  });
});

describe('hostile input is bounded', () => {
  it('a span past the last column Excel has is refused, naming the row', async () => {
    const html = page(`<table><tr><td>项目</td><td>金额</td></tr><tr>${'<td colspan="1000">x</td>'.repeat(17)}</tr></table>`);
    const e = await failure(book(html));
    expect([e.code, e.at?.row, e.at?.column]).toEqual(['TABLE_TOO_LARGE', 2, 'XFD']);
  });

  it('spans are clamped (colspan 1000, rowspan 65534) and rowspan never creates rows', async () => {
    const html = page('<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr><tr></tr></table>');
    const got = await rows(html);
    expect(got).toHaveLength(2);
    expect(got[1]!.cells).toHaveLength(1000);
  });

  it('merged cells may not fill more than two million cells: a few bytes of markup cannot make gigabytes', async () => {
    const html = `<table><tr>${'<td colspan=1000 rowspan=65534>x</td>'.repeat(16)}</tr>${'<tr></tr>'.repeat(200)}</table>`;
    const e = await failure(book(html));
    expect(e.code).toBe('TABLE_TOO_LARGE');
    expect(e.message).toContain('cover more than 2000000 cells');
  });

  it('a tag that never closes does not swallow the table after it', async () => {
    const html = `<html><body><div title="${'a'.repeat(1_100_000)}<table><tr><td>项目</td><td>金额</td></tr><tr><td>x</td><td>1</td></tr></table>`;
    const b = await book(html);
    expect(b.tables).toHaveLength(1);
  });
});
