// `fundgap reconcile`: settings first (so a bad option fails before any file is read), then
// the three ledgers, the report, and the exit code from the findings and --fail-on.

import { runReconciliation } from '../pipeline.js';
import type { ToolInfo } from '../report/model.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import type { Io } from './io.js';
import { chooseOutput } from './output-format.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import { writeReportAndExit } from './render.js';
import { sourceRows } from './source-rows.js';
import { loadConfig, readLimits, resolveSettings, wholeNumber, type CommonOptions } from './resolve-settings.js';

export interface ReconcileOptions extends CommonOptions {
  allocated: string;
  disbursed: string;
  landed: string;
  /** Absent: from the -o extension, else text. */
  format?: string;
  out?: string;
  csvEncoding?: string;
  roster?: string;
  top?: string;
  quiet?: boolean;
}

export async function runReconcile(opts: ReconcileOptions, io: Io, tool: ToolInfo): Promise<number> {
  const output = chooseOutput(opts);
  const top = opts.top === undefined ? undefined : wholeNumber('--top', opts.top, 'whole-number');
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);
  const limits = readLimits(opts);

  if (opts.out !== undefined) refuseToOverwrite(opts.out, [opts.allocated, opts.disbursed, opts.landed, opts.roster, opts.config]);
  const inputs = await openLedgers(opts, settings);
  const roster = opts.roster === undefined ? undefined : await openInput(opts.roster, settings.roster);

  const display = progressDisplay(io, { quiet: opts.quiet, lang: settings.lang });
  const labels = { allocated: opts.allocated, disbursed: opts.disbursed, landed: opts.landed };
  let report;
  try {
    report = await runReconciliation(inputs, {
      tool,
      settings,
      config: ref,
      roster,
      progress: display && ((role, p) => display.update(ledgerLabel(role, labels[role], settings.lang), p)),
      limits,
    });
  } finally {
    display?.close();
  }
  return writeReportAndExit(report, output, io, top, () => sourceRows(inputs, roster));
}
