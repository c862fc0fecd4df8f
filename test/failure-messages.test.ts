// The failure catalogue and the README's table of codes are one list: every code the Failure
// union has is in the README with the catalogue's meaning and fix, and the README names no
// other. `UPDATE_GOLDENS=1 npx vitest run test/failure-messages.test.ts` rewrites the table
// from the catalogue.

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_CATALOGUE } from '../src/failure-messages.js';

const README = 'README.md';
const START = '<!-- failure-codes:start -->';
const END = '<!-- failure-codes:end -->';

function table(): string {
  const rows = Object.entries(FAILURE_CATALOGUE).map(
    ([code, { meaning, fix }]) => `| \`${code}\` | ${meaning.en} | ${fix.en} | ${meaning.zh}；${fix.zh} |`,
  );
  return ['| Code | Meaning | Fix | 含义；处理 |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function readmeTable(text: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${README} has no ${START} … ${END} block`);
  return text.slice(start + START.length, end).trim();
}

describe('the README lists every failure code', () => {
  it('has one row per code of the catalogue and no other, worded as the catalogue words it', () => {
    let text = readFileSync(README, 'utf8');
    if (process.env.UPDATE_GOLDENS === '1') {
      text = `${text.slice(0, text.indexOf(START))}${START}\n${table()}\n${text.slice(text.indexOf(END))}`;
      writeFileSync(README, text);
    }
    const listed = [...readmeTable(text).matchAll(/^\| `([A-Z_0-9]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(FAILURE_CATALOGUE));
    expect(readmeTable(text)).toBe(table());
  });

  it('gives every code a meaning and a fix in both languages', () => {
    for (const [code, { meaning, fix }] of Object.entries(FAILURE_CATALOGUE)) {
      for (const w of [meaning.zh, meaning.en, fix.zh, fix.en]) expect(w.trim(), code).not.toBe('');
    }
  });
});
