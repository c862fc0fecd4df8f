// Keys that almost match. A project spelled one way in the allocation and another in the
// payments shows up as one idle key and one unallocated key; the findings say "did you
// mean …" but the figures are never merged unless --merge-similar asks, and then every
// merge is itself a finding. Similarity is 1 − edit distance / length of the longer key,
// on the normalised text.

import { ROLES, type ByRole } from '../domain.js';
import type { KeyTotals, LedgerTotals } from '../ledger/accumulate.js';
import { splitKey } from '../ledger/key.js';
import { escapeUnseen, lookalike } from '../text/normalise.js';
import { KEY_SEPARATOR } from './reconcile.js';

/** The key an unmatched key probably meant, offered in its finding, never applied silently. */
export interface NearMiss {
  key: string;
  /** 1 − edit distance / length of the longer text, as a decimal string such as "0.92". */
  similarity: string;
  /**
   * When the two keys look the same on screen but are not (a Cyrillic а, a different dash):
   * both written with the characters a person cannot tell apart escaped as \u{…}.
   */
  unseen: { mine: string; theirs: string } | undefined;
}

export interface KeyMerge {
  from: { id: string; display: string };
  into: { id: string; display: string };
  similarity: string;
  /** The rows that moved, by ledger. */
  rows: ByRole<number[]>;
}

/** Below this a suggestion is noise: 雨露计划 vs 雨露计划补助 is 0.67. */
export const SUGGEST_AT = 0.6;
/** Comparisons beyond this are skipped: near misses are a courtesy, not worth minutes. */
const MAX_PAIRS = 200_000;

/** Edit distance between code-point arrays, giving up (Infinity) once it exceeds `limit`. */
export function editDistance(a: readonly string[], b: readonly string[], limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return Infinity;
    prev = cur;
  }
  return prev[b.length]!;
}

export function similarity(a: string, b: string, atLeast = 0): number {
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  // 1e-9 keeps a similarity of exactly the threshold (0.9 of 10 characters) within it despite
  // binary fractions: (1 - 0.9) * 10 is 0.9999999999999998.
  const d = editDistance(x, y, Math.floor((1 - atLeast) * longest + 1e-9));
  return d === Infinity ? 0 : 1 - d / longest;
}

const fmt = (s: number) => s.toFixed(2);
const text = (id: string) => splitKey(id).join(KEY_SEPARATOR);

interface Candidate {
  id: string;
  score: number;
  tie: boolean;
}

function best(id: string, pool: readonly string[], atLeast: number): Candidate | undefined {
  let found: Candidate | undefined;
  for (const other of pool) {
    const score = similarity(text(id), text(other), atLeast);
    if (score < atLeast) continue;
    if (!found || score > found.score) found = { id: other, score, tie: false };
    else if (score === found.score) found.tie = true;
  }
  return found;
}

function display(ledgers: ByRole<LedgerTotals>, id: string): string {
  const k = ledgers.allocated.keys.get(id) ?? ledgers.disbursed.keys.get(id) ?? ledgers.landed.keys.get(id);
  return k ? k.parts.join(KEY_SEPARATOR) : text(id);
}

function unallocatedIds(ledgers: ByRole<LedgerTotals>): string[] {
  const ids = new Set([...ledgers.disbursed.keys.keys(), ...ledgers.landed.keys.keys()]);
  return [...ids].filter((id) => !ledgers.allocated.keys.has(id)).sort();
}

/**
 * For each key with no allocation, the allocated key it most resembles; for each allocated
 * key with no payments at all, the unallocated key it most resembles.
 */
export function findNearMisses(ledgers: ByRole<LedgerTotals>): Map<string, NearMiss> {
  const out = new Map<string, NearMiss>();
  const unallocated = unallocatedIds(ledgers);
  const allocated = [...ledgers.allocated.keys.keys()].sort();
  const idle = allocated.filter((id) => !ledgers.disbursed.keys.has(id) && !ledgers.landed.keys.has(id));
  if (unallocated.length * allocated.length + idle.length * unallocated.length > MAX_PAIRS) return out;
  const suggest = (id: string, b: Candidate): NearMiss => {
    const [mine, theirs] = [display(ledgers, id), display(ledgers, b.id)];
    const unseen = lookalike(text(id)) === lookalike(text(b.id)) ? { mine: escapeUnseen(mine), theirs: escapeUnseen(theirs) } : undefined;
    return { key: theirs, similarity: fmt(b.score), unseen };
  };
  for (const id of unallocated) {
    const b = best(id, allocated, SUGGEST_AT);
    if (b) out.set(id, suggest(id, b));
  }
  for (const id of idle) {
    const b = best(id, unallocated, SUGGEST_AT);
    if (b) out.set(id, suggest(id, b));
  }
  return out;
}

function mergeInto(target: Map<string, KeyTotals>, from: KeyTotals, intoId: string, intoParts: string[]): void {
  const into = target.get(intoId);
  if (!into) {
    target.set(intoId, { ...from, id: intoId, parts: intoParts, rows: [...from.rows], roundedRows: from.roundedRows && [...from.roundedRows] });
    return;
  }
  into.sum = (into.sum + from.sum);
  into.rows = [...into.rows, ...from.rows].sort((a, b) => a - b);
  if (from.roundedRows) into.roundedRows = [...(into.roundedRows ?? []), ...from.roundedRows].sort((a, b) => a - b);
  if (from.firstDate !== undefined && (into.firstDate === undefined || from.firstDate < into.firstDate)) into.firstDate = from.firstDate;
  if (from.lastDate !== undefined && (into.lastDate === undefined || from.lastDate > into.lastDate)) into.lastDate = from.lastDate;
}

/**
 * Folds each unallocated key into the one allocated key it resembles at `threshold` or
 * more (a tie is not merged: there is no single right answer). Changes `ledgers` in place.
 */
export function mergeSimilarKeys(ledgers: ByRole<LedgerTotals>, threshold: number): KeyMerge[] {
  const allocated = [...ledgers.allocated.keys.keys()].sort();
  const merges: KeyMerge[] = [];
  for (const id of unallocatedIds(ledgers)) {
    const b = best(id, allocated, threshold);
    if (!b || b.tie) continue;
    const intoParts = ledgers.allocated.keys.get(b.id)!.parts;
    const rows = { allocated: [], disbursed: [], landed: [] } as ByRole<number[]>;
    const fromDisplay = display(ledgers, id);
    for (const role of ROLES) {
      const from = ledgers[role].keys.get(id);
      if (!from) continue;
      rows[role] = [...from.rows];
      mergeInto(ledgers[role].keys, from, b.id, intoParts);
      ledgers[role].keys.delete(id);
    }
    merges.push({ from: { id, display: fromDisplay }, into: { id: b.id, display: intoParts.join(KEY_SEPARATOR) }, similarity: fmt(b.score), rows });
  }
  return merges;
}
