// Picks the renderer for --format and, for the terminal, the colours. chalk is used here and
// nowhere else: renderers receive a Paint and never decide on colour themselves.

import { Chalk } from 'chalk';
import { writeStreamAtomic } from '../io/files.js';
import type { GapReport } from '../report/model.js';
import { renderCsv } from '../report/render-csv.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-md.js';
import { renderText } from '../report/render-text.js';
import { writeXlsxReport, type SourceRows } from '../report/render-xlsx.js';
import { PLAIN, type Paint } from '../report/layout-text.js';

export type ReportFormat = 'text' | 'md' | 'json' | 'csv' | 'xlsx';
/** The formats written as text; an XLSX workbook is a ZIP, written only to a file (-o). */
export type TextFormat = Exclude<ReportFormat, 'xlsx'>;

export function paintFor(color: boolean): Paint {
  if (!color) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, error: c.red, warning: c.yellow, ok: c.green };
}

/** The report in the pieces it is written in: JSON and CSV a line at a time, whatever their size. */
export function renderReport(report: GapReport, format: TextFormat, opts: { color: boolean; top?: number | undefined }): Iterable<string> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return [renderMarkdown(report, { top: opts.top })];
    case 'csv':
      return renderCsv(report);
    case 'text':
      return [renderText(report, { paint: paintFor(opts.color), top: opts.top })];
  }
}

/** The XLSX working paper into `path`, atomically, quoting its evidence rows from the inputs. */
export async function writeXlsxFile(path: string, report: GapReport, rows: SourceRows): Promise<void> {
  await writeStreamAtomic(path, (out) => writeXlsxReport(report, out, { lang: report.settings.lang, rows }));
}
