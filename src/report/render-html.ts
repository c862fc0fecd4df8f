// The report as one self-contained HTML page to open in a browser, attach to a finding or print
// on A4: the XLSX working paper's sections (summary with the reproducibility block, keys,
// findings with their rows, inputs), and SVG charts of the flow A → D → L that survive black
// and white printing. No script, no fetch of any kind; every ledger text is escaped.

import type { Lang, Role } from '../domain.js';
import { ROLES, STATUSES } from '../domain.js';
import { formatGrouped, type Money, type Rate } from '../money.js';
import type { Figures } from '../reconcile/reconcile.js';
import type { Evidence, Finding } from '../rules/types.js';
import { truncate } from './layout-text.js';
import {
  columnWarnings,
  encodingName,
  ENCODING_SOURCES,
  findingMessage,
  label,
  paren,
  ROLE_NAMES,
  rowRanges,
  RULE_NAMES,
  SEVERITY_NAMES,
  SKIP_REASONS,
  STATUS_NAMES,
  UNIT_SOURCES,
} from './messages.js';
import type { GapReport, InputSummary } from './model.js';
import { DEFAULT_TOP, evidenceOf, groupRows, readingDecisions, showRate, whereOf } from './present.js';
import { parametersOf } from './render-json.js';

export interface HtmlOptions {
  /** Keys listed, and findings listed of each rule; the JSON and XLSX reports have the rest. */
  top?: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Escaping. Markup is built with the `h` tag, which escapes every interpolated value unless it
// is itself markup made by `h`: a key written `<script>` in a ledger can only ever be text.

class Html {
  constructor(readonly text: string) {}
}

type Part = Html | string | number | bigint | null | undefined | false | readonly Part[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function piece(v: Part): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return (v as readonly Part[]).map(piece).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

function h(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

// ---------------------------------------------------------------------------------------------
// Styles. System fonts only (the page must not fetch one), with CJK faces named for each
// platform. Print: A4, sections on new pages, table headers repeated, rows and findings kept
// whole, long texts (paths, hashes, keys) wrapped instead of running off the right edge.

const CSS = `
:root { --ink: #1d3557; --rule: #9aa5b1; --soft: #eef1f5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1.5rem 1.25rem 3rem; color: #111; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif;
}
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: .4rem 0; }
.meta { color: #444; margin: 0; }
.toc { margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.toc a { color: var(--ink); }
section.part { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; font-size: .875rem; }
th, td { border: 1px solid var(--rule); padding: .2rem .4rem; vertical-align: top; text-align: left; }
thead th { background: var(--soft); font-weight: 600; }
tbody th { font-weight: 600; background: #f8f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.keys .key-col { width: 28%; }
.wrap { overflow-wrap: anywhere; word-break: break-word; }
code, .mono {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace;
  font-size: .85em; overflow-wrap: anywhere; word-break: break-all;
}
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; }
.figure { flex: 1 1 12rem; border: 2px solid var(--ink); border-radius: 4px; padding: .5rem .75rem; }
.figure .name { font-size: .9rem; color: #333; }
.figure .amount { font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.columns { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.columns > div { flex: 1 1 16rem; min-width: 0; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 680px; }
.sev { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .85em; font-weight: 700; border: 1.5px solid #000; }
.sev-error { background: #000; color: #fff; }
.sev-warning { border-style: solid; }
.sev-info { border-style: dashed; font-weight: 400; }
.rule-id { color: #555; font-weight: 400; font-size: .85em; }
article.finding { border-left: 3px solid var(--ink); padding: .25rem 0 .25rem .75rem; margin: .75rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
article.finding .head { font-weight: 600; }
article.finding .head .n { color: #555; font-weight: 400; }
article.finding .amount { font-variant-numeric: tabular-nums; white-space: nowrap; }
article.finding table { font-size: .8rem; margin-bottom: 0; }
.more { font-style: italic; color: #333; }
ul.decisions { padding-left: 1.25rem; }
table.kv > tbody > tr > th { width: 30%; }
table.params td:first-child { width: 45%; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .no-print { display: none; }
  section.part { margin-top: 1rem; }
  section.part + section.part { margin-top: 0; break-before: page; page-break-before: always; }
  .columns > div { flex: 1 1 30%; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  article.finding table { font-size: 8pt; }
  .figure .amount { font-size: 14pt; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

// ---------------------------------------------------------------------------------------------
// Charts. Each ledger has its own fill (solid, hatched, dotted) besides its letter and its
// exact amount, so the chart reads the same in black and white.

const INK = '#1d3557';
const CHART_W = 680;

/** A bar's length in pixels, to a tenth. Geometry, not money: the ratio is what is drawn. */
function barLength(amount: Money, max: Money, span: number): number {
  if (max <= 0n || amount <= 0n) return 0;
  return Number((amount * BigInt(span * 10)) / max) / 10;
}

const LETTER: Record<Role, string> = { allocated: 'A', disbursed: 'D', landed: 'L' };

function patterns(id: string): Html {
  return h`<defs>
<pattern id="${id}-d" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${INK}" stroke-width="2.4"/></pattern>
<pattern id="${id}-l" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.4" fill="${INK}"/></pattern>
</defs>`;
}

function fillOf(id: string, role: Role): string {
  return role === 'allocated' ? INK : `url(#${id}-${LETTER[role].toLowerCase()})`;
}

/** The swatches that say which fill is which ledger, and what the dashed outline means. */
function legend(id: string, y: number, lang: Lang): Html {
  const items = ROLES.map((role, i) => {
    const x = i * 150;
    return h`<rect x="${x}" y="${y}" width="22" height="12" fill="${fillOf(id, role)}" stroke="${INK}"/><text x="${x + 28}" y="${y + 10.5}" font-size="12">${LETTER[role]} ${label(colLabel(role), lang)}</text>`;
  });
  const x = 3 * 150;
  return h`<g class="legend">${items}<rect x="${x}" y="${y}" width="22" height="12" fill="none" stroke="#555" stroke-dasharray="4 2"/><text x="${x + 28}" y="${y + 10.5}" font-size="12">${label('stageBefore', lang)}</text></g>`;
}

function colLabel(role: Role) {
  return role === 'allocated' ? 'colAllocated' : role === 'disbursed' ? 'colDisbursed' : 'colLanded';
}

/** One ledger's bar, with the stage before it as a dashed outline and the exact amount after. */
function bar(id: string, role: Role, amount: Money, before: Money | null, max: Money, x: number, y: number, height: number, span: number, fontSize: number): Html {
  const w = barLength(amount, max, span);
  const ref = before === null ? 0 : barLength(before, max, span);
  const end = x + Math.max(w, ref);
  return h`<rect x="${x}" y="${y}" width="${w}" height="${height}" fill="${fillOf(id, role)}" stroke="${INK}"/>${
    before === null ? '' : h`<rect x="${x}" y="${y - 1.5}" width="${ref}" height="${height + 3}" fill="none" stroke="#555" stroke-dasharray="4 2"/>`
  }<text x="${end + 6}" y="${y + height / 2 + fontSize * 0.36}" font-size="${fontSize}" class="amt">${formatGrouped(amount)}</text>`;
}

function svg(id: string, height: number, title: string, desc: string, body: Html): Html {
  return h`<svg viewBox="0 0 ${CHART_W} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${title}</title><desc id="${id}-desc">${desc}</desc>${patterns(id)}${body}</svg>`;
}

function flowChart(report: GapReport): Html {
  const lang = report.settings.lang;
  const t = report.totals;
  const id = 'flow';
  const max = [t.allocated, t.disbursed, t.landed].reduce((a, b) => (b > a ? b : a), 0n);
  const [x, span] = [130, 390];
  const amounts: Record<Role, Money> = { allocated: t.allocated, disbursed: t.disbursed, landed: t.landed };
  const before: Record<Role, Money | null> = { allocated: null, disbursed: t.allocated, landed: t.disbursed };
  const gaps = [`${label('retained', lang)} ${formatGrouped(t.retained)}`, `${label('notLanded', lang)} ${formatGrouped(t.notLanded)}`, `${label('gap', lang)} ${formatGrouped(t.gap)}`];
  const rows = ROLES.map((role, i) => {
    const y = 4 + i * 50;
    return h`<text x="0" y="${y + 16}" font-size="13" font-weight="600">${LETTER[role]} ${label(colLabel(role), lang)}</text>${bar(id, role, amounts[role], before[role], max, x, y, 22, span, 13)}<text x="${x}" y="${y + 40}" font-size="12">↓ ${gaps[i]}</text>`;
  });
  const desc = [
    ...ROLES.map((role) => `${LETTER[role]} ${label(colLabel(role), lang)} ${formatGrouped(amounts[role])}`),
    ...gaps,
    label('chartHint', lang),
  ].join(lang === 'zh' ? '；' : '; ');
  return h`<figure class="chart"><figcaption>${label('chartFlow', lang)}</figcaption>${svg(id, 186, label('chartFlow', lang), desc, h`${rows}${legend(id, 166, lang)}`)}</figure>`;
}

/** How many keys the chart of the largest gaps shows. */
const CHART_KEYS = 10;

function keysChart(report: GapReport): Html {
  const lang = report.settings.lang;
  const id = 'gaps';
  const shown: { display: string; f: Figures }[] = [];
  // Keys come largest gap first: the first key without one ends the list.
  for (let n = 0; n < report.keys.size && shown.length < CHART_KEYS; n++) {
    const f = report.keys.figuresAt(n);
    if (f.retained === 0n && f.notLanded === 0n) break;
    shown.push({ display: report.keys.displayAt(n), f });
  }
  const title = label('chartKeys', lang, { n: shown.length });
  if (shown.length === 0) return h`<p>${label('noGaps', lang)}</p>`;
  const max = shown.reduce((m, { f }) => [f.allocated, f.disbursed, f.landed].reduce((a, b) => (b > a ? b : a), m), 0n);
  const block = 64;
  const [x, span] = [18, 470];
  const blocks = shown.map(({ display, f }, i) => {
    const y = i * block;
    const amounts: Record<Role, Money> = { allocated: f.allocated, disbursed: f.disbursed, landed: f.landed };
    const before: Record<Role, Money | null> = { allocated: null, disbursed: f.allocated, landed: f.disbursed };
    const gaps = `A−D ${formatGrouped(f.retained)} · D−L ${formatGrouped(f.notLanded)}`;
    const bars = ROLES.map((role, j) => {
      const by = y + 19 + j * 14;
      return h`<text x="0" y="${by + 9}" font-size="11" font-weight="600">${LETTER[role]}</text>${bar(id, role, amounts[role], before[role], max, x, by, 10, span, 11)}`;
    });
    // The key gets the width the gaps leave it (at most 7.8 px a column of display width in bold at this size).
    const room = Math.max(12, Math.floor((CHART_W - gaps.length * 6.6 - 16) / 7.8));
    return h`<g><text x="0" y="${y + 13}" font-size="12.5" font-weight="600">${truncate(display, room)}</text><text x="${CHART_W}" y="${y + 13}" font-size="11.5" text-anchor="end">${gaps}</text>${bars}</g>`;
  });
  const height = shown.length * block + 22;
  const desc = [
    ...shown.map(({ display, f }) => `${display}: A ${formatGrouped(f.allocated)}, D ${formatGrouped(f.disbursed)}, L ${formatGrouped(f.landed)}`),
    label('chartHint', lang),
  ].join(lang === 'zh' ? '；' : '; ');
  return h`<figure class="chart"><figcaption>${title}</figcaption>${svg(id, height, title, desc, h`${blocks}${legend(id, height - 16, lang)}`)}</figure>`;
}

// ---------------------------------------------------------------------------------------------
// Sections.

const list = (items: string[], lang: Lang) => items.join(lang === 'zh' ? '、' : ', ');

function table(head: Html | null, rows: Html | Html[], cls = ''): Html {
  return h`<table${cls ? h` class="${cls}"` : ''}>${head ? h`<thead>${head}</thead>` : ''}<tbody>${rows}</tbody></table>`;
}

/** Parameters as `name → value` lines, nested objects by dotted name, in the JSON report's order. */
function parameterLines(value: unknown, name: string, out: [string, string][]): [string, string][] {
  if (value === null || value === undefined) out.push([name, '—']);
  else if (Array.isArray(value)) out.push([name, value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—']);
  else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push([name, '—']);
    for (const [k, v] of entries) parameterLines(v, name ? `${name}.${k}` : k, out);
  } else out.push([name, String(value)]);
  return out;
}

function summarySection(report: GapReport): Html {
  const lang = report.settings.lang;
  const t = report.totals;
  const m = formatGrouped;
  const figures = ([['allocated', t.allocated], ['disbursed', t.disbursed], ['landed', t.landed]] as const).map(
    ([name, amount]) => h`<div class="figure"><div class="name">${label(name, lang)}</div><div class="amount">${m(amount)}</div></div>`,
  );
  const rate = (r: Rate | null) => h`<td class="num">${showRate(r)}</td>`;
  const gapRows = (
    [
      ['retained', amountCell(t.retained)],
      ['notLanded', amountCell(t.notLanded)],
      ['gap', amountCell(t.gap)],
      ['disbursedRate', rate(t.disbursedRate)],
      ['landedRate', rate(t.landedRate)],
    ] as const
  ).map(([name, cell]) => h`<tr><th scope="row">${label(name, lang)}</th>${cell}</tr>`);
  const statusRows = STATUSES.map((s) => h`<tr><th scope="row">${STATUS_NAMES[s][lang]}</th><td class="num">${report.counts.status[s]}</td></tr>`);
  const severityRows = (['error', 'warning', 'info'] as const).map(
    (s) => h`<tr><th scope="row">${SEVERITY_NAMES[s][lang]}</th><td class="num">${report.counts.severity[s]}</td></tr>`,
  );
  const colon = lang === 'zh' ? '：' : ': ';
  const decisions = readingDecisions(report.findings);
  const two = (a: string, b: string) => h`<tr><th>${a}</th><th class="num">${b}</th></tr>`;

  return h`<section class="part" id="summary"><h2>${label('summary', lang)}<span class="rule-id">${paren(label('amountsIn', lang), lang)}</span></h2>
<div class="figures">${figures}</div>
<div class="columns">
<div><h3>${label('gapsAndRates', lang)}</h3>${table(null, gapRows)}</div>
<div><h3>${label('keysByStatus', lang)}</h3>${table(two(label('status', lang), label('keysCount', lang)), statusRows)}</div>
<div><h3>${label('findingsBySeverity', lang)}</h3>${table(two(label('severity', lang), label('count', lang)), severityRows)}</div>
</div>
${flowChart(report)}
${decisions.length ? h`<h3>${label('decisions', lang)}</h3><ul class="decisions">${decisions.map((f) => h`<li><strong>${RULE_NAMES[f.rule][lang]}</strong>${colon}${findingMessage(f, lang, report.roster?.path)}</li>`)}</ul>` : ''}
${report.ageing ? ageingTable(report) : ''}
${report.rollups.map((r) => h`<h3>${label('rollup', lang, { by: r.by })}</h3>${table(
    h`<tr><th>${label('group', lang)}</th>${figureHeads(lang)}</tr>`,
    r.lines.map((l) => h`<tr><td class="wrap">${l.group}</td>${figureCells(l)}</tr>`),
  )}`)}
${reproducibility(report)}
</section>
`;
}

function ageingTable(report: GapReport): Html {
  const lang = report.settings.lang;
  const rows = report.ageing!
    .filter((a) => a.keys > 0)
    .map((a) => h`<tr><td>${a.bucket === 'undated' ? label('undated', lang) : `${a.bucket} ${label('days', lang)}`}</td>${amountCell(a.amount)}<td class="num">${a.keys}</td></tr>`);
  return h`<h3>${label('ageing', lang, { asOf: report.settings.asOf ?? '' })}</h3>${table(
    h`<tr><th>${label('ageBucket', lang)}</th><th class="num">${label('colRetained', lang)}</th><th class="num">${label('keysCount', lang)}</th></tr>`,
    rows,
  )}`;
}

const FIGURE_COLUMNS = ['colAllocated', 'colDisbursed', 'colLanded', 'colRetained', 'colNotLanded'] as const;

function figureHeads(lang: Lang): Html {
  return h`${FIGURE_COLUMNS.map((c) => h`<th class="num">${label(c, lang)}</th>`)}`;
}

/**
 * An amount for a table cell. It may break after a thousands separator and nowhere else, so a
 * table of hundred-billion amounts still fits a printed page instead of being cut at its edge.
 */
function amountCell(m: Money): Html {
  const groups = formatGrouped(m).split(',');
  return h`<td class="num">${groups.map((g, i) => (i === 0 ? g : h`,<wbr>${g}`))}</td>`;
}

function figureCells(f: Pick<Figures, 'allocated' | 'disbursed' | 'landed' | 'retained' | 'notLanded'>): Html {
  return h`${[f.allocated, f.disbursed, f.landed, f.retained, f.notLanded].map(amountCell)}`;
}

function reproducibility(report: GapReport): Html {
  const lang = report.settings.lang;
  const params = parameterLines(parametersOf(report.settings, report.config), '', []);
  const cells = (f: (i: InputSummary) => Part, cls = '') => report.inputs.map((i) => h`<td${cls ? h` class="${cls}"` : ''}>${f(i)}</td>`);
  const line = (name: string, f: (i: InputSummary) => Part, cls = '') => h`<tr><th scope="row">${name}</th>${cells(f, cls)}</tr>`;
  const inputs = table(
    h`<tr><th></th>${report.inputs.map((i) => h`<th>${ROLE_NAMES[i.role][lang]}</th>`)}</tr>`,
    [
      line(label('file', lang), (i) => h`<code>${i.path}</code>`, 'wrap'),
      line(label('sheet', lang), (i) => i.sheet ?? '—', 'wrap'),
      line('SHA-256', (i) => h`<code>${i.sha256}</code>`),
      line(label('format', lang), (i) => i.format),
      line(label('unit', lang), (i) => `${i.unit}${paren(UNIT_SOURCES[i.unitSource][lang], lang)}`),
      line(label('encoding', lang), (i) => (i.encoding ? encodingName(i.encoding) : '—')),
      line(label('read', lang), (i) => i.rows.read, 'num'),
      line(label('used', lang), (i) => i.rows.used, 'num'),
      line(label('skipped', lang), (i) => i.rows.skipped, 'num'),
    ],
  );
  const r = report.roster;
  return h`<h3>${label('reproducibility', lang)}</h3>
<p><strong>${label('tool', lang)}</strong>: ${report.tool.name} ${report.tool.version} · <code>${report.schema}</code></p>
${inputs}
${r ? h`<p><strong>${label('roster', lang)}</strong>: <code>${whereOf({ file: r.path, sheet: r.sheet ?? undefined })}</code> · SHA-256 <code>${r.sha256}</code> · ${label('read', lang)} ${r.rows.read} = ${label('used', lang)} ${r.rows.used} + ${label('skipped', lang)} ${r.rows.skipped}</p>` : ''}
${table(h`<tr><th>${label('parameter', lang)}</th><th>${label('value', lang)}</th></tr>`, params.map(([k, v]) => h`<tr><td><code>${k}</code></td><td class="wrap">${v}</td></tr>`), 'params')}`;
}

function* keysSection(report: GapReport, top: number): Generator<Html> {
  const lang = report.settings.lang;
  const shown = Math.min(top, report.keys.size);
  yield h`<section class="part" id="keys"><h2>${label('keys', lang)}</h2>
${keysChart(report)}
<table class="keys"><thead><tr><th class="num">#</th><th class="key-col">${label('key', lang)}</th>${figureHeads(lang)}<th>${label('status', lang)}</th></tr></thead><tbody>
`;
  for (let n = 0; n < shown; n++) {
    const k = report.keys.at(n);
    yield h`<tr><td class="num">${n + 1}</td><td class="wrap key-col">${k.display}</td>${figureCells(k)}<td>${list(k.status.map((s) => STATUS_NAMES[s][lang]), lang)}</td></tr>
`;
  }
  yield h`</tbody></table>
${report.keys.size > top ? h`<p class="more">${label('moreKeysFull', lang, { n: report.keys.size - top })}</p>` : ''}
</section>
`;
}

/** A finding's rows by ledger and file, as ranges. */
function evidenceTable(rows: readonly Evidence[], lang: Lang): Html {
  const byInput = groupRows(rows, (e) => `${e.role}\u0000${e.file}\u0000${e.sheet ?? ''}`, (e) => e.row);
  const lines = [...byInput].map(([k, rs]) => {
    const [role, file, sheet] = k.split('\u0000') as [keyof typeof ROLE_NAMES, string, string];
    return h`<tr><td>${ROLE_NAMES[role][lang]}</td><td class="wrap"><code>${file}</code></td><td class="wrap">${sheet || '—'}</td><td class="wrap">${rowRanges(rs, lang, 40)}</td></tr>`;
  });
  return table(
    h`<tr><th>${label('ledger', lang)}</th><th>${label('file', lang)}</th><th>${label('sheet', lang)}</th><th>${label('rowNumbers', lang)}</th></tr>`,
    lines,
    'evidence',
  );
}

function findingArticle(f: Finding, n: number, report: GapReport): Html {
  const lang = report.settings.lang;
  const rows = evidenceOf(f, report);
  return h`<article class="finding"><div class="head"><span class="n">${n}.</span> <span class="key wrap">${f.key ?? '—'}</span>${
    f.amount === null ? '' : h` · ${label('amount', lang)} <span class="amount">${formatGrouped(f.amount)}</span>`
  }</div><p class="message wrap">${findingMessage(f, lang, report.roster?.path)}</p>${rows.length ? evidenceTable(rows, lang) : ''}</article>
`;
}

function* findingsSection(report: GapReport, top: number): Generator<Html> {
  const lang = report.settings.lang;
  const c = report.counts.severity;
  const counts = (['error', 'warning', 'info'] as const).filter((s) => c[s] > 0).map((s) => `${SEVERITY_NAMES[s][lang]} ${c[s]}`);
  yield h`<section class="part" id="findings"><h2>${label('findings', lang)}${counts.length ? h`<span class="rule-id">${paren(counts.join(' · '), lang)}</span>` : ''}</h2>
`;
  if (report.findings.size === 0) yield h`<p>${label('noFindings', lang)}</p>`;
  let n = 0;
  for (const g of report.findings.groups(top)) {
    yield h`<h3><span class="sev sev-${g.severity}">${SEVERITY_NAMES[g.severity][lang]}</span> ${RULE_NAMES[g.rule][lang]} <span class="rule-id">${g.rule} · ${g.total}</span></h3>
`;
    for (const f of g.findings) yield findingArticle(f, ++n, report);
    if (g.total > g.findings.length) yield h`<p class="more">${label('moreFindingsFull', lang, { n: g.total - g.findings.length, rule: RULE_NAMES[g.rule][lang] })}</p>`;
  }
  yield h`</section>
`;
}

function inputBlock(i: InputSummary, lang: Lang): Html {
  const named = (ref: string) => `${ref} ${i.columns.find((c) => c.ref === ref)?.header ?? ''}`.trim();
  const kv = (k: string, v: Part) => h`<tr><th scope="row">${k}</th><td class="wrap">${v}</td></tr>`;
  const encoding = i.encoding
    ? `${encodingName(i.encoding)}${i.encodingSource && ENCODING_SOURCES[i.encodingSource] ? paren(ENCODING_SOURCES[i.encodingSource]![lang], lang) : ''}`
    : null;
  const sep = lang === 'zh' ? '；' : '; ';
  const compared = i.unitComparedWith ? `${sep}${label('comparedWith', lang)} ${list(i.unitComparedWith.map((r) => ROLE_NAMES[r][lang]), lang)}` : '';
  const byReason = groupRows(i.skipped, (s) => s.reason, (s) => s.row);
  const skipped = [...byReason].map(
    ([reason, rows]) =>
      h`<tr><td>${SKIP_REASONS[reason as keyof typeof SKIP_REASONS][lang]}</td><td class="wrap">${rowRanges(rows, lang, 200)}</td><td class="num">${rows.length}</td></tr>`,
  );
  const footing = i.footing.map((f) => {
    const verdict = f.foots ? label(f.withinRounding ? 'footsByRounding' : 'foots', lang) : label('doesNotFoot', lang);
    const failed = f.failedIncluded ? paren(label('failedIncluded', lang, { amount: formatGrouped(f.failedIncluded) }), lang) : '';
    return h`<li>${rowRanges([f.row], lang)} “${f.label}” ${formatGrouped(f.stated)}${lang === 'zh' ? '：' : ': '}${verdict}${failed}</li>`;
  });
  const notes = [...columnWarnings(i, lang), ...(i.sheetState && i.sheetState !== 'visible' ? [label('sheetHidden', lang)] : []), ...i.notes];
  return h`<h3>${ROLE_NAMES[i.role][lang]} · <code>${whereOf({ file: i.path, sheet: i.sheet ?? undefined })}</code></h3>
${table(
    h`<tr><th colspan="2">${label('rowAccounting', lang)}</th></tr>`,
    [
      kv(`${label('read', lang)} = ${label('used', lang)} + ${label('skipped', lang)}`, `${i.rows.read} = ${i.rows.used} + ${i.rows.skipped}`),
      kv(label('format', lang), i.format),
      encoding === null ? h`` : kv(label('encoding', lang), encoding),
      i.delimiter === null ? h`` : kv(label('delimiter', lang), h`<code>${JSON.stringify(i.delimiter)}</code>`),
      kv(label('unit', lang), `${i.unit}${paren(`${UNIT_SOURCES[i.unitSource][lang]}${compared}`, lang)}`),
      kv(label('header', lang), rowRanges(i.headerRows, lang)),
      kv(label('keyColumns', lang), i.keyColumns.map(named).join(' + ')),
      kv(label('amountColumn', lang), i.amountColumns.map(named).join(' + ')),
      i.hiddenRows.length ? kv(label('hidden', lang), rowRanges(i.hiddenRows, lang, 200)) : h``,
    ],
    'kv',
  )}
${skipped.length ? h`<h4>${label('skippedRows', lang)}</h4>${table(h`<tr><th>${label('reason', lang)}</th><th>${label('rowNumbers', lang)}</th><th class="num">${label('count', lang)}</th></tr>`, skipped)}` : ''}
${footing.length ? h`<h4>${label('footing', lang)}</h4><ul>${footing}</ul>` : ''}
${notes.length ? h`<h4>${label('notes', lang)}</h4><ul>${notes.map((n) => h`<li class="wrap">${n}</li>`)}</ul>` : ''}
`;
}

function inputsSection(report: GapReport): Html {
  const lang = report.settings.lang;
  const r = report.roster;
  return h`<section class="part" id="inputs"><h2>${label('inputs', lang)}</h2>
${report.inputs.map((i) => inputBlock(i, lang))}
${r ? h`<h3>${label('roster', lang)} · <code>${whereOf({ file: r.path, sheet: r.sheet ?? undefined })}</code></h3><p>${[`${label('read', lang)} ${r.rows.read} = ${label('used', lang)} ${r.rows.used} + ${label('skipped', lang)} ${r.rows.skipped}`, label('rosterIds', lang, { n: r.ids }), `${label('header', lang)} ${rowRanges([r.headerRow], lang)}`].join(lang === 'zh' ? '；' : '; ')}</p>` : ''}
</section>
`;
}

// ---------------------------------------------------------------------------------------------

/** The page in pieces: the head and summary, then a key and a finding at a time. */
export function* renderHtml(report: GapReport, opts: HtmlOptions = {}): Generator<string> {
  const lang = report.settings.lang;
  const top = opts.top ?? DEFAULT_TOP;
  const title = label('title', lang);
  const sections = [
    ['summary', label('summary', lang)],
    ['keys', label('keys', lang)],
    ['findings', label('findings', lang)],
    ['inputs', label('inputs', lang)],
  ] as const;
  // The policy forbids every fetch and every script, so even a mistake here cannot reach out.
  yield h`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${report.tool.name} ${report.tool.version}">
<title>${title}</title>
<style>${new Html(CSS)}</style>
</head>
<body>
<header><h1>${title}</h1>
<p class="meta">${report.tool.name} ${report.tool.version}${report.settings.asOf ? ` · ${label('asOf', lang)} ${report.settings.asOf}` : ''}</p>
<nav class="toc no-print" aria-label="${label('contents', lang)}">${sections.map(([id, name]) => h`<a href="#${id}">${name}</a>`)}</nav>
</header>
<main>
`.text;
  yield summarySection(report).text;
  for (const part of keysSection(report, top)) yield part.text;
  for (const part of findingsSection(report, top)) yield part.text;
  yield inputsSection(report).text;
  yield '</main>\n</body>\n</html>\n';
}
