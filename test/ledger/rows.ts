// Raw rows written as literals, the way a reader would yield them, for the ledger-layer tests.

import { expect } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import type { Cell, RawRow } from '../../src/sheets/types.js';

/** A cell from a literal: '' is empty, a string is text, `n('1.5')` a numeric cell. */
export type Lit = string | Cell;

export const n = (v: string): Cell => ({ t: 'number', v });
export const d = (v: string, serial = ''): Cell => ({ t: 'date', v, serial });

export function cell(x: Lit): Cell {
  if (typeof x !== 'string') return x;
  return x === '' ? { t: 'empty' } : { t: 'text', v: x };
}

/** Rows numbered from `first` (1 by default), one per array of cells. */
export function rows(lines: Lit[][], first = 1): RawRow[] {
  return lines.map((cells, i) => ({ row: first + i, cells: cells.map(cell) }));
}

/** A row with merged cells: `covered` columns hold the anchor's value, as the XLSX reader fills them. */
export function merged(row: number, cells: Lit[], covered: number[]): RawRow {
  return { row, cells: cells.map(cell), covered: new Set(covered) };
}

/** The FundgapError `f` throws (the test fails if it returns). */
export function failure(f: () => unknown): FundgapError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FundgapError);
    return e as FundgapError;
  }
  throw new Error('expected a FundgapError');
}
