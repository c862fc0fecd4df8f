// Streams the rows of one worksheet part: read (row-reader.ts) chunk by chunk through the fast
// scanner or, for XML outside its subset, through saxes from the start again, and passed on
// once the merged ranges, stored after the rows and found by a cheap scan of the part running
// alongside (merges.ts), are known. Memory stays bounded by the merges and a few chunks of rows.

import type { RawRow } from '../types.js';
import { FundgapError } from '../../errors.js';
import type { MergeRange } from './merges.js';
import { RowReader, type SheetContext as RowContext } from './row-reader.js';
import { plainCell } from './shortcuts.js';
import { inSheet, xmlError } from './xml.js';
import { streamXml, type ChunkSource, type ParserChoice } from './xml-stream.js';

export { scanMerges, type MergeRange } from './merges.js';
export type { ChunkSource, ParserChoice } from './xml-stream.js';

export interface SheetContext extends RowContext {
  /** The merged ranges, or their scan still running. */
  readonly merges: readonly MergeRange[] | Promise<readonly MergeRange[]>;
  /** Which XML parser reads the rows; 'auto' unless a test forces one. */
  readonly parser?: ParserChoice | undefined;
}

/**
 * Chunks (of 64 KB) read ahead while the scan for merged ranges runs: reading need not wait for
 * it, and the rows of 1 MB of XML, a few megabytes whatever the size of the sheet, is all it costs.
 */
const MAX_CHUNKS_AHEAD = 16;

/** Streams the rows of a worksheet part, in file order. */
export function sheetRows(source: ChunkSource, ctx: SheetContext): AsyncIterableIterator<RawRow> {
  return flatten(sheetRowBatches(source, ctx));
}

/** The rows of a worksheet part, a chunk's worth at a time. */
export async function* sheetRowBatches(source: ChunkSource, ctx: SheetContext): AsyncGenerator<RawRow[]> {
  // Rows already passed on; a second attempt (through saxes) reads but skips them.
  let delivered = 0;
  let merges = Array.isArray(ctx.merges) ? (ctx.merges as readonly MergeRange[]) : undefined;
  let chunksAhead = 0;
  const makeReader = (): RowReader => new RowReader(ctx, delivered);
  const fail = (e: unknown, reader: RowReader): unknown =>
    e instanceof FundgapError ? inSheet(e, ctx.sheet) : xmlError(ctx.part, ctx.displayName, e, ctx.sheet, reader.row || undefined);
  for await (const reader of streamXml(source, ctx.parser ?? 'auto', makeReader, fail, plainCell())) {
    if (merges === undefined) {
      if (!reader.done && ++chunksAhead < MAX_CHUNKS_AHEAD) continue;
      merges = await ctx.merges;
    }
    const rows = reader.take(merges);
    if (rows.length > 0) {
      delivered += rows.length;
      yield rows;
    }
    // Once the rows are read, the parsers stop by themselves (see PIECE in xml.ts): what follows
    // them, merges and page setup, is known already or not needed.
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
