// `reconcile --engine duckdb` (normalise, then the SQL of sql/ on DuckDB, then the report
// built from its result tables) against the in-process engine: the JSON reports must be the
// same bytes — keys, figures, statuses, rows, totals and every finding. npm test runs a
// representative set; FUNDGAP_ENGINES=all (npm run test:engines) runs every fixture.

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { allCases, REPRESENTATIVE } from './cases.js';

const all = process.env.FUNDGAP_ENGINES === 'all';
const cases = allCases().filter((c) => all || REPRESENTATIVE.has(c.name));

describe('the DuckDB engine gives the in-process report', () => {
  it('has every representative case among the fixtures', () => {
    expect(allCases().map((c) => c.name)).toEqual(expect.arrayContaining([...REPRESENTATIVE]));
  });

  for (const c of cases) {
    it(c.name, async () => {
      const inProcess = await runCli(['reconcile', ...c.args, '-f', 'json', '--fail-on', 'warning']);
      const sql = await runCli(['reconcile', '--engine', 'duckdb', ...c.args, '-f', 'json', '--fail-on', 'warning', '-q']);
      expect(inProcess.code, inProcess.stderr).not.toBe(2);
      expect(sql.stderr).toBe('');
      expect(sql.code).toBe(inProcess.code);
      expect(sql.stdout).toBe(inProcess.stdout);
    }, 60_000);
  }
});
