// Times the CSV readers on a generated 1M-row ledger (项目编号,村,资金来源,日期,备注,金额;
// one remark in ten quoted, holding a comma), UTF-8 and GBK. Each measurement runs in a fresh
// process, at least twice; the minimum time and the peak RSS are kept.
//
//   npm run build && node bench/csv-reader.mjs [rows] [runs]
//
// Not a test: the machine is shared, so timings belong in a script, never in assertions.

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const dist = join(here, '../../dist/sheets');

if (process.argv[2] === 'run') {
  await runOne(process.argv[3], process.argv[4]);
} else {
  await main(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 2));
}

async function main(rows, runs) {
  const dir = join(tmpdir(), 'fundgap-bench');
  mkdirSync(dir, { recursive: true });
  const utf8 = join(dir, `ledger-${rows}.csv`);
  const gbk = join(dir, `ledger-${rows}-gbk.csv`);
  if (!existsSync(utf8) || !existsSync(gbk)) {
    const iconv = (await import('iconv-lite')).default;
    const text = ledgerText(rows);
    writeFileSync(utf8, text);
    writeFileSync(gbk, iconv.encode(text, 'gbk'));
  }
  const modes = (process.env.MODES ?? 'bytes,csv-parse,old,rows,batches').split(',');
  console.log(`${rows} rows; min of ${runs} runs each (wall and CPU time); the highest peak RSS`);
  for (const file of [utf8, gbk]) {
    console.log(`\n${file}`);
    const best = new Map();
    // Round-robin, so that a burst of load elsewhere on the machine hits every mode alike.
    for (let r = 0; r < runs; r++) {
      for (const mode of modes) {
        const p = spawnSync(process.execPath, [here, 'run', mode, file], { encoding: 'utf8' });
        if (p.status !== 0) throw new Error(p.stderr);
        const m = JSON.parse(p.stdout);
        const b = best.get(mode);
        best.set(mode, b ? { ...m, ms: Math.min(b.ms, m.ms), cpu: Math.min(b.cpu, m.cpu), rss: Math.max(b.rss, m.rss) } : m);
      }
    }
    for (const mode of modes) {
      const b = best.get(mode);
      const us = (ms) => ((ms * 1000) / rows).toFixed(2).padStart(5);
      console.log(`  ${mode.padEnd(10)} wall ${(b.ms / 1000).toFixed(2).padStart(6)} s ${us(b.ms)} µs/row   cpu ${(b.cpu / 1000).toFixed(2).padStart(6)} s ${us(b.cpu)} µs/row   rss ${String(b.rss).padStart(4)} MB  (${b.records} records)`);
    }
  }
}

async function runOne(mode, file) {
  const source = () => createReadStream(file, { highWaterMark: 256 * 1024 });
  const encoding = file.endsWith('-gbk.csv') ? 'gb18030' : 'utf-8';
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let records = 0;
  if (mode === 'bytes') {
    for await (const chunk of source()) records += chunk.length > 0 ? 1 : 0;
  } else if (mode === 'csv-parse') {
    const { parse } = await import('csv-parse');
    const { decodeStream } = await import(join(dist, 'encoding.js'));
    const parser = pipeline(Readable.from(source()), decodeStream(encoding), parse({ delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: false }), () => {});
    for await (const record of parser) records += record.length > 0 ? 1 : 0;
  } else if (mode === 'old') {
    const { readRowsWithCsvParse } = await import(join(dist, 'csv-parse-reader.js'));
    for await (const row of readRowsWithCsvParse(source, file, encoding, ',')) records += row.cells.length > 0 ? 1 : 0;
  } else {
    const { openCsv } = await import(join(dist, 'read-csv.js'));
    const csv = await openCsv(source, file);
    if (mode === 'rows') {
      for await (const row of csv.rows()) records += row.cells.length > 0 ? 1 : 0;
    } else {
      for await (const batch of csv.batches()) for (const row of batch) records += row.cells.length > 0 ? 1 : 0;
    }
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ ms, cpu: (c.user + c.system) / 1000, rss, records }));
}

/** A deterministic ledger: codes, villages, fund sources, dates, remarks and amounts. */
function ledgerText(rows) {
  const towns = ['三合镇', '马营镇', '城关镇', '古城乡', '新安乡', '㮾梨街道', '高店镇', '石门乡'];
  const villages = ['新安村', '马营村', '河东村', '红旗村', '团结村', '上庄村', '下庄村', '东山村', '西沟村', '南坪村'];
  const sources = ['中央衔接资金', '省级专项扶贫资金', '市级扶贫资金', '县级配套资金', '少数民族发展资金', '以工代赈资金'];
  const remarks = ['产业扶贫项目', '基础设施建设', '危房改造补助', '', '易地扶贫搬迁', '教育扶贫资助', '', '光伏扶贫'];
  let seed = 20240611;
  const rand = (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const lines = ['项目编号,村,资金来源,日期,备注,金额'];
  for (let i = 1; i <= rows; i++) {
    const code = `XM2019-${String(i).padStart(7, '0')}`;
    const village = towns[rand(towns.length)] + villages[rand(villages.length)];
    const date = `2019-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
    const remark = rand(10) === 0 ? `"第${1 + rand(9)}批,${remarks[rand(remarks.length)] || '拨付'}"` : remarks[rand(remarks.length)];
    const amount = `${1 + rand(999999)}.${String(rand(100)).padStart(2, '0')}`;
    lines.push(`${code},${village},${sources[rand(sources.length)]},${date},${remark},${amount}`);
  }
  return lines.join('\r\n') + '\r\n';
}
