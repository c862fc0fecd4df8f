// Analyses add figures to the report's summary (ageing, roll-ups) the way rules add
// findings: they may watch rows stream past and compute their result at the end.

import type { Role } from '../domain.js';
import type { LedgerRow } from '../ledger/classify.js';
import type { Layout } from '../ledger/layout.js';
import type { KeyList } from '../reconcile/reconcile.js';
import type { KeyMerge } from '../reconcile/near-miss.js';

export interface AnalysisRun<T> {
  observe?(role: Role, row: LedgerRow, layout: Layout): void;
  finish(ctx: { keys: KeyList; merges: readonly KeyMerge[] }): T;
}
