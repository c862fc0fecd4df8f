// Embedded DuckDB, loaded only when a command asks for it: @duckdb/node-api is an optional
// dependency, so the default install stays small and a missing module is an exit-2 message
// saying what to install. Also the two functions the SQL calls that are fundgap's own code:
// the ID check and the netting of reversals, registered as scalar functions.

import { fileURLToPath } from 'node:url';
import { FundgapError, t } from '../errors.js';
import { netReversals } from '../rules/duplicate-payment.js';
import { checkIdNumber } from '../rules/id-number.js';

export type DuckDb = typeof import('@duckdb/node-api');
export type Connection = import('@duckdb/node-api').DuckDBConnection;

let loaded: DuckDb | undefined;

/** The DuckDB module, or an exit-2 error naming the package to install. */
export async function loadDuckDb(): Promise<DuckDb> {
  if (loaded) return loaded;
  try {
    loaded = await import('@duckdb/node-api');
    return loaded;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    throw new FundgapError('ENGINE_UNAVAILABLE', t(
      '这个命令要用 DuckDB（可选依赖 @duckdb/node-api），但它没有安装',
      'this command needs DuckDB (the optional dependency @duckdb/node-api), which is not installed',
    ), {
      hint: t(
        '请在 fundgap 所在目录运行 npm install @duckdb/node-api；不用 DuckDB 时去掉 --engine duckdb，用默认的进程内引擎。',
        'Run npm install @duckdb/node-api where fundgap is installed; or leave out --engine duckdb to use the default in-process engine.',
      ),
      cause: e,
    });
  }
}

/** A file or folder path as an SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A path DuckDB can read, whatever the platform writes paths with. */
export function sqlPath(path: string | URL): string {
  return sqlString((typeof path === 'string' ? path : fileURLToPath(path)).replace(/\\/g, '/'));
}

/** Payments as the SQL hands them to net_reversals: day number × 2^32 + row × 2 + (1 for a reversal). */
const DAY_SHIFT = 4294967296n;
const DAY_MS = 86_400_000;

export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function decodePayment(code: bigint): { date: string; row: number; reversal: boolean } {
  const day = Number(code >= 0n ? code / DAY_SHIFT : -((-code + DAY_SHIFT - 1n) / DAY_SHIFT));
  const rest = Number(code - BigInt(day) * DAY_SHIFT);
  return { date: dayText(day), row: rest >> 1, reversal: (rest & 1) === 1 };
}

/** The scalar functions the SQL calls, from fundgap's own code (Spark registers Python ports). */
export function registerFunctions(duck: DuckDb, db: Connection): void {
  const { BIGINT, BOOLEAN, DATE, INTEGER, LIST, VARCHAR, DuckDBScalarFunction, listValue } = duck;
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
  db.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: 'net_reversals',
      mainFunction: (_info, input, output) => {
        const lists = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) {
          const codes = (lists.getItem(i) as { items: unknown[] }).items as bigint[];
          const payments = codes.map((c) => ({ ...decodePayment(c), key: '', payee: undefined }));
          output.setItem(i, listValue(netReversals(payments).map((p) => p.row)));
        }
        output.flush();
      },
      returnType: LIST(INTEGER),
      parameterTypes: [LIST(BIGINT)],
    }),
  );
}
