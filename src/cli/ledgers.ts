// Opening the ledgers named on the command line, the same way for every command: path and
// #sheet, the sheet and encoding the settings name, and the file's SHA-256 for the report.
// Also the guard that keeps an output file from being written over an input.

import { ROLES, type ByRole } from '../domain.js';
import { resolve } from 'node:path';
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

/** Refuses an output path that is one of the inputs: a report must never replace its evidence. */
export function refuseToOverwrite(out: string, inputs: readonly (string | undefined)[]): void {
  const target = resolve(out);
  for (const arg of inputs) {
    if (arg === undefined) continue;
    const { path } = parseLedgerRef(arg);
    if (resolve(path) === target) {
      throw new FundgapError('USAGE', t('输出文件就是输入的台账之一，写出会把它覆盖', 'the output would be written over an input file'), {
        at: { file: out },
        hint: t('请用 -o 另选一个文件。', 'Choose another file with -o.'),
      });
    }
  }
}
