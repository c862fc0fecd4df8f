// What the SQL engine's commands must never do: remove or replace a user's files (an output
// folder that holds anything, a file named as a folder, a folder being read, the ledgers a
// report is about), or print figures from rows other than those normalise wrote (a row
// dropped, a file copied, an amount stored as a double). Each is exit 2 with the file named,
// never a stack trace.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgers, runCli, tempDir } from '../helpers.js';
import { duckdb, query as run } from './duckdb.js';


const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe.skipIf(!duckdb)('the SQL engine keeps what is there', () => {
  let work: string;
  let rows: string;
  let ledgerArgs: string[];

  beforeAll(async () => {
    // Copies of the ledgers, so a test that failed to refuse cannot damage a fixture.
    work = tempDir();
    cpSync('fixtures/every-status', join(work, 'in'), { recursive: true });
    ledgerArgs = ledgers(join(work, 'in'));
    rows = join(work, 'rows');
    const r = await runCli(['normalise', ...ledgerArgs, '-o', rows]);
    expect(r.code, r.stderr).toBe(0);
  });

  /** A copy of the normalised folder to spoil. */
  const copyOfRows = () => {
    const dir = join(tempDir(), 'rows');
    cpSync(rows, dir, { recursive: true });
    return dir;
  };

  it('--results into a folder that holds anything: exit 2, the folder untouched', async () => {
    const keep = tempDir();
    writeFileSync(join(keep, 'precious.txt'), 'x');
    for (const args of [['report', '--from', rows, '--results', keep], ['reconcile', '--engine', 'duckdb', ...ledgerArgs, '--results', keep]]) {
      const r = await runCli([...args, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[USAGE]');
      expect(r.stderr).toContain('--results');
      noStack(r.stderr);
      expect(readdirSync(keep)).toEqual(['precious.txt']);
    }
  });

  it('--results the same as, or inside, the folder read: exit 2, the rows untouched', async () => {
    const before = readdirSync(rows).sort();
    for (const results of [rows, join(rows, 'ledger_rows'), join(rows, 'results')]) {
      const r = await runCli(['report', '--from', rows, '--results', results, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--results and --from are the same folder, or one is inside the other');
    }
    const dir = join(tempDir(), 'both');
    const r = await runCli(['reconcile', '--engine', 'duckdb', ...ledgerArgs, '--rows', dir, '--results', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(rows).sort()).toEqual(before);
    expect((await runCli(['report', '--from', rows, '-f', 'json', '--fail-on', 'none'])).code).toBe(0);
  });

  it('--results given with a folder of results: exit 2, not ignored', async () => {
    const dir = tempDir();
    expect((await runCli(['report', '--from', rows, '--results', join(dir, 'results'), '--fail-on', 'none'])).code).toBe(0);
    const r = await runCli(['report', '--from', join(dir, 'results'), '--results', join(dir, 'again'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from names a folder of result tables already');
    expect(existsSync(join(dir, 'again'))).toBe(false);
  });

  it('normalise -o naming a file: exit 2, the file untouched', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'keep me');
    const r = await runCli(['normalise', ...ledgerArgs, '-o', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o names a folder to write, and this is a file');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('report --from -o naming a ledger it reports on, the manifest or another file in --from: exit 2, nothing replaced', async () => {
    const allocated = ledgerArgs[1]!;
    const original = readFileSync(allocated);
    const manifest = readFileSync(join(rows, 'manifest.json'));
    const parquet = join(rows, 'ledger_rows', 'allocated.parquet');
    const rowsBefore = readFileSync(parquet);
    for (const out of [allocated, join(rows, 'manifest.json'), parquet, join(rows, 'params.parquet')]) {
      const r = await runCli(['report', '--from', rows, '-o', out, '--lang', 'en']);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toContain('the output would be written over an input file');
    }
    expect(readFileSync(allocated)).toEqual(original);
    expect(readFileSync(join(rows, 'manifest.json'))).toEqual(manifest);
    expect(readFileSync(parquet)).toEqual(rowsBefore);
  });

  it('a ledger file copied beside itself in ledger_rows: exit 2, no report', async () => {
    const dir = copyOfRows();
    cpSync(join(dir, 'ledger_rows', 'landed.parquet'), join(dir, 'ledger_rows', 'landed-copy.parquet'));
    const r = await runCli(['report', '--from', dir, '-f', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[RESULTS_INVALID]');
    expect(r.stderr).toContain('the results have 12 rows used, amounting to 12,170,000.00, and 0 left out, normalise wrote 6 rows used, amounting to 6,085,000.00');
  });

  it('rows dropped from a ledger file, or another county\'s file among them: exit 2, no report', async () => {
    const dropped = copyOfRows();
    const landed = join(dropped, 'ledger_rows', 'landed.parquet');
    await run(`COPY (SELECT * FROM read_parquet('${join(rows, 'ledger_rows', 'landed.parquet')}') WHERE sheet_row <> 3) TO '${landed}' (FORMAT parquet)`);
    const r = await runCli(['report', '--from', dropped, '-f', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the result tables do not sum the landed ledger');
    expect(r.stdout).toBe('');

    const other = join(tempDir(), 'county-b');
    expect((await runCli(['normalise', ...ledgers('fixtures/near-miss'), '-o', other])).code).toBe(0);
    const mixed = copyOfRows();
    cpSync(join(other, 'ledger_rows', 'landed.parquet'), join(mixed, 'ledger_rows', 'landed-county-b.parquet'));
    const m = await runCli(['report', '--from', mixed, '-f', 'json', '--lang', 'en']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('(fixtures/near-miss/landed.csv)');
    expect(m.stderr).toContain('normalise wrote none');
  });

  it('the same check on result tables (as Spark writes them): a run over more rows than the manifest\'s is refused', async () => {
    const dir = tempDir();
    const spoilt = copyOfRows();
    cpSync(join(spoilt, 'ledger_rows', 'allocated.parquet'), join(spoilt, 'ledger_rows', 'allocated-again.parquet'));
    // Bypass the check to write the tables, as an engine that does not run fundgap would.
    const results = join(dir, 'results');
    mkdirSync(results);
    const views = readdirSync('sql').filter((f) => /^\d\d-/.test(f)).sort().map((f) => readFileSync(join('sql', f), 'utf8')).join('\n');
    const prelude = readFileSync('sql/duckdb-prelude.sql', 'utf8');
    await run(`${prelude}
      CREATE TEMPORARY VIEW ledger_rows AS SELECT * FROM read_parquet('${join(spoilt, 'ledger_rows', '*.parquet')}');
      CREATE TEMPORARY VIEW params AS SELECT * FROM read_parquet('${join(spoilt, 'params.parquet')}');
      CREATE OR REPLACE TEMPORARY MACRO id_problem(a, b, c) AS CAST(NULL AS VARCHAR);
      CREATE OR REPLACE TEMPORARY MACRO net_reversals(x) AS list_transform(x, c -> CAST((c % 4294967296) // 2 AS INTEGER));
      ${views}
      COPY (SELECT * FROM row_counts) TO '${join(results, 'row_counts.parquet')}' (FORMAT parquet);
      COPY (SELECT * FROM key_report) TO '${join(results, 'keys.parquet')}' (FORMAT parquet);`);
    const good = join(dir, 'good');
    expect((await runCli(['report', '--from', rows, '--results', good, '--fail-on', 'none'])).code).toBe(0);
    for (const f of readdirSync(good)) if (!['row_counts.parquet', 'keys.parquet'].includes(f)) cpSync(join(good, f), join(results, f));
    const r = await runCli(['report', '--from', results, '-f', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the result tables do not sum the allocated ledger');
  });

  it('an amount stored as a double: exit 2 naming the file and column, never rounded silently', async () => {
    const dir = copyOfRows();
    const landed = join(dir, 'ledger_rows', 'landed.parquet');
    await run(`COPY (SELECT * REPLACE (CAST(amount_fen AS DOUBLE) AS amount_fen) FROM read_parquet('${join(rows, 'ledger_rows', 'landed.parquet')}')) TO '${landed}' (FORMAT parquet)`);
    const r = await runCli(['report', '--from', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${landed}: column amount_fen of ledger_rows should be BIGINT, and is DOUBLE`);
  });

  it('the duplicate-payment run number is written as a BIGINT, not a double', async () => {
    const dir = tempDir();
    expect((await runCli(['reconcile', '--engine', 'duckdb', ...ledgers('fixtures/duplicate-payments'), '--results', join(dir, 'r'), '--fail-on', 'none'])).code).toBe(0);
    const columns = await run(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'r', 'duplicate_payments.parquet')}')`);
    expect(columns.find((c) => c.column_name === 'run')?.column_type).toBe('BIGINT');
  });
});

describe.skipIf(!duckdb)('a damaged folder is exit 2 naming what is wrong, never a stack trace', () => {
  let rows: string;
  beforeAll(async () => {
    rows = join(tempDir(), 'rows');
    expect((await runCli(['normalise', ...ledgers('fixtures/every-status'), '-o', rows])).code).toBe(0);
  });
  const damaged = (spoil: (dir: string) => void) => {
    const dir = join(tempDir(), 'rows');
    cpSync(rows, dir, { recursive: true });
    spoil(dir);
    return dir;
  };

  const cases: [string, (dir: string) => void, string][] = [
    ['a manifest missing an input', (d) => {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { inputs: unknown[] };
      m.inputs = m.inputs.slice(0, 2);
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    }, 'the manifest is wrong at inputs: expected one input for each of allocated, disbursed and landed'],
    ['a manifest listing an input twice', (d) => {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { inputs: unknown[] };
      m.inputs = [m.inputs[0], ...m.inputs];
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    }, 'the manifest is wrong at inputs'],
    ['a manifest without row counts', (d) => {
      const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { rows: Record<string, unknown> };
      delete m.rows.landed;
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    }, 'the manifest is wrong at rows.landed'],
    ['params.parquet missing', (d) => rmSync(join(d, 'params.parquet')), 'DuckDB cannot read these files: IO Error'],
    ['a truncated Parquet file', (d) => writeFileSync(join(d, 'ledger_rows', 'landed.parquet'), readFileSync(join(d, 'ledger_rows', 'landed.parquet')).subarray(0, 100)), 'DuckDB cannot read these files'],
  ];
  for (const [name, spoil, said] of cases) {
    it(name, async () => {
      const r = await runCli(['report', '--from', damaged(spoil), '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[RESULTS_INVALID]');
      expect(r.stderr).toContain(said);
      noStack(r.stderr);
    });
  }
});
