// The SQL of docs/scale.md, run for real: every block marked `-- fundgap:` there, on DuckDB,
// over a Parquet file of the normalised rows fundgap reads from a fixture, with fundgap's own
// ID check and reversal netting as UDFs. Per-key figures, statuses, rows, rounding notes,
// totals, duplicate payments and bad ID numbers must equal fundgap's JSON report of the same
// ledgers with the same settings.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOLEAN,
  DATE,
  DuckDBInstance,
  DuckDBScalarFunction,
  INTEGER,
  LIST,
  STRUCT,
  VARCHAR,
  listValue,
  type DuckDBConnection,
  type DuckDBListValue,
  type DuckDBStructValue,
} from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain.js';
import { sha256File } from '../../src/io/files.js';
import type { LedgerRow } from '../../src/ledger/classify.js';
import { readLedger } from '../../src/ledger/read-ledger.js';
import { exactText } from '../../src/money.js';
import { netReversals } from '../../src/rules/duplicate-payment.js';
import { checkIdNumber, normaliseIdNumber } from '../../src/rules/id-number.js';
import { openSheet } from '../../src/sheets/open.js';
import { normaliseKey } from '../../src/text/normalise.js';
import { findingRows, runCli, tempDir, type ReportJson, type Role } from '../helpers.js';

/** The SQL blocks of docs/scale.md marked `-- fundgap: name`, in order. */
function docBlocks(): { name: string; sql: string }[] {
  const doc = readFileSync('docs/scale.md', 'utf8');
  return [...doc.matchAll(/```sql\n-- fundgap: ([\w-]+)\n([\s\S]*?)```/g)].map((m) => ({ name: m[1]!, sql: m[2]! }));
}

interface Case {
  files: Record<Role, string>;
  /** reconcile options beyond the ledgers (settings the SQL takes from the report's parameters). */
  options?: string[];
}

const fx = (dir: string, a = 'allocated.csv', d = 'disbursed.csv', l = 'landed.csv'): Record<Role, string> => ({
  allocated: `fixtures/${dir}/${a}`,
  disbursed: `fixtures/${dir}/${d}`,
  landed: `fixtures/${dir}/${l}`,
});

const CASES: Record<string, Case> = {
  'every status': { files: fx('every-status') },
  'the Haidong demo (万元, a SUM total, XLSX)': { files: fx('haidong-demo', 'allocation.xlsx', 'disbursement.csv', 'landed.xlsx') },
  'beiguan sample (GBK, amounts written 20万元)': { files: fx('samples/beiguan-2018', 'allocation.csv', 'disbursement.csv', 'landed.csv') },
  'tolerance at the edge, absolute': { files: fx('tolerance-edge'), options: ['--tolerance', '1'] },
  'tolerance per stage and direction': { files: fx('every-status'), options: ['--tolerance', 'retained=200000', '--tolerance-pct', 'D-L=3'] },
  'tolerance in percent': { files: fx('tolerance-edge'), options: ['--tolerance-pct', '0.1'] },
  'amounts past the fen (rounding allowance)': { files: fx('amounts-past-the-fen', 'allocated.csv', 'disbursed.xlsx') },
  'composite key': { files: fx('composite-key'), options: ['-k', '乡镇,项目名称'] },
  'duplicate payments': { files: fx('duplicate-payments') },
  'duplicate payments, 3-day window': { files: fx('duplicate-payments'), options: ['--duplicate-window', '3'] },
  'duplicate accusations (reversals, beneficiaries)': { files: fx('duplicate-accusations') },
  'invalid ID numbers': { files: fx('invalid-id-numbers'), options: ['--as-of', '2020-12-31'] },
  'zero allocation': { files: fx('zero-allocation') },
};

/** One normalised row, as `fundgap normalise` would write it (docs/scale.md, section 1). */
function normalised(role: Role, r: LedgerRow, file: string, sheet: string | undefined, sha256: string): (string | bigint | number | boolean | null)[] {
  return [
    role,
    r.keyId.split('\u0000').join('\u001f'),
    r.keyParts.join(' / '),
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
    file,
    sheet ?? null,
    r.row,
    sha256,
  ];
}

const csvCell = (v: string | bigint | number | boolean | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);

/** The rows fundgap uses from each ledger, written as Parquet through DuckDB. */
async function writeRows(db: DuckDBConnection, c: Case, key: string[], dir: string): Promise<string> {
  const lines: string[] = [];
  for (const role of ROLES) {
    const path = c.files[role];
    const source = await openSheet(path);
    const sha256 = await sha256File(path);
    await readLedger(source, {
      settings: {},
      key,
      configPath: `ledgers.${role}`,
      observe: (r) => lines.push(normalised(role, r, path, source.sheet, sha256).map(csvCell).join(',')),
    });
  }
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const schema = docBlocks().find((b) => b.name === 'rows-schema')!.sql;
  await db.run(schema);
  const columns = (await columnsOf(db)).map(([n, t]) => `'${n}': '${t}'`).join(', ');
  await db.run(`INSERT INTO normalised_rows SELECT * FROM read_csv('${csv}', header = false, auto_detect = false, columns = {${columns}})`);
  const parquet = join(dir, 'rows.parquet');
  await db.run(`COPY normalised_rows TO '${parquet}' (FORMAT parquet)`);
  await db.run('DROP TABLE normalised_rows');
  return parquet;
}

async function columnsOf(db: DuckDBConnection): Promise<[string, string][]> {
  const r = await db.runAndReadAll("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'normalised_rows' ORDER BY ordinal_position");
  return r.getRowsJson().map((row) => [String(row[0]), String(row[1])]);
}

/** The report's settings as the params block's values. */
function paramValues(report: ReportJson): Record<string, string> {
  const t = (report.parameters as { tolerance: Record<string, { absolute: string | null; percent: string | null }> }).tolerance;
  const fen = (yuan: string) => {
    const [whole, frac = ''] = yuan.split('.');
    return String(BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2)));
  };
  const micro = (pct: string) => {
    const [whole, frac = ''] = pct.split('.');
    if (frac.length > 6) throw new Error(`a percentage past six places: ${pct}`);
    return String(BigInt(whole!) * 1_000_000n + BigInt(frac.padEnd(6, '0')));
  };
  const out: Record<string, string> = {};
  const names = { retained: 'retained', overDisbursed: 'over_disbursed', notLanded: 'not_landed', overLanded: 'over_landed' } as const;
  for (const [stage, column] of Object.entries(names)) {
    const limit = t[stage]!;
    if (limit.absolute !== null) out[`${column}_abs_fen`] = fen(limit.absolute);
    if (limit.percent !== null) out[`${column}_pct_micro`] = micro(limit.percent);
  }
  out.duplicate_window_days = String((report.parameters as { duplicateWindowDays: number }).duplicateWindowDays);
  const asOf = (report.parameters as { asOf: string | null }).asOf;
  if (asOf !== null) out.as_of = `DATE '${asOf}'`;
  return out;
}

function registerUdfs(db: DuckDBConnection): void {
  // fundgap's own ID check: NULL for a valid ID, else the problem.
  db.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'id_problem',
      specialHandling: true,
      mainFunction: (_info, input, output) => {
        const [ids, wasNumber, asOf] = [0, 1, 2].map((i) => input.getColumnVector(i));
        for (let i = 0; i < input.rowCount; i++) {
          const id = ids!.getItem(i) as string | null;
          const day = asOf!.getItem(i);
          const check = id === null ? undefined : checkIdNumber(id, wasNumber!.getItem(i) === true, day === null ? undefined : String(day));
          output.setItem(i, check === undefined || check.ok ? null : check.problem);
        }
        output.flush();
      },
      returnType: VARCHAR,
      parameterTypes: [VARCHAR, BOOLEAN, DATE],
    }),
  );
  // fundgap's reversal netting over one payee's payments: the rows of the payments left.
  db.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'net_reversals',
      mainFunction: (_info, input, output) => {
        const lists = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const payments = (lists.getItem(i) as DuckDBListValue).items.map((item) => {
            const e = (item as DuckDBStructValue).entries as { d: unknown; r: number; rev: boolean };
            return { row: e.r, date: String(e.d), reversal: e.rev, key: '', payee: undefined };
          });
          output.setItem(i, listValue(netReversals(payments).map((p) => p.row)));
        }
        output.flush();
      },
      returnType: LIST(INTEGER),
      parameterTypes: [LIST(STRUCT({ d: DATE, r: INTEGER, rev: BOOLEAN }))],
    }),
  );
}

/** Runs the document's SQL over the case's rows and reads the engine's result tables. */
async function runSql(c: Case, report: ReportJson) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    registerUdfs(db);
    const dir = tempDir();
    const parquet = await writeRows(db, c, report.parameters.key as string[], dir);
    const params = paramValues(report);
    for (const { name, sql } of docBlocks()) {
      if (name === 'rows-schema') continue;
      let statement = sql;
      if (name === 'ledger_rows') statement = statement.replace("'rows/*.parquet'", `'${parquet}'`);
      if (name === 'params') statement = statement.replace(/CAST\((NULL|0) AS (\w+)\)\s+AS (\w+)/g, (all, _v, type: string, column: string) => (params[column] === undefined ? all : `CAST(${params[column]} AS ${type}) AS ${column}`));
      await db.run(statement);
    }
    const read = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
    return {
      keys: await read('SELECT * FROM key_report ORDER BY discrepancy DESC, key, key_id'),
      totals: (await read('SELECT * FROM totals'))[0]!,
      invalidIds: await read('SELECT * FROM invalid_ids ORDER BY role, row_list[1]'),
      duplicates: await read('SELECT * FROM duplicate_payments ORDER BY role, row_list[1]'),
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

const STATUS_FLAGS = [
  ['matched', 'is_matched'],
  ['idle', 'is_idle'],
  ['unallocated', 'is_unallocated'],
  ['retained', 'is_retained'],
  ['over-disbursed', 'is_over_disbursed'],
  ['not-landed', 'is_not_landed'],
  ['over-landed', 'is_over_landed'],
] as const;

const rowsOf = (list: unknown) => ((list as (string | number)[] | null) ?? []).map(Number);

describe('docs/scale.md: the reconciliation as SQL on DuckDB, against fundgap', () => {
  it('has its blocks in the order they run', () => {
    expect(docBlocks().map((b) => b.name)).toEqual([
      'rows-schema', 'ledger_rows', 'params', 'key_sums', 'key_shown', 'key_figures', 'key_status',
      'key_rows', 'key_report', 'totals', 'invalid_ids', 'payments', 'live_payments', 'duplicate_payments',
    ]);
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const args = ['reconcile', '-a', c.files.allocated, '-d', c.files.disbursed, '-l', c.files.landed, ...(c.options ?? []), '-f', 'json', '--fail-on', 'none'];
      const cli = await runCli(args);
      expect(cli.stderr).toBe('');
      const report = JSON.parse(cli.stdout) as ReportJson;
      const sql = await runSql(c, report);

      // The keys, in the report's order, with their figures, statuses and rows.
      expect(sql.keys.map((k) => ({
        key: k.key,
        allocated: k.allocated,
        disbursed: k.disbursed,
        landed: k.landed,
        retained: k.retained,
        notLanded: k.not_landed,
        gap: k.gap,
        status: STATUS_FLAGS.filter(([, flag]) => k[flag] === true).map(([status]) => status),
        evidence: { allocated: rowsOf(k.allocated_rows), disbursed: rowsOf(k.disbursed_rows), landed: rowsOf(k.landed_rows) },
      }))).toEqual(report.keys.map((k) => ({
        key: k.key,
        allocated: k.allocated,
        disbursed: k.disbursed,
        landed: k.landed,
        retained: k.retained,
        notLanded: k.notLanded,
        gap: k.gap,
        status: STATUS_FLAGS.map(([status]) => status).filter((status) => k.status.includes(status)),
        evidence: k.evidence,
      })));

      const t = report.totals;
      expect(sql.totals).toEqual({ allocated: t.allocated, disbursed: t.disbursed, landed: t.landed, retained: t.retained, not_landed: t.notLanded, gap: t.gap });

      // Differences only rounding explains: fundgap's amount-rounded findings for keys.
      const notes = report.findings.filter((f) => f.rule === 'amount-rounded' && (f.details as { scope: string }).scope === 'key');
      expect(sql.keys.filter((k) => k.ad_rounding_note || k.dl_rounding_note).map((k) => [k.key, [...(k.ad_rounding_note ? ['A-D'] : []), ...(k.dl_rounding_note ? ['D-L'] : [])]]))
        .toEqual(notes.map((f) => [f.key, (f.details as { notes: { stage: string }[] }).notes.map((n) => n.stage)]));

      // Bad ID numbers: one per ID and ledger, with every row paid to it.
      expect(sql.invalidIds.map((b) => ({ role: b.role, id: b.id_norm, problem: b.problem, amount: b.amount, rows: rowsOf(b.row_list) }))).toEqual(
        report.findings
          .filter((f) => f.rule === 'invalid-id-number')
          .map((f) => {
            const d = f.details as { role: string; idNumber: string; problem: string };
            return { role: d.role, id: normaliseIdNumber(d.idNumber), problem: d.problem, amount: f.amount, rows: f.evidence.map((e) => e.row) };
          }),
      );

      // Duplicate payments: the same rows, dates and money beyond the first payment.
      const dup = (role: unknown, rows: number[]) => `${String(role)} ${rows.join(',')}`;
      expect(sql.duplicates.map((d) => ({ at: dup(d.role, rowsOf(d.row_list)), dates: d.dates, amount: d.amount, beyond: d.paid_beyond_first })).sort((x, y) => (x.at < y.at ? -1 : 1))).toEqual(
        report.findings
          .filter((f) => f.rule === 'duplicate-payment')
          .map((f) => {
            const d = f.details as { role: string; dates: string[]; amount: string };
            return { at: dup(d.role, findingRows(report, f).map((e) => e.row)), dates: d.dates, amount: d.amount, beyond: f.amount };
          })
          .sort((x, y) => (x.at < y.at ? -1 : 1)),
      );
    });
  }
});
