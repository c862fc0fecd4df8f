// Rows read back by number after the reconciliation: the ones asked for, in file order, from
// one pass that stops after the last of them; rows the file lacks are simply absent.

import { describe, expect, it } from 'vitest';
import { pickRows } from '../../src/sheets/pick-rows.js';
import { openSheet } from '../../src/sheets/open.js';
import type { RawRow } from '../../src/sheets/types.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const text = (r: RawRow) => r.cells.map((c) => ('v' in c ? String(c.v) : ''));

describe('pickRows', () => {
  it('CSV: the rows asked for, by line number, with their cells as the file has them', async () => {
    const sheet = await openSheet('fixtures/haidong-demo/disbursement.csv');
    const rows = await all(pickRows(sheet, new Set([12, 3, 1])));
    expect(rows.map((r) => r.row)).toEqual([1, 3, 12]);
    expect(text(rows[1]!).slice(0, 4)).toEqual(['记-0302', '2017/06/20', '乐都区', '瞿昙镇马营村产业发展项目']);
  });

  it('XLSX: rows numbered as Excel shows them, title and header rows counted', async () => {
    const sheet = await openSheet('fixtures/haidong-demo/allocation.xlsx');
    const [title, header, first] = await all(pickRows(sheet, new Set([1, 3, 4])));
    expect(title!.row).toBe(1);
    expect(text(header!)).toContain('项目名称');
    expect(first!.row).toBe(4);
  });

  it('stops reading after the last row asked for, and skips numbers past the end', async () => {
    let read = 0;
    const source = {
      async *rows(): AsyncGenerator<RawRow> {
        for (let row = 1; row <= 1000; row++) {
          read++;
          yield { row, cells: [{ t: 'text', v: `r${row}` }] };
        }
      },
    };
    expect((await all(pickRows(source, new Set([5, 7])))).map((r) => r.row)).toEqual([5, 7]);
    expect(read).toBe(7);
    read = 0;
    expect((await all(pickRows(source, new Set([999, 5000])))).map((r) => r.row)).toEqual([999]);
    expect(read).toBe(1000);
    expect(await all(pickRows(source, new Set()))).toEqual([]);
  });
});
