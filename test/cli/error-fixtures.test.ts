// Every failure code has a minimal input under fixtures/errors/<CODE>/ that causes it: the run
// ends with exit 2, no report, one message that starts with the code and the location the case
// names (file, sheet, row, column), and never a stack trace. The wording is in the goldens.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLocation } from '../../src/errors.js';
import { FAILURE_CATALOGUE } from '../../src/failure-messages.js';
import { runCli } from '../helpers.js';
import { caseName, ERROR_FIXTURES, errorCases } from './error-fixtures.js';

/** Codes no file or command line can cause on demand, and where they are tested instead. */
const NOT_FROM_A_FIXTURE: Record<string, string> = {
  ENGINE_UNAVAILABLE: 'only when the optional @duckdb/node-api is not installed',
  INPUT_CHANGED: 'an input changing during the run: test/report/render-xlsx.test.ts',
};

const CASES = errorCases();

describe('fixtures/errors: one minimal input per failure code', () => {
  it.each(CASES.map((c) => [caseName(c), c] as const))('%s: exit 2, the code and the location, no stack trace', async (_name, c) => {
    const r = await runCli(c.args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const where = c.at === undefined ? '' : `${formatLocation(c.at)}: `;
    expect(r.stderr.startsWith(`fundgap: [${c.code}] ${where}`), r.stderr).toBe(true);
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r.stderr).not.toMatch(/internal error|程序内部出错/);
  });

  it('has a folder for every code of the catalogue, and none for a code it does not have', () => {
    const folders = readdirSync(ERROR_FIXTURES).sort();
    const codes = Object.keys(FAILURE_CATALOGUE).filter((c) => !(c in NOT_FROM_A_FIXTURE)).sort();
    expect(folders).toEqual(codes);
  });
});
