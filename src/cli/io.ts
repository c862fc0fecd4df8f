// What a command may touch of the outside world: standard output and error, whether output is
// a terminal, and the environment. Commands take an Io so tests run them in-process; writing
// goes through emit(), which waits on a slow reader instead of holding the report in memory.

import { FundgapError, t } from '../errors.js';
import { batched, writePieces, type Encode } from '../io/files.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard output as a stream, when there is one: large reports are written to it with backpressure. */
  out?: NodeJS.WritableStream | undefined;
  /** Whether stdout is a terminal (colour is used only then, and never with NO_COLOR). */
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is one; the text report fits its tables to it. */
  columns?: number | undefined;
  /** Whether standard error is a terminal: progress is drawn there only then (progress.ts). */
  stderrTTY?: boolean | undefined;
  /** Standard error's width in columns, when it is a terminal. */
  stderrColumns?: number | undefined;
  /** A clock in milliseconds, for progress; tests give their own. */
  now?: (() => number) | undefined;
  env: Record<string, string | undefined>;
}

export const EXIT = { ok: 0, findings: 1, error: 2, internal: 70 } as const;

/** Writes a report's pieces to standard output, as bytes of `encode`'s encoding when given. */
export async function emit(io: Io, pieces: Iterable<string>, encode?: Encode): Promise<void> {
  if (io.out) await writePieces(io.out, pieces, encode);
  // stdout() takes text, so it cannot carry another encoding's bytes: refuse rather than write UTF-8.
  else if (encode) throw new FundgapError('OUTPUT_FAILED', t('此处的输出只能是文本，请用 -o 写入文件', 'this output takes text only; write the report with -o'));
  else for (const chunk of batched(pieces)) io.stdout(chunk);
}

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    out: process.stdout,
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
    stderrTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
    now: () => performance.now(),
    env: process.env,
  };
}
