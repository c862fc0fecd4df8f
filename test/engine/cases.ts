// The ledgers the equivalence tests run through both engines: every fixture that reconciles
// (found by its allocated/disbursed/landed files, with the options the other tests give it)
// and both samples. REPRESENTATIVE is the part npm test runs; npm run test:engines runs all.

import { existsSync, readdirSync } from 'node:fs';
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

/** Fixtures that stop with exit 2 unless told more: they show errors, not reconciliations. */
const NOT_RECONCILED = new Set(['hidden-columns', 'id-numbers-as-text', 'errors', 'file-kinds', 'samples']);

function pick(dir: string, stem: string): string | undefined {
  const name = readdirSync(dir).find((f) => f.startsWith(`${stem}.`) && !f.endsWith('.json'));
  return name === undefined ? undefined : join(dir, name);
}

export function allCases(): EngineCase[] {
  const out: EngineCase[] = [];
  for (const name of readdirSync('fixtures').sort()) {
    const dir = join('fixtures', name);
    if (NOT_RECONCILED.has(name) || !existsSync(join(dir, 'allocated.csv')) && !existsSync(join(dir, 'allocated.xlsx'))) continue;
    const [a, d, l] = ['allocated', 'disbursed', 'landed'].map((s) => pick(dir, s));
    if (!a || !d || !l) continue;
    const config = existsSync(join(dir, 'fundgap.config.json')) ? ['-c', join(dir, 'fundgap.config.json')] : [];
    out.push({ name, args: ['-a', a, '-d', d, '-l', l, ...config, ...(OPTIONS[name]?.(dir) ?? [])] });
  }
  for (const sample of ['beiguan-2018', 'liling-2019']) {
    const dir = join('fixtures/samples', sample);
    out.push({ name: `sample ${sample}`, args: ['-a', pick(dir, 'allocation')!, '-d', pick(dir, 'disbursement')!, '-l', pick(dir, 'landed')!] });
  }
  out.push(
    { name: 'tolerance, absolute', args: ['-a', 'fixtures/tolerance-edge/allocated.csv', '-d', 'fixtures/tolerance-edge/disbursed.csv', '-l', 'fixtures/tolerance-edge/landed.csv', '--tolerance', '1'] },
    { name: 'tolerance in percent', args: ['-a', 'fixtures/tolerance-edge/allocated.csv', '-d', 'fixtures/tolerance-edge/disbursed.csv', '-l', 'fixtures/tolerance-edge/landed.csv', '--tolerance-pct', '0.1'] },
    { name: 'tolerance per stage', args: ['-a', 'fixtures/every-status/allocated.csv', '-d', 'fixtures/every-status/disbursed.csv', '-l', 'fixtures/every-status/landed.csv', '--tolerance', 'retained=200000', '--tolerance-pct', 'D-L=3'] },
    { name: 'composite key', args: ['-a', 'fixtures/composite-key/allocated.csv', '-d', 'fixtures/composite-key/disbursed.csv', '-l', 'fixtures/composite-key/landed.csv', '-k', '乡镇,项目名称'] },
    { name: 'duplicate window', args: ['-a', 'fixtures/duplicate-payments/allocated.csv', '-d', 'fixtures/duplicate-payments/disbursed.csv', '-l', 'fixtures/duplicate-payments/landed.csv', '--duplicate-window', '3'] },
  );
  return out;
}

/** One case of each thing the SQL decides: statuses, tolerance, rounding, units, IDs, duplicates, lateness, ageing, near misses, the roster, reading findings. */
export const REPRESENTATIVE = new Set([
  'every-status',
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
]);
