// Reads chosen rows of a sheet back by their numbers, after the reconciliation: one streaming
// pass over the file that keeps only the rows asked for and stops after the last of them, so
// a report can quote its evidence without the ledgers ever being held in memory.

import type { Cell, RawRow } from './types.js';
import { detach } from './xlsx/xml.js';

/** What is needed of an opened sheet (openSheet's result): its rows, re-readable. */
export interface RowSource {
  rows(): AsyncIterable<RawRow>;
}

/**
 * The rows of `source` whose numbers (as Excel shows them; CSV: the record's first line) are
 * in `wanted`, in file order. A number no row of the file has is simply not yielded.
 */
export async function* pickRows(source: RowSource, wanted: ReadonlySet<number>): AsyncGenerator<RawRow> {
  if (wanted.size === 0) return;
  let last = 0;
  for (const n of wanted) if (n > last) last = n;
  let left = wanted.size;
  // Leaving the loop early ends the reader's own iteration, which closes the file.
  for await (const row of source.rows()) {
    if (wanted.has(row.row)) {
      yield kept(row);
      if (--left === 0) return;
    }
    if (row.row >= last) return;
  }
}

/**
 * A row to keep after the pass: its text copied out of the reader's buffers, which a slice of
 * a cell would otherwise hold alive (a few quoted rows would keep the whole file's text).
 */
function kept(r: RawRow): RawRow {
  return { row: r.row, cells: r.cells.map(keptCell) };
}

function keptCell(c: Cell): Cell {
  switch (c.t) {
    case 'text':
    case 'number':
    case 'error':
      return { t: c.t, v: detach(c.v) };
    case 'date':
      return { t: 'date', v: detach(c.v), serial: detach(c.serial) };
    case 'no-result':
      return { t: 'no-result', formula: detach(c.formula) };
    default:
      return c;
  }
}
