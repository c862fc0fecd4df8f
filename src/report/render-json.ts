// The machine report, schema fundgap.report/v1: amounts as exact decimal strings in 元,
// rows as Excel shows them, and nothing that changes from one run to the next (no clock, no
// absolute paths), so the same inputs and settings give the same bytes.

import type { FootingCheck } from '../ledger/accumulate.js';
import { exactText, formatExact, formatPercent, type Money, type Rate } from '../money.js';
import type { Limit } from '../reconcile/tolerance.js';
import type { Settings } from '../settings.js';
import { findingMessage } from './messages.js';
import type { GapReport } from './model.js';

const amount = (m: Money) => formatExact(m);
const rate = (r: Rate | null) => (r === null ? null : formatPercent(r));
const limit = (l: Limit) => ({
  absolute: l.absolute === undefined ? null : amount(l.absolute),
  percent: l.percent === undefined ? null : exactText(l.percent),
});

export function footingJson(f: FootingCheck) {
  return {
    row: f.row,
    kind: f.kind,
    label: f.label,
    stated: amount(f.stated),
    computed: amount(f.computed),
    difference: amount((f.stated - f.computed)),
    foots: f.foots,
    formula: f.formula ?? null,
    covers: { first: f.covers.first ?? null, last: f.covers.last ?? null, count: f.covers.count },
    base: f.base === undefined ? null : amount(f.base),
    roundedRows: f.rounded,
    allowance: exactText(f.allowance),
    withinRounding: f.withinRounding,
    ...(f.failedIncluded ? { failedIncluded: amount(f.failedIncluded) } : {}),
  };
}

export function parametersOf(settings: Settings, config: GapReport['config']) {
  const t = settings.tolerance;
  return {
    key: settings.key,
    tolerance: {
      retained: limit(t.retained),
      overDisbursed: limit(t.overDisbursed),
      notLanded: limit(t.notLanded),
      overLanded: limit(t.overLanded),
    },
    lateDays: settings.lateDays ?? null,
    duplicateWindowDays: settings.duplicateWindowDays,
    groupBy: settings.groupBy,
    mergeSimilar: settings.mergeSimilar ?? null,
    asOf: settings.asOf ?? null,
    failOn: settings.failOn,
    lang: settings.lang,
    severity: settings.severity,
    materiality: settings.materiality === undefined ? null : amount(settings.materiality),
    ledgers: settings.ledgers,
    roster: settings.roster,
    config,
  };
}

export function toJson(report: GapReport) {
  const lang = report.settings.lang;
  const t = report.totals;
  return {
    schema: report.schema,
    tool: report.tool,
    parameters: parametersOf(report.settings, report.config),
    inputs: report.inputs.map((i) => ({
      role: i.role,
      path: i.path,
      sheet: i.sheet,
      sha256: i.sha256,
      format: i.format,
      encoding: i.encoding,
      encodingSource: i.encodingSource,
      delimiter: i.delimiter,
      unit: i.unit,
      unitSource: i.unitSource,
      unitComparedWith: i.unitComparedWith,
      header: {
        rows: i.headerRows,
        columns: i.columns,
        key: i.keyColumns,
        amount: i.amountColumn,
        // Present only when there is something to say, so reports of ordinary sheets keep their shape.
        ...(i.amountColumns.length > 1 ? { amounts: i.amountColumns } : {}),
        ...(i.hiddenColumns.length ? { hidden: i.hiddenColumns } : {}),
        ...(i.unmappedIdColumns.length ? { unmappedIds: i.unmappedIdColumns } : {}),
      },
      rows: i.rows,
      skipped: i.skipped,
      hiddenRows: i.hiddenRows,
      sheetState: i.sheetState,
      footing: i.footing.map(footingJson),
      notes: i.notes,
    })),
    totals: {
      allocated: amount(t.allocated),
      disbursed: amount(t.disbursed),
      landed: amount(t.landed),
      retained: amount(t.retained),
      notLanded: amount(t.notLanded),
      gap: amount(t.gap),
      // Rates are percentages rounded half-up to two places; amounts are never rounded.
      rates: { disbursed: rate(t.disbursedRate), landed: rate(t.landedRate) },
    },
    summary: report.counts,
    ageing: report.ageing?.map((a) => ({ bucket: a.bucket, amount: amount(a.amount), keys: a.keys })) ?? null,
    rollups: report.rollups.map((r) => ({
      by: r.by,
      groups: r.lines.map((l) => ({
        group: l.group,
        allocated: amount(l.allocated),
        disbursed: amount(l.disbursed),
        landed: amount(l.landed),
        retained: amount(l.retained),
        notLanded: amount(l.notLanded),
        gap: amount(l.gap),
      })),
    })),
    roster: report.roster,
    keys: [...report.keys].map((k) => ({
      key: k.display,
      allocated: amount(k.allocated),
      disbursed: amount(k.disbursed),
      landed: amount(k.landed),
      retained: amount(k.retained),
      notLanded: amount(k.notLanded),
      gap: amount(k.gap),
      rates: { disbursed: rate(k.disbursedRate), landed: rate(k.landedRate) },
      status: k.status,
      evidence: k.evidence,
    })),
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      key: f.key,
      amount: f.amount === null ? null : amount(f.amount),
      message: findingMessage(f, lang, report.roster?.path),
      evidence: f.evidence.map((e) => ({ role: e.role, file: e.file, sheet: e.sheet ?? null, row: e.row })),
    })),
  };
}

export function renderJson(report: GapReport): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}
