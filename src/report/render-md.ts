// The report as Markdown, for pasting into a finding (问题底稿) or a merge request: the same
// sections as the text report, as tables.

import { formatGrouped } from '../money.js';
import {
  columnWarnings,
  findingMessage,
  label,
  ROLE_NAMES,
  rowRanges,
  RULE_NAMES,
  SEVERITY_NAMES,
  SKIP_REASONS,
  STATUS_NAMES,
  UNIT_SOURCES,
} from './messages.js';
import type { GapReport } from './model.js';
import { DEFAULT_TOP, evidenceByInput, evidenceOf, readingDecisions, showRate } from './present.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
const rule = (aligns: ('l' | 'r')[]) => `|${aligns.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;

export function renderMarkdown(report: GapReport, opts: { top?: number } = {}): string {
  const lang = report.settings.lang;
  const top = opts.top ?? DEFAULT_TOP;
  const t = report.totals;
  const money = formatGrouped;
  const out: string[] = [];

  out.push(`# ${label('title', lang)}`, '');
  out.push(`${report.tool.name} ${report.tool.version}${report.settings.asOf ? ` · ${label('asOf', lang)} ${report.settings.asOf}` : ''}`, '');

  out.push(`## ${label('inputs', lang)}`, '');
  out.push(row(['', 'file', label('unit', lang), `${label('read', lang)} = ${label('used', lang)} + ${label('skipped', lang)}`, 'SHA-256']));
  out.push(rule(['l', 'l', 'l', 'r', 'l']));
  for (const i of report.inputs) {
    out.push(
      row([
        ROLE_NAMES[i.role][lang],
        `\`${i.path}\`${i.sheet ? ` [${i.sheet}]` : ''}`,
        `${i.unit} (${UNIT_SOURCES[i.unitSource][lang]})`,
        `${i.rows.read} = ${i.rows.used} + ${i.rows.skipped}`,
        `\`${i.sha256}\``,
      ]),
    );
  }
  out.push('');
  for (const i of report.inputs) {
    const notes: string[] = [];
    for (const s of i.skipped) notes.push(`${rowRanges([s.row], lang)}: ${SKIP_REASONS[s.reason][lang]}`);
    const named = (ref: string) => `${ref} ${i.columns.find((c) => c.ref === ref)?.header ?? ''}`.trim();
    if (i.amountColumns.length > 1) notes.push(`${label('amountColumn', lang)}: ${i.amountColumns.map(named).join(' + ')}`);
    for (const f of i.footing) {
      const failed = f.failedIncluded ? ` (${label('failedIncluded', lang, { amount: formatGrouped(f.failedIncluded) })})` : '';
      notes.push(`${label('footing', lang)} ${rowRanges([f.row], lang)} “${f.label}” ${formatGrouped(f.stated)}: ${f.foots ? label(f.withinRounding ? 'footsByRounding' : 'foots', lang) : label('doesNotFoot', lang)}${failed}`);
    }
    notes.push(...columnWarnings(i, lang));
    if (i.hiddenRows.length) notes.push(`${label('hidden', lang)}: ${rowRanges(i.hiddenRows, lang)}`);
    if (i.sheetState && i.sheetState !== 'visible') notes.push(label('sheetHidden', lang));
    notes.push(...i.notes);
    if (notes.length) out.push(`**${ROLE_NAMES[i.role][lang]}**: ${notes.join('; ')}`, '');
  }

  out.push(`## ${label('summary', lang)} (${label('amountsIn', lang)})`, '');
  out.push(row(['', '']), rule(['l', 'r']));
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
    for (const f of decisions) out.push(`- **${RULE_NAMES[f.rule][lang]}**: ${findingMessage(f, lang, report.roster?.path)}`);
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
    out.push(`### ${label('rollup', lang, { by: r.by })}`, '');
    out.push(
      row([label('group', lang), label('colAllocated', lang), label('colDisbursed', lang), label('colLanded', lang), label('colRetained', lang), label('colNotLanded', lang)]),
      rule(['l', 'r', 'r', 'r', 'r', 'r']),
    );
    for (const l of r.lines) out.push(row([l.group, money(l.allocated), money(l.disbursed), money(l.landed), money(l.retained), money(l.notLanded)]));
    out.push('');
  }

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
        k.display,
        money(k.allocated),
        money(k.disbursed),
        money(k.landed),
        money(k.retained),
        money(k.notLanded),
        k.status.map((s) => STATUS_NAMES[s][lang]).join(lang === 'zh' ? '、' : ', '),
      ]),
    );
  }
  if (report.keys.size > top) out.push('', `_${label('moreKeys', lang, { n: report.keys.size - top })}_`);
  out.push('');

  out.push(`## ${label('findings', lang)}`, '');
  if (report.findings.size === 0) out.push(label('noFindings', lang), '');
  let n = 0;
  for (const g of report.findings.groups(top)) {
    for (const f of g.findings) {
      out.push(`${++n}. **${SEVERITY_NAMES[f.severity][lang]} · ${RULE_NAMES[f.rule][lang]}**${f.key ? ` · ${f.key}` : ''}: ${findingMessage(f, lang, report.roster?.path)}`);
      const byFile = evidenceByInput(evidenceOf(f, report));
      out.push(`   ${label('evidence', lang)}: ${[...byFile].map(([w, rows]) => `\`${w}\` ${rowRanges(rows, lang)}`).join('; ')}`);
    }
    if (g.total > g.findings.length) out.push(`   _${label('moreFindings', lang, { n: g.total - g.findings.length, rule: RULE_NAMES[g.rule][lang] })}_`);
  }
  return `${out.join('\n')}\n`;
}
