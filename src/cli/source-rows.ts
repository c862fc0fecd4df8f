// The rows of the opened inputs, read again by number for the working paper's quoted evidence,
// each input in one pass. The file is hashed again afterwards: rows quoted from a file that
// changed since it was reconciled would not be the evidence behind the figures.

import type { ByRole } from '../domain.js';
import { FundgapError, t } from '../errors.js';
import { sha256File } from '../io/files.js';
import type { LedgerInput } from '../pipeline.js';
import type { SourceRows } from '../report/render-xlsx.js';
import { pickRows } from '../sheets/pick-rows.js';

export function sourceRows(inputs: ByRole<LedgerInput>, roster: LedgerInput | undefined): SourceRows {
  return {
    async *pick(role, rows) {
      const input = role === 'roster' ? roster : inputs[role];
      if (!input) return;
      yield* pickRows(input.source, rows);
      if ((await sha256File(input.source.path)) !== input.sha256) {
        throw new FundgapError('INPUT_CHANGED', t('生成报告期间，这个文件被修改了', 'this file changed while the report was being written'), {
          at: { file: input.source.path },
          hint: t('请在文件不再变动后重新运行。', 'Run again once the file has stopped changing.'),
        });
      }
    },
  };
}
