import { describe, expect, it } from 'vitest';
import { escapeUnseen, lookalike, normaliseHeader, normaliseKey } from '../../src/text/normalise.js';

describe('normaliseKey', () => {
  it.each([
    ['ＡＢ１２', 'AB12'],
    ['（一）项目', '(一)项目'],
    ['北关区彰北办事处屈王度村　２０１８年度财政扶贫建设饮水工程项目', '北关区彰北办事处屈王度村2018年度财政扶贫建设饮水工程项目'],
    ['  白庄镇 核桃产业项目 ', '白庄镇核桃产业项目'],
    ['Road   project\t2', 'Road project 2'],
    ['XM 001', 'XM 001'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseKey(input)).toBe(expected);
  });

  it.each([
    ['zero-width space', '雨露计划\u200b职业教育补助'],
    ['zero-width joiner', '雨露计划职业教育补助\u200d'],
    ['word joiner', '雨露计划\u2060职业教育补助'],
    ['byte-order mark', '\ufeff雨露计划职业教育补助'],
    ['soft hyphen', '雨露计划\u00ad职业教育补助'],
    ['left-to-right mark', '雨露计划职业教育补助\u200e'],
  ])('drops a %s, which no one can see', (_, spelled) => {
    expect(normaliseKey(spelled)).toBe('雨露计划职业教育补助');
  });

  it('drops format characters from headers too', () => {
    expect(normaliseHeader('\ufeff项目\u200b名称')).toBe('项目名称');
  });

  it('keeps look-alike characters apart, but can tell that two keys look the same, and show where they differ', () => {
    expect(normaliseKey('XM\u2010001')).not.toBe(normaliseKey('XM-001'));
    expect(lookalike('XM\u2010001')).toBe(lookalike('XM-001'));
    expect(lookalike('Cаfe')).toBe(lookalike('Cafe'));
    expect(escapeUnseen('XM\u2010001 道路（一）')).toBe('XM\\u{2010}001 道路（一）');
    expect(escapeUnseen('C\u0430fe')).toBe('C\\u{0430}fe');
  });

  it('keeps case: project codes that differ only in case stay different', () => {
    expect(normaliseKey('xm-001')).not.toBe(normaliseKey('XM-001'));
  });
});
