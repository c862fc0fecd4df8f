// The SQL engine's commands as a user meets them: normalise's folder and what it holds,
// results written and read back (as DuckDB and as Spark lay them out), the options the
// engine refuses, and the message when DuckDB is not installed.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeManifest } from '../../src/engine/manifest.js';
import { ledgers, runCli, tempDir } from '../helpers.js';
import { duckdb, query } from './duckdb.js';

const DEMO = ledgers('fixtures/haidong-demo', { a: 'allocation.xlsx', d: 'disbursement.csv', l: 'landed.xlsx' });
const BREAKDOWNS = ledgers('fixtures/breakdowns');

describe.skipIf(!duckdb)('fundgap normalise', () => {
  it('writes the rows as Parquet, one file per ledger, with the columns of sql/rows-schema.sql, a params row and a manifest', async () => {
    const out = join(tempDir(), 'rows');
    const r = await runCli(['normalise', ...DEMO, '-o', out, '--tolerance', '0.5', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'ledger_rows')).sort()).toEqual(['allocated.parquet', 'disbursed.parquet', 'landed.parquet']);
    const columns = await query(`DESCRIBE SELECT * FROM read_parquet('${out}/ledger_rows/*.parquet')`);
    const schema = [...readFileSync('sql/rows-schema.sql', 'utf8').matchAll(/^ {2}(\w+)\s+(\w+)/gm)].map((m) => [m[1], m[2]]);
    expect(columns.map((c) => [c.column_name, c.column_type])).toEqual(schema);
    const params = await query(`SELECT * FROM read_parquet('${out}/params.parquet')`);
    expect(params).toEqual([expect.objectContaining({ retained_abs_fen: '50', not_landed_abs_fen: '50', duplicate_window_days: 0, as_of: null })]);

    // Every row the report says was used is there, and the manifest says how many.
    const manifest = decodeManifest(readFileSync(join(out, 'manifest.json'), 'utf8'), 'manifest.json');
    const report = JSON.parse((await runCli(['reconcile', ...DEMO, '-f', 'json', '--fail-on', 'none'])).stdout) as { inputs: { role: string; rows: { used: number } }[] };
    const counts = await query(`SELECT role, count(*) AS n FROM read_parquet('${out}/ledger_rows/*.parquet') WHERE status = 'used' GROUP BY role ORDER BY role`);
    for (const i of report.inputs) {
      expect(manifest.rows[i.role as 'allocated'].used).toBe(i.rows.used);
      expect(counts.find((c) => c.role === i.role)?.n).toBe(String(i.rows.used));
    }
  });

  it('keeps the rows whose money is left out, with why, and the findings from reading in the manifest', async () => {
    const out = join(tempDir(), 'rows');
    expect((await runCli(['normalise', ...BREAKDOWNS, '-o', out])).code).toBe(0);
    const left = await query(`SELECT role, status, sheet_row, amount_fen FROM read_parquet('${out}/ledger_rows/*.parquet') WHERE status <> 'used' ORDER BY role, sheet_row`);
    expect(left.length).toBeGreaterThan(0);
    expect(new Set(left.map((r) => r.status))).toEqual(new Set(['breakdown']));
    const manifest = decodeManifest(readFileSync(join(out, 'manifest.json'), 'utf8'), 'manifest.json');
    expect(manifest.findings.filter((f) => f.rule === 'breakdown-rows').flatMap((f) => f.evidence.map((e) => `${e.role} ${e.row}`)).sort())
      .toEqual(left.map((r) => `${String(r.role)} ${String(r.sheet_row)}`).sort());
    // Nothing the SQL decides is carried over from the in-process run.
    expect(manifest.findings.some((f) => ['retained', 'not-landed', 'duplicate-payment', 'invalid-id-number', 'late-disbursement'].includes(f.rule))).toBe(false);
  });

  it('will not write into a folder that holds anything', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'old.parquet'), 'x');
    const r = await runCli(['normalise', ...BREAKDOWNS, '-o', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output folder exists and is not empty');
  });
});

describe.skipIf(!duckdb)('result tables', () => {
  it('written by one run and laid out as Spark writes them, give the same report through report --from', async () => {
    const dir = tempDir();
    const args = [...ledgers('fixtures/duplicate-accusations'), '-f', 'json', '--fail-on', 'none'];
    const direct = await runCli(['reconcile', '--engine', 'duckdb', ...args, '--rows', join(dir, 'rows'), '--results', join(dir, 'results')]);
    expect(direct.code, direct.stderr).toBe(0);
    const fromResults = await runCli(['report', '--from', join(dir, 'results'), '-f', 'json', '--fail-on', 'none']);
    expect(fromResults.stdout).toBe(direct.stdout);
    const fromRows = await runCli(['report', '--from', join(dir, 'rows'), '-f', 'json', '--fail-on', 'none']);
    expect(fromRows.stdout).toBe(direct.stdout);

    // Spark writes each table as a folder of part files, in any order.
    const spark = join(dir, 'spark');
    for (const f of readdirSync(join(dir, 'results'))) {
      if (!f.endsWith('.parquet')) continue;
      mkdirSync(join(spark, f.replace('.parquet', '')), { recursive: true });
      cpSync(join(dir, 'results', f), join(spark, f.replace('.parquet', ''), 'part-00000-c000.snappy.parquet'));
    }
    cpSync(join(dir, 'results', 'manifest.json'), join(spark, 'manifest.json'));
    const fromSpark = await runCli(['report', '--from', spark, '-f', 'json', '--fail-on', 'none']);
    expect(fromSpark.stdout).toBe(direct.stdout);
  });

  it('name the table that is missing', async () => {
    const dir = tempDir();
    await runCli(['reconcile', '--engine', 'duckdb', ...ledgers('fixtures/every-status'), '-f', 'json', '--results', join(dir, 'results'), '--fail-on', 'none']);
    rmSync(join(dir, 'results', 'duplicate_names.parquet'));
    const r = await runCli(['report', '--from', join(dir, 'results'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the results folder has no duplicate_names table');
  });
});

describe.skipIf(!duckdb)('what the SQL engine refuses', () => {
  for (const [option, value] of [['--merge-similar', '0.8'], ['--group-by', '乡镇']] as const) {
    it(`${option}: exit 2, saying to use the in-process engine`, async () => {
      const r = await runCli(['reconcile', '--engine', 'duckdb', ...ledgers('fixtures/roll-up'), option, value, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`does not compute ${option}`);
      expect(r.stdout).toBe('');
    });
  }

  it('the advice names where a setting came from, and the command that was run', async () => {
    const dir = tempDir();
    const config = join(dir, 'fundgap.config.json');
    writeFileSync(config, JSON.stringify({ mergeSimilar: 0.8 }));
    const fromConfig = await runCli(['reconcile', '--engine', 'duckdb', ...ledgers('fixtures/roll-up'), '-c', config, '--lang', 'en']);
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toContain('does not compute "mergeSimilar" in the config file');
    expect(fromConfig.stderr).not.toContain('--merge-similar');

    const grouped = join(dir, 'grouped.json');
    writeFileSync(grouped, JSON.stringify({ groupBy: ['乡镇'] }));
    const normalise = await runCli(['normalise', ...ledgers('fixtures/roll-up'), '-c', grouped, '-o', join(dir, 'rows'), '--lang', 'en']);
    expect(normalise.code).toBe(2);
    expect(normalise.stderr).toContain('does not compute "groupBy" in the config file');
    expect(normalise.stderr).toContain('use fundgap reconcile (the default in-process engine) instead of normalise');
    expect(normalise.stderr).not.toContain('--engine duckdb');

    const places = await runCli(['normalise', ...ledgers('fixtures/every-status'), '--tolerance-pct', 'retained=0.1234567', '-o', join(dir, 'rows'), '--lang', 'en']);
    expect(places.code).toBe(2);
    expect(places.stderr).toContain('the percentage tolerance 0.1234567 (--tolerance-pct) has more than six decimal places');
  });

  it('a --rows folder that holds anything is named as --rows', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.txt'), 'x');
    const r = await runCli(['reconcile', '--engine', 'duckdb', ...ledgers('fixtures/every-status'), '--rows', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Choose a new or empty folder with --rows');
    expect(readdirSync(dir)).toEqual(['old.txt']);
  });

  it('--rows without --engine duckdb', async () => {
    const r = await runCli(['reconcile', ...ledgers('fixtures/every-status'), '--rows', tempDir(), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rows and --results go with --engine duckdb only');
  });
});

describe.skipIf(!duckdb)('report --from where the ledgers have gone', () => {
  it('renders the working paper without quoted rows, and says so on stderr', async () => {
    const dir = tempDir();
    cpSync('fixtures/every-status', join(dir, 'in'), { recursive: true });
    const rows = join(dir, 'rows');
    expect((await runCli(['normalise', ...ledgers(join(dir, 'in')), '-o', rows])).code).toBe(0);
    rmSync(join(dir, 'in', 'landed.csv'));
    const r = await runCli(['report', '--from', rows, '-o', join(dir, 'report.xlsx'), '--fail-on', 'none', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`note: the working paper quotes no source rows: ${join(dir, 'in', 'landed.csv')}: it cannot be opened`);
    expect(existsSync(join(dir, 'report.xlsx'))).toBe(true);
  });
});

describe('without @duckdb/node-api', () => {
  it('the in-process engine works, and --engine duckdb says what to install (exit 2)', () => {
    // An install like `npm ci --omit=optional`: fundgap's files and every dependency but DuckDB.
    const root = tempDir();
    for (const part of ['bin', 'dist', 'sql', 'package.json']) cpSync(part, join(root, part), { recursive: true });
    mkdirSync(join(root, 'node_modules'));
    for (const name of readdirSync('node_modules')) {
      if (name === '@duckdb' || name.startsWith('.')) continue;
      symlinkSync(resolve('node_modules', name), join(root, 'node_modules', name));
    }
    expect(existsSync(join(root, 'node_modules', '@duckdb'))).toBe(false);
    const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'fundgap.js'), ...args], { encoding: 'utf8' });
    const fixtures = ledgers(resolve('fixtures/every-status'));
    expect(run(['reconcile', ...fixtures, '--fail-on', 'none']).status).toBe(0);
    const r = run(['reconcile', '--engine', 'duckdb', ...fixtures, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('needs DuckDB (the optional dependency @duckdb/node-api), which is not installed');
    expect(r.stderr).toContain('npm install @duckdb/node-api');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an installed DuckDB that cannot be loaded is exit 2 with the cause, not a stack trace', () => {
    const root = tempDir();
    for (const part of ['bin', 'dist', 'sql', 'package.json']) cpSync(part, join(root, part), { recursive: true });
    mkdirSync(join(root, 'node_modules', '@duckdb', 'node-api'), { recursive: true });
    for (const name of readdirSync('node_modules')) {
      if (name === '@duckdb' || name.startsWith('.')) continue;
      symlinkSync(resolve('node_modules', name), join(root, 'node_modules', name));
    }
    // As a binding built for another platform fails: the package is there, its native part is not loadable.
    writeFileSync(join(root, 'node_modules', '@duckdb', 'node-api', 'package.json'), JSON.stringify({ name: '@duckdb/node-api', type: 'module', main: 'index.js' }));
    writeFileSync(join(root, 'node_modules', '@duckdb', 'node-api', 'index.js'), "throw new Error('invalid ELF header: duckdb.node');\n");
    const r = spawnSync(process.execPath, [join(root, 'bin', 'fundgap.js'), 'reconcile', '--engine', 'duckdb', ...ledgers(resolve('fixtures/every-status')), '--lang', 'en'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[ENGINE_UNAVAILABLE]');
    expect(r.stderr).toContain('is installed but cannot be loaded: invalid ELF header: duckdb.node');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
