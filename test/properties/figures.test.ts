// Invariants of the figures, over random small ledgers: the gaps add up (A − L is exactly
// (A − D) + (D − L), per key and in total), the totals are the sums of the keys, and how the
// rows are arranged — their order, or one payment split into two on the same key — changes no
// figure and no status. And amounts survive being written and read again, to the fen.

import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactFromText, formatExact, formatGrouped, parseAmount, toFen } from '../../src/money.js';
import { runCli, writeFiles, type ReportJson } from '../helpers.js';

const KEYS = ['马营村产业发展项目', '老鸦村养殖项目', '三合镇道路硬化项目', 'XM-001', '雨露计划'];

/** A ledger's data rows: a key and an amount in fen (negative for a reversal). */
type Rows = [key: string, fen: number][];

const rowsArb: fc.Arbitrary<Rows> = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: -5_000_000, max: 90_000_000 })), { maxLength: 12 });

const yuan = (fen: number) => formatExact(BigInt(fen));
const csv = (header: string, rows: Rows) => `项目名称,${header}\n${rows.map(([k, f]) => `${k},${yuan(f)}`).join('\n')}\n`;

async function reconcile(a: Rows, d: Rows, l: Rows): Promise<ReportJson> {
  const dir = writeFiles({ 'a.csv': csv('下达金额(元)', a), 'd.csv': csv('拨付金额(元)', d), 'l.csv': csv('结算金额(元)', l) });
  try {
    const r = await runCli(['reconcile', '-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'l.csv'), '-f', 'json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ReportJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fen = (s: string) => BigInt(s.replace('.', ''));
/** Each key's figures and statuses, by key, for comparing two reports. */
const figures = (r: ReportJson) => Object.fromEntries(r.keys.map((k) => [k.key, [k.allocated, k.disbursed, k.landed, k.status.join(',')]]));

/** Splits the first row of `key` (if any) into two rows of the same key adding up to it. */
function split(rows: Rows, at: number): Rows {
  const i = rows.findIndex(([, f]) => Math.abs(f) > 1);
  if (i === -1) return rows;
  const [k, f] = rows[i]!;
  const part = Math.trunc((f * at) / 100);
  return [...rows.slice(0, i), [k, part], [k, f - part], ...rows.slice(i + 1)];
}

describe('figures on random ledgers', () => {
  it('A − L = (A − D) + (D − L) per key and in total; totals are the sums of the keys; rows read = used + skipped', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, rowsArb, rowsArb, async (a, d, l) => {
        const r = await reconcile(a, d, l);
        const total = { key: 'total', ...r.totals } as unknown as ReportJson['keys'][number];
        for (const k of [...r.keys, total]) {
          expect(fen(k.gap), k.key).toBe(fen(k.retained) + fen(k.notLanded));
          expect(fen(k.retained), k.key).toBe(fen(k.allocated) - fen(k.disbursed));
          expect(fen(k.notLanded), k.key).toBe(fen(k.disbursed) - fen(k.landed));
        }
        for (const field of ['allocated', 'disbursed', 'landed'] as const) {
          expect(fen(r.totals[field]!)).toBe(r.keys.reduce((s, k) => s + fen(k[field]), 0n));
        }
        for (const i of r.inputs) expect(i.rows.read).toBe(i.rows.used + i.rows.skipped);
      }),
      { seed: 20191130, numRuns: 40 },
    );
  });

  it('shuffling rows, or splitting a payment into two on the same key, changes no figure and no status', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb, rowsArb, rowsArb, fc.integer({ min: 1, max: 99 }), fc.integer(), async (a, d, l, at, seed) => {
        const before = figures(await reconcile(a, d, l));
        const shuffled = (rows: Rows) => [...rows].sort((x, y) => ((x[1] * 31 + seed) % 7) - ((y[1] * 31 + seed) % 7));
        expect(figures(await reconcile(shuffled(a), shuffled(d), shuffled(l)))).toEqual(before);
        expect(figures(await reconcile(split(a, at), split(d, at), split(l, at)))).toEqual(before);
      }),
      { seed: 20191201, numRuns: 25 },
    );
  });
});

describe('amounts written and read again', () => {
  it('any amount in fen reads back to the same fen, written for machines or for people', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (m) => {
        for (const text of [formatExact(m), formatGrouped(m)]) {
          const parsed = parseAmount(text);
          expect(parsed?.kind).toBe('amount');
          if (parsed?.kind !== 'amount') return;
          expect(toFen(parsed.value, '元')).toEqual({ fen: m, adjusted: false });
        }
      }),
      { seed: 20191202, numRuns: 2000 },
    );
  });

  it('decimal text of any precision is rounded to the fen half away from zero, and says when it was', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 12 }), (coef, scale) => {
        const digits = (coef < 0n ? -coef : coef).toString().padStart(scale + 1, '0');
        const text = `${coef < 0n ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
        const { fen: got, adjusted } = toFen(exactFromText(text)!, '元');
        // Scaled by 100 and rounded half away from zero, in exact integer arithmetic.
        const scaledNum = coef * 100n;
        const den = 10n ** BigInt(scale);
        const q = (scaledNum < 0n ? -scaledNum : scaledNum) / den;
        const r = (scaledNum < 0n ? -scaledNum : scaledNum) % den;
        const rounded = r * 2n >= den ? q + 1n : q;
        expect(got).toBe(scaledNum < 0n ? -rounded : rounded);
        expect(adjusted).toBe(r !== 0n);
      }),
      { seed: 20191203, numRuns: 2000 },
    );
  });
});
