// Measures how fast dist/sheets/open.js reads a large XLSX ledger and how much memory it needs.
//   node bench/xlsx-reader-runs.mjs gen 200000 /tmp/ledger-200k.xlsx   write a ledger with exceljs
//   node bench/xlsx-reader-runs.mjs read /tmp/ledger-200k.xlsx [dist]   one timed read (rows/s, peak RSS)
//   node bench/xlsx-reader-runs.mjs runs 3 /tmp/ledger-200k.xlsx [dist...] fresh process per run, minimum of each
// Timings on a shared machine are noisy: compare minimums of several runs, never single runs.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [cmd, ...args] = process.argv.slice(2);

const VILLAGES = Array.from({ length: 300 }, (_, i) => `${['左权', '沩山', '官庄', '王仙', '浦口'][i % 5]}镇第${i + 1}村`);
const SOURCES = ['中央财政专项扶贫资金', '省级财政专项扶贫资金', '市级财政专项扶贫资金', '县本级财政专项扶贫资金', '整合涉农资金'];
const NOTES = ['', '', '', '已验收', '分两次拨付', '待公示', '农业特色产业发展项目', '危桥改造（含引道）'];

async function gen(rows, file) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('明细');
  ws.columns = [
    { header: '项目编号', key: 'id' },
    { header: '村', key: 'village' },
    { header: '资金来源', key: 'source' },
    { header: '日期', key: 'date', style: { numFmt: 'yyyy-mm-dd' } },
    { header: '备注', key: 'note' },
    { header: '金额', key: 'amount', style: { numFmt: '#,##0.00' } },
  ];
  const day0 = Date.UTC(2018, 0, 1);
  for (let i = 1; i <= rows; i++) {
    // About one shared string per two rows: each project number appears on two rows.
    ws.addRow({
      id: `XM2019-${String(Math.ceil(i / 2)).padStart(6, '0')}`,
      village: VILLAGES[i % VILLAGES.length],
      source: SOURCES[i % SOURCES.length],
      date: new Date(day0 + (i % 730) * 86_400_000),
      note: NOTES[i % NOTES.length] || undefined,
      amount: Math.round((i * 7919) % 5_000_000) / 100,
    }).commit();
  }
  ws.commit();
  await wb.commit();
}

async function read(file, dist) {
  const { openSheet } = await import(pathToFileURL(resolve(dist, 'sheets/open.js')).href);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const sheet = await openSheet(file);
  let rows = 0;
  let cells = 0;
  for await (const r of sheet.rows()) {
    rows++;
    cells += r.cells.length;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    rows, cells, seconds: +s.toFixed(3), rowsPerSecond: Math.round(rows / s), cpuSeconds: +cpuSeconds.toFixed(3), peakRssMb: Math.round(rssMb),
  }));
}

/** Runs each dist n times, interleaved so that load from elsewhere hits them alike; keeps minimums. */
function runs(n, file, dists) {
  const results = new Map(dists.map((d) => [d, []]));
  for (let i = 0; i < n; i++) {
    for (const dist of dists) {
      const p = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'read', file, dist], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      results.get(dist).push(JSON.parse(p.stdout));
    }
  }
  for (const [dist, rs] of results) {
    const min = (k) => Math.min(...rs.map((r) => r[k]));
    const seconds = min('seconds');
    console.log(JSON.stringify({
      file, dist, runs: rs.length, seconds, rowsPerSecond: Math.round(rs[0].rows / seconds), cpuSeconds: min('cpuSeconds'),
      peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)), allSeconds: rs.map((r) => r.seconds),
    }));
  }
}

if (cmd === 'gen') await gen(Number(args[0]), args[1]);
else if (cmd === 'read') await read(args[0], args[1] ?? 'dist');
else if (cmd === 'runs') runs(Number(args[0]), args[1], args.length > 2 ? args.slice(2) : ['dist']);
else console.error('usage: gen ROWS FILE | read FILE [DIST] | runs N FILE [DIST...]');
