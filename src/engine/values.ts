// Values of an engine's result tables, read exactly: DECIMAL amounts to fen (never through a
// double), lists of row numbers, dates as ISO text. A value of the wrong kind is a result table
// fundgap did not write, and is an exit-2 error naming the table and column.

import { FundgapError, t } from '../errors.js';
import type { Money } from '../money.js';

export type Row = Record<string, unknown>;

function bad(table: string, column: string, value: unknown): FundgapError {
  return new FundgapError('RESULTS_INVALID', t(
    `结果表 ${table} 的 ${column} 列不是 fundgap 的 SQL 给出的那种值`,
    `column ${column} of the result table ${table} is not what fundgap's SQL gives`,
  ), {
    text: String(value),
    hint: t('请用 sql/ 中的 SQL 重新生成结果表（docs/scale.md 说明了每张表）。', "Produce the result tables again with the SQL in sql/ (docs/scale.md describes each)."),
  });
}

export class Reader {
  constructor(readonly table: string) {}

  /** A DECIMAL in 元 (any scale up to the fen), or an integer, as fen. */
  fen(row: Row, column: string): Money {
    const v = row[column];
    if (v !== null && typeof v === 'object' && 'value' in v && 'scale' in v && typeof v.value === 'bigint' && typeof v.scale === 'number') {
      if (v.scale <= 2) return v.value * 10n ** BigInt(2 - v.scale);
      const div = 10n ** BigInt(v.scale - 2);
      if (v.value % div === 0n) return v.value / div;
    }
    if (typeof v === 'bigint') return v * 100n;
    throw bad(this.table, column, v);
  }

  bigint(row: Row, column: string): bigint {
    const v = row[column];
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    if (v !== null && typeof v === 'object' && 'value' in v && 'scale' in v && v.scale === 0 && typeof v.value === 'bigint') return v.value;
    throw bad(this.table, column, v);
  }

  int(row: Row, column: string): number {
    const v = row[column];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    throw bad(this.table, column, v);
  }

  bool(row: Row, column: string): boolean {
    const v = row[column];
    if (typeof v === 'boolean') return v;
    throw bad(this.table, column, v);
  }

  text(row: Row, column: string): string {
    const v = row[column];
    if (typeof v === 'string') return v;
    throw bad(this.table, column, v);
  }

  optionalText(row: Row, column: string): string | undefined {
    return row[column] === null || row[column] === undefined ? undefined : this.text(row, column);
  }

  date(row: Row, column: string): string {
    const v = row[column];
    const text = v === null || v === undefined ? '' : String(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    throw bad(this.table, column, v);
  }

  optionalDate(row: Row, column: string): string | undefined {
    return row[column] === null || row[column] === undefined ? undefined : this.date(row, column);
  }

  /** A list of integers (row numbers); NULL is an empty list. */
  ints(row: Row, column: string): number[] {
    return this.items(row, column).map((x) => this.int({ [column]: x }, column));
  }

  bigints(row: Row, column: string): bigint[] {
    return this.items(row, column).map((x) => this.bigint({ [column]: x }, column));
  }

  dates(row: Row, column: string): string[] {
    return this.items(row, column).map((x) => this.date({ [column]: x }, column));
  }

  private items(row: Row, column: string): unknown[] {
    const v = row[column];
    if (v === null || v === undefined) return [];
    if (typeof v === 'object' && 'items' in v && Array.isArray(v.items)) return v.items as unknown[];
    throw bad(this.table, column, v);
  }
}
