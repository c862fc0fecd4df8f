// `reconcile --engine duckdb` (normalise, then the SQL of sql/ on DuckDB, then the report
// built from its result tables) against the in-process engine: the JSON reports must be the
// same bytes — keys, figures, statuses, rows, totals and every finding — and a ledger that
// stops reading must stop both with the same message. npm test runs a representative set and
// checks every fixture is a case; FUNDGAP_ENGINES=all (npm run test:engines) runs every case.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { allCases, EXCLUDED, EXCLUDED_FILES, FOLDER_LEVEL, fixtureFiles, REPRESENTATIVE, VIA_NORMALISE } from './cases.js';

const duckdb = await import('@duckdb/node-api').then(() => true, () => false);
const all = process.env.FUNDGAP_ENGINES === 'all';
const cases = allCases().filter((c) => all || REPRESENTATIVE.has(c.name));

describe('the cases cover every fixture', () => {
  const read = new Set(allCases().flatMap((c) => c.args));

  it('has every representative case among them', () => {
    expect(allCases().map((c) => c.name)).toEqual(expect.arrayContaining([...REPRESENTATIVE, ...VIA_NORMALISE]));
  });

  it('reads every fixture folder, and every ledger in it, or says why not', () => {
    const folders = readdirSync('fixtures').filter((n) => statSync(join('fixtures', n)).isDirectory());
    const uncovered = folders.filter((n) => !(n in EXCLUDED) && ![...read].some((a) => a.startsWith(`fixtures/${n}/`)));
    expect(uncovered).toEqual([]);
    const unread = folders
      .filter((n) => !(n in EXCLUDED) && !FOLDER_LEVEL.has(n))
      .flatMap((n) => fixtureFiles(join('fixtures', n)))
      .filter((f) => !read.has(f) && !(f in EXCLUDED_FILES));
    expect(unread).toEqual([]);
    for (const why of [...Object.values(EXCLUDED), ...Object.values(EXCLUDED_FILES)]) expect(why.length).toBeGreaterThan(10);
  });
});

describe.skipIf(!duckdb)('the DuckDB engine gives the in-process report', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const inProcess = await runCli(['reconcile', ...c.args, '-f', 'json', '--fail-on', 'warning', '--lang', 'en']);
      const sql = await runCli(['reconcile', '--engine', 'duckdb', ...c.args, '-f', 'json', '--fail-on', 'warning', '--lang', 'en', '-q']);
      expect(sql.code, sql.stderr).toBe(inProcess.code);
      expect(sql.stderr).toBe(inProcess.stderr);
      expect(sql.stdout).toBe(inProcess.stdout);
      if (inProcess.code === 2) expect(inProcess.stderr).not.toMatch(/\n\s+at /);

      if (VIA_NORMALISE.has(c.name)) {
        const rows = join(tempDir(), 'rows');
        const n = await runCli(['normalise', ...c.args, '-o', rows, '-q']);
        expect(n.code, n.stderr).toBe(0);
        const fromRows = await runCli(['report', '--from', rows, '-f', 'json', '--fail-on', 'warning', '--lang', 'en']);
        expect(fromRows.stderr).toBe('');
        expect(fromRows.code).toBe(inProcess.code);
        expect(fromRows.stdout).toBe(inProcess.stdout);
      }
    }, 60_000);
  }
});
