// The folders the SQL engine writes (normalise's rows, --rows, --results): never one that
// holds anything, never a file, never one inside or around the folder being read; written
// beside the final name and renamed into place, so a folder appears whole or not at all and
// nothing the user had there is ever removed.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { FundgapError } from '../errors.js';

/** A folder given on the command line: its path and the option that named it (`-o`, `--rows`). */
export interface FolderArg {
  path: string;
  option: string;
}

/** Whether `inner` is `outer` or a path inside it. */
export const within = (outer: string, inner: string): boolean => {
  const r = relative(resolve(outer), resolve(inner));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * Refuses a folder to write that is a file, holds anything, or is (or is inside, or holds)
 * one of the folders the run reads or writes besides it. Only a path that does not exist
 * (ENOENT) counts as absent; anything else that cannot be listed is refused too.
 */
export async function refuseOutputFolder(out: FolderArg, others: readonly FolderArg[] = []): Promise<void> {
  for (const other of others) {
    if (within(out.path, other.path) || within(other.path, out.path)) {
      throw new FundgapError({ code: 'USAGE', at: { file: out.path }, problem: 'output-folder-overlaps', option: out.option, other: other.option });
    }
  }
  let names: string[];
  try {
    names = await readdir(out.path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new FundgapError({ code: 'USAGE', at: { file: out.path }, problem: 'output-folder-is-file', option: out.option });
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: out.path }, problem: 'io', errno: code ?? 'EIO', action: 'check' }, { cause: e });
  }
  if (names.length > 0) throw new FundgapError({ code: 'USAGE', at: { file: out.path }, problem: 'output-folder-not-empty', option: out.option });
}

/**
 * Fills a staging folder beside `out` and renames it into place. The check is made again
 * just before the rename; an empty folder there is removed with rmdir, which cannot remove
 * anything a user put there meanwhile.
 */
export async function writeFolderWhole(out: FolderArg, fill: (staging: string) => Promise<void>): Promise<void> {
  await refuseOutputFolder(out);
  const staging = join(dirname(resolve(out.path)), `.${basename(resolve(out.path))}.${randomBytes(4).toString('hex')}.partial`);
  await mkdir(staging, { recursive: true });
  try {
    await fill(staging);
    await refuseOutputFolder(out);
    if (await stat(out.path).then(() => true, () => false)) await rmdir(out.path);
    await rename(staging, out.path);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}
