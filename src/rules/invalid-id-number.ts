// 虚报冒领 starts with people who cannot exist: an ID number with a wrong check digit, a birth
// date no calendar has, a region code no province uses, or digits a spreadsheet destroyed by
// storing the number as a number. One finding per ID per ledger, with every row paid to it.

import { ROLES, type ByRole, type Role } from '../domain.js';
import type { Money } from '../money.js';
import { checkIdNumber, normaliseIdNumber, type IdProblem } from '../text/id-number.js';
import { RowGroup } from './row-group.js';
import { evidenceRows, sharedKey, type FindingDraft, type InputRef, type Rule } from './types.js';

interface Bad {
  role: Role;
  idNumber: string;
  payee: string | undefined;
  problem: IdProblem;
  paid: RowGroup;
}

export const invalidIdNumber: Rule = {
  id: 'invalid-id-number',
  severity: 'error',
  start({ settings }) {
    // Only bad IDs are remembered: a million valid ones cost nothing to re-check and
    // would cost memory to keep.
    const bad = new Map<string, Bad>();
    return {
      observe(role, row) {
        if (row.idNumber === undefined) return;
        const id = normaliseIdNumber(row.idNumber);
        const seen = `${role}\u0000${id}\u0000${row.idNumberWasNumber ? 'n' : 't'}`;
        let b = bad.get(seen);
        if (!b) {
          const check = checkIdNumber(row.idNumber, row.idNumberWasNumber === true, settings.asOf);
          if (check.ok) return;
          b = { role, idNumber: row.idNumber, payee: row.payee, problem: check.problem, paid: new RowGroup() };
          bad.set(seen, b);
        }
        b.paid.add(row);
      },
      finish(ctx): FindingDraft[] {
        return [...bad.values()]
          .sort((x, y) => ROLES.indexOf(x.role) - ROLES.indexOf(y.role) || x.paid.rows[0]! - y.paid.rows[0]!)
          .map((b) => invalidIdFinding({ ...b, key: sharedKey(ctx, b.paid.keys), amount: b.paid.amount, rows: b.paid.rows }, ctx.inputs));
      },
    };
  },
};

/** One bad ID's finding, from this engine's rows or from the SQL's invalid_ids table. */
export function invalidIdFinding(
  b: { role: Role; key: string | null; amount: Money; idNumber: string; payee: string | undefined; problem: IdProblem; rows: readonly number[] },
  inputs: ByRole<InputRef>,
): FindingDraft {
  return {
    rule: 'invalid-id-number',
    key: b.key,
    amount: b.amount,
    details: { rule: 'invalid-id-number', role: b.role, idNumber: b.idNumber, payee: b.payee, problem: b.problem },
    evidence: evidenceRows(inputs[b.role], b.role, b.rows),
  };
}
