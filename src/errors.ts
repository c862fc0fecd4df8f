// Failures: input the tool cannot read, or options it cannot honour. They stop the run with
// exit code 2. Gaps in the money are never failures; they are findings in the report.
// A FundgapError carries a Failure (src/failures.ts): the code and its data only. Every word
// of every message comes from one place, src/failure-messages.ts.

import type { Bilingual, Lang } from './domain.js';
import type { Failure, FailureCode, Location } from './failures.js';
import { describeFailure, quoted } from './failure-messages.js';

export type { Failure, Location } from './failures.js';
export type ErrorCode = FailureCode;

export type { Bilingual } from './domain.js';

/** `t('不是有效的金额', 'not an amount')`: the Chinese first, as the user reads it. */
export function t(zh: string, en: string): Bilingual {
  return { zh, en };
}

export class FundgapError extends Error {
  readonly failure: Failure;
  readonly code: ErrorCode;
  readonly at: Location | undefined;
  /** The offending text, shown quoted after the message. */
  readonly text: string | undefined;
  /** One line telling the user how to get past this, in English (as `message` is). */
  readonly hint: string | undefined;
  /** The message (`message` is its English side) and the hint, in both languages. */
  readonly bilingual: { message: Bilingual; hint: Bilingual | undefined };

  constructor(failure: Failure, options: { cause?: unknown } = {}) {
    const bilingual = describeFailure(failure);
    super(bilingual.message.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FundgapError';
    this.failure = failure;
    this.code = failure.code;
    this.at = failure.at;
    this.text = failure.text;
    this.hint = bilingual.hint?.en;
    this.bilingual = bilingual;
  }
}

/** `ledger.xlsx[分配表]:14:E (金额)` — the form editors and people both read. */
export function formatLocation(at: Location): string {
  let s = at.file;
  if (at.sheet !== undefined) s += `[${at.sheet}]`;
  if (at.row !== undefined) s += `:${at.row}`;
  if (at.column !== undefined) s += `:${at.column}`;
  return s;
}

/**
 * One self-contained message in the user's language: the code to search for, the location,
 * what is wrong, the bad text (at most 60 characters of it), and the way out.
 */
export function formatError(e: FundgapError, lang: Lang): string {
  const parts: string[] = [];
  const message = e.bilingual.message[lang];
  const head = `[${e.code}] ${e.at ? `${formatLocation(e.at)}: ${message}` : message}`;
  parts.push(e.text !== undefined ? `${head}: ${quoted(e.text)}` : head);
  const hint = e.bilingual.hint?.[lang];
  if (hint) parts.push(`  ${hint}`);
  return parts.join('\n');
}
