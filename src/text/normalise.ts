// Text normalisation shared by join keys and header matching: the same project typed in two
// offices (full-width digits, an ideographic space, a stray space beside a Chinese
// character) must compare equal, while genuinely different text must not. No case folding
// and no NFKC: both would merge codes that differ on purpose.

import { toSimplified } from './traditional.js';

const HAN = /[\p{Script=Han}\u3000-\u303f]/u;
const FULL_WIDTH = /[\uff01-\uff5e\u3000\u00a0]/;

/** Full-width ASCII forms (Ａ１（) to their half-width forms; the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  // Most text has nothing to convert; this runs for every key and amount cell.
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0x00a0) out += ' ';
    else out += s[i];
  }
  return out;
}

/**
 * The brief's key normalisation: full-width to half-width, trim, drop whitespace next to a
 * CJK character, collapse other runs of whitespace to one space.
 */
export function normaliseKey(s: string): string {
  const half = toHalfWidth(s).trim();
  if (!/\s/.test(half)) return half;
  return half.replace(/\s+/g, (run, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + run.length] ?? '';
    return HAN.test(before) || HAN.test(after) ? '' : ' ';
  });
}

/**
 * Header text for matching against aliases: a key's normalisation, plus no whitespace at all
 * (headers wrap onto several lines in Excel: `投资规模\n(万元)`), lower case for English, and
 * traditional characters read as simplified (金額 is 金额; see traditional.ts).
 */
export function normaliseHeader(s: string): string {
  return toSimplified(toHalfWidth(s).replace(/\s+/g, '').toLowerCase());
}
