// The fast XML scanner must read every sheet exactly as saxes does: the same rows, or the same
// error. saxes is the reference here, over every workbook in fixtures/ and over generated
// sheets split into chunks at every kind of place.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FundgapError } from '../../src/errors.js';
import { openXlsx } from '../../src/sheets/xlsx/read-xlsx.js';
import { scanMerges, sheetRows, type ParserChoice, type SheetContext } from '../../src/sheets/xlsx/sheet.js';
import { FastPathUnsupported } from '../../src/sheets/xlsx/xml-scan.js';
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { plain, tempDir, worksheet, writeHandBook, type PlainRow } from './xlsx-helpers.js';
import { damage, random, trickySheet } from './xlsx-tricky.js';

type Outcome = { rows: PlainRow[] } | { error: string };

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** What reading a worksheet part gives: its rows, or the code, place and message of its error. */
async function outcome(xml: string | Buffer, parser: ParserChoice, chunk: number, sharedStrings: string[] = []): Promise<Outcome> {
  const buf = typeof xml === 'string' ? Buffer.from(xml) : xml;
  const ctx: SheetContext = {
    displayName: 't.xlsx', sheet: 'S', part: 'xl/worksheets/sheet1.xml',
    sharedStrings, dateStyles: [false, true, false, true], date1904: false, merges: [], parser,
  };
  const rows: PlainRow[] = [];
  try {
    const merges = await scanMerges(chunked(buf, chunk));
    for await (const r of sheetRows(() => chunked(buf, chunk), { ...ctx, merges })) rows.push(plain(r));
    return { rows };
  } catch (e) {
    if (e instanceof FastPathUnsupported) throw e;
    if (!(e instanceof FundgapError)) throw e;
    return { error: `${e.code} ${JSON.stringify(e.at)} ${e.message} ${e.text ?? ''}` };
  }
}

// fixtures/file-kinds holds files named .xlsx that are not workbooks at all (detect.ts), and
// fixtures/errors/FORMAT_* and XLSX_* files no reader may open.
const workbooks = readdirSync('fixtures', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.xlsx'))
  .filter((f) => !f.startsWith('file-kinds') && !/^errors[/\\](FORMAT|XLSX)_/.test(f))
  .map((f) => join('fixtures', f));

async function readBook(path: string, parser: ParserChoice): Promise<Record<string, PlainRow[]>> {
  const book = await openXlsx(path, path, { parser });
  const out: Record<string, PlainRow[]> = {};
  for (const s of book.sheets) {
    out[s.name] = [];
    for await (const r of book.rows(s.name)) out[s.name]!.push(plain(r));
  }
  return out;
}

describe('the fast scanner reads as saxes does', () => {
  it('finds the workbooks it is compared on', () => {
    expect(workbooks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(workbooks)('%s: every sheet, row for row, without falling back', async (path) => {
    const reference = await readBook(path, 'saxes');
    expect(Object.values(reference).flat().length).toBeGreaterThan(0);
    // 'fast' never falls back: a FastPathUnsupported here fails the test.
    expect(await readBook(path, 'fast')).toEqual(reference);
  });

  it('reads 600 generated sheets alike, however their bytes are split into chunks', async () => {
    const rand = random(7);
    let fastOnly = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const { xml, sharedStrings } = trickySheet(seed);
      const reference = await outcome(xml, 'saxes', 1 << 16, sharedStrings);
      const chunk = [1, 2, 3, 5, 7, 13, 64, 1 << 16][Math.floor(rand() * 8)]!;
      expect(await outcome(xml, 'auto', chunk, sharedStrings), `seed ${seed}, chunks of ${chunk}`).toEqual(reference);
      try {
        expect(await outcome(xml, 'fast', chunk, sharedStrings), `seed ${seed}, chunks of ${chunk}`).toEqual(reference);
        fastOnly++;
      } catch (e) {
        if (!(e instanceof FastPathUnsupported)) throw e;
      }
    }
    // Most shapes are read by the fast scanner itself, not handed to saxes.
    expect(fastOnly).toBeGreaterThan(580);
  });

  it('gives the same rows or the same error for 600 damaged sheets', async () => {
    for (let seed = 1; seed <= 600; seed++) {
      const { xml, sharedStrings } = trickySheet(seed + 10_000);
      const bad = damage(xml, seed);
      // Reading stops at </sheetData>, so damage past it never counts, however the bytes come.
      const chunk = 1 + (seed % 17);
      const reference = await outcome(bad, 'saxes', 1 << 16, sharedStrings);
      expect(await outcome(bad, 'auto', chunk, sharedStrings), `seed ${seed}, chunks of ${chunk}: ${bad}`).toEqual(reference);
    }
  });
});

describe('shared strings read by the fast scanner as by saxes', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const items = [
    '<si><t>左权镇</t></si>', '<si><t xml:space="preserve"> 沩山镇 </t></si>', '<si/>', '<si><t/></si>', '<si><t></t></si>',
    '<si><t>R&amp;D &lt;一卡通&gt;</t></si>', '<si><t>第一行_x000D_\n第二行</t></si>', '<si><t>a\r\nb</t></si>', '<si><t>a]]b</t></si>',
    '<si><r><rPr><b/></rPr><t>贫困村</t></r><r><t>危桥</t></r><rPh sb="0" eb="1"><t>pin</t></rPh></si>',
    '<si><t xml:space=\'preserve\'>x</t></si>', '<si><t>&#x4E2D;&#20013;</t></si>', '<si> <t>x</t> </si>', '<si><t>x</t><!-- y --></si>',
  ];

  it('gives the same table for 200 mixes of plain and rich entries, with and without a prefix', async () => {
    const rand = random(11);
    for (let n = 0; n < 200; n++) {
      const prefix = rand() < 0.3 ? 'x:' : '';
      const count = 1 + Math.floor(rand() * 12);
      const chosen = Array.from({ length: count }, () => items[Math.floor(rand() * items.length)]!)
        .map((item) => item.replace(/<(\/?)(si|t|r|rPr|b|rPh)\b/g, `<$1${prefix}$2`));
      const sst = `<?xml version="1.0"?><${prefix}sst xmlns${prefix ? ':x' : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${chosen.join('')}</${prefix}sst>`;
      const cells = chosen.map((_, i) => `<c t="s"><v>${i}</v></c>`).join('');
      const path = writeHandBook(dir, `sst${n}.xlsx`, {
        sheets: [{ name: 'S', xml: worksheet(`<row r="1">${cells}</row>`) }],
        sharedStrings: [],
        parts: { 'xl/sharedStrings.xml': sst },
      });
      const read = async (parser: ParserChoice) => {
        const rows: PlainRow[] = [];
        for await (const r of (await openXlsx(path, 'sst.xlsx', { parser })).rows('S')) rows.push(plain(r));
        return rows;
      };
      expect(await read('fast'), sst).toEqual(await read('saxes'));
    }
  });
});

describe('what the fast scanner leaves to saxes', () => {
  const cases: [string, string][] = [
    ['a DOCTYPE', '<!DOCTYPE worksheet>'],
    ['a processing instruction', '<?mso-application progid="Excel.Sheet"?>'],
  ];
  it.each(cases)('%s: read through saxes, with the same rows', async (_what, prolog) => {
    const xml = `<?xml version="1.0"?>${prolog}` + worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>左权镇 &amp; 沩山镇</t></is></c></row>').replace(/^<\?xml[^>]*>\n?/, '');
    await expect(outcome(xml, 'fast', 64)).rejects.toBeInstanceOf(FastPathUnsupported);
    const expected: Outcome = { rows: [{ row: 1, cells: [{ t: 'text', v: '左权镇 & 沩山镇' }] }] };
    expect(await outcome(xml, 'saxes', 64)).toEqual(expected);
    expect(await outcome(xml, 'auto', 64)).toEqual(expected);
  });

  it('falls back mid-sheet without repeating or losing the rows already passed on', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i + 1}</v></c></row>`).join('');
    // An XML 1.1-only name far into the sheet: the scanner gives up there, saxes reads it.
    const xml = worksheet(`${rows}<row r="3001"><c r="A3001"><ẋ/><v>3001</v></c></row>`);
    const saxes = await outcome(xml, 'saxes', 4096);
    const auto = await outcome(xml, 'auto', 4096);
    expect(auto).toEqual(saxes);
    expect('rows' in auto && auto.rows.map((r) => r.row)).toEqual(Array.from({ length: 3001 }, (_, i) => i + 1));
  });

  it('refuses entity expansion (billion laughs) at once, as saxes does', async () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol0 "lol">${laughs}]>` +
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
    const result = await outcome(xml, 'auto', 1 << 16);
    expect(result).toEqual(await outcome(xml, 'saxes', 1 << 16));
    expect('error' in result && result.error).toMatch(/^XLSX_MALFORMED .*undefined entity/);
  });
});
