// Streams the rows of one worksheet part: the merged ranges come first from a cheap scan of the
// part's tail (merges.ts), then the rows are read (row-reader.ts) and yielded chunk by chunk,
// through the fast scanner or, for XML outside its subset, through saxes from the start again.
// Memory stays bounded by the merges and one chunk of rows.

import type { RawRow } from '../types.js';
import { FundgapError } from '../../errors.js';
import { RowReader, type SheetContext as RowContext } from './row-reader.js';
import { inSheet, xmlError } from './xml.js';
import { streamXml, type ChunkSource, type ParserChoice } from './xml-stream.js';

export { scanMerges, type MergeRange } from './merges.js';
export type { ChunkSource, ParserChoice } from './xml-stream.js';

export interface SheetContext extends RowContext {
  /** Which XML parser reads the rows; 'auto' unless a test forces one. */
  readonly parser?: ParserChoice | undefined;
}

/** Streams the rows of a worksheet part, in file order. */
export async function* sheetRows(source: ChunkSource, ctx: SheetContext): AsyncGenerator<RawRow> {
  // Rows already passed on; a second attempt (through saxes) reads but skips them.
  let delivered = 0;
  const makeReader = (): RowReader => new RowReader(ctx, delivered);
  const fail = (e: unknown, reader: RowReader): unknown =>
    e instanceof FundgapError ? inSheet(e, ctx.sheet) : xmlError(ctx.part, ctx.displayName, e, ctx.sheet, reader.row || undefined);
  for await (const reader of streamXml(source, ctx.parser ?? 'auto', makeReader, fail)) {
    for (const row of reader.take()) {
      delivered++;
      yield row;
    }
    // Everything after the rows (merges, page setup) is already known or not needed.
    if (reader.done) return;
  }
}
