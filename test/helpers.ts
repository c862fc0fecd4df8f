// Runs the CLI in-process, as a user would from the repository root, with colour off.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env,
  });
  return { code, stdout, stderr };
}

/** The every-status fixture's three ledgers as -a -d -l arguments. */
export function ledgers(dir: string, names = { a: 'allocated.csv', d: 'disbursed.csv', l: 'landed.csv' }): string[] {
  return ['-a', join(dir, names.a), '-d', join(dir, names.d), '-l', join(dir, names.l)];
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fundgap-test-'));
}

/** Writes files (text or bytes) into a fresh temporary directory and returns it. */
export function writeFiles(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
