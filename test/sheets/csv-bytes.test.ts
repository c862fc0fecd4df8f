// The byte reader against csv-parse configured as the CSV reader always configured it: the
// same rows (line numbers, cells, ="…" text, blank lines) and the same failures, for random
// CSV text in every encoding the reader takes, fed in chunks of every size. Then its limits,
// and the rows in batches.

import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { FundgapError } from '../../src/errors.js';
import { csvMalformed, encodingInvalid, fieldCell, lineBreaks, recordCells } from '../../src/sheets/csv-cells.js';
import type { EncodingName } from '../../src/sheets/encoding.js';
import { openCsv, type CsvOptions } from '../../src/sheets/read-csv.js';
import type { Cell, RawRow } from '../../src/sheets/types.js';

/** The bytes as a re-readable source in chunks of `chunk` bytes (the whole at once by default). */
const source = (bytes: Uint8Array, chunk = bytes.length || 1) => () =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();

type Outcome = { rows: RawRow[] } | { error: { code: string; at: unknown; text: string | undefined } };

async function outcome(read: () => AsyncIterable<RawRow>): Promise<Outcome> {
  const rows: RawRow[] = [];
  try {
    for await (const r of read()) rows.push(r);
    return { rows };
  } catch (e) {
    return outcomeOf(e);
  }
}

function outcomeOf(e: unknown): Outcome {
  if (!(e instanceof FundgapError)) throw e;
  return { error: { code: e.code, at: e.at, text: e.text } };
}

/**
 * What csv-parse, configured as the CSV reader configured it, makes of the whole file, with
 * each record made a row as the reader made it. Records are taken as csv-parse completes
 * them, so a failure is at the line its record starts on (the streaming reader could lose
 * the records before it, and name an earlier line).
 */
function reference(bytes: Uint8Array, encoding: EncodingName, delimiter: string): Outcome {
  const rows: RawRow[] = [];
  let line = 1;
  const toRow = (record: string[]) => {
    const cells: Cell[] = new Array(record.length);
    let span = 1;
    for (let i = 0; i < record.length; i++) {
      const v = record[i]!;
      if (v.includes('\ufffd')) throw encodingInvalid('x.csv', line, i + 1, encoding, v);
      span += lineBreaks(v);
      cells[i] = fieldCell(v);
    }
    rows.push({ row: line, cells: recordCells(cells) });
    line += span;
    return null;
  };
  try {
    parse(iconv.decode(Buffer.from(bytes), encoding), {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: toRow,
    });
    return { rows };
  } catch (e) {
    if (e instanceof FundgapError) return outcomeOf(e);
    const err = e as { code?: string; message?: string };
    return outcomeOf(csvMalformed('x.csv', line, err.code, err.message, e));
  }
}

async function fast(bytes: Uint8Array, encoding: EncodingName, delimiter: string, chunk?: number, opts: CsvOptions = {}) {
  const csv = await openCsv(source(bytes, chunk), 'x.csv', { ...opts, encoding, delimiter });
  return outcome(() => csv.rows());
}

async function fastBatches(bytes: Uint8Array, encoding: EncodingName, delimiter: string, chunk?: number) {
  const csv = await openCsv(source(bytes, chunk), 'x.csv', { encoding, delimiter });
  return outcome(async function* () {
    for await (const batch of csv.batches()) yield* batch;
  });
}

const DELIMITERS = [',', '\t', ';'] as const;

/** Pieces that make CSV interesting: every byte the parser looks at, text, and ="…". */
const TOKENS = ['a', '12.50', ' ', '马营村', '㮾', '😀', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', '=', '="', '="0012"', '\0'];

/** Random text from the tokens: mostly broken CSV, which is where parsers differ. */
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));

/** Well-formed CSV: records of plain or quoted fields (quotes doubled inside), any line end. */
const field = fc.oneof(
  fc.array(fc.constantFrom('a', '马营村', '100.00', ' ', '="43028"', '=A1'), { maxLength: 3 }).map((t) => t.join('')),
  fc
    .array(fc.constantFrom('a', '村', ',', ';', '\t', '\r\n', '\n', '\r', '""', ' '), { maxLength: 5 })
    .map((t) => `"${t.join('')}"`),
);
const csvText = fc
  .tuple(
    fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
    fc.constantFrom(',', '\t', ';'),
    fc.constantFrom('\r\n', '\n', '\r'),
    fc.boolean(),
  )
  .map(([records, d, eol, last]) => records.map((r) => r.join(d)).join(eol) + (last ? eol : ''));

// A fixed seed and a bounded number of runs: the same cases every time, in a second or two.
// SEED and RUNS widen the search by hand.
const RUNS = { seed: Number(process.env.SEED ?? 20240611), numRuns: Number(process.env.RUNS ?? 200) };

describe('the byte reader reads as csv-parse does', () => {
  it.each([
    ['broken UTF-8 text', soup],
    ['well-formed UTF-8 CSV', csvText],
  ])('%s, with or without a BOM, in chunks of any size', async (_what, text) => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(...DELIMITERS), fc.boolean(), fc.integer({ min: 1, max: 9 }), async (s, d, bom, chunk) => {
        const bytes = Buffer.from(bom ? `\ufeff${s}` : s, 'utf8');
        const want = reference(bytes, 'utf-8', d);
        expect(await fast(bytes, 'utf-8', d, chunk)).toEqual(want);
        expect(await fastBatches(bytes, 'utf-8', d)).toEqual(want);
      }),
      RUNS,
    );
  });

  it('any bytes at all, read as UTF-8 and as GB18030', async () => {
    // Delimiter, quote, line ends, NUL, =; UTF-8 leads and continuations (overlong, surrogate,
    // U+FFFD, four-byte); GBK leads and trails, GB18030's four-byte digits.
    const special = fc.constantFrom(
      0x22, 0x2c, 0x0d, 0x0a, 0x00, 0x3d,
      0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xbb, 0xbf, 0xbd, 0xe4, 0xb8, 0xad, 0xa0, 0x9f, 0x80, 0xf0, 0x90,
      0x81, 0xfe, 0xff, 0x40, 0x7f, 0x30, 0x39,
    );
    const byte = fc.integer({ min: 0, max: 255 });
    const lead = fc.integer({ min: 0x81, max: 0xfe });
    const digit = fc.integer({ min: 0x30, max: 0x39 });
    const piece = fc.oneof(special.map((b) => [b]), byte.map((b) => [b]), fc.tuple(lead, digit, lead, digit));
    const bytes = fc.array(piece, { maxLength: 32 }).map((p) => Uint8Array.from(p.flat()));
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom<EncodingName>('utf-8', 'gb18030'), fc.integer({ min: 1, max: 7 }), async (b, enc, chunk) => {
        expect(await fast(b, enc, ',', chunk)).toEqual(reference(b, enc, ','));
      }),
      RUNS,
    );
  });

  it.each([
    ['GB18030', 'gb18030'],
    ['UTF-16LE with a BOM', 'utf-16le'],
    ['UTF-16BE with a BOM', 'utf-16be'],
  ] as const)('%s text', async (_what, enc) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, csvText), fc.integer({ min: 1, max: 9 }), async (s, chunk) => {
        const bytes = iconv.encode(s, enc, { addBOM: enc !== 'gb18030' });
        expect(await fast(bytes, enc, ',', chunk)).toEqual(reference(bytes, enc, ','));
      }),
      RUNS,
    );
  });
});

describe('chunk edges', () => {
  // Every place a chunk edge can fall: inside a BOM, a CRLF, a doubled quote, a quote before
  // a line end, a ="…" field, a three-byte and a four-byte character, a quoted line break.
  const text = '\ufeff项目名称,"拨付金额\r\n(元)",备注\r\n\r\n"马营村""一组""",="0012",㮾😀\r\n"三合镇"\r\n,,\r\n"未完\n成",1\r\n尾';
  const bytes = Buffer.from(text, 'utf8');

  it('a record read across any single edge is the record read whole', async () => {
    const whole = reference(bytes, 'utf-8', ',');
    expect('rows' in whole && whole.rows.length).toBe(7);
    for (let k = 1; k < bytes.length; k++) {
      const csv = await openCsv(
        () => (async function* () {
          yield bytes.subarray(0, k);
          yield bytes.subarray(k);
        })(),
        'x.csv',
        { encoding: 'utf-8', delimiter: ',' },
      );
      expect(await outcome(() => csv.rows()), `edge at byte ${k}`).toEqual(whole);
    }
  });

  it('and fed a byte at a time', async () => {
    expect(await fast(bytes, 'utf-8', ',', 1)).toEqual(reference(bytes, 'utf-8', ','));
    const gbk = iconv.encode(text.replace('\ufeff', '').replace('😀', ''), 'gbk');
    expect(await fast(gbk, 'gb18030', ',', 1)).toEqual(reference(gbk, 'gb18030', ','));
  });
});

/** The failure reading `bytes` ends in (the test fails if it reads them all). */
async function failure(bytes: Uint8Array | (() => AsyncIterable<Uint8Array>), opts: CsvOptions = {}): Promise<FundgapError> {
  const src = typeof bytes === 'function' ? bytes : source(bytes, 7);
  const csv = await openCsv(src, 'x.csv', { encoding: 'utf-8', delimiter: ',', ...opts });
  try {
    for await (const _ of csv.rows());
  } catch (e) {
    if (e instanceof FundgapError) return e;
    throw e;
  }
  throw new Error('read without failing');
}

describe('failures name the line a record starts on and the column', () => {
  it('GBK text read as UTF-8: the first bad cell, after a quoted line break', async () => {
    const bytes = Buffer.concat([Buffer.from('项目名称,"拨付\n金额"\n马营村,'), iconv.encode('三合镇', 'gbk'), Buffer.from('\n')]);
    const e = await failure(bytes);
    expect([e.code, e.at]).toEqual(['ENCODING_INVALID', { file: 'x.csv', row: 3, column: '2' }]);
    expect(e.hint).toContain('--encoding gbk');
    expect(await fast(bytes, 'utf-8', ',', 3)).toEqual(reference(bytes, 'utf-8', ','));
  });

  it('a quote never closed: the line its record starts on, and a hint to look for the stray quote', async () => {
    const bytes = Buffer.from('项目名称,金额\r\n马营村,100\r\n"三合镇,200\r\n古城乡,300\r\n', 'utf8');
    const e = await failure(bytes);
    expect([e.code, e.at]).toEqual(['CSV_MALFORMED', { file: 'x.csv', row: 3 }]);
    expect(e.hint).toContain('stray "');
    expect(await fast(bytes, 'utf-8', ',', 5)).toEqual(reference(bytes, 'utf-8', ','));
  });

  it('a read failure is reported as before, with the error\'s code', async () => {
    // More than the 64 KB opening the file reads to find its delimiter, so that this read
    // fails in the middle of the rows.
    const text = `项目名称,金额\n${'马营村,100\n'.repeat(7000)}`;
    const broken = () => (async function* () {
      yield Buffer.from(text);
      throw Object.assign(new Error('i/o error'), { code: 'EIO' });
    })();
    const e = await failure(broken);
    expect([e.code, e.at, e.message]).toEqual(['CSV_MALFORMED', { file: 'x.csv', row: 7002 }, 'this CSV cannot be read (EIO)']);
  });
});

describe('hostile input is bounded', () => {
  /** `size` bytes of one line: `head`, then `fill` repeated, made as read; counts what was read. */
  function huge(head: string, fill: string, size: number) {
    const read = { bytes: 0 };
    const chunk = Buffer.from(fill.repeat(Math.ceil((256 * 1024) / Buffer.byteLength(fill))));
    const src = () => (async function* () {
      const first = Buffer.from(head);
      read.bytes += first.length;
      yield first;
      while (read.bytes < size) {
        read.bytes += chunk.length;
        yield chunk;
      }
    })();
    return { src, read };
  }

  it('a cell longer than Excel holds: the cell, its start, and how it begins', async () => {
    const e = await failure(Buffer.from(`项目名称,备注\n马营村,${'很长的备注'.repeat(7000)}\n`));
    expect([e.code, e.at]).toEqual(['CELL_TOO_LONG', { file: 'x.csv', row: 2, column: '2' }]);
    expect(e.text).toBe(`${'很长的备注'.repeat(12)}…`);
  });

  it('a 200 MB line of one cell fails within its first megabyte', async () => {
    const { src, read } = huge('项目名称,备注\n马营村,', 'x', 200 * 1024 * 1024);
    const e = await failure(src);
    expect([e.code, e.at]).toEqual(['CELL_TOO_LONG', { file: 'x.csv', row: 2, column: '2' }]);
    expect(read.bytes).toBeLessThan(1024 * 1024);
  });

  it('a quote never closed in a large file is caught as a runaway cell, and says so', async () => {
    const { src, read } = huge('项目名称,金额\n"马营村,100\n', '三合镇,200\n', 64 * 1024 * 1024);
    const e = await failure(src);
    expect([e.code, e.at]).toEqual(['CELL_TOO_LONG', { file: 'x.csv', row: 2, column: '1' }]);
    expect(e.hint).toContain('quote that is never closed');
    expect(read.bytes).toBeLessThan(1024 * 1024);
  });

  it('a record over the size limit fails once it passes it, naming where it starts', async () => {
    const { src, read } = huge('项目名称,金额\n\n', `${'马营村'.repeat(30)},`, 64 * 1024 * 1024);
    const e = await failure(src, { maxRecordBytes: 512 * 1024 });
    expect([e.code, e.at?.row]).toEqual(['CSV_RECORD_TOO_LARGE', 3]);
    expect(e.message).toContain('larger than 0.5 MB');
    expect(read.bytes).toBeLessThan(1024 * 1024);
  });

  it('a record with more cells than a sheet has columns fails at the first cell too many', async () => {
    const e = await failure(Buffer.from(`a\n${',1'.repeat(20_000)}\n`));
    expect([e.code, e.at]).toEqual(['CSV_RECORD_TOO_LARGE', { file: 'x.csv', row: 2, column: '16385' }]);
  });
});

describe('reading in batches', () => {
  it('gives the rows as rows() does, a chunk at a time, and closes the file when a reader stops early', async () => {
    const bytes = Buffer.from(`项目名称,金额\n${'马营村,100\n'.repeat(5000)}`);
    let closed = false;
    const src = () => (async function* () {
      try {
        for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
      } finally {
        closed = true;
      }
    })();
    const csv = await openCsv(src, 'x.csv');
    const sizes: number[] = [];
    for await (const batch of csv.batches()) sizes.push(batch.length);
    expect(sizes.reduce((a, b) => a + b)).toBe(5001);
    expect(sizes.length).toBeGreaterThan(1);
    closed = false;
    for await (const row of csv.rows()) if (row.row === 10) break;
    expect(closed).toBe(true);
  });
});

describe('a delimiter the byte reader does not take', () => {
  it('is read by csv-parse, as before', async () => {
    const bytes = Buffer.from('项目名称::金额\r\n"马营村::一组"::100\r\n\r\n三合镇::200\r\n');
    expect(await fast(bytes, 'utf-8', '::')).toEqual(reference(bytes, 'utf-8', '::'));
    expect(await fast(bytes, 'utf-8', '::')).toEqual({
      rows: [
        { row: 1, cells: [{ t: 'text', v: '项目名称' }, { t: 'text', v: '金额' }] },
        { row: 2, cells: [{ t: 'text', v: '马营村::一组' }, { t: 'text', v: '100' }] },
        { row: 3, cells: [] },
        { row: 4, cells: [{ t: 'text', v: '三合镇' }, { t: 'text', v: '200' }] },
      ],
    });
  });
});
