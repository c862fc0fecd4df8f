// Recognises what a ledger file really is, by its bytes and never by its name: a workbook or
// table fundgap reads (xlsx, CSV, an HTML table or Excel 2003 XML named .xls), or something it
// refuses with the advice that fits (save as .xlsx, remove the password, unpack the archive,
// pass the workbook rather than its lock file). Every refusal names the file and exits 2.

import { basename, dirname, join } from 'node:path';
import { FundgapError, t, type Bilingual, type ErrorCode } from '../errors.js';
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

const SAVE_AS_XLSX = t(
  '请用 Excel 或 WPS 打开它，另存为 .xlsx（文件 → 另存为 → Excel 工作簿 (*.xlsx)）后再运行。',
  'Open it in Excel or WPS, save it as .xlsx (文件 → 另存为 → Excel 工作簿 (*.xlsx)) and run again.',
);

const EXPORT_TABLE = t(
  '本工具只读表格文件。请从原来的系统里把这张表导出为 Excel（.xlsx）或 CSV 再运行。',
  'fundgap reads tables only: export the table to Excel (.xlsx) or CSV from the system it came from, and run again.',
);

const fail = (code: ErrorCode, path: string, message: Bilingual, hint: Bilingual): FundgapError =>
  new FundgapError(code, message, { at: { file: path }, hint });

/** The format to read the file as; anything that is not a ledger throws, saying what it is. */
export async function recogniseFile(path: string): Promise<SheetFormat> {
  const { kind, size } = await pathKind(path);
  if (kind === 'directory') throw await directoryError(path);
  if (kind !== 'file') throw fail('FILE_UNREADABLE', path, t('这不是一个文件', 'this is not a file'), EXPORT_TABLE);
  const name = basename(path);
  if (name.startsWith('~$') && size <= LOCK_FILE_MAX) throw lockFileError(path);
  if (size === 0) {
    throw fail('FILE_EMPTY', path, t('文件是空的（0 字节）', 'the file is empty (0 bytes)'), t(
      '文件可能没有保存完或没有拷贝完整，请从原来的地方重新拷贝或导出一份。',
      'It was probably not saved or copied completely: copy or export it again.',
    ));
  }
  const head = await readHeadBytes(path, HEAD_BYTES).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new FundgapError('FILE_UNREADABLE', t(`无法读取这个文件（${code}）`, `cannot read this file (${code})`), { at: { file: path }, cause: e });
  });
  const found = sniffHead(head);
  switch (found.kind) {
    case 'zip':
      return recogniseZip(path);
    case 'ole':
      throw await compoundFileError(path);
    case 'refused':
      throw fail(found.code, path, found.message, found.hint);
    case 'binary':
      throw /\.xls[xm]$/i.test(name)
        ? fail('XLSX_MALFORMED', path, t('文件名是 .xlsx，但内容不是 Excel 工作簿', 'this file is named .xlsx but is not an Excel workbook'), t(
          '文件可能已损坏或没有下载完整，请重新导出一份。',
          'It may be damaged or only partly downloaded; export it again.',
        ))
        : fail('FORMAT_UNKNOWN', path, t('无法识别这个文件的格式：它不是表格，也不是文本', 'this file is in a format fundgap does not know: it is neither a table nor text'), EXPORT_TABLE);
    default:
      return found.format;
  }
}

export type HeadVerdict =
  | { kind: 'zip' }
  | { kind: 'ole' }
  | { kind: 'binary' }
  | { kind: 'format'; format: SheetFormat }
  | { kind: 'refused'; code: 'FORMAT_NOT_SPREADSHEET' | 'FORMAT_ARCHIVE' | 'FORMAT_UNSUPPORTED' | 'FORMAT_UNKNOWN'; message: Bilingual; hint: Bilingual };

const startsWith = (head: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** What the first bytes of a non-empty file say it is. */
export function sniffHead(head: Uint8Array): HeadVerdict {
  if (startsWith(head, ascii('PK\x03\x04')) || startsWith(head, ascii('PK\x05\x06'))) return { kind: 'zip' };
  if (isCompoundFile(head)) return { kind: 'ole' };
  const notTable = (zh: string, en: string): HeadVerdict => ({ kind: 'refused', code: 'FORMAT_NOT_SPREADSHEET', message: t(zh, en), hint: EXPORT_TABLE });
  if (startsWith(head, ascii('%PDF'))) return notTable('这是 PDF 文件，不是表格', 'this is a PDF, not a table');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, ascii('GIF8'))) {
    return notTable('这是一张图片（照片或扫描件），不是表格', 'this is a picture (a photo or a scan), not a table');
  }
  const archive = startsWith(head, ascii('Rar!\x1a\x07')) ? 'RAR' : startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) ? '7z' : startsWith(head, [0x1f, 0x8b]) ? 'gzip' : undefined;
  if (archive !== undefined) {
    return {
      kind: 'refused',
      code: 'FORMAT_ARCHIVE',
      message: t(`这是 ${archive} 压缩包，不是表格`, `this is a ${archive} archive, not a table`),
      hint: t('请先解压，再把里面的台账文件（.xlsx 或 .csv）传给本工具。', 'Unpack it and pass the ledger inside (.xlsx or .csv).'),
    };
  }

  const text = headText(head);
  if (text === undefined) return { kind: 'binary' };
  const lower = text.trimStart().toLowerCase();
  if (/^mime-version:/.test(lower) && lower.includes('multipart/related')) {
    return {
      kind: 'refused',
      code: 'FORMAT_UNSUPPORTED',
      message: t('这是“单个文件网页”（.mht），不是表格文件', 'this is a single-file web page (.mht), not a table file'),
      hint: SAVE_AS_XLSX,
    };
  }
  if (lower.startsWith('<')) {
    if (/<\?mso-application[^>]*progid\s*=\s*["']excel\.sheet["']/.test(lower)
      || (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && /<([\w.-]+:)?workbook[\s>]/.test(lower))) {
      return { kind: 'format', format: 'spreadsheetml' };
    }
    if (/<(!doctype\s+html|html|head|body|meta|table|tr|td|th)[\s>/]/.test(lower)) return { kind: 'format', format: 'html' };
    if (lower.startsWith('<?xml')) {
      return {
        kind: 'refused',
        code: 'FORMAT_UNKNOWN',
        message: t('这是一个 XML 文件，但不是 Excel 2003 XML 表格', 'this is an XML file, but not an Excel 2003 XML workbook'),
        hint: EXPORT_TABLE,
      };
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
    throw fail('FORMAT_UNSUPPORTED', path, t(
      '这是 Excel 二进制工作簿（.xlsb），本工具不能读取',
      'this is an Excel binary workbook (.xlsb), which fundgap does not read',
    ), SAVE_AS_XLSX);
  }
  // An .xlsx or .xlsm; the XLSX reader says what is missing if the package is damaged.
  if (has('[Content_Types].xml') && (has('xl/workbook.xml') || names.some((n) => /^xl\//i.test(n)))) return 'xlsx';
  const mimetype = has('mimetype') ? await smallEntryText(zip, 'mimetype') : '';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
    throw fail('FORMAT_UNSUPPORTED', path, t(
      '这是 OpenDocument 表格（.ods），本工具不能读取',
      'this is an OpenDocument spreadsheet (.ods), which fundgap does not read',
    ), t(
      '请用 WPS 或 LibreOffice 打开它，另存为 .xlsx（Excel 工作簿）后再运行。',
      'Open it in WPS or LibreOffice, save it as .xlsx (Excel workbook) and run again.',
    ));
  }
  const document: Bilingual | undefined =
    has('word/document.xml') ? t('Word 文档（.docx）', 'a Word document (.docx)')
    : has('ppt/presentation.xml') ? t('PowerPoint 演示文稿（.pptx）', 'a PowerPoint presentation (.pptx)')
    : has('OFD.xml') ? t('OFD 版式文件（类似 PDF）', 'an OFD document (a fixed layout, like a PDF)')
    : mimetype.startsWith('application/vnd.oasis.opendocument') ? t('OpenDocument 文档', 'an OpenDocument document')
    : has('[Content_Types].xml') ? t('Office 文件，但里面没有工作簿', 'an Office file that holds no workbook')
    : undefined;
  if (document !== undefined) {
    throw fail('FORMAT_NOT_SPREADSHEET', path, t(`这是${document.zh}，不是表格`, `this is ${document.en}, not a table`), EXPORT_TABLE);
  }
  const files = names.filter((n) => !n.startsWith('__MACOSX/'));
  const sheets = files.filter((n) => SPREADSHEET_NAME.test(n));
  const shown = (sheets.length > 0 ? sheets : files).slice(0, LISTED);
  const more = (sheets.length > 0 ? sheets : files).length - shown.length;
  const list = shown.join('、') + (more > 0 ? ` 等 ${shown.length + more} 个` : '');
  const listEn = shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
  throw fail('FORMAT_ARCHIVE', path,
    files.length === 0
      ? t('这是一个空的 ZIP 压缩包', 'this is an empty ZIP archive')
      : t(`这是 ZIP 压缩包，里面有 ${files.length} 个文件，不是一张表格`, `this is a ZIP archive of ${files.length} ${files.length === 1 ? 'file' : 'files'}, not a table`),
    sheets.length > 0
      ? t(`请先解压，再把里面的台账文件传给本工具：${list}`, `Unpack it and pass the ledger inside: ${listEn}`)
      : t(`里面没有表格文件（${list}）。请换成台账本身（.xlsx 或 .csv）。`, `It holds no table (${listEn}); pass the ledger itself (.xlsx or .csv).`),
  );
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
    return fail('FORMAT_ENCRYPTED', path, t(
      '这个工作簿设了打开密码，无法读取',
      'this workbook is password-protected, so it cannot be read',
    ), t(
      '请用 Excel 或 WPS 打开它（输入密码），去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码；WPS：文件 → 文档加密），保存后再运行。',
      'Open it in Excel or WPS (with the password), remove the password (文件 → 信息 → 保护工作簿 / 加密: clear it; WPS: 文件 → 文档加密), save, and run again.',
    ));
  }
  if (has('Workbook') || has('Book') || wps) {
    return fail('FORMAT_UNSUPPORTED', path, wps
      ? t('这是 WPS 表格的 .et 文件，本工具不能读取', 'this is a WPS spreadsheet (.et), which fundgap does not read')
      : t('这是 Excel 97-2003 工作簿（.xls），本工具不能读取', 'this is an Excel 97-2003 workbook (.xls), which fundgap does not read'), SAVE_AS_XLSX);
  }
  if (has('WordDocument')) {
    return fail('FORMAT_NOT_SPREADSHEET', path, t('这是 Word 97-2003 文档（.doc 或 WPS 文字），不是表格', 'this is a Word 97-2003 document (.doc, or WPS Writer), not a table'), EXPORT_TABLE);
  }
  if (has('PowerPoint Document')) {
    return fail('FORMAT_NOT_SPREADSHEET', path, t('这是 PowerPoint 97-2003 演示文稿（.ppt），不是表格', 'this is a PowerPoint 97-2003 presentation (.ppt), not a table'), EXPORT_TABLE);
  }
  return fail('FORMAT_UNKNOWN', path,
    names === undefined
      ? t('这是一个已损坏的 Office 97-2003 格式文件（目录无法读取）', 'this is a damaged Office 97-2003 file (its directory cannot be read)')
      : t('这是 Office 97-2003 格式的文件，但里面没有工作簿', 'this is an Office 97-2003 file that holds no workbook'),
    t(
      '如果 Excel 或 WPS 能打开它，请另存为 .xlsx 后再运行；否则请重新导出一份。',
      'If Excel or WPS opens it, save it as .xlsx and run again; otherwise ask for a fresh export.',
    ));
}

function lockFileError(path: string): FundgapError {
  const workbook = join(dirname(path), basename(path).slice(2));
  return fail('FORMAT_LOCK_FILE', path, t(
    '这是 Excel 或 WPS 打开工作簿时留下的锁定文件（~$ 开头），不是工作簿本身',
    'this is the lock file Excel or WPS leaves while a workbook is open (its name starts with ~$), not the workbook',
  ), t(
    `请改用工作簿本身（很可能是 ${workbook}）；锁定文件在关闭工作簿后会自动消失。`,
    `Pass the workbook itself (probably ${workbook}); the lock file goes away when the workbook is closed.`,
  ));
}

async function directoryError(path: string): Promise<FundgapError> {
  const files = (await listDirectory(path, 1000)).filter((n) => SPREADSHEET_NAME.test(n) && !n.startsWith('~$'));
  const shown = files.slice(0, LISTED).map((n) => join(path, n));
  const more = files.length - shown.length;
  return fail('FILE_IS_DIRECTORY', path, t('这是一个文件夹，不是台账文件', 'this is a folder, not a ledger file'), files.length === 0
    ? t('请传入文件夹里的台账文件（.xlsx 或 .csv）；这个文件夹里没有表格文件。', 'Pass a ledger file (.xlsx or .csv); this folder holds none.')
    : t(
      `请传入其中的一个台账文件，例如：${shown.join('、')}${more > 0 ? ` 等 ${files.length} 个` : ''}`,
      `Pass one of the ledger files in it: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    ));
}
