// The approved beneficiary list (建档立卡户名单) given with --roster: only its ID numbers
// matter. The header is the first row among the leading rows with an ID-number column (or
// the column the config names); every later row with an ID adds it to the set.

import { FundgapError } from '../errors.js';
import { matchField } from '../ledger/fields.js';
import { cellText, parseHeaderName } from '../ledger/header.js';
import { HEADER_SCAN_ROWS } from '../ledger/layout.js';
import type { SheetSource } from '../sheets/types.js';
import { normaliseIdNumber } from '../text/id-number.js';
import type { LedgerSettings } from '../ledger/ledger-settings.js';
import { normaliseHeader } from '../text/normalise.js';

export interface RosterRead {
  ids: Set<string>;
  headerRow: number;
  rows: { read: number; used: number; skipped: number };
  /** Rows whose ID cell was a number: the spreadsheet may have destroyed those IDs. */
  numericIds: number[];
}

export async function readRoster(source: SheetSource, settings: LedgerSettings): Promise<RosterRead> {
  const wanted = settings.columns?.idNumber;
  const isIdHeader = (text: string) =>
    wanted !== undefined ? normaliseHeader(text) === normaliseHeader(wanted) : matchField(parseHeaderName(text).base)?.field === 'idNumber';

  const ids = new Set<string>();
  const numericIds: number[] = [];
  let header: { row: number; col: number } | undefined;
  let read = 0;
  let used = 0;
  for await (const raw of source.rows()) {
    read++;
    if (!header) {
      const atConfigured = settings.headerRow === undefined || raw.row === settings.headerRow;
      const col = atConfigured ? raw.cells.findIndex((c) => c.t === 'text' && isIdHeader(c.v)) : -1;
      if (col !== -1) header = { row: raw.row, col };
      else if (read >= HEADER_SCAN_ROWS && settings.headerRow === undefined) break;
      continue;
    }
    const cell = raw.cells[header.col];
    const id = normaliseIdNumber(cellText(cell));
    if (id === '') continue;
    if (cell?.t === 'number') numericIds.push(raw.row);
    ids.add(id);
    used++;
  }
  if (!header) {
    throw new FundgapError({ code: 'COLUMN_NOT_FOUND', at: { file: source.path, sheet: source.sheet }, problem: 'roster-id' });
  }
  return { ids, headerRow: header.row, rows: { read, used, skipped: read - used }, numericIds };
}
