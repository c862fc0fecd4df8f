// 居民身份证号码 checks (GB 11643-1999): 17 digits and a check character computed from them,
// a real birth date, and a region code that starts with a province that exists. The legacy
// 15-digit form (before 1999) has no check character and a two-digit year. Numbers that went
// through a spreadsheet's number format are damaged beyond repair and are said to be.

import { isValidYmd } from './dates.js';
import { toHalfWidth } from './normalise.js';

export type IdProblem =
  | 'scientific' // 4.30281E+17: Excel showed it as a number
  | 'stored-as-number' // the cell is a number: digits past the 15th are lost
  | 'trailing-zeros' // 430281199411057000: the 15-digit precision cut, with zeros pasted on
  | 'format' // not 15 or 18 characters of digits (and a final X)
  | 'region' // no province has this code
  | 'birth-date' // not a real day, or after the report date
  | 'check-digit'; // the 18th character does not match the first 17

export type IdCheck = { ok: true; kind: '18' | '15' } | { ok: false; problem: IdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

/** Province-level codes of GB/T 2260, plus 71 台湾, 81 香港, 82 澳门 and 83 (台湾居民居住证). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** The ID as people mean it: half-width, no spaces, a lower-case x made upper-case. */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CODES[sum % 11]!;
}

function birthOk(y: number, m: number, d: number, asOf: string | undefined): boolean {
  if (y < 1900 || !isValidYmd(y, m, d)) return false;
  if (asOf === undefined) return true;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return iso <= asOf;
}

/**
 * Checks one ID number. `wasNumber` says the spreadsheet stored it as a number, which loses
 * digits past the 15th whatever the cell now shows; `asOf` (ISO) bounds the birth date.
 */
export function checkIdNumber(raw: string, wasNumber: boolean, asOf?: string): IdCheck {
  const id = normaliseIdNumber(raw);
  if (/^\d(\.\d+)?E\+?\d+$/.test(id)) return { ok: false, problem: 'scientific' };
  if (wasNumber && id.length > 15) return { ok: false, problem: 'stored-as-number' };
  if (/^\d{15}$/.test(id)) {
    if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, problem: 'region' };
    const y = 1900 + Number(id.slice(6, 8));
    if (!birthOk(y, Number(id.slice(8, 10)), Number(id.slice(10, 12)), asOf)) return { ok: false, problem: 'birth-date' };
    return { ok: true, kind: '15' };
  }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, problem: 'region' };
  if (!birthOk(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), asOf)) {
    return { ok: false, problem: 'birth-date' };
  }
  if (checkDigit(id.slice(0, 17)) !== id[17]) {
    // Excel keeps 15 significant digits; an 18-digit number it has held ends in zeros.
    return { ok: false, problem: id.endsWith('000') ? 'trailing-zeros' : 'check-digit' };
  }
  return { ok: true, kind: '18' };
}
