// What a file really is, decided by its bytes: the formats read, and each kind of file that is
// refused with its own code (so its own way out), naming the file.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { recogniseFile, sniffHead } from '../../src/sheets/detect.js';
import { openSheet } from '../../src/sheets/open.js';
import { tempDir } from '../helpers.js';

const K = 'fixtures/file-kinds';

async function failure(p: Promise<unknown>): Promise<FundgapError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FundgapError) return e;
    throw e;
  }
  throw new Error('expected a FundgapError');
}

describe('formats that are read, whatever the name says', () => {
  it.each([
    ['fixtures/html-as-xls/allocated.xls', 'html'],
    ['fixtures/html-as-xls/disbursed.xls', 'html'],
    ['fixtures/spreadsheetml-as-xls/allocated.xls', 'spreadsheetml'],
    [`${K}/tab-separated.xls`, 'csv'],
    ['fixtures/xlsx-cells/allocated.xlsx', 'xlsx'],
    ['fixtures/every-status/allocated.csv', 'csv'],
  ])('%s is %s', async (path, format) => {
    expect(await recogniseFile(path)).toBe(format);
  });

  it('a tab-separated text export named .xls is read as text, with its delimiter and encoding', async () => {
    const s = await openSheet(`${K}/tab-separated.xls`);
    expect([s.format, s.delimiter, s.encoding?.encoding]).toEqual(['csv', '\t', 'gb18030']);
  });
});

describe('files refused, each with the code that says what to do', () => {
  it.each([
    ['old-excel-97.xls', 'FORMAT_UNSUPPORTED', /Excel 97-2003 workbook \(\.xls\)/],
    ['wps-sheet.et', 'FORMAT_UNSUPPORTED', /WPS spreadsheet \(\.et\)/],
    ['binary-workbook.xlsb', 'FORMAT_UNSUPPORTED', /\.xlsb/],
    ['opendocument.ods', 'FORMAT_UNSUPPORTED', /\.ods/],
    ['single-file-web-page.mht', 'FORMAT_UNSUPPORTED', /\.mht/],
    ['password-protected.xlsx', 'FORMAT_ENCRYPTED', /password-protected/],
    ['scanned-table.pdf', 'FORMAT_NOT_SPREADSHEET', /PDF/],
    ['photo-of-table.jpg', 'FORMAT_NOT_SPREADSHEET', /picture/],
    ['word-document.docx', 'FORMAT_NOT_SPREADSHEET', /Word document/],
    ['old-word-97.doc', 'FORMAT_NOT_SPREADSHEET', /Word 97-2003/],
    ['zipped-folder.zip', 'FORMAT_ARCHIVE', /ZIP archive of 3 files/],
    ['~$分配表.xlsx', 'FORMAT_LOCK_FILE', /lock file/],
    ['empty.csv', 'FILE_EMPTY', /empty/],
    ['damaged.xlsx', 'XLSX_MALFORMED', /not an Excel workbook/],
    ['web-page-no-table.xls', 'SHEET_NOT_FOUND', /web page \(HTML\) that holds no table/],
  ])('%s: %s', async (name, code, message) => {
    const path = join(K, name);
    const e = await failure(openSheet(path));
    expect([e.code, e.at]).toEqual([code, { file: path }]);
    expect(e.message).toMatch(message);
  });

  it('an encrypted workbook is told apart from an old .xls by the streams it holds, not called one', async () => {
    const locked = await failure(openSheet(`${K}/password-protected.xlsx`));
    const old = await failure(openSheet(`${K}/old-excel-97.xls`));
    expect([locked.code, old.code]).toEqual(['FORMAT_ENCRYPTED', 'FORMAT_UNSUPPORTED']);
    // The advice is the point: remove the password, where Excel and WPS keep it.
    expect(locked.bilingual.hint?.zh).toMatch(/去掉密码.*文件 → 信息 → 保护工作簿/);
    expect(old.bilingual.hint?.zh).toContain('另存为 .xlsx');
  });

  it('a zipped folder says which ledgers it holds (names written in GBK, as Windows zips them)', async () => {
    const e = await failure(openSheet(`${K}/zipped-folder.zip`));
    expect(e.hint).toBe('Unpack it and pass the ledger inside: 2019年台账/分配表.xlsx, 2019年台账/拨付.csv, 2019年台账/说明.txt');
  });

  it('a lock file points to the workbook it stands for', async () => {
    const e = await failure(openSheet(`${K}/~$分配表.xlsx`));
    expect(e.hint).toContain(join(K, '分配表.xlsx'));
  });

  it('a folder lists the ledger files inside it', async () => {
    const dir = tempDir();
    for (const f of ['分配表.xlsx', '拨付.csv', '~$分配表.xlsx', 'notes.docx']) writeFileSync(join(dir, f), 'x');
    mkdirSync(join(dir, '旧版'));
    const e = await failure(openSheet(dir));
    expect([e.code, e.at]).toEqual(['FILE_IS_DIRECTORY', { file: dir }]);
    expect(e.hint).toBe(`Pass one of the ledger files in it: ${join(dir, '分配表.xlsx')}, ${join(dir, '拨付.csv')}`);
  });

  it('a missing file is still FILE_NOT_FOUND', async () => {
    expect((await failure(openSheet(`${K}/nowhere.xls`))).code).toBe('FILE_NOT_FOUND');
  });
});

describe('the first bytes', () => {
  const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));
  const kind = (head: Buffer) => {
    const v = sniffHead(head);
    return v.kind === 'format' ? v.format : v.kind === 'refused' ? v.refusal.code : v.kind;
  };

  it.each([
    ['Rar!\x1a\x07\x01\x00', 'FORMAT_ARCHIVE'],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4], 'FORMAT_ARCHIVE'],
    [[0x1f, 0x8b, 8, 0], 'FORMAT_ARCHIVE'],
    ['\x89PNG\r\n\x1a\n', 'FORMAT_NOT_SPREADSHEET'],
    ['<?xml version="1.0"?><note><to>x</to></note>', 'FORMAT_UNKNOWN'],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html xmlns="http://www.w3.org/1999/xhtml">', 'html'],
    ['\r\n\r\n  <TABLE border=1><TR><TD>a</TD></TR></TABLE>', 'html'],
    ['<?xml version="1.0"?>\n<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">', 'spreadsheetml'],
    ['<1000元,项目\n', 'csv'],
    ['项目名称,金额\n', 'csv'],
    [[0x00, 0x01, 0x02, 0x03, 0x41], 'binary'],
  ])('%j is %s', (head, expected) => {
    expect(kind(b(head))).toBe(expected);
  });

  it('reads a UTF-16 page (with its byte-order mark) as HTML', () => {
    expect(kind(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><table>', 'utf16le')]))).toBe('html');
  });
});

describe('the OLE directory is read with bounds, not trusted', () => {
  const header = (dirSector: number, fatSector: number) => {
    const h = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(h);
    h.writeUInt16LE(3, 26);
    h.writeUInt16LE(9, 30);
    h.writeUInt32LE(1, 44);
    h.writeUInt32LE(dirSector, 48);
    h.writeUInt32LE(0xfffffffe, 68);
    for (let i = 0; i < 109; i++) h.writeUInt32LE(i === 0 ? fatSector : 0xffffffff, 76 + i * 4);
    return h;
  };

  it('a directory chain that loops back on itself ends; its names are still read', async () => {
    const fat = Buffer.alloc(512, 0xff);
    fat.writeUInt32LE(0xfffffffd, 0);
    fat.writeUInt32LE(1, 4); // sector 1 -> sector 1, forever
    const dir = Buffer.alloc(512);
    const name = Buffer.from('Workbook\0', 'utf16le');
    name.copy(dir, 0);
    dir.writeUInt16LE(name.length, 64);
    dir[66] = 2;
    const path = join(tempDir(), 'loop.xls');
    writeFileSync(path, Buffer.concat([header(1, 0), fat, dir]));
    expect((await failure(openSheet(path))).code).toBe('FORMAT_UNSUPPORTED');
  });

  it('a directory that points past the end of the file is a damaged file, not an .xls', async () => {
    const path = join(tempDir(), 'cut.xls');
    writeFileSync(path, header(9999, 0));
    const e = await failure(openSheet(path));
    expect([e.code, e.message]).toEqual(['FORMAT_UNKNOWN', 'this is a damaged Office 97-2003 file (its directory cannot be read)']);
  });
});
