// A minimal ZIP reader for XLSX packages: reads the central directory once, then streams one
// entry at a time through zlib so a 100 MB worksheet never sits in memory, counting the
// inflated bytes against a limit as they come. It does not verify CRCs, handle encryption or
// multi-disk archives; zlib's own checks catch corrupt deflate data.

import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PassThrough, pipeline } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import iconv from 'iconv-lite';
import { FundgapError, type Failure } from '../../errors.js';
import type { FailureData } from '../../failures.js';
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

type ZipProblem = FailureData<Extract<Failure, { code: 'XLSX_MALFORMED' }>, 'code' | 'at'>;

async function openFile(path: string, displayName: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(e, displayName);
    throw new FundgapError({ code: 'FILE_NOT_FOUND', at: { file: displayName } }, { cause: e });
  }
}

function unreadable(e: unknown, displayName: string): FundgapError {
  const why = (e as NodeJS.ErrnoException).code ?? String(e);
  return new FundgapError({ code: 'FILE_UNREADABLE', at: { file: displayName }, errno: why }, { cause: e });
}

/** Checks the file is a ZIP (and says what it is if not), then lists its entries by name. */
async function readDirectory(fh: FileHandle, displayName: string): Promise<Map<string, ZipEntry>> {
  const malformed = (problem: ZipProblem): FundgapError => new FundgapError({ code: 'XLSX_MALFORMED', at: { file: displayName }, ...problem } as Failure);

  const size = (await fh.stat()).size;
  if (size === 0) throw malformed({ problem: 'empty' });
  const head = await readAt(fh, 0, Math.min(size, 512));
  if (head.subarray(0, 8).equals(OLE_SIGNATURE)) {
    if (await isEncryptedPackage(fh, head)) {
      throw malformed({ problem: 'encrypted' });
    }
    throw malformed({ problem: 'xls' });
  }
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) {
    throw malformed({ problem: 'not-zip' });
  }

  const tailStart = Math.max(0, size - EOCD_SEARCH);
  const tail = await readAt(fh, tailStart, size - tailStart);
  const eocd = lastIndexOfSig(tail, SIG_EOCD, tail.length - EOCD_SIZE);
  if (eocd < 0) {
    throw malformed({ problem: 'no-directory' });
  }
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the real values live in the ZIP64 end record, found through its locator.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== SIG_EOCD64_LOCATOR) {
      throw malformed({ problem: 'zip64' });
    }
    const rec = await readAt(fh, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== SIG_EOCD64) {
      throw malformed({ problem: 'zip64' });
    }
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) {
    throw malformed({ problem: 'directory', detail: 'past-end' });
  }

  const cd = await readAt(fh, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) {
      throw malformed({ problem: 'directory', detail: 'corrupt' });
    }
    const { entry, next } = readCentralEntry(cd, p, malformed);
    if (!entry.name.endsWith('/')) entries.set(entry.name.toLowerCase(), entry);
    p = next;
  }
  return entries;
}

/** One central directory record at `p`: the entry, and where the next record starts. */
function readCentralEntry(cd: Buffer, p: number, malformed: (problem: ZipProblem) => FundgapError): { entry: ZipEntry; next: number } {
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
        if (q + 8 > end) throw malformed({ problem: 'zip64' });
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
    const damaged = (why: 'method' | 'header' | 'data', cause?: unknown): FundgapError =>
      new FundgapError({ code: 'XLSX_MALFORMED', at: { file: this.displayName }, problem: 'entry', part: entry.name, why, method: entry.method }, { cause });

    if (entry.method !== 0 && entry.method !== 8) throw damaged('method');
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
    if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) throw damaged('header');
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
      throw code?.startsWith('Z_') ? damaged('data', e) : unreadable(e, this.displayName);
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
