// Text encodings of the markup formats (HTML tables, Excel 2003 XML): what the file declares
// (a byte-order mark, <meta charset>, an XML declaration) and byte chunks decoded to text in
// any encoding iconv-lite knows, a character split across two chunks kept whole.

import iconv from 'iconv-lite';

/** The decoder's name for a declared charset, or undefined when it is none we can trust. */
export function canonicalEncoding(declared: string): string | undefined {
  const name = declared.trim().toLowerCase();
  if (/^(gbk|gb2312|gb_2312-80|x-gbk|cp936|ms936|euc-cn|gb18030|windows-936)$/.test(name)) return 'gb18030';
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  // Pages that say iso-8859-1 or windows-1252 while holding Chinese text are common, and a
  // single-byte decoder never fails, so it would garble them silently: the bytes decide.
  // A declared UTF-16 without a byte-order mark is read as browsers do, by the bytes too.
  if (/^(iso-?8859-\d+|latin-?1|windows-125\d|cp125\d|us-ascii|ascii|utf-16.*|unicode)$/.test(name)) return undefined;
  return iconv.encodingExists(name) ? name : undefined;
}

export function bomEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i;

/** The charset an HTML or XML file's start declares, as written. */
export function declaredCharset(head: Uint8Array, kind: 'html' | 'xml'): string | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  const m = (kind === 'html' ? META_CHARSET.exec(text) : null) ?? XML_ENCODING.exec(text);
  return m?.[1];
}

/** Decodes byte chunks; a leading byte-order mark is dropped. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: string): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of chunks) {
    const s = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (s.length > 0) yield s;
  }
  const rest = decoder.end();
  if (rest !== undefined && rest.length > 0) yield rest;
}
