// Small pieces the human-readable renderers (text, Markdown, inspect) share: rows grouped for
// showing as ranges, where a row lives, rates, and the findings that record reading decisions.

import { formatPercent, type Rate } from '../money.js';
import { RULE_KINDS } from '../domain.js';
import type { Evidence, Finding } from '../rules/types.js';
import type { FindingList } from './findings.js';
import type { GapReport } from './model.js';

/** How many keys, and findings of a rule, the text and Markdown reports list unless told otherwise. */
export const DEFAULT_TOP = 100;

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
export function readingDecisions(findings: FindingList): Finding[] {
  return [...findings.where((rule) => RULE_KINDS[rule] === 'reading')];
}

/** A finding's rows: its own, or (a key's status finding) the key's rows in the ledgers it names. */
export function evidenceOf(f: Finding, report: Pick<GapReport, 'keys' | 'inputs'>): Evidence[] {
  if (!f.from) return f.evidence;
  const k = report.keys.at(f.from.position);
  return f.from.roles.flatMap((role) => {
    const input = report.inputs.find((i) => i.role === role)!;
    return k.evidence[role].map((row) => ({ role, file: input.path, sheet: input.sheet ?? undefined, row }));
  });
}
