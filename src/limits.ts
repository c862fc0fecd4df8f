// The limits a run reads within, with their defaults, in one place: how many row problems a
// ledger lists before it stops listing (--max-errors), how many rows one sheet may have
// (--max-rows), and how many significant digits an amount may have (fixed: no ledger needs
// more, and a longer "amount" is an ID or account number in the wrong column).

export interface ReadLimits {
  /** Row problems (bad amounts, dates, ragged rows …) listed for one ledger; the rest are counted. */
  maxErrors: number;
  /** Rows one sheet may have, header and all. */
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxErrors: 20,
  // Far past any county's ledger (Excel itself stops at 1,048,576 rows); a CSV this long is
  // most likely not a ledger, and the run says how to go on if it is.
  maxRows: 50_000_000,
};

/** The option that raises each limit, as messages name it. */
export const LIMIT_OPTIONS: Record<keyof ReadLimits, string> = {
  maxErrors: '--max-errors',
  maxRows: '--max-rows',
};

/** Significant digits an amount may have: 18 digits of 元 and two of fen. */
export const MAX_AMOUNT_DIGITS = 20;
