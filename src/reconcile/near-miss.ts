// Keys that almost match. A project spelled one way in the allocation and another in the
// payments shows up as one idle key and one unallocated key; the findings say "did you
// mean …" but the figures are never merged unless --merge-similar asks, and then every
// merge is itself a finding. Similarity is 1 − edit distance / length of the longer key,
// on the normalised text.

import { ROLES, type ByRole } from '../domain.js';
import type { LedgerTotals } from '../ledger/accumulate.js';
import type { KeyIndex } from '../ledger/keys.js';
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

interface Candidate {
  k: number;
  score: number;
  tie: boolean;
}

/** The key most like `text` among `pool` at `atLeast` or more; a tie is marked. */
function best(text: string, pool: readonly number[], texts: readonly string[], atLeast: number): Candidate | undefined {
  let found: Candidate | undefined;
  for (const other of pool) {
    const score = similarity(text, texts[other]!, atLeast);
    if (score < atLeast) continue;
    if (!found || score > found.score) found = { k: other, score, tie: false };
    else if (score === found.score) found.tie = true;
  }
  return found;
}

/** Keys by number: their matched text, shown text, and who has them. */
function survey(ledgers: ByRole<Pick<LedgerTotals, 'keys'>>, index: KeyIndex) {
  const texts = index.ids.map((id) => splitKey(id).join(KEY_SEPARATOR));
  const display = (k: number) => index.parts[k]!.join(KEY_SEPARATOR);
  const byText = (a: number, b: number) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : 0);
  const allocated = [...ledgers.allocated.keys.keys()].sort(byText);
  const paid = new Set([...ledgers.disbursed.keys.keys(), ...ledgers.landed.keys.keys()]);
  const unallocated = [...paid].filter((k) => !ledgers.allocated.keys.has(k)).sort(byText);
  return { texts, display, allocated, unallocated };
}

/**
 * For each key with no allocation, the allocated key it most resembles; for each allocated
 * key with no payments at all, the unallocated key it most resembles. By key id.
 */
export function findNearMisses(ledgers: ByRole<Pick<LedgerTotals, 'keys'>>, index: KeyIndex): Map<string, NearMiss> {
  const out = new Map<string, NearMiss>();
  const { texts, display, allocated, unallocated } = survey(ledgers, index);
  const idle = allocated.filter((k) => !ledgers.disbursed.keys.has(k) && !ledgers.landed.keys.has(k));
  if (unallocated.length * allocated.length + idle.length * unallocated.length > MAX_PAIRS) return out;
  const suggest = (k: number, b: Candidate): NearMiss => {
    const [mine, theirs] = [display(k), display(b.k)];
    const unseen = lookalike(texts[k]!) === lookalike(texts[b.k]!) ? { mine: escapeUnseen(mine), theirs: escapeUnseen(theirs) } : undefined;
    return { key: theirs, similarity: fmt(b.score), unseen };
  };
  for (const k of unallocated) {
    const b = best(texts[k]!, allocated, texts, SUGGEST_AT);
    if (b) out.set(index.ids[k]!, suggest(k, b));
  }
  for (const k of idle) {
    const b = best(texts[k]!, unallocated, texts, SUGGEST_AT);
    if (b) out.set(index.ids[k]!, suggest(k, b));
  }
  return out;
}

/**
 * Folds each unallocated key into the one allocated key it resembles at `threshold` or
 * more (a tie is not merged: there is no single right answer). Changes `ledgers` in place.
 */
export function mergeSimilarKeys(ledgers: ByRole<LedgerTotals>, index: KeyIndex, threshold: number): KeyMerge[] {
  const { texts, display, allocated, unallocated } = survey(ledgers, index);
  const merges: KeyMerge[] = [];
  for (const k of unallocated) {
    const b = best(texts[k]!, allocated, texts, threshold);
    if (!b || b.tie) continue;
    const rows = { allocated: [], disbursed: [], landed: [] } as ByRole<number[]>;
    for (const role of ROLES) {
      if (!ledgers[role].keys.has(k)) continue;
      rows[role] = Array.from(ledgers[role].keys.rows(k));
      ledgers[role].keys.merge(k, b.k);
    }
    merges.push({ from: { id: index.ids[k]!, display: display(k) }, into: { id: index.ids[b.k]!, display: display(b.k) }, similarity: fmt(b.score), rows });
  }
  return merges;
}
