// Which text encoding a CSV file is in. Ledgers exported by Chinese finance software and by
// Excel's "CSV" on a Chinese Windows are GBK; newer tools write UTF-8, with or without BOM.
// A BOM decides; otherwise bytes that are valid UTF-8 are UTF-8 and anything else is read as
// GB18030 (a superset of GBK and GB2312, so one decoder covers all three).

import iconv from 'iconv-lite';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DetectedEncoding {
  encoding: EncodingName;
  bom: boolean;
  /** How the encoding was decided, for the report. */
  source: 'bom' | 'detected' | 'ascii' | 'option';
}

const ALIASES: Record<string, EncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  ansi: 'gb18030',
};

/** The encoding a user named (`gbk`, `UTF-8`), or undefined when it is not one we read. */
export function encodingFromName(name: string): EncodingName | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

export const ENCODING_NAMES = Object.keys(ALIASES);

export function bomOf(bytes: Uint8Array): EncodingName | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Checks every UTF-8 sequence in `bytes`. Returns 'ascii' while nothing but ASCII (or only a
 * sequence cut off at the end of a non-final chunk) has been seen, so the caller reads on.
 */
export function looksLikeUtf8(bytes: Uint8Array, final: boolean): boolean | 'ascii' {
  let sawMultibyte = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    if (i + need >= bytes.length) {
      if (final) return false;
      return sawMultibyte ? true : 'ascii';
    }
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    sawMultibyte = true;
    i += need + 1;
  }
  return sawMultibyte ? true : 'ascii';
}

/** Decides the encoding from the file's leading bytes (as many chunks as it takes). */
export async function detectEncoding(chunks: AsyncIterable<Uint8Array>): Promise<DetectedEncoding> {
  let first = true;
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (first) {
      const bom = bomOf(chunk);
      if (bom) return { encoding: bom, bom: true, source: 'bom' };
      first = false;
    }
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const verdict = looksLikeUtf8(bytes, false);
    if (verdict === true) return { encoding: 'utf-8', bom: false, source: 'detected' };
    if (verdict === false) return { encoding: 'gb18030', bom: false, source: 'detected' };
    // All ASCII so far: keep the last 3 bytes in case a sequence straddles the chunk edge.
    carry = bytes.subarray(Math.max(0, bytes.length - 3));
  }
  if (looksLikeUtf8(carry, true) === false) return { encoding: 'gb18030', bom: false, source: 'detected' };
  return { encoding: 'utf-8', bom: false, source: 'ascii' };
}

export function decodeStream(encoding: EncodingName): NodeJS.ReadWriteStream {
  // iconv-lite drops a leading BOM for the UTF encodings, so the first header cell is clean.
  return iconv.decodeStream(encoding);
}

export function decode(bytes: Uint8Array, encoding: EncodingName): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}
