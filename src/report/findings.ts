// The report's findings in their one order: severity (errors first), then the rule's place in
// RULE_IDS, then the key's text, then the first row of evidence. Findings about rows and
// reading decisions are few and held as objects; a finding about a key's status is held as
// the key's position only and drafted when the report is written, so a province's hundreds of
// thousands of them cost an integer each.

import { RULE_IDS, SEVERITIES, severityRank, type RuleId, type Severity } from '../domain.js';
import { absMoney } from '../money.js';
import type { Finding, FindingDraft, KeyRule, Rule, StatusContext } from '../rules/types.js';
import type { Settings } from '../settings.js';

/** Severity after the config's override, lowered to a warning below materiality. */
export function severityOf(rule: Pick<Rule, 'id' | 'severity'>, amount: bigint | null, settings: Settings): Severity {
  const base = settings.severity[rule.id] ?? rule.severity;
  if (base === 'error' && settings.materiality !== undefined && amount !== null && absMoney(amount) < settings.materiality) return 'warning';
  return base;
}

const RULE_ORDER = new Map(RULE_IDS.map((id, i) => [id, i]));

function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = severityRank(b.severity) - severityRank(a.severity);
  if (bySeverity) return bySeverity;
  const byRule = RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!;
  if (byRule) return byRule;
  const ka = a.key ?? '';
  const kb = b.key ?? '';
  if (ka !== kb) return ka < kb ? -1 : 1;
  return (a.evidence[0]?.row ?? 0) - (b.evidence[0]?.row ?? 0);
}

type Bucket = { kind: 'found'; findings: Finding[] } | { kind: 'keys'; rule: KeyRule; severity: Severity; positions: number[] };

export class FindingList implements Iterable<Finding> {
  readonly counts: Record<Severity, number>;
  /** In listing order: one per severity and rule that has findings. */
  private readonly buckets: Bucket[] = [];

  constructor(
    found: { rule: Rule; found: FindingDraft[] }[],
    keyRules: readonly KeyRule[],
    private readonly ctx: StatusContext,
  ) {
    this.counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const bySlot = new Map<string, Bucket>();
    const slot = (severity: Severity, rule: RuleId) => `${severity}\u0000${rule}`;
    const materialised = found
      .flatMap(({ rule, found: drafts }) => drafts.map((f): Finding => ({ ...f, severity: severityOf(rule, f.amount, ctx.settings) })))
      .sort(compareFindings);
    for (const f of materialised) {
      const at = slot(f.severity, f.rule);
      let b = bySlot.get(at);
      if (!b) bySlot.set(at, (b = { kind: 'found', findings: [] }));
      (b as { findings: Finding[] }).findings.push(f);
      this.counts[f.severity]++;
    }
    // Keys in the order of their text, so each rule lists its keys alphabetically.
    const keys = ctx.keys;
    const byText = Int32Array.from({ length: keys.size }, (_, n) => n).sort((x, y) => {
      const [a, b] = [keys.displayAt(x), keys.displayAt(y)];
      return a < b ? -1 : a > b ? 1 : x - y;
    });
    for (const rule of keyRules) {
      for (const position of byText) {
        if (!keys.hasStatus(position, rule.status)) continue;
        const severity = severityOf(rule, ctx.settings.materiality === undefined ? null : rule.amount(keys.figuresAt(position)), ctx.settings);
        const at = slot(severity, rule.id);
        let b = bySlot.get(at);
        if (!b) bySlot.set(at, (b = { kind: 'keys', rule, severity, positions: [] }));
        (b as { positions: number[] }).positions.push(position);
        this.counts[severity]++;
      }
    }
    for (const severity of [...SEVERITIES].reverse()) {
      for (const rule of RULE_IDS) {
        const b = bySlot.get(slot(severity, rule));
        if (b) this.buckets.push(b);
      }
    }
  }

  get size(): number {
    return this.counts.error + this.counts.warning + this.counts.info;
  }

  /** Findings per rule, whatever their severity, in RULE_IDS order; rules with none are left out. */
  rules(): Partial<Record<RuleId, number>> {
    const n = new Map<RuleId, number>();
    for (const b of this.buckets) {
      const rule = b.kind === 'found' ? b.findings[0]!.rule : b.rule.id;
      n.set(rule, (n.get(rule) ?? 0) + (b.kind === 'found' ? b.findings.length : b.positions.length));
    }
    return Object.fromEntries(RULE_IDS.filter((r) => n.has(r)).map((r) => [r, n.get(r)!]));
  }

  *[Symbol.iterator](): IterableIterator<Finding> {
    for (const b of this.buckets) yield* this.bucket(b);
  }

  private *bucket(b: Bucket, limit = Infinity): IterableIterator<Finding> {
    if (b.kind === 'found') {
      yield* b.findings.slice(0, limit);
      return;
    }
    const n = Math.min(limit, b.positions.length);
    for (let i = 0; i < n; i++) {
      // Drafted from the key's figures alone (its rows are the key's own), field by field: a
      // spread would build each of a province's findings the slow way.
      const d = b.rule.draft(this.ctx.keys.figuresOfKeyAt(b.positions[i]!), this.ctx);
      yield { rule: d.rule, severity: b.severity, key: d.key, amount: d.amount, details: d.details, evidence: d.evidence, from: d.from };
    }
  }

  /** The findings of the rules `wanted` picks, in order, drafting no others. */
  *where(wanted: (rule: RuleId) => boolean): IterableIterator<Finding> {
    for (const b of this.buckets) if (wanted(b.kind === 'found' ? b.findings[0]!.rule : b.rule.id)) yield* this.bucket(b);
  }

  /** Each severity and rule in order: its first `limit` findings, and how many it has in all. */
  *groups(limit: number): IterableIterator<{ severity: Severity; rule: RuleId; findings: Finding[]; total: number }> {
    for (const b of this.buckets) {
      const findings = [...this.bucket(b, limit)];
      const total = b.kind === 'found' ? b.findings.length : b.positions.length;
      yield { severity: findings[0]!.severity, rule: findings[0]!.rule, findings, total };
    }
  }
}
