// The canonical fields a ledger column can hold, and the header texts (aliases) that name
// them in Chinese and English ledgers. Matching is on normalised header text with any unit
// suffix removed (`金额(元)` matches `金额`). Aliases are ranked: a sheet holding both 项目名称
// and 项目编号 uses 项目名称 as the project, and says so. Money columns are never ranked
// against each other: two candidates for the amount are an error the user resolves.

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
      '发放时间', '支付时间', '结算时间', '时间', 'date',
    ],
  ],
  payee: [
    [
      '收款人', '收款人姓名', '收款人名称', '姓名', '户主姓名', '户主', '农户姓名', '贫困户姓名', '学生姓名', '受助人',
      '受助人姓名', '补助对象', '领款人', '户名', '收款单位', '实施单位/收款人', '收款人/单位', 'payee', 'name',
    ],
  ],
  idNumber: [['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', 'idnumber', 'id number', 'id no', 'id no.']],
  bankAccount: [
    ['银行卡号', '银行账号', '一卡通账号', '一卡通卡号', '一卡通号', '存折号', '存折账号', '社保卡号', '卡号', '账号', '收款账号', 'bankaccount', 'bank account', 'account'],
  ],
  region: [
    ['县(区)', '县区', '县(市、区)', '县(市区)', '区县', '县', 'county'],
    ['乡镇', '乡(镇)', '乡镇(街道)', '镇', 'town'],
    ['村', '村(社区)', '行政村', 'village'],
    ['单位', 'region'],
  ],
  fundSource: [['资金来源', '资金性质', '资金类别', '资金类型', 'fundsource', 'fund source']],
  amountInWords: [['大写金额', '金额大写', '金额(大写)', '大写']],
  voucher: [['凭证号', '凭证编号', '凭证字号', 'voucher']],
};

/**
 * Header texts that look like money without being a known alias: 少数民族发展项目资金,
 * 中央财政专项扶贫资金. They count as amount candidates, so they make an amount ambiguous
 * rather than being silently ignored.
 */
const MONEY_NAME = /(金额|资金|资金规模|款|投资|支出)$/;
const NOT_MONEY_NAME = /(来源|性质|类别|类型|用途|大写|名称|文号)$/;

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
  return undefined;
}
