// The settings the SQL depends on, as the one row of the `params` table (sql/params-schema.sql):
// limits in fen and in millionths of a percent, so every comparison the SQL makes is integer
// arithmetic. A percentage with more than six places cannot be written there, and says so.

import { FundgapError, t } from '../errors.js';
import type { Limit } from '../reconcile/tolerance.js';
import type { Settings } from '../settings.js';
import { sqlString } from './duckdb.js';

const STAGES = [
  ['retained', 'retained'],
  ['overDisbursed', 'over_disbursed'],
  ['notLanded', 'not_landed'],
  ['overLanded', 'over_landed'],
] as const;

function micro(limit: Limit, option: string): string {
  const p = limit.percent!;
  if (p.scale > 6) {
    throw new FundgapError('USAGE', t(
      `百分比容差 ${option} 超过了 6 位小数，SQL 引擎无法精确表示`,
      `the percentage tolerance ${option} has more than six decimal places, which the SQL engine cannot hold exactly`,
    ), { hint: t('请把百分比写到 6 位小数以内，或不用 --engine duckdb。', 'Write the percentage to six places or fewer, or leave out --engine duckdb.') });
  }
  return (p.coef * 10n ** BigInt(6 - p.scale)).toString();
}

/** `SELECT … AS retained_abs_fen, …`: the params row as a query, for DuckDB to write or to view. */
export function paramsQuery(settings: Settings): string {
  const cols: string[] = [];
  const big = (v: string | undefined) => (v === undefined ? 'CAST(NULL AS BIGINT)' : `CAST(${v} AS BIGINT)`);
  for (const [stage, column] of STAGES) {
    const limit = settings.tolerance[stage];
    cols.push(`${big(limit.absolute?.toString())} AS ${column}_abs_fen`);
    cols.push(`${big(limit.percent === undefined ? undefined : micro(limit, stage))} AS ${column}_pct_micro`);
  }
  cols.push(`CAST(${settings.duplicateWindowDays} AS INTEGER) AS duplicate_window_days`);
  cols.push(`CAST(${settings.lateDays ?? 'NULL'} AS INTEGER) AS late_days`);
  cols.push(`CAST(${settings.asOf === undefined ? 'NULL' : sqlString(settings.asOf)} AS DATE) AS as_of`);
  return `SELECT ${cols.join(', ')}`;
}
