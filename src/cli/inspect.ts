// `fundgap inspect <file[#sheet]>`: read one sheet the way reconcile would and show how.

import { ROLES, type Role } from '../domain.js';
import { FundgapError, t } from '../errors.js';

import { readLedger } from '../ledger/read-ledger.js';
import { inspectionJson, renderInspection } from '../report/inspect.js';
import { DEFAULT_KEY } from '../settings.js';
import { openSheet, parseLedgerRef } from '../sheets/open.js';
import type { Io } from './io.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import { paintFor } from './render.js';
import { loadConfig, resolveSettings, type CommonOptions } from './resolve-settings.js';

export interface InspectOptions extends Pick<CommonOptions, 'config' | 'key' | 'lang' | 'unit' | 'encoding'> {
  format: 'text' | 'json';
  role?: string;
  quiet?: boolean;
}

export async function runInspect(file: string, opts: InspectOptions, io: Io): Promise<number> {
  const role = (opts.role ?? 'allocated') as Role;
  if (!ROLES.includes(role)) throw new FundgapError('USAGE', t(`--role 应为 ${ROLES.join('、')} 之一`, `--role expects ${ROLES.join(', ')}`), { text: opts.role });
  const { config } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);
  const ledger = settings.ledgers[role];
  const { path, sheet } = parseLedgerRef(file);
  const source = await openSheet(path, { sheet: sheet ?? ledger.sheet, encoding: ledger.encoding });

  const display = progressDisplay(io, { quiet: opts.quiet, lang: settings.lang });
  const label = ledgerLabel(role, file, settings.lang);
  const read = (key: string[]) =>
    readLedger(source, { settings: ledger, key, configPath: `ledgers.${role}`, progress: display && ((p) => display.update(label, p)) });
  let result;
  try {
    result = await read(settings.key);
  } catch (e) {
    // Without -k or a config key, a sheet with no project column is still worth inspecting.
    const defaulted = opts.key === undefined && config.key === undefined && settings.key.join() === DEFAULT_KEY.join();
    if (!(defaulted && e instanceof FundgapError && e.code === 'KEY_MISSING')) throw e;
    result = await read([]);
  } finally {
    display?.close();
  }
  const inspection = { source, sheets: source.sheets, read: result, role };
  if (opts.format === 'json') io.stdout(`${JSON.stringify(inspectionJson(inspection), null, 2)}\n`);
  else io.stdout(renderInspection(inspection, settings.lang, paintFor(io.isTTY && !io.env.NO_COLOR)));
  return 0;
}
