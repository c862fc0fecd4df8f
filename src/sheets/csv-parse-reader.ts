// CSV through iconv-lite and csv-parse, as every CSV file was read before the byte reader
// (csv-bytes.ts): now the reader for a delimiter the byte reader does not take (several
// characters, or one outside ASCII). Decoding the whole text and parsing it a character at a
// time makes it several times slower, and it holds a record however large.

import { parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { FundgapError } from '../errors.js';
import { csvMalformed, encodingInvalid, fieldCell, lineBreaks, recordCells } from './csv-cells.js';
import { decodeStream, type EncodingName } from './encoding.js';
import type { Cell, RawRow } from './types.js';

export async function* readRowsWithCsvParse(
  source: () => AsyncIterable<Uint8Array>,
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
        if (v.includes('\ufffd')) throw encodingInvalid(file, line, i + 1, encoding, v);
        span += lineBreaks(v);
        cells[i] = fieldCell(v);
      }
      yield { row: line, cells: recordCells(cells) };
      line += span;
    }
  } catch (e) {
    if (e instanceof FundgapError) throw e;
    // The line is that of the record after the last one taken, which is the failing one's
    // unless the parser failed with records still unread (they are lost with the stream).
    const err = e as { code?: string; message?: string };
    throw csvMalformed(file, line, err.code, err.message, e);
  }
}
