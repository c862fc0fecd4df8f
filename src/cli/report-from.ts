// The SQL engine from the command line. `reconcile --engine duckdb` normalises the ledgers
// (into --rows, or a temporary folder), runs sql/ on embedded DuckDB over them and renders
// the report from the result tables; `report --from DIR` renders one from a folder of
// normalised rows (running the SQL) or of result tables an engine wrote (Spark), with the
// manifest beside them. Both write through the same renderers as the in-process engine.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByRole } from '../domain.js';
import { FundgapError } from '../errors.js';
import { refuseOutputFolder, within } from '../engine/folders.js';
import { encodingFromName } from '../sheets/encoding.js';
import { createViews, fromViews, openEngine, reportFromResults, resultsFolder, writeResults, type Engine } from '../engine/engine.js';
import { MANIFEST_FILE, readManifest, ROWS_FOLDER, type Manifest } from '../engine/manifest.js';
import { normaliseTo } from '../engine/normalise.js';
import type { ToolInfo } from '../report/model.js';
import type { SourceRows } from '../report/render-xlsx.js';
import type { LedgerInput } from '../sheets/types.js';
import type { Io } from './io.js';
import { openInput, openLedgers, refuseToOverwrite } from './ledgers.js';
import { chooseOutput } from './output-format.js';
import { ledgerLabel, progressDisplay } from './progress.js';
import type { ReconcileOptions } from './reconcile.js';
import { writeReportAndExit } from './render.js';
import { loadConfig, readLimits, resolveSettings, wholeNumber } from './resolve-settings.js';
import { sourceRows } from './source-rows.js';

export const ENGINES = ['in-process', 'duckdb'] as const;

export interface SqlReconcileOptions extends ReconcileOptions {
  /** Keep the normalised rows in this folder (else a temporary one, removed afterwards). */
  rows?: string;
  /** Write the result tables to this folder as well. */
  results?: string;
}

const topOf = (top: string | undefined) => (top === undefined ? undefined : wholeNumber('--top', top, 'whole-number'));

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
  const rowsArg = opts.rows === undefined ? undefined : { path: opts.rows, option: '--rows' };
  const resultsArg = opts.results === undefined ? undefined : { path: opts.results, option: '--results' };
  if (rowsArg) await refuseOutputFolder(rowsArg);
  if (resultsArg) await refuseOutputFolder(resultsArg, rowsArg ? [rowsArg] : []);
  const inputs = await openLedgers(opts, settings);
  const roster = opts.roster === undefined ? undefined : await openInput(opts.roster, settings.roster);
  const rowsDir = opts.rows ?? join(tmpdir(), `fundgap-rows-${randomBytes(6).toString('hex')}`);
  const display = progressDisplay(io, { quiet: opts.quiet, lang: settings.lang });
  const labels = { allocated: opts.allocated, disbursed: opts.disbursed, landed: opts.landed };
  try {
    let manifest: Manifest;
    try {
      ({ manifest } = await normaliseTo(rowsArg ?? { path: rowsDir, option: '--rows' }, inputs, {
        tool,
        settings,
        config: ref,
        roster,
        progress: display && ((role, p) => display.update(ledgerLabel(role, labels[role], settings.lang), p)),
        limits: readLimits(opts),
      }, 'reconcile'));
    } finally {
      display?.close();
    }
    return await withEngine(async (engine) => {
      await createViews(engine, rowsDir);
      if (resultsArg) await writeResults(engine, resultsArg, rowsDir);
      const report = await reportFromResults(engine.db, fromViews, manifest, { tool, manifestPath: join(rowsDir, MANIFEST_FILE) });
      return writeReportAndExit(report, output, io, top, () => sourceRows(inputs, roster));
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

/**
 * Quoted rows for the working paper from the ledgers the manifest names, opened as they were
 * read (sheet, encoding). Where one is gone or has changed, the working paper has no quoted
 * rows, and stderr says why rather than leave them out silently.
 */
function manifestRows(manifest: Manifest, io: Io, lang: 'zh' | 'en'): SourceRows {
  let opened: Promise<ByRole<LedgerInput> | undefined> | undefined;
  const open = async () => {
    const inputs = {} as ByRole<LedgerInput>;
    for (const i of manifest.inputs) {
      const why = await openInput(i.sheet === null ? i.path : `${i.path}#${i.sheet}`, { encoding: i.encoding === null ? undefined : encodingFromName(i.encoding) }).then(
        (input) => {
          inputs[i.role] = input;
          return input.sha256 === i.sha256 ? undefined : lang === 'zh' ? '文件已被修改' : 'it has changed since normalise read it';
        },
        (e: unknown) => (e instanceof FundgapError ? (lang === 'zh' ? '无法打开' : 'it cannot be opened') : Promise.reject(e)),
      );
      if (why !== undefined) {
        io.stderr(lang === 'zh'
          ? `注意：工作底稿中没有引用原始行——${i.path}：${why}\n`
          : `note: the working paper quotes no source rows: ${i.path}: ${why}\n`);
        return undefined;
      }
    }
    return inputs;
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
  const fromArg = { path: opts.from, option: '--from' };
  // The report must never replace what it reports on: the ledgers, the roster, or a file in --from
  // (a new file there, `report --from . -o report.xlsx`, harms nothing).
  if (opts.out !== undefined) {
    refuseToOverwrite(opts.out, [...manifest.inputs.map((i) => i.path), manifest.roster?.path, join(opts.from, MANIFEST_FILE)]);
    if (within(opts.from, opts.out) && existsSync(opts.out)) throw new FundgapError({ code: 'USAGE', at: { file: opts.out }, problem: 'output-is-input' });
  }
  const isRows = await stat(join(opts.from, ROWS_FOLDER)).then((s) => s.isDirectory(), () => false);
  const resultsArg = opts.results === undefined ? undefined : { path: opts.results, option: '--results' };
  if (resultsArg) {
    if (!isRows) throw new FundgapError({ code: 'USAGE', at: { file: opts.from }, problem: 'results-from-results' });
    await refuseOutputFolder(resultsArg, [fromArg]);
  }
  return withEngine(async (engine) => {
    let from = fromViews;
    if (isRows) {
      await createViews(engine, opts.from);
      if (resultsArg) await writeResults(engine, resultsArg, opts.from);
    } else from = await resultsFolder(opts.from);
    const report = await reportFromResults(engine.db, from, manifest, { tool, manifestPath: join(opts.from, MANIFEST_FILE), lang: opts.lang, failOn: opts.failOn });
    return writeReportAndExit(report, output, io, top, () => manifestRows(manifest, io, report.settings.lang));
  });
}
