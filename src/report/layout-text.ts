// Terminal text layout: alignment counts display width (string-width: CJK characters and
// emoji take two columns, combining marks none), not string length. Tables fit a width by
// wrapping their text columns and, in a narrow terminal only, leaving out columns that can be
// worked out from the others. Colour comes in as a Paint the CLI chooses; renderers never do.

import stringWidth from 'string-width';

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  error(s: string): string;
  warning(s: string): string;
  ok(s: string): string;
}

const id = (s: string) => s;
export const PLAIN: Paint = { bold: id, dim: id, error: id, warning: id, ok: id };

/**
 * CJK ideographs (with extension A), CJK punctuation (up to U+3029, before the tone marks) and
 * full-width forms: two columns each. They make up most of a Chinese ledger, and string-width
 * takes some 70 µs a string of them (it segments graphemes and tests emoji properties), so they
 * are counted here when nothing follows them that could join their cluster.
 */
function isPlainWide(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3000 && c <= 0x3029) || (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
}

/** Nothing can extend a character's cluster from here: the end, printable ASCII, or another plain wide character. */
function startsCluster(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s.charCodeAt(i);
  return (c >= 0x20 && c <= 0x7e) || isPlainWide(c);
}

/** Columns a terminal shows, colour codes excluded; string-width decides all but plain CJK. */
export function displayWidth(s: string): number {
  let width = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isPlainWide(s.charCodeAt(i)) || !startsCluster(s, i + 1)) continue;
    if (i > from) width += stringWidth(s.slice(from, i));
    width += 2;
    from = i + 1;
  }
  return from === 0 ? stringWidth(s) : width + (from < s.length ? stringWidth(s.slice(from)) : 0);
}

export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Printable ASCII and plain CJK: one character a code unit, nothing joins them (and segmenting is slow). */
const UNJOINED = /^[\u0020-\u007e\u3000-\u3029\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]*$/;

/** User-perceived characters: an emoji with its modifiers, or a letter with its accents, is one. */
function charsOf(s: string): string[] {
  return UNJOINED.test(s) ? s.split('') : Array.from(graphemes.segment(s), (g) => g.segment);
}

/** Cuts text to a display width, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of charsOf(s)) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * Text in lines of at most `width` columns: broken at a space where the line has one (Latin
 * words stay whole), else between characters (Chinese has no spaces to break at). At most
 * `maxLines` lines; the last one ends in an ellipsis if the text goes on.
 */
export function wrap(s: string, width: number, maxLines = Infinity): string[] {
  if (displayWidth(s) <= width) return [s];
  const lines: string[] = [];
  // The line being filled, a character and its width at a time.
  let chars: string[] = [];
  let widths: number[] = [];
  let w = 0;
  for (const ch of charsOf(s)) {
    const cw = displayWidth(ch);
    if (w + cw > width && chars.length > 0) {
      const space = chars.lastIndexOf(' ');
      const cut = ch !== ' ' && space > 0 ? space : chars.length;
      lines.push(chars.slice(0, cut).join('').trimEnd());
      chars = chars.slice(cut + 1);
      widths = widths.slice(cut + 1);
      w = widths.reduce((a, b) => a + b, 0);
      if (ch === ' ' && chars.length === 0) continue;
    }
    chars.push(ch);
    widths.push(cw);
    w += cw;
  }
  if (chars.length > 0) lines.push(chars.join(''));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = displayWidth(last) < width ? `${last}…` : truncate(`${last}…`, width);
  return kept;
}

export interface Column {
  title: string;
  align: 'left' | 'right';
  /** The widest the column grows; longer text wraps onto more lines (up to MAX_LINES, then an ellipsis). */
  max?: number;
  /** The narrowest it may wrap to so that the table fits; without it the column never wraps to fit. */
  min?: number;
  /** Can be worked out from other columns, so a narrow terminal may leave it out (the last such first). */
  optional?: boolean;
}

/** A cell wrapped to more lines than this ends in an ellipsis: a table row should stay a glance. */
const MAX_LINES = 3;
/** However narrow the space, a wrapping column keeps this many columns (four CJK characters). */
const NARROWEST = 8;
const GAP = 2;

export interface Fit {
  /** Columns available. */
  width: number;
  /** Whether columns marked optional may be left out (a terminal; never a file, whose content must not depend on a width). */
  leaveOut: boolean;
}

function naturalWidths(columns: Column[], rows: string[][]): number[] {
  return columns.map((c, i) => {
    const widest = Math.max(displayWidth(c.title), ...rows.map((r) => displayWidth(r[i] ?? '')));
    return c.max === undefined ? widest : Math.min(widest, Math.max(c.max, displayWidth(c.title)));
  });
}

/**
 * `narrowed` columns were made narrower than their text to fit a terminal: they show all of
 * it, however many lines that takes. Elsewhere a cell stops at MAX_LINES.
 */
function lay(columns: Column[], rows: string[][], widths: number[], indent: string, narrowed: boolean[] = []): string[] {
  const out: string[] = [];
  const emit = (cells: string[]) => {
    const split = cells.map((c, i) => (displayWidth(c) > widths[i]! ? wrap(c, widths[i]!, narrowed[i] ? Infinity : MAX_LINES) : [c]));
    const height = Math.max(...split.map((s) => s.length));
    for (let n = 0; n < height; n++) {
      out.push(indent + split.map((s, i) => pad(s[n] ?? '', widths[i]!, columns[i]!.align)).join(' '.repeat(GAP)).trimEnd());
    }
  };
  emit(columns.map((c) => c.title));
  for (const r of rows) emit(r);
  return out;
}

/** Rows of cells to aligned lines at their natural widths; cells may carry colour, which takes no width. */
export function table(columns: Column[], rows: string[][], indent = '  '): string[] {
  return lay(columns, rows, naturalWidths(columns, rows), indent);
}

/**
 * The table within `fit.width` columns, if it can be done: first the wrapping columns narrow
 * to their `min`; then, where allowed, optional columns go (last first) and the wrapping ones
 * widen again; last, the wrapping columns narrow as far as NARROWEST. What cannot fit still
 * runs past the width rather than losing text. Returns the lines and the columns left out.
 */
export function fitTable(columns: Column[], rows: string[][], fit: Fit, indent = '  '): { lines: string[]; leftOut: Column[] } {
  const natural = naturalWidths(columns, rows);
  let kept = columns.map((_, i) => i);
  const total = (ws: Map<number, number>) => indent.length + [...ws.values()].reduce((a, b) => a + b, 0) + GAP * (ws.size - 1);

  /** Widths for the kept columns with the wrapping ones narrowed toward `floor(column)`, no further. */
  const narrowed = (floor: (c: Column) => number): Map<number, number> => {
    const ws = new Map(kept.map((i) => [i, natural[i]!]));
    let over = total(ws) - fit.width;
    // Widest first, so two wrapping columns end up about as wide as each other.
    const wrapping = kept.filter((i) => columns[i]!.min !== undefined).sort((a, b) => natural[b]! - natural[a]!);
    for (const i of wrapping) {
      if (over <= 0) break;
      const to = Math.min(natural[i]!, Math.max(floor(columns[i]!), natural[i]! - over, displayWidth(columns[i]!.title)));
      over -= natural[i]! - to;
      ws.set(i, to);
    }
    return ws;
  };

  let ws = narrowed((c) => c.min!);
  if (total(ws) > fit.width && fit.leaveOut) {
    for (let i = columns.length - 1; i >= 0 && total(ws) > fit.width; i--) {
      if (!columns[i]!.optional) continue;
      kept = kept.filter((k) => k !== i);
      ws = narrowed((c) => c.min!);
    }
  }
  if (total(ws) > fit.width) ws = narrowed(() => NARROWEST);

  const leftOut = columns.filter((_, i) => !kept.includes(i));
  const lines = lay(
    kept.map((i) => columns[i]!),
    rows.map((r) => kept.map((i) => r[i] ?? '')),
    kept.map((i) => ws.get(i)!),
    indent,
    kept.map((i) => ws.get(i)! < natural[i]!),
  );
  return { lines, leftOut };
}
