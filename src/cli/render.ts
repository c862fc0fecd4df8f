// Picks the renderer for the chosen format and writes the report to -o or standard output;
// for the terminal, also the colours and the width. chalk is used here and nowhere else:
// renderers receive a Paint and never decide on colour themselves.

import { Chalk } from 'chalk';
import iconv from 'iconv-lite';
import { writePiecesAtomic, writeStreamAtomic } from '../io/files.js';
import { failsAt } from '../report/build.js';
import type { GapReport } from '../report/model.js';
import { renderCsv } from '../report/render-csv.js';
import { renderHtml } from '../report/render-html.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-md.js';
import { renderText } from '../report/render-text.js';
import type { SourceRows } from '../report/render-xlsx.js';
import { PLAIN, type Paint } from '../report/layout-text.js';
import { emit, type Io } from './io.js';
import type { Output, ReportFormat } from './output-format.js';

export type { ReportFormat };

export function paintFor(color: boolean): Paint {
  if (!color) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, error: c.red, warning: c.yellow, ok: c.green };
}

/** How the text report is laid out: colour, how much of it, and the terminal it fits, if any. */
export interface View {
  color: boolean;
  top?: number | undefined;
  /** The terminal's columns, when the report goes to one. */
  columns?: number | undefined;
}


/** The report in the pieces it is written in: JSON and CSV a line at a time, whatever their size. */
export function renderReport(report: GapReport, format: Exclude<ReportFormat, 'xlsx'>, view: View, output?: Pick<Output, 'csvEncoding'>): Iterable<string> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return [renderMarkdown(report, { top: view.top })];
    case 'csv':
      return renderCsv(report, { bom: output?.csvEncoding !== 'gb18030' });
    case 'html':
      return renderHtml(report, { top: view.top });
    case 'text':
      return [renderText(report, { paint: paintFor(view.color), top: view.top, width: view.columns })];
  }
}

/** GB18030 for tools that read no UTF-8; every character has a code there, so nothing is lost. */
const gb18030 = (text: string): Uint8Array => iconv.encode(text, 'gb18030');

/** The XLSX working paper into `path`, atomically, quoting its evidence rows from the inputs. */
export async function writeXlsxFile(path: string, report: GapReport, rows: SourceRows): Promise<void> {
  // Loaded only for an XLSX report: exceljs takes longer to load than a county's ledgers to read.
  const { writeXlsxReport } = await import('../report/render-xlsx.js');
  await writeStreamAtomic(path, (out) => writeXlsxReport(report, out, { lang: report.settings.lang, rows }));
}

/** Renders and writes the report: to -o atomically (a reader never sees half a file), else to standard output. */
export async function writeReport(report: GapReport, output: Output, io: Io, view: View, rows: () => SourceRows): Promise<void> {
  // A workbook is bytes from its own streaming writer, and goes to a file only (chooseOutput sees to -o).
  if (output.format === 'xlsx') {
    await writeXlsxFile(output.out!, report, rows());
    return;
  }
  const pieces = renderReport(report, output.format, view, output);
  const encode = output.format === 'csv' && output.csvEncoding === 'gb18030' ? gb18030 : undefined;
  if (output.out !== undefined) await writePiecesAtomic(output.out, pieces, encode);
  else await emit(io, pieces, encode);
}

/**
 * A command's last step, whichever engine made the report: write it (colour and width only on
 * a terminal) and give the exit code its --fail-on asks for.
 */
export async function writeReportAndExit(report: GapReport, output: Output, io: Io, top: number | undefined, rows: () => SourceRows): Promise<number> {
  const terminal = output.out === undefined && io.isTTY;
  await writeReport(report, output, io, { color: terminal && !io.env.NO_COLOR, top, columns: terminal ? io.columns : undefined }, rows);
  return failsAt(report, report.settings.failOn) ? 1 : 0;
}
