// Which field a header names: aliases, money and ID headers recognised by their ending, and
// headers written in traditional characters.

import { describe, expect, it } from 'vitest';
import { looksLikeIdHeader, matchField } from '../../src/ledger/fields.js';
import { parseHeaderName, unitFromLine } from '../../src/ledger/header.js';
import { toSimplified } from '../../src/text/traditional.js';

const field = (header: string) => matchField(parseHeaderName(header).base)?.field;

describe('headers by their ending', () => {
  it.each(['下达资金', '财政资金', '补助资金', '到位资金额', '拨付款', '工程款', '总投资', '危房改造补助', '生活补贴'])('%s is an amount candidate', (h) => {
    expect(field(h)).toBe('amount');
  });

  it.each(['资金来源', '资金性质', '补助对象', '补助标准'])('%s is not an amount', (h) => {
    expect(field(h)).not.toBe('amount');
  });

  it.each(['户主身份证号', '申请人身份证号码', '学生公民身份号码', '身份证件号码', '监护人证件号'])('%s is an ID number, ranked below the plain names', (h) => {
    expect(matchField(parseHeaderName(h).base)).toEqual({ field: 'idNumber', rank: 1, pattern: true });
  });

  it('身份证号 itself is the first-rank ID', () => {
    expect(matchField('身份证号')).toMatchObject({ field: 'idNumber', rank: 0 });
  });

  it('any header mentioning an ID number looks like one, mapped or not', () => {
    expect(['身份证号(18位)', '证件号', '户主身份证'].map(looksLikeIdHeader)).toEqual([true, true, true]);
    expect(['银行卡号', '姓名'].map(looksLikeIdHeader)).toEqual([false, false]);
  });

  it('学生姓名 and 受益人 name the beneficiary; 户主姓名 the payee; 交易状态 and 失败原因 a bank result', () => {
    expect(['学生姓名', '受益人', '户主姓名', '交易状态', '状态', '失败原因', '交易日期'].map(field)).toEqual([
      'beneficiary', 'beneficiary', 'payee', 'status', 'status', 'failureReason', 'date',
    ]);
  });
});

describe('traditional characters', () => {
  it.each([
    ['金額', 'amount'],
    ['項目名稱', 'project'],
    ['撥付金額(元)', 'amount'],
    ['結算金額', 'amount'],
    ['市縣', 'region'],
    ['鄉鎮', 'region'],
    ['身份證號碼', 'idNumber'],
    ['交易狀態', 'status'],
  ])('%s reads as its simplified form (%s)', (h, f) => {
    expect(field(h)).toBe(f);
  });

  it('a unit in traditional characters, in the header or on a 單位 line', () => {
    expect(parseHeaderName('下達金額(萬元)').unit).toBe('万元');
    expect(unitFromLine(['單位：萬元'])).toBe('万元');
  });

  it('leaves simplified text and text with nothing to convert as it is', () => {
    expect(toSimplified('项目名称')).toBe('项目名称');
    expect(toSimplified('Amount 2019')).toBe('Amount 2019');
    expect(toSimplified('撥付款項')).toBe('拨付款项');
  });
});
