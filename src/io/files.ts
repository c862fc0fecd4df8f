// The file system edge for reading and writing whole files: ledger bytes, hashes, and
// reports written so that a reader never sees half a file. The core (ledger/, reconcile/,
// rules/, report/) never touches the file system; sheets/ and cli/ do, through here and
// through the XLSX reader's random access to its file.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FundgapError } from '../errors.js';
import type { ByteSource, RandomAccess } from './bytes.js';

/** What is at a path: a file and its size, a directory, or something else (a device). */
export async function pathKind(path: string): Promise<{ kind: 'file' | 'directory' | 'other'; size: number }> {
  try {
    const s = await stat(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FundgapError({ code: 'FILE_NOT_FOUND', at: { file: path } });
    throw new FundgapError({ code: 'FILE_UNREADABLE', at: { file: path }, errno: code ?? 'error' }, { cause: e });
  }
}

/** The names in a directory, sorted; at most `limit` of them are looked at. */
export async function listDirectory(path: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  try {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.isFile()) names.push(entry.name);
      if (names.length >= limit) break;
    }
  } catch {
    // An unreadable folder lists nothing; the message about it still stands.
  }
  return names.sort();
}

/** Reads ranges of a file; `use` gets it open and it is closed afterwards. */
export async function withRandomAccess<T>(path: string, use: (file: RandomAccess) => Promise<T>): Promise<T> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    return await use({
      size,
      async read(offset: number, length: number): Promise<Buffer> {
        const n = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(n);
        let done = 0;
        while (done < n) {
          const { bytesRead } = await fh.read(buf, done, n - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buf.subarray(0, done);
      },
    });
  } finally {
    await fh.close();
  }
}

/**
 * Bytes read at a time. A CSV reader turns a chunk into rows that all live until the chunk's
 * last is used: at 64 KiB the garbage collector copies far fewer of them than at 256 KiB.
 */
const READ_CHUNK = 64 * 1024;

export function fileBytes(path: string): ByteSource {
  return () => createReadStream(path, { highWaterMark: READ_CHUNK });
}

export async function readHeadBytes(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Pieces of text joined into writes of about this many characters. */
const BATCH = 1 << 16;

/** Joins small pieces of text into larger ones, so a stream is written in few calls. */
export function* batched(pieces: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const p of pieces) {
    buffer += p;
    if (buffer.length >= BATCH) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** Text to the bytes of an encoding other than UTF-8 (a CSV report in GB18030). */
export type Encode = (text: string) => Uint8Array;

/**
 * Writes pieces to a stream, waiting whenever it asks to (so memory holds one batch, not the
 * report). `encode` gets whole pieces, never half a character.
 */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string>, encode?: Encode): Promise<void> {
  for (const chunk of batched(pieces)) {
    if (!stream.write(encode ? encode(chunk) : chunk)) await once(stream, 'drain');
  }
}

/**
 * Streams pieces into a file beside the target and renames it over the target: a reader (or a
 * CI step) sees either the old file or the whole new one, and a failure leaves nothing behind.
 */
export async function writePiecesAtomic(path: string, pieces: Iterable<string>, encode?: Encode): Promise<void> {
  await writeStreamAtomic(path, (out) => writePieces(out, pieces, encode));
}

/** Bytes a report stream holds before the writer waits for the disk. */
const WRITE_BUFFER = 1 << 20;

const tempBeside = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/**
 * Gives `write` a stream into a file beside the target, then renames that file over the
 * target once it is whole and closed. `write` may end the stream itself (a ZIP writer does);
 * otherwise it is ended here. If `write` or the file fails, the stream is destroyed and the
 * file removed, so a half-written report never exists under any name.
 */
export async function writeStreamAtomic(path: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const tmp = tempBeside(path);
  let out: WriteStream | undefined;
  try {
    // A buffer of several writes, so the next piece is rendered while the last is written
    // (at the default 16 KiB every write waited for the disk before rendering went on).
    out = createWriteStream(tmp, { flags: 'wx', highWaterMark: WRITE_BUFFER });
    // Both settle on the stream's first error; until awaited they must not go unhandled.
    const closed = once(out, 'close');
    const failed = once(out, 'error').then(([e]) => Promise.reject(e as Error));
    closed.catch(() => {});
    failed.catch(() => {});
    await Promise.race([write(out), failed]);
    if (!out.writableEnded) out.end();
    await Promise.race([closed, failed]);
    await rename(tmp, path);
  } catch (e) {
    if (out && !out.closed) {
      out.destroy();
      await once(out, 'close').catch(() => {});
    }
    await unlink(tmp).catch(() => {});
    if (e instanceof FundgapError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: path }, problem: 'io', errno: code ?? 'error', action: 'write' }, { cause: e });
  }
}

/**
 * Writes beside the target and renames over it: a reader (or a CI step) sees either the old
 * file or the whole new one, and a failure leaves nothing behind.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = tempBeside(path);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: path }, problem: 'io', errno: code ?? 'error', action: 'write' }, { cause: e });
  }
}
