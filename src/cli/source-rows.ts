// The rows of the opened inputs, read again by number for the working paper's quoted evidence,
// each input in one pass. The file is hashed again afterwards: rows quoted from a file that
// changed since it was reconciled would not be the evidence behind the figures.

import type { ByRole } from '../domain.js';
import { FundgapError } from '../errors.js';
import { sha256File } from '../io/files.js';
import type { LedgerInput } from '../sheets/types.js';
import type { SourceRows } from '../report/render-xlsx.js';
import { pickRows } from '../sheets/pick-rows.js';

export function sourceRows(inputs: ByRole<LedgerInput>, roster: LedgerInput | undefined): SourceRows {
  return {
    async *pick(role, rows) {
      const input = role === 'roster' ? roster : inputs[role];
      if (!input) return;
      yield* pickRows(input.source, rows);
      if ((await sha256File(input.source.path)) !== input.sha256) {
        throw new FundgapError({ code: 'INPUT_CHANGED', at: { file: input.source.path } });
      }
    },
  };
}
