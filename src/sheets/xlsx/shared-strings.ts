// The shared-string table (xl/sharedStrings.xml), held in memory because any row may refer to
// any entry. Each entry is the text a person sees: rich-text runs joined, phonetic guides
// (<rPh>, furigana/pinyin) left out, OOXML _xHHHH_ escapes decoded. The table is bounded by
// what it costs in memory, and each entry by what a cell may hold (limits.ts).

import { FundgapError } from '../../errors.js';
import { cellTooLong, MAX_CELL_CHARS, MAX_RAW_CELL_CHARS, sharedStringsTooLarge } from './limits.js';
import { detach, overlongItem, xmlError, type XmlSink } from './xml.js';
import { plainSharedString } from './shortcuts.js';
import { streamXml, type ParserChoice } from './xml-stream.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/**
 * Decodes the OOXML escape for characters XML cannot carry: _x000D_ is "\r". The escape of an
 * underscore, _x005F_, makes the rest literal: "_x005F_x000D_" reads "_x000D_" (one
 * left-to-right pass gives exactly that).
 */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the visible text of a string item (<si> or an inline <is>): every <t>, except those
 * inside a phonetic run. Feed it the item's events; `take()` returns the text and resets.
 */
export class StringItem {
  private parts = '';
  private inT = false;
  private phoneticDepth = 0;
  private piece = '';

  open(name: string): void {
    if (name === 't') {
      this.inT = this.phoneticDepth === 0;
      this.piece = '';
    } else if (name === 'rPh') {
      this.phoneticDepth++;
    }
  }

  close(name: string): void {
    if (name === 't' && this.inT) {
      // Escapes are decoded per <t>, so an escape cannot be formed across two runs.
      this.parts += decodeOoxmlEscapes(this.piece);
      this.piece = '';
      this.inT = false;
    } else if (name === 'rPh') {
      this.phoneticDepth--;
    }
  }

  text(s: string): void {
    if (this.inT) this.piece += s;
  }

  /** Characters held so far, the <t> being read still undecoded. */
  get size(): number {
    return this.parts.length + this.piece.length;
  }

  take(): string {
    const s = detach(this.parts);
    this.parts = '';
    this.piece = '';
    this.inT = false;
    this.phoneticDepth = 0;
    return s;
  }
}

/**
 * What one entry is taken to cost in memory besides its characters (two bytes each): its slot
 * in the array, counted at three words because the array grows by half again and is copied
 * as it grows, and the string's header. Rounded up, so the estimate stays above what V8 uses.
 */
const SLOT_BYTES = 24;
const STRING_BYTES = 24;

/** Builds the table from the events of the part. */
class SharedStringsReader implements XmlSink {
  readonly strings: string[] = [];
  private inSi = false;
  private readonly item = new StringItem();
  private bytes = 0;

  constructor(
    private readonly displayName: string,
    private readonly part: string,
    private readonly maxBytes: number,
  ) {}

  // saxes and the fast scanner report a close for <si/> too, so an empty item is still pushed.
  open(name: string): void {
    if (name === 'si') this.inSi = true;
    else if (this.inSi) this.item.open(name);
  }

  close(name: string): void {
    if (name === 'si') {
      this.push(this.item.take());
      this.inSi = false;
    } else if (this.inSi) {
      this.item.close(name);
    }
  }

  text(s: string): void {
    if (!this.inSi) return;
    this.item.text(s);
    if (this.item.size > MAX_RAW_CELL_CHARS) throw this.tooLong('');
  }

  overlong(): FundgapError {
    return this.inSi ? this.tooLong('') : overlongItem(this.part, this.displayName);
  }

  private push(s: string): void {
    if (s.length > MAX_CELL_CHARS) throw this.tooLong(s);
    this.bytes += s.length === 0 ? SLOT_BYTES : SLOT_BYTES + STRING_BYTES + 2 * s.length;
    if (this.bytes > this.maxBytes) throw sharedStringsTooLarge(this.displayName, this.part, this.strings.length + 1, this.maxBytes);
    this.strings.push(s);
  }

  private tooLong(text: string): FundgapError {
    const n = this.strings.length + 1;
    return cellTooLong({ file: this.displayName }, text, { part: this.part, entry: n });
  }
}

export interface SharedStringsOptions {
  /** See XlsxLimits.maxSharedStringsBytes. */
  readonly maxBytes: number;
  readonly parser: ParserChoice;
}

export async function readSharedStrings(
  zip: ZipArchive,
  entry: ZipEntry | undefined,
  displayName: string,
  options: SharedStringsOptions,
): Promise<string[]> {
  if (!entry) return [];
  let reader: SharedStringsReader | undefined;
  const makeReader = (): SharedStringsReader => (reader = new SharedStringsReader(displayName, entry.name, options.maxBytes));
  const fail = (e: unknown): unknown => (e instanceof FundgapError ? e : xmlError(entry.name, displayName, e));
  for await (const _ of streamXml(() => zip.chunks(entry), options.parser, makeReader, fail, plainSharedString()));
  return reader!.strings;
}
