// `fundgap inspect`: how one sheet will be read, before anything is reconciled. The header
// row found, each column and the field it maps to, the unit and where it came from, the
// encoding, every skipped row with its reason, and whether each total row foots.

import type { Lang } from '../domain.js';
import type { LedgerRead } from '../ledger/read-ledger.js';
import { formatGrouped, formatExact } from '../money.js';
import { groupRows } from './present.js';
import { footingJson } from './render-json.js';

import type { SheetInfo, SheetSource } from '../sheets/types.js';
import { PLAIN, table, type Paint } from './layout-text.js';
import { columnWarnings, ENCODING_SOURCES, encodingName, label, layoutNote, paren, rowRanges, SKIP_REASONS, UNIT_SOURCES } from './messages.js';
import type { Role } from '../domain.js';

export interface Inspection {
  source: SheetSource;
  sheets: readonly SheetInfo[];
  read: LedgerRead;
  /** The ledger the sheet was read as (--role), for the config paths in hints. */
  role?: Role | undefined;
}

/** How the encoding was decided (sheets/encoding.ts), in words. */
/** A tab or semicolon is easier to recognise by name than as a quoted character. */
const DELIMITER_NAMES: Record<string, Record<Lang, string> | undefined> = {
  ',': { zh: '逗号', en: 'comma' },
  '\t': { zh: '制表符', en: 'tab' },
  ';': { zh: '分号', en: 'semicolon' },
};

export function inspectionJson(x: Inspection, lang: Lang) {
  const { layout, totals } = x.read;
  const fieldOf = (i: number) => (layout.amountColumns.includes(i) ? 'amount' : (Object.entries(layout.fields).find(([, c]) => c === i)?.[0] ?? null));
  return {
    path: x.source.path,
    format: x.source.format,
    sheets: x.sheets,
    sheet: x.source.sheet ?? null,
    sheetState: x.source.sheetState ?? null,
    encoding: x.source.encoding?.encoding ?? null,
    encodingSource: x.source.encoding?.source ?? null,
    delimiter: x.source.delimiter ?? null,
    headerRows: layout.headerRows,
    columns: layout.columns.map((c) => ({ ref: c.ref, header: c.name.display, field: fieldOf(c.index), unit: c.name.unit ?? null })),
    key: layout.keyColumns.map((i) => layout.columns[i]!.ref),
    amount: layout.columns[layout.amountColumn]!.ref,
    amountColumns: layout.amountColumns.map((i) => layout.columns[i]!.ref),
    amountCandidates: layout.amountCandidates.map((c) => c.ref),
    hiddenColumns: layout.columns.filter((c) => c.hidden).map((c) => c.ref),
    unmappedIdColumns: layout.unmappedIdColumns.map((c) => c.ref),
    unit: x.read.unit,
    unitSource: x.read.unitSource,
    rows: { read: totals.read, used: totals.used, skipped: totals.skipped.length },
    total: formatExact(totals.total),
    keys: totals.keys.size,
    skipped: [...totals.skipped].sort((a, b) => a.row - b.row),
    hiddenRows: totals.hiddenRows,
    footing: totals.footing.map(footingJson),
    // Rows whose reading as heading or data only the other ledgers or the config can settle.
    headingQuestions: totals.headingQuestions
      .filter((q) => q.kind !== 'possible')
      .map((q) => ({ row: q.row, kind: q.kind, label: q.label, amount: formatExact(q.amount) })),
    notes: layout.notes.map((n) => layoutNote(n, lang)),
  };
}

type InspectionJson = ReturnType<typeof inspectionJson>;

/** The sheet, the others in its file, its encoding and its header rows. */
function sheetLines(j: InspectionJson, lang: Lang, paint: Paint): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  if (j.sheets.length > 1 || j.sheetState !== 'visible' && j.sheetState !== null) {
    const list = j.sheets.map((s) => `${s.name}${s.state === 'visible' ? '' : paren(zh ? '隐藏' : 'hidden', lang)}`);
    out.push(`  ${zh ? '工作表' : 'sheets'}: ${list.join(zh ? '、' : ', ')}`);
  }
  if (j.sheetState !== null && j.sheetState !== 'visible') out.push(`  ${paint.warning(label('sheetHidden', lang))}`);
  if (j.encoding) {
    const how = ENCODING_SOURCES[j.encodingSource ?? '']?.[lang] ?? j.encodingSource ?? '';
    out.push(`  ${label('encoding', lang)}: ${encodingName(j.encoding)}${paren(how, lang)}  ${zh ? '分隔符' : 'delimiter'}: ${DELIMITER_NAMES[j.delimiter ?? '']?.[lang] ?? JSON.stringify(j.delimiter)}`);
  }
  out.push(`  ${label('header', lang)}: ${rowRanges(j.headerRows, lang)}`);
  return out;
}

/** Each column with the field it was read as, and the columns that could have been the amount. */
function columnLines(j: InspectionJson, x: Inspection, lang: Lang, paint: Paint): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  const cols = table(
    [
      { title: zh ? '列' : 'col', align: 'left' },
      { title: label('header', lang), align: 'left', max: 40 },
      { title: zh ? '字段' : 'field', align: 'left' },
    ],
    j.columns.map((c) => {
      const role = j.key.includes(c.ref) ? (zh ? '比对字段' : 'key') : j.amountColumns.includes(c.ref) ? (zh ? '金额' : 'amount') : '';
      const hidden = j.hiddenColumns.includes(c.ref) ? paint.warning(zh ? '（隐藏）' : '(hidden)') : '';
      return [c.ref, c.header, [c.field ?? '—', role && paint.bold(`← ${role}`), hidden].filter((s) => s).join(' ')];
    }),
    '    ',
  );
  out.push(`  ${zh ? '列' : 'columns'}:`, ...cols);
  // Hidden ones are listed as hidden, never offered as an amount.
  const others = j.columns.filter((c) => !j.amountColumns.includes(c.ref) && j.amountCandidates.includes(c.ref) && !j.hiddenColumns.includes(c.ref));
  if (others.length) out.push(`  ${paint.warning(`${label('otherAmounts', lang)}: ${others.map((c) => `${c.ref} ${c.header}`).join(zh ? '，' : ', ')}`)}`);
  for (const line of columnWarnings({ ...j, role: x.role ?? 'allocated' }, lang)) out.push(`  ${paint.warning(line)}`);
  return out;
}

/** How the rows were read: the unit, every row accounted for, the totals checked, headings left open. */
function readingLines(j: InspectionJson, x: Inspection, lang: Lang, paint: Paint): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`  ${label('unit', lang)}: ${j.unit}${paren(UNIT_SOURCES[j.unitSource][lang], lang)}`);
  out.push(`  ${label('rows', lang)}: ${label('read', lang)} ${j.rows.read} = ${label('used', lang)} ${j.rows.used} + ${label('skipped', lang)} ${j.rows.skipped}`);
  for (const [reason, rows] of groupRows(j.skipped, (s) => s.reason, (s) => s.row)) out.push(`    ${SKIP_REASONS[reason as keyof typeof SKIP_REASONS][lang]}: ${rowRanges(rows, lang)}`);
  if (j.hiddenRows.length) out.push(`  ${label('hidden', lang)}: ${rowRanges(j.hiddenRows, lang)}`);
  for (const f of x.read.totals.footing) {
    const verdict = f.foots ? paint.ok(label(f.withinRounding ? 'footsByRounding' : 'foots', lang)) : paint.error(label('doesNotFoot', lang));
    out.push(
      `  ${label('footing', lang)}: ${rowRanges([f.row], lang)} “${f.label}” ${formatGrouped(f.stated)} ${
        zh ? '明细合计' : 'rows add up to'
      } ${formatGrouped(f.computed)} ${verdict}${f.failedIncluded ? paren(label('failedIncluded', lang, { amount: formatGrouped(f.failedIncluded) }), lang) : ''}`,
    );
  }
  for (const q of j.headingQuestions) {
    const read = q.kind === 'doubt' ? (zh ? '按数据行读取' : 'read as a row of its own') : zh ? '按标题行读取' : 'read as a heading';
    out.push(
      `  ${paint.warning(
        zh
          ? `${rowRanges([q.row], lang)} “${q.label}” 可能是标题行也可能不是（${read}；对账时由其他台账或配置 "headings" 确定）`
          : `${rowRanges([q.row], lang)} "${q.label}" may or may not be a heading (${read}; reconcile settles it from the other ledgers or the config's "headings")`,
      )}`,
    );
  }
  for (const n of j.notes) out.push(`  ${paint.dim(n)}`);
  return out;
}

export function renderInspection(x: Inspection, lang: Lang, paint: Paint = PLAIN): string {
  const j = inspectionJson(x, lang);
  const out: string[] = [paint.bold(j.sheet ? `${j.path} [${j.sheet}]` : j.path), ...sheetLines(j, lang, paint), ...columnLines(j, x, lang, paint), ...readingLines(j, x, lang, paint)];
  return `${out.join('\n')}\n`;
}
