// Traditional characters that occur in ledger headers and status cells (金額, 項目名稱, 市縣,
// 撥付, 結算, 交易狀態 …), mapped one to one to their simplified forms, so a header typed in
// traditional characters matches the same aliases. Applied to header and status text only,
// never to keys or amounts: a key is compared as written.
//
// A table rather than a converter library (OpenCC and its ports): those convert running text
// phrase by phrase with dictionaries of megabytes, and one traditional character may map to
// several simplified ones depending on the phrase. Header vocabulary is small and fixed; each
// character here maps to exactly one simplified form in every header it occurs in, and the
// table can be read and checked line by line.

const PAIRS =
  '額额項项稱称縣县撥拨結结資资規规實实際际發发補补貼贴劃划達达計计總总號号碼码證证戶户銀银' +
  '帳账賬账鄉乡鎮镇區区單单來来類类別别時时間间寫写憑凭編编狀状態态處处備备註注說说萬万財财' +
  '專专貧贫開开標标準准數数價价學学對对農农業业產产設设內内責责領领兌兑現现餘余庫库級级匯汇' +
  '轉转記记錄录據据報报個个應应歸归屬属與与為为無无種种養养災灾組组織织機机構构辦办經经濟济' +
  '門门職职務务費费償偿險险醫医療疗護护勞劳動动員员購购買买賣卖錢钱幣币預预決决審审會会檢检' +
  '復复歷历舊旧億亿綜综統统籌筹調调節节約约續续敗败銷销認认將将確确擬拟駁驳託托轄辖繳缴糧粮' +
  '貸贷齡龄歲岁親亲兒儿園园棟栋驗验僅仅負负團团體体勵励獎奖減减廠厂電电網网錶表讓让議议傳传' +
  '義义導导試试齊齐順顺圓圆稅税';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const from = PAIRS[i]!;
  const to = PAIRS[i + 1]!;
  if (from !== to) MAP.set(from, to);
}

// Most text is simplified already: one regular-expression test, and nothing is rebuilt.
const ANY = new RegExp(`[${[...MAP.keys()].join('')}]`);

/** Header or status text with its traditional characters made simplified. */
export function toSimplified(s: string): string {
  if (!ANY.test(s)) return s;
  let out = '';
  for (const ch of s) out += MAP.get(ch) ?? ch;
  return out;
}
