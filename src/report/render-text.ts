// The report for people at a terminal: totals first (the three figures, the two gaps, the
// rates), then keys from the largest gap down, then findings with the rows behind them.
// Amounts are exact to the 分, as every ledger is kept.

import type { Lang } from '../domain.js';
import { formatGrouped } from '../money.js';
import type { Figures, KeyResult } from '../reconcile/reconcile.js';
import type { Finding } from '../rules/types.js';

import { fitTable, PLAIN, table, wrap, type Column, type Paint } from './layout-text.js';
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

export interface TextOptions {
  paint?: Paint;
  /**
   * Keys listed, and findings listed of each rule, before the rest are left to the JSON or
   * CSV report: a province's hundreds of thousands of keys are no reading for a terminal.
   */
  top?: number;
  /**
   * The terminal's width in columns. The key and roll-up tables fit in it: long keys wrap and,
   * where that is not enough, the gap columns (which follow from A, D and L) are left out, and
   * the report says so. Without it (a file, a pipe) every key keeps one line, so grep finds it.
   */
  width?: number;
}


const SEP = { zh: '，', en: ', ' } as const;

function inputLines(i: InputSummary, lang: Lang, paint: Paint): string[] {
  const where = i.sheet ? `${i.path} [${i.sheet}]` : i.path;
  const compared = i.unitComparedWith
    ? `${SEP[lang]}${label('comparedWith', lang)} ${i.unitComparedWith.map((r) => ROLE_NAMES[r][lang]).join(lang === 'zh' ? '、' : ', ')}`
    : '';
  const unit = `${label('unit', lang)} ${i.unit}${paren(`${UNIT_SOURCES[i.unitSource][lang]}${compared}`, lang)}`;
  const rows = `${label('read', lang)} ${i.rows.read} = ${label('used', lang)} ${i.rows.used} + ${label('skipped', lang)} ${i.rows.skipped}`;
  const lines = [`  ${paint.bold(ROLE_NAMES[i.role][lang])}  ${where}`];
  const details = [unit, rows];
  if (i.encoding) details.push(`${label('encoding', lang)} ${encodingName(i.encoding)}`);
  lines.push(`    ${details.join(SEP[lang])}`);
  const named = (ref: string) => `${ref} ${i.columns.find((c) => c.ref === ref)?.header ?? ''}`.trim();
  const keyCols = i.keyColumns.map(named);
  lines.push(
    `    ${label('header', lang)} ${rowRanges(i.headerRows, lang)}${SEP[lang]}${label('keyColumns', lang)} ${keyCols.join(' + ')}${SEP[lang]}${label('amountColumn', lang)} ${i.amountColumns.map(named).join(' + ')}`,
  );
  // Hidden ones are listed as hidden, never offered as an amount.
  const others = i.amountCandidates.filter((ref) => !i.amountColumns.includes(ref) && !i.hiddenColumns.includes(ref));
  if (others.length) lines.push(`    ${paint.warning(`${label('otherAmounts', lang)}: ${others.map(named).join(SEP[lang])}`)}`);
  for (const line of columnWarnings(i, lang)) lines.push(`    ${paint.warning(line)}`);
  const byReason = groupRows(i.skipped, (s) => s.reason, (s) => s.row);
  if (byReason.size) {
    const parts = [...byReason].map(([reason, rows]) => `${SKIP_REASONS[reason as keyof typeof SKIP_REASONS][lang]} ${rowRanges(rows, lang, 4)}`);
    lines.push(`    ${label('skipped', lang)}: ${parts.join('; ')}`);
  }
  for (const f of i.footing) {
    const verdict = f.foots ? paint.ok(label(f.withinRounding ? 'footsByRounding' : 'foots', lang)) : paint.error(label('doesNotFoot', lang));
    const failed = f.failedIncluded ? paren(label('failedIncluded', lang, { amount: formatGrouped(f.failedIncluded) }), lang) : '';
    lines.push(`    ${label('footing', lang)}: ${rowRanges([f.row], lang)} “${f.label}” ${formatGrouped(f.stated)} ${verdict}${failed}`);
  }
  if (i.hiddenRows.length) lines.push(`    ${label('hidden', lang)}: ${rowRanges(i.hiddenRows, lang)}`);
  if (i.sheetState && i.sheetState !== 'visible') lines.push(`    ${paint.warning(label('sheetHidden', lang))}`);
  for (const n of i.notes) lines.push(`    ${paint.dim(layoutNote(n, lang))}`);
  return lines;
}

function statusText(k: KeyResult, lang: Lang, paint: Paint): string {
  return k.status
    .map((s) => (s === 'matched' ? paint.ok(STATUS_NAMES[s][lang]) : paint.error(STATUS_NAMES[s][lang])))
    .join(lang === 'zh' ? '、' : ', ');
}

function findingLines(f: Finding, report: GapReport, paint: Paint): string[] {
  const lang = report.settings.lang;
  const sev = SEVERITY_NAMES[f.severity][lang];
  const tag = f.severity === 'error' ? paint.error(sev) : f.severity === 'warning' ? paint.warning(sev) : paint.dim(sev);
  const head = [tag, paint.bold(RULE_NAMES[f.rule][lang]), f.key ?? ''].filter((s) => s !== '').join('  ');
  const evidence = [...evidenceByInput(evidenceOf(f, report))].map(([where, rows]) => `${where} ${rowRanges(rows, lang)}`);
  return [`  ${head}`, `    ${findingMessage(f, lang, report.roster?.path)}`, `    ${paint.dim(`${label('evidence', lang)}: ${evidence.join('; ')}`)}`];
}

export function renderText(report: GapReport, opts: TextOptions = {}): string {
  const paint = opts.paint ?? PLAIN;
  const lang = report.settings.lang;
  const top = opts.top ?? DEFAULT_TOP;
  const out: string[] = [];
  const grid = figureGrid(lang, paint, opts.width);

  headAndInputs(out, report, paint);
  summaryPart(out, report, paint, grid);
  keysPart(out, report, paint, grid, top);
  findingsPart(out, report, paint, top);

  return `${out.join('\n')}\n`;
}

/** How the key and roll-up tables share their figure columns and fit the terminal. */
interface FigureGrid {
  figureColumns: Column[];
  figureCells: (f: Figures) => string[];
  fit: { width: number; leaveOut: boolean };
  leftOutNote: (leftOut: Column[]) => string[];
}

function figureGrid(lang: Lang, paint: Paint, width: number | undefined): FigureGrid {
  const money = formatGrouped;
  // The five figure columns a key and a roll-up group share; the two gaps follow from A, D and L.
  const figureColumns: Column[] = (['colAllocated', 'colDisbursed', 'colLanded', 'colRetained', 'colNotLanded'] as const).map((l) => ({
    title: label(l, lang),
    align: 'right',
    optional: l === 'colRetained' || l === 'colNotLanded',
  }));
  const figureCells = (f: Figures) => [f.allocated, f.disbursed, f.landed, f.retained, f.notLanded].map(money);
  const fit = { width: width ?? Infinity, leaveOut: width !== undefined };
  // The note that columns were left out is itself kept within the terminal's width.
  const leftOutNote = (leftOut: Column[]) => {
    if (!leftOut.length) return [];
    const columns = lang === 'zh' ? leftOut.map((c) => `“${c.title}”`).join('') : leftOut.map((c) => c.title).join(' and ');
    return wrap(label('columnsLeftOut', lang, { width: fit.width, columns }), fit.width - 2).map((l) => `  ${paint.dim(l)}`);
  };
  return { figureColumns, figureCells, fit, leftOutNote };
}

/** The title, then each input as it was read, and the roster. */
function headAndInputs(out: string[], report: GapReport, paint: Paint): void {
  const lang = report.settings.lang;
  out.push(paint.bold(`${label('title', lang)}  ·  ${report.tool.name} ${report.tool.version}`));
  if (report.settings.asOf) out.push(`${label('asOf', lang)}: ${report.settings.asOf}`);
  out.push('', paint.bold(label('inputs', lang)));
  for (const i of report.inputs) out.push(...inputLines(i, lang, paint));
  if (report.roster) {
    const r = report.roster;
    out.push(`  ${paint.bold(label('roster', lang))}  ${r.sheet ? `${r.path} [${r.sheet}]` : r.path}`);
    out.push(`    ${label('rosterIds', lang, { n: r.ids })}${SEP[lang]}${label('header', lang)} ${rowRanges([r.headerRow], lang)}`);
  }
}

/** The three figures, the gaps and the rates, then the reading decisions, ageing and roll-ups. */
function summaryPart(out: string[], report: GapReport, paint: Paint, grid: FigureGrid): void {
  const lang = report.settings.lang;
  const t = report.totals;
  const money = formatGrouped;
  const { figureColumns, figureCells, fit, leftOutNote } = grid;
  const summary = table(
    [
      { title: '', align: 'left' },
      { title: '', align: 'right' },
      { title: '', align: 'left' },
    ],
    [
      [label('allocated', lang), money(t.allocated), ''],
      [label('disbursed', lang), money(t.disbursed), `${label('disbursedRate', lang)} ${showRate(t.disbursedRate)}`],
      [label('landed', lang), money(t.landed), `${label('landedRate', lang)} ${showRate(t.landedRate)}`],
      [label('retained', lang), money(t.retained), ''],
      [label('notLanded', lang), money(t.notLanded), ''],
      [label('gap', lang), money(t.gap), ''],
    ],
  ).slice(1);

  out.push('', `${paint.bold(label('summary', lang))}${paren(label('amountsIn', lang), lang)}`, ...summary);
  const decisions = readingDecisions(report.findings);
  if (decisions.length) {
    out.push('', paint.bold(label('decisions', lang)));
    const colon = lang === 'zh' ? '：' : ': ';
    for (const f of decisions) out.push(`  ${paint.warning('!')} ${RULE_NAMES[f.rule][lang]}${colon}${findingMessage(f, lang, report.roster?.path)}`);
  }
  if (report.ageing) {
    const rows = report.ageing
      .filter((a) => a.keys > 0)
      .map((a) => [a.bucket === 'undated' ? label('undated', lang) : `${a.bucket} ${label('days', lang)}`, money(a.amount), String(a.keys)]);
    out.push('', paint.bold(label('ageing', lang, { asOf: report.settings.asOf ?? '' })));
    out.push(
      ...table(
        [
          { title: label('ageBucket', lang), align: 'left' },
          { title: label('colRetained', lang), align: 'right' },
          { title: label('keysCount', lang), align: 'right' },
        ],
        rows,
      ),
    );
  }
  for (const r of report.rollups) {
    const groups = fitTable([{ title: label('group', lang), align: 'left', max: 30, min: 12 }, ...figureColumns], r.lines.map((l) => [l.group, ...figureCells(l)]), fit);
    out.push('', paint.bold(label('rollup', lang, { by: r.by })), ...leftOutNote(groups.leftOut), ...groups.lines);
  }
}

/** The keys, largest gap first, up to --top. */
function keysPart(out: string[], report: GapReport, paint: Paint, grid: FigureGrid, top: number): void {
  const lang = report.settings.lang;
  const { figureColumns, figureCells, fit, leftOutNote } = grid;
  const keys = fitTable(
    [{ title: label('key', lang), align: 'left', max: 40, min: 20 }, ...figureColumns, { title: label('status', lang), align: 'left' }],
    Array.from({ length: Math.min(top, report.keys.size) }, (_, n) => report.keys.at(n)).map((k) => [k.display, ...figureCells(k), statusText(k, lang, paint)]),
    fit,
  );
  out.push('', paint.bold(label('keys', lang)), ...leftOutNote(keys.leftOut), ...keys.lines);
  if (report.keys.size > top) out.push(`  ${label('moreKeys', lang, { n: report.keys.size - top })}`);
}

/** The count of findings by severity, then the findings by rule, up to --top of each. */
function findingsPart(out: string[], report: GapReport, paint: Paint, top: number): void {
  const lang = report.settings.lang;
  const c = report.counts.severity;
  const counts = (['error', 'warning', 'info'] as const)
    .filter((s) => c[s] > 0)
    .map((s) => `${SEVERITY_NAMES[s][lang]} ${c[s]}`)
    .join(' · ');
  out.push('', paint.bold(`${label('findings', lang)}${counts ? paren(counts, lang) : ''}`));
  if (report.findings.size === 0) out.push(`  ${paint.ok(label('noFindings', lang))}`);
  for (const g of report.findings.groups(top)) {
    for (const f of g.findings) out.push(...findingLines(f, report, paint));
    if (g.total > g.findings.length) out.push(`  ${paint.dim(label('moreFindings', lang, { n: g.total - g.findings.length, rule: RULE_NAMES[g.rule][lang] }))}`);
  }
}
