// Writes docs/report-example.json: the JSON report of the Haidong demo ledgers (the ones
// `npm start` reads) with --late-days 60 and --as-of, so the example shows key status findings
// that point to their key's rows, row findings that carry their own, a footing check and the
// ageing of retained money. Run after `npm run build`; `--check` only says whether the file
// is what the fixture gives today (exit 1 if not).

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PATH = 'docs/report-example.json';
const ARGS = [
  'reconcile',
  '-a', 'fixtures/haidong-demo/allocation.xlsx',
  '-d', 'fixtures/haidong-demo/disbursement.csv',
  '-l', 'fixtures/haidong-demo/landed.xlsx',
  '--late-days', '60',
  '--as-of', '2018-06-30',
  '-f', 'json',
  '--fail-on', 'none',
];

// Paths in the report are as given, so the example is made from the repository's root.
process.chdir(ROOT);
let out = '';
let err = '';
const code = await main(ARGS, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, env: {} });
if (code !== 0) {
  process.stderr.write(err);
  process.exit(2);
}
if (process.argv.includes('--check')) {
  if (readFileSync(PATH, 'utf8') !== out) {
    process.stderr.write(`${PATH} is not what the fixture gives today: run npm run docs:example\n`);
    process.exit(1);
  }
} else {
  writeFileSync(PATH, out);
  process.stderr.write(`wrote ${PATH}\n`);
}
