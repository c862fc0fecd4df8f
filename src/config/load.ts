// Config text to a validated Config, with every problem reported as one line naming the
// field path (`ledgers.landed.columns.amount: expected a string`).

import type { z } from 'zod';
import { FundgapError } from '../errors.js';
import { configSchema, type Config } from './schema.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.startsWith('expected a decimal')) return issue.message;
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'expected a string or a list of strings';
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.origin === 'array' ? 'must not be an empty list' : `must be at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new FundgapError('CONFIG_INVALID', `not valid JSON (${(e as Error).message})`, { at: { file } });
  }
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${describeIssue(i)}`);
  throw new FundgapError('CONFIG_INVALID', lines.join('; '), {
    at: { file },
    hint: 'See "Config file" in the README, or run `fundgap init` to write a starter config.',
  });
}
