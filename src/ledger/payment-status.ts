// What a bank 代发 or 一卡通 result file's status cell says about a payment: it went through
// (成功, 已到账 …), or it failed or came back (失败, 退回, 退票, 冲正 …) and did not land.
// Only words known here or written in the config decide; any other value is the user's to
// classify, because counting a returned payment as landed hides exactly the money 截留 takes.

import { FundgapError } from '../errors.js';
import type { Money } from '../money.js';
import type { RawRow } from '../sheets/types.js';
import { toHalfWidth } from '../text/normalise.js';
import { toSimplified } from '../text/traditional.js';
import { location, type ClassifyContext, type Verdict } from './rows.js';
import { cellText } from './header.js';
import type { StatusSetting } from './layout.js';

const SUCCESS = [
  '成功', '已成功', '交易成功', '发放成功', '处理成功', '支付成功', '代发成功', '入账成功', '转账成功', '兑付成功',
  '扣款成功', '已发放', '已到账', '到账', '已入账', '已支付', '已兑付', '已转账', '已完成', '完成', '交易完成',
  'success', 'succeeded', 'successful', 'paid', 'completed',
];

const FAILED = [
  '失败', '交易失败', '发放失败', '处理失败', '支付失败', '代发失败', '入账失败', '转账失败', '兑付失败', '扣款失败',
  '退回', '已退回', '被退回', '退票', '已退票', '退汇', '已退汇', '退款', '已退款', '冲正', '已冲正', '冲销', '已冲销',
  '撤销', '已撤销', '作废', '已作废', '拒绝', '被拒绝', '未到账', '未入账', '未发放',
  'failed', 'failure', 'fail', 'returned', 'rejected', 'reversed', 'cancelled', 'canceled',
];


/** Status text as compared: half-width, simplified, no spaces, lower case. */
export function normaliseStatus(s: string): string {
  return toSimplified(toHalfWidth(s)).replace(/\s+/g, '').toLowerCase();
}

const SUCCESS_SET = new Set(SUCCESS.map(normaliseStatus));
const FAILED_SET = new Set(FAILED.map(normaliseStatus));
// 失败：账户已销户, 退回(户名不符), 失败-卡号不存在: the failure word, then the bank's reason.
const FAILED_WITH_REASON = new RegExp(`^(${[...FAILED_SET].sort((a, b) => b.length - a.length).join('|')})[:：,，;；\\-—(（\\[【]+(.+?)[)）\\]】]?$`);

export type PaymentOutcome =
  | { kind: 'success' }
  /** `reason`: the bank's words for why, when the status cell gives them after the failure word. */
  | { kind: 'failed'; reason: string | undefined }
  | { kind: 'unknown' };

export function paymentOutcome(text: string, setting: StatusSetting | undefined): PaymentOutcome {
  const s = normaliseStatus(text);
  // The config's words come first: they are the user's reading of their own bank's file.
  if (setting) {
    if (setting.success?.some((w) => normaliseStatus(w) === s)) return { kind: 'success' };
    if (setting.failed?.some((w) => normaliseStatus(w) === s)) return { kind: 'failed', reason: undefined };
  }
  if (s === '') return { kind: 'unknown' };
  if (SUCCESS_SET.has(s)) return { kind: 'success' };
  if (FAILED_SET.has(s)) return { kind: 'failed', reason: undefined };
  const m = FAILED_WITH_REASON.exec(s);
  if (m) {
    // The reason as the cell writes it, not normalised: it is quoted in the finding.
    const raw = text.trim();
    const cut = raw.search(/[:：,，;；\-—(（[【]/);
    const reason = raw.slice(cut).replace(/^[:：,，;；\-—(（[【\s]+/, '').replace(/[)）\]】\s]+$/, '');
    return { kind: 'failed', reason: reason === '' ? m[2] : reason };
  }
  return { kind: 'unknown' };
}

/**
 * For a row with money in a ledger with a status column: undefined when the payment went
 * through (the row is data), a skip carrying the excluded money when it failed, and an error
 * naming file, row, column and value when the status is not one this tool or the config knows.
 */
export function paymentVerdict(ctx: ClassifyContext, raw: RawRow, amount: Money, keyParts: readonly (string | undefined)[]): Verdict | undefined {
  const { fields } = ctx.layout;
  const col = fields.status!;
  const text = cellText(raw.cells[col]).trim();
  const outcome = paymentOutcome(text, ctx.status);
  if (outcome.kind === 'success') return undefined;
  if (outcome.kind === 'unknown') throw unknownStatus(ctx, raw.row, col, text);
  const own = (i: number | undefined) => (i === undefined ? '' : cellText(raw.cells[i]).trim());
  const label = own(fields.payee) || own(fields.beneficiary) || keyParts.filter((k) => k !== undefined).join(' / ') || text;
  // The bank's reason (账户已销户) where it gives one: grouped by it, so each cause is a finding.
  const detail = own(fields.failureReason) || outcome.reason || text;
  return { kind: 'skip', row: raw.row, reason: 'payment-failed', excluded: { reason: 'payment-failed', amount, label, detail } };
}

function unknownStatus(ctx: ClassifyContext, row: number, col: number, text: string): FundgapError {
  return new FundgapError({ code: 'STATUS_UNKNOWN', at: location(ctx, row, col), text, configPath: ctx.layout.configPath });
}

