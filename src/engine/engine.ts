// The SQL engine run: embedded DuckDB over a folder of normalised rows, out of core (it spills
// to a temporary folder when a join or an aggregate does not fit in memory), and the report
// built from the result tables it hands back — the same tables a Spark run writes, so
// `fundgap report --from` renders either.

import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { startAgeing } from '../analyses/ageing.js';
import { ROLES, type ByRole, type Role, type RuleId } from '../domain.js';
import { FundgapError, t } from '../errors.js';
import type { LedgerRow } from '../ledger/classify.js';
import { KeyIndex, LedgerKeys } from '../ledger/keys.js';
import { ZERO, absMoney, type Money } from '../money.js';
import { findNearMisses } from '../reconcile/near-miss.js';
import { figures } from '../reconcile/reconcile.js';
import { FindingList } from '../report/findings.js';
import { REPORT_SCHEMA, type GapReport, type ToolInfo } from '../report/model.js';
import { readParameters } from '../report/parameters.js';
import { RULES } from '../rules/index.js';
import { KEY_RULES } from '../rules/status.js';
import { evidenceRows, type FindingDraft, type InputRef } from '../rules/types.js';
import type { Settings } from '../settings.js';
import { decodePayment, dayText, loadDuckDb, registerFunctions, sqlPath, type Connection, type DuckDb } from './duckdb.js';
import { MANIFEST_FILE, PARAMS_FILE, ROWS_FOLDER, type Manifest } from './manifest.js';
import { ResultKeyTable } from './result-keys.js';
import { RESULT_TABLES, sqlFile, viewFiles, type ResultTable } from './sql.js';
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

/** The views of sql/ over a folder `fundgap normalise` wrote. */
export async function createViews(engine: Engine, rowsDir: string): Promise<void> {
  const { duck, db } = engine;
  registerFunctions(duck, db);
  await db.run(await sqlFile('duckdb-prelude.sql'));
  await db.run(`CREATE TEMPORARY VIEW ledger_rows AS SELECT * FROM read_parquet(${sqlPath(join(rowsDir, ROWS_FOLDER, '*.parquet'))})`);
  await db.run(`CREATE TEMPORARY VIEW params AS SELECT * FROM read_parquet(${sqlPath(join(rowsDir, PARAMS_FILE))})`);
  for (const v of await viewFiles()) await db.run(v.sql);
}

/** Where each result table is read from: a view of this engine, or Parquet files of a results folder. */
export type TableSource = (table: ResultTable) => string;

export const fromViews: TableSource = (table) => RESULT_TABLES[table];

/** Writes the result tables as `dir/<table>.parquet`, with the run's manifest beside them, whole or not at all. */
export async function writeResults(engine: Engine, dir: string, rowsDir: string): Promise<void> {
  const staging = join(dirname(dir), `.${basename(dir)}.${randomBytes(4).toString('hex')}.partial`);
  await mkdir(staging, { recursive: true });
  try {
    for (const table of Object.keys(RESULT_TABLES) as ResultTable[]) {
      await engine.db.run(`COPY (SELECT * FROM ${RESULT_TABLES[table]}) TO ${sqlPath(join(staging, `${table}.parquet`))} (FORMAT parquet)`);
    }
    await copyFile(join(rowsDir, MANIFEST_FILE), join(staging, MANIFEST_FILE));
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
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
      throw new FundgapError('RESULTS_INVALID', t(`结果文件夹里没有 ${table} 表`, `the results folder has no ${table} table`), {
        at: { file: dir },
        hint: t(
          `应有 ${table}.parquet 或 ${table}/ 文件夹（Spark 写出的 part-*.parquet）；docs/scale.md 列出了每张结果表。`,
          `Expected ${table}.parquet or a folder ${table}/ of part files (as Spark writes them); docs/scale.md lists every result table.`,
        ),
      });
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
  if (!(ROLES as readonly string[]).includes(role)) throw new FundgapError('RESULTS_INVALID', t(`结果表 ${reader.table} 中的 role 不对`, `a role in the result table ${reader.table} is not one of allocated, disbursed, landed`), { text: role });
  return role as Role;
};

const byRoleThenRow = <T extends { role: Role; first: number }>(a: T, b: T) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.first - b.first;

export interface ReportOptions {
  tool: ToolInfo;
  /** Where the manifest came from, for messages. */
  manifestPath: string;
  /** Settings the report may change without changing a figure: its language and what fails. */
  lang?: Settings['lang'] | undefined;
  failOn?: Settings['failOn'] | undefined;
}

/**
 * The report from result tables and the manifest: keys and totals from the SQL; status,
 * rounding, ID, duplicate and late findings from the SQL's tables; reading findings from the
 * manifest; near misses and ageing worked out here from the keys and the tranches the SQL
 * returned, with the code the in-process engine uses.
 */
export async function reportFromResults(db: Connection, from: TableSource, manifest: Manifest, opts: ReportOptions): Promise<GapReport> {
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
  const add = (f: FindingDraft) => drafts.set(f.rule, [...(drafts.get(f.rule) ?? []), f]);
  for (const f of manifest.findings) add(f);

  // Amounts rounded: keys whose differences only rounding explains, in report order.
  for (const position of keys.roundingPositions()) {
    const k = keys.at(position);
    add({
      rule: 'amount-rounded',
      key: k.display,
      amount: k.rounding.reduce((s, n) => s + absMoney(n.difference), ZERO),
      details: { rule: 'amount-rounded', scope: 'key', notes: k.rounding, roundedRows: k.roundedRows },
      evidence: ROLES.filter((role) => k.rounding.some((n) => (n.stage === 'A-D' ? role !== 'landed' : role !== 'allocated'))).flatMap((role) =>
        evidenceRows(inputs[role], role, k.roundedRows[role]),
      ),
    });
  }

  const ir = new Reader('invalid_ids');
  const bad = (await allRows(db, `SELECT * FROM ${from('invalid_ids')}`)).map((row) => {
    const rows = ir.ints(row, 'row_list');
    return { row, role: roleOf(ir, row), rows, first: rows[0] ?? 0 };
  });
  for (const b of bad.sort(byRoleThenRow)) {
    add({
      rule: 'invalid-id-number',
      key: shared(ir.optionalText(b.row, 'key_id')),
      amount: ir.fen(b.row, 'amount'),
      details: {
        rule: 'invalid-id-number',
        role: b.role,
        idNumber: ir.text(b.row, 'id_number'),
        payee: ir.optionalText(b.row, 'payee'),
        problem: ir.text(b.row, 'problem') as never,
      },
      evidence: evidenceRows(inputs[b.role], b.role, b.rows),
    });
  }

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
    add({
      rule: 'duplicate-payment',
      key: shared(dr.optionalText(d.row, 'key_id')),
      amount: dr.fen(d.row, 'paid_beyond_first'),
      details: {
        rule: 'duplicate-payment',
        role: d.role,
        payee: dr.optionalText(d.row, 'payee'),
        idNumber: dr.optionalText(d.row, 'id_number'),
        bankAccount: dr.optionalText(d.row, 'bank_account'),
        beneficiary: dr.optionalText(d.row, 'beneficiary'),
        names: listed.length > 1 ? listed : [],
        amount: dr.fen(d.row, 'amount'),
        dates: d.run.map((p) => p.date),
        windowDays: settings.duplicateWindowDays,
      },
      evidence: evidenceRows(inputs[d.role], d.role, d.run.map((p) => p.row)),
    });
  }

  const lr = new Reader('late_disbursements');
  const late = (await allRows(db, `SELECT * FROM ${from('late_disbursements')}`)).sort((a, b) => lr.int(a, 'disbursement_row') - lr.int(b, 'disbursement_row'));
  for (const row of late) {
    add({
      rule: 'late-disbursement',
      key: shared(lr.text(row, 'key_id')),
      amount: lr.fen(row, 'amount'),
      details: {
        rule: 'late-disbursement',
        allocationDate: lr.date(row, 'allocation_date'),
        disbursementDate: lr.date(row, 'disbursement_date'),
        days: lr.int(row, 'days'),
        lateDays: lr.int(row, 'late_days'),
      },
      evidence: [...evidenceRows(inputs.allocated, 'allocated', [lr.int(row, 'allocation_row')]), ...evidenceRows(inputs.disbursed, 'disbursed', [lr.int(row, 'disbursement_row')])],
    });
  }

  // Near misses: the same comparison the in-process engine makes, over the keys the SQL returned.
  const index = new KeyIndex();
  const present = { allocated: new LedgerKeys(), disbursed: new LedgerKeys(), landed: new LedgerKeys() };
  for (const k of keys.presence()) {
    const n = index.intern(k.id, k.parts);
    for (const role of ROLES) if (k.present[role]) present[role].add(n, ZERO, 0, false);
  }
  for (const role of ROLES) present[role].finish();
  const nearMisses = findNearMisses({ allocated: { keys: present.allocated }, disbursed: { keys: present.disbursed }, landed: { keys: present.landed } }, index);

  let ageing: GapReport['ageing'] = null;
  if (settings.asOf !== undefined) {
    const run = startAgeing(settings.asOf);
    const ar = new Reader('retained_tranches');
    for await (const row of rowsOf(db, `SELECT * FROM ${from('retained_tranches')} ORDER BY source_file, sheet_row`)) {
      // Ageing reads a row's key, date and amount, and nothing else.
      const tranche = { keyId: ar.text(row, 'key_id').split('\u001f').join('\u0000'), date: ar.optionalDate(row, 'date'), amount: ar.fen(row, 'amount') as Money };
      run.observe!('allocated', tranche as LedgerRow, undefined as never);
    }
    ageing = run.finish({ keys, merges: [] });
  }

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
