// Opening the ledgers named on the command line, the same way for every command: path and
// #sheet, the sheet and encoding the settings name, and the file's SHA-256 for the report.
// Also the guard that keeps an output file from being written over an input.

import { ROLES, type ByRole } from '../domain.js';
import { existsSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FundgapError } from '../errors.js';
import { sha256File } from '../io/files.js';

import type { LedgerInput } from '../sheets/types.js';

import type { LedgerSettings } from '../ledger/ledger-settings.js';
import type { Settings } from '../settings.js';
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
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: out }, problem: 'no-folder', folder: dirname(out) });
  }
  const existing = existsSync(target) ? statSync(target) : undefined;
  if (kind === 'file' && existing?.isDirectory()) {
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: out }, problem: 'is-folder' });
  }
  for (const arg of inputs) {
    if (arg === undefined) continue;
    const { path } = parseLedgerRef(arg);
    const same = resolve(path) === target || (existing !== undefined && existsSync(path) && sameFile(statSync(path), existing));
    if (same) {
      throw new FundgapError({ code: 'USAGE', at: { file: out }, problem: 'output-is-input' });
    }
  }
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;
