// Golden files: for each case, the command line, its exit code, standard output and error, and
// any file it writes, in one Markdown file under test/goldens/ that a reviewer reads in the
// diff. `npm run goldens` (UPDATE_GOLDENS=1) rewrites them all; otherwise each must match byte
// for byte, and a golden that no case writes is an error. Outputs are made stable first: the
// tool's version reads 0.0.0 and the temporary directory <tmp>; the reports hold no dates.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, toolInfo } from '../../src/cli/main.js';
import { tempDir } from '../helpers.js';

const DIR = 'test/goldens';
const UPDATE = process.env.UPDATE_GOLDENS === '1';

interface Case {
  /** The golden's file name, without .md. */
  name: string;
  /** The arguments after `fundgap`; {tmp} is a fresh temporary directory. */
  args: string[];
  /** Run as if on a terminal this many columns wide (colour off). */
  columns?: number;
  /** Files the command writes in {tmp}, shown after its output. */
  files?: string[];
}

const DEMO = ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'];
const LILING_FILES = ['-a', 'fixtures/samples/liling-2019/allocation.xlsx', '-d', 'fixtures/samples/liling-2019/disbursement.csv', '-l', 'fixtures/samples/liling-2019/landed.xlsx'];
const LILING = [...LILING_FILES, '-k', '项目名称'];
const HEADINGS = ['-a', 'fixtures/category-headings/allocated.csv', '-d', 'fixtures/category-headings/disbursed.csv', '-l', 'fixtures/category-headings/landed.csv'];

const FORMATS = ['text', 'md', 'csv', 'json'] as const;

const CASES: Case[] = [
  // The demo as `npm start` runs it, in every text format.
  ...FORMATS.map((f) => ({ name: `demo-${f}`, args: ['reconcile', ...DEMO, '--fail-on', 'none', '-f', f] })),
  { name: 'demo-text-en', args: ['reconcile', ...DEMO, '--fail-on', 'none', '--lang', 'en'] },
  { name: 'demo-text-terminal-80', args: ['reconcile', ...DEMO, '--fail-on', 'none'], columns: 80 },
  // An XLSX allocation in 万元 inferred from the other ledgers, a SUM total, duplicate and invalid IDs.
  ...FORMATS.map((f) => ({ name: `liling-2019-${f}`, args: ['reconcile', ...LILING, '-f', f] })),
  { name: 'liling-2019-inspect', args: ['inspect', 'fixtures/samples/liling-2019/allocation.xlsx'] },
  { name: 'liling-2019-init', args: ['init', ...LILING, '-o', '{tmp}/fundgap.config.json'], files: ['fundgap.config.json'] },
  // A reading decision: category headings carrying the sum of the rows under them, left out and said so.
  ...FORMATS.map((f) => ({ name: `category-headings-${f}`, args: ['reconcile', ...HEADINGS, '-f', f] })),
  // Formats that cannot be honoured.
  { name: 'error-format-contradicts-out', args: ['reconcile', ...DEMO, '-f', 'text', '-o', 'report.xlsx'] },
  { name: 'error-xlsx-without-out', args: ['reconcile', ...DEMO, '-f', 'xlsx', '--lang', 'en'] },
];

/** What must not churn between machines and releases. */
function stable(text: string, tmp: string): string {
  const { version } = toolInfo();
  return text
    .split(tmp)
    .join('<tmp>')
    .replace(new RegExp(`(fundgap |"version": ?")${version.replace(/\./g, '\\.')}`, 'g'), '$10.0.0');
}

/** Bytes a reader cannot see in a diff, made visible: the CSV report's BOM and CRs. */
const visible = (s: string) => s.replace(/\ufeff/g, '<BOM>').replace(/\r/g, '␍');

function shellWord(a: string): string {
  return /^[\w./#=,:@%+{}\u4e00-\u9fff-]+$/u.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function block(title: string, text: string): string[] {
  if (text === '') return [`## ${title}`, '', '(empty)', ''];
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return [`## ${title}`, '', fence, text.endsWith('\n') ? text.slice(0, -1) : text, fence, ...(text.endsWith('\n') ? [] : ['(no newline at the end)']), ''];
}

async function render(c: Case): Promise<string> {
  const tmp = tempDir();
  const args = c.args.map((a) => a.replace('{tmp}', tmp));
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: c.columns !== undefined,
    columns: c.columns,
    env: { NO_COLOR: '1' },
  });
  const terminal = c.columns === undefined ? '' : ` (on a terminal ${c.columns} columns wide)`;
  const out = [`# fundgap ${c.args.map(shellWord).join(' ')}${terminal}`, '', `Exit code: ${code}`, ''];
  out.push(...block('stdout', visible(stable(stdout, tmp))), ...block('stderr', visible(stable(stderr, tmp))));
  for (const f of c.files ?? []) out.push(...block(f, visible(stable(readFileSync(join(tmp, f), 'utf8'), tmp))));
  rmSync(tmp, { recursive: true, force: true });
  return `${out.join('\n').trimEnd()}\n`;
}

describe('golden files (npm run goldens rewrites them)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const path = join(DIR, `${name}.md`);
    const got = await render(c);
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, got);
      return;
    }
    let want: string;
    try {
      want = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`${path} is missing: run npm run goldens and review the new file`);
    }
    expect(got, `${path} differs: if the change is meant, run npm run goldens and review the diff`).toBe(want);
  });

  it('has no golden that no case writes', () => {
    const names = new Set(CASES.map((c) => `${c.name}.md`));
    const stale = readdirSync(DIR).filter((f) => !names.has(f));
    if (UPDATE) for (const f of stale) rmSync(join(DIR, f));
    else expect(stale).toEqual([]);
  });
});
