import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/big-functions.mjs';

function run(args: string[] = []): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the big-function check', () => {
  it('passes on src/: every function is within ~80 lines and ~25 branches, or kept whole with its reason', () => {
    const r = run();
    expect(r.out).toMatch(/^0 functions over 80 lines or 25 branches/m);
    expect(r.out).not.toMatch(/no longer big/);
    expect(r.status).toBe(0);
  });

  const dir = mkdtempSync(join(tmpdir(), 'fundgap-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a function of too many branches, naming it', () => {
    const ifs = Array.from({ length: 30 }, (_, i) => `  if (x === ${i}) return ${i};`).join('\n');
    writeFileSync(join(dir, 'big.ts'), `export function tangled(x: number): number {\n${ifs}\n  return -1;\n}\n\nexport const small = (x: number) => x + 1;\n`);
    const r = run(['--src', dir]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/tangled\s+src\/big\.ts:1/);
    expect(r.out).not.toMatch(/\bsmall\b/);
  });
});
