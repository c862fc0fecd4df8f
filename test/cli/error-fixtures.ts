// The cases under fixtures/errors/<CODE>/: each folder is named for the failure code its
// inputs cause, and its cases.json gives the command line ({dir} is the folder) and where the
// failure must point (file, sheet, row, column). error-fixtures.test.ts checks the code and the
// location; goldens.test.ts keeps the printed message of each as a golden.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Location } from '../../src/failures.js';

export const ERROR_FIXTURES = 'fixtures/errors';

export interface ErrorCase {
  code: string;
  /** Set where a folder holds more than one case. */
  name?: string;
  args: string[];
  /** Where the failure points; absent for a failure of the command line itself. */
  at?: Location;
}

function withDir<T>(value: T, dir: string): T {
  return JSON.parse(JSON.stringify(value).replaceAll('{dir}', dir)) as T;
}

export function errorCases(): ErrorCase[] {
  const out: ErrorCase[] = [];
  for (const code of readdirSync(ERROR_FIXTURES).sort()) {
    const dir = join(ERROR_FIXTURES, code);
    const file = join(dir, 'cases.json');
    if (!existsSync(file)) throw new Error(`${dir} has no cases.json`);
    const cases = JSON.parse(readFileSync(file, 'utf8')) as Omit<ErrorCase, 'code'>[];
    for (const c of cases) out.push({ code, ...withDir(c, dir) });
  }
  return out;
}

export const caseName = (c: ErrorCase): string => (c.name === undefined ? c.code : `${c.code}-${c.name}`);
