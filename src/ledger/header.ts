// Header cells and unit lines: what a column is called, and which unit its amounts are in
// when the sheet says so (`金额(元)`, `投资规模\n(万元)`, a "单位:万元" line above the table).

import type { Unit } from '../money.js';
import type { Cell } from '../sheets/types.js';
import { normaliseKey, toHalfWidth } from '../text/normalise.js';
import { toSimplified } from '../text/traditional.js';

/** The text a cell shows, for labels and headers (never for amounts). */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  switch (cell.t) {
    case 'text':
    case 'number':
    case 'date':
    case 'error':
      return cell.v;
    case 'bool':
      return cell.v ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

export interface HeaderName {
  /** As shown to the user: whitespace tidied, otherwise as written. */
  display: string;
  /** Without the unit suffix and in simplified characters, for matching against aliases. */
  base: string;
  unit: Unit | undefined;
}

const UNIT_SUFFIX = /[(\[【]\s*(?:单位\s*[:：]?\s*)?(万元|元|万)\s*[)\]】]$/;

export function parseHeaderName(text: string): HeaderName {
  const display = normaliseKey(text.replace(/[\r\n]+/g, ' '));
  const half = toSimplified(toHalfWidth(display).replace(/\s+/g, ''));
  // A two-row header arrives as `资金规模(万元)/小计`: the merged parent states the unit for
  // every column under it, so each part may carry one; a child's own unit wins.
  let unit: Unit | undefined;
  const base = half
    .split('/')
    .map((part) => {
      const m = UNIT_SUFFIX.exec(part);
      if (!m) return part;
      unit = m[1] === '元' ? '元' : '万元';
      return part.slice(0, m.index);
    })
    .join('/');
  return { display, base, unit };
}

const UNIT_LINE = /单位[:：]?(万元|元)/;

/** The unit a "单位:万元" line (or a title ending "（单位：元）") states. */
export function unitFromLine(texts: readonly string[]): Unit | undefined {
  for (const t of texts) {
    const m = UNIT_LINE.exec(toSimplified(toHalfWidth(t).replace(/\s+/g, '')));
    if (m) return m[1] === '元' ? '元' : '万元';
  }
  return undefined;
}

export type TotalKind = 'total' | 'subtotal';

// 总计 and 累计 total everything above them whatever precedes them: "全县总计", and the
// "本年累计" that follows each "本月合计" in an account book (明细账).
const TOTAL = /^(合计|合計|共计|共計)[:：]?$|^(.*)(总计|總計|累计|累計)[:：]?$/;
const SUBTOTAL = /^(.*)(小计|小計)[:：]?$|^(.+)(合计|合計)[:：]?$/;

/**
 * Whether a label cell marks a total row: 合计/总计/累计 total the sheet, 小计 and "乐都区合计"
 * (or "本月合计") total a group. Simplified and traditional forms; spaces inside ("合 计") are
 * ignored.
 */
export function totalKindOf(label: string): TotalKind | undefined {
  // Every form ends in 计 or 計; most labels have neither, and need no more than this.
  if (label.indexOf('计') === -1 && label.indexOf('計') === -1) return undefined;
  const s = toHalfWidth(label).replace(/\s+/g, '');
  if (s === '') return undefined;
  if (TOTAL.test(s)) return 'total';
  if (SUBTOTAL.test(s)) return 'subtotal';
  return undefined;
}

/** "其中：中央资金" rows break down the row above; adding them would count money twice. */
export function isBreakdownLabel(label: string): boolean {
  return label.indexOf('其') !== -1 && /^其中[:：]?/.test(toHalfWidth(label).trim());
}

/**
 * What a breakdown row is a part of, in the words of fund sources: 中央资金, 省级财政资金,
 * 县级配套, 自筹, 整合资金, 以工代赈. A short label made only of such words names a share of
 * the money above it, never a project or a payee, so it continues a 其中 breakdown even
 * without a 其中 of its own.
 */
const FUND_PART =
  /^(?:(?:中央|省|市|州|盟|县|区|旗|乡|镇|地方|本|上级|各级)(?:级|本级)?|财政|专项|扶贫|衔接|推进乡村振兴|统筹|整合|涉农|配套|自筹|群众|社会|企业|银行|信贷|贷款|债券|一般|彩票|公益金|以工代赈|东西部|协作|帮扶|定点|对口|其他|其它|预算内|基本建设|资金|投入|投资|补助|拨款|捐赠|捐款|出资|筹资|部分)+$/;

export function isFundPartLabel(label: string): boolean {
  const s = toHalfWidth(label).replace(/\s+/g, '').replace(/^其中[:：]?/, '');
  return s.length >= 2 && s.length <= 16 && FUND_PART.test(s);
}

/**
 * Lines under a table that sign it off: who drew it up, who checked it, how to reach them,
 * when it was filed (制表人：李明  审核人：王芳, 联系电话：…, 填报日期：…). The word must stand
 * alone or be followed by a colon or a space, so 会计核算中心建设项目 is not one.
 */
const SIGN_OFF = new RegExp(
  `^(?:${[
    '制表人?', '制单人?', '填表人?', '填报人', '编制人', '编表人', '报表人', '统计人',
    '审核人?', '复核人?', '审批人?', '审定人?', '批准人', '核准人', '校对人?', '监督人', '验收人', '证明人',
    '经办人', '经手人', '记账人?', '会计', '主管会计', '出纳', '会计主管', '财务主管',
    '单位负责人', '财务负责人', '部门负责人', '科室负责人', '项目负责人', '负责人', '分管领导', '主管领导', '主要领导', '单位领导',
    '联系电话', '联系人', '电话', '手机', '手机号码?', '联系方式',
    '填报日期', '填表日期', '制表日期', '编制日期', '报送日期', '打印日期', '打印时间', '制表时间', '填报时间',
    '填报单位', '编制单位', '报送单位', '单位[(（]?(?:盖章|公章|签章)[)）]?', '[(（]?(?:盖章|公章|签章|签字|签名)[)）]?',
  ].join('|')})(?:[:：]|\\s|$)`,
);

export function isSignOffLine(firstText: string): boolean {
  // Every such word begins with a Chinese character or a bracket: text that begins with a
  // printable ASCII character other than "(" (a code, an amount, a date) is none.
  const c = firstText.charCodeAt(0);
  if (c > 0x20 && c < 0x7f && c !== 0x28) return false;
  return SIGN_OFF.test(toHalfWidth(firstText).trim());
}

/**
 * Rows an account book (明细账, as 用友 or 金蝶 print it) puts where a page ends or begins:
 * 过次页 carries the running figure to the next page and 承前页 brings it in ('carried');
 * 本页合计 adds up the page ('page'). Matched on a whole cell, in any column (they usually
 * sit in 摘要).
 */
export type CarriedKind = 'carried' | 'page';

const CARRIED = /^(承前页|承上页|上页转来|接上页|转上页|承前|过次页|过下页|转次页|转下页|移下页|过次)[:：]?$/;
const PAGE_TOTAL = /^(本页合计|本页小计|本页发生额合计|页合计|本页合計|本頁合計)[:：]?$/;

export function carriedKindOf(text: string): CarriedKind | undefined {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  if (CARRIED.test(s)) return 'carried';
  if (PAGE_TOTAL.test(s)) return 'page';
  return undefined;
}
