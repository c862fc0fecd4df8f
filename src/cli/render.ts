// Picks the renderer for --format and, for the terminal, the colours and the width. chalk is used here and
// nowhere else: renderers receive a Paint and never decide on colour themselves.

import { Chalk } from 'chalk';
import type { GapReport } from '../report/model.js';
import { renderCsv } from '../report/render-csv.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-md.js';
import { renderText } from '../report/render-text.js';
import { PLAIN, type Paint } from '../report/layout-text.js';

export type ReportFormat = 'text' | 'md' | 'json' | 'csv';

export function paintFor(color: boolean): Paint {
  if (!color) return PLAIN;
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, error: c.red, warning: c.yellow, ok: c.green };
}

/** The report in the pieces it is written in: JSON and CSV a line at a time, whatever their size. */
export function renderReport(report: GapReport, format: ReportFormat, opts: { color: boolean; top?: number | undefined; columns?: number | undefined }): Iterable<string> {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'md':
      return [renderMarkdown(report, { top: opts.top })];
    case 'csv':
      return renderCsv(report);
    case 'text':
      return [renderText(report, { paint: paintFor(opts.color), top: opts.top, width: opts.columns })];
  }
}
