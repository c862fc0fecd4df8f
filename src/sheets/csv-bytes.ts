// CSV from raw bytes: finds delimiters, quotes and line ends in the bytes and decodes only the
// slice of each field, so text is never decoded whole nor parsed a character at a time.
// It reproduces csv-parse as the CSV reader configures it (relax_quotes, relax_column_count,
// blank lines kept, the record delimiter fixed by the first line end outside quotes), and is
// tested against csv-parse so configured.
//
// UTF-8 and GB18030 (GBK) are scanned as they are: the bytes that matter here (delimiter,
// quote, CR, LF, NUL) are ASCII, and neither encoding has them inside a multi-byte character
// (UTF-8 continuation bytes are 0x80–0xBF; GBK trail bytes 0x40–0xFE; GB18030's four-byte
// form adds 0x30–0x39), so where they split a file is where its text splits. UTF-16 is
// decoded first and scanned as UTF-8.

import iconv from 'iconv-lite';
import {
  cellTooLong,
  csvMalformed,
  encodingInvalid,
  fieldCell,
  lineBreaks,
  MAX_CELL_CHARS,
  MAX_CELLS,
  MAX_RECORD_BYTES,
  QuoteNotClosed,
  recordCells,
  recordTooLarge,
} from './csv-cells.js';
import type { EncodingName } from './encoding.js';
import { EMPTY, type Cell, type RawRow } from './types.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The record delimiter, as csv-parse fixes it from the first line end outside quotes. */
const RD_UNKNOWN = 0;
const RD_LF = 1;
const RD_CR = 2;
const RD_CRLF = 3;

export interface ByteLimits {
  /** Bytes one record may take (its quoted line breaks included). */
  maxRecordBytes?: number | undefined;
  /** Characters one cell may hold. */
  maxCellChars?: number | undefined;
}

/** Whether the byte reader can split on this delimiter (one ASCII character, not a quote or line end). */
export function byteDelimiter(delimiter: string): number | undefined {
  if (delimiter.length !== 1) return undefined;
  const d = delimiter.charCodeAt(0);
  return d === 0 || d >= 0x80 || d === QUOTE || d === CR || d === LF ? undefined : d;
}

const EMPTY_BYTES = Buffer.alloc(0);
const CACHE_SLOTS = 4096;
/** The longest field the cache keeps, in bytes: ten Chinese characters in UTF-8, sixteen in GBK. */
const CACHE_BYTES = 32;
const fcc = String.fromCharCode;

/**
 * Feeds on chunks of a file's bytes and returns the records each chunk completes. A record
 * or a multi-byte character cut by a chunk edge is carried over to the next chunk; only the
 * field being read is carried, so a line too big to be a ledger's fails before it is held.
 */
export class CsvByteReader {
  private readonly delim: number;
  /** 1 for the bytes that stop a run of plain field bytes: delimiter, quote, CR, LF. */
  private readonly stops = new Uint8Array(256);
  private readonly maxRecordBytes: number;
  private readonly maxCellChars: number;
  /**
   * Field bytes past which a cell is surely too long: one UTF-16 unit of text takes at most
   * 3 bytes of UTF-8 or 4 of GB18030 (a doubled quote, 2).
   */
  private readonly maxFieldBytes: number;
  private readonly gbDecoder: ReturnType<typeof iconv.getDecoder> | undefined;
  private readonly gbPairs: Uint16Array | undefined;
  private readonly transcoder: Utf16ToUtf8 | undefined;
  private bomPending: boolean;

  /** The field being read when the last chunk ended, from its first byte; and where to go on. */
  private rest: Buffer = EMPTY_BYTES;
  private restLen = 0;
  private resume = 0;
  /** Bytes fed so far (UTF-16 as its UTF-8), and where the current record starts. */
  private fed = 0;
  private base = 0;
  private recordStart = 0;

  /** The line the current record starts on, and how many lines it spans so far. */
  line = 1;
  private span = 1;
  private rd = RD_UNKNOWN;
  private cells: Cell[] = [];
  /** The first column whose text holds U+FFFD, reported when the record is complete. */
  private badColumn = -1;
  private badText = '';

  /** Recently read short fields: their bytes, lengths and cells, by a hash of the bytes. */
  private readonly cacheKeys = Buffer.alloc(CACHE_SLOTS * CACHE_BYTES);
  private readonly cacheLengths = new Uint8Array(CACHE_SLOTS);
  private readonly cacheCells: Cell[] = new Array<Cell>(CACHE_SLOTS).fill(EMPTY);

  // The field being read: where it starts in the current buffer, and what has been seen.
  private fieldStart = 0;
  private quoting = false;
  /** Began with a quote. */
  private opened = false;
  /** Has a doubled quote, a quote that does not close it, or bytes after its closing quote. */
  private complex = false;
  /** The OR of its bytes: bit 7 set when it has a non-ASCII byte. */
  private hi = 0;
  /** Has a CR or LF in its text. */
  private broke = false;

  constructor(
    private readonly file: string,
    private readonly encoding: EncodingName,
    delimiter: number,
    limits: ByteLimits = {},
  ) {
    this.delim = delimiter;
    for (const b of [delimiter, QUOTE, CR, LF]) this.stops[b] = 1;
    this.maxRecordBytes = limits.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.maxCellChars = limits.maxCellChars ?? MAX_CELL_CHARS;
    this.maxFieldBytes = 4 * this.maxCellChars + 2;
    this.gbDecoder = encoding === 'gb18030' ? iconv.getDecoder('gb18030') : undefined;
    this.gbPairs = encoding === 'gb18030' ? gbkPairs() : undefined;
    this.transcoder = encoding === 'utf-16le' || encoding === 'utf-16be' ? new Utf16ToUtf8(encoding) : undefined;
    // iconv-lite drops a leading BOM while decoding UTF-8 or UTF-16 (not GB18030); here the
    // reader drops a UTF-8 one itself.
    this.bomPending = encoding === 'utf-8';
  }

  /** The records completed by this chunk, in order. */
  push(chunk: Uint8Array): RawRow[] {
    return this.feed(this.transcoder ? this.transcoder.write(asBuffer(chunk)) : asBuffer(chunk), false);
  }

  /** The last records, once the file has no more bytes. */
  end(): RawRow[] {
    return this.feed(this.transcoder ? this.transcoder.end() : EMPTY_BYTES, true);
  }

  private feed(bytes: Buffer, final: boolean): RawRow[] {
    const out: RawRow[] = [];
    let buf: Buffer;
    let from: number;
    this.base = this.fed - this.restLen;
    this.fed += bytes.length;
    if (this.restLen === 0) {
      buf = bytes;
      from = 0;
      this.fieldStart = 0;
    } else {
      this.append(bytes);
      buf = this.rest.subarray(0, this.restLen);
      from = this.resume;
    }
    const inRest = this.restLen !== 0;
    if (this.bomPending) {
      if (buf.length < 3 && !final) return this.keep(buf, inRest, 0, 0);
      this.bomPending = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        from = this.fieldStart = 3;
        this.recordStart = this.base + 3;
      }
    }
    const stop = this.scan(buf, from, final, out);
    if (!final) return this.keep(buf, inRest, this.fieldStart, stop, out);
    if (this.quoting) {
      const e = new QuoteNotClosed(this.line);
      throw csvMalformed(this.file, this.line, e.code, e.message, e);
    }
    // As csv-parse: the text after the last line end is a record unless it is empty.
    if (this.cells.length !== 0 || buf.length > this.fieldStart) {
      this.endField(buf, buf.length);
      this.endRecord(out, buf.length);
    }
    return out;
  }

  /** Carries buf[start..] over to the next chunk, to go on at `stop`. */
  private keep(buf: Buffer, inRest: boolean, start: number, stop: number, out: RawRow[] = []): RawRow[] {
    const n = buf.length;
    if (n - start > this.maxFieldBytes) throw this.cellTooLong(buf, start);
    if (this.base + n - this.recordStart > this.maxRecordBytes) throw this.recordTooLarge(this.quoting);
    if (inRest) {
      this.rest.copyWithin(0, start, n);
      this.restLen = n - start;
      // A long field grew the buffer; do not keep megabytes for the short lines after it.
      if (this.restLen < 65536 && this.rest.length > 4 * 1024 * 1024) this.rest = Buffer.from(this.rest.subarray(0, this.restLen));
    } else {
      this.restLen = 0;
      this.append(buf.subarray(start));
    }
    this.resume = stop - start;
    this.fieldStart = 0;
    return out;
  }

  private append(bytes: Buffer): void {
    const need = this.restLen + bytes.length;
    if (need > this.rest.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.rest.length, 4096));
      this.rest.copy(grown, 0, 0, this.restLen);
      this.rest = grown;
    }
    bytes.copy(this.rest, this.restLen);
    this.restLen = need;
  }

  /**
   * Reads buf from `pos`, ending fields and records as csv-parse does. Returns where it
   * stopped: buf.length, or earlier when what a byte means depends on bytes not yet read.
   */
  private scan(buf: Buffer, pos: number, final: boolean, out: RawRow[]): number {
    const n = buf.length;
    const stops = this.stops;
    const delim = this.delim;
    let hi = this.hi;
    let quoting = this.quoting;
    while (pos < n) {
      if (!quoting) {
        if (pos === this.fieldStart && buf[pos] === QUOTE) {
          quoting = true;
          this.opened = true;
          pos++;
          continue;
        }
        let b = 0;
        while (pos < n && stops[(b = buf[pos]!)] === 0) {
          hi |= b;
          pos++;
        }
        if (pos === n) break;
        if (b === delim) {
          this.hi = hi;
          this.endField(buf, pos);
          hi = 0;
          this.fieldStart = ++pos;
          continue;
        }
        // A quote inside a field that did not begin with one is text (relax_quotes).
        if (b === QUOTE) {
          pos++;
          continue;
        }
        let rdLength = 0;
        if (b === LF) {
          if (this.rd === RD_UNKNOWN) this.rd = RD_LF;
          if (this.rd === RD_LF) rdLength = 1;
        } else {
          if (this.rd === RD_UNKNOWN || this.rd === RD_CRLF) {
            if (pos + 1 === n && !final) break;
            const crlf = buf[pos + 1] === LF;
            if (this.rd === RD_UNKNOWN) this.rd = crlf ? RD_CRLF : RD_CR;
            if (crlf && this.rd === RD_CRLF) rdLength = 2;
          }
          if (this.rd === RD_CR) rdLength = 1;
        }
        if (rdLength === 0) {
          // A line end other than the record delimiter is text.
          this.broke = true;
          pos++;
          continue;
        }
        this.hi = hi;
        this.endField(buf, pos);
        hi = 0;
        pos += rdLength;
        this.endRecord(out, pos);
        this.fieldStart = pos;
        continue;
      }
      let b = 0;
      while (pos < n && (b = buf[pos]!) !== QUOTE) {
        if (b === LF || b === CR) this.broke = true;
        hi |= b;
        pos++;
      }
      if (pos === n) break;
      // A quote inside quotes: doubled, closing, or text; the next two bytes decide.
      if (n - pos < 3 && !final) break;
      const next = pos + 1 < n ? buf[pos + 1]! : -1;
      if (next === QUOTE) {
        this.complex = true;
        pos += 2;
        continue;
      }
      quoting = false;
      const rd = this.rd;
      const closes =
        next === -1 ||
        next === delim ||
        next === 0 ||
        (next === LF && (rd === RD_UNKNOWN || rd === RD_LF)) ||
        (next === CR && (rd === RD_UNKNOWN || rd === RD_CR || (rd === RD_CRLF && buf[pos + 2] === LF)));
      // csv-parse ends a quote before a NUL byte and reads on; a quote before anything else
      // that cannot end the field is text, and so is the opening quote.
      if (!closes || next === 0) this.complex = true;
      pos++;
    }
    this.hi = hi;
    this.quoting = quoting;
    return pos;
  }

  /** Ends the current field at `end` (exclusive) and resets the field state. */
  private endField(buf: Buffer, end: number): void {
    const start = this.fieldStart;
    if (this.base + end - this.recordStart > this.maxRecordBytes) throw this.recordTooLarge(this.opened);
    let cell: Cell;
    if (this.complex) {
      cell = this.cell(this.decode(unquote(buf, start, end), 0), end - start);
    } else {
      const s = this.opened ? start + 1 : start;
      const e = this.opened ? end - 1 : end;
      // Text with a line break is left out of the cache: its lines are counted each time.
      cell = (this.hi & 0x80) !== 0 && !this.broke && e - s <= CACHE_BYTES
        ? this.cachedCell(buf, s, e)
        : this.cell(this.decode(buf, s, e), end - start);
    }
    if (this.cells.length === MAX_CELLS) throw recordTooLarge(this.file, this.line, MAX_CELLS + 1, 'cells', this.opened);
    this.cells.push(cell);
    this.opened = this.complex = this.broke = false;
    this.hi = 0;
  }

  /** The cell for a field's text, checked; `size` is the field's size in bytes. */
  private cell(v: string, size: number): Cell {
    const column = this.cells.length;
    if (size > this.maxCellChars && v.length > this.maxCellChars) {
      throw cellTooLong(this.file, this.line, column + 1, this.maxCellChars, this.opened, v);
    }
    if ((this.hi & 0x80) !== 0 && this.badColumn === -1 && v.includes('\ufffd')) {
      this.badColumn = column;
      this.badText = v;
    }
    if (this.broke) this.span += lineBreaks(v);
    return fieldCell(v);
  }

  /**
   * The cell for the short field buf[s..e), shared with earlier fields of the same bytes.
   * Ledger columns repeat (villages, fund sources, dates, payment types): finding the bytes
   * again costs far less than decoding them, and every row holds one shared string.
   */
  private cachedCell(buf: Buffer, s: number, e: number): Cell {
    const len = e - s;
    if (len === 0) return EMPTY;
    let h = len;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x9e3779b1);
    const slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    const keys = this.cacheKeys;
    const at = slot * CACHE_BYTES;
    if (this.cacheLengths[slot] === len) {
      let i = 0;
      while (i < len && keys[at + i] === buf[s + i]) i++;
      if (i === len) return this.cacheCells[slot]!;
    }
    const bad = this.badColumn;
    const cell = this.cell(this.decode(buf, s, e), len);
    // Text with U+FFFD is checked every time it is read, so it is never shared.
    if (this.badColumn === bad) {
      for (let i = 0; i < len; i++) keys[at + i] = buf[s + i]!;
      this.cacheLengths[slot] = len;
      this.cacheCells[slot] = cell;
    }
    return cell;
  }

  /** Ends the record whose delimiter ends before `next`. */
  private endRecord(out: RawRow[], next: number): void {
    if (this.badColumn !== -1) {
      throw encodingInvalid(this.file, this.line, this.badColumn + 1, this.encoding, this.badText);
    }
    out.push({ row: this.line, cells: recordCells(this.cells) });
    this.line += this.span;
    this.span = 1;
    this.cells = [];
    this.recordStart = this.base + next;
  }

  /** A field's text; ASCII fields are built here, the rest by Node's or iconv-lite's decoder. */
  private decode(buf: Buffer, start: number, end = buf.length): string {
    return (this.hi & 0x80) === 0 ? ascii(buf, start, end) : this.decodeText(buf, start, end);
  }

  /**
   * A slice decoded alone reads as it does within the whole text: it begins and ends at the
   * edge of an ASCII byte, where neither decoder carries anything over.
   */
  private decodeText(buf: Buffer, start: number, end: number): string {
    if (end - start <= SHORT_TEXT) {
      const v = this.gbPairs ? gbkText(buf, start, end, this.gbPairs) : utf8Text(buf, start, end);
      if (v !== undefined) return v;
    }
    if (this.gbDecoder === undefined) return buf.toString('utf8', start, end);
    // One decoder for every field: end() leaves it as new.
    const v = this.gbDecoder.write(buf.subarray(start, end)) + (this.gbDecoder.end() ?? '');
    // iconv-lite makes half surrogate pairs of four-byte sequences past U+10FFFF; text that
    // went through UTF-8, as all text did before this reader, has U+FFFD in their place.
    return SURROGATE.test(v) ? Buffer.from(v, 'utf8').toString('utf8') : v;
  }

  private cellTooLong(buf: Buffer, start: number) {
    const from = start + (this.opened ? 1 : 0);
    const head = this.decodeText(buf, from, Math.min(buf.length, from + 256)).replace(/\ufffd$/, '');
    return cellTooLong(this.file, this.line, this.cells.length + 1, this.maxCellChars, this.quoting, head);
  }

  private recordTooLarge(quoted: boolean) {
    return recordTooLarge(this.file, this.line, this.cells.length + 1, this.maxRecordBytes, quoted);
  }
}

/**
 * UTF-16, chunk by chunk, as the UTF-8 bytes of what decoding it whole gives: iconv-lite's
 * decoder, with half a surrogate pair at a chunk edge held back for the next chunk.
 */
class Utf16ToUtf8 {
  private readonly decoder;
  private high = '';

  constructor(encoding: EncodingName) {
    this.decoder = iconv.getDecoder(encoding);
  }

  write(chunk: Buffer): Buffer {
    let s = this.high + this.decoder.write(chunk);
    const last = s.charCodeAt(s.length - 1);
    this.high = last >= 0xd800 && last <= 0xdbff ? s.slice(-1) : '';
    if (this.high !== '') s = s.slice(0, -1);
    return Buffer.from(s, 'utf8');
  }

  end(): Buffer {
    const s = this.high + (this.decoder.end() ?? '');
    this.high = '';
    return Buffer.from(s, 'utf8');
  }
}

/**
 * Short non-ASCII fields are decoded here, as Node and iconv-lite would decode them: a call
 * into either costs several times what decoding a name or a village takes. Anything but the
 * common, valid forms (UTF-8 of two or three bytes; GBK's two-byte characters) is left to them.
 */
const SHORT_TEXT = 256;
const SURROGATE = /[\ud800-\udfff]/;
const units = new Uint16Array(SHORT_TEXT);
const unitBytes = Buffer.from(units.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The text of units[0..n). */
function unitsText(n: number): string {
  const u = units;
  switch (n) {
    case 1: return fcc(u[0]!);
    case 2: return fcc(u[0]!, u[1]!);
    case 3: return fcc(u[0]!, u[1]!, u[2]!);
    case 4: return fcc(u[0]!, u[1]!, u[2]!, u[3]!);
    case 5: return fcc(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!);
    case 6: return fcc(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!);
    default: return LITTLE_ENDIAN ? unitBytes.toString('utf16le', 0, 2 * n) : fcc(...units.subarray(0, n));
  }
}

/** UTF-8 of one- to three-byte characters as text; undefined for anything else. */
function utf8Text(b: Buffer, s: number, e: number): string | undefined {
  const u = units;
  let n = 0;
  let i = s;
  while (i < e) {
    const c = b[i]!;
    if (c < 0x80) {
      u[n++] = c;
      i++;
    } else if (c >= 0xc2 && c <= 0xdf && i + 1 < e) {
      const c1 = b[i + 1]!;
      if ((c1 & 0xc0) !== 0x80) return undefined;
      u[n++] = ((c & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef && i + 2 < e) {
      const c1 = b[i + 1]!;
      const c2 = b[i + 2]!;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return undefined;
      const cp = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      // Overlong forms and surrogates are not valid UTF-8.
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      u[n++] = cp;
      i += 3;
    } else {
      return undefined;
    }
  }
  return unitsText(n);
}

/** GBK's two-byte characters (and ASCII) as text; undefined for anything else. */
function gbkText(b: Buffer, s: number, e: number, pairs: Uint16Array): string | undefined {
  const u = units;
  let n = 0;
  let i = s;
  while (i < e) {
    const c = b[i]!;
    if (c < 0x80) {
      u[n++] = c;
      i++;
      continue;
    }
    if (c < 0x81 || c > 0xfe || i + 1 >= e) return undefined;
    const t = b[i + 1]!;
    if (t < 0x40 || t > 0xfe) return undefined;
    const unit = pairs[(c - 0x81) * 191 + (t - 0x40)]!;
    if (unit === 0) return undefined;
    u[n++] = unit;
    i += 2;
  }
  return unitsText(n);
}

let gbkPairTable: Uint16Array | undefined;

/**
 * What iconv-lite makes of every two-byte GBK sequence, lead (0x81–0xFE) by trail
 * (0x40–0xFE): one UTF-16 unit, or 0 where it makes anything else. Taken from iconv-lite
 * itself, once, so the two cannot differ.
 */
function gbkPairs(): Uint16Array {
  if (gbkPairTable) return gbkPairTable;
  // Every pair, each followed by a line feed: a byte that is always a character by itself.
  const bytes = Buffer.alloc(126 * 191 * 3);
  let k = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      bytes[k++] = lead;
      bytes[k++] = trail;
      bytes[k++] = LF;
    }
  }
  const texts = iconv.decode(bytes, 'gb18030').split('\n');
  const table = new Uint16Array(126 * 191);
  for (let i = 0; i < table.length; i++) {
    const text = texts[i]!;
    if (text.length === 1 && text !== '\ufffd') table[i] = text.charCodeAt(0);
  }
  return (gbkPairTable = table);
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * ASCII bytes as text. Calling into Node costs more than building a string of up to 20
 * characters here, and ledger cells (amounts, dates, codes, ID and card numbers) mostly are.
 */
function ascii(b: Buffer, s: number, e: number): string {
  switch (e - s) {
    case 0: return '';
    case 1: return fcc(b[s]!);
    case 2: return fcc(b[s]!, b[s + 1]!);
    case 3: return fcc(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
    case 13: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!);
    case 14: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!);
    case 15: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!);
    case 16: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!);
    case 17: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!, b[s + 16]!);
    case 18: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!, b[s + 16]!, b[s + 17]!);
    case 19: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!, b[s + 16]!, b[s + 17]!, b[s + 18]!);
    case 20: return fcc(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!, b[s + 16]!, b[s + 17]!, b[s + 18]!, b[s + 19]!);
    default: return b.toString('latin1', s, e);
  }
}

/**
 * A quoted field's text the long way, as csv-parse builds it: a doubled quote is one quote;
 * a quote that neither doubles nor closes is text, and then so is the opening quote (it is
 * put back in front); bytes after a closing quote (a NUL) are text.
 */
function unquote(buf: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start + 1);
  let j = 1;
  let quoting = false;
  let putBack = false;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b === QUOTE) {
      if (quoting) {
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          out[j++] = QUOTE;
          i++;
          continue;
        }
        quoting = false;
        // The field's last byte, or one before a NUL: a closing quote.
        if (i + 1 === end || buf[i + 1] === 0) continue;
        putBack = true;
      } else if (i === start) {
        quoting = true;
        continue;
      }
    }
    out[j++] = b;
  }
  if (!putBack) return out.subarray(1, j);
  out[0] = QUOTE;
  return out.subarray(0, j);
}
