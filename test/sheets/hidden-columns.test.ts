// The hidden columns of a worksheet, read from its <cols> before the rows begin.

import { describe, expect, it } from 'vitest';
import { scanHiddenColumns } from '../../src/sheets/xlsx/hidden-columns.js';

async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const part = (cols: string, rows = '<row r="1"><c r="A1"><v>1</v></c></row>') =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${cols}</cols><sheetData>${rows}</sheetData></worksheet>`;

describe('scanHiddenColumns', () => {
  it('reads hidden="1" ranges and zero widths as 0-based indices', async () => {
    const xml = part('<col min="1" max="1" width="6"/><col min="3" max="4" hidden="1"/><col min="6" max="6" width="0"/><col min="7" max="7" hidden="0"/>');
    expect([...(await scanHiddenColumns(chunks(xml, 1 << 16)))]).toEqual([2, 3, 5]);
  });

  it('finds them whatever the chunking, and with a namespace prefix', async () => {
    const xml = part('<x:col min="2" max="2" hidden="true"/>').replace(/<(\/?)(worksheet|cols|sheetData)/g, '<$1x:$2');
    for (const size of [1, 7, 64]) expect([...(await scanHiddenColumns(chunks(xml, size)))]).toEqual([1]);
  });

  it('stops where the rows start: a col-like text inside the data is not read', async () => {
    const xml = part('', '<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;col min="1" max="1" hidden="1"/&gt;</t></is></c></row>');
    expect((await scanHiddenColumns(chunks(xml, 16))).size).toBe(0);
  });

  it('caps a range at the last column Excel has', async () => {
    const hidden = await scanHiddenColumns(chunks(part('<col min="16380" max="99999" hidden="1"/>'), 1 << 16));
    expect([...hidden]).toEqual([16379, 16380, 16381, 16382, 16383]);
  });
});
