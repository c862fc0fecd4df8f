// How far reading one ledger has got, for whoever shows it (the CLI draws it on a terminal):
// rows read so far and, where the sheet reader can tell, bytes of the file. Counting only: no
// clock and no drawing here, and a row costs one addition and one comparison.

import type { ReadPosition } from '../sheets/types.js';

export interface ReadProgress extends Partial<ReadPosition> {
  /** Rows of the sheet read so far. */
  rows: number;
  /** The last call for this reading: every row is read. */
  done: boolean;
}

/** Rows between two calls: a display refreshed a few times a second needs no more. */
export const PROGRESS_ROWS = 1024;

export interface ProgressTicker {
  /** One more row read. */
  row(): void;
  /** Reading is over; `rows` is the exact count. */
  end(rows: number): void;
}

/**
 * Calls `report` at once (nothing read yet), every PROGRESS_ROWS rows, and at the end; none
 * when there is no one to report to.
 */
export function startProgress(
  report: ((p: ReadProgress) => void) | undefined,
  position: (() => ReadPosition | undefined) | undefined,
): ProgressTicker | undefined {
  if (!report) return undefined;
  let rows = 0;
  const at = (done: boolean): ReadProgress => ({ ...position?.(), rows, done });
  report({ rows: 0, done: false });
  return {
    row() {
      if (++rows % PROGRESS_ROWS === 0) report(at(false));
    },
    end(total) {
      rows = total;
      report(at(true));
    },
  };
}
