// Roll-ups (--group-by): the three figures and the gaps by town, village, fund source or
// any other column. A row is grouped by its own cell when its ledger has the column; a
// ledger without it (a landed sheet with no 乡镇) lends each row the group its key has in
// the ledgers that do, so the money still lands in the right town.

import { ROLES, type ByRole, type Role } from '../domain.js';
import { FundgapError } from '../errors.js';
import { cellText } from '../ledger/header.js';
import { resolveColumn } from '../ledger/layout.js';
import { ZERO, type Money } from '../money.js';
import { figures, type Figures } from '../reconcile/reconcile.js';
import { normaliseKey } from '../text/normalise.js';
import type { AnalysisRun } from './types.js';

export interface RollupLine extends Figures {
  group: string;
}

export interface Rollup {
  /** The column as asked for (`乡镇`, `fundSource`). */
  by: string;
  lines: RollupLine[];
}

/** Shown for rows whose group is nowhere to be found. */
export const NO_GROUP = '—';

export function startRollup(by: string): AnalysisRun<Rollup> {
  const sums = new Map<string, ByRole<Money>>();
  const keyGroup = new Map<string, string>();
  // Money of ledgers without the column, per key, placed once every key's group is known.
  const ungrouped = new Map<string, ByRole<Money>>();
  const columns = new Map<Role, number | undefined>();
  const add = (map: Map<string, ByRole<Money>>, id: string, role: Role, amount: Money) => {
    let s = map.get(id);
    if (!s) {
      s = { allocated: ZERO, disbursed: ZERO, landed: ZERO };
      map.set(id, s);
    }
    s[role] = (s[role] + amount);
  };
  return {
    observe(role, row, layout) {
      if (!columns.has(role)) columns.set(role, resolveColumn(layout, by)?.index);
      const col = columns.get(role);
      const id = row.keyId;
      if (col === undefined) {
        add(ungrouped, id, role, row.amount);
        return;
      }
      const group = normaliseKey(cellText(row.raw.cells[col])) || NO_GROUP;
      if (!keyGroup.has(id)) keyGroup.set(id, group);
      add(sums, group, role, row.amount);
    },
    finish({ merges }) {
      if (![...columns.values()].some((c) => c !== undefined)) {
        throw new FundgapError({ code: 'COLUMN_NOT_FOUND', problem: 'group-by', by });
      }
      for (const m of merges) if (!keyGroup.has(m.from.id) && keyGroup.has(m.into.id)) keyGroup.set(m.from.id, keyGroup.get(m.into.id)!);
      for (const [id, s] of ungrouped) for (const role of ROLES) add(sums, keyGroup.get(id) ?? NO_GROUP, role, s[role]);
      const lines = [...sums].map(([group, s]) => ({ group, ...figures(s.allocated, s.disbursed, s.landed) }));
      lines.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
      return { by, lines };
    },
  };
}
