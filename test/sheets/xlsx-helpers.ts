// Test helpers for the XLSX reader: a tiny ZIP writer (for workbook shapes exceljs cannot
// produce), a minimal package builder around hand-written sheet XML, and row collectors.

import { writeFileSync } from 'node:fs';
import { tempDir as makeTempDir } from '../helpers.js';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { XlsxBook } from '../../src/sheets/xlsx/read-xlsx.js';
import type { Cell, RawRow } from '../../src/sheets/types.js';

export function tempDir(): string {
  return makeTempDir('fundgap-xlsx-');
}

export interface ZipPart {
  name: string;
  data: string | Buffer;
  /** Store uncompressed (method 0) instead of deflating. */
  store?: boolean;
  /** The uncompressed size the headers claim, when it should not be the true one. */
  claimedSize?: number;
}

/** Writes a ZIP archive; with `zip64`, its directory uses the ZIP64 records and extra fields. */
export function writeZip(path: string, parts: ZipPart[], options: { zip64?: boolean } = {}): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const data = part.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(part.claimedSize ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(raw.length), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : data.length, 20);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : (part.claimedSize ?? raw.length), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(parts.length), 24);
    rec.writeBigUInt64LE(BigInt(parts.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(rec, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  writeFileSync(path, Buffer.concat([...locals, cd, ...tail, eocd]));
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A worksheet part around the given <sheetData> content and what follows it (merges...). */
export function worksheet(sheetData: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

export interface HandSheet {
  name: string;
  /** The whole worksheet part (see worksheet()). */
  xml: string;
  state?: 'hidden' | 'veryHidden';
  /** Where the part lives; default xl/worksheets/sheetN.xml in tab order. */
  part?: string;
  /** The relationship target as the workbook writes it; default relative to xl/. */
  target?: string;
}

export interface HandBook {
  sheets: HandSheet[];
  /** The <si> items of the shared-string table, as XML. */
  sharedStrings?: string[];
  /** The whole styles part. */
  styles?: string;
  date1904?: boolean;
  /** Extra parts, or replacements (an undefined data drops the part). */
  parts?: Record<string, string | undefined>;
  /** Uncompressed sizes the ZIP headers claim for some parts, when they should lie. */
  claimedSizes?: Record<string, number>;
}

/** Builds a minimal .xlsx package from hand-written parts and returns its path. */
export function writeHandBook(dir: string, file: string, book: HandBook): string {
  const parts: Record<string, string | undefined> = {};
  parts['[Content_Types].xml'] =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>';
  parts['_rels/.rels'] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const rels: string[] = [];
  const sheetTags: string[] = [];
  book.sheets.forEach((s, i) => {
    const part = s.part ?? `xl/worksheets/sheet${i + 1}.xml`;
    const target = s.target ?? part.replace(/^xl\//, '');
    rels.push(`<Relationship Id="rIdS${i}" Type="${REL_NS}/worksheet" Target="${target}"/>`);
    sheetTags.push(`<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rIdS${i}"/>`);
    parts[part] = s.xml;
  });
  if (book.sharedStrings) {
    rels.push(`<Relationship Id="rIdSST" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
    parts['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}" count="${book.sharedStrings.length}" uniqueCount="${book.sharedStrings.length}">` +
      `${book.sharedStrings.join('')}</sst>`;
  }
  if (book.styles) {
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="styles.xml"/>`);
    parts['xl/styles.xml'] = book.styles;
  }
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `${book.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${sheetTags.join('')}</sheets></workbook>`;
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  Object.assign(parts, book.parts);

  const path = join(dir, file);
  writeZip(path, Object.entries(parts).flatMap(([name, data]) => (data === undefined ? [] : [{ name, data, claimedSize: book.claimedSizes?.[name] }])));
  return path;
}

/** A row in a form toEqual can compare and a failure message can show. */
export interface PlainRow {
  row: number;
  cells: Cell[];
  hidden?: true;
  covered?: number[];
  formulas?: Record<number, string>;
}

export function plain(r: RawRow): PlainRow {
  const out: PlainRow = { row: r.row, cells: [...r.cells] };
  if (r.hidden) out.hidden = true;
  if (r.covered) out.covered = [...r.covered].sort((a, b) => a - b);
  if (r.formulas) out.formulas = Object.fromEntries(r.formulas);
  return out;
}

export async function readRows(book: XlsxBook, sheet: string): Promise<PlainRow[]> {
  const rows: PlainRow[] = [];
  for await (const r of book.rows(sheet)) rows.push(plain(r));
  return rows;
}

/** Shorthands for expected cells. */
export const text = (v: string): Cell => ({ t: 'text', v });
export const num = (v: string): Cell => ({ t: 'number', v });
export const date = (v: string, serial: string): Cell => ({ t: 'date', v, serial });
export const empty: Cell = { t: 'empty' };
