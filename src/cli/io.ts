// What a command may touch of the outside world: standard output and error, whether output is
// a terminal, and the environment. Commands take an Io so tests run them in-process; writing
// goes through emit(), which waits on a slow reader instead of holding the report in memory.

import { batched, writePieces } from '../io/files.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard output as a stream, when there is one: large reports are written to it with backpressure. */
  out?: NodeJS.WritableStream | undefined;
  /** Whether stdout is a terminal (colour is used only then, and never with NO_COLOR). */
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is one; the text report fits its tables to it. */
  columns?: number | undefined;
  env: Record<string, string | undefined>;
}

export const EXIT = { ok: 0, findings: 1, error: 2, internal: 70 } as const;

/** Writes a report's pieces to standard output. */
export async function emit(io: Io, pieces: Iterable<string>): Promise<void> {
  if (io.out) await writePieces(io.out, pieces);
  else for (const chunk of batched(pieces)) io.stdout(chunk);
}

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    out: process.stdout,
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    env: process.env,
  };
}
