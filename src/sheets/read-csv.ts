// CSV as ledgers arrive: UTF-8 with or without BOM, UTF-16 with BOM, GBK; comma, tab or
// semicolon; quoted fields with line breaks. Yields rows of text cells with the line each
// record starts on, one at a time or a chunk's worth at a time. It gives cells no meaning;
// headers and amounts are the ledger layer's. The byte reader (csv-bytes.ts) reads every
// file; csv-parse only one whose delimiter is not a single ASCII character.

import { FundgapError } from '../errors.js';
import type { ByteSource } from '../io/bytes.js';
import { byteDelimiter, CsvByteReader, type ByteLimits } from './csv-bytes.js';
import { csvMalformed } from './csv-cells.js';
import { readRowsWithCsvParse } from './csv-parse-reader.js';
import { decode, detectEncoding, type DetectedEncoding, type EncodingName } from './encoding.js';
import type { RawRow } from './types.js';

export interface CsvOptions extends ByteLimits {
  encoding?: EncodingName | undefined;
  delimiter?: string | undefined;
}

export interface CsvSheet {
  readonly encoding: DetectedEncoding;
  readonly delimiter: string;
  rows(): AsyncIterable<RawRow>;
  /**
   * The same rows in file order, as many at a time as one chunk of the file completes. A
   * consumer that takes a batch per await spends far less time in async iteration than one
   * that awaits every row.
   */
  batches(): AsyncIterable<RawRow[]>;
}

const DELIMITERS = [',', '\t', ';'] as const;
const SNIFF_BYTES = 64 * 1024;
const SNIFF_LINES = 30;

export async function openCsv(source: ByteSource, file: string, options: CsvOptions = {}): Promise<CsvSheet> {
  const encoding: DetectedEncoding = options.encoding
    ? { encoding: options.encoding, bom: false, source: 'option' }
    : await detectEncoding(source());
  const head = await readHead(source, SNIFF_BYTES);
  const delimiter = options.delimiter ?? sniffDelimiter(decode(head, encoding.encoding));
  const limits: ByteLimits = { maxRecordBytes: options.maxRecordBytes, maxCellChars: options.maxCellChars };
  return {
    encoding,
    delimiter,
    rows: () => readRows(source, file, encoding.encoding, delimiter, limits),
    batches: () => readBatches(source, file, encoding.encoding, delimiter, limits),
  };
}

async function readHead(source: ByteSource, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/**
 * The delimiter that splits the most leading lines into the same number of cells. A title
 * line above the header has none, so agreement, not the raw count, decides.
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, SNIFF_LINES);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const score = Math.max(...freq.values());
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** How many records a batch holds when they come from csv-parse, one at a time. */
const BATCH_ROWS = 1024;

function readBatches(source: ByteSource, file: string, encoding: EncodingName, delimiter: string, limits: ByteLimits): AsyncIterable<RawRow[]> {
  const d = byteDelimiter(delimiter);
  return d === undefined ? batchRows(readRowsWithCsvParse(source, file, encoding, delimiter)) : readBytes(source, file, encoding, d, limits);
}

async function* readBytes(source: ByteSource, file: string, encoding: EncodingName, delimiter: number, limits: ByteLimits): AsyncIterable<RawRow[]> {
  const reader = new CsvByteReader(file, encoding, delimiter, limits);
  try {
    for await (const chunk of source()) {
      const rows = reader.push(chunk);
      if (rows.length !== 0) yield rows;
    }
    const rows = reader.end();
    if (rows.length !== 0) yield rows;
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    // A read failure, worded as the csv-parse reader words it.
    const err = e as { code?: string; message?: string };
    throw csvMalformed(file, reader.line, err.code, err.message, e);
  }
}

async function* batchRows(rows: AsyncIterable<RawRow>): AsyncIterable<RawRow[]> {
  let batch: RawRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length !== 0) yield batch;
}

function readRows(source: ByteSource, file: string, encoding: EncodingName, delimiter: string, limits: ByteLimits): AsyncIterable<RawRow> {
  return byteDelimiter(delimiter) === undefined
    ? readRowsWithCsvParse(source, file, encoding, delimiter)
    : eachRow(readBatches(source, file, encoding, delimiter, limits));
}

/**
 * The rows of the batches one by one. An async generator would spend three times as long per
 * row (it awaits each yield); this hands out rows already read as settled promises.
 */
function eachRow(batches: AsyncIterable<RawRow[]>): AsyncIterable<RawRow> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<RawRow> {
      const it = batches[Symbol.asyncIterator]();
      let batch: RawRow[] = [];
      let i = 0;
      const rows: AsyncIterator<RawRow> = {
        next: () => {
          if (i < batch.length) return Promise.resolve({ done: false, value: batch[i++]! });
          return it.next().then((r): IteratorResult<RawRow> | Promise<IteratorResult<RawRow>> => {
            if (r.done) return { done: true, value: undefined };
            batch = r.value;
            i = 0;
            return rows.next();
          });
        },
        // A consumer that stops early closes the file.
        return: async () => {
          batch = [];
          await it.return?.();
          return { done: true, value: undefined };
        },
      };
      return rows;
    },
  };
}
