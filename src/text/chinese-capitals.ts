// Amounts written in Chinese numerals, as on vouchers and receipts (大写金额):
// 壹万贰仟叁佰肆拾伍元陆角柒分, 叁仟元整, 人民币壹佰元零伍分. Returns decimal text in 元, or
// null when the text is not a well-formed amount; integers only, so nothing is approximate.

const DIGITS: Record<string, bigint> = {
  零: 0n, 〇: 0n, 壹: 1n, 贰: 2n, 貳: 2n, 叁: 3n, 參: 3n, 肆: 4n, 伍: 5n, 陆: 6n, 陸: 6n, 柒: 7n, 捌: 8n, 玖: 9n,
  一: 1n, 二: 2n, 两: 2n, 兩: 2n, 三: 3n, 四: 4n, 五: 5n, 六: 6n, 七: 7n, 八: 8n, 九: 9n,
};
const SMALL_UNITS: Record<string, bigint> = { 拾: 10n, 十: 10n, 佰: 100n, 百: 100n, 仟: 1000n, 千: 1000n };
const WAN = new Set(['万', '萬']);
const YI = new Set(['亿', '億']);

function parseInteger(s: string): bigint | null {
  if (s === '') return 0n;
  let total = 0n; // completed 亿 groups
  let wanPart = 0n; // completed 万 group within the current 亿 group
  let section = 0n; // below 万
  let digit: bigint | null = null;
  let last: 'start' | 'digit' | 'zero' | 'unit' | 'wan' | 'yi' = 'start';
  let lastUnit = 0n;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (last === 'digit') return null; // 壹贰: two digits with no unit between them
      // 壹仟贰 is colloquial for 1200 but reads as 1002: a bare digit may follow only 零,
      // 拾, or nothing, so an amount that could be read two ways is rejected.
      if (d !== 0n && (last === 'unit' && lastUnit !== 10n || last === 'wan' || last === 'yi')) {
        digit = d;
        last = 'digit';
        lastUnit = -1n;
        continue;
      }
      if (d === 0n) {
        last = 'zero';
        continue;
      }
      digit = d;
      last = 'digit';
      continue;
    }
    const unit = SMALL_UNITS[ch];
    if (unit !== undefined) {
      // 拾元 and 壹拾 both mean ten; 佰 or 仟 without a digit is not an amount.
      if (digit === null && !(unit === 10n && (last === 'start' || last === 'wan' || last === 'yi'))) return null;
      section += (digit ?? 1n) * unit;
      digit = null;
      last = 'unit';
      lastUnit = unit;
      continue;
    }
    if (WAN.has(ch)) {
      if (last === 'start') return null;
      wanPart = (section + (digit ?? 0n)) * 10000n;
      section = 0n;
      digit = null;
      last = 'wan';
      continue;
    }
    if (YI.has(ch)) {
      if (last === 'start') return null;
      total = (total + wanPart + section + (digit ?? 0n)) * 100000000n;
      wanPart = 0n;
      section = 0n;
      digit = null;
      last = 'yi';
      continue;
    }
    return null;
  }
  // A bare digit after 佰/仟/万/亿 (lastUnit -1) with nothing after it is the ambiguous case.
  if (last === 'digit' && lastUnit === -1n) return null;
  return total + wanPart + section + (digit ?? 0n);
}

/** `陆角柒分`, `零伍分`, `伍角`: returns the two decimal digits, or null. */
function parseFraction(s: string): string | null {
  const m = /^(?:([零〇壹贰貳叁參肆伍陆陸柒捌玖一二两三四五六七八九])角)?(?:零|〇)?(?:([零〇壹贰貳叁參肆伍陆陸柒捌玖一二两三四五六七八九])分)?$/.exec(s);
  if (!m) return null;
  const jiao = m[1] === undefined ? 0n : DIGITS[m[1]]!;
  const fen = m[2] === undefined ? 0n : DIGITS[m[2]]!;
  return `${jiao}${fen}`;
}

export function parseChineseCapitals(raw: string): string | null {
  let s = raw.replace(/\s+/g, '').replace(/^(人民币|人民幣|RMB)[:：]?/i, '').replace(/[整正]$/, '');
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('负') || s.startsWith('負')) {
    negative = true;
    s = s.slice(1);
  }
  const yuanAt = s.search(/[元圆圓]/);
  const intText = yuanAt === -1 ? (/[角分]/.test(s) ? '' : s) : s.slice(0, yuanAt);
  const fracText = yuanAt === -1 ? (/[角分]/.test(s) ? s : '') : s.slice(yuanAt + 1);
  // Without 元 an amount must be only 角/分 (伍角) — a bare 壹万 is a count, not money.
  if (yuanAt === -1 && fracText === '') return null;
  const int = parseInteger(intText);
  const frac = parseFraction(fracText);
  if (int === null || frac === null) return null;
  if (intText === '' && fracText === '') return null;
  const text = `${int}.${frac}`;
  return negative && text !== '0.00' ? `-${text}` : text;
}
