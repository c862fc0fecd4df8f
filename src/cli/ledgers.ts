// Opening the ledgers named on the command line, the same way for every command: path and
// #sheet, the sheet and encoding the settings name, and the file's SHA-256 for the report.
// Also the guard that keeps an output file from being written over an input.

import { ROLES, type ByRole } from '../domain.js';
import { existsSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FundgapError, t } from '../errors.js';
import { sha256File } from '../io/files.js';

import type { LedgerInput } from '../pipeline.js';

import type { LedgerSettings, Settings } from '../settings.js';
import { openSheet, parseLedgerRef } from '../sheets/open.js';

export async function openInput(arg: string, ledger: LedgerSettings): Promise<LedgerInput> {
  const { path, sheet } = parseLedgerRef(arg);
  const source = await openSheet(path, { sheet: sheet ?? ledger.sheet, encoding: ledger.encoding });
  return { source, sha256: await sha256File(path) };
}

export async function openLedgers(args: ByRole<string>, settings: Settings): Promise<ByRole<LedgerInput>> {
  const inputs = {} as ByRole<LedgerInput>;
  for (const role of ROLES) inputs[role] = await openInput(args[role], settings.ledgers[role]);
  return inputs;
}

/**
 * Checks an output path before any ledger is read: its folder must exist, it must not be a
 * folder itself, and it must not be one of the inputs — by name, or as the same file under
 * another name (a case-insensitive file system, a link), since a report must never replace
 * its evidence. A folder output (normalise's rows) may exist; what it holds is checked where
 * it is written.
 */
export function refuseToOverwrite(out: string, inputs: readonly (string | undefined)[], kind: 'file' | 'folder' = 'file'): void {
  const target = resolve(out);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new FundgapError('OUTPUT_FAILED', t(`要写入的文件夹不存在：${folder}`, `the folder to write into does not exist: ${folder}`), {
      at: { file: out },
      hint: t('请先建好这个文件夹，或用 -o 换一个位置。', 'Create the folder first, or choose another place with -o.'),
    });
  }
  const existing = existsSync(target) ? statSync(target) : undefined;
  if (kind === 'file' && existing?.isDirectory()) {
    throw new FundgapError('OUTPUT_FAILED', t('-o 给的是一个文件夹，而不是文件', '-o names a folder, not a file'), {
      at: { file: out },
      hint: t(`请在后面加上文件名，例如 ${join(out, '报告.xlsx')}`, `Add a file name, e.g. ${join(out, 'report.xlsx')}`),
    });
  }
  for (const arg of inputs) {
    if (arg === undefined) continue;
    const { path } = parseLedgerRef(arg);
    const same = resolve(path) === target || (existing !== undefined && existsSync(path) && sameFile(statSync(path), existing));
    if (same) {
      throw new FundgapError('USAGE', t('输出文件就是输入的台账之一，写出会把它覆盖', 'the output would be written over an input file'), {
        at: { file: out },
        hint: t('请用 -o 另选一个文件。', 'Choose another file with -o.'),
      });
    }
  }
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;
