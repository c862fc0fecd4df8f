// Where a report may be written: never over one of its inputs, whatever the path says, and a
// plain word (not a raw ENOENT or EISDIR) when the folder is missing or the path is a folder.
// Checked before any ledger is read, so a long run never ends in a refusal.

import { existsSync, linkSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../helpers.js';

const DIR = 'fixtures/every-status';
const args = (a = join(DIR, 'allocated.csv')) => ['reconcile', '-a', a, '-d', join(DIR, 'disbursed.csv'), '-l', join(DIR, 'landed.csv'), '--lang', 'en'];

describe('-o', () => {
  it('into a folder that does not exist: exit 2 naming the folder, nothing written', async () => {
    const dir = tempDir();
    const r = await runCli([...args(), '-o', join(dir, 'missing', 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the folder to write into does not exist: ${join(dir, 'missing')}`);
    expect(r.stderr).not.toMatch(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('naming a folder: exit 2 saying so, with a file name to add', async () => {
    const dir = tempDir();
    const r = await runCli([...args(), '-o', dir, '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o names a folder, not a file');
    expect(r.stderr).toContain(join(dir, 'report.xlsx'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('naming an input under another name (here a hard link; on Windows or macOS, other letter case): refused, the input intact', async () => {
    const dir = writeFiles({ 'a.csv': readFileSync(join(DIR, 'allocated.csv')) });
    const before = readFileSync(join(dir, 'a.csv'));
    linkSync(join(dir, 'a.csv'), join(dir, 'same.csv'));
    const r = await runCli([...args(join(dir, 'a.csv')), '-o', join(dir, 'same.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the output would be written over an input file');
    expect(readFileSync(join(dir, 'a.csv')).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'same.csv'))).toBe(true);
  });
});
