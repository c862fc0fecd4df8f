// Progress while large ledgers are read: on a terminal's standard error only, only once a
// ledger has taken a second (by an injected clock, so nothing sleeps), never with --quiet, and
// never a byte on standard output.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { displayWidth, fittedLine, progressDisplay } from '../../src/cli/progress.js';
import { openSheet } from '../../src/sheets/open.js';
import { openZip } from '../../src/sheets/xlsx/zip.js';
import { writeFiles } from '../helpers.js';
import { tempDir, worksheet, writeHandBook } from '../sheets/xlsx-helpers.js';

/** Enough rows for a dozen progress calls (one every 1,024 rows), on a dozen keys. */
const ROWS = 12_000;

function bigLedgers(lastRow = ''): string[] {
  const lines = ['项目名称,下达金额'];
  for (let i = 0; i < ROWS; i++) lines.push(`项目${i % 12},${100 + (i % 7)}.50`);
  if (lastRow) lines.push(lastRow);
  const dir = writeFiles({
    'allocated.csv': `${lines.join('\n')}\n`,
    'disbursed.csv': '项目名称,拨付金额\n项目1,101.50\n',
    'landed.csv': '项目名称,落地金额\n项目1,101.50\n',
  });
  return ['-a', join(dir, 'allocated.csv'), '-d', join(dir, 'disbursed.csv'), '-l', join(dir, 'landed.csv')];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with standard error as a terminal or not, and a clock that moves `step` ms each time it is read. */
async function run(args: string[], terminal: { stderrTTY: boolean; step: number; columns?: number }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let clock = 0;
  const io: Io = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    stderrTTY: terminal.stderrTTY,
    stderrColumns: terminal.columns,
    now: () => (clock += terminal.step),
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** What a terminal would show: each carriage return starts the line again. */
function screenLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => (line.split('\r').filter((s) => s.trim() !== '').pop() ?? '').trimEnd())
    .filter((l) => l !== '');
}

describe('progress on standard error', () => {
  const ledgers = bigLedgers();
  const reconcile = ['reconcile', ...ledgers, '-f', 'json', '--fail-on', 'none'];

  it('shows a slow ledger on a terminal, redrawn in place, and ends it with its totals', async () => {
    const plain = await run(reconcile, { stderrTTY: false, step: 150 });
    const tty = await run(reconcile, { stderrTTY: true, step: 150 });
    expect(tty.code).toBe(0);
    // Standard output is the report, byte for byte as without a terminal.
    expect(tty.stdout).toBe(plain.stdout);
    expect(JSON.parse(tty.stdout).schema).toBe('fundgap.report/v2');

    const redraws = tty.stderr.split('\r').filter((s) => s.includes('行/秒'));
    expect(redraws.length).toBeGreaterThan(1);
    for (const r of redraws) expect(r).toMatch(/^上级下达 allocated\.csv：[\d,]+ 行，[\d.]+\/[\d.]+ MB（\d+%），[\d,]+ 行\/秒 *$/);
    // The finished ledger is left on screen, on a line of its own, with every row and byte.
    const size = (statSync(ledgers[1]!).size / 1e6).toFixed(1);
    expect(screenLines(tty.stderr)).toEqual([expect.stringMatching(new RegExp(`^上级下达 allocated\\.csv：已读完 12,001 行，${size} MB，用时 [\\d.]+ 秒$`))]);
    expect(tty.stderr.endsWith('\n')).toBe(true);
  });

  it('speaks English with --lang en', async () => {
    const tty = await run([...reconcile, '--lang', 'en'], { stderrTTY: true, step: 150 });
    expect(tty.stderr).toMatch(/\r\[allocated\] allocated\.csv: [\d,]+ rows, [\d.]+\/[\d.]+ MB \(\d+%\), [\d,]+ rows\/s/);
    expect(screenLines(tty.stderr)).toEqual([expect.stringMatching(/^\[allocated\] allocated\.csv: read 12,001 rows, [\d.]+ MB, in [\d.]+ s$/)]);
  });

  it('shows nothing when standard error is not a terminal', async () => {
    const r = await run(reconcile, { stderrTTY: false, step: 150 });
    expect(r.stderr).toBe('');
  });

  it('shows nothing with --quiet', async () => {
    const r = await run([...reconcile, '--quiet'], { stderrTTY: true, step: 150 });
    expect(r.stderr).toBe('');
    const q = await run([...reconcile, '-q'], { stderrTTY: true, step: 150 });
    expect(q.stderr).toBe('');
  });

  it('shows nothing for a ledger read within a second', async () => {
    const r = await run(reconcile, { stderrTTY: true, step: 10 });
    expect(r.stderr).toBe('');
  });

  it('clears an unfinished line before an error is written', async () => {
    // The last row's amount is no number: reading stops there, with progress on screen.
    const r = await run(['reconcile', ...bigLedgers('项目X,12.5.5'), '--fail-on', 'none'], { stderrTTY: true, step: 150 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('行/秒');
    expect(r.stderr).toMatch(/\r +\rfundgap: [^\r]*12\.5\.5/);
    expect(screenLines(r.stderr)[0]).toMatch(/^fundgap: /);
  });

  it('is wired to inspect too, which keeps its standard output', async () => {
    const args = ['inspect', ledgers[1]!, '-f', 'json'];
    const plain = await run(args, { stderrTTY: false, step: 150 });
    const tty = await run(args, { stderrTTY: true, step: 150 });
    expect(tty.stdout).toBe(plain.stdout);
    expect(screenLines(tty.stderr)).toEqual([expect.stringMatching(/^上级下达 allocated\.csv：已读完 12,001 行/)]);
    expect((await run([...args, '--quiet'], { stderrTTY: true, step: 150 })).stderr).toBe('');
  });
});

describe('the progress line', () => {
  const p = { rows: 312_000, bytes: 25_300_000, totalBytes: 81_000_000, done: false };

  it('never runs past the terminal: a long file name gives way, its end kept', () => {
    const label = '落地 2019年各乡镇惠民惠农一卡通发放明细（含已销户账户）.csv';
    const line = fittedLine(label, p, { elapsedMs: 2000, rate: 156_000 }, 'zh', 70);
    expect(displayWidth(line)).toBeLessThanOrEqual(70);
    expect(line).toMatch(/^落地 …[^：]*账户）\.csv：312,000 行，25\.3\/81\.0 MB（31%），156,000 行\/秒$/);
    expect(displayWidth(fittedLine(label, p, { elapsedMs: 2000, rate: 1 }, 'zh', 20))).toBeLessThanOrEqual(20);
  });

  it('draws at most a few times a second, and wipes a longer line it replaces', () => {
    let out = '';
    let clock = 0;
    const display = progressDisplay(
      { stdout: () => expect.unreachable(), stderr: (s) => (out += s), isTTY: false, stderrTTY: true, now: () => clock, env: {} },
      { quiet: false, lang: 'en' },
    )!;
    display.update('[landed] l.csv', { rows: 0, done: false });
    for (clock = 1000; clock < 2000; clock += 50) display.update('[landed] l.csv', { rows: clock * 100, done: false });
    // 1,000 ms to 1,950 ms at 250 ms apart: four draws.
    const draws = out.split('\r').filter((s) => s !== '');
    expect(draws).toHaveLength(4);
    // A shorter line is padded over what the longer one left.
    out = '';
    clock = 2500;
    display.update('[landed] l.csv', { rows: 100_001, done: false });
    expect(out.trimEnd()).toBe('\r[landed] l.csv: 100,001 rows, 1 rows/s');
    expect(out.length).toBeGreaterThanOrEqual(draws[3]!.length + 1);
    out = '';
    display.close();
    expect(out).toMatch(/^\r +\r$/);
  });
});

describe('how far a sheet has been read, in its file', () => {
  it('CSV: the bytes read so far, of the file size', async () => {
    const dir = writeFiles({ 'l.csv': `项目名称,金额\n${'项目,1.00\n'.repeat(50_000)}` });
    const path = join(dir, 'l.csv');
    const source = await openSheet(path);
    const seen: number[] = [];
    let n = 0;
    for await (const row of source.rows()) if (row && ++n % 10_000 === 0) seen.push(source.readPosition!()!.bytes);
    const size = statSync(path).size;
    expect(source.readPosition!()).toEqual({ bytes: size, totalBytes: size });
    // Bytes grow as rows are read, and never past the file.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Math.max(...seen)).toBeLessThanOrEqual(size);
  });

  it('XLSX: the sheet part\'s compressed bytes, in proportion to its XML read', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>项目${i}</t></is></c><c r="B${i + 1}"><v>${i}.5</v></c></row>`);
    const path = writeHandBook(tempDir(), 'a.xlsx', { sheets: [{ name: '分配表', xml: worksheet(rows.join('')) }] });
    const source = await openSheet(path);
    const part = (await openZip(path, path)).entry('xl/worksheets/sheet1.xml')!;
    expect(source.readPosition!()).toEqual({ bytes: 0, totalBytes: part.compressedSize });
    let n = 0;
    let midway = 0;
    for await (const row of source.rows()) if (row && ++n === 10_000) midway = source.readPosition!()!.bytes;
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(part.compressedSize);
    expect(source.readPosition!()).toEqual({ bytes: part.compressedSize, totalBytes: part.compressedSize });
  });
});
