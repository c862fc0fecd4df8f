// How a bank result file's status cell is read: known words, the config's words first, a
// reason after the failure word, and nothing guessed.

import { describe, expect, it } from 'vitest';
import { paymentOutcome } from '../../src/ledger/payment-status.js';

describe('paymentOutcome', () => {
  it.each(['成功', '交易成功', '已发放', '已到账', '处理成功', 'SUCCESS', ' 成 功 ', '發放成功'])('%j went through', (s) => {
    expect(paymentOutcome(s, undefined)).toEqual({ kind: 'success' });
  });

  it.each(['失败', '交易失败', '退回', '已退回', '退票', '已退票', '冲正', '撤销', 'Failed', '交易失敗'])('%j did not', (s) => {
    expect(paymentOutcome(s, undefined)).toEqual({ kind: 'failed', reason: undefined });
  });

  it.each([
    ['失败：账户已销户', '账户已销户'],
    ['退回(户名不符)', '户名不符'],
    ['交易失败-卡号不存在', '卡号不存在'],
  ])('%j failed, and says why: %j', (s, reason) => {
    expect(paymentOutcome(s, undefined)).toEqual({ kind: 'failed', reason });
  });

  it.each(['处理中', '部分成功', '成功（待确认）', '', '未知'])('%j is not guessed', (s) => {
    expect(paymentOutcome(s, undefined)).toEqual({ kind: 'unknown' });
  });

  it('the config adds words, and its words come first', () => {
    expect(paymentOutcome('处理中', { failed: ['处理中'] })).toEqual({ kind: 'failed', reason: undefined });
    expect(paymentOutcome('已受理', { success: ['已受理'] })).toEqual({ kind: 'success' });
    expect(paymentOutcome('', { success: [''] })).toEqual({ kind: 'success' });
  });
});
