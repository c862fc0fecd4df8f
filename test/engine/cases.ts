// The ledgers the equivalence tests run through both engines: every fixture folder, each
// ledger variant in it, both samples, and the files that stop reading with exit 2 (where both
// engines must stop with the same message). REPRESENTATIVE is the part npm test runs; npm run
// test:engines runs all, and npm test checks that every fixture folder is covered by a case
// or excluded below with the reason.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface EngineCase {
  name: string;
  args: string[];
}

/** Options a fixture needs to show what it is for (as the tests that use it give them). */
const OPTIONS: Record<string, (dir: string) => string[]> = {
  'late-disbursement': () => ['--late-days', '30'],
  'dates-as-written': () => ['--late-days', '30'],
  'footing-mismatch': () => ['--late-days', '30'],
  roster: (dir) => ['--roster', join(dir, 'roster.csv')],
  'roll-up': () => ['--as-of', '2020-01-01'],
  'invalid-id-numbers': () => ['--as-of', '2020-12-31'],
};

/** Fixture folders no case reads, and why. Everything else under fixtures/ must be read by a case. */
export const EXCLUDED: Record<string, string> = {};

/** Files in a covered folder that no case reads, and why. */
export const EXCLUDED_FILES: Record<string, string> = {
  'fixtures/haidong-demo/build.mjs': 'the script that builds the demo workbooks, not a ledger',
  'fixtures/haidong-demo/README.md': 'describes the demo',
  'fixtures/samples/beiguan-2018/expected.json': 'the figures the sample must give (test/cli), not a ledger',
  'fixtures/samples/liling-2019/expected.json': 'the figures the sample must give (test/cli), not a ledger',
};

/** Folders whose every file need not be read: each of their cases reads one file and stops, and more are added with new failure codes. */
export const FOLDER_LEVEL = new Set(['errors']);

function pick(dir: string, stem: string): string | undefined {
  const name = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && !f.endsWith('.json'));
  return name === undefined ? undefined : join(dir, name);
}

const EVERY_STATUS = { a: 'fixtures/every-status/allocated.csv', d: 'fixtures/every-status/disbursed.csv', l: 'fixtures/every-status/landed.csv' };

/** A ledger variant in place of one of a folder's three files: `-a nested.csv`. */
const swap = (name: string, base: { a: string; d: string; l: string }, changes: Partial<{ a: string; d: string; l: string }>, extra: string[] = []): EngineCase => {
  const f = { ...base, ...changes };
  return { name, args: ['-a', f.a, '-d', f.d, '-l', f.l, ...extra] };
};

/**
 * Files that stop reading (fixtures/errors/NAME/, fixtures/file-kinds/): each in the place its
 * name gives (any other file as the allocated ledger), beside every-status's other two.
 */
function failingCases(): EngineCase[] {
  const out: EngineCase[] = [];
  for (const name of readdirSync('fixtures/errors').sort()) {
    const dir = join('fixtures/errors', name);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      const path = join(dir, file);
      if (file === 'fundgap.config.json') out.push(swap(`error ${name}`, EVERY_STATUS, {}, ['-c', path]));
      else if (/^(allocated|disbursed|landed)\./.test(file)) out.push(swap(`error ${name}`, EVERY_STATUS, { [file[0] as 'a' | 'd' | 'l']: path }));
    }
  }
  for (const file of readdirSync('fixtures/file-kinds').sort()) out.push(swap(`file kind ${file}`, EVERY_STATUS, { a: join('fixtures/file-kinds', file) }));
  return out;
}

export function allCases(): EngineCase[] {
  const out: EngineCase[] = [];
  for (const name of readdirSync('fixtures').sort()) {
    const dir = join('fixtures', name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'allocated.csv')) && !existsSync(join(dir, 'allocated.xlsx')) && !existsSync(join(dir, 'allocated.xls'))) continue;
    const [a, d, l] = ['allocated', 'disbursed', 'landed'].map((s) => pick(dir, s));
    if (!a || !d || !l) continue;
    const config = existsSync(join(dir, 'fundgap.config.json')) ? ['-c', join(dir, 'fundgap.config.json')] : [];
    out.push({ name, args: ['-a', a, '-d', d, '-l', l, ...config, ...(OPTIONS[name]?.(dir) ?? [])] });
  }
  for (const sample of ['beiguan-2018', 'liling-2019']) {
    const dir = join('fixtures/samples', sample);
    out.push({ name: `sample ${sample}`, args: ['-a', pick(dir, 'allocation')!, '-d', pick(dir, 'disbursement')!, '-l', pick(dir, 'landed')!] });
  }
  const files = (dir: string) => ({ a: `${dir}/allocated.csv`, d: `${dir}/disbursed.csv`, l: `${dir}/landed.csv` });
  const town = files('fixtures/town-headings');
  out.push(
    { name: 'haidong-demo', args: ['-a', 'fixtures/haidong-demo/allocation.xlsx', '-d', 'fixtures/haidong-demo/disbursement.csv', '-l', 'fixtures/haidong-demo/landed.xlsx'] },
    swap('town-headings, nested', town, { a: 'fixtures/town-headings/nested.csv', d: 'fixtures/town-headings/nested-disbursed.csv', l: 'fixtures/town-headings/nested-disbursed.csv' }),
    swap('town-headings, no total, stops', town, { a: 'fixtures/town-headings/no-total.csv' }),
    swap('town-headings, no total, headings listed', town, { a: 'fixtures/town-headings/no-total.csv' }, ['-c', 'fixtures/town-headings/headings.config.json']),
    swap('town-headings, no total, no headings', town, { a: 'fixtures/town-headings/no-total.csv' }, ['-c', 'fixtures/town-headings/no-headings.config.json']),
    swap('category-headings, numbered projects', files('fixtures/category-headings'), { a: 'fixtures/category-headings/numbered-projects.csv' }),
    swap('two-row-header, XLSX', files('fixtures/two-row-header'), { a: 'fixtures/two-row-header/allocated.xlsx' }),
    swap('hidden-columns, amount hidden', { ...files('fixtures/hidden-columns'), a: 'fixtures/hidden-columns/allocated.xlsx' }, { a: 'fixtures/hidden-columns/amount-hidden.xlsx' }),
    { name: 'tolerance, absolute', args: ['-a', 'fixtures/tolerance-edge/allocated.csv', '-d', 'fixtures/tolerance-edge/disbursed.csv', '-l', 'fixtures/tolerance-edge/landed.csv', '--tolerance', '1'] },
    { name: 'tolerance in percent', args: ['-a', 'fixtures/tolerance-edge/allocated.csv', '-d', 'fixtures/tolerance-edge/disbursed.csv', '-l', 'fixtures/tolerance-edge/landed.csv', '--tolerance-pct', '0.1'] },
    { name: 'tolerance per stage', args: ['-a', 'fixtures/every-status/allocated.csv', '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv', '--tolerance', 'retained=200000', '--tolerance-pct', 'D-L=3'] },
    { name: 'composite key', args: ['-a', 'fixtures/composite-key/allocated.csv', '-d', 'fixtures/composite-key/disbursed.csv', '-l', 'fixtures/composite-key/landed.csv', '-k', '乡镇,项目名称'] },
    { name: 'duplicate window', args: ['-a', 'fixtures/duplicate-payments/allocated.csv', '-d', 'fixtures/duplicate-payments/disbursed.csv', '-l', 'fixtures/duplicate-payments/landed.csv', '--duplicate-window', '3'] },
    ...failingCases(),
  );
  return out;
}

/** Every file under a fixture folder, as a path the cases' arguments use. */
export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? fixtureFiles(path) : [path];
  });
}

/** One case of each thing the SQL decides: statuses, tolerance, rounding, units, IDs, duplicates, lateness, ageing, near misses, the roster, reading findings, a reading failure. */
export const REPRESENTATIVE = new Set([
  'every-status',
  'haidong-demo',
  'sample beiguan-2018',
  'sample liling-2019',
  'amounts-past-the-fen',
  'tolerance per stage',
  'tolerance in percent',
  'duplicate-accusations',
  'duplicate window',
  'invalid-id-numbers',
  'late-disbursement',
  'roll-up',
  'near-miss',
  'roster',
  'unit-unstated',
  'breakdowns',
  'composite key',
  'town-headings, no total, headings listed',
  'error AMOUNT_INVALID',
]);

/** Cases whose rows `normalise` writes and `report --from` then reports on, compared with the in-process report too. */
export const VIA_NORMALISE = new Set(['every-status', 'haidong-demo', 'roster', 'breakdowns']);
