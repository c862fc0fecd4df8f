// Config text to a validated Config, with every problem reported as one line naming the
// field path (`ledgers.landed.columns.amount: expected a string`).

import type { z } from 'zod';
import { FundgapError } from '../errors.js';
import type { ConfigProblem } from '../failures.js';
import { configSchema, type Config } from './schema.js';

/** The schema's own messages (schema.ts), recognised so they can be worded in both languages. */
const DECIMAL = 'expected a decimal number in quotes, like "0.50"';
const YUAN = 'expected an amount in 元 in quotes, at most two decimals, like "0.50"';
const ONE_OF = 'expected one of: ';
const HEADINGS = 'expected "none" or a list of row numbers';

/** What a schema issue says, as data for the failure's wording. */
function problemOf(issue: z.core.$ZodIssue): ConfigProblem {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.startsWith(DECIMAL) || issue.message.startsWith(YUAN)) break;
      return { kind: 'type', expected: issue.expected };
    case 'unrecognized_keys':
      return { kind: 'unknown-keys', keys: issue.keys };
    case 'invalid_value':
      return { kind: 'one-of', values: issue.values.map(String) };
    case 'invalid_union':
      if (issue.message.startsWith(HEADINGS)) return { kind: 'headings' };
      if (issue.path[issue.path.length - 1] === 'status') return { kind: 'status' };
      return { kind: 'strings' };
    case 'too_small':
      if (issue.origin === 'string') return { kind: 'empty-string' };
      if (issue.origin === 'array') return { kind: 'empty-list' };
      return { kind: issue.inclusive === false ? 'more-than' : 'at-least', bound: String(issue.minimum) };
    case 'too_big':
      return { kind: issue.inclusive === false ? 'less-than' : 'at-most', bound: String(issue.maximum) };
    default:
      break;
  }
  if (issue.message.startsWith(DECIMAL)) return { kind: 'decimal' };
  if (issue.message.startsWith(YUAN)) return { kind: 'yuan' };
  if (issue.message.startsWith(ONE_OF)) return { kind: 'one-of', values: issue.message.slice(ONE_OF.length).split(', ') };
  return { kind: 'other', message: issue.message };
}

export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new FundgapError({ code: 'CONFIG_INVALID', at: { file }, problem: 'json', detail: (e as Error).message });
  }
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), problem: problemOf(i) }));
  throw new FundgapError({ code: 'CONFIG_INVALID', at: { file }, problem: 'schema', issues });
}
