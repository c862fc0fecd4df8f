// `fundgap reconcile`: settings first (so a bad option fails before any file is read), then
// the three ledgers, the report, and the exit code from the findings and --fail-on.

import { FundgapError, t } from '../errors.js';
import { writePiecesAtomic } from '../io/files.js';
import { runReconciliation } from '../pipeline.js';
import { failsAt } from '../report/build.js';
import type { ToolInfo } from '../report/model.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import { emit, type Io } from './io.js';
import { renderReport, writeXlsxFile, type ReportFormat } from './render.js';
import { sourceRows } from './source-rows.js';
import { loadConfig, resolveSettings, wholeNumber, type CommonOptions } from './resolve-settings.js';

export interface ReconcileOptions extends CommonOptions {
  allocated: string;
  disbursed: string;
  landed: string;
  format: ReportFormat;
  out?: string;
  roster?: string;
  top?: string;
}

export async function runReconcile(opts: ReconcileOptions, io: Io, tool: ToolInfo): Promise<number> {
  if (opts.format === 'xlsx' && opts.out === undefined) {
    throw new FundgapError('USAGE', t('XLSX 报告是文件，不能输出到屏幕', 'an XLSX report is a file and cannot go to standard output'), {
      hint: t('请用 -o 指定要写入的文件，例如 -f xlsx -o 报告.xlsx', 'Name the file with -o, e.g. -f xlsx -o report.xlsx'),
    });
  }
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);

  if (opts.out !== undefined) refuseToOverwrite(opts.out, [opts.allocated, opts.disbursed, opts.landed, opts.roster, opts.config]);
  const inputs = await openLedgers(opts, settings);
  const roster = opts.roster === undefined ? undefined : await openInput(opts.roster, settings.roster);

  const report = await runReconciliation(inputs, { tool, settings, config: ref, roster });
  if (opts.format === 'xlsx') {
    await writeXlsxFile(opts.out!, report, sourceRows(inputs, roster));
  } else {
    const color = opts.out === undefined && io.isTTY && !io.env.NO_COLOR;
    const pieces = renderReport(report, opts.format, { color, top: opts.top === undefined ? undefined : wholeNumber('--top', opts.top, t('整数', 'a whole number')) });
    if (opts.out !== undefined) await writePiecesAtomic(opts.out, pieces);
    else await emit(io, pieces);
  }
  return failsAt(report, settings.failOn) ? 1 : 0;
}
