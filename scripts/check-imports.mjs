// Checks the shape of src/: no import circles, and every import points down the pipeline
// (sheets → ledger → reconcile → rules/analyses → report → cli), so a reader can follow the
// architecture from the folder names. Type-only imports count: a circle of types is still a
// circle a reader has to untangle. Exits 1 naming each offending import.
//
//   node scripts/check-imports.mjs

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

/** Layers from the ground floor up; a module may import its own layer or any below it. */
const LAYERS = [
  ['domain.ts', 'text/', 'errors.ts', 'money.ts'],
  ['io/'],
  ['sheets/'],
  ['ledger/'],
  ['config/', 'settings.ts'],
  ['reconcile/'],
  ['roster/', 'rules/', 'analyses/'],
  ['report/'],
  ['pipeline.ts'],
  ['engine/'],
  ['cli/', 'index.ts'],
];

const layerOf = (file) => LAYERS.findIndex((names) => names.some((n) => (n.endsWith('/') ? file.startsWith(n) : file === n)));

const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const edges = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(join(SRC, file), 'utf8');
  const targets = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = normalize(join(dirname(file), m[1])).replace(/\.js$/, '.ts');
    targets.push(target);
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from === -1) problems.push(`${file}: not in any layer of scripts/check-imports.mjs`);
    else if (to > from) problems.push(`${file} imports ${target}, which is above it (${LAYERS[from][0]} < ${LAYERS[to][0]})`);
  }
  edges.set(file, targets);
}

// Circles: Tarjan's strongly connected components.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function visit(v) {
  info.set(v, { index, low: index, on: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v) ?? []) {
    if (!edges.has(w)) continue;
    if (!info.has(w)) {
      visit(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const scc = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).on = false;
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) circles.push(scc.sort());
  }
}
for (const v of edges.keys()) if (!info.has(v)) visit(v);
for (const c of circles) problems.push(`import circle: ${c.join(' → ')}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
} else console.log(`${files.length} modules, imports point down the pipeline, no circles (${relative(ROOT, SRC)}/)`);
