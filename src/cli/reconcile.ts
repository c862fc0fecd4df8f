// `fundgap reconcile`: settings first (so a bad option fails before any file is read), then
// the three ledgers, the report, and the exit code from the findings and --fail-on.

import { t } from '../errors.js';
import { runReconciliation } from '../pipeline.js';
import { failsAt } from '../report/build.js';
import type { ToolInfo } from '../report/model.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import type { Io } from './io.js';
import { chooseOutput } from './output-format.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import { writeReport } from './render.js';
import { sourceRows } from './source-rows.js';
import { loadConfig, resolveSettings, wholeNumber, type CommonOptions } from './resolve-settings.js';

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
  const top = opts.top === undefined ? undefined : wholeNumber('--top', opts.top, t('整数', 'a whole number'));
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);

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
    });
  } finally {
    display?.close();
  }
  const terminal = opts.out === undefined && io.isTTY;
  await writeReport(
    report,
    output,
    io,
    { color: terminal && !io.env.NO_COLOR, top, columns: terminal ? io.columns : undefined },
    () => sourceRows(inputs, roster),
  );
  return failsAt(report, settings.failOn) ? 1 : 0;
}
