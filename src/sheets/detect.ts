// Recognises what a ledger file really is, by its bytes and never by its name: a workbook or
// table fundgap reads (xlsx, CSV, an HTML table or Excel 2003 XML named .xls), or something it
// refuses with the advice that fits (save as .xlsx, remove the password, unpack the archive,
// pass the workbook rather than its lock file). Every refusal names the file and exits 2.

import { basename, dirname, join } from 'node:path';
import { FundgapError, type Failure } from '../errors.js';
import { listDirectory, pathKind, readHeadBytes, withRandomAccess } from '../io/files.js';
import { compoundFileNames, isCompoundFile } from './cfb.js';
import type { SheetFormat } from './types.js';
import { openZip, type ZipArchive } from './xlsx/zip.js';

/** How much of the file's start is looked at. */
const HEAD_BYTES = 8192;
/** Excel's and WPS's lock files are 162–171 bytes; a real ledger named ~$… is far larger. */
const LOCK_FILE_MAX = 4096;
/** Names listed when saying what a folder or archive holds. */
const LISTED = 6;

type Refusal = Extract<Failure, { code: 'FILE_UNREADABLE' | 'FILE_EMPTY' | 'FORMAT_UNKNOWN' | 'FORMAT_UNSUPPORTED' | 'FORMAT_ENCRYPTED' | 'FORMAT_NOT_SPREADSHEET' | 'FORMAT_ARCHIVE' | 'FORMAT_LOCK_FILE' | 'FILE_IS_DIRECTORY' | 'XLSX_MALFORMED' }>;
/** A refusal of the file as a whole: what it is, without the location every one shares. */
export type FileRefusal = Refusal extends infer R ? (R extends Refusal ? Omit<R, 'at'> : never) : never;

const fail = (path: string, refusal: FileRefusal): FundgapError => new FundgapError({ ...refusal, at: { file: path } } as Failure);

/** The format to read the file as; anything that is not a ledger throws, saying what it is. */
export async function recogniseFile(path: string): Promise<SheetFormat> {
  const { kind, size } = await pathKind(path);
  if (kind === 'directory') throw await directoryError(path);
  if (kind !== 'file') throw fail(path, { code: 'FILE_UNREADABLE' });
  const name = basename(path);
  if (name.startsWith('~$') && size <= LOCK_FILE_MAX) throw lockFileError(path);
  if (size === 0) {
    throw fail(path, { code: 'FILE_EMPTY' });
  }
  const head = await readHeadBytes(path, HEAD_BYTES).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new FundgapError({ code: 'FILE_UNREADABLE', at: { file: path }, errno: code }, { cause: e });
  });
  const found = sniffHead(head);
  switch (found.kind) {
    case 'zip':
      return recogniseZip(path);
    case 'ole':
      throw await compoundFileError(path);
    case 'refused':
      throw fail(path, found.refusal);
    case 'binary':
      throw /\.xls[xm]$/i.test(name)
        ? fail(path, { code: 'XLSX_MALFORMED', problem: 'not-xlsx-bytes' })
        : fail(path, { code: 'FORMAT_UNKNOWN', what: 'binary' });
    default:
      return found.format;
  }
}

export type HeadVerdict =
  | { kind: 'zip' }
  | { kind: 'ole' }
  | { kind: 'binary' }
  | { kind: 'format'; format: SheetFormat }
  | { kind: 'refused'; refusal: FileRefusal };

const startsWith = (head: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** What the first bytes of a non-empty file say it is. */
export function sniffHead(head: Uint8Array): HeadVerdict {
  if (startsWith(head, ascii('PK\x03\x04')) || startsWith(head, ascii('PK\x05\x06'))) return { kind: 'zip' };
  if (isCompoundFile(head)) return { kind: 'ole' };
  const notTable = (what: 'pdf' | 'picture'): HeadVerdict => ({ kind: 'refused', refusal: { code: 'FORMAT_NOT_SPREADSHEET', what } });
  if (startsWith(head, ascii('%PDF'))) return notTable('pdf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, ascii('GIF8'))) {
    return notTable('picture');
  }
  const archive = startsWith(head, ascii('Rar!\x1a\x07')) ? 'RAR' : startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) ? '7z' : startsWith(head, [0x1f, 0x8b]) ? 'gzip' : undefined;
  if (archive !== undefined) {
    return { kind: 'refused', refusal: { code: 'FORMAT_ARCHIVE', archive } };
  }

  const text = headText(head);
  if (text === undefined) return { kind: 'binary' };
  const lower = text.trimStart().toLowerCase();
  if (/^mime-version:/.test(lower) && lower.includes('multipart/related')) {
    return { kind: 'refused', refusal: { code: 'FORMAT_UNSUPPORTED', what: 'mht' } };
  }
  if (lower.startsWith('<')) {
    if (/<\?mso-application[^>]*progid\s*=\s*["']excel\.sheet["']/.test(lower)
      || (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && /<([\w.-]+:)?workbook[\s>]/.test(lower))) {
      return { kind: 'format', format: 'spreadsheetml' };
    }
    if (/<(!doctype\s+html|html|head|body|meta|table|tr|td|th)[\s>/]/.test(lower)) return { kind: 'format', format: 'html' };
    if (lower.startsWith('<?xml')) {
      return { kind: 'refused', refusal: { code: 'FORMAT_UNKNOWN', what: 'xml' } };
    }
  }
  return { kind: 'format', format: 'csv' };
}

/**
 * The start of the file as text (lower ASCII is what the checks look for, so UTF-8 and GBK
 * read alike as latin1), or undefined when the bytes are not text: a NUL, or more than one in
 * fifty bytes a control character no text file holds.
 */
function headText(head: Uint8Array): string | undefined {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  let controls = 0;
  for (const b of buf) {
    if (b === 0) return undefined;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a && b !== 0x1b) controls++;
  }
  if (controls * 50 > buf.length) return undefined;
  return buf.toString('latin1');
}

const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|csv|txt|et|htm|html|xml)$/i;

async function recogniseZip(path: string): Promise<SheetFormat> {
  const zip = await openZip(path, path);
  const names = zip.names();
  const has = (name: string) => zip.entry(name) !== undefined;
  if (has('xl/workbook.bin')) {
    throw fail(path, { code: 'FORMAT_UNSUPPORTED', what: 'xlsb' });
  }
  // An .xlsx or .xlsm; the XLSX reader says what is missing if the package is damaged.
  if (has('[Content_Types].xml') && (has('xl/workbook.xml') || names.some((n) => /^xl\//i.test(n)))) return 'xlsx';
  const mimetype = has('mimetype') ? await smallEntryText(zip, 'mimetype') : '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    throw fail(path, { code: 'FORMAT_UNSUPPORTED', what: 'ods' });
  }
  const document =
    has('word/document.xml') ? 'docx' as const
    : has('ppt/presentation.xml') ? 'pptx' as const
    : has('OFD.xml') ? 'ofd' as const
    : mimetype.startsWith('application/vnd.oasis.opendocument') ? 'opendocument' as const
    : has('[Content_Types].xml') ? 'office' as const
    : undefined;
  if (document !== undefined) throw fail(path, { code: 'FORMAT_NOT_SPREADSHEET', what: document });
  const files = names.filter((n) => !n.startsWith('__MACOSX/'));
  const sheets = files.filter((n) => SPREADSHEET_NAME.test(n));
  const shown = (sheets.length > 0 ? sheets : files).slice(0, LISTED);
  const more = (sheets.length > 0 ? sheets : files).length - shown.length;
  throw fail(path, { code: 'FORMAT_ARCHIVE', archive: 'ZIP', files: files.length, listed: { names: shown, more, tables: sheets.length > 0 } });
}

async function smallEntryText(zip: ZipArchive, name: string): Promise<string> {
  const entry = zip.entry(name);
  if (!entry || entry.uncompressedSize > 1024) return '';
  const parts: Buffer[] = [];
  for await (const chunk of zip.chunks(entry)) parts.push(chunk);
  return Buffer.concat(parts).toString('latin1').trim();
}

/** An OLE compound file: an old .xls or .et, an encrypted .xlsx, or an old Word file. */
async function compoundFileError(path: string): Promise<FundgapError> {
  const names = await withRandomAccess(path, compoundFileNames);
  const has = (n: string) => names?.some((x) => x.toLowerCase() === n.toLowerCase()) === true;
  const wps = /\.(et|ett)$/i.test(path);
  if (has('EncryptedPackage') || has('EncryptionInfo')) {
    return fail(path, { code: 'FORMAT_ENCRYPTED' });
  }
  if (has('Workbook') || has('Book') || wps) {
    return fail(path, { code: 'FORMAT_UNSUPPORTED', what: wps ? 'et' : 'xls' });
  }
  if (has('WordDocument')) {
    return fail(path, { code: 'FORMAT_NOT_SPREADSHEET', what: 'doc' });
  }
  if (has('PowerPoint Document')) {
    return fail(path, { code: 'FORMAT_NOT_SPREADSHEET', what: 'ppt' });
  }
  return fail(path, { code: 'FORMAT_UNKNOWN', what: names === undefined ? 'ole-damaged' : 'ole-other' });
}

function lockFileError(path: string): FundgapError {
  const workbook = join(dirname(path), basename(path).slice(2));
  return fail(path, { code: 'FORMAT_LOCK_FILE', workbook });
}

async function directoryError(path: string): Promise<FundgapError> {
  const files = (await listDirectory(path, 1000)).filter((n) => SPREADSHEET_NAME.test(n) && !n.startsWith('~$'));
  const shown = files.slice(0, LISTED).map((n) => join(path, n));
  return fail(path, { code: 'FILE_IS_DIRECTORY', ledgers: shown, count: files.length });
}
