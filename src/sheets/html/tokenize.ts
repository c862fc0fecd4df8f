// A small, tolerant HTML tokenizer for the tables web systems export as ".xls": start tags
// with their attributes, end tags and text, fed in chunks. Comments, doctypes, <script> and
// <style> are skipped. It never builds a tree and keeps at most one unfinished tag between
// chunks (bounded), so any input is read in one linear pass.

/** Attribute names lower-cased; an attribute written without a value has ''. */
export type Attributes = ReadonlyMap<string, string>;

export interface TokenHandlers {
  start(name: string, attrs: Attributes, selfClosing: boolean): void;
  end(name: string): void;
  /** Text as written: entities are not decoded (see decodeEntities). */
  text(raw: string): void;
}

/** Elements whose content is not markup: skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'template']);
/** Longest unfinished tag kept waiting for the next chunk; past it the '<' is plain text. */
const MAX_PENDING = 1 << 20;

const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

export class HtmlTokenizer {
  private buf = '';
  /** The raw-text element being skipped, or 'comment'. */
  private skipping: string | undefined;

  constructor(private readonly h: TokenHandlers) {}

  write(chunk: string): void {
    this.buf += chunk;
    this.run(false);
    while (this.buf.length > MAX_PENDING && this.skipping === undefined) {
      // A '<' that starts no tag within a megabyte: browsers would swallow the rest of the
      // page; reading it as text keeps the table after it.
      this.h.text('<');
      this.buf = this.buf.slice(1);
      this.run(false);
    }
  }

  end(): void {
    this.run(true);
    this.buf = '';
  }

  private run(final: boolean): void {
    const s = this.buf;
    let pos = 0;
    for (;;) {
      if (this.skipping !== undefined) {
        const close = this.skipping === 'comment' ? '-->' : `</${this.skipping}`;
        const at = indexOfCaseless(s, close, pos);
        if (at < 0) {
          // Keep only what could be the start of the closing tag.
          pos = Math.max(pos, s.length - close.length);
          break;
        }
        if (this.skipping === 'comment') {
          pos = at + 3;
        } else {
          const gt = s.indexOf('>', at);
          if (gt < 0) {
            pos = at;
            break;
          }
          pos = gt + 1;
        }
        this.skipping = undefined;
        continue;
      }
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (pos < s.length) this.h.text(s.slice(pos));
        pos = s.length;
        break;
      }
      if (lt > pos) this.h.text(s.slice(pos, lt));
      pos = lt;
      const next = this.tag(s, pos, final);
      if (next < 0) break;
      pos = next;
    }
    this.buf = s.slice(pos);
  }

  /** Handles the markup at `pos` (a '<'); returns where to go on, or -1 to wait for more text. */
  private tag(s: string, pos: number, final: boolean): number {
    const more = final ? s.length : -1;
    if (pos + 1 >= s.length) return more;
    const c = s.charCodeAt(pos + 1);
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      if (s.startsWith('<!--', pos)) {
        this.skipping = 'comment';
        return pos + 4;
      }
      if (pos + 4 > s.length && !final) return -1;
      // <!DOCTYPE>, <?xml?>, <![if !supportMisalignedColumns]>: nothing to read, up to '>'.
      const gt = s.indexOf('>', pos);
      return gt < 0 ? more : gt + 1;
    }
    if (c === 0x2f /* / */) {
      const gt = s.indexOf('>', pos);
      if (gt < 0) return more;
      let i = pos + 2;
      while (i < gt && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 0x2f) i++;
      if (isLetter(s.charCodeAt(pos + 2))) this.h.end(s.slice(pos + 2, i).toLowerCase());
      return gt + 1;
    }
    if (!isLetter(c)) {
      // '<' before a digit or a space (< 1000元) is text.
      this.h.text('<');
      return pos + 1;
    }
    return this.startTag(s, pos, final);
  }

  private startTag(s: string, pos: number, final: boolean): number {
    const more = final ? s.length : -1;
    const n = s.length;
    let i = pos + 1;
    let c = 0;
    while (i < n && !isSpace((c = s.charCodeAt(i))) && c !== GT && c !== SLASH) i++;
    if (i >= n) return more;
    const name = s.slice(pos + 1, i).toLowerCase();
    const attrs = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return more;
      c = s.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return more;
        if (s.charCodeAt(i + 1) === GT) {
          selfClosing = true;
          i += 2;
          break;
        }
        i++;
        continue;
      }
      const from = i;
      i++;
      while (i < n && !isSpace((c = s.charCodeAt(i))) && c !== GT && c !== SLASH && c !== EQUALS) i++;
      if (i >= n) return more;
      const attr = s.slice(from, i).toLowerCase();
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return more;
      let value = '';
      if (s.charCodeAt(i) === EQUALS) {
        i++;
        while (i < n && isSpace(s.charCodeAt(i))) i++;
        if (i >= n) return more;
        const q = s.charCodeAt(i);
        if (q === QUOTE || q === APOSTROPHE) {
          const end = s.indexOf(q === QUOTE ? '"' : "'", i + 1);
          if (end < 0) return more;
          value = s.slice(i + 1, end);
          i = end + 1;
        } else {
          const start = i;
          while (i < n && !isSpace((c = s.charCodeAt(i))) && c !== GT) i++;
          if (i >= n) return more;
          value = s.slice(start, i);
        }
      }
      if (!attrs.has(attr)) attrs.set(attr, decodeEntities(value));
    }
    this.h.start(name, attrs, selfClosing);
    if (RAW_TEXT.has(name) && !selfClosing) this.skipping = name;
    return i;
  }
}

function indexOfCaseless(s: string, needle: string, from: number): number {
  if (needle === '-->') return s.indexOf(needle, from);
  // Closing tags of raw-text elements: '</' then the name in any case.
  for (let at = s.indexOf('</', from); at >= 0; at = s.indexOf('</', at + 2)) {
    if (s.substr(at, needle.length).toLowerCase() === needle) return at;
  }
  return -1;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', yen: '¥', middot: '·', mdash: '—', ndash: '–', hellip: '…', times: '×',
  divide: '÷', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', deg: '°', plusmn: '±',
  laquo: '«', raquo: '»', copy: '©', reg: '®', permil: '‰', shy: '\u00ad', zwsp: '\u200b',
};
/** Entities browsers still read without their ';'. */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'yen', 'copy', 'reg', 'times', 'middot', 'deg', 'shy']);

const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}))(;?)/g;

/** `&amp;`, `&#20013;`, `&#x4e2d;`, `&nbsp;` … to their characters; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (name !== undefined) {
      const v = NAMED[name] ?? NAMED[name.toLowerCase()];
      return v !== undefined && (semi === ';' || LEGACY.has(name)) ? v : whole;
    }
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    if (code === 0) return '';
    // No character: left as written rather than becoming U+FFFD, which would read as an
    // encoding failure.
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}
