import { describe, expect, it } from 'vitest';
import { similarity } from '../../src/reconcile/near-miss.js';

describe('similarity', () => {
  it('is 1 − edit distance / longer length, counted in characters', () => {
    expect(similarity('马营村产业发展项目', '马营村产业发展项')).toBeCloseTo(8 / 9);
    expect(similarity('雨露计划', '雨露计划补助')).toBeCloseTo(4 / 6);
  });

  it('a pair exactly at the threshold is at it, not below (0.9 of ten characters)', () => {
    expect(similarity('马营村产业发展项目一', '马营村产业发展项目二', 0.9)).toBe(0.9);
  });

  it('gives 0 once the distance is past what the threshold allows', () => {
    expect(similarity('马营村产业发展项目', '三合镇道路硬化项目', 0.6)).toBe(0);
  });
});
