// `fundgap reconcile`: settings first (so a bad option fails before any file is read), then
// the three ledgers, the report, and the exit code from the findings and --fail-on.

import { sha256File, writeFileAtomic } from '../io/files.js';
import { ROLES, type Role } from '../ledger/layout.js';
import { runReconciliation, type LedgerInput } from '../pipeline.js';
import type { ByRole } from '../reconcile/reconcile.js';
import { failsAt } from '../report/build.js';
import type { ToolInfo } from '../report/model.js';
import { openSheet, parseLedgerRef } from '../sheets/open.js';
import type { Io } from './main.js';
import { renderReport, type ReportFormat } from './render.js';
import { loadConfig, resolveSettings, type CommonOptions } from './resolve-settings.js';

export interface ReconcileOptions extends CommonOptions {
  allocated: string;
  disbursed: string;
  landed: string;
  format: ReportFormat;
  out?: string;
  roster?: string;
}

export async function runReconcile(opts: ReconcileOptions, io: Io, tool: ToolInfo): Promise<number> {
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);

  const inputs = {} as ByRole<LedgerInput>;
  for (const role of ROLES) {
    const { path, sheet } = parseLedgerRef(opts[role as Role]);
    const ledger = settings.ledgers[role];
    const source = await openSheet(path, { sheet: sheet ?? ledger.sheet, encoding: ledger.encoding });
    inputs[role] = { source, sha256: await sha256File(path) };
  }

  let roster: LedgerInput | undefined;
  if (opts.roster !== undefined) {
    const { path, sheet } = parseLedgerRef(opts.roster);
    const source = await openSheet(path, { sheet: sheet ?? settings.roster.sheet, encoding: settings.roster.encoding });
    roster = { source, sha256: await sha256File(path) };
  }

  const report = await runReconciliation(inputs, { tool, settings, config: ref, roster });
  const color = opts.out === undefined && io.isTTY && !io.env.NO_COLOR;
  const text = renderReport(report, opts.format, { color });
  if (opts.out !== undefined) await writeFileAtomic(opts.out, text);
  else io.stdout(text);
  return failsAt(report, settings.failOn) ? 1 : 0;
}
