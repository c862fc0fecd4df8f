// The report as Markdown, for pasting into a finding (问题底稿) or a merge request: the same
// sections as the text report, as tables, every word in the report's language. Text from the
// ledgers is escaped so that a key with * or _ in it shows as written, not as emphasis.

import type { Lang } from '../domain.js';
import { formatGrouped } from '../money.js';
import {
  columnWarnings,
  encodingName,
  findingMessage,
  label,
  layoutNote,
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
import { DEFAULT_TOP, evidenceByInput, evidenceOf, groupRows, readingDecisions, showRate } from './present.js';

/** Text as Markdown shows it literally: punctuation that would start emphasis, a link or HTML is escaped. */
const text = (s: string) => s.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/\r?\n/g, ' ');

/** A path or hash as code; the fence outgrows any backticks inside (file names may hold them). */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/** Cells are already Markdown; a pipe would still end the cell inside code, so it is escaped there too. */
const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/(?<!\\)\|/g, '\\|')).join(' | ')} |`;
const rule = (aligns: ('l' | 'r')[]) => `|${aligns.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;

const COLON = { zh: '：', en: ': ' } as const;
const SEMI = { zh: '；', en: '; ' } as const;
const COMMA = { zh: '，', en: ', ' } as const;

/** What the text report says under each ledger, one bullet a line: columns, skipped rows by reason, totals checked. */
function inputNotes(i: InputSummary, lang: Lang): string[] {
  const named = (ref: string) => `${ref} ${i.columns.find((c) => c.ref === ref)?.header ?? ''}`.trim();
  const notes: string[] = [];
  const columns = [
    `${label('header', lang)} ${rowRanges(i.headerRows, lang)}`,
    `${label('keyColumns', lang)} ${i.keyColumns.map(named).join(' + ')}`,
    `${label('amountColumn', lang)} ${i.amountColumns.map(named).join(' + ')}`,
  ];
  if (i.encoding) columns.push(`${label('encoding', lang)} ${encodingName(i.encoding)}`);
  notes.push(text(columns.join(COMMA[lang])));
  const byReason = groupRows(i.skipped, (s) => s.reason, (s) => s.row);
  if (byReason.size) {
    const parts = [...byReason].map(([reason, rows]) => `${SKIP_REASONS[reason as keyof typeof SKIP_REASONS][lang]} ${rowRanges(rows, lang, 4)}`);
    notes.push(text(`${label('skipped', lang)}${COLON[lang]}${parts.join(SEMI[lang])}`));
  }
  for (const f of i.footing) {
    const failed = f.failedIncluded ? paren(label('failedIncluded', lang, { amount: formatGrouped(f.failedIncluded) }), lang) : '';
    const verdict = f.foots ? label(f.withinRounding ? 'footsByRounding' : 'foots', lang) : `**${label('doesNotFoot', lang)}**`;
    notes.push(`${text(`${label('footing', lang)}${COLON[lang]}${rowRanges([f.row], lang)} “${f.label}” ${formatGrouped(f.stated)}`)} ${verdict}${text(failed)}`);
  }
  notes.push(...columnWarnings(i, lang).map(text));
  if (i.hiddenRows.length) notes.push(text(`${label('hidden', lang)}${COLON[lang]}${rowRanges(i.hiddenRows, lang)}`));
  if (i.sheetState && i.sheetState !== 'visible') notes.push(text(label('sheetHidden', lang)));
  notes.push(...i.notes.map((n) => text(layoutNote(n, lang))));
  return notes;
}

export function renderMarkdown(report: GapReport, opts: { top?: number } = {}): string {
  const lang = report.settings.lang;
  const top = opts.top ?? DEFAULT_TOP;
  const out: string[] = [];

  out.push(`# ${label('title', lang)}`, '');
  out.push(`${report.tool.name} ${report.tool.version}${report.settings.asOf ? ` · ${label('asOf', lang)} ${report.settings.asOf}` : ''}`, '');

  inputsSection(out, report, lang);
  summarySection(out, report, lang);
  keysSection(out, report, lang, top);
  findingsSection(out, report, lang, top);
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** Each input: its file, unit, rows accounted for and hash, then what was noted reading it. */
function inputsSection(out: string[], report: GapReport, lang: Lang): void {
  out.push(`## ${label('inputs', lang)}`, '');
  out.push(
    row([label('ledger', lang), label('file', lang), label('unit', lang), `${label('read', lang)} = ${label('used', lang)} + ${label('skipped', lang)}`, 'SHA-256']),
  );
  out.push(rule(['l', 'l', 'l', 'r', 'l']));
  for (const i of report.inputs) {
    out.push(
      row([
        ROLE_NAMES[i.role][lang],
        `${code(i.path)}${i.sheet ? ` \\[${text(i.sheet)}\\]` : ''}`,
        text(`${i.unit}${paren(UNIT_SOURCES[i.unitSource][lang], lang)}`),
        `${i.rows.read} = ${i.rows.used} + ${i.rows.skipped}`,
        code(i.sha256),
      ]),
    );
  }
  out.push('');
  for (const i of report.inputs) {
    out.push(`**${ROLE_NAMES[i.role][lang]}**`, '', ...inputNotes(i, lang).map((n) => `- ${n}`), '');
  }
  if (report.roster) {
    const r = report.roster;
    out.push(`**${label('roster', lang)}** ${code(r.path)}${r.sheet ? ` \\[${text(r.sheet)}\\]` : ''}`, '');
    out.push(`- ${text(`${label('rosterIds', lang, { n: r.ids })}${COMMA[lang]}${label('header', lang)} ${rowRanges([r.headerRow], lang)}`)}`, '');
  }
}

/** The three figures and the gaps, then the reading decisions, ageing and roll-ups. */
function summarySection(out: string[], report: GapReport, lang: Lang): void {
  const t = report.totals;
  const money = formatGrouped;
  out.push(`## ${label('summary', lang)}${paren(label('amountsIn', lang), lang)}`, '');
  out.push(row([label('figure', lang), label('figureValue', lang)]), rule(['l', 'r']));
  out.push(row([label('allocated', lang), money(t.allocated)]));
  out.push(row([label('disbursed', lang), money(t.disbursed)]));
  out.push(row([label('landed', lang), money(t.landed)]));
  out.push(row([label('retained', lang), money(t.retained)]));
  out.push(row([label('notLanded', lang), money(t.notLanded)]));
  out.push(row([label('gap', lang), money(t.gap)]));
  out.push(row([label('disbursedRate', lang), showRate(t.disbursedRate)]));
  out.push(row([label('landedRate', lang), showRate(t.landedRate)]), '');
  const decisions = readingDecisions(report.findings);
  if (decisions.length) {
    out.push(`### ${label('decisions', lang)}`, '');
    for (const f of decisions) out.push(`- **${RULE_NAMES[f.rule][lang]}**${COLON[lang]}${text(findingMessage(f, lang, report.roster?.path))}`);
    out.push('');
  }
  if (report.ageing) {
    out.push(`### ${label('ageing', lang, { asOf: report.settings.asOf ?? '' })}`, '');
    out.push(row([label('ageBucket', lang), label('colRetained', lang), label('keysCount', lang)]), rule(['l', 'r', 'r']));
    for (const a of report.ageing.filter((x) => x.keys > 0)) {
      out.push(row([a.bucket === 'undated' ? label('undated', lang) : `${a.bucket} ${label('days', lang)}`, money(a.amount), String(a.keys)]));
    }
    out.push('');
  }
  for (const r of report.rollups) {
    out.push(`### ${text(label('rollup', lang, { by: r.by }))}`, '');
    out.push(
      row([label('group', lang), label('colAllocated', lang), label('colDisbursed', lang), label('colLanded', lang), label('colRetained', lang), label('colNotLanded', lang)]),
      rule(['l', 'r', 'r', 'r', 'r', 'r']),
    );
    for (const l of r.lines) out.push(row([text(l.group), money(l.allocated), money(l.disbursed), money(l.landed), money(l.retained), money(l.notLanded)]));
    out.push('');
  }
}

/** The keys, largest gap first, up to --top. */
function keysSection(out: string[], report: GapReport, lang: Lang, top: number): void {
  const money = formatGrouped;
  out.push(`## ${label('keys', lang)}`, '');
  out.push(
    row([
      label('key', lang),
      label('colAllocated', lang),
      label('colDisbursed', lang),
      label('colLanded', lang),
      label('colRetained', lang),
      label('colNotLanded', lang),
      label('status', lang),
    ]),
    rule(['l', 'r', 'r', 'r', 'r', 'r', 'l']),
  );
  for (let n = 0; n < Math.min(top, report.keys.size); n++) {
    const k = report.keys.at(n);
    out.push(
      row([
        text(k.display),
        money(k.allocated),
        money(k.disbursed),
        money(k.landed),
        money(k.retained),
        money(k.notLanded),
        k.status.map((s) => STATUS_NAMES[s][lang]).join(lang === 'zh' ? '、' : ', '),
      ]),
    );
  }
  if (report.keys.size > top) out.push('', `_${text(label('moreKeys', lang, { n: report.keys.size - top }))}_`);
  out.push('');
}

/** The findings by rule, each with its evidence, up to --top of each rule. */
function findingsSection(out: string[], report: GapReport, lang: Lang, top: number): void {
  out.push(`## ${label('findings', lang)}`, '');
  if (report.findings.size === 0) out.push(label('noFindings', lang), '');
  let n = 0;
  for (const g of report.findings.groups(top)) {
    for (const f of g.findings) {
      const marker = `${++n}. `;
      const key = f.key ? ` · ${text(f.key)}` : '';
      out.push(`${marker}**${SEVERITY_NAMES[f.severity][lang]} · ${RULE_NAMES[f.rule][lang]}**${key}${COLON[lang]}${text(findingMessage(f, lang, report.roster?.path))}`, '');
      // A paragraph of its own inside the item: a bare line break would join it to the message.
      const byFile = evidenceByInput(evidenceOf(f, report));
      const evidence = [...byFile].map(([where, rows]) => `${code(where)} ${rowRanges(rows, lang)}`).join(SEMI[lang]);
      out.push(`${' '.repeat(marker.length)}${label('evidence', lang)}${COLON[lang]}${evidence}`, '');
    }
    if (g.total > g.findings.length) out.push(`_${text(label('moreFindings', lang, { n: g.total - g.findings.length, rule: RULE_NAMES[g.rule][lang] }))}_`, '');
  }
}
