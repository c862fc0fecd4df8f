// The canonical fields a ledger column can hold, and the header texts (aliases) that name
// them in Chinese and English ledgers. Matching is on normalised header text with any unit
// suffix removed (`金额(元)` matches `金额`) and traditional characters read as simplified
// (金額). Aliases are ranked: a sheet holding both 项目名称 and 项目编号 uses 项目名称 as the
// project, and says so. Money columns are never ranked against each other: two candidates
// for the amount are an error the user resolves.

import { normaliseHeader } from '../text/normalise.js';

export const FIELDS = [
  'project',
  'amount',
  'date',
  'payee',
  'idNumber',
  'bankAccount',
  'region',
  'fundSource',
  'amountInWords',
  'voucher',
  'beneficiary',
  'status',
  'failureReason',
] as const;
export type Field = (typeof FIELDS)[number];

export function isField(s: string): s is Field {
  return (FIELDS as readonly string[]).includes(s);
}

/** Aliases per field, best first; each inner array is one rank. */
const ALIASES: Record<Field, readonly (readonly string[])[]> = {
  project: [
    ['项目名称', '项目', '项目名', '工程名称', '工程项目名称', 'project', 'projectname', 'project name'],
    ['项目编号', '项目代码', '项目编码', 'projectcode', 'project code', 'projectid'],
  ],
  amount: [
    [
      '金额', '拨付金额', '下达金额', '投资规模', '资金规模', '实际支出', '发放金额', '结算金额', '支付金额',
      '补助金额', '补贴金额', '到位资金', '拨款金额', '下拨金额', '分配金额', '安排资金', '资金金额', '资金',
      '支出金额', '兑付金额', '小写金额', '金额(小写)', '金额小写', 'amount',
    ],
  ],
  date: [
    [
      '日期', '下达日期', '拨付日期', '发放日期', '支付日期', '结算日期', '兑付日期', '下达时间', '拨付时间',
      '发放时间', '支付时间', '结算时间', '交易日期', '交易时间', '入账日期', '入账时间', '到账日期', '到账时间', '处理日期',
      '处理时间', '代发日期', '记账日期', '时间', 'date',
    ],
  ],
  payee: [
    [
      '收款人', '收款人姓名', '收款人名称', '姓名', '户主姓名', '户主', '农户姓名', '贫困户姓名', '领款人', '户名',
      '收款单位', '实施单位/收款人', '收款人/单位', '持卡人', '持卡人姓名', '账户名称', '收款户名', 'payee', 'name',
    ],
  ],
  // The person a payment is for, where that is not the account holder: a 雨露计划 sheet pays
  // 学生 through their 户主's card. A ledger with only this name column uses it as the payee.
  beneficiary: [
    [
      '受益人', '受益人姓名', '学生姓名', '学生', '受助学生', '受助学生姓名', '补助对象', '补助对象姓名', '救助对象',
      '受助人', '受助人姓名', '享受对象', '享受人', '享受人姓名', 'beneficiary', 'beneficiary name', 'student', 'student name',
    ],
  ],
  idNumber: [['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', 'idnumber', 'id number', 'id no', 'id no.']],
  bankAccount: [
    ['银行卡号', '银行账号', '一卡通账号', '一卡通卡号', '一卡通号', '存折号', '存折账号', '社保卡号', '卡号', '账号', '收款账号', 'bankaccount', 'bank account', 'account'],
  ],
  region: [
    ['县(区)', '县区', '县(市、区)', '县(市区)', '区县', '县', '市县', '市(县)', '县(市)', '县市区', '市县区', 'county'],
    ['乡镇', '乡(镇)', '乡镇(街道)', '镇', 'town'],
    ['村', '村(社区)', '行政村', 'village'],
    ['单位', 'region'],
  ],
  fundSource: [['资金来源', '资金性质', '资金类别', '资金类型', 'fundsource', 'fund source']],
  amountInWords: [['大写金额', '金额大写', '金额(大写)', '大写']],
  voucher: [['凭证号', '凭证编号', '凭证字号', 'voucher']],
  // A bank 代发 or 一卡通 result file says whether each payment went through (status.ts).
  status: [
    [
      '处理状态', '交易状态', '发放状态', '发放结果', '交易结果', '处理结果', '支付状态', '支付结果', '代发状态', '代发结果',
      '入账状态', '入账结果', '到账状态', '转账状态', '转账结果', '兑付状态', '兑付结果', '银行处理状态', '银行处理结果',
      'payment status', 'transaction status',
    ],
    ['状态', 'status', 'result'],
  ],
  // The bank's words for why a payment failed. Mapped only where a status column is.
  failureReason: [
    [
      '失败原因', '退回原因', '退票原因', '失败说明', '失败描述', '失败信息', '错误原因', '错误信息', '错误描述', '返回信息',
      '银行返回信息', '反馈信息', '处理说明', '处理信息', '结果说明', '原因', 'reason', 'failure reason', 'error message',
    ],
    ['备注', '附言', '说明', 'remark', 'remarks', 'memo'],
  ],
};

/**
 * Header texts that look like money without being a known alias: 少数民族发展项目资金,
 * 中央财政专项扶贫资金, 拨付款, 工程款, 总投资, 危房改造补助. They count as amount candidates,
 * so they make an amount ambiguous rather than being silently ignored.
 */
const MONEY_NAME = /(金额|资金|资金额|款|投资|支出|补助|补贴)$/;
const NOT_MONEY_NAME = /(来源|性质|类别|类型|用途|大写|名称|文号)$/;
/** 户主身份证号, 申请人身份证号码, 学生公民身份号码: an ID number named for whose it is. */
const ID_NAME = /(身份证号码?|身份证件号码?|公民身份(证)?号码|身份号码|证件号码?)$/;
/** Rank of an ID number matched by ID_NAME: below the plain names, so 身份证号 beats 户主身份证号. */
const ID_PATTERN_RANK = 1;

const aliasIndex = new Map<string, { field: Field; rank: number }>();
for (const field of FIELDS) {
  ALIASES[field].forEach((names, rank) => {
    for (const name of names) aliasIndex.set(normaliseHeader(name), { field, rank });
  });
}

export interface FieldMatch {
  field: Field;
  rank: number;
  /** Matched by the money-name pattern rather than a known alias. */
  pattern: boolean;
}

/**
 * What a header (already stripped of its unit) names. Two-row headers arrive as
 * `资金来源/中央资金`; the whole name is tried first, then the last part.
 */
export function matchField(baseName: string): FieldMatch | undefined {
  const whole = normaliseHeader(baseName);
  const parts = whole.split('/');
  const last = parts[parts.length - 1]!;
  for (const name of parts.length > 1 ? [whole, last] : [whole]) {
    const hit = aliasIndex.get(name);
    if (hit) return { ...hit, pattern: false };
  }
  if (MONEY_NAME.test(last) && !NOT_MONEY_NAME.test(last)) return { field: 'amount', rank: 0, pattern: true };
  if (ID_NAME.test(last)) return { field: 'idNumber', rank: ID_PATTERN_RANK, pattern: true };
  return undefined;
}

/** A header that names an ID number in any form (证件号, 身份证号(18位) …), mapped or not. */
export function looksLikeIdHeader(baseName: string): boolean {
  return /身份证|身份号|证件号/.test(normaliseHeader(baseName));
}
