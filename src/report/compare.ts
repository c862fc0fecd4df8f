// A report as recorded against the same report made again: the first place they differ, in
// the order an inspector reads a report — the totals, then each key in order (its text, then
// each figure), then the number of findings of each rule, then anything else the report
// states. Only what the recorded report states is checked: an older report that records less
// is checked on what it has.

import { RULE_IDS } from '../domain.js';
import type { GapReport } from './model.js';
import { findingJson, headOf, keyJson } from './render-json.js';

export const TOTAL_FIGURES = ['allocated', 'disbursed', 'landed', 'retained', 'notLanded', 'gap', 'rates.disbursed', 'rates.landed'] as const;
export const KEY_FIGURES = ['key', ...TOTAL_FIGURES, 'status'] as const;

export type TotalFigure = (typeof TOTAL_FIGURES)[number];
export type KeyFigure = (typeof KEY_FIGURES)[number];

/** `report` is the value the report states (undefined: it has none there), `now` the re-run's. */
export type Difference =
  | { kind: 'total'; figure: TotalFigure; report: unknown; now: unknown }
  /** `index` counts from 0 in the report's order; `key` is the key's text in the report (or the re-run's, past the report's last). */
  | { kind: 'key'; index: number; key: string; figure: KeyFigure; report: unknown; now: unknown }
  | { kind: 'rule'; rule: string; report: number; now: number }
  | { kind: 'other'; path: string; report: unknown; now: unknown };

export interface Recorded {
  head: Record<string, unknown>;
  /**
   * Keys then findings (a JSON report), each as its JSON text and, when that differs from the
   * re-run's, parsed; null when the report carries its head only (an XLSX working paper).
   */
  items: AsyncIterable<{ part: 'keys' | 'findings'; text: string; value(): unknown }> | null;
  /**
   * Whether findings' wording and evidence and the rest of the head are compared too, beyond
   * the figures: not for fundgap.report/v1, which wrote them otherwise.
   */
  inFull: boolean;
  /** Paths left to another check (the files' hashes). */
  ignore?: (path: string) => boolean;
}

export interface Comparison {
  first: Difference | null;
  /** Keys whose text or figures differ (JSON reports). */
  keysDiffering: number;
  keys: number;
  findings: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined;
  return v;
}

/** JSON values equal as JSON text is: same types, same members in any order. */
function same(a: unknown, b: unknown): boolean {
  return firstDiff(a, b, '') === null;
}

/**
 * The first place `now` differs from what `report` states, walking `report`'s own members:
 * one `report` lacks is not looked at.
 */
export function firstDiff(report: unknown, now: unknown, path: string, ignore?: (path: string) => boolean): { path: string; report: unknown; now: unknown } | null {
  if (ignore?.(path)) return null;
  if (Array.isArray(report)) {
    if (!Array.isArray(now)) return { path, report, now };
    for (let i = 0; i < Math.max(report.length, now.length); i++) {
      if (i >= report.length || i >= now.length) return { path: `${path}[${i}]`, report: report[i], now: now[i] };
      const d = firstDiff(report[i], now[i], `${path}[${i}]`, ignore);
      if (d) return d;
    }
    return null;
  }
  if (isObject(report)) {
    if (!isObject(now)) return { path, report, now };
    for (const [k, v] of Object.entries(report)) {
      const d = firstDiff(v, now[k], path === '' ? k : `${path}.${k}`, ignore);
      if (d) return d;
    }
    return null;
  }
  return report === now ? null : { path, report, now };
}

/** Plain JSON, as the report file holds it. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/**
 * Compares in the order an inspector reads: totals, keys and findings, the count of each rule,
 * the rest of the head. A difference in a figure wins over any other, wherever it comes.
 */
export async function compareReports(recorded: Recorded, rerun: GapReport): Promise<Comparison> {
  const nowHead = plain(headOf(rerun)) as Record<string, unknown>;
  const found = new FirstDifferences(recorded.ignore);
  compareTotals(recorded.head, nowHead, found);
  const items = recorded.items ? await compareItems(recorded.items, recorded, rerun, found) : undefined;
  const ruleCounts = items?.ruleCounts ?? statedRuleCounts(recorded.head);
  if (recorded.items || isObject(at(recorded.head, 'summary.rules'))) compareRuleCounts(ruleCounts, rerun, found);

  // The rest of the head: how each input was read, the summary, ageing, roll-ups, the parameters.
  for (const [name, value] of recorded.inFull ? Object.entries(recorded.head) : []) {
    if (name === 'schema' || name === 'tool' || name === 'totals') continue;
    found.noteOther(firstDiff(value, nowHead[name], name, recorded.ignore));
  }

  return { first: found.first ?? found.other, keysDiffering: items?.keysDiffering ?? 0, keys: items ? items.keys : rerun.keys.size, findings: rerun.findings.size };
}

/** The first difference in a figure, and the first anywhere else (said only when the figures agree). */
class FirstDifferences {
  first: Difference | null = null;
  other: Difference | null = null;

  constructor(private readonly ignore: ((path: string) => boolean) | undefined) {}

  noteOther(d: { path: string; report: unknown; now: unknown } | null): void {
    if (d && !this.other && !this.ignore?.(d.path)) this.other = { kind: 'other', ...d };
  }
}

/** The totals first: a report whose totals differ is wrong whatever else it says. */
function compareTotals(head: Record<string, unknown>, nowHead: Record<string, unknown>, found: FirstDifferences): void {
  for (const figure of TOTAL_FIGURES) {
    const [report, now] = [at(head.totals, figure), at(nowHead.totals, figure)];
    if (!found.first && !same(report, now)) found.first = { kind: 'total', figure, report, now };
  }
}

/** Each recorded key and finding against the re-run's, in order; findings are counted by rule. */
async function compareItems(
  items: NonNullable<Recorded['items']>,
  recorded: Recorded,
  rerun: GapReport,
  found: FirstDifferences,
): Promise<{ keys: number; keysDiffering: number; ruleCounts: Map<string, number> }> {
  let keys = 0;
  let keysDiffering = 0;
  let findings = 0;
  const ruleCounts = new Map<string, number>();
  const nowKeys = rerun.keys[Symbol.iterator]();
  const nowFindings = rerun.findings[Symbol.iterator]();
  for await (const item of items) {
    // The same text is the same item: only a line that differs is parsed and walked.
    if (item.part === 'keys') {
      const index = keys++;
      const next = nowKeys.next();
      const nowText = next.done ? undefined : JSON.stringify(keyJson(next.value));
      if (item.text === nowText) continue;
      const [report, now] = [item.value(), nowText === undefined ? undefined : JSON.parse(nowText)];
      const figure = KEY_FIGURES.find((f) => !same(at(report, f), at(now, f)));
      if (figure !== undefined) {
        keysDiffering++;
        const key = String(at(report, 'key') ?? at(now, 'key') ?? '');
        found.first ??= { kind: 'key', index, key, figure, report: at(report, figure), now: at(now, figure) };
      } else {
        found.noteOther(firstDiff(report, now, `keys[${index}]`, recorded.ignore));
      }
    } else {
      const index = findings++;
      const next = recorded.inFull ? nowFindings.next() : undefined;
      const nowText = next === undefined || next.done ? undefined : JSON.stringify(findingJson(next.value, rerun));
      const report = item.text === nowText ? undefined : item.value();
      const rule = String(report === undefined ? next!.value!.rule : at(report, 'rule'));
      ruleCounts.set(rule, (ruleCounts.get(rule) ?? 0) + 1);
      if (report !== undefined && recorded.inFull) found.noteOther(firstDiff(report, nowText === undefined ? undefined : JSON.parse(nowText), `findings[${index}]`, recorded.ignore));
    }
  }
  // Keys the re-run has past the report's last.
  for (let next = nowKeys.next(); !next.done; next = nowKeys.next(), keys++) {
    keysDiffering++;
    found.first ??= { kind: 'key', index: keys, key: next.value.display, figure: 'key', report: undefined, now: next.value.display };
  }
  return { keys, keysDiffering, ruleCounts };
}

/** A report with its head only (an XLSX working paper) states the count of each rule there. */
function statedRuleCounts(head: Record<string, unknown>): Map<string, number> {
  const ruleCounts = new Map<string, number>();
  const stated = at(head, 'summary.rules');
  if (isObject(stated)) for (const [rule, n] of Object.entries(stated)) ruleCounts.set(rule, Number(n));
  return ruleCounts;
}

/** The number of findings of each rule, the known rules in their order, then any the report names besides. */
function compareRuleCounts(ruleCounts: ReadonlyMap<string, number>, rerun: GapReport, found: FirstDifferences): void {
  const nowCounts = rerun.findings.rules() as Record<string, number>;
  const rules = [...RULE_IDS, ...[...ruleCounts.keys()].filter((r) => !(RULE_IDS as readonly string[]).includes(r))];
  for (const rule of rules) {
    const [report, now] = [ruleCounts.get(rule) ?? 0, nowCounts[rule] ?? 0];
    if (!found.first && report !== now) found.first = { kind: 'rule', rule, report, now };
  }
}
