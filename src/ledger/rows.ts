// What reading a ledger's rows produces: a data row carrying money for one key, a total row,
// a skipped row with its reason, or a row whose money the figures leave out; and the context
// a row is read in. classify.ts decides which; payment-status.ts, the accumulator and the
// rules take these as data.

import type { Location } from '../errors.js';
import type { Exact, Money, Unit } from '../money.js';
import type { RawRow, SheetFormat } from '../sheets/types.js';
import type { CarriedKind, TotalKind } from './header.js';
import type { Layout, StatusSetting } from './layout.js';

export type SkipReason =
  | 'blank'
  | 'title'
  | 'unit'
  | 'header'
  | 'note'
  | 'no-amount'
  | 'merged-amount'
  | 'group-heading'
  | 'breakdown'
  | 'subtotal'
  | 'total'
  | 'payment-failed'
  | 'carried-forward'
  | 'page-total'
  | 'sign-off'
  | 'after-end';

/** Why a row's money is left out of the figures although the row holds an amount. */
export type ExclusionReason = 'group-heading' | 'breakdown' | 'payment-failed' | 'after-end';

/**
 * A row that holds money the figures leave out because of how the sheet was read: a heading
 * carrying the sum of the rows under it, a 其中 breakdown of the row above, a payment the bank
 * reports as failed. Each is shown as a finding with its row and amount, so a reader of the
 * findings alone sees every such decision.
 */
export interface ExcludedRow {
  row: number;
  reason: ExclusionReason;
  /** In 元. */
  amount: Money;
  /** What the row calls itself: its key as written, or its first text. */
  label: string;
  /** The ledger's own words for why, where it gives them (a payment's status: 账户已销户). */
  detail?: string | undefined;
  /** The amount as written, in 元, when it had digits past the fen. */
  written?: Exact | undefined;
}

/** A row that carries money for one key. */
export interface LedgerRow {
  row: number;
  /** Key parts as written (trimmed), one per key column. */
  keyParts: string[];
  /** The normalised identity the key is matched on (key.ts). */
  keyId: string;
  /** Rounded to the fen. */
  amount: Money;
  /** The amount as written, in 元, when it had digits past the fen (see toFen). */
  written?: Exact | undefined;
  /** The unit the amount was read in, whether the sheet said so or it was assumed, and whether the cell itself said so (`20万元`). */
  unit: Unit;
  unitStated: boolean;
  unitInCell: boolean;
  date?: string | undefined;
  payee?: string | undefined;
  idNumber?: string | undefined;
  /** The ID number arrived as a spreadsheet number: Excel may already have damaged it. */
  idNumberWasNumber?: boolean | undefined;
  bankAccount?: string | undefined;
  region?: string | undefined;
  fundSource?: string | undefined;
  amountInWords?: string | undefined;
  voucher?: string | undefined;
  /** Who the payment is for, where a column says so apart from the payee (学生姓名, 受益人). */
  beneficiary?: string | undefined;
  hidden: boolean;
  /**
   * The row is numbered like a category heading (一、 or （一）) and may carry the sum of the
   * rows under it rather than money of its own; 1 for 一、, 2 for （一）. See headings.ts.
   */
  heading?: 1 | 2 | undefined;
  /** Other cells by column index, for roll-ups by any header. */
  raw: RawRow;
}

export interface TotalRow {
  row: number;
  /** 合计/小计, or an account book's 承前页/过次页 ('carried') and 本页合计 ('page'). */
  kind: TotalKind | CarriedKind;
  label: string;
  /** The stated total in 元, rounded to the fen, when the row states one. */
  amount: Money | undefined;
  /** The total as written, in 元, when it had digits past the fen. */
  written?: Exact | undefined;
  /** The formula behind the stated total, when it is one. */
  formula: string | undefined;
}

export type Verdict =
  | { kind: 'data'; row: LedgerRow }
  | {
      kind: 'skip';
      row: number;
      reason: SkipReason;
      total?: TotalRow;
      /** The money the row holds that the figures leave out (see ExcludedRow). */
      excluded?: Omit<ExcludedRow, 'row'>;
    };

export interface ClassifyContext {
  file: string;
  sheet?: string | undefined;
  format: SheetFormat;
  layout: Layout;
  /** The unit to assume when neither the cell nor the sheet states one. */
  fallbackUnit: Unit;
  date1904: boolean;
  /** How the payment-status column is read, from the config (payment-status.ts). */
  status?: StatusSetting | undefined;
}

export function location(ctx: ClassifyContext, row: number, col: number): Location {
  const c = ctx.layout.columns[col];
  const ref = c ? c.ref : String(col + 1);
  return { file: ctx.file, sheet: ctx.sheet, row, column: c && c.name.display ? `${ref} (${c.name.display})` : ref };
}

