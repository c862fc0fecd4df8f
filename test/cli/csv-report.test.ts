// The CSV report read back as bytes: a BOM and CRLF for Excel, IDs and codes that Excel would
// damage written as ="…", negative gaps as numbers; GB18030 without a BOM when asked.

import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli, writeFiles } from '../helpers.js';

/** Payments by ID number: one ID over-disbursed by 500, one ending in X, one outside GBK in the name column. */
const LEDGERS = {
  'a.csv': ['身份证号,项目编码,项目名称,金额', '430281199411057176,00123,𡈽村道路,3000.00', '43028119720303452X,3-1,马营村产业,3000.00'].join('\n'),
  'd.csv': ['身份证号,项目编码,项目名称,金额', '430281199411057176,00123,𡈽村道路,3500.00', '43028119720303452X,3-1,马营村产业,3000.00'].join('\n'),
};

async function csvReport(key: string, extra: string[] = []): Promise<{ bytes: Buffer; code: number; stderr: string }> {
  const dir = writeFiles(LEDGERS);
  const out = join(dir, 'report.csv');
  const args = ['reconcile', '-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'd.csv'), '-k', key, '--fail-on', 'none', '-o', out, ...extra];
  const r = await runCli(args);
  return { bytes: r.code === 0 ? readFileSync(out) : Buffer.alloc(0), code: r.code, stderr: r.stderr };
}

const lines = (text: string) => text.split('\r\n');

describe('the CSV report as bytes', () => {
  it('is UTF-8 with a BOM and CRLF line ends by default', async () => {
    const { bytes, code } = await csvReport('身份证号');
    expect(code).toBe(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps an 18-digit ID as text, one ending in X as it is, and the negative gap a number', async () => {
    const { bytes } = await csvReport('身份证号');
    const rows = lines(bytes.toString('utf8').slice(1));
    const over = rows.find((l) => l.includes('430281199411057176'))!;
    expect(over.split(',').slice(0, 5)).toEqual(['"=""430281199411057176"""', '3000.00', '3500.00', '3500.00', '-500.00']);
    expect(rows.find((l) => l.includes('452X'))!.split(',')[0]).toBe('43028119720303452X');
  });

  it('keeps a code with leading zeros, and one Excel would read as a date, as written', async () => {
    const { bytes } = await csvReport('项目编码');
    const keys = lines(bytes.toString('utf8').slice(1)).slice(1, -1).map((l) => l.split(',')[0]);
    expect(keys.sort()).toEqual(['"=""00123"""', '"=""3-1"""']);
  });

  it('is GB18030 without a BOM with --csv-encoding gb18030 (or gbk), losing no character', async () => {
    const utf8 = (await csvReport('项目名称')).bytes;
    const gb = await csvReport('项目名称', ['--csv-encoding', 'gb18030']);
    expect(gb.code).toBe(0);
    expect([...gb.bytes.subarray(0, 4)]).toEqual([0xcf, 0xee, 0xc4, 0xbf]); // 项目
    expect(iconv.decode(gb.bytes, 'gb18030')).toBe(utf8.toString('utf8').slice(1));
    // A character GBK lacks takes four bytes in GB18030 and comes back whole.
    expect(iconv.decode(gb.bytes, 'gb18030')).toContain('𡈽村道路');
    expect((await csvReport('项目名称', ['--csv-encoding', 'gbk'])).bytes.equals(gb.bytes)).toBe(true);
  });

  it('writes GB18030 bytes to standard output too', async () => {
    const dir = writeFiles(LEDGERS);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const args = ['reconcile', '-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'd.csv'), '-k', '项目名称', '-f', 'csv', '--csv-encoding', 'gbk'];
    const code = await main(args, { stdout: () => {}, stderr: () => {}, out: sink, isTTY: false, env: {} });
    expect(code).toBe(1);
    expect(iconv.decode(Buffer.concat(chunks), 'gb18030')).toContain('𡈽村道路,3000.00,3500.00');
  });

  it('--csv-encoding with another format is a usage error, not ignored, found before any ledger is read', async () => {
    const r = await runCli(['reconcile', '-a', 'missing-a.csv', '-d', 'missing-d.csv', '-l', 'missing-l.csv', '-f', 'md', '--csv-encoding', 'gbk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--csv-encoding 只用于 CSV 报告');
  });
});
