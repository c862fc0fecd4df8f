// `npm run bench`: fundgap against peers (the sqlite3 shell, DuckDB) and floors (reading the
// bytes, csv-parse alone) on generated ledgers of N rows each, plus fundgap's XLSX reader.
// Every measurement is its own child process, run --runs times (interleaved, so a noisy
// neighbour spreads over all of them), keeping the fastest time and the highest peak RSS.
// Each one's output is checked: key count and totals to the fen against SQLite's (or, where
// SQLite does not run on that data, against the exact figures the generator built). A run
// that crashes, runs out of memory or times out is recorded as such and the rest goes on.
// Prints a Markdown report and writes it to bench/RESULTS.md. Exit 1 only when a figure
// disagrees; slowness and crashes are results, not failures of the benchmark.
//
// To add a measurement, add an entry to MEASUREMENTS: a name, the dataset it reads, how many
// rows it processes, its command line and how to check its output.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDataset } from './generate.mjs';
import { sqliteScript } from './peers/sqlite.mjs';
import { scanReport, yuanToFen } from './report-scan.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, 'bench', 'data');
const OUT = join(DATA, 'out');
const NODE = process.execPath;
const FUNDGAP = join(ROOT, 'bin', 'fundgap.js');
const GNU_TIME = '/usr/bin/time';

const USAGE = `usage: npm run bench -- [options]
  --rows N          rows per CSV ledger (default 1000000)
  --xlsx-rows N     rows of the XLSX ledger (default 200000; its reader also runs at half)
  --runs K          runs per measurement, the fastest kept (default 2)
  --timeout S       seconds one run may take before it is killed (default 1800)
  --only a,b        run only these measurements (--list names them)
  --seed N          seed of the generated data (default 1)
  --out FILE        where the Markdown goes besides stdout (default bench/RESULTS.md)
  --list            list the measurements and stop`;

function options() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      'xlsx-rows': { type: 'string', default: '200000' },
      runs: { type: 'string', default: '2' },
      timeout: { type: 'string', default: '1800' },
      only: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: join(ROOT, 'bench', 'RESULTS.md') },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}, got ${values[name]}`);
    return n;
  };
  return {
    rows: int('rows', 100),
    xlsxRows: int('xlsx-rows', 200),
    runs: int('runs', 1),
    timeout: int('timeout', 1),
    seed: int('seed', 0),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    out: values.out,
    list: values.list,
    help: values.help,
  };
}

function fail(message) {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const log = (line) => console.error(line);

// ---- datasets ------------------------------------------------------------------------------

/** The generated data each measurement can read; only those needed are made. */
const DATASETS = {
  ledgers: (o) => ({ rows: o.rows, xlsx: false }),
  xlsx: (o) => ({ rows: o.xlsxRows, xlsx: true }),
  xlsxHalf: (o) => ({ rows: Math.round(o.xlsxRows / 2), xlsx: true }),
};

const file = (d, role) => d.files[role].path;

// ---- checks ---------------------------------------------------------------------------------

/** Figures are strings of integer fen (and a key count), so that any engine compares exactly. */
const FIGURES = ['keys', 'allocated', 'disbursed', 'landed'];

async function fundgapJson(path) {
  if (!existsSync(path)) return { error: 'no report written' };
  const { totals, counts } = await scanReport(path);
  if (!totals) return { error: 'the report has no totals' };
  const figures = { keys: String(counts.keys ?? '?') };
  for (const role of ['allocated', 'disbursed', 'landed']) figures[role] = String(yuanToFen(totals[role]) ?? totals[role]);
  return { figures, note: `${fmtInt(counts.findings ?? 0)} findings, report ${fmtBytes(statSync(path).size)}` };
}

/** The totals in the text report's summary lines `… (A)  5,044,570,780.12`, when found. */
function fundgapText(path) {
  if (!existsSync(path)) return { error: 'no report written' };
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(64 * 1024);
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, n).toString('utf8');
  const figures = {};
  for (const [role, letter] of [['allocated', 'A'], ['disbursed', 'D'], ['landed', 'L']]) {
    const m = new RegExp(`\\(${letter}\\)\\s+(-?[\\d,]+\\.\\d+)`).exec(text);
    if (m) figures[role] = String(yuanToFen(m[1]));
  }
  const note = `report ${fmtBytes(statSync(path).size)}`;
  return Object.keys(figures).length === 3 ? { figures, note } : { note: `${note}; totals not found in its summary` };
}

function stdoutJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8').trim().split('\n').pop());
  } catch {
    return null;
  }
}

function peerFigures(path) {
  const j = stdoutJson(path);
  if (!j) return { error: 'no summary on stdout' };
  if (j.badAmounts) return { error: `${j.badAmounts} amounts without exactly two decimals` };
  const threads = j.threads ? `, ${j.threads} threads` : '';
  return { figures: Object.fromEntries(FIGURES.map((f) => [f, String(j[f])])), note: `${fmtInt(Number(j.gapKeys))} keys with a gap${threads}` };
}

function rowCount(path, expected) {
  const j = stdoutJson(path);
  if (!j) return { error: 'no count on stdout' };
  if (j.rows !== expected) return { error: `read ${j.rows} rows, expected ${expected}` };
  return { verdict: '✓ every row read', note: `${fmtInt(j.rows)} rows (header included)${j.bytes ? `, ${fmtBytes(j.bytes)}` : ''}` };
}

// ---- measurements ---------------------------------------------------------------------------

/**
 * name: what --only takes; dataset: a key of DATASETS; rows(d): rows processed, for rows/s;
 * command(d, out): { args, stdin?, stdout? } where out(ext) names this measurement's output
 * file; check(d, out): { figures?, verdict?, note?, error? } after a successful run. `reference` marks
 * the engine whose figures the others are compared with.
 */
const MEASUREMENTS = [
  {
    name: 'fundgap-json',
    title: 'fundgap reconcile → JSON',
    dataset: 'ledgers',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '-a', file(d, 'allocated'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '-f', 'json', '-o', out('json'), '--fail-on', 'none'],
    }),
    check: (d, out) => fundgapJson(out('json')),
  },
  {
    name: 'fundgap-text',
    title: 'fundgap reconcile → text',
    dataset: 'ledgers',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '-a', file(d, 'allocated'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '--fail-on', 'none'],
      stdout: out('txt'),
    }),
    check: (d, out) => fundgapText(out('txt')),
  },
  {
    name: 'fundgap-duckdb-json',
    title: 'fundgap reconcile --engine duckdb → JSON (normalise to Parquet, sql/ on DuckDB, report from its results)',
    dataset: 'ledgers',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '--engine', 'duckdb', '-a', file(d, 'allocated'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '-f', 'json', '-o', out('json'), '--fail-on', 'none'],
    }),
    check: (d, out) => fundgapJson(out('json')),
  },
  {
    name: 'fundgap-duckdb-text',
    title: 'fundgap reconcile --engine duckdb → text',
    dataset: 'ledgers',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '--engine', 'duckdb', '-a', file(d, 'allocated'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '--fail-on', 'none'],
      stdout: out('txt'),
    }),
    check: (d, out) => fundgapText(out('txt')),
  },
  {
    name: 'sqlite',
    title: 'sqlite3 shell: import, sum in fen, full outer join',
    dataset: 'ledgers',
    reference: true,
    needs: 'sqlite3',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => {
      writeFileSync(out('sql'), sqliteScript({ allocated: file(d, 'allocated'), disbursed: file(d, 'disbursed'), landed: file(d, 'landed'), out: out('csv') }));
      return { args: ['sqlite3', '-batch', '-bail', ':memory:'], stdin: out('sql'), stdout: out('stdout') };
    },
    check: (d, out) => peerFigures(out('stdout')),
  },
  {
    name: 'duckdb',
    title: 'DuckDB (@duckdb/node-api): read, sum as DECIMAL, full outer join',
    dataset: 'ledgers',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, join(ROOT, 'bench', 'peers', 'duckdb.mjs'), file(d, 'allocated'), file(d, 'disbursed'), file(d, 'landed'), out('csv')],
      stdout: out('stdout'),
    }),
    check: (d, out) => peerFigures(out('stdout')),
  },
  {
    name: 'read-bytes',
    title: 'floor: read the bytes of one ledger (node)',
    dataset: 'ledgers',
    rows: (d) => d.truth.rows,
    command: (d, out) => ({ args: [NODE, join(ROOT, 'bench', 'floors.mjs'), 'bytes', file(d, 'landed')], stdout: out('stdout') }),
    check: (d, out) => rowCount(out('stdout'), d.truth.rows + 1),
  },
  {
    name: 'csv-parse',
    title: 'floor: csv-parse alone over one ledger',
    dataset: 'ledgers',
    rows: (d) => d.truth.rows,
    command: (d, out) => ({ args: [NODE, join(ROOT, 'bench', 'floors.mjs'), 'csv-parse', file(d, 'landed')], stdout: out('stdout') }),
    check: (d, out) => rowCount(out('stdout'), d.truth.rows + 1),
  },
  {
    name: 'xlsx-read',
    title: 'fundgap XLSX reader alone',
    dataset: 'xlsx',
    rows: (d) => d.truth.rows,
    command: (d, out) => ({ args: [NODE, join(ROOT, 'bench', 'xlsx-read.mjs'), file(d, 'allocatedXlsx')], stdout: out('stdout') }),
    check: (d, out) => rowCount(out('stdout'), d.truth.rows + 1),
  },
  {
    name: 'xlsx-read-half',
    title: 'fundgap XLSX reader alone, half the rows',
    dataset: 'xlsxHalf',
    rows: (d) => d.truth.rows,
    command: (d, out) => ({ args: [NODE, join(ROOT, 'bench', 'xlsx-read.mjs'), file(d, 'allocatedXlsx')], stdout: out('stdout') }),
    check: (d, out) => rowCount(out('stdout'), d.truth.rows + 1),
  },
  {
    name: 'fundgap-xlsx',
    title: 'fundgap reconcile → JSON, allocation as XLSX',
    dataset: 'xlsx',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '-a', file(d, 'allocatedXlsx'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '-f', 'json', '-o', out('json'), '--fail-on', 'none'],
    }),
    check: (d, out) => fundgapJson(out('json')),
  },
  {
    name: 'fundgap-xlsx-csv',
    title: 'the same, allocation as CSV',
    dataset: 'xlsx',
    rows: (d) => 3 * d.truth.rows,
    command: (d, out) => ({
      args: [NODE, FUNDGAP, 'reconcile', '-a', file(d, 'allocated'), '-d', file(d, 'disbursed'), '-l', file(d, 'landed'), '-f', 'json', '-o', out('json'), '--fail-on', 'none'],
    }),
    check: (d, out) => fundgapJson(out('json')),
  },
];

/** Pairs shown as ratios (time and peak RSS of the first over the second). */
const RATIOS = [
  ['fundgap-json', 'sqlite'],
  ['fundgap-duckdb-json', 'fundgap-json'],
  ['fundgap-duckdb-text', 'fundgap-text'],
  ['fundgap-duckdb-json', 'sqlite'],
  ['fundgap-text', 'sqlite'],
  ['fundgap-json', 'duckdb'],
  ['fundgap-text', 'duckdb'],
  ['fundgap-text', 'csv-parse'],
  ['fundgap-xlsx', 'fundgap-xlsx-csv'],
];

// ---- tools ----------------------------------------------------------------------------------

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
let aptUpdated = false;

/** Installs a Debian package when we are root on a Debian-like machine (as CI is). */
function aptInstall(pkg) {
  if (process.getuid?.() !== 0 || !have('apt-get')) return false;
  log(`installing ${pkg} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const io = { stdio: ['ignore', 2, 2], env };
  if (!aptUpdated) {
    spawnSync('apt-get', ['update'], io);
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], io).status === 0;
}

/**
 * Peak RSS comes from GNU time: it waits for the child and reports the kernel's ru_maxrss for
 * it, the high-water mark of its resident memory, which no sampling from outside can miss.
 * Node cannot read a child's rusage itself; python's resource module could, but python is not
 * on every Node image, while Debian's `time` package installs in a second.
 */
function gnuTimeWorks() {
  return existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
}

function ensureTools(selected) {
  const missing = {};
  if (!gnuTimeWorks() && !(aptInstall('time') && gnuTimeWorks())) {
    log('GNU time is not available: peak RSS will not be measured');
    missing.time = true;
  }
  if (selected.some((m) => m.needs === 'sqlite3') && !have('sqlite3') && !aptInstall('sqlite3')) {
    missing.sqlite3 = true;
  }
  return missing;
}

function toolVersions() {
  const versions = { node: process.version };
  const sq = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  if (sq.status === 0) versions.sqlite3 = sq.stdout.split(' ')[0];
  try {
    versions.duckdb = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version;
  } catch {}
  versions.fundgap = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const git = spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' });
  if (git.status === 0) versions.commit = git.stdout.trim();
  return versions;
}

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {}
  let os = process.platform;
  try {
    os = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {}
  return { cpu, cores: cpus().length, ramGiB: totalmem() / 2 ** 30, os };
}

// ---- running --------------------------------------------------------------------------------

// The child's own process group is out of reach of the terminal's Ctrl-C, so pass it on.
let running;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (running) try { process.kill(-running, 'SIGKILL'); } catch {}
    process.exit(130);
  });
}

/**
 * Runs one command as a child process (under GNU time when there is one), with its own
 * process group so a timeout can kill it and anything it started.
 */
function runOnce(spec, { timeoutS, stderrPath, timePath, useTime }) {
  const stdin = spec.stdin ? openSync(spec.stdin, 'r') : 'ignore';
  const stdout = openSync(spec.stdout ?? '/dev/null', 'w');
  const stderr = openSync(stderrPath, 'w');
  rmSync(timePath, { force: true });
  const [cmd, ...args] = useTime ? [GNU_TIME, '-f', '%M %e', '-o', timePath, ...spec.args] : spec.args;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: [stdin, stdout, stderr], detached: true, cwd: ROOT });
    running = child.pid;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
    }, timeoutS * 1000);
    const finish = (code, signal, spawnError) => {
      clearTimeout(timer);
      running = undefined;
      const seconds = (performance.now() - started) / 1000;
      for (const fd of [stdin, stdout, stderr]) if (typeof fd === 'number') closeSync(fd);
      let rssKiB = null;
      let exitCode = code;
      if (useTime && existsSync(timePath)) {
        // GNU time writes "Command exited with non-zero status N" or "Command terminated by
        // signal N" above the formatted line when the command did not end well.
        const lines = readFileSync(timePath, 'utf8').trim().split('\n');
        const m = /^(\d+) /.exec(lines.at(-1) ?? '');
        if (m) rssKiB = Number(m[1]);
        const sig = /terminated by signal (\d+)/.exec(lines.join('\n'));
        if (sig) signal = `signal ${sig[1]}`;
      }
      resolve({ seconds, rssKiB, exitCode, signal, timedOut, spawnError });
    };
    child.on('error', (e) => finish(null, null, e.message));
    child.on('close', (code, signal) => finish(code, signal, null));
  });
}

/**
 * The line of stderr that says what went wrong: the last one that is not a stack frame or
 * Node's closing "Node.js v20…" (a crash prints the error above its frames).
 */
function stderrTail(path) {
  let text = '';
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    closeSync(fd);
    text = buf.toString('utf8');
  } catch {}
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const meaningful = lines.filter((l) => !/^\s+at /.test(l) && !/^Node\.js v\d/.test(l) && !/^\s*\^+\s*$/.test(l));
  return (meaningful.at(-1) ?? lines.at(-1) ?? '').trim().slice(0, 200);
}

async function runAll(selected, datasets, opts, missing) {
  mkdirSync(OUT, { recursive: true });
  const results = new Map(selected.map((m) => [m.name, { m, runs: [], failed: null, skipped: null, check: null }]));
  for (const r of results.values()) {
    if (r.m.needs && missing[r.m.needs]) r.skipped = `${r.m.needs} is not installed`;
  }
  for (let run = 1; run <= opts.runs; run++) {
    for (const [i, m] of selected.entries()) {
      const r = results.get(m.name);
      // The data is the same every run: a crash or timeout would only repeat.
      if (r.skipped || r.failed) continue;
      const d = datasets[m.dataset];
      const out = (ext) => join(OUT, `${m.name}.${ext}`);
      for (const ext of ['json', 'txt', 'csv', 'stdout']) rmSync(out(ext), { force: true });
      const spec = m.command(d, out);
      log(`[${i + 1}/${selected.length}] ${m.name}, run ${run} of ${opts.runs} …`);
      const res = await runOnce(spec, { timeoutS: opts.timeout, stderrPath: out('stderr'), timePath: out('time'), useTime: !missing.time });
      const ok = !res.timedOut && !res.spawnError && res.exitCode === 0;
      log(`    ${res.seconds.toFixed(1)} s, ${res.rssKiB === null ? 'RSS ?' : `${fmtMiB(res.rssKiB)} MiB`}, ${ok ? 'ok' : res.timedOut ? 'timed out' : `exit ${res.exitCode ?? res.signal}`}`);
      if (!ok) {
        r.failed = {
          ...res,
          why: res.timedOut ? `timed out after ${opts.timeout} s` : res.spawnError ?? `exit ${res.exitCode ?? ''}${res.signal ? ` (${res.signal})` : ''}`.trim(),
          stderr: stderrTail(out('stderr')),
        };
        continue;
      }
      r.runs.push(res);
      // Checked after every run: a later run must not hide an earlier wrong answer.
      const check = await m.check(d, out);
      if (r.check?.figures && check.figures && JSON.stringify(r.check.figures) !== JSON.stringify(check.figures)) {
        check.error = 'figures differ between runs';
      }
      r.check = r.check?.error ? r.check : check;
      if (check.error) log(`    check: ${check.error}`);
    }
  }
  return results;
}

/** Compares each measurement's figures with the reference engine's on the same data. */
function compareFigures(results, datasets) {
  const refs = {};
  for (const r of results.values()) {
    if (r.m.reference && r.check?.figures && !r.check.error) refs[r.m.dataset] = { by: r.m.name, figures: r.check.figures };
  }
  const truth = (ds) => ({ by: 'generator', figures: { ...Object.fromEntries(FIGURES.map((f) => [f, String(datasets[ds].truth[f])])) } });
  let mismatches = 0;
  for (const r of results.values()) {
    if (!r.check) continue;
    if (r.check.error) { r.verdict = `✗ ${r.check.error}`; mismatches++; continue; }
    if (!r.check.figures) { r.verdict = r.check.verdict ?? '—'; continue; }
    // The reference itself answers to the generator's exact figures.
    const ref = !r.m.reference && refs[r.m.dataset] ? refs[r.m.dataset] : truth(r.m.dataset);
    const diff = Object.keys(r.check.figures).filter((f) => r.check.figures[f] !== ref.figures[f]);
    const what = Object.keys(r.check.figures).length === 4 ? 'keys and totals' : 'totals';
    if (diff.length === 0) r.verdict = `✓ ${what} = ${ref.by}`;
    else {
      mismatches++;
      r.verdict = `✗ ${diff.map((f) => `${f} ${r.check.figures[f]} ≠ ${ref.figures[f]}`).join('; ')} (${ref.by}, fen)`;
    }
  }
  return mismatches;
}

// ---- the report -----------------------------------------------------------------------------

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMiB = (kib) => fmtInt(kib / 1024);
const fmtBytes = (b) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);
const fmtS = (s) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const best = (r) => (r.runs.length ? Math.min(...r.runs.map((x) => x.seconds)) : null);
const peak = (r) => {
  const v = r.runs.map((x) => x.rssKiB).filter((x) => x !== null);
  return v.length ? Math.max(...v) : null;
};

function describeData(d) {
  return `3 × ${fmtInt(d.truth.rows)} rows, ${fmtInt(d.truth.keys)} keys`;
}

function render(results, datasets, opts, info) {
  const L = [];
  const { cpu, cores, ramGiB, os } = info.machine;
  const v = info.versions;
  L.push('# fundgap benchmark', '');
  L.push(`Machine: ${cpu}, ${cores} cores, ${ramGiB.toFixed(1)} GiB RAM, ${os}.`);
  L.push(`Software: Node ${v.node}, fundgap ${v.fundgap}${v.commit ? ` (${v.commit})` : ''}, sqlite3 ${v.sqlite3 ?? 'not installed'}, DuckDB ${v.duckdb ?? '?'}.`);
  L.push(`Command: \`npm run bench${info.argv.length ? ` -- ${info.argv.join(' ')}` : ''}\`, ${info.date}.`);
  // Other work on the machine slows every run; the load says how much there was.
  L.push(`Load average (1 min): ${info.load[0].toFixed(1)} at the start, ${info.load[1].toFixed(1)} at the end, on ${cores} cores.`);
  L.push('');
  const rssHow = info.missing.time
    ? 'peak RSS was not measured (GNU time is not available)'
    : "peak RSS is the highest of them (GNU time's maximum resident set size of the child)";
  L.push(`Time is the fastest of ${opts.runs} run${opts.runs > 1 ? 's' : ''} (wall clock, process start to exit); ${rssHow}. Rows/s counts data rows read across all inputs. A failed run is not repeated.`);
  L.push('');

  const used = [...new Set([...results.values()].map((r) => r.m.dataset))];
  L.push('| Data | Rows per ledger | Keys | Files | Generated in |', '| --- | ---: | ---: | --- | ---: |');
  for (const ds of used) {
    const d = datasets[ds];
    const files = Object.entries(d.files).map(([k, f]) => `${k} ${fmtBytes(f.bytes)}`).join(', ');
    L.push(`| ${ds} | ${fmtInt(d.truth.rows)} | ${fmtInt(d.truth.keys)} | ${files} | ${d.seconds.toFixed(1)} s |`);
  }
  L.push('');

  L.push('| Measurement | What | Data | Time (s) | Rows/s | Peak RSS (MiB) | Every run (s) | Figures | Notes |');
  L.push('| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of results.values()) {
    const d = datasets[r.m.dataset];
    const t = best(r);
    const rss = peak(r);
    let time = t === null ? '—' : fmtS(t);
    let rate = t === null ? '—' : fmtInt(r.m.rows(d) / t);
    let rssText = rss === null ? '—' : fmtMiB(rss);
    let notes = r.check?.note ?? '';
    if (r.skipped) notes = `skipped: ${r.skipped}`;
    if (r.failed) {
      const f = r.failed;
      if (t === null) {
        time = `failed after ${fmtS(f.seconds)}`;
        rssText = f.rssKiB === null ? '—' : fmtMiB(f.rssKiB);
      }
      notes = `**failed** (${f.why})${f.stderr ? `: \`${f.stderr.replace(/\|/g, '\\|').replace(/`/g, "'")}\`` : ''}${notes ? `; ${notes}` : ''}`;
    }
    const every = [...r.runs.map((x) => fmtS(x.seconds)), ...(r.failed ? [`✗ ${fmtS(r.failed.seconds)}`] : [])].join(', ') || '—';
    L.push(`| ${r.m.name} | ${r.m.title} | ${r.m.dataset} | ${time} | ${rate} | ${rssText} | ${every} | ${r.verdict ?? '—'} | ${notes} |`);
  }
  L.push('');

  const ratioRows = [];
  for (const [a, b] of RATIOS) {
    const x = results.get(a);
    const y = results.get(b);
    if (!x || !y) continue;
    const rx = peak(x), ry = peak(y);
    // Per row, so that a pass over one ledger compares with a reconciliation of three.
    const perRow = (r, t) => t / r.m.rows(datasets[r.m.dataset]);
    const tx = best(x) ?? null, ty = best(y);
    const time = tx !== null && ty !== null
      ? `${(perRow(x, tx) / perRow(y, ty)).toFixed(1)}×`
      : x.failed && ty !== null ? `≥ ${(perRow(x, x.failed.seconds) / perRow(y, ty)).toFixed(1)}× (failed)` : '—';
    const rxx = rx ?? x.failed?.rssKiB ?? null;
    const mem = rxx !== null && ry !== null ? `${(rxx / ry).toFixed(1)}×${rx === null ? ' (at failure)' : ''}` : '—';
    ratioRows.push(`| ${a} / ${b} | ${time} | ${mem} |`);
  }
  if (ratioRows.length) L.push('| Ratio | Time per row | Peak RSS |', '| --- | ---: | ---: |', ...ratioRows, '');

  const full = results.get('xlsx-read'), half = results.get('xlsx-read-half');
  if (full && half && peak(full) !== null && peak(half) !== null) {
    const [rf, rh] = [peak(full), peak(half)];
    const [nf, nh] = [datasets.xlsx.truth.rows, datasets.xlsxHalf.truth.rows];
    const perRow = ((rf - rh) * 1024) / (nf - nh);
    L.push(
      `XLSX reader memory: ${fmtInt(nh)} rows ${fmtMiB(rh)} MiB, ${fmtInt(nf)} rows ${fmtMiB(rf)} MiB peak RSS: ` +
        `${(rf / rh).toFixed(2)}× for ${(nf / nh).toFixed(1)}× the rows, ${perRow.toFixed(0)} bytes per extra row ` +
        '(flat would be 1.0×; the workbook keeps its texts in a shared-strings table that grows with the distinct keys).',
      '',
    );
  }
  return L.join('\n');
}

// ---- main -----------------------------------------------------------------------------------

async function main() {
  const opts = options();
  if (opts.help) return void console.log(USAGE);
  if (opts.list) return void MEASUREMENTS.forEach((m) => console.log(`${m.name.padEnd(18)} ${m.title}`));
  let selected = MEASUREMENTS;
  if (opts.only) {
    const unknown = opts.only.filter((n) => !MEASUREMENTS.some((m) => m.name === n));
    if (unknown.length) fail(`no measurement named ${unknown.join(', ')}; there are ${MEASUREMENTS.map((m) => m.name).join(', ')}`);
    selected = MEASUREMENTS.filter((m) => opts.only.includes(m.name));
  }
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) fail('dist/ is missing: run `npm run build` (npm ci does it)');

  const loadBefore = loadavg()[0];
  const missing = ensureTools(selected);
  const datasets = {};
  for (const ds of new Set(selected.map((m) => m.dataset))) {
    datasets[ds] = await ensureDataset(DATA, { ...DATASETS[ds](opts), seed: opts.seed, log });
  }
  const results = await runAll(selected, datasets, opts, missing);
  const mismatches = compareFigures(results, datasets);
  const info = {
    machine: machine(),
    versions: toolVersions(),
    argv: process.argv.slice(2),
    date: new Date().toISOString().slice(0, 10),
    load: [loadBefore, loadavg()[0]],
    missing,
  };
  const md = render(results, datasets, opts, info);
  console.log(md);
  writeFileSync(opts.out, `${md}\n`);
  const shown = relative(process.cwd(), opts.out);
  log(`written to ${shown.startsWith('..') ? opts.out : shown}`);
  if (mismatches) {
    log(`${mismatches} measurement${mismatches > 1 ? 's' : ''} gave figures that disagree`);
    process.exitCode = 1;
  }
}

await main();
