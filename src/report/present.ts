// Small pieces the human-readable renderers (text, Markdown, inspect) share: rows grouped for
// showing as ranges, where a row lives, rates, and the findings that record reading decisions.

import { formatPercent, type Rate } from '../money.js';
import { RULE_KINDS } from '../domain.js';
import type { Evidence, Finding } from '../rules/types.js';

/** Row numbers grouped by a label (a skip reason, a file), in first-seen order. */
export function groupRows<T>(items: Iterable<T>, labelOf: (item: T) => string, rowOf: (item: T) => number): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const label = labelOf(item);
    const rows = groups.get(label);
    if (rows) rows.push(rowOf(item));
    else groups.set(label, [rowOf(item)]);
  }
  return groups;
}

/** `landed.xlsx [落地明细]`, or the file alone for CSV. */
export function whereOf(e: Pick<Evidence, 'file' | 'sheet'>): string {
  return e.sheet ? `${e.file} [${e.sheet}]` : e.file;
}

/** Evidence rows by the file (and sheet) they are in. */
export function evidenceByInput(evidence: readonly Evidence[]): Map<string, number[]> {
  return groupRows(evidence, whereOf, (e) => e.row);
}

export function showRate(r: Rate | null): string {
  return r === null ? '—' : `${formatPercent(r)}%`;
}

/**
 * Findings that record a decision the reading made which changed a figure (a unit inferred,
 * rows left out, keys merged). Summaries list them next to the figures they changed.
 */
export function readingDecisions(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => RULE_KINDS[f.rule] === 'reading');
}
