// Key numbers: one per distinct key text, in the order first seen, however many keys there are
// and however alike they look. Two keys are one only when their texts are equal.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../src/ledger/keys.js';

describe('KeyIndex', () => {
  it('numbers keys as a Map would, on many close and odd texts', () => {
    const text = fc.oneof(
      fc.integer({ min: 0, max: 3000 }).map((n) => `XM2023-${String(n).padStart(7, '0')}`),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: fc.constantFrom('甲', '乙', 'a', '\u0000', '\ud83d', '\ude00'), maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4000 }), (texts) => {
        const index = new KeyIndex();
        const reference = new Map<string, number>();
        for (const t of texts) {
          if (!reference.has(t)) reference.set(t, reference.size);
          expect(index.intern(t, [t])).toBe(reference.get(t));
        }
        expect(index.size).toBe(reference.size);
        expect(index.ids).toEqual([...reference.keys()]);
        for (const [t, k] of reference) expect(index.find(t)).toBe(k);
        expect(index.find('not a key of these')).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the parts a key was first written with', () => {
    const index = new KeyIndex();
    index.intern('甲项目', ['甲项目 ']);
    index.intern('甲项目', ['甲 项目']);
    expect(index.parts[0]).toEqual(['甲项目 ']);
  });

  it('tells apart keys of the same length and hash-neighbouring texts', () => {
    const index = new KeyIndex();
    const keys = Array.from({ length: 50_000 }, (_, i) => `K${i}`);
    keys.forEach((k, i) => expect(index.intern(k, [k])).toBe(i));
    keys.forEach((k, i) => expect(index.find(k)).toBe(i));
    expect(index.find('')).toBeUndefined();
    expect(index.intern('', [''])).toBe(50_000);
  });
});
