// Generates worksheet XML in the shapes spreadsheet programs and other writers produce (and a
// few they should not), from a seed, so that the fast scanner and saxes can be compared on
// thousands of variations: prefixes, quoting, attribute order, entities, escapes, CDATA,
// comments, rich text, shared formulas, rows out of order, cells without references.

/** A small seeded generator (mulberry32): the same seed gives the same sheet. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const chance = (rand: Rand, p: number): boolean => rand() < p;
const shuffle = <T>(rand: Rand, items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Pieces of cell text: what a value or a run may hold, already escaped for XML. */
const TEXT_PIECES = [
  '左权镇', '危桥改造', '67.90712', '1E-3', ' ', '  ', '\n', '\t', '\r\n', '\r', 'R&amp;D', '&lt;一卡通&gt;', '&quot;', '&apos;',
  '&#x4E2D;', '&#20013;', '&#x1F600;', '&#10;', '&#13;', '_x000D_', '_x005F_x000D_', '_x0009_', 'x_', '_x00', ']]', ']', '>',
  '430281196501078970', '😀', 'é', '\u00a0', '<![CDATA[a<b&c]]>', '<![CDATA[]]>', '<!-- 备注 -->', '<!---->',
];

function text(rand: Rand, max = 4): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += pick(rand, TEXT_PIECES);
  return s;
}

/** Text fit for an attribute value in the given quote (no markup, no CDATA, no comments). */
function attrValue(rand: Rand, quote: string): string {
  const pieces = ['A1', '1', ' 2 ', 'x&amp;y', '&#x41;', '\t', '\n', '\r\n', quote === '"' ? "'" : '"', '&quot;', '中', '&lt;'];
  let s = '';
  const n = Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) s += pick(rand, pieces);
  return s;
}

class Writer {
  /**
   * @param plain write as Excel does: attributes in the order given, one space before each,
   *   double quotes, nothing extra (the shape the fast scanner's shortcuts read)
   */
  constructor(private readonly rand: Rand, private readonly prefix: string, private readonly plain: boolean) {}

  name(local: string): string {
    return this.prefix + local;
  }

  /** Attributes in random order, quote style and spacing, with an unknown one sometimes. */
  attrs(pairs: [string, string][]): string {
    const rand = this.rand;
    if (this.plain && !pairs.some(([, v]) => v.includes('"'))) return pairs.map(([k, v]) => ` ${k}="${v}"`).join('');
    const all = [...pairs];
    if (chance(rand, 0.2)) all.push(['x14ac:dyDescent', '0.25']);
    if (chance(rand, 0.1)) {
      const q = pick(rand, ['"', "'"]);
      all.push(['customFormat', attrValue(rand, q)]);
    }
    return shuffle(rand, all)
      .map(([k, v]) => {
        const q = v.includes('"') ? "'" : v.includes("'") ? '"' : pick(rand, ['"', "'"]);
        const eq = pick(rand, ['=', '=', '=', ' = ', '=\n']);
        return `${pick(rand, [' ', ' ', '  ', '\n  ', '\t'])}${k}${eq}${q}${v}${q}`;
      })
      .join('');
  }

  element(local: string, attrs: [string, string][], content: string | undefined): string {
    const open = `<${this.name(local)}${this.attrs(attrs)}`;
    if (content === undefined) return `${open}${this.plain ? '/>' : pick(this.rand, ['/>', ' />'])}`;
    return `${open}>${content}</${this.name(local)}${this.plain ? '>' : pick(this.rand, ['>', '>', ' >'])}`;
  }
}

function cellParts(w: Writer, rand: Rand, type: string | undefined, shared: { next: number }): string {
  const parts: string[] = [];
  if (chance(rand, 0.25)) {
    if (chance(rand, 0.4)) {
      const si = String(Math.floor(rand() * Math.max(1, shared.next + 1)));
      if (si === String(shared.next)) shared.next++;
      parts.push(w.element('f', [['t', 'shared'], ['si', si], ...(chance(rand, 0.5) ? [['ref', 'A1:A9'] as [string, string]] : [])], chance(rand, 0.5) ? `SUM(A1:A${si})` : undefined));
    } else {
      parts.push(w.element('f', [], chance(rand, 0.8) ? pick(rand, ['SUM(B1:C1)', 'A1&amp;"元"', '""', '1/0', text(rand, 2)]) : undefined));
    }
  }
  if (type === 'inlineStr' || chance(rand, 0.05)) {
    const runs: string[] = [];
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) {
      if (chance(rand, 0.5)) runs.push(w.element('t', chance(rand, 0.3) ? [['xml:space', 'preserve']] : [], text(rand)));
      else runs.push(w.element('r', [], (chance(rand, 0.3) ? w.element('rPr', [], w.element('b', [], undefined)) : '') + w.element('t', [], text(rand))));
    }
    if (chance(rand, 0.2)) runs.push(w.element('rPh', [['sb', '0'], ['eb', '1']], w.element('t', [], 'pinyin')));
    parts.push(w.element('is', [], runs.join('')));
  }
  if (chance(rand, 0.8)) {
    const value = {
      s: () => pick(rand, ['0', '1', '2', ' 1 ', '3']),
      str: () => text(rand),
      b: () => pick(rand, ['0', '1', 'true', 'false']),
      e: () => pick(rand, ['#DIV/0!', '#REF!', '#N/A']),
      d: () => pick(rand, ['2019-09-30T00:00:00Z', '2019-09-30T08:15:00', '2019-09-30']),
      n: () => pick(rand, ['43738', '43738.5', '0', '-1', '2958466', '67.90712', '', ' ', '1E-3', text(rand, 2)]),
    }[type ?? 'n'] ?? (() => text(rand, 2));
    parts.push(w.element('v', [], chance(rand, 0.05) ? undefined : value()));
  }
  if (chance(rand, 0.05)) parts.push(w.element('extLst', [], w.element('ext', [['uri', '{x}']], undefined)));
  if (chance(rand, 0.1)) parts.splice(Math.floor(rand() * (parts.length + 1)), 0, pick(rand, ['<!-- c -->', '\n  ', ' ']));
  return parts.join('');
}

function cell(w: Writer, rand: Rand, row: number, col: number, shared: { next: number }): string {
  const attrs: [string, string][] = [];
  if (chance(rand, 0.85)) attrs.push(['r', `${colName(col)}${row}`]);
  const type = chance(rand, 0.6) ? pick(rand, ['s', 'str', 'inlineStr', 'b', 'e', 'd', 'n']) : undefined;
  if (chance(rand, 0.5)) attrs.push(['s', pick(rand, ['0', '1', '2', '3', '', 'x'])]);
  if (type !== undefined) attrs.splice(chance(rand, 0.7) ? attrs.length : Math.floor(rand() * (attrs.length + 1)), 0, ['t', type]);
  const content = cellParts(w, rand, type, shared);
  return w.element('c', attrs, content === '' && chance(rand, 0.5) ? undefined : content);
}

function colName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface TrickySheet {
  xml: string;
  /** Shared strings the sheet's t="s" cells may refer to. */
  sharedStrings: string[];
}

/** A random worksheet part: rows, cells and merges in the shapes described above. */
export function trickySheet(seed: number): TrickySheet {
  const rand = random(seed);
  const w = new Writer(rand, pick(rand, ['', '', '', 'x:', 'main:']), chance(rand, 0.5));
  const xmlns = w.name('') === '' ? `xmlns="${MAIN_NS}"` : `xmlns:${w.name('').slice(0, -1)}="${MAIN_NS}"`;
  const shared = { next: 0 };
  const rows: string[] = [];
  let rowNum = 0;
  const rowCount = Math.floor(rand() * 8);
  for (let i = 0; i < rowCount; i++) {
    rowNum = chance(rand, 0.15) ? Math.max(1, rowNum - 2) : rowNum + 1 + (chance(rand, 0.2) ? 3 : 0);
    const attrs: [string, string][] = [];
    if (chance(rand, 0.85)) attrs.push(['r', String(rowNum)]);
    if (chance(rand, 0.2)) attrs.push(['hidden', pick(rand, ['1', 'true', '0'])]);
    if (chance(rand, 0.2)) attrs.push(['ht', pick(rand, ['0', '15', '0.0', ''])]);
    if (chance(rand, 0.3)) attrs.push(['spans', '1:6']);
    const cells: string[] = [];
    let col = -1;
    const cellCount = Math.floor(rand() * 6);
    for (let j = 0; j < cellCount; j++) {
      col = chance(rand, 0.2) ? col + 2 : col + 1;
      cells.push(cell(w, rand, rowNum, col, shared));
    }
    rows.push(w.element('row', attrs, cells.length === 0 && chance(rand, 0.5) ? undefined : cells.join(pick(rand, ['', '', '\n    ']))));
  }
  const merges = chance(rand, 0.4)
    ? w.element('mergeCells', [['count', '2']], w.element('mergeCell', [['ref', 'A1:B2']], undefined) + w.element('mergeCell', [['ref', 'C3:C5']], undefined))
    : '';
  const decl = pick(rand, [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
    "<?xml version='1.0'?>",
    '',
    '\ufeff<?xml version="1.0" encoding="utf-8"?>\n',
  ]);
  const before = pick(rand, ['', w.element('dimension', [['ref', 'A1:F9']], undefined), '<!-- sheet -->']);
  const data = rows.length === 0 && chance(rand, 0.5) ? w.element('sheetData', [], undefined) : w.element('sheetData', [], rows.join(''));
  const xml = `${decl}<${w.name('worksheet')} ${xmlns}>${before}${data}${merges}${w.element('pageMargins', [['left', '0.7']], undefined)}</${w.name('worksheet')}>`;
  return { xml, sharedStrings: ['项目', 'R&D', '', '_x000D_'] };
}

/** Damage that makes a sheet malformed (or not), for comparing the errors of both parsers. */
export function damage(xml: string, seed: number): string {
  const rand = random(seed);
  const at = Math.floor(rand() * xml.length);
  const edits: ((s: string) => string)[] = [
    (s) => s.slice(0, at) + s.slice(at + 1),
    (s) => s.slice(0, at) + pick(rand, ['<', '&', '>', '"', "'", '\u0001', '\uffff', ']]>', '&bogus;', '&#0;', '&#X41;', '</x>', '<!DOCTYPE x>', '<?pi?>']) + s.slice(at),
    (s) => s.replace(/<(\w+:)?c r=/, '<$1c r="A1" r='),
    (s) => s.slice(0, at),
  ];
  return pick(rand, edits)(xml);
}
