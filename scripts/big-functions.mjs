// Lists the functions in src/ a maintainer would dread: over 80 lines, or over 25 branches
// (if, loops, case, catch, ?:, &&, ||, ??), biggest first. A reading aid, not a gate: it finds
// functions by their shape in the text (strings, comments and regular expressions blanked
// out first), so an odd construct may escape it. A function's count includes the functions
// nested in it.
//
//   node scripts/big-functions.mjs [--lines 80] [--branches 25] [--all] [--src DIR]
//
// Exits 1 when a function not in KEPT is over the limits, or KEPT names one that is not;
// `npm test` runs it (test/scripts/big-functions.test.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const argText = (name) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const arg = (name, dflt) => Number(argText(name) ?? dflt);
const SRC = argText('--src') ?? join(ROOT, 'src');
const MAX_LINES = arg('--lines', 80);
const MAX_BRANCHES = arg('--branches', 25);
const ALL = process.argv.includes('--all');

/** The code with every string, template text, comment and regex literal blanked to spaces (newlines kept). */
function skeleton(text) {
  const out = [...text];
  const blank = (from, to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  const templates = []; // brace depth at each open ${
  let depth = 0;
  let last = ''; // the last significant character, to tell a regex from a division
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      blank(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2) + 2;
      blank(i, end);
      i = end;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      last = 'x';
    } else if (c === '`' || (c === '}' && templates.length && templates.at(-1) === depth)) {
      if (c === '}') templates.pop();
      let j = i + 1;
      while (j < text.length && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      if (text[j] === '$') {
        templates.push(depth);
        i = j + 2;
        last = '{';
      } else {
        i = j + 1;
        last = 'x';
      }
    } else if (c === '/' && /[(,=:[!&|?{};+\-*%<>~^]|^$|return|typeof/.test(last)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      while (/[a-z]/.test(text[i] ?? '')) i++;
      last = 'x';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) {
        last = c;
        if (/[a-z]/.test(c)) {
          const word = /^[a-z]+/.exec(text.slice(i, i + 12))[0];
          if (word === 'return' || word === 'typeof') {
            last = word;
            i += word.length;
            continue;
          }
        }
      }
      i++;
    }
  }
  return out.join('');
}

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'function']);

function matchBack(code, close, open, shut) {
  let d = 0;
  for (let k = close; k >= 0; k--) {
    if (code[k] === shut) d++;
    else if (code[k] === open && --d === 0) return k;
  }
  return -1;
}

function matchForward(code, open) {
  let d = 0;
  for (let k = open; k < code.length; k++) {
    if (code[k] === '{') d++;
    else if (code[k] === '}' && --d === 0) return k;
  }
  return code.length - 1;
}

/** Each function body: its name, where it starts and ends (character offsets). */
function functions(code) {
  const found = [];
  for (let k = 0; k < code.length; k++) {
    if (code[k] !== '{') continue;
    let before = code.slice(Math.max(0, k - 400), k).trimEnd();
    let name;
    if (before.endsWith('=>')) {
      // An arrow function: const name = (…) => {, or a callback.
      const m = /(?:const|let|var)\s+([\w$]+)\s*(?::[^=]*)?=\s*(?:async\s*)?(?:\([^]*?\)|[\w$]+)\s*(?::[^=]*?)?=>$/.exec(before);
      name = m ? m[1] : '(callback)';
    } else {
      // A return type between ) and { is skipped back over: ): Promise<X> {
      const typed = /\)\s*:\s*[^(){};=]*(?:\([^()]*\)[^(){};=]*)*$/.exec(before);
      if (typed) before = before.slice(0, typed.index + 1);
      if (!before.endsWith(')')) continue;
      const close = k - (code.slice(0, k).length - code.slice(0, k).lastIndexOf(')'));
      const open = matchBack(code, close, '(', ')');
      if (open < 0) continue;
      const head = /([\w$]+)\s*(?:<[^()]*>)?\s*$/.exec(code.slice(Math.max(0, open - 200), open));
      if (!head || CONTROL.has(head[1])) {
        if (!/function\s*\*?\s*$/.test(code.slice(Math.max(0, open - 30), open))) continue;
        name = '(function)';
      } else name = head[1];
    }
    found.push({ name, start: k, end: matchForward(code, k) });
  }
  return found;
}

/**
 * Functions kept whole on purpose, each with the reason. Listed apart, so a new big function
 * stands out; an entry whose function has shrunk below the limits is reported as stale.
 */
const KEPT = {
  'scan src/sheets/csv-bytes.ts':
    'the CSV byte scanner: its states side by side in one loop over every byte of every ledger, so the hottest loop of a run makes no call per byte',
  'classifyRow src/ledger/classify.ts':
    "every row of every ledger passes it; its steps are named functions already (scanRow, carriedRow, readAmount, keyPartsOf) and what is left is the order of the row's decisions, read top to bottom",
  'readLedger src/ledger/read-ledger.ts':
    'its per-row closures (take, takeRow) share the end-of-table state and are counted with it; the set-up and the ending are named steps',
  'startTag src/sheets/html/tokenize.ts':
    "one pass over a tag's characters (name, attributes, quoted and unquoted values, self-closing), bounded and in order, as a tokenizer reads them",
  'parseInteger src/text/chinese-capitals.ts': 'the grammar of amounts in Chinese capitals, a branch per kind of character (digit, 零, 拾/佰/仟, 万, 亿) and the one before it; split, the running sums of its three sections would be shared state',
  'compoundFileNames src/sheets/cfb.ts': "the compound-file directory walk: most branches are bound checks on sectors and chains, which keep a damaged .xls from reading past its end or looping",
};

const BRANCH = /\b(?:if|for|while|case|catch)\b|&&|\|\||\?\?|\?(?![.?:])/g;

const rows = [];
for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
  const code = skeleton(readFileSync(join(SRC, file), 'utf8'));
  const lineAt = (offset) => code.slice(0, offset).split('\n').length;
  for (const f of functions(code)) {
    const body = code.slice(f.start, f.end + 1);
    const lines = lineAt(f.end) - lineAt(f.start) + 1;
    const branches = (body.match(BRANCH) ?? []).length;
    if (ALL || lines > MAX_LINES || branches > MAX_BRANCHES) rows.push({ where: `src/${file}:${lineAt(f.start)}`, name: f.name, lines, branches });
  }
}
rows.sort((a, b) => b.lines + 3 * b.branches - (a.lines + 3 * a.branches));
const line = (r) => `${String(r.lines).padStart(4)} lines ${String(r.branches).padStart(4)} branches  ${r.name}  ${r.where}`;
const keptKey = (r) => `${r.name} ${r.where.replace(/:\d+$/, '')}`;
const inThisTree = (k) => readdirSync(SRC, { recursive: true, encoding: 'utf8' }).some((f) => k.endsWith(` src/${f}`));
const kept = ALL ? [] : rows.filter((r) => keptKey(r) in KEPT);
const big = ALL ? rows : rows.filter((r) => !(keptKey(r) in KEPT));
for (const r of big) console.log(line(r));
console.log(`${big.length} function${big.length === 1 ? '' : 's'} over ${MAX_LINES} lines or ${MAX_BRANCHES} branches (${relative(ROOT, SRC)}/)`);
if (kept.length) {
  console.log('\nkept whole on purpose:');
  for (const r of kept) console.log(`${line(r)}\n        ${KEPT[keptKey(r)]}`);
}
const stale = Object.keys(KEPT).filter((k) => inThisTree(k) && !kept.some((r) => keptKey(r) === k));
if (!ALL && stale.length) console.log(`\nno longer big, drop from KEPT: ${stale.join(', ')}`);
if (!ALL && (big.length || stale.length)) process.exitCode = 1;
