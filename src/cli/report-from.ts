// The SQL engine from the command line. `reconcile --engine duckdb` normalises the ledgers
// (into --rows, or a temporary folder), runs sql/ on embedded DuckDB over them and renders
// the report from the result tables; `report --from DIR` renders one from a folder of
// normalised rows (running the SQL) or of result tables an engine wrote (Spark), with the
// manifest beside them. Both write through the same renderers as the in-process engine.

import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByRole } from '../domain.js';
import { createViews, fromViews, openEngine, reportFromResults, resultsFolder, writeResults, type Engine } from '../engine/engine.js';
import { MANIFEST_FILE, readManifest, ROWS_FOLDER, type Manifest } from '../engine/manifest.js';
import { normaliseTo } from '../engine/normalise.js';
import { t } from '../errors.js';
import { failsAt } from '../report/build.js';
import type { GapReport, ToolInfo } from '../report/model.js';
import type { SourceRows } from '../report/render-xlsx.js';
import type { LedgerInput } from '../pipeline.js';
import type { Io } from './io.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import { chooseOutput, type Output } from './output-format.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import type { ReconcileOptions } from './reconcile.js';
import { writeReport } from './render.js';
import { loadConfig, resolveSettings, wholeNumber } from './resolve-settings.js';
import { sourceRows } from './source-rows.js';

export const ENGINES = ['in-process', 'duckdb'] as const;

export interface SqlReconcileOptions extends ReconcileOptions {
  /** Keep the normalised rows in this folder (else a temporary one, removed afterwards). */
  rows?: string;
  /** Write the result tables to this folder as well. */
  results?: string;
}

async function render(report: GapReport, output: Output, io: Io, top: number | undefined, rows: () => SourceRows): Promise<number> {
  const terminal = output.out === undefined && io.isTTY;
  await writeReport(report, output, io, { color: terminal && !io.env.NO_COLOR, top, columns: terminal ? io.columns : undefined }, rows);
  return failsAt(report, report.settings.failOn) ? 1 : 0;
}

const topOf = (top: string | undefined) => (top === undefined ? undefined : wholeNumber('--top', top, t('整数', 'a whole number')));

async function withEngine<T>(use: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openEngine();
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

/** `reconcile --engine duckdb`: normalise, run the SQL, render from its results. */
export async function runReconcileSql(opts: SqlReconcileOptions, io: Io, tool: ToolInfo): Promise<number> {
  const output = chooseOutput(opts);
  const top = topOf(opts.top);
  const { config, ref } = await loadConfig(opts.config);
  const settings = resolveSettings(config, opts);
  const given = [opts.allocated, opts.disbursed, opts.landed, opts.roster, opts.config];
  if (opts.out !== undefined) refuseToOverwrite(opts.out, given);
  for (const dir of [opts.rows, opts.results]) if (dir !== undefined) refuseToOverwrite(dir, given, 'folder');
  const inputs = await openLedgers(opts, settings);
  const roster = opts.roster === undefined ? undefined : await openInput(opts.roster, settings.roster);
  const rowsDir = opts.rows ?? join(tmpdir(), `fundgap-rows-${randomBytes(6).toString('hex')}`);
  const display = progressDisplay(io, { quiet: opts.quiet, lang: settings.lang });
  const labels = { allocated: opts.allocated, disbursed: opts.disbursed, landed: opts.landed };
  try {
    let manifest: Manifest;
    try {
      ({ manifest } = await normaliseTo(rowsDir, inputs, {
        tool,
        settings,
        config: ref,
        roster,
        progress: display && ((role, p) => display.update(ledgerLabel(role, labels[role], settings.lang), p)),
      }));
    } finally {
      display?.close();
    }
    return await withEngine(async (engine) => {
      await createViews(engine, rowsDir);
      if (opts.results !== undefined) await writeResults(engine, opts.results, rowsDir);
      const report = await reportFromResults(engine.db, fromViews, manifest, { tool, manifestPath: join(rowsDir, MANIFEST_FILE) });
      return render(report, output, io, top, () => sourceRows(inputs, roster));
    });
  } finally {
    if (opts.rows === undefined) await rm(rowsDir, { recursive: true, force: true });
  }
}

export interface ReportFromOptions {
  from: string;
  results?: string;
  format?: string;
  out?: string;
  csvEncoding?: string;
  lang?: 'zh' | 'en';
  top?: string;
  failOn?: 'info' | 'warning' | 'error' | 'none';
}

/** Quoted rows for the working paper from the ledgers the manifest names, where they still are. */
function manifestRows(manifest: Manifest): SourceRows {
  let opened: Promise<ByRole<LedgerInput> | undefined> | undefined;
  const open = async () => {
    try {
      const inputs = {} as ByRole<LedgerInput>;
      for (const i of manifest.inputs) {
        inputs[i.role] = await openInput(i.sheet === null ? i.path : `${i.path}#${i.sheet}`, {});
        if (inputs[i.role].sha256 !== i.sha256) return undefined;
      }
      return inputs;
    } catch {
      return undefined;
    }
  };
  return {
    async *pick(role, rows) {
      const inputs = await (opened ??= open());
      if (inputs && role !== 'roster') yield* sourceRows(inputs, undefined).pick(role, rows);
    },
  };
}

/** `report --from DIR`: a folder of normalised rows (the SQL runs here) or of result tables. */
export async function runReportFrom(opts: ReportFromOptions, io: Io, tool: ToolInfo): Promise<number> {
  const output = chooseOutput(opts);
  const top = topOf(opts.top);
  const manifest = await readManifest(opts.from);
  const isRows = await stat(join(opts.from, ROWS_FOLDER)).then((s) => s.isDirectory(), () => false);
  return withEngine(async (engine) => {
    let from = fromViews;
    if (isRows) {
      await createViews(engine, opts.from);
      if (opts.results !== undefined) await writeResults(engine, opts.results, opts.from);
    } else from = await resultsFolder(opts.from);
    const report = await reportFromResults(engine.db, from, manifest, { tool, manifestPath: join(opts.from, MANIFEST_FILE), lang: opts.lang, failOn: opts.failOn });
    return render(report, output, io, top, () => manifestRows(manifest));
  });
}
