// Over random small ledgers in the shapes county offices send (numbered and unnumbered
// headings, 其中 breakdowns, 小计 and 合计 rows, notes, blank lines, sign-off lines), no row's
// money leaves the figures unless the row is listed as skipped with a reason that is also a
// finding or a footing check; every input accounts for its rows; and the allocated total is
// exactly the sum of the rows the report says it used.

import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, writeFiles, type ReportJson } from '../helpers.js';

/** A line of the allocation sheet: its cells, and the amount it states (in fen), if any. */
interface Line {
  cells: string[];
  fen: number | undefined;
}

const PROJECTS = ['马营村产业发展项目', '老鸦村养殖项目', '三合镇道路硬化项目', '洪水镇人饮工程', '雨露计划职业教育补助', '小峡镇特色种植项目'];
const TOWNS = ['瞿昙镇', '高庙镇', '洪水镇'];

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
const fenArb = fc.integer({ min: 100, max: 50_000_000 });
const project = fc.constantFrom(...PROJECTS);

/** Shapes of a block of rows; each returns its lines and the money its data rows carry. */
const dataRow = fc.tuple(project, fenArb).map(([p, fen]): Line[] => [{ cells: ['', p, yuan(fen)], fen }]);

const group = (label: fc.Arbitrary<string>) =>
  fc.tuple(label, fc.array(fc.tuple(project, fenArb), { minLength: 2, maxLength: 4 })).map(([head, rows]): Line[] => {
    const sum = rows.reduce((s, [, f]) => s + f, 0);
    return [{ cells: head.startsWith('一') ? [head, '产业发展类', yuan(sum)] : ['', head, yuan(sum)], fen: sum }, ...rows.map(([p, f]) => ({ cells: ['', p, yuan(f)], fen: f }))];
  });

const breakdown = fc.tuple(project, fenArb, fc.integer({ min: 1, max: 99 })).map(([p, fen, pct]): Line[] => {
  const part = Math.floor((fen * pct) / 100);
  return [
    { cells: ['', p, yuan(fen)], fen },
    { cells: ['', '其中：中央资金', yuan(part)], fen: part },
    { cells: ['', '其中：省级资金', yuan(fen - part)], fen: fen - part },
  ];
});

/** Projects closed by a 小计 that states their sum, or (a typo) one fen off it. */
const subtotalled = fc.tuple(fc.array(fc.tuple(project, fenArb), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([rows, typo]): Line[] => {
  const sum = rows.reduce((s, [, f]) => s + f, 0) + (typo ? 1 : 0);
  return [...rows.map(([p, f]) => ({ cells: ['', p, yuan(f)], fen: f })), { cells: ['', '小计', yuan(sum)], fen: sum }];
});

const note = fc.constantFrom<Line[]>([{ cells: ['注：各项目资金已下达'], fen: undefined }], [{ cells: [], fen: undefined }]);

const block = fc.oneof(
  { weight: 5, arbitrary: dataRow },
  { weight: 2, arbitrary: group(fc.constant('一、')) },
  { weight: 2, arbitrary: group(fc.constantFrom(...TOWNS)) },
  { weight: 2, arbitrary: breakdown },
  { weight: 1, arbitrary: subtotalled },
  { weight: 1, arbitrary: note },
);

const ledger = fc.tuple(fc.array(block, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean()).map(([blocks, withTotal, signOff]) => {
  const lines: Line[] = [{ cells: ['2019年财政专项扶贫资金分配表'], fen: undefined }, { cells: ['序号', '项目名称', '下达金额(元)'], fen: undefined }];
  for (const b of blocks) lines.push(...b);
  if (withTotal) {
    // The stated total is what the sheet's author computed: the project rows, once each.
    const projects = lines.filter((l, i) => i > 1 && l.fen !== undefined && PROJECTS.includes(l.cells[1]!));
    const total = projects.reduce((s, l) => s + l.fen!, 0);
    lines.push({ cells: ['合计', '', yuan(total)], fen: total });
  }
  if (signOff) lines.push({ cells: ['制表人：张三', '', '审核人：李四'], fen: undefined });
  return lines;
});

/** Projects carry a 序号, as they do in county tables; headings, breakdowns and totals do not. */
function numbered(lines: Line[]): Line[] {
  let n = 0;
  return lines.map((l) => (l.cells[0] === '' && PROJECTS.includes(l.cells[1] ?? '') ? { ...l, cells: [String(++n), ...l.cells.slice(1)] } : l));
}

const csv = (lines: Line[]) => numbered(lines).map((l) => l.cells.join(',')).join('\n') + '\n';

describe('money is accounted for on random ledgers', () => {
  it('every row with money is used, or skipped with a reason that is a finding or a footing check', async () => {
    await fc.assert(
      fc.asyncProperty(ledger, async (lines) => {
        const dir = writeFiles({
          'a.csv': csv(lines),
          'd.csv': `项目名称,拨付金额(元)\n${PROJECTS[0]},100.00\n`,
          'l.csv': `项目名称,结算金额(元)\n${PROJECTS[0]},100.00\n`,
        });
        try {
          const r = await runCli(['reconcile', '-a', join(dir, 'a.csv'), '-d', join(dir, 'd.csv'), '-l', join(dir, 'l.csv'), '-f', 'json', '--fail-on', 'none']);
          expect(r.stderr).toBe('');
          const report = JSON.parse(r.stdout) as ReportJson;
          const a = report.inputs.find((i) => i.role === 'allocated')!;
          expect(a.rows.read).toBe(a.rows.used + a.rows.skipped);
          expect(a.rows.read).toBe(lines.length);

          const used = new Set(report.keys.flatMap((k) => k.evidence.allocated));
          const skipped = new Map(a.skipped.map((s) => [s.row, s.reason]));
          const footed = new Set(a.footing.map((f) => f.row));
          const inFindings = new Set(report.findings.flatMap((f) => f.evidence.filter((e) => e.role === 'allocated').map((e) => e.row)));
          lines.forEach((l, i) => {
            const row = i + 1;
            if (l.fen === undefined || l.fen === 0) return;
            if (used.has(row)) return;
            expect(skipped.has(row), `row ${row} (${l.cells.join(',')}) is neither used nor skipped`).toBe(true);
            expect(footed.has(row) || inFindings.has(row), `row ${row} (${l.cells.join(',')}) was skipped as ${skipped.get(row)} with no finding or footing check`).toBe(true);
          });

          const usedFen = lines.reduce((s, l, i) => (used.has(i + 1) ? s + l.fen! : s), 0);
          expect(report.totals.allocated).toBe(yuan(usedFen));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20191129, numRuns: 60 },
    );
  });
});
