// Failures: input the tool cannot read, or options it cannot honour. They stop the run with
// exit code 2. Gaps in the money are never failures; they are findings in the report.
// A FundgapError carries a Failure (src/failures.ts): the code and its data only. Every word
// of every message comes from one place, src/failure-messages.ts.

import type { Bilingual, Lang } from './domain.js';
import type { Failure, FailureCode, Location } from './failures.js';
import { describeFailure, moreFailures, quoted } from './failure-messages.js';

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

/**
 * Several failures found in one pass over a ledger (its bad rows), listed together up to the
 * limit, with a count of the rest. It is the first of them too, so a caller that looks at one
 * failure (its code, its location) sees the first, as before.
 */
export class FundgapFailures extends FundgapError {
  /** The failures listed, the first included. */
  readonly listed: readonly FundgapError[];
  /** Failures found beyond those listed. */
  readonly more: number;

  constructor(listed: readonly FundgapError[], more: number) {
    super(listed[0]!.failure, { cause: listed[0]!.cause });
    this.listed = listed;
    this.more = more;
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
  if (e instanceof FundgapFailures) return formatFailures(e, lang);
  return formatOne(e, lang);
}

function formatOne(e: FundgapError, lang: Lang, hinted?: Set<string>): string {
  const parts: string[] = [];
  const message = e.bilingual.message[lang];
  const head = `[${e.code}] ${e.at ? `${formatLocation(e.at)}: ${message}` : message}`;
  parts.push(e.text !== undefined ? `${head}: ${quoted(e.text)}` : head);
  const hint = e.bilingual.hint?.[lang];
  if (hint && !hinted?.has(hint)) parts.push(`  ${hint}`);
  hinted?.add(hint ?? '');
  return parts.join('\n');
}

/** Each failure on its line; a hint once, under the first failure it helps with. */
function formatFailures(e: FundgapFailures, lang: Lang): string {
  const hinted = new Set<string>();
  const lines = e.listed.map((x, i) => (i === 0 ? formatOne(x, lang, hinted) : `fundgap: ${formatOne(x, lang, hinted)}`));
  if (e.more > 0) lines.push(`fundgap: ${moreFailures(e.more)[lang]}`);
  return lines.join('\n');
}
