// Terminal text layout: Chinese characters take two columns, so alignment counts display
// width, not string length. Colour comes in as a Paint the CLI chooses (plain when output is
// not a terminal or NO_COLOR is set); renderers never decide it themselves.

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  error(s: string): string;
  warning(s: string): string;
  ok(s: string): string;
}

const id = (s: string) => s;
export const PLAIN: Paint = { bold: id, dim: id, error: id, warning: id, ok: id };

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(ANSI, '')) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'left' ? s + fill : fill + s;
}

/** Cuts text to a display width, marking the cut with an ellipsis. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export interface Column {
  title: string;
  align: 'left' | 'right';
  max?: number;
}

/** Rows of cells to aligned lines; cells may carry colour, which takes no width. */
export function table(columns: Column[], rows: string[][], indent = '  '): string[] {
  const cells = rows.map((r) => r.map((c, i) => (columns[i]!.max ? truncate(c, columns[i]!.max!) : c)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.title), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => indent + r.map((c, i) => pad(c, widths[i]!, columns[i]!.align)).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)];
}
