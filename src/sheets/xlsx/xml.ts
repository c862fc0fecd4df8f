// Drives saxes over a streamed package part and turns its failures into errors a person can act
// on. Handlers see local element names (prefixes stripped: some writers emit <x:row>) and
// attributes with entities already decoded. It never holds a whole part in memory.

import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FundgapError, t } from '../../errors.js';
import type { ZipArchive, ZipEntry } from './zip.js';

export type Attributes = Record<string, string>;

export interface XmlHandlers {
  open(name: string, attrs: Attributes): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** 'x:row' -> 'row'. Element names are compared without their namespace prefix. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** A fresh non-validating parser wired to the handlers; position tracking off, for speed. */
export function createParser(h: XmlHandlers): SaxesParser<{ xmlns: false; position: false }> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => h.open(localName(tag.name), tag.attributes));
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  return parser;
}

/**
 * Byte chunks to text, keeping a multibyte character that straddles two chunks whole.
 * A UTF-8 byte-order mark is left for saxes, which skips it.
 */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const s = decoder.write(chunk);
    if (s.length > 0) yield s;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * A copy of `s` that does not keep the parser's input alive. V8 returns a substring of 13 or
 * more characters as a view into its parent, so one kept cell value (an ID number, a name in
 * the shared-string table) would pin its whole chunk of the part; shorter ones are copies.
 * UTF-16 in and out, so even a lone surrogate survives.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The way past a damaged workbook. */
export const RESAVE = t(
  '请用 Excel 或 WPS 打开文件重新保存一次；如果还不行，请重新导出一份。',
  'open the file in Excel or WPS and save it again; if that fails, ask for a fresh export',
);

export function xmlError(part: string, displayName: string, cause: unknown, sheet?: string, row?: number): FundgapError {
  const what = sheet === undefined
    ? t(`内部文件 ${part}`, `part ${part}`)
    : t(`工作表“${sheet}”（内部文件 ${part}）`, `sheet "${sheet}" (part ${part})`);
  const where = row === undefined ? t('', '') : t(`在第 ${row} 行附近`, ` near row ${row}`);
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FundgapError('XLSX_MALFORMED', t(
    `.xlsx 文件已损坏：${what.zh}${where.zh}的 XML 格式有误（${detail}）`,
    `the .xlsx file is damaged: ${what.en} is not well-formed XML${where.en} (${detail})`,
  ), {
    at: { file: displayName, sheet, row },
    cause,
    hint: RESAVE,
  });
}

/** Adds the sheet to an error raised below the sheet level (a damaged ZIP entry, say). */
export function inSheet(e: FundgapError, sheet: string): FundgapError {
  if (e.at === undefined || e.at.sheet !== undefined) return e;
  return new FundgapError(e.code, e.bilingual.message, { at: { ...e.at, sheet }, text: e.text, hint: e.bilingual.hint, cause: e.cause });
}

/** Parses a whole part in one pass: workbook, relationships, styles, shared strings. */
export async function parsePart(zip: ZipArchive, entry: ZipEntry, displayName: string, h: XmlHandlers): Promise<void> {
  const parser = createParser(h);
  try {
    for await (const text of utf8Chunks(zip.chunks(entry))) parser.write(text);
    parser.close();
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    throw xmlError(entry.name, displayName, e);
  }
}
