// The file system edge for reading and writing whole files: ledger bytes, hashes, and
// reports written so that a reader never sees half a file. The core (ledger/, reconcile/,
// rules/, report/) never touches the file system; sheets/ and cli/ do, through here and
// through the XLSX reader's random access to its file.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FundgapError, t } from '../errors.js';
import type { ByteSource } from '../sheets/read-csv.js';

/** Fails with a plain message when the file is missing or is not a file. */
export async function requireFile(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new FundgapError('FILE_UNREADABLE', t('这不是一个文件', 'this is not a file'), { at: { file: path } });
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FundgapError('FILE_NOT_FOUND', t('找不到这个文件', 'no such file'), { at: { file: path } });
    throw new FundgapError('FILE_UNREADABLE', t(`无法读取这个文件（${code ?? 'error'}）`, `cannot read this file (${code ?? 'error'})`), { at: { file: path }, cause: e });
  }
}

export function fileBytes(path: string): ByteSource {
  return () => createReadStream(path, { highWaterMark: 256 * 1024 });
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

/**
 * Writes beside the target and renames over it: a reader (or a CI step) sees either the old
 * file or the whole new one, and a failure leaves nothing behind.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    throw new FundgapError('OUTPUT_FAILED', t(`无法写入这个文件（${code ?? 'error'}）`, `cannot write this file (${code ?? 'error'})`), { at: { file: path }, cause: e });
  }
}
