// `fundgap verify <report>`: does a report still hold? Re-hashes every file the report names
// (ledgers, roster, config), re-runs the reconciliation with the parameters the report records
// and compares. Exit 0 when all is as the report states, 1 when a file or a figure changed,
// 2 when a file is missing or the report cannot be read.

import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { ROLES, type ByRole, type Lang, type Role } from '../domain.js';
import { FundgapError, formatError, t, type Bilingual } from '../errors.js';
import { pathKind, sha256File } from '../io/files.js';
import type { LedgerInput } from '../sheets/types.js';
import { runReconciliation } from '../pipeline.js';
import { compareReports, type Comparison, type Difference } from '../report/compare.js';
import { pad, displayWidth } from '../report/layout-text.js';
import { ROLE_NAMES, RULE_NAMES, label, type Label } from '../report/messages.js';
import type { GapReport, ToolInfo } from '../report/model.js';
import { readParameters } from '../report/parameters.js';
import type { LedgerSettings } from '../ledger/ledger-settings.js';
import { openSheet } from '../sheets/open.js';
import type { Io } from './io.js';
import { readReport, type RecordedReport } from './read-report.js';

export interface VerifyOptions {
  /** The folder the report's relative paths are taken from (the current one otherwise). */
  base?: string;
  lang?: string;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const inputsJson = z
  .array(z.object({ role: z.enum(ROLES as [string, ...string[]]), path: z.string().min(1), sheet: z.string().nullable(), sha256 }))
  .refine((inputs) => inputs.length === ROLES.length && ROLES.every((r) => inputs.some((i) => i.role === r)), { error: 'expected one input per ledger' });
const rosterJson = z.object({ path: z.string().min(1), sheet: z.string().nullable(), sha256 }).nullable().optional();

/** A file the report names, where it is looked for now, and what became of it. */
interface NamedFile {
  what: Bilingual;
  kind: Role | 'roster' | 'config';
  /** As the report records it. */
  path: string;
  /** Where it is read now (the report's path, under --base if given). */
  at: string;
  sheet: string | null;
  sha256: string;
  now?: string;
  /** How to read it again: the ledger's or the roster's settings; none for the config file. */
  settings?: LedgerSettings;
}

function headPart<T>(schema: z.ZodType<T>, value: unknown, where: string, file: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new FundgapError({ code: 'REPORT_INVALID', at: { file }, problem: 'part', where, detail: issue.message, newer: false });
}

function missing(files: NamedFile[], base: string | undefined): FundgapError {
  const [first, ...more] = files as [NamedFile, ...NamedFile[]];
  return new FundgapError({
    code: 'FILE_NOT_FOUND',
    at: { file: first.at },
    named: { kind: first.kind, recorded: first.path, base: base !== undefined, others: more.map((f) => f.at) },
  });
}

/** The files a report names, where they are looked for now, and the settings to read them with. */
function namedFiles(recorded: RecordedReport, file: string, base: string | undefined) {
  const { settings, config, roster: rosterRef } = readParameters(recorded.head.parameters, file);
  const inputs = headPart(inputsJson, recorded.head.inputs, 'inputs', file);
  // Reports that predate parameters.rosterFile name the roster in their `roster` summary.
  const recordsRoster = (recorded.head.parameters as { rosterFile?: unknown }).rosterFile !== undefined;
  const roster = recordsRoster ? rosterRef : (headPart(rosterJson, recorded.head.roster, 'roster', file) ?? null);
  const at = (p: string) => (base === undefined || isAbsolute(p) ? p : join(base, p));
  const ledgers = {} as ByRole<NamedFile>;
  for (const role of ROLES) {
    const i = inputs.find((x) => x.role === role)!;
    ledgers[role] = { kind: role, what: t(`${ROLE_NAMES[role].zh}台账`, `${ROLE_NAMES[role].en} ledger`), path: i.path, at: at(i.path), sheet: i.sheet, sha256: i.sha256, settings: settings.ledgers[role] };
  }
  const rosterFile: NamedFile | null = roster && { kind: 'roster', what: t('名单', 'roster'), path: roster.path, at: at(roster.path), sheet: roster.sheet, sha256: roster.sha256, settings: settings.roster };
  const configFile: NamedFile | null = config && { kind: 'config', what: t('配置文件', 'config file'), path: config.path, at: at(config.path), sheet: null, sha256: config.sha256 };
  return { settings, config, ledgers, rosterFile, configFile };
}

async function reopen(f: NamedFile): Promise<LedgerInput> {
  const source = await openSheet(f.at, { sheet: f.sheet ?? undefined, encoding: f.settings?.encoding });
  // The report names the file as it was given: so does the re-run, wherever the file is now.
  return { source: { ...source, path: f.path }, sha256: f.now! };
}

export async function runVerify(reportPath: string, opts: VerifyOptions, io: Io, tool: ToolInfo): Promise<number> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (opts.base !== undefined && (await pathKind(opts.base)).kind !== 'directory') {
    throw new FundgapError({ code: 'USAGE', at: { file: opts.base }, problem: 'base-not-folder' });
  }
  const recorded = await readReport(reportPath);
  const { settings, config, ledgers, rosterFile, configFile } = namedFiles(recorded, reportPath, opts.base);
  const files = [...ROLES.map((r) => ledgers[r]), ...(rosterFile ? [rosterFile] : []), ...(configFile ? [configFile] : [])];

  const absent: NamedFile[] = [];
  for (const f of files) {
    const kind = await pathKind(f.at).then((k) => k.kind, () => 'missing');
    if (kind !== 'file') absent.push(f);
  }
  if (absent.length) throw missing(absent, opts.base);
  for (const f of files) f.now = await sha256File(f.at);
  const changed = files.filter((f) => f.now !== f.sha256);

  let rerun: GapReport | undefined;
  let rerunError: FundgapError | undefined;
  try {
    const inputs = {} as ByRole<LedgerInput>;
    for (const role of ROLES) inputs[role] = await reopen(ledgers[role]);
    rerun = await runReconciliation(inputs, { tool, settings, config, roster: rosterFile ? await reopen(rosterFile) : undefined });
  } catch (e) {
    // A changed file that no longer reads is the answer itself; an unchanged one is an input error.
    if (!(e instanceof FundgapError) || changed.length === 0) throw e;
    rerunError = e;
  }
  const comparison = rerun && await compareReports({
    head: recorded.head,
    items: recorded.items,
    inFull: recorded.schema !== 'fundgap.report/v1',
    // Hashes are the file check's to report, above the figures.
    ignore: (path) => /^inputs\[\d+\]\.sha256$|^roster\.sha256$/.test(path),
  }, rerun);

  const ok = changed.length === 0 && comparison !== undefined && comparison.first === null;
  io.stdout(verdict({ reportPath, recorded, files, changed, comparison, rerunError, tool, configChanged: configFile !== null && changed.includes(configFile) }, lang));
  return ok ? 0 : 1;
}

// ---- what verify says -------------------------------------------------------------------

interface Outcome {
  reportPath: string;
  recorded: RecordedReport;
  files: NamedFile[];
  changed: NamedFile[];
  comparison: Comparison | undefined;
  rerunError: FundgapError | undefined;
  tool: ToolInfo;
  configChanged: boolean;
}

const FIGURE_LABELS: Record<string, Label> = {
  key: 'key',
  allocated: 'allocated',
  disbursed: 'disbursed',
  landed: 'landed',
  retained: 'retained',
  notLanded: 'notLanded',
  gap: 'gap',
  'rates.disbursed': 'disbursedRate',
  'rates.landed': 'landedRate',
  status: 'status',
};

function shown(v: unknown, lang: Lang): string {
  if (v === undefined) return lang === 'zh' ? '（无）' : '(none)';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return JSON.stringify(v);
}

function difference(d: Difference, lang: Lang): string {
  const was = (report: unknown, now: unknown) =>
    lang === 'zh' ? `报告 ${shown(report, lang)}，重新计算 ${shown(now, lang)}` : `the report has ${shown(report, lang)}, the re-run ${shown(now, lang)}`;
  switch (d.kind) {
    case 'total':
      return lang === 'zh' ? `合计的${label(FIGURE_LABELS[d.figure]!, lang)}：${was(d.report, d.now)}` : `total ${label(FIGURE_LABELS[d.figure]!, lang)}: ${was(d.report, d.now)}`;
    case 'key': {
      const figure = label(FIGURE_LABELS[d.figure]!, lang);
      if (d.figure === 'key') {
        return lang === 'zh' ? `第 ${d.index + 1} 项的${figure}：${was(d.report, d.now)}` : `key ${d.index + 1}: ${was(d.report, d.now)}`;
      }
      return lang === 'zh' ? `第 ${d.index + 1} 项“${d.key}”的${figure}：${was(d.report, d.now)}` : `key ${d.index + 1} "${d.key}", ${figure}: ${was(d.report, d.now)}`;
    }
    case 'rule': {
      const name = (RULE_NAMES as Record<string, Record<Lang, string>>)[d.rule]?.[lang] ?? d.rule;
      return lang === 'zh' ? `“${name}”（${d.rule}）的问题数：${was(d.report, d.now)}` : `findings of "${name}" (${d.rule}): ${was(d.report, d.now)}`;
    }
    case 'other':
      return `${d.path}${lang === 'zh' ? '：' : ': '}${was(d.report, d.now)}`;
  }
}

function verdict(o: Outcome, lang: Lang): string {
  const zh = lang === 'zh';
  const lines: string[] = [];
  const ok = o.changed.length === 0 && o.comparison?.first === null;
  lines.push(ok
    ? (zh ? `核对通过：${o.reportPath} 与它所列的文件一致。` : `Verified: ${o.reportPath} matches the files it names.`)
    : (zh ? `核对不通过：${o.reportPath} 与它所列的文件不再一致。` : `Does not match: ${o.reportPath} no longer matches the files it names.`));

  lines.push(...fileLines(o, lang));
  lines.push(...rerunLines(o, lang));
  const version = (o.recorded.head.tool as { version?: unknown } | undefined)?.version;
  if (version !== o.tool.version) {
    lines.push(zh
      ? `注意：报告由 fundgap ${shown(version, lang)} 写出，这里是 ${o.tool.version}，不同之处可能来自版本差异。`
      : `Note: the report was written by fundgap ${shown(version, lang)}, this is ${o.tool.version}; differences may come from the version.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Each file the report names, with whether its SHA-256 is still the one recorded; a changed config is said too. */
function fileLines(o: Outcome, lang: Lang): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  const whatWidth = Math.max(...o.files.map((f) => displayWidth(f.what[lang])));
  for (const f of o.files) {
    const state = f.now === f.sha256
      ? (zh ? 'SHA-256 未变' : 'SHA-256 unchanged')
      : (zh ? `SHA-256 已变：报告 ${f.sha256.slice(0, 16)}…，现在 ${f.now!.slice(0, 16)}…` : `SHA-256 changed: the report has ${f.sha256.slice(0, 16)}…, the file now ${f.now!.slice(0, 16)}…`);
    lines.push(`  ${pad(f.what[lang], whatWidth)}  ${f.at}  ${state}`);
  }
  if (o.configChanged) {
    lines.push(zh
      ? '  重新比对用的是报告记录的参数，而不是配置文件现在的内容。'
      : '  The re-run uses the parameters the report records, not what the config file holds now.');
  }
  return lines;
}

/** What re-running with the recorded parameters gave: the same figures, or the first difference. */
function rerunLines(o: Outcome, lang: Lang): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  const c = o.comparison;
  if (o.rerunError) {
    lines.push(zh ? `改动后的文件已无法按报告的参数读取：${formatError(o.rerunError, lang)}` : `A changed file no longer reads with the report's parameters: ${formatError(o.rerunError, lang)}`);
  } else if (c && c.first === null) {
    const figures = o.recorded.items
      ? (zh ? `合计、${c.keys} 个项目和 ${c.findings} 条问题都与报告相同` : `the totals, ${c.keys} keys and ${c.findings} findings are as the report states`)
      : (zh
        ? '合计和各项问题数都与报告相同（工作底稿只记录汇总数：逐项的数字请用 JSON 报告核对）'
        : 'the totals and the number of findings of each rule are as the report states (a working paper records the summary only: check key by key with the JSON report)');
    lines.push(zh ? `按报告记录的参数重新比对：${figures}。` : `Re-run with the parameters the report records: ${figures}.`);
  } else if (c?.first) {
    const more = c.keysDiffering > 1 ? (zh ? `（共 ${c.keysDiffering} 项不同）` : ` (${c.keysDiffering} keys differ)`) : '';
    lines.push(zh ? `第一处不同：${difference(c.first, lang)}${more}` : `First difference: ${difference(c.first, lang)}${more}`);
    if (o.changed.length === 0) {
      lines.push(zh
        ? '所列文件都未改动：报告本身可能被改过，或由另一版本的 fundgap 写出。'
        : 'None of the files changed: the report itself may have been edited, or written by another version of fundgap.');
    }
  }
  return lines;
}
