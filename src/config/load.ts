// Config text to a validated Config, with every problem reported as one line naming the
// field path (`ledgers.landed.columns.amount: expected a string`).

import type { z } from 'zod';
import { FundgapError, t, type Bilingual } from '../errors.js';
import { configSchema, type Config } from './schema.js';

const TYPE_WORDS: Record<string, Bilingual> = {
  string: t('字符串', 'a string'),
  number: t('数字', 'a number'),
  int: t('整数', 'a whole number'),
  object: t('对象（{ … }）', 'an object'),
  array: t('列表（[ … ]）', 'a list'),
  boolean: t('true 或 false', 'true or false'),
};

/** The schema's own messages (schema.ts), in Chinese. */
const DECIMAL = 'expected a decimal number in quotes, like "0.50"';
const YUAN = 'expected an amount in 元 in quotes, at most two decimals, like "0.50"';
const ONE_OF = 'expected one of: ';
const HEADINGS = 'expected "none" or a list of row numbers';

function describeIssue(issue: z.core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.message.startsWith(DECIMAL) || issue.message.startsWith(YUAN)) break;
      const type = TYPE_WORDS[issue.expected] ?? t(issue.expected, issue.expected);
      return t(`应为${type.zh}`, `expected ${type.en}`);
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k));
      return t(`未知字段 ${keys.join('、')}`, `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys.join(', ')}`);
    }
    case 'invalid_value':
      return t(`应为以下之一：${issue.values.map(String).join('、')}`, `expected one of: ${issue.values.map(String).join(', ')}`);
    case 'invalid_union':
      if (issue.message.startsWith(HEADINGS)) return t('应为 "none" 或行号列表，例如 [3, 7]', issue.message);
      if (issue.path[issue.path.length - 1] === 'status') {
        return t('应为 false，或 { "success": [ … ], "failed": [ … ] }', 'expected false, or { "success": [ … ], "failed": [ … ] }');
      }
      return t('应为字符串或字符串列表', 'expected a string or a list of strings');
    case 'too_small':
      if (issue.origin === 'string') return t('不能为空', 'must not be empty');
      if (issue.origin === 'array') return t('不能是空列表', 'must not be an empty list');
      return issue.inclusive === false
        ? t(`应大于 ${issue.minimum}`, `must be more than ${issue.minimum}`)
        : t(`应不小于 ${issue.minimum}`, `must be at least ${issue.minimum}`);
    case 'too_big':
      return issue.inclusive === false
        ? t(`应小于 ${issue.maximum}`, `must be less than ${issue.maximum}`)
        : t(`应不大于 ${issue.maximum}`, `must be at most ${issue.maximum}`);
    default:
      break;
  }
  if (issue.message.startsWith(DECIMAL)) return t('应为加引号的数字，例如 "0.50"', issue.message);
  if (issue.message.startsWith(YUAN)) return t('应为加引号的元金额，最多两位小数，例如 "0.50"', issue.message);
  if (issue.message.startsWith(ONE_OF)) return t(`应为以下之一：${issue.message.slice(ONE_OF.length).split(', ').join('、')}`, issue.message);
  return t(issue.message, issue.message);
}

export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const detail = (e as Error).message;
    throw new FundgapError('CONFIG_INVALID', t(`配置文件不是有效的 JSON（${detail}）`, `not valid JSON (${detail})`), {
      at: { file },
    });
  }
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const what = describeIssue(i);
    const path = i.path.join('.');
    return t(`${path || '（顶层）'}: ${what.zh}`, `${path || '(top level)'}: ${what.en}`);
  });
  throw new FundgapError('CONFIG_INVALID', t(lines.map((l) => l.zh).join('；'), lines.map((l) => l.en).join('; ')), {
    at: { file },
    hint: t(
      '配置文件的写法见 README 的“Config file”一节，或运行 `fundgap init` 生成一份样例配置。',
      'See "Config file" in the README, or run `fundgap init` to write a starter config.',
    ),
  });
}
