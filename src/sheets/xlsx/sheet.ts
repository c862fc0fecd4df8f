// Streams the rows of one worksheet part: the merged ranges come first from a cheap scan of the
// part's tail (merges.ts), then the rows are read (row-reader.ts) and passed on chunk by chunk,
// through the fast scanner or, for XML outside its subset, through saxes from the start again.
// Memory stays bounded by the merges and one chunk of rows.

import type { RawRow } from '../types.js';
import { FundgapError } from '../../errors.js';
import { RowReader, type SheetContext as RowContext } from './row-reader.js';
import { plainCell } from './shortcuts.js';
import { inSheet, xmlError } from './xml.js';
import { streamXml, type ChunkSource, type ParserChoice } from './xml-stream.js';

export { scanMerges, type MergeRange } from './merges.js';
export type { ChunkSource, ParserChoice } from './xml-stream.js';

export interface SheetContext extends RowContext {
  /** Which XML parser reads the rows; 'auto' unless a test forces one. */
  readonly parser?: ParserChoice | undefined;
}

/** Streams the rows of a worksheet part, in file order. */
export function sheetRows(source: ChunkSource, ctx: SheetContext): AsyncIterableIterator<RawRow> {
  return flatten(sheetRowBatches(source, ctx));
}

/** The rows of a worksheet part, a chunk's worth at a time. */
export async function* sheetRowBatches(source: ChunkSource, ctx: SheetContext): AsyncGenerator<RawRow[]> {
  // Rows already passed on; a second attempt (through saxes) reads but skips them.
  let delivered = 0;
  const makeReader = (): RowReader => new RowReader(ctx, delivered);
  const fail = (e: unknown, reader: RowReader): unknown =>
    e instanceof FundgapError ? inSheet(e, ctx.sheet) : xmlError(ctx.part, ctx.displayName, e, ctx.sheet, reader.row || undefined);
  for await (const reader of streamXml(source, ctx.parser ?? 'auto', makeReader, fail, plainCell())) {
    const rows = reader.take();
    if (rows.length > 0) {
      delivered += rows.length;
      yield rows;
    }
    // Everything after the rows (merges, page setup) is already known or not needed.
    if (reader.done) return;
  }
}

/**
 * The items of async batches, one at a time. An async generator would cost a suspension and
 * a few promises per row; this costs one resolved promise, which matters at 200,000 rows.
 */
export function flatten<T>(batches: AsyncIterator<T[]>): AsyncIterableIterator<T> {
  let batch: T[] = [];
  let next = 0;
  const refill = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      const r = await batches.next();
      if (r.done === true) return { value: undefined, done: true };
      batch = r.value;
      next = 0;
      if (batch.length > 0) return { value: batch[next++]!, done: false };
    }
  };
  return {
    next: (): Promise<IteratorResult<T>> => (next < batch.length ? Promise.resolve({ value: batch[next++]!, done: false }) : refill()),
    return: async (): Promise<IteratorResult<T>> => {
      batch = [];
      await batches.return?.(undefined);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
