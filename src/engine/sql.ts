// The reconciliation as SQL: the files of sql/, read in the order their names give. The same
// files run on DuckDB (after duckdb-prelude.sql) and on Spark SQL; docs/scale.md shows them
// and a test keeps the two the same.

import { readdir, readFile } from 'node:fs/promises';

/** sql/ beside dist/ (a build) or src/ (the tests). */
export const SQL_DIR = new URL('../../sql/', import.meta.url);

export async function sqlFile(name: string): Promise<string> {
  return readFile(new URL(name, SQL_DIR), 'utf8');
}

/** The views, in the order they are created: `NN-name.sql`. */
export async function viewFiles(): Promise<{ name: string; file: string; sql: string }[]> {
  const files = (await readdir(SQL_DIR)).filter((f) => /^\d\d-[\w]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (file) => ({ name: file.slice(3, -4), file, sql: await sqlFile(file) })));
}

/** The tables a run of the SQL hands back, as files of a results folder (docs/scale.md). */
export const RESULT_TABLES = {
  keys: 'key_report',
  totals: 'totals',
  invalid_ids: 'invalid_ids',
  duplicate_payments: 'duplicate_payments',
  duplicate_names: 'duplicate_names',
  late_disbursements: 'late_disbursements',
  retained_tranches: 'retained_tranches',
} as const;

export type ResultTable = keyof typeof RESULT_TABLES;
