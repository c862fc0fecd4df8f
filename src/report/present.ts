// Small pieces the human-readable renderers (text, Markdown, inspect) share: rows grouped for
// showing as ranges, where a row lives, and amounts shown to the 分 with a note of whether
// any figure was rounded to get there.

import { formatDisplay, formatPercent, isRoundedAt, type Money } from '../money.js';
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

/** Shows amounts to the 分 and remembers whether that rounded any of them. */
export function moneyShower(): { show(m: Money): string; rounded(): boolean } {
  let rounded = false;
  return {
    show(m) {
      rounded ||= isRoundedAt(m);
      return formatDisplay(m);
    },
    rounded: () => rounded,
  };
}

export function showRate(r: Money | null): string {
  return r === null ? '—' : `${formatPercent(r)}%`;
}

/**
 * Findings that record a decision the reading made which changed a figure (a unit inferred,
 * rows left out, keys merged). Summaries list them next to the figures they changed.
 */
export function readingDecisions(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => RULE_KINDS[f.rule] === 'reading');
}
