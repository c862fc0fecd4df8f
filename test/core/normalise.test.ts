import { describe, expect, it } from 'vitest';
import { normaliseKey } from '../../src/text/normalise.js';

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

  it('keeps case: project codes that differ only in case stay different', () => {
    expect(normaliseKey('xm-001')).not.toBe(normaliseKey('XM-001'));
  });
});
