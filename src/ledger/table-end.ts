// Where a table ends. Sign-off lines (制表人：…  审核人：…, 联系电话, 填报日期) under the data
// end it, or the config's `lastRow` does; the rows below are skipped with a reason and never
// raise an amount or date error. Money below the end is never dropped quietly: below a
// sign-off it stops the run with the config that settles it, below `lastRow` it is a finding.

import { FundgapError } from '../errors.js';
import { cellNumber, exactFromText, formatGrouped, parseAmount, toFen, type Exact, type Money, type Unit } from '../money.js';
import type { RawRow } from '../sheets/types.js';
import type { Verdict } from './rows.js';
import { cellText, isSignOffLine } from './header.js';
import type { Layout } from './layout.js';

export interface AfterEndContext {
  layout: Layout;
  fallbackUnit: Unit;
}

/** The money in a row's amount cells, read leniently: anything that is not an amount is none. */
function moneyIn(ctx: AfterEndContext, raw: RawRow): Money | undefined {
  let sum: Money | undefined;
  for (const col of ctx.layout.amountColumns) {
    const m = moneyInCell(ctx, raw, col);
    if (m !== undefined) sum = sum === undefined ? m : (sum + m);
  }
  return sum === undefined || (sum === 0n) ? undefined : sum;
}

function moneyInCell(ctx: AfterEndContext, raw: RawRow, col: number): Money | undefined {
  const cell = raw.cells[col];
  if (cell === undefined || raw.covered?.has(col)) return undefined;
  let value: Exact | null = null;
  let unit: Unit | undefined;
  if (cell.t === 'number') {
    const v = exactFromText(cell.v);
    value = v && cellNumber(v);
  } else if (cell.t === 'text') {
    const p = parseAmount(cell.v);
    if (p?.kind === 'amount') [value, unit] = [p.value, p.unit];
  }
  if (value === null || value.coef === 0n) return undefined;
  return toFen(value, unit ?? ctx.layout.unit ?? ctx.fallbackUnit).fen;
}

/** What the row calls itself: its key as written, else its first text. */
function labelOf(ctx: AfterEndContext, raw: RawRow): string {
  const key = ctx.layout.keyColumns.map((c) => cellText(raw.cells[c]).trim()).filter((s) => s !== '');
  if (key.length) return key.join(' / ');
  for (let i = 0; i < raw.cells.length; i++) {
    if (ctx.layout.amountColumns.includes(i) || raw.covered?.has(i)) continue;
    const s = cellText(raw.cells[i]).trim();
    if (s !== '') return s;
  }
  return '';
}

/** A row below the end of the table, and the money it holds (if any). */
export function afterEnd(ctx: AfterEndContext, raw: RawRow, cutByConfig: boolean): { verdict: Verdict; money: Money | undefined; label: string } {
  const texts = raw.cells.map(cellText).map((s) => s.trim()).filter((s) => s !== '');
  if (texts.length === 0) return { verdict: { kind: 'skip', row: raw.row, reason: 'blank' }, money: undefined, label: '' };
  const label = labelOf(ctx, raw);
  if (isSignOffLine(texts[0]!)) return { verdict: { kind: 'skip', row: raw.row, reason: 'sign-off' }, money: undefined, label };
  const money = moneyIn(ctx, raw);
  const verdict: Verdict =
    cutByConfig && money !== undefined
      ? { kind: 'skip', row: raw.row, reason: 'after-end', excluded: { reason: 'after-end', amount: money, label } }
      : { kind: 'skip', row: raw.row, reason: 'after-end' };
  return { verdict, money, label };
}

/** Money below the sign-off lines: part of the table, or not? Only the user knows. */
export function moneyAfterSignOff(
  at: { file: string; sheet: string | undefined; configPath: string; layout: Layout },
  signOffRow: number,
  first: { row: number; label: string; amount: Money },
  lastMoneyRow: number,
  count: number,
): FundgapError {
  const col = at.layout.columns[at.layout.amountColumn]!;
  return new FundgapError({
    code: 'ROWS_AFTER_END',
    at: { file: at.file, sheet: at.sheet, row: first.row, column: `${col.ref} (${col.name.display})` },
    signOffRow,
    count,
    label: first.label,
    amount: formatGrouped(first.amount),
    lastMoneyRow,
    configPath: at.configPath,
  });
}
