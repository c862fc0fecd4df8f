// Progress on standard error while a large ledger is read: which ledger, rows, MB read (of how
// many, when known) and the rate, redrawn in place a few times a second. Only on a terminal,
// only once a ledger has taken a second, never with --quiet; standard output is never touched,
// so a report piped or redirected stays clean.

import type { Lang, Role } from '../domain.js';
import type { ReadProgress } from '../ledger/progress.js';
import { ROLE_NAMES } from '../report/messages.js';
import type { Io } from './io.js';

/** A ledger quicker than this to read shows nothing. */
export const SHOW_AFTER_MS = 1000;
/** The line is redrawn at most this often. */
export const REDRAW_MS = 250;

export interface ProgressDisplay {
  /** How far reading the ledger called `label` has got. */
  update(label: string, p: ReadProgress): void;
  /** Clears an unfinished line, so what is written next (an error, say) starts on its own. */
  close(): void;
}

interface Reading {
  label: string;
  start: number;
  /** The first count of rows and when it came: the rate is taken from there, past the setup. */
  first: { rows: number; at: number } | undefined;
  lastDraw: number;
  /** Display width of the line on screen, 0 when none is. */
  drawn: number;
}

/** The ledger as the progress line names it: its role and its file's name. */
export function ledgerLabel(role: Role, path: string, lang: Lang): string {
  const name = path.split(/[\\/]/).pop() || path;
  return lang === 'zh' ? `${ROLE_NAMES[role].zh} ${name}` : `[${ROLE_NAMES[role].en}] ${name}`;
}

/** A display when standard error is a terminal and --quiet is off; otherwise none. */
export function progressDisplay(io: Io, opts: { quiet: boolean | undefined; lang: Lang }): ProgressDisplay | undefined {
  if (opts.quiet || !io.stderrTTY) return undefined;
  const now = io.now ?? (() => performance.now());
  let current: Reading | undefined;

  const draw = (p: ReadProgress, t: number, end: string) => {
    const c = current!;
    const rate = c.first && t > c.first.at ? ((p.rows - c.first.rows) * 1000) / (t - c.first.at) : undefined;
    const fitted = fittedLine(c.label, p, { elapsedMs: t - c.start, rate }, opts.lang, Math.max(20, (io.stderrColumns || 80) - 1));
    const width = displayWidth(fitted);
    // Spaces, not an escape sequence, wipe what a longer line left: any terminal understands them.
    io.stderr(`\r${fitted}${' '.repeat(Math.max(0, current!.drawn - width))}${end}`);
    current!.drawn = end === '' ? width : 0;
  };
  const clear = () => {
    if (current && current.drawn > 0) io.stderr(`\r${' '.repeat(current.drawn)}\r`);
    if (current) current.drawn = 0;
  };

  return {
    update(label, p) {
      const t = now();
      if (!current || current.label !== label || (p.rows === 0 && !p.done)) {
        clear();
        current = { label, start: t, first: undefined, lastDraw: -Infinity, drawn: 0 };
      }
      if (p.rows > 0) current.first ??= { rows: p.rows, at: t };
      const elapsed = t - current.start;
      if (p.done) {
        // A ledger whose progress was on screen ends with its totals on a line of its own.
        if (current.drawn > 0) draw(p, t, '\n');
        current = undefined;
        return;
      }
      if (elapsed < SHOW_AFTER_MS || t - current.lastDraw < REDRAW_MS) return;
      current.lastDraw = t;
      draw(p, t, '');
    },
    close: clear,
  };
}

const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Time since the ledger's reading began, and rows a second since the first rows came. */
export interface Pace {
  elapsedMs: number;
  rate: number | undefined;
}

/** The line itself: "拨付 d.csv：312,000 行，25.3/81.0 MB（31%），156,000 行/秒". */
export function progressLine(label: string, p: ReadProgress, pace: Pace, lang: Lang): string {
  const zh = lang === 'zh';
  const parts = [zh ? `${grouped(p.rows)} 行` : `${grouped(p.rows)} rows`];
  if (p.bytes !== undefined) {
    if (p.done || p.totalBytes === undefined || p.totalBytes === 0) parts.push(`${mb(p.totalBytes ?? p.bytes)} MB`);
    else {
      const pct = Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100));
      parts.push(zh ? `${mb(p.bytes)}/${mb(p.totalBytes)} MB（${pct}%）` : `${mb(p.bytes)}/${mb(p.totalBytes)} MB (${pct}%)`);
    }
  }
  const seconds = (pace.elapsedMs / 1000).toFixed(1);
  if (p.done) parts.push(zh ? `用时 ${seconds} 秒` : `in ${seconds} s`);
  else if (pace.rate !== undefined) parts.push(zh ? `${grouped(pace.rate)} 行/秒` : `${grouped(pace.rate)} rows/s`);
  if (zh) return `${label}：${p.done ? '已读完 ' : ''}${parts.join('，')}`;
  return `${label}: ${p.done ? 'read ' : ''}${parts.join(', ')}`;
}

/** Columns a string takes on a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/**
 * The line in at most `width` columns: a line wider than the terminal would wrap, and a
 * carriage return goes back only to the start of the last screen line. The file name gives
 * way first (its end kept, where names differ), then the end of the line.
 */
export function fittedLine(label: string, p: ReadProgress, pace: Pace, lang: Lang, width: number): string {
  const line = progressLine(label, p, pace, lang);
  const over = displayWidth(line) - width;
  if (over <= 0) return line;
  const space = label.indexOf(' ');
  const name = [...label.slice(space + 1)];
  let cut = 0;
  let freed = 0;
  while (cut < name.length - 1 && freed < over + 1) freed += isWide(name[cut++]!.codePointAt(0)!) ? 2 : 1;
  const shorter = progressLine(`${label.slice(0, space + 1)}…${name.slice(cut).join('')}`, p, pace, lang);
  return displayWidth(shorter) <= width ? shorter : cutEnd(shorter, width);
}

function cutEnd(line: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of line) {
    const cw = isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}
