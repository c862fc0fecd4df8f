// The CSV reader on its own: encodings by their bytes, the delimiter by agreement between
// lines, quoted fields, ="…" text, and every record numbered by the line it starts on.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv, sniffDelimiter } from '../../src/sheets/read-csv.js';
import type { RawRow } from '../../src/sheets/types.js';

/** The bytes as a re-readable source, cut into small chunks so that detection must read on. */
const source = (bytes: Uint8Array, chunk = 7) => () =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

async function read(bytes: Uint8Array, opts: Parameters<typeof openCsv>[2] = {}) {
  const csv = await openCsv(source(bytes), 'x.csv', opts);
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of csv.rows() as AsyncIterable<RawRow>) rows.push({ row: r.row, cells: r.cells.map((c) => (c.t === 'text' ? c.v : '')) });
  return { encoding: csv.encoding, delimiter: csv.delimiter, rows };
}

describe('encodings', () => {
  const text = '项目名称,金额\r\n㮾梨街道新安村产业扶贫项目,800000.00\r\n';

  it('GB18030, with a character GBK cannot hold (㮾, four bytes), is detected and decoded', async () => {
    const r = await read(iconv.encode(text, 'gb18030'));
    expect([r.encoding.encoding, r.encoding.source]).toEqual(['gb18030', 'detected']);
    expect(r.rows[1]!.cells[0]).toBe('㮾梨街道新安村产业扶贫项目');
  });

  it('a file that is ASCII for its first chunks and GBK after is still found to be GBK', async () => {
    const bytes = iconv.encode(`project,amount\r\n${'x,1\r\n'.repeat(50)}马营村,2\r\n`, 'gbk');
    const r = await read(bytes, {});
    expect(r.encoding.encoding).toBe('gb18030');
    expect(r.rows.at(-1)!.cells).toEqual(['马营村', '2']);
  });

  it.each([
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le', iconv.encode(text, 'utf-16le', { addBOM: true })],
    ['utf-16be', iconv.encode(text, 'utf-16be', { addBOM: true })],
  ])('%s with a BOM: decided by the BOM, which does not stick to the first cell', async (encoding, bytes) => {
    const r = await read(bytes);
    expect([r.encoding.encoding, r.encoding.source]).toEqual([encoding, 'bom']);
    expect(r.rows[0]!.cells[0]).toBe('项目名称');
  });

  it('an encoding given by the user is used as given', async () => {
    const r = await read(iconv.encode(text, 'gbk'), { encoding: 'gb18030' });
    expect(r.encoding.source).toBe('option');
    expect(r.rows[1]!.cells[1]).toBe('800000.00');
  });
});

describe('delimiters', () => {
  it.each([
    ['comma', '项目名称,金额,摘要\n马营村,"1,200.00",拨付\n', ','],
    ['tab, with unquoted thousands separators and commas in the text', '项目名称\t金额\t摘要\n马营村\t1,200,000.00\t拨付, 第一批\n三合镇\t1,000.00\t拨付\n', '\t'],
    ['semicolon, with unquoted thousands separators', '项目名称;金额\n马营村;1,200.00\n三合镇;1,000.00\n', ';'],
    ['comma, under a title line with none', '2019年分配表\n项目名称,金额\n马营村,1\n', ','],
  ])('%s', (_what, text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });
});

describe('records', () => {
  it('are numbered by the line they start on, quoted line breaks (LF inside, CRLF between) and blank lines counted', async () => {
    const r = await read(Buffer.from('项目名称,"拨付金额\n(元)"\r\n\r\n"马营村\n产业项目",100\r\n三合镇,200\r\n', 'utf8'));
    expect(r.rows).toEqual([
      { row: 1, cells: ['项目名称', '拨付金额\n(元)'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['马营村\n产业项目', '100'] },
      { row: 6, cells: ['三合镇', '200'] },
    ]);
  });

  it('="…" (how exports keep long numbers as text for Excel) is the text inside; other text starting with = is kept', async () => {
    const r = await read(Buffer.from('身份证号,备注\n="43028119720303452X",="="\n"=""0012""",=A1+1\n', 'utf8'));
    expect(r.rows.slice(1).map((x) => x.cells)).toEqual([
      ['43028119720303452X', '='],
      ['0012', '=A1+1'],
    ]);
  });
});
