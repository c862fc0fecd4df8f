// A minimal ZIP reader for XLSX packages: reads the central directory once, then streams one
// entry at a time through zlib so a 100 MB worksheet never sits in memory, counting the
// inflated bytes against a limit as they come. It does not verify CRCs, handle encryption or
// multi-disk archives; zlib's own checks catch corrupt deflate data.

import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, pipeline } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import iconv from 'iconv-lite';
import { FundgapError, t, type Bilingual } from '../../errors.js';
import { DEFAULT_LIMITS, partTooLarge } from './limits.js';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  /** Looks a part up by name, ignoring case: OPC part names are case-insensitive. */
  entry(name: string): ZipEntry | undefined;
  /**
   * The entry's uncompressed bytes, streamed; stopping the iteration early releases the file.
   * Throws XLSX_PART_TOO_LARGE as soon as the entry declares or inflates past the limit.
   */
  chunks(entry: ZipEntry): AsyncGenerator<Buffer>;
  /** Every file entry's name, in directory order (folders left out). */
  names(): string[];
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
/** The EOCD record plus the longest comment it may carry. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Inflate in larger pieces than zlib's 16 KB default: fewer chunks, fewer parser calls. */
const INFLATE_CHUNK = 64 * 1024;
/**
 * How far inflating may run ahead of the reader. zlib works on the thread pool, so on a
 * multi-core machine it inflates the next megabyte while the reader parses this one.
 */
const READ_AHEAD = 1024 * 1024;

export async function openZip(path: string, displayName: string, maxPartBytes = DEFAULT_LIMITS.maxPartBytes): Promise<ZipArchive> {
  const fh = await openFile(path, displayName);
  try {
    const entries = await readDirectory(fh, displayName);
    return new Archive(path, displayName, entries, maxPartBytes);
  } catch (e) {
    throw e instanceof FundgapError ? e : unreadable(e, displayName);
  } finally {
    await fh.close();
  }
}

async function openFile(path: string, displayName: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(e, displayName);
    throw new FundgapError('FILE_NOT_FOUND', t('找不到这个文件', 'file not found'), { at: { file: displayName }, cause: e });
  }
}

function unreadable(e: unknown, displayName: string): FundgapError {
  const why = (e as NodeJS.ErrnoException).code ?? String(e);
  return new FundgapError('FILE_UNREADABLE', t(`无法读取这个文件（${why}）`, `cannot read the file (${why})`), { at: { file: displayName }, cause: e });
}

/** Checks the file is a ZIP (and says what it is if not), then lists its entries by name. */
async function readDirectory(fh: FileHandle, displayName: string): Promise<Map<string, ZipEntry>> {
  const malformed = (message: Bilingual, hint?: Bilingual): FundgapError =>
    new FundgapError('XLSX_MALFORMED', message, { at: { file: displayName }, hint });

  const size = (await fh.stat()).size;
  if (size === 0) throw malformed(t('文件是空的', 'the file is empty'), t('请从原来的地方重新拷贝一份。', 'copy the file again from its source'));
  const head = await readAt(fh, 0, Math.min(size, 512));
  if (head.subarray(0, 8).equals(OLE_SIGNATURE)) {
    if (await isEncryptedPackage(fh, head)) {
      throw malformed(t('这个工作簿设了密码，无法读取', 'this workbook is password-protected, so it cannot be read'), t(
        '请在 Excel 或 WPS 中打开它，去掉密码（文件 → 信息 → 保护工作簿 / 文档加密）后再保存。',
        'open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 / 文档加密) and save it again',
      ));
    }
    throw malformed(t('这是 Excel 97-2003 的 .xls 文件，不是 .xlsx 文件', 'this is an Excel 97-2003 .xls file, not an .xlsx file'), t(
      '请另存为 .xlsx（Excel：另存为 → Excel 工作簿 (*.xlsx)；WPS：另存为 → .xlsx）。',
      'save it as .xlsx (Excel: 另存为 → Excel 工作簿 (*.xlsx); WPS: 另存为 → .xlsx)',
    ));
  }
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) {
    throw malformed(t('这不是 .xlsx 文件（不是 ZIP 压缩格式）', 'this is not an .xlsx file (it is not a ZIP archive)'), t(
      '请检查文件：Excel 或 WPS 保存的 .xlsx 文件以 "PK" 开头；改了扩展名的 CSV 或网页文件不是工作簿。',
      'check the file: an .xlsx saved by Excel or WPS starts with "PK"; a renamed CSV or HTML file is not a workbook',
    ));
  }

  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = await readAt(fh, tailStart, size - tailStart);
  const eocd = lastIndexOfSig(tail, SIG_EOCD, tail.length - EOCD_SIZE);
  if (eocd < 0) {
    throw malformed(t('.xlsx 文件不完整或已损坏（末尾没有 ZIP 目录）', 'the .xlsx file is truncated or damaged (no ZIP directory at its end)'), t(
      '请从原来的地方重新拷贝一份；文件很可能在传输中被截断了。',
      'copy the file again from its source; it was probably cut short in transfer',
    ));
  }
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the real values live in the ZIP64 end record, found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== SIG_EOCD64_LOCATOR) {
      throw malformed(t('.xlsx 文件已损坏（ZIP64 目录有误）', 'the .xlsx file uses a damaged ZIP64 directory'));
    }
    const rec = await readAt(fh, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== SIG_EOCD64) {
      throw malformed(t('.xlsx 文件已损坏（ZIP64 目录有误）', 'the .xlsx file uses a damaged ZIP64 directory'));
    }
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) {
    throw malformed(t('.xlsx 文件不完整或已损坏（ZIP 目录指到了文件末尾之外）', 'the .xlsx file is truncated or damaged (its ZIP directory points past the end)'));
  }

  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) {
      throw malformed(t('.xlsx 文件已损坏（ZIP 目录有误）', 'the .xlsx file is damaged (its ZIP directory is corrupt)'));
    }
    const { entry, next } = readCentralEntry(cd, p, malformed);
    if (!entry.name.endsWith('/')) entries.set(entry.name.toLowerCase(), entry);
    p = next;
  }
  return entries;
}

/** One central directory record at `p`: the entry, and where the next record starts. */
function readCentralEntry(cd: Buffer, p: number, malformed: (message: Bilingual) => FundgapError): { entry: ZipEntry; next: number } {
  const method = cd.readUInt16LE(p + 10);
  let compressedSize = cd.readUInt32LE(p + 20);
  let uncompressedSize = cd.readUInt32LE(p + 24);
  const nameLen = cd.readUInt16LE(p + 28);
  const extraLen = cd.readUInt16LE(p + 30);
  const commentLen = cd.readUInt16LE(p + 32);
  let localHeaderOffset = cd.readUInt32LE(p + 42);
  // Part names in an xlsx are ASCII, which every encoding below agrees on. Other archives
  // (a zipped folder of ledgers) made on a Chinese Windows write their names in GBK without
  // flag bit 11 (UTF-8 names); those are only ever shown to the user.
  const name = entryName(cd.subarray(p + 46, p + 46 + nameLen), (cd.readUInt16LE(p + 8) & 0x0800) !== 0).replace(/\\/g, '/');
  const extraEnd = p + 46 + nameLen + extraLen;
  for (let x = p + 46 + nameLen; x + 4 <= extraEnd;) {
    const id = cd.readUInt16LE(x);
    const len = cd.readUInt16LE(x + 2);
    if (id === 0x0001) {
      // ZIP64 extra field: only the values saturated in the fixed header appear, in this order.
      const end = Math.min(x + 4 + len, extraEnd);
      let q = x + 4;
      const next = (): number => {
        if (q + 8 > end) throw malformed(t('.xlsx 文件已损坏（ZIP64 目录有误）', 'the .xlsx file is damaged (its ZIP64 directory is corrupt)'));
        q += 8;
        return Number(cd.readBigUInt64LE(q - 8));
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
    }
    x += 4 + len;
  }
  return { entry: { name, method, compressedSize, uncompressedSize, localHeaderOffset }, next: extraEnd + commentLen };
}

class Archive implements ZipArchive {
  constructor(
    private readonly path: string,
    private readonly displayName: string,
    private readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly maxPartBytes: number,
  ) {}

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name.replace(/^\//, '').toLowerCase());
  }

  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  async *chunks(entry: ZipEntry): AsyncGenerator<Buffer> {
    const damaged = (why: Bilingual, cause?: unknown): FundgapError =>
      new FundgapError('XLSX_MALFORMED', t(
        `.xlsx 文件已损坏：内部文件 ${entry.name} 的${why.zh}`,
        `the .xlsx file is damaged: ${why.en} in part ${entry.name}`,
      ), {
        at: { file: this.displayName },
        cause,
        hint: t(
          '请从原来的地方重新拷贝一份，或用 Excel 或 WPS 打开后重新保存一次。',
          'copy the file again from its source, or open it in Excel or WPS and save it again',
        ),
      });

    if (entry.method !== 0 && entry.method !== 8) throw damaged(t(`压缩方式（${entry.method}）不受支持`, `unsupported compression method ${entry.method}`));
    // The directory's size may lie, so the bytes are counted below too; an honest bomb stops here.
    if (entry.uncompressedSize > this.maxPartBytes) throw partTooLarge(this.displayName, entry.name, this.maxPartBytes, entry.uncompressedSize);
    const fh = await openFile(this.path, this.displayName);
    let header: Buffer;
    try {
      header = await readAt(fh, entry.localHeaderOffset, 30);
    } catch (e) {
      throw unreadable(e, this.displayName);
    } finally {
      await fh.close();
    }
    if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) throw damaged(t('文件头（ZIP 条目头）有误', 'a ZIP entry header is corrupt'));
    if (entry.compressedSize === 0) return;
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);

    const source = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: INFLATE_CHUNK });
    // zlib streams pass their options on to Transform; @types/node just does not list these.
    const streamOptions = { chunkSize: INFLATE_CHUNK, readableHighWaterMark: READ_AHEAD } as ZlibOptions;
    const sink = entry.method === 8 ? createInflateRaw(streamOptions) : new PassThrough({ readableHighWaterMark: READ_AHEAD });
    // pipeline destroys both streams when either fails or the reader stops early (the
    // for-await below destroys the sink); the error itself reaches us through the sink.
    pipeline(source, sink, () => {});
    let inflated = 0;
    try {
      for await (const chunk of sink) {
        inflated += (chunk as Buffer).length;
        if (inflated > this.maxPartBytes) throw partTooLarge(this.displayName, entry.name, this.maxPartBytes);
        yield chunk as Buffer;
      }
    } catch (e) {
      if (e instanceof FundgapError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw code?.startsWith('Z_') ? damaged(t('压缩数据有误', 'compressed data is corrupt'), e) : unreadable(e, this.displayName);
    }
  }
}

function entryName(bytes: Buffer, utf8: boolean): string {
  if (utf8) return bytes.toString('utf8');
  const asUtf8 = bytes.toString('utf8');
  return asUtf8.includes('\ufffd') ? iconv.decode(bytes, 'gb18030') : asUtf8;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

function lastIndexOfSig(buf: Buffer, sig: number, from: number): number {
  for (let i = from; i >= 0; i--) if (buf.readUInt32LE(i) === sig) return i;
  return -1;
}

/**
 * A password-protected .xlsx is an OLE container holding an "EncryptedPackage" stream, so it
 * shares the .xls signature; its directory sector names that stream.
 */
async function isEncryptedPackage(fh: FileHandle, head: Buffer): Promise<boolean> {
  if (head.length < 52) return false;
  const sectorSize = 1 << head.readUInt16LE(30);
  const dirSector = head.readUInt32LE(48);
  const dir = await readAt(fh, (dirSector + 1) * sectorSize, sectorSize);
  return dir.includes(Buffer.from('EncryptedPackage', 'utf16le'));
}
