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
 * Format characters (Unicode Cf): zero-width space and joiners, word joiner, BOM, soft hyphen,
 * direction marks. They are invisible, arrive with text pasted from web pages and PDFs, and
 * would make two keys that read the same differ.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

export function dropFormatChars(s: string): string {
  return s.replace(FORMAT_CHARS, '');
}

/**
 * Text that every normalisation here leaves as it is: printable ASCII other than the space,
 * and the CJK ideographs of the basic block (U+4E00–U+9FFF), none of which is whitespace, a
 * format character or a full-width form. Most keys are such text; testing for it is much
 * cheaper than the regular expressions that would find nothing to change.
 */
export function isPlainText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
    return false;
  }
  return true;
}

/**
 * The brief's key normalisation: drop format characters, full-width to half-width, trim,
 * drop whitespace next to a CJK character, collapse other runs of whitespace to one space.
 */
export function normaliseKey(s: string): string {
  if (isPlainText(s)) return s;
  const half = toHalfWidth(dropFormatChars(s)).trim();
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
  return toSimplified(toHalfWidth(dropFormatChars(s)).replace(/\s+/g, '').toLowerCase());
}

/**
 * Characters that look like others a person would type (Cyrillic а for Latin a, the hyphens
 * and dashes, a middle dot), and characters that show nothing at all (fillers, variation
 * selectors, the combining grapheme joiner). Normalising them away would merge keys that
 * differ on purpose, so they are only used to tell a person that two keys which look the
 * same are not.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ο: 'o', α: 'a', ν: 'v',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', Ο: 'O', Α: 'A', Β: 'B',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\u30fc': '-',
  '\u00b7': '·', '\u2022': '·', '\u30fb': '·', '\u2027': '·', '\u25cb': '〇', '\u3007': '〇',
};
const SHOWS_NOTHING = /[\u034f\u115f\u1160\u3164\uffa0\u2800\ufe00-\ufe0f]/g;

/** What a key looks like on screen, for telling whether two different keys look the same. */
export function lookalike(s: string): string {
  let out = '';
  for (const ch of s.replace(SHOWS_NOTHING, '')) out += LOOKALIKES[ch] ?? ch;
  return out;
}

/** Printable ASCII, CJK ideographs and CJK punctuation read as themselves; anything else is suspect. */
const PLAIN = /[\x20-\x7e\p{Script=Han}\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026]/u;

/** The key with every character a person cannot tell apart written as \u{…}. */
export function escapeUnseen(s: string): string {
  let out = '';
  for (const ch of s) out += PLAIN.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
  return out;
}
