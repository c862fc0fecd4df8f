// Which columns of a worksheet are hidden in Excel: the <cols> element before <sheetData>
// holds `<col min="3" max="4" hidden="1"/>` (or a zero width). A byte scan of the part's start,
// separate from the row reader, that stops where the rows begin, so it costs one chunk or two.

/** Excel's last column, XFD, 1-based as <col> numbers them. */
const MAX_COLUMN = 16_384;
/**
 * The text before <sheetData> is a few hundred bytes in practice; <cols> alone is at most
 * 16,384 <col> elements. A part that has not reached its rows by this much is not read further.
 */
const MAX_PREAMBLE = 4 * 1024 * 1024;

const SHEET_DATA = /<(?:[\w.-]+:)?sheetData\b/;
const COL = /<(?:[\w.-]+:)?col\b([^>]*)>/g;
const ATTR = /\b(min|max|hidden|width)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** 0-based indices of the hidden columns of one worksheet part. */
export async function scanHiddenColumns(chunks: AsyncIterable<Buffer>): Promise<Set<number>> {
  let text = '';
  for await (const chunk of chunks) {
    // Only the new text (and a tag's length before it) is searched, so a long preamble is
    // scanned once. Names and numbers are ASCII; latin1 never splits a character.
    const from = Math.max(0, text.length - 64);
    text += chunk.toString('latin1');
    const at = text.slice(from).search(SHEET_DATA);
    if (at >= 0) {
      text = text.slice(0, from + at);
      break;
    }
    if (text.length > MAX_PREAMBLE) break;
  }
  return hiddenIn(text);
}

function hiddenIn(text: string): Set<number> {
  const hidden = new Set<number>();
  for (const m of text.matchAll(COL)) {
    const a: Record<string, string> = {};
    for (const [, name, dq, sq] of m[1]!.matchAll(ATTR)) a[name!] = dq ?? sq ?? '';
    const isHidden = a.hidden === '1' || a.hidden === 'true' || (a.width !== undefined && Number(a.width) === 0);
    if (!isHidden) continue;
    const min = Number(a.min);
    const max = a.max === undefined ? min : Number(a.max);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) continue;
    for (let c = min; c <= Math.min(max, MAX_COLUMN); c++) hidden.add(c - 1);
  }
  return hidden;
}
