// The SQL engine run: embedded DuckDB over a folder of normalised rows, out of core (it spills
// to a temporary folder when a join or an aggregate does not fit in memory; the report then
// holds the keys and findings, as the in-process report does), and the report
// built from the result tables it hands back — the same tables a Spark run writes, so
// `fundgap report --from` renders either.

import { randomBytes } from 'node:crypto';
import { copyFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startAgeing } from '../analyses/ageing.js';
import { ROLES, type ByRole, type Role, type RuleId } from '../domain.js';
import { FundgapError } from '../errors.js';
import { KeyIndex, LedgerKeys } from '../ledger/keys.js';
import { ZERO, formatGrouped, type Money } from '../money.js';
import { findNearMisses } from '../reconcile/near-miss.js';
import { figures } from '../reconcile/reconcile.js';
import { FindingList } from '../report/findings.js';
import { REPORT_SCHEMA, type GapReport, type ToolInfo } from '../report/model.js';
import { readParameters } from '../report/parameters.js';
import { keyRoundedFinding } from '../rules/amount-rounded.js';
import { duplicateFinding } from '../rules/duplicate-payment.js';
import { RULES } from '../rules/index.js';
import { invalidIdFinding } from '../rules/invalid-id-number.js';
import { lateFinding } from '../rules/late-disbursement.js';
import { KEY_RULES } from '../rules/status.js';
import type { IdProblem } from '../text/id-number.js';
import type { FindingDraft, InputRef } from '../rules/types.js';
import type { Settings } from '../settings.js';
import { decodePayment, dayText, loadDuckDb, registerFunctions, sqlPath, type Connection, type DuckDb } from './duckdb.js';
import { MANIFEST_FILE, PARAMS_FILE, ROWS_FOLDER, type Manifest } from './manifest.js';
import { ResultKeyTable } from './result-keys.js';
import { RESULT_TABLES, schemaColumns, sqlFile, viewFiles, type ResultTable } from './sql.js';
import { writeFolderWhole, type FolderArg } from './folders.js';
import { Reader, type Row } from './values.js';

export interface Engine {
  duck: DuckDb;
  db: Connection;
  close(): Promise<void>;
}

/** An in-memory DuckDB that spills to a temporary folder of its own, removed on close. */
export async function openEngine(): Promise<Engine> {
  const duck = await loadDuckDb();
  const spill = join(tmpdir(), `fundgap-duckdb-${randomBytes(6).toString('hex')}`);
  const instance = await duck.DuckDBInstance.create(':memory:', { temp_directory: spill, preserve_insertion_order: 'false' });
  const db = await instance.connect();
  return {
    duck,
    db,
    async close() {
      db.closeSync();
      instance.closeSync();
      await rm(spill, { recursive: true, force: true });
    },
  };
}

/**
 * The views of sql/ over a folder `fundgap normalise` wrote. The rows and the params row
 * must have the columns and types of sql/rows-schema.sql and params-schema.sql: an amount
 * stored as a double, say, would be rounded silently by the SQL's casts, so it is refused.
 */
export async function createViews(engine: Engine, rowsDir: string): Promise<void> {
  const { duck, db } = engine;
  registerFunctions(duck, db);
  await db.run(await sqlFile('duckdb-prelude.sql'));
  await readingFiles(rowsDir, async () => {
    await db.run(`CREATE TEMPORARY VIEW ledger_rows AS SELECT * FROM read_parquet(${sqlPath(join(rowsDir, ROWS_FOLDER, '*.parquet'))})`);
    await db.run(`CREATE TEMPORARY VIEW params AS SELECT * FROM read_parquet(${sqlPath(join(rowsDir, PARAMS_FILE))})`);
    // Each file on its own: a view over many takes the first file's types and casts the rest.
    const rowFiles = (await db.runAndReadAll(`SELECT file FROM glob(${sqlPath(join(rowsDir, ROWS_FOLDER, '*.parquet'))}) ORDER BY file`)).getRows().map((r) => String(r[0]));
    const checks = [...rowFiles.map((f) => ['ledger_rows', f, 'rows-schema.sql'] as const), ['params', join(rowsDir, PARAMS_FILE), 'params-schema.sql'] as const];
    for (const [table, path, schema] of checks) {
      const got = new Map((await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(path)})`)).getRowObjectsJson().map((c) => [String(c.column_name), String(c.column_type)]));
      for (const [column, type] of await schemaColumns(schema)) {
        if (got.get(column) !== type) {
          throw new FundgapError({ code: 'RESULTS_INVALID', at: { file: path }, problem: 'column-type', table, column, expected: type, got: got.get(column) ?? null });
        }
      }
    }
  });
  for (const v of await viewFiles()) await db.run(v.sql);
}

/** DuckDB's own errors while reading a folder's files ("IO Error: …", "Invalid Input Error: …"), as exit-2 errors naming the folder. */
async function readingFiles<T>(dir: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (e instanceof FundgapError || !/^[A-Z][A-Za-z ]*Error: /.test(message)) throw e;
    throw new FundgapError({ code: 'RESULTS_INVALID', at: { file: dir }, problem: 'engine', detail: message.split('\n')[0]! }, { cause: e });
  }
}

/** Where each result table is read from: a view of this engine, or Parquet files of a results folder. */
export type TableSource = (table: ResultTable) => string;

export const fromViews: TableSource = (table) => RESULT_TABLES[table];

/** Writes the result tables as `<table>.parquet` in a new or empty folder, with the run's manifest beside them, whole or not at all. */
export async function writeResults(engine: Engine, out: FolderArg, rowsDir: string): Promise<void> {
  await readingFiles(rowsDir, () =>
    writeFolderWhole(out, async (staging) => {
      for (const table of Object.keys(RESULT_TABLES) as ResultTable[]) {
        await engine.db.run(`COPY (SELECT * FROM ${RESULT_TABLES[table]}) TO ${sqlPath(join(staging, `${table}.parquet`))} (FORMAT parquet)`);
      }
      await copyFile(join(rowsDir, MANIFEST_FILE), join(staging, MANIFEST_FILE));
    }),
  );
}

/**
 * The result tables of a results folder: `<table>.parquet`, or a folder `<table>/` of part
 * files as Spark writes them. A table that is missing is an error naming it.
 */
export async function resultsFolder(dir: string): Promise<TableSource> {
  const found = new Map<ResultTable, string>();
  for (const table of Object.keys(RESULT_TABLES) as ResultTable[]) {
    const file = join(dir, `${table}.parquet`);
    const folder = join(dir, table);
    const kind = async (p: string) => (await stat(p).catch(() => undefined));
    const f = await kind(file);
    const d = await kind(folder);
    if (f?.isFile()) found.set(table, `read_parquet(${sqlPath(file)})`);
    else if (d?.isDirectory() && (await readdir(folder)).some((n) => n.endsWith('.parquet'))) found.set(table, `read_parquet(${sqlPath(join(folder, '*.parquet'))})`);
    else if (f?.isDirectory() && (await readdir(file)).some((n) => n.endsWith('.parquet'))) found.set(table, `read_parquet(${sqlPath(join(file, '*.parquet'))})`);
    else {
      throw new FundgapError({ code: 'RESULTS_INVALID', at: { file: dir }, problem: 'no-table', table });
    }
  }
  return (table) => found.get(table)!;
}

async function* rowsOf(db: Connection, sql: string): AsyncGenerator<Row> {
  const result = await db.stream(sql);
  for await (const rows of result.yieldRowObjects()) yield* rows as Row[];
}

async function allRows(db: Connection, sql: string): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of rowsOf(db, sql)) out.push(r);
  return out;
}

const roleOf = (reader: Reader, row: Row): Role => {
  const role = reader.text(row, 'role');
  if (!(ROLES as readonly string[]).includes(role)) throw new FundgapError({ code: 'RESULTS_INVALID', text: role, problem: 'role', table: reader.table });
  return role as Role;
};

/** Every problem the ID check names: a value outside it is a result table fundgap did not write. */
const ID_PROBLEMS: Record<IdProblem, true> = { scientific: true, 'stored-as-number': true, 'trailing-zeros': true, format: true, region: true, 'birth-date': true, 'check-digit': true };

function idProblem(reader: Reader, row: Row): IdProblem {
  const p = reader.text(row, 'problem');
  if (!Object.hasOwn(ID_PROBLEMS, p)) throw new FundgapError({ code: 'RESULTS_INVALID', text: p, problem: 'value', table: reader.table, column: 'problem' });
  return p as IdProblem;
}

const byRoleThenRow = <T extends { role: Role; first: number }>(a: T, b: T) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.first - b.first;

export interface ReportOptions {
  tool: ToolInfo;
  /** Where the manifest came from, for messages. */
  manifestPath: string;
  /** Settings the report may change without changing a figure: its language and what fails. */
  lang?: Settings['lang'] | undefined;
  failOn?: Settings['failOn'] | undefined;
}

/** What the findings of the SQL's tables are drafted with: the inputs for evidence, a key's display, where to add a draft. */
interface Drafting {
  inputs: ByRole<InputRef>;
  shared: (id: string | undefined) => string | null;
  add: (f: FindingDraft) => void;
}

function roundedFindings(keys: ResultKeyTable, { inputs, add }: Drafting): void {
  // Amounts rounded: keys whose differences only rounding explains, in report order.
  for (const position of keys.roundingPositions()) add(keyRoundedFinding(keys.at(position), inputs));
}

async function invalidIdFindings(db: Connection, from: TableSource, { inputs, shared, add }: Drafting): Promise<void> {
  const ir = new Reader('invalid_ids');
  const bad = (await allRows(db, `SELECT * FROM ${from('invalid_ids')}`)).map((row) => {
    const rows = ir.ints(row, 'row_list');
    return { row, role: roleOf(ir, row), rows, first: rows[0] ?? 0 };
  });
  for (const b of bad.sort(byRoleThenRow)) {
    const r = b.row;
    add(invalidIdFinding({ role: b.role, key: shared(ir.optionalText(r, 'key_id')), amount: ir.fen(r, 'amount'), idNumber: ir.text(r, 'id_number'), payee: ir.optionalText(r, 'payee'), problem: idProblem(ir, r), rows: b.rows }, inputs));
  }
}

/** Duplicate payments, with every name paid under one ID number. */
async function duplicateFindings(db: Connection, from: TableSource, settings: Settings, { inputs, shared, add }: Drafting): Promise<void> {
  const nr = new Reader('duplicate_names');
  const names = new Map<string, { name: string; first: number }[]>();
  for (const row of await allRows(db, `SELECT * FROM ${from('duplicate_names')}`)) {
    const at = `${roleOf(nr, row)}\u0000${nr.text(row, 'source_file')}\u0000${nr.text(row, 'identity')}`;
    names.set(at, [...(names.get(at) ?? []), { name: nr.text(row, 'payee'), first: nr.int(row, 'first_row') }]);
  }
  const dr = new Reader('duplicate_payments');
  const dups = (await allRows(db, `SELECT * FROM ${from('duplicate_payments')}`)).map((row) => {
    const run = dr.bigints(row, 'day_rows').map((c) => decodePayment(c));
    return { row, role: roleOf(dr, row), run, first: run[0]?.row ?? 0 };
  });
  for (const d of dups.sort(byRoleThenRow)) {
    const identity = dr.text(d.row, 'identity');
    const under = identity.startsWith('id:') ? (names.get(`${d.role}\u0000${dr.text(d.row, 'source_file')}\u0000${identity}`) ?? []) : [];
    const listed = [...under].sort((a, b) => a.first - b.first).map((n) => n.name);
    add(duplicateFinding({
      role: d.role,
      key: shared(dr.optionalText(d.row, 'key_id')),
      paidBeyondFirst: dr.fen(d.row, 'paid_beyond_first'),
      payee: dr.optionalText(d.row, 'payee'),
      idNumber: dr.optionalText(d.row, 'id_number'),
      bankAccount: dr.optionalText(d.row, 'bank_account'),
      beneficiary: dr.optionalText(d.row, 'beneficiary'),
      names: listed.length > 1 ? listed : [],
      amount: dr.fen(d.row, 'amount'),
      run: d.run,
      windowDays: settings.duplicateWindowDays,
    }, inputs));
  }
}

async function lateFindings(db: Connection, from: TableSource, { inputs, shared, add }: Drafting): Promise<void> {
  const lr = new Reader('late_disbursements');
  const late = (await allRows(db, `SELECT * FROM ${from('late_disbursements')}`)).sort((a, b) => lr.int(a, 'disbursement_row') - lr.int(b, 'disbursement_row'));
  for (const row of late) {
    add(lateFinding({
      key: shared(lr.text(row, 'key_id')),
      amount: lr.fen(row, 'amount'),
      allocation: { date: lr.date(row, 'allocation_date'), row: lr.int(row, 'allocation_row') },
      disbursement: { date: lr.date(row, 'disbursement_date'), row: lr.int(row, 'disbursement_row') },
      days: lr.int(row, 'days'),
      lateDays: lr.int(row, 'late_days'),
    }, inputs));
  }
}

function nearMissesOf(keys: ResultKeyTable) {
  // Near misses: the same comparison the in-process engine makes, over the keys the SQL returned.
  const index = new KeyIndex();
  const present = { allocated: new LedgerKeys(), disbursed: new LedgerKeys(), landed: new LedgerKeys() };
  for (const k of keys.presence()) {
    const n = index.intern(k.id, k.parts);
    for (const role of ROLES) if (k.present[role]) present[role].add(n, ZERO, 0, false);
  }
  for (const role of ROLES) present[role].finish();
  return findNearMisses({ allocated: { keys: present.allocated }, disbursed: { keys: present.disbursed }, landed: { keys: present.landed } }, index);
}

/** Retained funds by age, from the tranches the SQL returned, when the report has a date. */
async function ageingOf(db: Connection, from: TableSource, settings: Settings, keys: ResultKeyTable): Promise<GapReport['ageing']> {
  let ageing: GapReport['ageing'] = null;
  if (settings.asOf !== undefined) {
    const run = startAgeing(settings.asOf);
    const ar = new Reader('retained_tranches');
    for await (const row of rowsOf(db, `SELECT * FROM ${from('retained_tranches')} ORDER BY source_file, sheet_row`)) {
      run.tranche(ar.text(row, 'key_id').split('\u001f').join('\u0000'), ar.optionalDate(row, 'date'), ar.fen(row, 'amount'));
    }
    ageing = run.finish({ keys, merges: [] });
  }
  return ageing;
}

/**
 * The report from result tables and the manifest: keys and totals from the SQL; status,
 * rounding, ID, duplicate and late findings from the SQL's tables; reading findings from the
 * manifest; near misses and ageing worked out here from the keys and the tranches the SQL
 * returned, with the code the in-process engine uses.
 */
export async function reportFromResults(db: Connection, from: TableSource, manifest: Manifest, opts: ReportOptions): Promise<GapReport> {
  return readingFiles(dirname(opts.manifestPath), async () => {
    await checkRowCounts(db, from, manifest, opts.manifestPath);
    return buildReport(db, from, manifest, opts);
  });
}

/**
 * The rows the SQL summed, per input file, against what normalise wrote: a row dropped or
 * added, a file copied twice, or another county's rows in the run would change a figure
 * while the report still cites this run's inputs, so any difference stops the report.
 */
async function checkRowCounts(db: Connection, from: TableSource, manifest: Manifest, manifestPath: string): Promise<void> {
  const r = new Reader('row_counts');
  const got = (await allRows(db, `SELECT * FROM ${from('row_counts')}`)).map((row) => ({
    role: roleOf(r, row),
    file: r.text(row, 'source_file'),
    sha256: r.text(row, 'input_sha256'),
    used: r.int(row, 'used_rows'),
    excluded: r.int(row, 'excluded_rows'),
    fen: r.fen(row, 'used_amount'),
  }));
  const said = (c: { used: number; excluded: number; fen: Money }) => ({ used: c.used, excluded: c.excluded, amount: formatGrouped(c.fen) });
  const at = { file: manifestPath };
  for (const role of ROLES) {
    const input = manifest.inputs.find((i) => i.role === role)!;
    const expected = manifest.rows[role];
    const mine = (g: (typeof got)[number]) => g.role === role && g.file === input.path && g.sha256 === input.sha256;
    const stranger = got.find((g) => g.role === role && !mine(g));
    if (stranger) throw new FundgapError({ code: 'RESULTS_INVALID', at, problem: 'row-counts', role, file: stranger.file, expected: null, got: said(stranger) });
    const found = got.find(mine) ?? { used: 0, excluded: 0, fen: ZERO };
    if (found.used !== expected.used || found.excluded !== expected.excluded || found.fen !== expected.fen) {
      throw new FundgapError({ code: 'RESULTS_INVALID', at, problem: 'row-counts', role, file: input.path, expected: said(expected), got: said(found) });
    }
  }
}

async function buildReport(db: Connection, from: TableSource, manifest: Manifest, opts: ReportOptions): Promise<GapReport> {
  const { settings: recorded, config } = readParameters(manifest.parameters, opts.manifestPath);
  const settings: Settings = {
    ...recorded,
    lang: opts.lang ?? recorded.lang,
    failOn: opts.failOn ?? recorded.failOn,
    sources: { ...recorded.sources, ...(opts.lang ? { lang: 'cli' } : {}), ...(opts.failOn ? { failOn: 'cli' } : {}) },
  };
  const inputs = {} as ByRole<InputRef>;
  for (const role of ROLES) {
    const i = manifest.inputs.find((x) => x.role === role)!;
    inputs[role] = { file: i.path, sheet: i.sheet ?? undefined };
  }

  const keys = new ResultKeyTable();
  for await (const row of rowsOf(db, `SELECT * FROM ${from('keys')} ORDER BY discrepancy DESC, key, key_id`)) keys.add(row);
  keys.finish();
  const shared = (id: string | undefined) => (id === undefined ? null : (keys.displayOf(id.split('\u001f').join('\u0000')) ?? null));

  const totalsRow = (await allRows(db, `SELECT * FROM ${from('totals')}`))[0];
  const tr = new Reader('totals');
  const totals = totalsRow === undefined || totalsRow.allocated === null
    ? figures(ZERO, ZERO, ZERO)
    : figures(tr.fen(totalsRow, 'allocated'), tr.fen(totalsRow, 'disbursed'), tr.fen(totalsRow, 'landed'));

  const drafts = new Map<RuleId, FindingDraft[]>();
  const add = (f: FindingDraft) => {
    const list = drafts.get(f.rule);
    if (list) list.push(f);
    else drafts.set(f.rule, [f]);
  };
  for (const f of manifest.findings) add(f);

  const drafting: Drafting = { inputs, shared, add };
  roundedFindings(keys, drafting);
  await invalidIdFindings(db, from, drafting);
  await duplicateFindings(db, from, settings, drafting);
  await lateFindings(db, from, drafting);
  const nearMisses = nearMissesOf(keys);
  const ageing = await ageingOf(db, from, settings, keys);

  const found = RULES.filter((rule) => drafts.has(rule.id)).map((rule) => ({ rule, found: drafts.get(rule.id)! }));
  const findings = new FindingList(found, KEY_RULES, { settings, nearMisses, keys });
  return {
    schema: REPORT_SCHEMA,
    tool: opts.tool,
    settings,
    config,
    inputs: manifest.inputs,
    totals,
    keys,
    findings,
    ageing,
    rollups: [],
    roster: manifest.roster,
    counts: { status: { ...keys.counts }, severity: findings.counts },
  };
}

export { dayText };
