// Writes small .xlsx files whose parts inflate to gigabytes, reads each with dist/sheets/open.js
// in a fresh process, and reports how it ends, how long it took and the peak RSS.
//   node bench/xlsx-bombs.mjs [DIR] [DIST]     (default /tmp/xlsx-bombs, dist)
// Each ZIP directory understates its sizes, so the reader must count the bytes as they inflate.

import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, createDeflateRaw } from 'node:zlib';

const GB = 1024 ** 3;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Deflates `head`, then `unit` repeated until `total` bytes, then `tail`. */
async function deflateRepeated(head, unit, total, tail) {
  const z = createDeflateRaw({ level: 9, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const out = [];
  z.on('data', (d) => out.push(d));
  const done = new Promise((res) => z.on('end', res));
  z.write(head);
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))));
  for (let n = 0; n < total; n += block.length) {
    if (!z.write(block)) await new Promise((res) => z.once('drain', res));
  }
  z.end(tail);
  await done;
  return Buffer.concat(out);
}

function zip(parts) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, size } of parts) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

async function book(file, { sheet, sharedStrings }) {
  const small = async (s) => ({ data: await deflateRepeated(s, ' ', 0, ''), size: 1000 });
  const parts = [
    // Without it the file is a ZIP of other files to detect.ts, refused before the reader sees it.
    { name: '[Content_Types].xml', ...(await small('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')) },
    { name: '_rels/.rels', ...(await small(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)) },
    { name: 'xl/workbook.xml', ...(await small(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="s1"/></sheets></workbook>`)) },
    { name: 'xl/_rels/workbook.xml.rels', ...(await small(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="s2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, size: 1000 },
    { name: 'xl/sharedStrings.xml', data: sharedStrings, size: 1000 },
  ];
  writeFileSync(file, zip(parts));
}

const oneRow = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;
const sstHead = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`;

const BOMBS = {
  'sst-small-strings-2GB': async () => ({
    sheet: await deflateRepeated(oneRow, ' ', 0, ''),
    sharedStrings: await deflateRepeated(sstHead, '<si><t>ab</t></si>', 2 * GB, '</sst>'),
  }),
  'sst-empty-items-2GB': async () => ({
    sheet: await deflateRepeated(oneRow, ' ', 0, ''),
    sharedStrings: await deflateRepeated(sstHead, '<si/>', 2 * GB, '</sst>'),
  }),
  'sst-one-string-2GB': async () => ({
    sheet: await deflateRepeated(oneRow, ' ', 0, ''),
    sharedStrings: await deflateRepeated(`${sstHead}<si><t>`, '贫', 2 * GB, '</t></si></sst>'),
  }),
  'sst-doctype-one-string-2GB': async () => ({
    sheet: await deflateRepeated(oneRow, ' ', 0, ''),
    sharedStrings: await deflateRepeated(`<?xml version="1.0"?><!DOCTYPE sst>${sstHead.slice(38)}<si><t>`, 'x', 2 * GB, '</t></si></sst>'),
  }),
  'sheet-rows-2GB': async () => ({
    sheet: await deflateRepeated(`<worksheet xmlns="${MAIN}"><sheetData>`, '<row><c><v>1</v></c></row>', 2 * GB, '</sheetData></worksheet>'),
    sharedStrings: await deflateRepeated(`${sstHead}</sst>`, ' ', 0, ''),
  }),
};

async function read(file, dist) {
  const { openSheet } = await import(pathToFileURL(resolve(dist, 'sheets/open.js')).href);
  const t0 = Date.now();
  let outcome;
  try {
    const sheet = await openSheet(file);
    let rows = 0;
    for await (const _ of sheet.rows()) rows++;
    outcome = `read ${rows} rows`;
  } catch (e) {
    outcome = `${e.code ?? e.name}: ${e.message}`;
  }
  console.log(JSON.stringify({ outcome, seconds: (Date.now() - t0) / 1000, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

const [dirArg, distArg] = process.argv.slice(2);
if (dirArg === 'read') {
  await read(distArg, process.argv[4] ?? 'dist');
} else {
  const dir = dirArg ?? '/tmp/xlsx-bombs';
  const dist = distArg ?? 'dist';
  mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(BOMBS)) {
    const file = join(dir, `${name}.xlsx`);
    try {
      statSync(file);
    } catch {
      await book(file, await make());
    }
    const p = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'read', file, dist], { encoding: 'utf8', timeout: 600_000 });
    const sizeMb = (statSync(file).size / 1024 / 1024).toFixed(1);
    console.log(name, `${sizeMb} MB on disk:`, p.stdout.trim() || p.stderr.trim().split('\n').slice(-3).join(' '));
  }
}
