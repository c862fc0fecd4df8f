// CSV as ledgers arrive: UTF-8 with or without BOM, UTF-16 with BOM, GBK; comma, tab or
// semicolon; quoted fields with line breaks. Yields rows of text cells with the line each
// record starts on. It gives cells no meaning; headers and amounts are the ledger layer's.

import { parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { FundgapError, t } from '../errors.js';
import {
  decode,
  decodeStream,
  detectEncoding,
  type DetectedEncoding,
  type EncodingName,
} from './encoding.js';
import { EMPTY, type Cell, type RawRow } from './types.js';

/** Opens the file's bytes afresh each time it is called (the file is read twice). */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export interface CsvOptions {
  encoding?: EncodingName | undefined;
  delimiter?: string | undefined;
}

export interface CsvSheet {
  readonly encoding: DetectedEncoding;
  readonly delimiter: string;
  rows(): AsyncIterable<RawRow>;
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
  return { encoding, delimiter, rows: () => readRows(source, file, encoding.encoding, delimiter) };
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

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Bank and 一卡通 exports write identifiers as `="430281199411057176"` so that Excel opening
 * the CSV keeps them as text instead of cutting them to 15 digits. That is a way of quoting,
 * not a formula: the cell is the text inside.
 */
const TEXT_FORMULA = /^="([^"]*)"$/;

function unwrapTextFormula(v: string): string {
  if (v.charCodeAt(0) !== 0x3d) return v;
  const m = TEXT_FORMULA.exec(v);
  return m ? m[1]! : v;
}

function lineBreaks(field: string): number {
  if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) return 0;
  return field.match(LINE_BREAK)?.length ?? 0;
}

async function* readRows(
  source: ByteSource,
  file: string,
  encoding: EncodingName,
  delimiter: string,
): AsyncIterable<RawRow> {
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines come through as rows so that every line is accounted for (and counted).
    skip_empty_lines: false,
  };
  // pipeline() passes a read or decode failure on to the parser, so the loop below sees it.
  const parser = pipeline(Readable.from(source()), decodeStream(encoding), parse(options), () => {});

  // csv-parse's own line counter counts a CRLF inside a quoted field twice; a record spans
  // one line plus the line breaks inside its fields, and every line belongs to a record.
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const cells: Cell[] = new Array(record.length);
      let span = 1;
      for (let i = 0; i < record.length; i++) {
        const v = record[i]!;
        if (v.includes('\ufffd')) {
          throw new FundgapError('ENCODING_INVALID', t(`这段文字不是有效的 ${encoding} 编码，读出来是乱码`, `this text is not valid ${encoding}`), {
            at: { file, row: line, column: String(i + 1) },
            text: v,
            hint: encoding === 'gb18030'
              ? t(
                '这个文件也不是 GBK 编码；请把它另存为 UTF-8 编码的 CSV，或用 --encoding 指定编码。',
                'The file is not GBK either; save it again as UTF-8 CSV, or pass --encoding.',
              )
              : t(
                '这个文件可能是 GBK 编码：请加 --encoding gbk（或在配置中为这本台账写上 "encoding": "gbk"）。',
                'The file may be GBK-encoded: pass --encoding gbk (or set "encoding": "gbk" for this ledger in the config).',
              ),
          });
        }
        span += lineBreaks(v);
        const text = unwrapTextFormula(v);
        cells[i] = text === '' ? EMPTY : { t: 'text', v: text };
      }
      // A lone empty field is an empty line.
      yield { row: line, cells: cells.length === 1 && cells[0] === EMPTY ? [] : cells };
      line += span;
    }
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    throw new FundgapError('CSV_MALFORMED', t(`无法读取这个 CSV 文件（${err.code ?? '格式错误'}）`, `this CSV cannot be read (${err.code ?? 'parse error'})`), {
      at: { file, row: line },
      hint: err.message?.includes('quote')
        ? t(
          '有一个用引号括起来的单元格没有结束：请检查这一行及后面几行里多出来的 " 号。',
          'A quoted field is not closed: look for a stray " in this line or the lines after it.',
        )
        : err.message,
      cause: e,
    });
  }
}
