// A JSON report's key lines are put together by hand for speed; they must be byte for byte
// what JSON.stringify writes, whatever characters a key holds.

import { describe, expect, it } from 'vitest';
import { figures, type KeyResult } from '../../src/reconcile/reconcile.js';
import { keyJson, keyLine } from '../../src/report/render-json.js';

function key(display: string, a: bigint, d: bigint, l: bigint): KeyResult {
  return {
    ...figures(a, d, l),
    key: 0,
    position: 0,
    id: display,
    display,
    parts: [display],
    present: { allocated: a !== 0n, disbursed: d !== 0n, landed: l !== 0n },
    status: d < a ? ['retained'] : [],
    evidence: { allocated: [3, 17], disbursed: d === 0n ? [] : [4], landed: [9, 10, 11] },
    roundedRows: { allocated: [], disbursed: [], landed: [] },
    rounding: [],
  };
}

describe('key lines of the JSON report', () => {
  it.each([
    ['XM2023-0001', 'a plain code'],
    ['李家村 / 道路硬化', 'Chinese text with a slash'],
    ['他说"修路"', 'double quotes'],
    ['C:\\项目\\1', 'backslashes'],
    ['行一\n行二\t列', 'a line break and a tab'],
    ['\u0001\u001f', 'control characters'],
    ['甲\u2028乙', 'a line separator (not escaped by JSON)'],
    ['坏\ud800', 'a lone surrogate'],
    ['笑😀', 'a character outside the BMP'],
  ])('%j is written as JSON.stringify writes it (%s)', (display) => {
    for (const k of [key(display, 123456n, 100000n, 99999n), key(display, 0n, 0n, -5n), key(display, 1n, 0n, 0n)]) {
      expect(keyLine(k)).toBe(JSON.stringify(keyJson(k)));
      expect(JSON.parse(keyLine(k)).key).toBe(display);
    }
  });
});
