// The settings the SQL depends on, as the one row of the `params` table (sql/params-schema.sql):
// limits in fen and in millionths of a percent, so every comparison the SQL makes is integer
// arithmetic. A percentage with more than six places cannot be written there, and says so.

import { FundgapError } from '../errors.js';
import { exactText } from '../money.js';
import type { Limit, Settings } from '../settings.js';
import { sqlString } from './duckdb.js';

const STAGES = [
  ['retained', 'retained'],
  ['overDisbursed', 'over_disbursed'],
  ['notLanded', 'not_landed'],
  ['overLanded', 'over_landed'],
] as const;

function micro(limit: Limit, stage: string, settings: Settings, command: 'normalise' | 'reconcile'): string {
  const p = limit.percent!;
  if (p.scale > 6) {
    const option = settings.sources[`tolerance.${stage}.percent`] === 'config' ? `tolerance.${stage}.percent` : '--tolerance-pct';
    const value = exactText(p);
    throw new FundgapError({ code: 'USAGE', problem: 'tolerance-places', value, option, command });
  }
  return (p.coef * 10n ** BigInt(6 - p.scale)).toString();
}

/** `SELECT … AS retained_abs_fen, …`: the params row as a query, for DuckDB to write or to view. */
export function paramsQuery(settings: Settings, command: 'normalise' | 'reconcile'): string {
  const cols: string[] = [];
  const big = (v: string | undefined) => (v === undefined ? 'CAST(NULL AS BIGINT)' : `CAST(${v} AS BIGINT)`);
  for (const [stage, column] of STAGES) {
    const limit = settings.tolerance[stage];
    cols.push(`${big(limit.absolute?.toString())} AS ${column}_abs_fen`);
    cols.push(`${big(limit.percent === undefined ? undefined : micro(limit, stage, settings, command))} AS ${column}_pct_micro`);
  }
  cols.push(`CAST(${settings.duplicateWindowDays} AS INTEGER) AS duplicate_window_days`);
  cols.push(`CAST(${settings.lateDays ?? 'NULL'} AS INTEGER) AS late_days`);
  cols.push(`CAST(${settings.asOf === undefined ? 'NULL' : sqlString(settings.asOf)} AS DATE) AS as_of`);
  return `SELECT ${cols.join(', ')}`;
}
