// A fast tokenizer for the XML spreadsheet programs write, feeding a sink the same events saxes
// would, several times faster. It accepts only a plain, certainly well-formed subset of XML
// (ASCII names, quoted attributes, the five predefined entities and character references,
// comments, CDATA, an XML 1.0 declaration) and gives up with FastPathUnsupported on anything
// else, a DOCTYPE above all: the caller then rereads the part with saxes, which decides.

import { MAX_ITEM_CHARS, PIECE, type AttrReader, type TextParser, type XmlSink } from './xml.js';

/** The scanner met XML outside its subset; saxes must read this part. */
export class FastPathUnsupported extends Error {}

/**
 * A whole element read by one regular expression: for the one shape a part repeats hundreds of
 * thousands of times, native matching beats reading it a character at a time several-fold.
 * `pattern` is sticky and tried at '<' inside the root; `emit` sends the very events the
 * general path would for the matched text, or returns false (sending nothing) to decline it.
 */
export interface Shortcut {
  readonly pattern: RegExp;
  emit(match: RegExpExecArray, sink: XmlSink): boolean;
}

function unsupported(what: string): never {
  throw new FastPathUnsupported(what);
}

/**
 * The longest item (a text, a tag, a comment) the scanner reads itself. Half of saxes' limit,
 * so that anything saxes would refuse as too long is handed to saxes to refuse.
 */
const MAX_FAST_ITEM = MAX_ITEM_CHARS / 2;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOT = 0x22;
const AMP = 0x26;
const APOS = 0x27;
const SLASH = 0x2f;
const COLON = 0x3a;
const LT = 0x3c;
const EQ = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const BANG = 0x21;
const RBRACKET = 0x5d;

// Character classes of ASCII, so the hot loops test one table entry per character.
const NAME_START = 1;
const NAME_CHAR = 2;
const SPACE_CHAR = 4;
/** Needs a look in text: markup, entities, CR, "]]>", characters XML does not allow. */
const TEXT_STOP = 8;
/** Needs a look in an attribute value: quotes, markup, entities, white space to normalise. */
const VALUE_STOP = 16;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) CLASS[c]! |= NAME_START | NAME_CHAR;
  if (/[0-9.-]/.test(ch)) CLASS[c]! |= NAME_CHAR;
  if (/[ \t\n\r]/.test(ch)) CLASS[c]! |= SPACE_CHAR;
  if (c < SPACE || ch === '<' || ch === '&' || ch === '>') CLASS[c]! |= TEXT_STOP;
  if (c < SPACE || ch === '<' || ch === '&' || ch === '"' || ch === "'") CLASS[c]! |= VALUE_STOP;
}
const is = (c: number, cls: number): boolean => c < 128 && (CLASS[c]! & cls) !== 0;
const isSpace = (c: number): boolean => is(c, SPACE_CHAR);
/** XML 1.0 Char for a UTF-16 unit: surrogates only ever come in pairs from the UTF-8 decoder. */
const isBadChar = (c: number): boolean => (c < SPACE && c !== TAB && c !== LF && c !== CR) || c >= 0xfffe;

const XML_DECL = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$/;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The element names readers compare, so the hot path need not allocate a string per tag. */
function nameAt(s: string, start: number, end: number): string {
  switch (end - start) {
    case 1:
      switch (s.charCodeAt(start)) {
        case 0x63: return 'c';
        case 0x76: return 'v';
        case 0x66: return 'f';
        case 0x74: return 't';
        case 0x72: return 'r';
      }
      break;
    case 2:
      if (s.startsWith('is', start)) return 'is';
      if (s.startsWith('si', start)) return 'si';
      break;
    case 3:
      if (s.startsWith('row', start)) return 'row';
      if (s.startsWith('rPh', start)) return 'rPh';
      break;
  }
  return s.slice(start, end);
}

function sameText(s: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a < aEnd; a++, b++) if (s.charCodeAt(a) !== s.charCodeAt(b)) return false;
  return true;
}

/** `&name;` (the name between `from` and `to`) as the character it stands for. */
function entity(s: string, from: number, to: number): string {
  const name = s.slice(from, to);
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  let code = NaN;
  // saxes takes a lower-case x only; &#X41; is an error there, so it goes to saxes.
  if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
  const isChar = code === TAB || code === LF || code === CR || (code >= SPACE && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!isChar) unsupported(`entity &${name};`);
  return String.fromCodePoint(code);
}

/**
 * The text between `from` and `to` with entities decoded and line ends normalised as XML
 * requires: in text CR LF and CR become LF; in an attribute value CR LF, CR, LF and tab become
 * a space (entities are decoded after, so &#10; stays a line feed).
 */
function decode(s: string, from: number, to: number, attribute: boolean): string {
  let out = '';
  let last = from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === AMP) {
      const semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi >= to) unsupported('an unterminated entity');
      out += s.slice(last, i) + entity(s, i + 1, semi);
      i = semi;
      last = semi + 1;
    } else if (c === CR) {
      out += s.slice(last, i) + (attribute ? ' ' : '\n');
      if (s.charCodeAt(i + 1) === LF && i + 1 < to) i++;
      last = i + 1;
    } else if (attribute && (c === LF || c === TAB)) {
      out += s.slice(last, i) + ' ';
      last = i + 1;
    }
  }
  return out + s.slice(last, to);
}

/**
 * Feeds a sink from text chunks. Markup cut by the end of a chunk is carried over and read
 * again with the next one; text is passed on as it comes, less a tail that could still change
 * meaning (a half entity, a CR before its LF, the "]]" of a "]]>").
 */
export class FastXmlScanner implements TextParser, AttrReader {
  private carry = '';
  private started = false;
  private sawRoot = false;
  private rootClosed = false;
  /** Characters written so far, and where in the part the text being read starts. */
  private fed = 0;
  private base = 0;
  /** Where reading ends once the sink is done (the end of that PIECE, as saxes reads it), and whether it has. */
  private stopAt = -1;
  private stopped = false;
  /** Qualified and local names of the open elements. */
  private readonly openNames: string[] = [];
  private readonly openLocals: string[] = [];
  /** Length of the text item being read, across chunks. */
  private textRun = 0;

  // The start tag being read: its attributes as offsets into `src`, four per attribute (name
  // start and end, value start and end), with the decoded value where it needed decoding.
  private src = '';
  private attrCount = 0;
  private attrOffsets = new Int32Array(32);
  private readonly attrDecoded: (string | undefined)[] = [];

  constructor(
    private readonly sink: XmlSink,
    private readonly shortcut?: Shortcut,
  ) {}

  get finished(): boolean {
    return this.stopped;
  }

  write(chunk: string): void {
    if (this.stopped) return;
    const s = this.carry === '' ? chunk : this.carry + chunk;
    this.base = this.fed - this.carry.length;
    this.fed += chunk.length;
    this.carry = '';
    let pos = 0;
    if (!this.started) {
      pos = this.prolog(s);
      if (pos < 0) return this.keep(s, 0);
    }
    const len = s.length;
    while (pos < len) {
      if (this.stopAt >= 0 && this.base + pos >= this.stopAt) {
        this.stopped = true;
        return;
      }
      if (s.charCodeAt(pos) !== LT) {
        pos = this.text(s, pos);
        continue;
      }
      this.textRun = 0;
      const next = this.shortcut !== undefined && this.openNames.length > 0 ? this.tryShortcut(s, pos) : -1;
      if (next >= 0) {
        pos = next;
        continue;
      }
      const end = this.markup(s, pos);
      if (end < 0) return this.keep(s, pos);
      pos = end;
    }
  }

  /** Where the element at `pos` ends if the shortcut read it, else -1. */
  private tryShortcut(s: string, pos: number): number {
    const shortcut = this.shortcut!;
    const pattern = shortcut.pattern;
    pattern.lastIndex = pos;
    const match = pattern.exec(s);
    return match !== null && shortcut.emit(match, this.sink) ? pattern.lastIndex : -1;
  }

  close(): void {
    // Text held back at the very end is markup cut short, or text it cannot yet judge: saxes decides.
    if (this.carry !== '') unsupported('an incomplete document');
    if (this.stopAt >= 0) return;
    if (!this.started || this.carry !== '' || this.openNames.length > 0 || !this.sawRoot) unsupported('an incomplete document');
  }

  /** The attribute of the start tag being reported. */
  get(name: string): string | undefined {
    const s = this.src;
    const o = this.attrOffsets;
    const n = name.length;
    for (let k = 0, i = 0; k < this.attrCount; k++, i += 4) {
      const start = o[i]!;
      if (o[i + 1]! - start !== n) continue;
      let j = 0;
      while (j < n && s.charCodeAt(start + j) === name.charCodeAt(j)) j++;
      if (j === n) return this.attrDecoded[k] ?? s.slice(o[i + 2]!, o[i + 3]!);
    }
    return undefined;
  }

  private keep(s: string, from: number): void {
    this.carry = s.slice(from);
    if (this.carry.length > MAX_FAST_ITEM) unsupported('a very long item');
  }

  /** Skips a byte-order mark and an XML 1.0 declaration; -1 until enough text has come. */
  private prolog(s: string): number {
    let pos = s.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (s.length < pos + 2) return -1;
    if (s.startsWith('<?', pos)) {
      const end = s.indexOf('?>', pos);
      if (end < 0) return s.length > 1024 ? unsupported('the XML declaration') : -1;
      if (!XML_DECL.test(s.slice(pos, end + 2))) unsupported('the XML declaration');
      pos = end + 2;
    }
    this.started = true;
    return pos;
  }

  /** Reads character data from `pos` up to the next '<'; returns where it stopped. */
  private text(s: string, pos: number): number {
    const len = s.length;
    let special = false;
    let i = pos;
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        if (c >= 0xfffe) unsupported('a character XML does not allow');
        continue;
      }
      if ((CLASS[c]! & TEXT_STOP) === 0) continue;
      if (c === LT) break;
      if (c === AMP || c === CR) special = true;
      else if (c === GT) {
        if (i - pos >= 2 && s.charCodeAt(i - 1) === RBRACKET && s.charCodeAt(i - 2) === RBRACKET) unsupported('"]]>" in text');
      } else if (c !== LF && c !== TAB) unsupported('a character XML does not allow');
    }
    if (i === len) {
      const end = this.safeEnd(s, pos, len);
      this.keep(s, end);
      this.deliver(s, pos, end, special);
      return len;
    }
    this.deliver(s, pos, i, special);
    return i;
  }

  /** Where text cut by the chunk's end can safely be passed on. */
  private safeEnd(s: string, pos: number, len: number): number {
    let end = len;
    const amp = s.lastIndexOf('&', len - 1);
    if (amp >= pos && s.indexOf(';', amp) < 0) end = amp;
    while (end > pos && (s.charCodeAt(end - 1) === RBRACKET || s.charCodeAt(end - 1) === CR)) end--;
    return end;
  }

  private deliver(s: string, from: number, to: number, special: boolean): void {
    if (to <= from) return;
    this.textRun += to - from;
    if (this.textRun > MAX_FAST_ITEM) unsupported('a very long text');
    if (this.openNames.length === 0) {
      // Outside the root only white space may stand, and no reader wants it.
      for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) unsupported('text outside the root element');
      return;
    }
    this.sink.text(special ? decode(s, from, to, false) : s.slice(from, to));
  }

  /** Reads the markup starting at `pos` ('<'); returns where it ends, or -1 if cut short. */
  private markup(s: string, pos: number): number {
    const c = s.charCodeAt(pos + 1);
    if (c === SLASH) return this.closeTag(s, pos);
    if (c === BANG) return this.bang(s, pos);
    if (c === QUESTION) unsupported('a processing instruction');
    if (pos + 1 >= s.length) return -1;
    return this.openTag(s, pos);
  }

  private openTag(s: string, pos: number): number {
    const len = s.length;
    const nameStart = pos + 1;
    let c = s.charCodeAt(nameStart);
    if (!is(c, NAME_START)) unsupported('a tag name');
    let colon = c === COLON ? nameStart : -1;
    let i = nameStart + 1;
    for (; i < len; i++) {
      c = s.charCodeAt(i);
      if (c >= 128 || (CLASS[c]! & NAME_CHAR) === 0) break;
      if (c === COLON && colon < 0) colon = i;
    }
    const nameEnd = i;
    this.attrCount = 0;
    for (;;) {
      if (i >= len) return -1;
      c = s.charCodeAt(i);
      if (c === GT) {
        this.element(s, nameStart, nameEnd, colon, false);
        return i + 1;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return -1;
        if (s.charCodeAt(i + 1) !== GT) unsupported('"/" inside a tag');
        this.element(s, nameStart, nameEnd, colon, true);
        this.stopIfDone(i + 1);
        return i + 2;
      }
      if (!is(c, SPACE_CHAR)) unsupported('a tag');
      do i++;
      while (i < len && is((c = s.charCodeAt(i)), SPACE_CHAR));
      if (i < len && c !== GT && c !== SLASH) {
        i = this.attribute(s, i);
        if (i < 0) return -1;
      }
    }
  }

  /** Reports a complete start tag (and its end, when self-closing). */
  private element(s: string, nameStart: number, nameEnd: number, colon: number, selfClosing: boolean): void {
    if (this.rootClosed) unsupported('a second root element');
    this.sawRoot = true;
    const qname = nameAt(s, nameStart, nameEnd);
    const local = colon < 0 ? qname : nameAt(s, colon + 1, nameEnd);
    this.src = s;
    this.sink.open(local, this);
    if (selfClosing) {
      if (this.openNames.length === 0) this.rootClosed = true;
      this.sink.close(local);
    } else {
      this.openNames.push(qname);
      this.openLocals.push(local);
    }
  }

  /** Reads one attribute from `start` (its first character); returns where it ends, or -1. */
  private attribute(s: string, start: number): number {
    const len = s.length;
    let c = s.charCodeAt(start);
    if (!is(c, NAME_START)) unsupported('an attribute name');
    let i = start + 1;
    while (i < len && is((c = s.charCodeAt(i)), NAME_CHAR)) i++;
    const nameEnd = i;
    while (i < len && is(c, SPACE_CHAR)) c = s.charCodeAt(++i);
    if (i >= len) return -1;
    if (c !== EQ) unsupported('an attribute without a value');
    do c = s.charCodeAt(++i);
    while (i < len && is(c, SPACE_CHAR));
    if (i >= len) return -1;
    if (c !== QUOT && c !== APOS) unsupported('an unquoted attribute');
    const quote = c;
    const valueStart = ++i;
    let special = false;
    for (; i < len; i++) {
      c = s.charCodeAt(i);
      if (c >= 128) {
        if (c >= 0xfffe) unsupported('a character XML does not allow');
      } else if ((CLASS[c]! & VALUE_STOP) !== 0) {
        if (c === quote) break;
        if (c === AMP || c === CR || c === LF || c === TAB) special = true;
        else if (c !== QUOT && c !== APOS) unsupported('a character an attribute may not hold');
      }
    }
    if (i >= len) return -1;
    this.addAttribute(s, start, nameEnd, valueStart, i, special);
    return i + 1;
  }

  private addAttribute(s: string, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, special: boolean): void {
    let o = this.attrOffsets;
    for (let i = 0; i < this.attrCount * 4; i += 4) {
      if (sameText(s, o[i]!, o[i + 1]!, nameStart, nameEnd)) unsupported('a repeated attribute');
    }
    const at = this.attrCount * 4;
    if (at + 4 > o.length) {
      o = new Int32Array(o.length * 2);
      o.set(this.attrOffsets);
      this.attrOffsets = o;
    }
    o[at] = nameStart;
    o[at + 1] = nameEnd;
    o[at + 2] = valueStart;
    o[at + 3] = valueEnd;
    this.attrDecoded[this.attrCount++] = special ? decode(s, valueStart, valueEnd, true) : undefined;
  }

  private closeTag(s: string, pos: number): number {
    const len = s.length;
    const depth = this.openNames.length;
    if (depth === 0) unsupported('a close tag with nothing open');
    const qname = this.openNames[depth - 1]!;
    let i = pos + 2;
    const n = qname.length;
    if (i + n >= len) return -1;
    for (let j = 0; j < n; j++) if (s.charCodeAt(i + j) !== qname.charCodeAt(j)) unsupported('a close tag that does not match');
    i += n;
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (i >= len) return -1;
    if (s.charCodeAt(i) !== GT) unsupported('a close tag that does not match');
    this.openNames.pop();
    const local = this.openLocals.pop()!;
    if (depth === 1) this.rootClosed = true;
    this.sink.close(local);
    this.stopIfDone(i);
    return i + 1;
  }

  /** After a close event at `gt` (its '>'): once the sink is done, read on to the end of the piece. */
  private stopIfDone(gt: number): void {
    if (this.stopAt < 0 && this.sink.done === true) this.stopAt = (Math.floor((this.base + gt) / PIECE) + 1) * PIECE;
  }

  /** `<!--`, `<![CDATA[`; a DOCTYPE or anything else goes to saxes. */
  private bang(s: string, pos: number): number {
    if (s.startsWith('<!--', pos)) return this.comment(s, pos);
    if (s.startsWith('<![CDATA[', pos)) return this.cdata(s, pos);
    const rest = s.slice(pos, pos + 9);
    if (rest.length < 9 && ('<![CDATA['.startsWith(rest) || '<!--'.startsWith(rest))) return -1;
    return unsupported('a DOCTYPE or declaration');
  }

  private comment(s: string, pos: number): number {
    const end = s.indexOf('--', pos + 4);
    if (end < 0 || end + 2 >= s.length) return -1;
    if (s.charCodeAt(end + 2) !== GT) unsupported('"--" inside a comment');
    for (let i = pos + 4; i < end; i++) if (isBadChar(s.charCodeAt(i))) unsupported('a character XML does not allow');
    return end + 3;
  }

  private cdata(s: string, pos: number): number {
    if (this.openNames.length === 0) unsupported('CDATA outside the root element');
    const from = pos + 9;
    const end = s.indexOf(']]>', from);
    if (end < 0) return -1;
    for (let i = from; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === CR || isBadChar(c)) unsupported('a character in CDATA');
    }
    this.sink.text(s.slice(from, end));
    return end + 3;
  }
}
