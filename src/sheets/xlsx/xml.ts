// The saxes side of XML reading, and what every part reader sees of XML whichever parser runs:
// local element names (prefixes stripped: some writers emit <x:row>), attributes and text with
// entities decoded. saxes is the reference for what a part means; the fast scanner
// (xml-scan.ts) must agree with it. Neither ever holds a whole part in memory.

import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FundgapError, type Failure } from '../../errors.js';
import type { ZipArchive, ZipEntry } from './zip.js';

export type Attributes = Record<string, string>;

export interface XmlHandlers {
  open(name: string, attrs: Attributes): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** The attributes of the element just opened; valid only during the open() call. */
export interface AttrReader {
  get(name: string): string | undefined;
}

/**
 * A part reader fed by either parser. Text may arrive in several pieces (around comments,
 * CDATA, or where a chunk ends); readers append the pieces.
 */
export interface XmlSink {
  open(name: string, attrs: AttrReader): void;
  close(name: string): void;
  text(text: string): void;
  /** The error to raise when one XML item runs past MAX_ITEM_CHARS (see below). */
  overlong(): FundgapError;
  /**
   * True once the reader needs nothing more from the part (a worksheet's rows are read): the
   * parser then stops at the end of the PIECE it is in, so what follows never matters.
   */
  readonly done?: boolean;
}

/** A parser fed a part's text one chunk at a time. */
export interface TextParser {
  write(text: string): void;
  /** The text has ended: checks that the document is complete. */
  close(): void;
  /** The sink is done and the piece it was done in read to its end: nothing more to write. */
  readonly finished: boolean;
}

/**
 * The longest single XML item (a text, a tag, a comment) read through saxes, which keeps each
 * item whole until it ends. A cell holds at most 7 × 32,767 characters of raw text; nothing a
 * spreadsheet program writes comes near this, and it keeps a hostile part from filling memory.
 */
export const MAX_ITEM_CHARS = 1 << 20;

/**
 * Both parsers read a part in pieces of this many characters, counted from its start, and stop
 * at the end of the piece in which their sink is done: where reading stops, and so whether a
 * damaged tail is seen, depends on the part alone, never on how its bytes happened to arrive.
 */
export const PIECE = 1 << 16;

/** 'x:row' -> 'row'. Element names are compared without their namespace prefix. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** A fresh non-validating parser wired to the handlers; position tracking off, for speed. */
export function createParser(h: XmlHandlers): SaxesParser<{ xmlns: false; position: false }> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => h.open(localName(tag.name), tag.attributes));
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  return parser;
}

/**
 * Feeds saxes in PIECEs and counts the text it has been given since it last reported anything.
 * Every item boundary reports something (a tag, a text, a comment), so a long silence is one
 * long item.
 */
class ItemGuard {
  private events = 0;
  private seen = 0;
  private silent = 0;
  private fed = 0;
  readonly tick = (): void => {
    this.events++;
  };

  /** Also listens to the items no reader cares about, which end a silence all the same. */
  watch(parser: SaxesParser<{ xmlns: false; position: false }>): void {
    for (const event of ['comment', 'processinginstruction', 'doctype', 'xmldecl'] as const) parser.on(event, this.tick);
  }

  /** Whether `sink` is done and the piece it was done in is through. */
  finished(sink: XmlSink): boolean {
    return sink.done === true && this.fed % PIECE === 0;
  }

  /**
   * Writes `s` to the parser, up to the end of the piece in which `sink` is done; true once one
   * item has run past the limit.
   */
  feed(parser: SaxesParser<{ xmlns: false; position: false }>, s: string, sink?: XmlSink): boolean {
    for (let i = 0; i < s.length && !(sink !== undefined && this.finished(sink));) {
      const n = Math.min(s.length - i, PIECE - (this.fed % PIECE));
      parser.write(i === 0 && n === s.length ? s : s.slice(i, i + n));
      i += n;
      this.fed += n;
      if (this.fed % PIECE !== 0) continue;
      // A whole piece is through: was it all inside one item?
      if (this.events !== this.seen) {
        this.seen = this.events;
        this.silent = 0;
      } else if ((this.silent += PIECE) > MAX_ITEM_CHARS) {
        return true;
      }
    }
    return false;
  }
}

/** Attributes as saxes gives them, behind the same reader the fast scanner offers. */
class RecordAttrs implements AttrReader {
  record: Attributes = {};
  get(name: string): string | undefined {
    return this.record[name];
  }
}

/** saxes wired to a sink. */
export function saxesParser(sink: XmlSink): TextParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const guard = new ItemGuard();
  guard.watch(parser);
  const attrs = new RecordAttrs();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    guard.tick();
    attrs.record = tag.attributes;
    sink.open(localName(tag.name), attrs);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    guard.tick();
    sink.close(localName(tag.name));
  });
  const text = (s: string): void => {
    guard.tick();
    sink.text(s);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  return {
    write(s: string): void {
      if (guard.feed(parser, s, sink)) throw sink.overlong();
    },
    close(): void {
      if (sink.done !== true) parser.close();
    },
    get finished(): boolean {
      return guard.finished(sink);
    },
  };
}

/**
 * Byte chunks to text, keeping a multibyte character that straddles two chunks whole.
 * A UTF-8 byte-order mark is left for the parser, which skips it.
 */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const s = decoder.write(chunk);
    if (s.length > 0) yield s;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * A copy of `s` that does not keep the parser's input alive. V8 returns a substring of 13 or
 * more characters as a view into its parent, so one kept cell value (an ID number, a name in
 * the shared-string table) would pin its whole chunk of the part; shorter ones are copies.
 * UTF-16 in and out, so even a lone surrogate survives.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

export function xmlError(part: string, displayName: string, cause: unknown, sheet?: string, row?: number): FundgapError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FundgapError({ code: 'XLSX_MALFORMED', at: { file: displayName, sheet, row }, problem: 'xml', part, sheet, detail }, { cause });
}

/** One XML item longer than MAX_ITEM_CHARS outside any cell: no spreadsheet program writes that. */
export function overlongItem(part: string, displayName: string, sheet?: string, row?: number): FundgapError {
  return xmlError(part, displayName, new Error(`one XML item runs past ${MAX_ITEM_CHARS.toLocaleString('en-US')} characters`), sheet, row);
}

/** Adds the sheet to an error raised below the sheet level (a damaged ZIP entry, say). */
export function inSheet(e: FundgapError, sheet: string): FundgapError {
  if (e.at === undefined || e.at.sheet !== undefined) return e;
  return new FundgapError({ ...e.failure, at: { ...e.at, sheet } } as Failure, { cause: e.cause });
}

/** Parses a whole small part in one pass through saxes: workbook, relationships, styles. */
export async function parsePart(zip: ZipArchive, entry: ZipEntry, displayName: string, h: XmlHandlers): Promise<void> {
  const guard = new ItemGuard();
  const parser = createParser({
    open(name: string, attrs: Attributes) {
      guard.tick();
      h.open(name, attrs);
    },
    close(name: string) {
      guard.tick();
      h.close?.(name);
    },
    text(text: string) {
      guard.tick();
      h.text?.(text);
    },
  });
  guard.watch(parser);
  try {
    for await (const text of utf8Chunks(zip.chunks(entry))) {
      if (guard.feed(parser, text)) throw overlongItem(entry.name, displayName);
    }
    parser.close();
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    throw xmlError(entry.name, displayName, e);
  }
}
