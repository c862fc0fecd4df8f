// docs/scale.md shows the SQL fundgap runs: each block headed `-- sql/NAME` must be that file
// of sql/, word for word, and every file must be shown, so the page and the engine cannot
// drift apart.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/scale.md', 'utf8');
const blocks = new Map([...doc.matchAll(/```sql\n-- sql\/([\w.-]+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]));

describe('docs/scale.md and sql/', () => {
  it('shows every file of sql/, and only those', () => {
    expect([...blocks.keys()].sort()).toEqual(readdirSync('sql').filter((f) => f.endsWith('.sql')).sort());
  });

  for (const file of readdirSync('sql').filter((f) => f.endsWith('.sql'))) {
    it(`shows sql/${file} as it is`, () => {
      expect(blocks.get(file)).toBe(readFileSync(`sql/${file}`, 'utf8'));
    });
  }
});
