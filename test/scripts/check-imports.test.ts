import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/check-imports.mjs';

function check(srcDir?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...(srcDir ? [srcDir] : [])], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the import check', () => {
  it('passes on src/: imports point down the pipeline and close no circle', () => {
    const r = check();
    expect(r.out).toMatch(/no circles/);
    expect(r.status).toBe(0);
  });

  const dir = mkdtempSync(join(tmpdir(), 'fundgap-imports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('fails on an upward import, a circle inside cli/ and an import of the entry point', () => {
    write('ledger/read.ts', "import type { Report } from '../report/model.js';\nexport type Row = Report;\n");
    write('report/model.ts', 'export interface Report { n: number }\n');
    write('cli/a.ts', "import { b } from './b.js';\nexport const a = () => b();\n");
    write('cli/b.ts', "import { a } from './a.js';\nexport const b = (): void => void a;\n");
    write('cli/io.ts', "import type { Program } from './main.js';\nexport type Io = Program;\n");
    write('cli/main.ts', "import type { Io } from './io.js';\nexport type Program = string;\nexport type Uses = Io;\n");
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('ledger/read.ts imports report/model.ts, which is above it');
    expect(r.out).toContain('import circle: cli/a.ts → cli/b.ts');
    expect(r.out).toContain('cli/io.ts imports cli/main.ts, an entry point');
    expect(r.out).toContain('import circle: cli/io.ts → cli/main.ts');
  });
});
