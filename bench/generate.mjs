// Synthetic three-way ledgers for the benchmark: allocated, disbursed and landed CSVs of N rows
// each over about N/5 project codes, related the way real ones are (most keys in all three
// with small gaps, some idle, some unallocated), plus the allocation ledger as XLSX when asked.
// Deterministic for a seed; the exact figures it builds are kept in a manifest beside the
// files, so a benchmark can check every engine's sums against them, and so an unchanged
// dataset is reused instead of being written again.

import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export const HEADER = ['项目编号', '村', '资金来源', '日期', '备注', '金额'];
export const ROLES = ['allocated', 'disbursed', 'landed'];

// Any change to this file changes the data it writes; its hash marks datasets as stale.
const GENERATOR_VERSION = createHash('sha256').update(readFileSync(new URL(import.meta.url))).digest('hex').slice(0, 16);

/** sfc32: small, fast, and the same sequence on every platform (32-bit integer ops only). */
function prng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

const VILLAGES = [
  '红崖村', '古城村', '下寨村', '上庄村', '马场村', '石沟村', '双树村', '东山村', '西岔村', '柳湾村',
  '新庄村', '杏园村', '台子村', '河滩村', '羊圈村', '草原村', '中庄村', '阳坡村', '阴坡村', '沙沟村',
  '大庄村', '小庄村', '峡口村', '塘尔垣村', '卡约村', '哈家村', '李家村', '王家庄村', '张家湾村', '刘家寨村',
];
const SOURCES = ['中央财政衔接资金', '省级财政衔接资金', '市级财政衔接资金', '县级财政衔接资金', '少数民族发展资金', '以工代赈资金'];
const PLAIN_REMARKS = ['', '', '', '第一批', '第二批', '产业扶持', '一卡通发放', '以奖代补', '验收合格', '项目结算', '到户补助', '雨露计划'];
// Written quoted because they hold a comma; 10% of rows carry one.
const COMMA_REMARKS = ['项目验收后拨付,见附件3', '第二批,补拨', '按合同约定,分期支付', '一卡通发放,已公示', '结算审计后,尾款另付'];

/** YYYY-MM-DD for day offsets from 2023-01-01, computed once. */
const DAYS = 1200;
const DATE_TEXT = Array.from({ length: DAYS }, (_, i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));

const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const csvField = (s) => (s.includes(',') || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Which ledgers a key appears in, with the share of keys: most are in all three; the rest
 * are the cases inspectors look for (idle money, spending without an allocation …).
 * Bits: 1 allocated, 2 disbursed, 4 landed.
 */
const PRESENCE = [
  [0.86, 7],
  [0.04, 1], // allocated only: idle
  [0.03, 3], // allocated and disbursed, nothing landed
  [0.02, 5], // allocated and landed, no disbursement row
  [0.03, 6], // disbursed and landed without an allocation
  [0.01, 2],
  [0.01, 4],
];

/**
 * A gap between two figures of one key, in fen: mostly small (up to 3% of the amount),
 * mostly money held back, sometimes more paid out than came in, and now and then none.
 */
function gap(rand, fen) {
  const r = rand();
  if (r < 0.05) return 0;
  const size = Math.max(1, Math.round(fen * 0.03 * rand()));
  return r < 0.85 ? size : -size;
}

/** Builds the per-key plan and the exact figures; the rows come from `emitRows`. */
function plan(rows, seed) {
  const rand = prng(seed);
  const keys = Math.max(1, Math.round(rows / 5));
  const presence = new Uint8Array(keys);
  for (let k = 0; k < keys; k++) {
    let r = rand();
    let p = 7;
    for (const [share, bits] of PRESENCE) {
      if (r < share) { p = bits; break; }
      r -= share;
    }
    presence[k] = p;
  }
  presence[0] = 7; // every ledger has at least one key, even at a handful of rows

  // Rows per key and ledger: one each for the keys present, the rest spread at random.
  const counts = ROLES.map(() => new Int32Array(keys));
  const members = ROLES.map((_, i) => {
    const list = [];
    for (let k = 0; k < keys; k++) if (presence[k] & (1 << i)) list.push(k);
    return Int32Array.from(list);
  });
  ROLES.forEach((_, i) => {
    const m = members[i];
    if (m.length > rows) throw new Error(`--rows ${rows} is too few for ${m.length} keys`);
    for (const k of m) counts[i][k] = 1;
    for (let n = m.length; n < rows; n++) counts[i][m[Math.floor(rand() * m.length)]]++;
  });

  // Totals per key in integer fen (exact in a double far beyond these sums), each ledger
  // derived from the one before it by a gap.
  const totals = ROLES.map(() => new Float64Array(keys));
  const [a, d, l] = totals;
  for (let k = 0; k < keys; k++) {
    const p = presence[k];
    const fresh = (i) => counts[i][k] * (50_000 + Math.floor(rand() * 9_950_000)); // 500 to 100,000 元 a row
    if (p & 1) a[k] = fresh(0);
    if (p & 2) d[k] = p & 1 ? a[k] - gap(rand, a[k]) : fresh(1);
    if (p & 4) l[k] = p & 2 ? d[k] - gap(rand, d[k]) : p & 1 ? a[k] - gap(rand, a[k]) : fresh(2);
    // Every row carries at least a fen.
    ROLES.forEach((_, i) => { if (p & (1 << i)) totals[i][k] = Math.max(totals[i][k], counts[i][k]); });
  }

  const village = new Uint8Array(keys);
  const source = new Uint8Array(keys);
  const day = new Uint16Array(keys);
  for (let k = 0; k < keys; k++) {
    village[k] = Math.floor(rand() * VILLAGES.length);
    source[k] = Math.floor(rand() * SOURCES.length);
    day[k] = Math.floor(rand() * 365);
  }

  const truth = { keys, rows };
  ROLES.forEach((role, i) => {
    let sum = 0n;
    for (let k = 0; k < keys; k++) sum += BigInt(totals[i][k]);
    truth[role] = sum.toString(); // fen
  });
  return { rand, keys, counts, members, totals, village, source, day, truth };
}

const code = (k) => `XM2023-${String(k + 1).padStart(7, '0')}`;

/**
 * Calls `emit(fields, fen, dayOffset)` for every row of one ledger, in a shuffled order (real
 * ledgers interleave projects), splitting each key's total exactly over its rows.
 */
async function emitRows(p, i, emit) {
  const { rand, counts, members, totals } = p;
  const n = p.truth.rows;
  const order = new Int32Array(n);
  let at = 0;
  for (const k of members[i]) for (let c = counts[i][k]; c > 0; c--) order[at++] = k;
  for (let j = n - 1; j > 0; j--) {
    const r = Math.floor(rand() * (j + 1));
    const t = order[j]; order[j] = order[r]; order[r] = t;
  }
  const left = Int32Array.from(counts[i]);
  const remaining = Float64Array.from(totals[i]);
  for (let j = 0; j < n; j++) {
    const k = order[j];
    let fen;
    if (left[k] === 1) fen = remaining[k];
    else {
      const share = remaining[k] / left[k];
      fen = Math.round(share * (0.5 + rand()));
      fen = Math.min(Math.max(fen, 1), remaining[k] - (left[k] - 1));
    }
    left[k]--;
    remaining[k] -= fen;
    const r = rand();
    const remark = r < 0.1 ? COMMA_REMARKS[Math.floor(r * 50)] : PLAIN_REMARKS[Math.floor(rand() * PLAIN_REMARKS.length)];
    // Allocation early in the year, disbursement weeks later, landing after that.
    const dayOffset = Math.min(DAYS - 1, p.day[k] + i * 45 + Math.floor(rand() * 60));
    const back = emit(code(k), VILLAGES[p.village[k]], SOURCES[p.source[k]], dayOffset, remark, fen);
    if (back) await back;
  }
}

async function writeCsv(p, i, path) {
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 22 });
  let buf = `${HEADER.join(',')}\n`;
  await emitRows(p, i, (key, village, source, dayOffset, remark, fen) => {
    buf += `${key},${village},${source},${DATE_TEXT[dayOffset]},${csvField(remark)},${yuan(fen)}\n`;
    if (buf.length < 1 << 20) return undefined;
    const ok = out.write(buf);
    buf = '';
    return ok ? undefined : new Promise((r) => out.once('drain', r));
  });
  out.write(buf);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  renameSync(tmp, path);
}

async function writeXlsx(p, i, path) {
  const tmp = `${path}.tmp`;
  // Shared strings, as Excel and WPS write them; the streaming writer keeps only the table of
  // distinct strings in memory, not the rows.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('分配表');
  sheet.columns = HEADER.map((h, c) => ({ header: h, width: [16, 10, 18, 12, 24, 14][c], style: c === 3 ? { numFmt: 'yyyy-mm-dd' } : c === 5 ? { numFmt: '0.00' } : {} }));
  await emitRows(p, i, (key, village, source, dayOffset, remark, fen) => {
    // A numeric cell holds a double; exceljs writes its shortest decimal form, which for
    // amounts of two decimals is exactly the text yuan() gives.
    sheet.addRow([key, village, source, new Date(Date.UTC(2023, 0, 1 + dayOffset)), remark, Number(yuan(fen))]).commit();
    return undefined;
  });
  sheet.commit();
  await book.commit();
  renameSync(tmp, path);
}

/** The dataset described by an existing manifest, if it was made the same way and is whole. */
function reuse(manifestPath, dir, want) {
  let m;
  try {
    m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return null;
  }
  if (!m?.params || !m.files || !Object.entries(want).every(([k, v]) => m.params[k] === v)) return null;
  // Paths are kept relative to the folder, so a moved checkout still finds its data.
  for (const f of Object.values(m.files)) {
    if (typeof f.name !== 'string') return null;
    f.path = join(dir, f.name);
    if (!existsSync(f.path) || statSync(f.path).size !== f.bytes) return null;
  }
  return { ...m, dir };
}

/**
 * Makes sure the dataset for these parameters is on disk and returns its manifest:
 * `{ dir, files: {allocated, disbursed, landed, allocatedXlsx?: {name, path, bytes}}, truth }`
 * with `truth` the key count and each ledger's total in fen. Files are reused
 * when the manifest matches; otherwise the folder is written anew.
 */
export async function ensureDataset(root, { rows, seed, xlsx = false, log = () => {} }) {
  const dir = join(root, `ledgers-${rows}-s${seed}${xlsx ? '-xlsx' : ''}`);
  const manifestPath = join(dir, 'manifest.json');
  const want = { generator: GENERATOR_VERSION, rows, seed, xlsx };
  const reused = reuse(manifestPath, dir, want);
  if (reused) return reused;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const p = plan(rows, seed);
  const files = {};
  for (const [i, role] of ROLES.entries()) {
    const path = join(dir, `${role}.csv`);
    await writeCsv(p, i, path);
    files[role] = { name: `${role}.csv`, bytes: statSync(path).size };
  }
  if (xlsx) {
    const path = join(dir, 'allocated.xlsx');
    await writeXlsx(plan(rows, seed), 0, path); // a fresh plan replays the same random sequence
    files.allocatedXlsx = { name: 'allocated.xlsx', bytes: statSync(path).size };
  }
  const manifest = { params: want, files, truth: p.truth, seconds: (performance.now() - started) / 1000 };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`generated ${dir} (${rows} rows per ledger${xlsx ? ', with XLSX' : ''}) in ${manifest.seconds.toFixed(1)} s`);
  for (const f of Object.values(files)) f.path = join(dir, f.name);
  return { ...manifest, dir };
}
