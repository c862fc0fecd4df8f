// Reads what the benchmark checks from a fundgap JSON report without parsing it whole: at
// millions of rows the report can be larger than the longest string V8 allows, so the file is
// scanned byte by byte for the top-level `totals` object (kept and parsed) and the number of
// elements of the top-level `keys` and `findings` arrays (only counted). JSON's structural
// characters are ASCII and never occur inside a UTF-8 multi-byte sequence, so bytes will do.

import { createReadStream } from 'node:fs';

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
// Byte classes, looked up in a table: the loop below runs once per byte of a large file.
const OPENS = 1, CLOSES = 2, SPACE = 3;
const CLASS = new Uint8Array(256);
for (const b of [0x7b, 0x5b]) CLASS[b] = OPENS; // { [
for (const b of [0x7d, 0x5d]) CLASS[b] = CLOSES; // } ]
for (const b of [0x20, 0x09, 0x0a, 0x0d]) CLASS[b] = SPACE;

/** @returns {Promise<{ totals: any, counts: Record<string, number> }>} */
export async function scanReport(path, { capture = ['totals'], count = ['keys', 'findings'], chunkSize = 1 << 20 } = {}) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let name = []; // bytes of the current top-level member name
  let member = null; // the top-level member whose value is being read
  let expectName = false;
  let captured = null; // byte chunks of a captured value
  let elements = 0; // elements seen so far in a counted array
  let pendingElement = false; // a counted array just opened or passed a comma
  const values = {};
  const counts = {};

  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    let captureFrom = captured ? 0 : -1;
    let nextBackslash = chunk.indexOf(BACKSLASH);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (depth === 1 && expectName) {
          if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          else name.push(b);
        } else {
          // Jump to the string's end (or to a backslash before it) instead of stepping.
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(BACKSLASH, i);
          const quote = chunk.indexOf(QUOTE, i);
          if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
            i = nextBackslash;
            escaped = true;
          } else if (quote === -1) i = chunk.length;
          else {
            i = quote;
            inString = false;
          }
        }
        continue;
      }
      const cls = CLASS[b];
      if (cls === SPACE) continue;
      if (pendingElement && depth === 2 && cls !== CLOSES) {
        elements++;
        pendingElement = false;
      }
      if (b === QUOTE) {
        inString = true;
        if (depth === 1 && expectName) name = [];
      } else if (b === COLON && depth === 1 && expectName) {
        member = Buffer.from(name).toString('utf8');
        expectName = false;
        if (capture.includes(member)) { captured = []; captureFrom = i + 1; }
      } else if (cls === OPENS) {
        depth++;
        if (depth === 1) expectName = true;
        else if (depth === 2 && count.includes(member) && b === 0x5b) { elements = 0; pendingElement = true; }
      } else if (cls === CLOSES) {
        if (depth === 2 && count.includes(member)) counts[member] = elements;
        pendingElement = false;
        depth--;
      } else if (b === COMMA) {
        if (depth === 2 && count.includes(member)) pendingElement = true;
      }
      // A member's value ends at the next comma of the root object, or at the root's end.
      if ((depth === 1 && b === COMMA) || (depth === 0 && cls === CLOSES)) {
        if (captured) {
          captured.push(chunk.subarray(captureFrom, i));
          values[member] = JSON.parse(Buffer.concat(captured).toString('utf8'));
          captured = null;
          captureFrom = -1;
        }
        if (b === COMMA && depth === 1) { expectName = true; member = null; }
      }
    }
    if (captured && captureFrom >= 0) captured.push(chunk.subarray(captureFrom));
  }
  return { totals: values.totals, values, counts };
}

/** An exact decimal in 元 ("1234.5", "-0.07") as integer fen, or null if not whole fen. */
export function yuanToFen(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text).replace(/,/g, ''));
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (/[1-9]/.test(frac.slice(2))) return null;
  return BigInt(`${m[1]}${m[2]}${frac.slice(0, 2)}`);
}
