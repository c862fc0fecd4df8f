// Ledgers whose keys and file name are markup, for the HTML report's escaping tests: the plain
// one reads the page's text, the Chromium one checks what a browser makes of it.

import { join } from 'node:path';
import { writeFiles } from '../helpers.js';

export const HOSTILE_KEYS = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  entity: '&amp; 已转义 &lt;',
} as const;

/** The file name is markup too, and lands in the report as given on the command line. */
export const HOSTILE_FILE = `a<b>&"'.csv`;

/** -a -d -l for ledgers where the script key is retained, the attribute key idle, the entity key unallocated. */
export function hostileLedgers(): string[] {
  const { script, attribute, entity } = HOSTILE_KEYS;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const dir = writeFiles({
    [HOSTILE_FILE]: `项目名称,下达金额\n${q(script)},1000.00\n${q(attribute)},250.50\n`,
    'disbursed.csv': `项目名称,拨付金额\n${q(script)},800.00\n${q(entity)},30.00\n`,
    'landed.csv': `项目名称,结算金额\n${q(script)},800.00\n${q(entity)},30.00\n`,
  });
  return ['-a', join(dir, HOSTILE_FILE), '-d', join(dir, 'disbursed.csv'), '-l', join(dir, 'landed.csv')];
}
