// Cell references as a worksheet writes them ("AB12", "$C$3") and the edges of any Excel sheet.
// Shared by the row reader and the merged-range scan so both read a reference the same way.

/** The last column (XFD) and row Excel has, 0-based and 1-based. */
export const MAX_COLUMN = 16_383;
export const MAX_ROW = 1_048_576;

/** The 0-based column of a cell reference such as "AB12"; -1 when it has no letters. */
export function lettersToIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    n = n * 26 + (c - 0x60);
  }
  return n - 1;
}
