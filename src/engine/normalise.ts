// `fundgap normalise`: the rows fundgap would reconcile, after every reading decision, as
// Parquet through DuckDB's appender (one file per ledger), with the params row the SQL reads
// and a manifest of everything else learnt while reading. The folder appears whole or not at
// all: it is written beside its final name and renamed into place.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ROLES, type ByRole, type Role } from '../domain.js';
import { FundgapError, t } from '../errors.js';
import type { LedgerRow } from '../ledger/classify.js';
import { exactText } from '../money.js';
import { runReconciliation, type LedgerInput, type RunOptions } from '../pipeline.js';
import type { GapReport } from '../report/model.js';
import { parametersOf } from '../report/parameters.js';
import { normaliseIdNumber } from '../rules/id-number.js';
import type { ExcludedDetail } from '../rules/types.js';
import type { Settings } from '../settings.js';
import { normaliseKey } from '../text/normalise.js';
import { loadDuckDb, sqlPath, type Connection } from './duckdb.js';
import { encodeManifest, keptFromReading, MANIFEST_FILE, MANIFEST_SCHEMA, PARAMS_FILE, ROWS_FOLDER, SQL_RULES, type Manifest } from './manifest.js';
import { paramsQuery } from './params.js';
import { sqlFile } from './sql.js';

const EXCLUDED_RULES = new Map([
  ['heading-rows', 'group-heading'],
  ['breakdown-rows', 'breakdown'],
  ['payment-failed', 'payment-failed'],
  ['rows-after-end', 'after-end'],
] as const);

/**
 * Settings whose results come from the in-process engine alone: with them a report from the
 * SQL would lack a figure or a finding, so the engine refuses them rather than leave it out.
 */
export function refuseUncovered(settings: Settings): void {
  const options = [
    ...(settings.mergeSimilar !== undefined ? ['--merge-similar'] : []),
    ...(settings.groupBy.length ? ['--group-by'] : []),
  ];
  if (options.length === 0) return;
  throw new FundgapError('USAGE', t(
    `SQL 引擎不计算 ${options.join('、')}（合并相近的项目、按列汇总只在进程内引擎中做）`,
    `the SQL engine does not compute ${options.join(', ')} (merging similar keys and roll-ups by a column are done by the in-process engine only)`,
  ), {
    hint: t(
      `请去掉 ${options.join('、')}，或不用 --engine duckdb / normalise，用默认的进程内引擎。`,
      `Leave out ${options.join(', ')}, or run reconcile without --engine duckdb (the default in-process engine).`,
    ),
  });
}

type Cell = string | bigint | number | boolean | null;

/** One normalised row in the column order of sql/rows-schema.sql. */
function usedRow(role: Role, r: LedgerRow, input: LedgerInput): Cell[] {
  return [
    role,
    r.keyId.split('\u0000').join('\u001f'),
    r.keyParts.join(' / '),
    r.keyParts.join('\u001f'),
    r.amount,
    r.written ? exactText(r.written) : null,
    r.unit,
    r.date ?? null,
    r.payee ?? null,
    r.payee === undefined ? null : normaliseKey(r.payee),
    r.idNumber ?? null,
    r.idNumber === undefined ? null : normaliseIdNumber(r.idNumber),
    r.idNumber === undefined ? null : r.idNumberWasNumber === true,
    r.bankAccount ?? null,
    r.bankAccount === undefined ? null : r.bankAccount.replace(/[\s-]/g, ''),
    r.beneficiary ?? null,
    r.beneficiary === undefined ? null : normaliseKey(r.beneficiary),
    'used',
    input.source.path,
    input.source.sheet ?? null,
    r.row,
    input.sha256,
  ];
}

/** A row whose money the figures leave out, as its reading finding records it. */
function excludedRow(role: Role, status: string, x: ExcludedDetail['rows'][number], input: LedgerInput): Cell[] {
  return [role, null, x.label, null, x.amount, null, null, null, null, null, null, null, null, null, null, null, null, status, input.source.path, input.source.sheet ?? null, x.row, input.sha256];
}

type Appender = Awaited<ReturnType<Connection['createAppender']>>;

function append(a: Appender, cells: readonly Cell[]): void {
  for (const c of cells) {
    if (c === null) a.appendNull();
    else if (typeof c === 'string') a.appendVarchar(c);
    else if (typeof c === 'bigint') a.appendBigInt(c);
    else if (typeof c === 'number') a.appendInteger(c);
    else a.appendBoolean(c);
  }
  a.endRow();
}

/** Refuses a folder that holds anything: normalised rows are never mixed with older ones. */
async function refuseNonEmpty(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  if (names.length === 0) return;
  throw new FundgapError('USAGE', t('输出文件夹已存在且不为空', 'the output folder exists and is not empty'), {
    at: { file: dir },
    hint: t('请用 -o 另选一个文件夹（每次 normalise 写一个新文件夹；多个县的文件夹可以放在同一个上级文件夹里）。', 'Choose another folder with -o (each normalise writes a folder of its own; many counties\' folders can sit side by side under one parent).'),
  });
}

export interface Normalised {
  report: GapReport;
  manifest: Manifest;
}

/**
 * Reads the three ledgers as `reconcile` does and writes `dir`: ledger_rows/<role>.parquet,
 * params.parquet and manifest.json. Returns the in-process report too (for its exit code).
 */
export async function normaliseTo(dir: string, inputs: ByRole<LedgerInput>, opts: RunOptions): Promise<Normalised> {
  refuseUncovered(opts.settings);
  paramsQuery(opts.settings);
  await refuseNonEmpty(dir);
  const duck = await loadDuckDb();
  const staging = join(dirname(dir), `.${basename(dir)}.${randomBytes(4).toString('hex')}.partial`);
  // DuckDB keeps the rows in a file of its own until they are copied out, spilling what does not fit in memory.
  const scratch = join(tmpdir(), `fundgap-normalise-${randomBytes(6).toString('hex')}.duckdb`);
  const instance = await duck.DuckDBInstance.create(scratch);
  const db = await instance.connect();
  let done = false;
  try {
    await mkdir(join(staging, ROWS_FOLDER), { recursive: true });
    const schema = await sqlFile('rows-schema.sql');
    // One table per reading pass: a run that infers a unit reads the ledgers again, and only
    // the last pass's rows are the ones the figures use. Appenders are made ahead, as the
    // rows arrive synchronously.
    const tables = ['normalised_rows', 'normalised_rows_2'];
    await db.run(schema);
    await db.run(schema.replace('CREATE TABLE normalised_rows', `CREATE TABLE ${tables[1]}`));
    const appenders = [await db.createAppender(tables[0]!), await db.createAppender(tables[1]!)];
    let pass = 1;
    const report = await runReconciliation(inputs, {
      ...opts,
      observeRow: (role, row, p) => {
        pass = p;
        append(appenders[p - 1]!, usedRow(role, row, inputs[role]));
      },
    });
    const last = appenders[pass - 1]!;
    for (const [rule, status] of EXCLUDED_RULES) {
      for (const f of report.findings.where((r) => r === rule)) {
        const d = f.details as ExcludedDetail;
        for (const x of d.rows) append(last, excludedRow(d.role, status, x, inputs[d.role]));
      }
    }
    for (const a of appenders) a.closeSync();
    const table = tables[pass - 1]!;
    const rows = {} as Manifest['rows'];
    for (const role of ROLES) {
      const file = `${ROWS_FOLDER}/${role}.parquet`;
      await db.run(`COPY (SELECT * FROM ${table} WHERE role = '${role}') TO ${sqlPath(join(staging, file))} (FORMAT parquet, COMPRESSION zstd)`);
      const n = await db.runAndReadAll(`SELECT count(*) FILTER (WHERE status = 'used'), count(*) FILTER (WHERE status <> 'used') FROM ${table} WHERE role = '${role}'`);
      const [used, excluded] = n.getRows()[0]!.map(Number) as [number, number];
      rows[role] = { file, used, excluded };
    }
    await db.run(`COPY (${paramsQuery(report.settings)}) TO ${sqlPath(join(staging, PARAMS_FILE))} (FORMAT parquet)`);
    const manifest: Manifest = {
      schema: MANIFEST_SCHEMA,
      tool: report.tool,
      parameters: parametersOf(report.settings, report.config, report.roster),
      inputs: report.inputs,
      roster: report.roster,
      rows,
      findings: [...report.findings.where((rule) => !SQL_RULES.has(rule))].filter(keptFromReading).map(({ severity: _severity, ...draft }) => draft),
    };
    await writeFile(join(staging, MANIFEST_FILE), encodeManifest(manifest));
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    done = true;
    return { report, manifest };
  } finally {
    db.closeSync();
    instance.closeSync();
    await rm(scratch, { force: true });
    await rm(`${scratch}.wal`, { force: true });
    if (!done) await rm(staging, { recursive: true, force: true });
  }
}
