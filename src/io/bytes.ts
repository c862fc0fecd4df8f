// The two ways a reader gets at a file's bytes: from the start as a stream, as often as it
// likes, or by range. io/files.ts makes them from a path; the readers in sheets/ take them,
// so a reader can be fed bytes from anywhere (tests hand them buffers).

/** Opens the file's bytes afresh each time it is called (the file is read twice). */
export type ByteSource = () => AsyncIterable<Uint8Array>;

export interface RandomAccess {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
}
