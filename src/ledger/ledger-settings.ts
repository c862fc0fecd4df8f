// How one ledger (or the roster) is read, as the config and the command line set it: which
// sheet, unit, encoding, header row and columns, how its payment-status column and heading
// rows are read, and where its table ends. The reader takes it as data; settings.ts holds it
// for each role.

import type { Unit } from '../money.js';
import type { EncodingName } from '../sheets/encoding.js';
import type { HeadingsSetting } from './headings.js';
import type { ColumnMap, StatusSetting } from './layout.js';

export interface LedgerSettings {
  sheet?: string | undefined;
  unit?: Unit | undefined;
  encoding?: EncodingName | undefined;
  headerRow?: number | undefined;
  columns?: ColumnMap | undefined;
  /** How a payment-status column is read: extra success and failure words, or false for none. */
  status?: StatusSetting | undefined;
  /** Which rows are headings: none, or exactly these rows (as Excel numbers them). */
  headings?: HeadingsSetting | undefined;
  /** The last row of the table (as Excel numbers it); rows below are not read. */
  lastRow?: number | undefined;
}
