// The machine report, schema fundgap.report/v2 (docs/report-schema.md): amounts as exact
// decimal strings in 元, rows as Excel shows them, and nothing that changes from one run to the
// next (no clock, no absolute paths), so the same inputs and settings give the same bytes.
// Written as it is read, a key and a finding at a time, one per line: a province's report
// never exists as one string, and a key's status finding points to the key's rows instead of
// copying them.

import type { FootingCheck } from '../ledger/accumulate.js';
import { exactText, formatExact, formatPercent, type Exact, type Money, type Rate } from '../money.js';
import type { Finding } from '../rules/types.js';
import type { KeyResult } from '../reconcile/reconcile.js';
import { findingMessage, layoutNote } from './messages.js';
import type { GapReport } from './model.js';
import { parametersOf } from './parameters.js';

export { parametersOf };

const amount = (m: Money) => formatExact(m);
const rate = (r: Rate | null) => (r === null ? null : formatPercent(r));

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

/**
 * Everything but the keys and the findings: small, whatever the size of the ledgers. The XLSX
 * working paper carries it too, for `fundgap verify`.
 */
export function headOf(report: GapReport) {
  const t = report.totals;
  return {
    schema: report.schema,
    tool: report.tool,
    parameters: parametersOf(report.settings, report.config, report.roster),
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
      notes: i.notes.map((n) => layoutNote(n, report.settings.lang)),
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
    summary: { ...report.counts, rules: report.findings.rules() },
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
  };
}

export function keyJson(k: KeyResult) {
  return {
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
  };
}

/** Amounts (bigint fen) as exact decimal strings, exact decimals as written, for `details`. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return formatExact(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    if ('coef' in value && 'scale' in value && typeof value.coef === 'bigint') return exactText(value as Exact);
    // A loop rather than Object.entries and fromEntries: every finding's details pass here.
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = plain(v);
    }
    return out;
  }
  return value;
}

export function findingJson(f: Finding, report: GapReport) {
  const rule = f.rule;
  const severity = f.severity;
  const key = f.key;
  const amountText = f.amount === null ? null : amount(f.amount);
  const message = findingMessage(f, report.settings.lang, report.roster?.path);
  const evidence = f.evidence.map((e) => ({ role: e.role, file: e.file, sheet: e.sheet ?? null, row: e.row }));
  const details = plain(f.details);
  // Two literals rather than a spread, which would build each finding the slow way. A key's
  // status finding: its rows are the key's own in these ledgers (keys[keyIndex].evidence).
  return f.from
    ? { rule, severity, key, amount: amountText, message, evidence, evidenceOf: { keyIndex: f.from.position, roles: f.from.roles }, details }
    : { rule, severity, key, amount: amountText, message, evidence, details };
}

/**
 * A key's line as JSON.stringify(keyJson(k)) writes it, put together directly: JSON.stringify
 * walked a fresh object per key and took most of the time a large report spends on its keys.
 * Amounts, rates and statuses need no escaping (digits, a sign and a point; fixed words).
 */
export function keyLine(k: KeyResult): string {
  const e = k.evidence;
  return `{"key":${quote(k.display)},"allocated":"${amount(k.allocated)}","disbursed":"${amount(k.disbursed)}","landed":"${amount(k.landed)}","retained":"${amount(k.retained)}","notLanded":"${amount(k.notLanded)}","gap":"${amount(k.gap)}","rates":{"disbursed":${rateText(k.disbursedRate)},"landed":${rateText(k.landedRate)}},"status":${words(k.status)},"evidence":{"allocated":[${e.allocated.join(',')}],"disbursed":[${e.disbursed.join(',')}],"landed":[${e.landed.join(',')}]}}`;
}

/** A finding's line as JSON.stringify(findingJson(f, report)) writes it (see keyLine). */
export function findingLine(f: Finding, report: GapReport): string {
  const amountText = f.amount === null ? 'null' : `"${amount(f.amount)}"`;
  const message = quote(findingMessage(f, report.settings.lang, report.roster?.path));
  const evidence = f.evidence.length === 0 ? '[]' : JSON.stringify(f.evidence.map((e) => ({ role: e.role, file: e.file, sheet: e.sheet ?? null, row: e.row })));
  const head = `{"rule":"${f.rule}","severity":"${f.severity}","key":${f.key === null ? 'null' : quote(f.key)},"amount":${amountText},"message":${message},"evidence":${evidence}`;
  const details = JSON.stringify(plain(f.details));
  return f.from ? `${head},"evidenceOf":{"keyIndex":${f.from.position},"roles":${words(f.from.roles)}},"details":${details}}` : `${head},"details":${details}}`;
}

/** Characters JSON.stringify writes otherwise than as themselves (quotes, controls, lone surrogates). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
/** A string as JSON.stringify writes it: as it is, in quotes, unless a character needs escaping. */
function quote(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}
/** A list of fixed words (statuses, roles), which never need escaping. */
function words(list: readonly string[]): string {
  return list.length === 0 ? '[]' : `["${list.join('","')}"]`;
}
const rateText = (r: Rate | null) => (r === null ? 'null' : `"${formatPercent(r)}"`);

const KEYS = '\u0000keys\u0000';
const FINDINGS = '\u0000findings\u0000';

/**
 * The report in pieces: the head pretty-printed, then each key and each finding on a line of
 * its own, so the writer holds one line at a time.
 */
export function* renderJson(report: GapReport): Generator<string> {
  const text = JSON.stringify({ ...headOf(report), keys: KEYS, findings: FINDINGS }, null, 2);
  const [beforeKeys, rest] = text.split(`"${JSON.stringify(KEYS).slice(1, -1)}"`) as [string, string];
  const [between, after] = rest.split(`"${JSON.stringify(FINDINGS).slice(1, -1)}"`) as [string, string];
  yield beforeKeys;
  yield* array(report.keys, keyLine);
  yield between;
  yield* array(report.findings, (f) => findingLine(f, report));
  yield `${after}\n`;
}

function* array<T>(items: Iterable<T>, line: (item: T) => string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? '[\n    ' : ',\n    '}${line(item)}`;
    first = false;
  }
  yield first ? '[]' : '\n  ]';
}

export type ReportJson = ReturnType<typeof headOf> & { keys: ReturnType<typeof keyJson>[]; findings: ReturnType<typeof findingJson>[] };

/** The whole report as one object: for small reports only (init compares two of them). */
export function toJson(report: GapReport): ReportJson {
  return JSON.parse([...renderJson(report)].join('')) as ReportJson;
}
