// Hostile inputs built on the fly (never committed), each run through the CLI in a fresh
// process: each must end with exit 2 and a named failure within 10 s, under 300 MB peak RSS.
// Then bench/xlsx-bombs.mjs, the XLSX parts that inflate to gigabytes.
//   npm run stress [-- DIR]     (default /tmp/fundgap-stress)

import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? '/tmp/fundgap-stress');
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const LIMITS = { seconds: 10, rssMb: 300 };
const HEADER = '项目名称,拨付金额\n';

/** A CSV of a header, one good row and `row`, written in pieces so a 200 MB line costs no memory here. */
async function csv(name, row) {
  const path = join(dir, name);
  const out = createWriteStream(path);
  out.write(`${HEADER}马营村产业发展项目,500000.00\n`);
  for (const piece of row) if (!out.write(piece)) await new Promise((r) => out.once('drain', r));
  await new Promise((r) => out.end('\n', r));
  return path;
}

function* repeat(text, times, chunk = 1 << 20) {
  const block = text.repeat(Math.max(1, Math.floor(chunk / text.length)));
  let left = times * text.length;
  while (left > 0) {
    const n = Math.min(left, block.length);
    yield block.slice(0, n);
    left -= n;
  }
}

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n ')}
]>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="拨付"><Table>
<Row><Cell><Data ss:Type="String">项目名称</Data></Cell><Cell><Data ss:Type="String">拨付金额</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">&lol9;</Data></Cell><Cell><Data ss:Type="Number">1</Data></Cell></Row>
</Table></Worksheet></Workbook>
`;

async function cases() {
  return [
    ['20,000-digit amount', await csv('digits-20k.csv', ['三合镇道路硬化项目,', ...repeat('9', 20_000)])],
    ['100,000-digit amount', await csv('digits-100k.csv', ['三合镇道路硬化项目,', ...repeat('9', 100_000)])],
    ['1M-character cell', await csv('cell-1m.csv', [...repeat('三合镇', 1_000_000 / 3), ',300000.00'])],
    ['200 MB single line', await csv('line-200mb.csv', [...repeat('0,', 100 * 1024 * 1024)])],
    ['billion laughs (SpreadsheetML)', (writeFileSync(join(dir, 'laughs.xls'), LAUGHS), join(dir, 'laughs.xls'))],
  ];
}

/** Runs the CLI on one ledger in a child process that reports its own peak RSS. */
function run(ledger) {
  const script = `
    import { main } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/cli/main.js')).href)};
    let err = '';
    const code = await main(process.argv.slice(1), { stdout: () => {}, stderr: (s) => (err += s), isTTY: false, env: {} });
    process.stdout.write(JSON.stringify({ code, first: err.split('\\n')[0], rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  `;
  const args = ['reconcile', '-a', join(ROOT, 'fixtures/every-status/allocated.csv'), '-d', ledger, '-l', join(ROOT, 'fixtures/every-status/landed.csv'), '--lang', 'en'];
  const t0 = Date.now();
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  const seconds = (Date.now() - t0) / 1000;
  try {
    return { seconds, ...JSON.parse(p.stdout) };
  } catch {
    return { seconds, code: p.status, first: (p.stderr || String(p.error)).split('\n').slice(-3).join(' '), rssMb: NaN };
  }
}

mkdirSync(dir, { recursive: true });
let failed = 0;
for (const [name, file] of await cases()) {
  const r = run(file);
  const named = /^fundgap: \[[A-Z_]+\]/.test(r.first ?? '');
  const ok = r.code === 2 && named && r.seconds <= LIMITS.seconds && r.rssMb <= LIMITS.rssMb;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: exit ${r.code} in ${r.seconds.toFixed(1)} s, peak ${r.rssMb} MB — ${(r.first ?? '').slice(0, 160)}`);
}
console.log('\nXLSX decompression bombs (bench/xlsx-bombs.mjs):');
const bombs = spawnSync(process.execPath, [join(ROOT, 'bench/xlsx-bombs.mjs'), join(dir, 'xlsx-bombs'), join(ROOT, 'dist')], { encoding: 'utf8', stdio: 'inherit' });
process.exit(failed > 0 || bombs.status !== 0 ? 1 : 0);
