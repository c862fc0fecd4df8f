// Feeds the readers damaged ledgers for a bounded time: every fixture (CSV, XLSX, HTML, XML)
// truncated, bit-flipped, with bytes inserted or repeated, and random bytes, each read by
// `fundgap inspect` and reconciled as the allocation ledger, in its own process. A run fails on
// any exit other than 0, 1 or 2, a stack trace, a run over 20 s, or peak memory over 1 GB;
// each such input is kept under fuzz-out/ to become a regression case in fixtures/errors/.
//
//   npm run fuzz                       60 s, seed from the clock
//   npm run fuzz -- --seconds 600 --seed 7

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'fundgap.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const SECONDS = opt('seconds', 60);
const SEED = opt('seed', Date.now() % 1_000_000);
const LIMIT_MS = 20_000;
const LIMIT_KB = 1024 * 1024;
const PARALLEL = 2;

/** mulberry32: the same cases for the same seed, so a failure can be run again. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const int = (n) => Math.floor(random() * n);

const seeds = readdirSync(join(ROOT, 'fixtures'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(csv|xlsx|xls|html|xml)$/i.test(f) && !f.includes('file-kinds'))
  .map((f) => join(ROOT, 'fixtures', f))
  .filter((f) => statSync(f).size < 2_000_000);
const other = join(ROOT, 'fixtures', 'every-status');

const MUTATIONS = {
  truncate: (b) => b.subarray(0, int(b.length + 1)),
  flip: (b) => {
    const c = Buffer.from(b);
    for (let n = 1 + int(8); n > 0 && c.length; n--) c[int(c.length)] ^= 1 << int(8);
    return c;
  },
  insert: (b) => {
    const at = int(b.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)));
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
  repeat: (b) => {
    const from = int(b.length + 1);
    const piece = b.subarray(from, from + 1 + int(4096));
    return Buffer.concat([b.subarray(0, from), piece, piece, piece, b.subarray(from)]);
  },
  splice: (b) => {
    const other = readFileSync(seeds[int(seeds.length)]);
    const at = int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), other.subarray(int(other.length + 1))]);
  },
  random: () => Buffer.from(Array.from({ length: int(4096) }, () => int(256))),
};
const NAMES = Object.keys(MUTATIONS);

const work = mkdtempSync(join(tmpdir(), 'fundgap-fuzz-'));
const out = join(ROOT, 'fuzz-out');

// GNU time reports a child's peak RSS (Debian's `time` package); without it memory goes unchecked.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!TIME) console.log('note: /usr/bin/time not found (apt-get install time): peak memory is not checked');

/** Runs one command under GNU time; resolves with exit code, peak RSS (KB), stderr and duration. */
function run(argv) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = TIME
      ? spawn(TIME, ['-f', '%M', process.execPath, BIN, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS + 5_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stderr.trimEnd().split('\n');
      const kb = TIME ? Number(lines.at(-1)) : 0;
      resolve({ code: signal ? signal : code, kb: Number.isFinite(kb) ? kb : 0, stderr: (TIME ? lines.slice(0, -1) : lines).join('\n'), ms: Date.now() - started });
    });
  });
}

function verdict(r) {
  if (![0, 1, 2].includes(r.code)) return `exit ${r.code}`;
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(r.stderr) || /internal error|程序内部出错/.test(r.stderr)) return 'stack trace';
  if (r.ms > LIMIT_MS) return `took ${(r.ms / 1000).toFixed(1)} s`;
  if (r.kb > LIMIT_KB) return `peak RSS ${(r.kb / 1024).toFixed(0)} MB`;
  return undefined;
}

let cases = 0;
const failures = [];
const deadline = Date.now() + SECONDS * 1000;

async function worker(id) {
  while (Date.now() < deadline) {
    const seed = seeds[int(seeds.length)];
    const how = NAMES[int(NAMES.length)];
    const bytes = MUTATIONS[how](readFileSync(seed));
    const file = join(work, `w${id}-${cases}${extname(seed)}`);
    writeFileSync(file, bytes);
    cases++;
    const runs = [
      ['inspect', file, '-f', 'json'],
      ['reconcile', '-a', file, '-d', join(other, 'disbursed.csv'), '-l', join(other, 'landed.csv'), '-f', 'json', '--fail-on', 'none'],
    ];
    for (const argv of runs) {
      const r = await run(argv);
      const bad = verdict(r);
      if (!bad) continue;
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
      mkdirSync(out, { recursive: true });
      const kept = join(out, `${hash}${extname(seed)}`);
      writeFileSync(kept, bytes);
      failures.push({ bad, from: relative(ROOT, seed), how, command: argv[0], kept: relative(ROOT, kept), stderr: r.stderr.split('\n').slice(0, 3).join(' | ') });
      console.log(`FAIL ${bad}: ${argv[0]} of ${relative(ROOT, seed)} (${how}) -> ${relative(ROOT, kept)}`);
      break;
    }
    rmSync(file, { force: true });
  }
}

console.log(`fuzzing for ${SECONDS} s with seed ${SEED} over ${seeds.length} fixtures`);
await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(i)));
rmSync(work, { recursive: true, force: true });
console.log(`${cases} inputs, ${failures.length} failures`);
for (const f of failures) console.log(JSON.stringify(f));
process.exitCode = failures.length ? 1 : 0;
