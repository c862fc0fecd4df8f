// `fundgap normalise`: reads the three ledgers with the same options and config as reconcile
// and writes the rows it would reconcile as Parquet, with the params row and a manifest, for
// an engine (DuckDB, Spark) to reconcile past one machine. Exit 0 once the folder is written.

import { normaliseTo } from '../engine/normalise.js';
import type { ToolInfo } from '../report/model.js';
import type { Io } from './io.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import { loadConfig, resolveSettings, type CommonOptions } from './resolve-settings.js';

export interface NormaliseOptions extends CommonOptions {
  allocated: string;
  disbursed: string;
  landed: string;
  out: string;
  roster?: string;
  quiet?: boolean;
}

export async function runNormalise(opts: NormaliseOptions, io: Io, tool: ToolInfo): Promise<number> {
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);
  refuseToOverwrite(opts.out, [opts.allocated, opts.disbursed, opts.landed, opts.roster, opts.config], 'folder');
  const inputs = await openLedgers(opts, settings);
  const roster = opts.roster === undefined ? undefined : await openInput(opts.roster, settings.roster);
  const display = progressDisplay(io, { quiet: opts.quiet, lang: settings.lang });
  const labels = { allocated: opts.allocated, disbursed: opts.disbursed, landed: opts.landed };
  try {
    const { manifest } = await normaliseTo(opts.out, inputs, {
      tool,
      settings,
      config: ref,
      roster,
      progress: display && ((role, p) => display.update(ledgerLabel(role, labels[role], settings.lang), p)),
    });
    display?.close();
    const n = (r: keyof typeof manifest.rows) => manifest.rows[r].used;
    io.stderr(
      settings.lang === 'zh'
        ? `已写出 ${opts.out}：分配 ${n('allocated')} 行、拨付 ${n('disbursed')} 行、落地 ${n('landed')} 行，读取中的问题 ${manifest.findings.length} 条记在 manifest.json 中\n`
        : `wrote ${opts.out}: ${n('allocated')} allocated, ${n('disbursed')} disbursed and ${n('landed')} landed rows; ${manifest.findings.length} findings from reading are in manifest.json\n`,
    );
  } finally {
    display?.close();
  }
  return 0;
}
