// `node bench/same-reports.mjs --base DIR [--big N]`: runs this checkout's fundgap and another
// build of it (DIR holds its bin/ and dist/) on every fixture, both samples, the demo and each
// error fixture, in every report format and a few option sets, and says where their output
// (stdout, stderr, exit code) differs by a single byte. With --big N it also compares the JSON
// and text reports on the generated N-row benchmark ledgers. For changes meant to be invisible,
// such as speed-ups: the tests check behaviour, this checks that nothing else moved. The base
// build's output is kept in DIR/.same-reports/, so a second comparison runs only this one.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDataset } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIX = join(ROOT, 'fixtures');
const { values } = parseArgs({ options: { base: { type: 'string' }, mine: { type: 'string' }, big: { type: 'string' }, only: { type: 'string' } } });
/** The build compared with the base: this checkout, or another copy (a snapshot taken to go on building). */
const MINE = values.mine ?? ROOT;
if (!values.base) {
  console.error('usage: node bench/same-reports.mjs --base DIR [--mine DIR] [--big ROWS] [--only text]');
  process.exit(2);
}

/** stdout, stderr and exit code of one run, as bytes. */
function run(bin, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

const stemFile = (dir, stem) => readdirSync(dir).find((f) => f.replace(/\.[^.]+$/, '') === stem);

/** Every fixture folder holding the three ledgers, with its config when it has one. */
function ledgerCases() {
  const cases = [];
  for (const name of readdirSync(FIX).sort()) {
    const dir = join(FIX, name);
    if (!existsSync(dir) || name === 'errors' || name === 'samples' || name.endsWith('.mjs')) continue;
    const [a, d, l] = ['allocated', 'disbursed', 'landed'].map((s) => stemFile(dir, s));
    if (!a || !d || !l) continue;
    const config = existsSync(join(dir, 'fundgap.config.json')) ? ['-c', join(dir, 'fundgap.config.json')] : [];
    cases.push({ name, args: ['-a', join(dir, a), '-d', join(dir, d), '-l', join(dir, l), ...config] });
  }
  for (const s of ['beiguan-2018', 'liling-2019']) {
    const dir = join(FIX, 'samples', s);
    const [a, d, l] = ['allocation', 'disbursement', 'landed'].map((x) => join(dir, stemFile(dir, x)));
    cases.push({ name: `samples/${s}`, args: ['-a', a, '-d', d, '-l', l] });
  }
  const demo = join(FIX, 'haidong-demo');
  cases.push({ name: 'haidong-demo', args: ['-a', join(demo, 'allocation.xlsx'), '-d', join(demo, 'disbursement.csv'), '-l', join(demo, 'landed.xlsx')] });
  const th = join(FIX, 'town-headings');
  for (const [name, a, cfg] of [
    ['town-headings/nested', 'nested.csv', undefined],
    ['town-headings/no-total', 'no-total.csv', undefined],
    ['town-headings/headings-config', 'allocated.csv', 'headings.config.json'],
    ['town-headings/no-headings-config', 'allocated.csv', 'no-headings.config.json'],
  ]) {
    cases.push({ name, args: ['-a', join(th, a), '-d', join(th, name.endsWith('nested') ? 'nested-disbursed.csv' : 'disbursed.csv'), '-l', join(th, 'landed.csv'), ...(cfg ? ['-c', join(th, cfg)] : [])] });
  }
  cases.push({ name: 'category-headings/numbered', args: ['-a', join(FIX, 'category-headings', 'numbered-projects.csv'), '-d', join(FIX, 'category-headings', 'disbursed.csv'), '-l', join(FIX, 'category-headings', 'landed.csv')] });
  cases.push({ name: 'roster', args: ['-a', join(FIX, 'roster', 'allocated.csv'), '-d', join(FIX, 'roster', 'disbursed.csv'), '-l', join(FIX, 'roster', 'landed.csv'), '--roster', join(FIX, 'roster', 'roster.csv')] });
  // Each bad file in place of the ledger it is named for, the others from a sound fixture.
  const sound = join(FIX, 'every-status');
  for (const name of readdirSync(join(FIX, 'errors')).sort()) {
    const dir = join(FIX, 'errors', name);
    const files = readdirSync(dir);
    const args = { allocated: join(sound, 'allocated.csv'), disbursed: join(sound, 'disbursed.csv'), landed: join(sound, 'landed.csv') };
    let config = [];
    for (const f of files) {
      const stem = f.replace(/\.[^.]+$/, '');
      if (stem in args) args[stem] = join(dir, f);
      else if (f.endsWith('.json')) config = ['-c', join(dir, f)];
    }
    cases.push({ name: `errors/${name}`, args: ['-a', args.allocated, '-d', args.disbursed, '-l', args.landed, ...config] });
  }
  return cases;
}

const OPTION_SETS = [
  [],
  ['--lang', 'en'],
  ['--as-of', '2024-06-30', '--late-days', '30', '--duplicate-window', '7', '--group-by', '村'],
  ['--merge-similar', '0.8', '--tolerance', '1', '--top', '3'],
];
/** JSON and text with every option set; Markdown and CSV share their code, so once each. */
const RUNS = [
  ...['json', 'text'].flatMap((f) => OPTION_SETS.map((o) => ['-f', f, ...o])),
  ['-f', 'md'],
  ['-f', 'csv'],
  ['-f', 'md', '--lang', 'en', '--top', '3'],
];

const CACHE = join(values.base, '.same-reports');
mkdirSync(CACHE, { recursive: true });

/** The base build's output for `args`, run once and then read back. */
async function baseRun(args, cwd) {
  const file = join(CACHE, createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 24));
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    return { code: j.code, stdout: Buffer.from(j.stdout, 'base64'), stderr: Buffer.from(j.stderr, 'base64') };
  }
  const r = await run(join(values.base, 'bin', 'fundgap.js'), args, cwd);
  writeFileSync(file, JSON.stringify({ code: r.code, stdout: r.stdout.toString('base64'), stderr: r.stderr.toString('base64') }));
  return r;
}

async function compare(name, args, cwd = ROOT) {
  const [mine, theirs] = await Promise.all([run(join(MINE, 'bin', 'fundgap.js'), args, cwd), baseRun(args, cwd)]);
  for (const part of ['code', 'stdout', 'stderr']) {
    const same = part === 'code' ? mine.code === theirs.code : mine[part].equals(theirs[part]);
    if (!same) {
      const at = part === 'code' ? '' : ` at byte ${firstDifference(mine[part], theirs[part])}`;
      console.log(`DIFFERS ${name}: ${part}${at}`);
      return false;
    }
  }
  return true;
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

let runs = 0;
let differ = 0;
const cases = values.big ? [] : ledgerCases().filter((c) => !values.only || c.name.includes(values.only));
const jobs = cases.flatMap((c) => RUNS.map((opts) => ({ name: `${c.name} ${opts.join(' ')}`, args: ['reconcile', ...c.args, ...opts] })));
// Two at a time: each side is a process of its own.
async function worker() {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    runs++;
    if (!(await compare(job.name, job.args))) differ++;
  }
}
await Promise.all([worker(), worker()]);
if (values.big) {
  const d = await ensureDataset(join(ROOT, 'bench', 'data'), { rows: Number(values.big), seed: 1 });
  const args = ['-a', d.files.allocated.path, '-d', d.files.disbursed.path, '-l', d.files.landed.path, '--fail-on', 'none'];
  for (const format of ['json', 'text', 'csv']) {
    runs++;
    if (!(await compare(`${values.big} rows -f ${format}`, ['reconcile', ...args, '-f', format]))) differ++;
  }
}
console.log(`${runs} runs compared, ${differ} differ`);
process.exit(differ ? 1 : 0);
