// Terminal layout: display width as a terminal counts it, wrapping that keeps every character,
// and tables that fit a width by wrapping keys and, in a terminal only, leaving out gap columns.

import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, fitTable, table, wrap, type Column } from '../../src/report/layout-text.js';

describe('display width', () => {
  it('counts CJK and emoji as two columns, combining accents and colour codes as none', () => {
    expect(displayWidth('项目')).toBe(4);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[31m滞留\u001b[39m')).toBe(4);
    expect(displayWidth('ＡＢ１')).toBe(6);
  });

  it('agrees with string-width on any mix of CJK, ASCII, accents, emoji and joiners (plain CJK is counted without it, for speed)', () => {
    const pieces = ['项', '目', '（', '）', '、', '。', '　', 'Ａ', '￥', 'a', ' ', '1', '#', '\u0301', '\u200d', '\ufe0f', '\u20e3', '👍', '👨', '🏽', '🇨', '🇳', '“', '·', '—', '①', '\u302a', 'ｶ', 'ﾞ', '\u1100', '\u1161', '\u0600', '\t', '\u001b[31m'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 2000 },
    );
    for (const [from, to] of [[0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x3000, 0x3029], [0xff01, 0xff60], [0xffe0, 0xffe6]] as const) {
      for (let c = from; c <= to; c++) expect(stringWidth(String.fromCharCode(c)), c.toString(16)).toBe(2);
    }
  });

  it('aligns a column holding emoji and CJK keys', () => {
    const lines = table(
      [
        { title: '项目', align: 'left' },
        { title: 'A', align: 'right' },
      ],
      [
        ['🏠 安居工程', '1.00'],
        ['马营村', '22.00'],
        ['e\u0301cole', '333.00'],
      ],
    );
    // Every amount ends in the same column.
    expect(new Set(lines.map((l) => displayWidth(l))).size).toBe(1);
  });
});

describe('wrap', () => {
  it('breaks Chinese between characters and Latin text at spaces, losing nothing', () => {
    expect(wrap('五十镇人饮安全巩固提升工程', 10)).toEqual(['五十镇人饮', '安全巩固提', '升工程']);
    expect(wrap('rural drinking water project', 12)).toEqual(['rural', 'drinking', 'water', 'project']);
    expect(wrap('短', 10)).toEqual(['短']);
  });

  it('never splits an emoji or a letter from its accent', () => {
    const lines = wrap('👍👍👍e\u0301e\u0301', 3);
    expect(lines.join('')).toBe('👍👍👍e\u0301e\u0301');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(3);
  });

  it('ends the last allowed line with an ellipsis when the text goes on', () => {
    const lines = wrap('一二三四五六七八九十', 4, 2);
    expect(lines).toEqual(['一二', '三…']);
  });
});

describe('fitTable', () => {
  const columns: Column[] = [
    { title: '项目', align: 'left', max: 40, min: 20 },
    { title: '上级下达', align: 'right' },
    { title: '已拨付', align: 'right' },
    { title: '已落地', align: 'right' },
    { title: '滞留', align: 'right', optional: true },
    { title: '未落地', align: 'right', optional: true },
    { title: '状态', align: 'left' },
  ];
  const rows = [
    ['五十镇人饮安全巩固提升工程', '800,000.00', '800,000.00', '720,000.00', '0.00', '80,000.00', '未落地'],
    ['雨露计划职业教育补助', '500,000.00', '500,000.00', '515,000.00', '0.00', '-15,000.00', '落地多于拨付'],
    ['街子镇光伏扶贫电站', '2,000,000.00', '0.00', '0.00', '2,000,000.00', '0.00', '闲置'],
  ];
  const widest = (lines: string[]) => Math.max(...lines.map(displayWidth));

  it('leaves a table that fits as it is', () => {
    const { lines, leftOut } = fitTable(columns, rows, { width: 200, leaveOut: true });
    expect(lines).toEqual(table(columns, rows));
    expect(leftOut).toEqual([]);
  });

  it('in a terminal, fits by leaving out the gap columns (the last first) before cutting keys short', () => {
    const at96 = fitTable(columns, rows, { width: 96, leaveOut: true });
    expect(widest(at96.lines)).toBeLessThanOrEqual(96);
    expect(at96.leftOut.map((c) => c.title)).toEqual(['未落地']);
    expect(at96.lines.some((l) => l.includes('五十镇人饮安全巩固提升工程'))).toBe(true);

    const at72 = fitTable(columns, rows, { width: 72, leaveOut: true });
    expect(widest(at72.lines)).toBeLessThanOrEqual(72);
    expect(at72.leftOut.map((c) => c.title)).toEqual(['滞留', '未落地']);
    // A, D, L and the status stay; the keys wrap, every character kept.
    expect(at72.lines[0]).toMatch(/项目.*上级下达.*已拨付.*已落地.*状态/);
    expect(at72.lines.join('').replace(/[\s\d,.-]/g, '')).toContain('雨露计划职业');
  });

  it('where leaving out is not allowed, keeps every column and wraps the keys instead', () => {
    const { lines, leftOut } = fitTable(columns, rows, { width: 100, leaveOut: false });
    expect(leftOut).toEqual([]);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/滞留.*未落地/);
  });
});
