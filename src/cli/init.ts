// `fundgap init`: write a starter config from what the three ledgers look like. It reads them
// exactly as reconcile would, with one difference: where several columns could be the amount
// it takes the first instead of stopping, because the config it writes is the way out of that
// ambiguity; it then says loudly which one it took, so the user checks it before relying on
// it. Everything it detected is written out explicitly (sheet, header row, the header text of
// every mapped column, the unit, a non-UTF-8 encoding), and the config is read back before
// it is written, to make sure it reproduces the same reading.

import { ROLES, type ByRole, type Lang, type Role } from '../domain.js';
import { lstat } from 'node:fs/promises';
import { configSchema, type Config, type LedgerConfig } from '../config/schema.js';
import { FundgapError, formatError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import { parseHeaderName } from '../ledger/header.js';
import { FIELDS, type Field } from '../ledger/fields.js';

import { runReconciliation } from '../pipeline.js';
import type { LedgerInput } from '../sheets/types.js';

import { columnWarnings, ENCODING_SOURCES, encodingName, layoutNote, ROLE_NAMES, UNIT_SOURCES } from '../report/messages.js';
import type { GapReport, InputSummary, ToolInfo } from '../report/model.js';
import { toJson } from '../report/render-json.js';
import { DEFAULT_KEY, type Settings } from '../settings.js';
import { openLedgers, refuseToOverwrite } from './ledgers.js';
import type { Io } from './io.js';
import { resolveSettings, type CommonOptions } from './resolve-settings.js';

export interface InitOptions extends Pick<CommonOptions, 'key' | 'unit' | 'encoding' | 'lang'> {
  allocated: string;
  disbursed: string;
  landed: string;
  out: string;
  force?: boolean;
}

const FLAG: Record<Role, string> = { allocated: '-a', disbursed: '-d', landed: '-l' };

/** A column as the user finds it: its letter (XLSX) or number (CSV), and its header. */
interface Column {
  ref: string;
  header: string;
}

/** What init decided about one ledger. */
interface LedgerPlan {
  input: InputSummary;
  config: LedgerConfig;
  /** Set when the amount was taken as the first of several candidates. */
  amountChoice: { taken: Column; candidates: Column[] } | null;
  unitWritten: boolean;
  encodingWritten: boolean;
}

export async function runInit(opts: InitOptions, io: Io, tool: ToolInfo): Promise<number> {
  // Options first, so a typo fails before any file is read.
  const settings = resolveSettings({}, opts);
  const lang = settings.lang;
  const out = opts.out;

  refuseToOverwrite(out, [opts.allocated, opts.disbursed, opts.landed]);
  if (!opts.force && (await exists(out))) {
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: out }, problem: 'exists' });
  }

  const inputs = await openLedgers(opts, settings);
  const { report, key, keyFallback } = await readWithKey(inputs, settings, opts, tool);

  const plans = {} as ByRole<LedgerPlan>;
  for (const input of report.inputs) plans[input.role] = planLedger(input);
  const config: Config = {
    key,
    ledgers: { allocated: plans.allocated.config, disbursed: plans.disbursed.config, landed: plans.landed.config },
    tolerance: { absolute: '0.00' },
    failOn: 'error',
  };
  const valid = configSchema.safeParse(config);
  if (!valid.success) throw new Error(`init built a config its own schema refuses: ${valid.error.message}`);

  const mismatch = await readBack(inputs, config, report, opts, tool, lang);
  await writeFileAtomic(out, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout(renderSummary({ plans, key, keyGiven: opts.key !== undefined, keyFallback, out, opts, mismatch, lang }));
  return 0;
}

/**
 * Join keys tried in turn when -k is not given: the project, then the person (household
 * ledgers such as 一卡通 payments have an ID number and no project). Only a key with no
 * column in some ledger moves on to the next; any other failure is the user's to see.
 */
const KEY_DEFAULTS: readonly string[][] = [DEFAULT_KEY, ['idNumber']];

async function readWithKey(
  inputs: ByRole<LedgerInput>,
  settings: Settings,
  opts: InitOptions,
  tool: ToolInfo,
): Promise<{ report: GapReport; key: string[]; keyFallback: KeyFallback | null }> {
  const run = (key: string[]) => runReconciliation(inputs, { tool, settings: { ...settings, key }, config: null, pickFirstAmount: true });
  if (opts.key !== undefined) return { report: await run(settings.key), key: settings.key, keyFallback: null };
  let first: FundgapError | undefined;
  for (const key of KEY_DEFAULTS) {
    try {
      const report = await run(key);
      return { report, key, keyFallback: first ? { tried: KEY_DEFAULTS[0]!, missing: first } : null };
    } catch (e) {
      // A key with no column is reported at the header row, with no column named; a data
      // row without a key (the same code) names its column, and stops init as it is.
      if (!(e instanceof FundgapError && e.code === 'KEY_MISSING' && e.at?.column === undefined)) throw e;
      first ??= e;
    }
  }
  throw first!;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new FundgapError({ code: 'OUTPUT_FAILED', at: { file: path }, problem: 'io', errno: code, action: 'check' }, { cause: e });
  }
}

function planLedger(input: InputSummary): LedgerPlan {
  const columns = new Map(input.columns.map((c) => [c.ref, { ref: c.ref, header: c.header }]));
  const config: LedgerConfig = {};
  if (input.sheet !== null) config.sheet = input.sheet;

  // Plain UTF-8 (with or without BOM) needs no setting; anything else is written down.
  const encodingWritten = input.format === 'csv' && input.encoding !== null && input.encoding !== 'utf-8';
  if (encodingWritten) config.encoding = input.encoding!;

  config.headerRow = input.headerRows[0]!;

  // Cells that each state their unit (`20万元`) decide for themselves; one unit written for
  // them would say less than they do. Every other unit is written as it was used.
  const unitWritten = input.unitSource !== 'cell';
  if (unitWritten) config.unit = input.unit;

  const mapped: Partial<Record<Field, string>> = {};
  const byField = new Map(input.columns.filter((c) => c.field !== null).map((c) => [c.field!, c]));
  for (const field of FIELDS) {
    const c = byField.get(field);
    if (c) mapped[field] = c.header;
  }
  config.columns = mapped;

  // A hidden column is never offered as the amount; the summary lists it as hidden instead.
  let amountChoice: LedgerPlan['amountChoice'] = null;
  const visible = input.amountCandidates.filter((ref) => !input.hiddenColumns.includes(ref));
  if (visible.length > 1) {
    const taken = columns.get(input.amountColumn)!;
    amountChoice = { taken, candidates: visible.map((ref) => columns.get(ref)!) };
  }
  return { input, config, amountChoice, unitWritten, encodingWritten };
}

/**
 * Reads the ledgers again with the config just built (and no other settings besides the
 * language, as `reconcile -c` would) and compares what matters: the figures, statuses and
 * findings, and how each sheet was read. Returns what differs, or null when nothing does.
 */
async function readBack(
  inputs: ByRole<LedgerInput>,
  config: Config,
  first: GapReport,
  opts: InitOptions,
  tool: ToolInfo,
  lang: Lang,
): Promise<string | null> {
  let again: GapReport;
  try {
    again = await runReconciliation(inputs, { tool, settings: resolveSettings(config, { lang: opts.lang }), config: null });
  } catch (e) {
    if (e instanceof FundgapError) return formatError(e, lang);
    throw e;
  }
  const a = toJson(first);
  const b = toJson(again);
  const differs: string[] = [];
  a.inputs.forEach((x, i) => {
    const y = b.inputs[i]!;
    const same = (v: unknown, w: unknown) => JSON.stringify(v) === JSON.stringify(w);
    if (!same(x.header, y.header) || x.unit !== y.unit || !same(x.rows, y.rows) || !same(x.skipped, y.skipped)) differs.push(`ledgers.${x.role}`);
  });
  for (const part of ['totals', 'keys', 'findings'] as const) {
    if (JSON.stringify(a[part]) !== JSON.stringify(b[part])) differs.push(part);
  }
  return differs.length === 0 ? null : differs.join(', ');
}

// ---- the summary ------------------------------------------------------------------------

function quoteArg(arg: string): string {
  if (/^[\p{L}\p{N}_\-./:=,@+%][\p{L}\p{N}_\-./:=,@+%#]*$/u.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function colRef(c: Column, input: InputSummary, lang: Lang): string {
  if (lang === 'zh') return input.format === 'csv' ? `第 ${c.ref} 列` : `${c.ref} 列`;
  return `column ${c.ref}`;
}

function named(c: Column, input: InputSummary, lang: Lang): string {
  return lang === 'zh' ? `“${c.header}”（${colRef(c, input, lang)}）` : `"${c.header}" (${colRef(c, input, lang)})`;
}

interface KeyFallback {
  /** The default key that had no column. */
  tried: readonly string[];
  missing: FundgapError;
}

interface SummaryInput {
  plans: ByRole<LedgerPlan>;
  key: string[];
  keyGiven: boolean;
  keyFallback: KeyFallback | null;
  out: string;
  opts: InitOptions;
  mismatch: string | null;
  lang: Lang;
}

function renderSummary(s: SummaryInput): string {
  const { lang } = s;
  const zh = lang === 'zh';
  const check = zh ? '【请核对】' : 'CHECK:';
  const lines: string[] = [];
  lines.push(zh ? 'fundgap init：已按三本台账的识别结果生成配置' : 'fundgap init: a config from what the three ledgers look like');

  const chosen = ROLES.filter((r) => s.plans[r].amountChoice !== null);
  const top: string[] = [];
  if (chosen.length > 0) {
    const who = chosen.map((r) => ROLE_NAMES[r][lang]).join(zh ? '、' : ', ');
    top.push(
      zh
        ? `${check}${who}台账有多个可能的金额列，配置中暂取第一个，这是工具替你做的选择，确认无误后再用于比对。`
        : `${check} the ${who} ledger${chosen.length > 1 ? 's have' : ' has'} several possible amount columns; the config takes the first. That is a choice made for you: confirm it before relying on the report.`,
    );
  }
  if (s.keyFallback !== null) {
    const f = s.keyFallback;
    const file = f.missing.at?.file ?? '';
    top.push(
      zh
        ? `${check}比对键改用 ${s.key.join(', ')}：默认的 ${f.tried.join(', ')} 在 ${file} 中没有对应的列。请确认按此比对是否合适，否则用 -k 指定后重新运行 init。`
        : `${check} the join key is ${s.key.join(', ')}: the default, ${f.tried.join(', ')}, has no column in ${file}. Make sure this is the right key, or name one with -k and run init again.`,
    );
  }
  if (s.mismatch !== null) {
    top.push(
      zh
        ? `${check}用写出的配置重新读取时结果不同（${s.mismatch}），请先检查配置再比对。`
        : `${check} reading the ledgers again with the written config gives a different result (${s.mismatch}); check the config before reconciling.`,
    );
  }
  if (top.length) lines.push('', ...top);

  for (const role of ROLES) {
    const plan = s.plans[role];
    const i = plan.input;
    lines.push('');
    const where = i.sheet !== null ? (zh ? `${i.path}  工作表“${i.sheet}”` : `${i.path}, sheet "${i.sheet}"`) : i.path;
    lines.push(`${ROLE_NAMES[role][lang]}${zh ? `（${FLAG[role]}）：` : ` (${FLAG[role]}): `}${where}`);
    const col = (ref: string): Column => ({ ref, header: i.columns.find((c) => c.ref === ref)?.header ?? '' });

    if (plan.amountChoice) {
      const { taken, candidates } = plan.amountChoice;
      const path = `ledgers.${role}.columns.amount`;
      const list = candidates.map((c) => named(c, i, lang)).join(zh ? '、' : ', ');
      lines.push(
        zh
          ? `  ${check}金额列有 ${candidates.length} 个候选：${list}；已取第一个${named(taken, i, lang)}写入配置。`
          : `  ${check} ${candidates.length} columns could be the amount: ${list}; the first, ${named(taken, i, lang)}, was written to the config.`,
      );
      lines.push(
        zh
          ? `    若应为其他列，请修改配置中的 ${path}，并同时核对 ledgers.${role}.unit（配置中的单位优先于表头注明的单位）。`
          : `    If it should be another, change ${path} in the config, and check ledgers.${role}.unit too (the config's unit wins over a unit in the header).`,
      );
      for (const c of candidates) {
        const u = parseHeaderName(c.header).unit;
        if (c.ref === taken.ref || u === undefined || u === i.unit || !plan.unitWritten) continue;
        lines.push(
          zh
            ? `    例如改用${named(c, i, lang)}时，unit 应改为 ${u}。`
            : `    For example, with ${named(c, i, lang)} the unit should become ${u}.`,
        );
      }
    }

    lines.push(`  ${zh ? '表头' : 'header'}${zh ? '：' : ': '}${zh ? `第 ${i.headerRows.join('、')} 行` : `row${i.headerRows.length > 1 ? 's' : ''} ${i.headerRows.join(', ')}`}`);
    const keyCols = i.keyColumns.map((ref) => named(col(ref), i, lang)).join(zh ? '、' : ', ');
    lines.push(`  ${zh ? '比对字段：' : 'key: '}${keyCols}`);
    const amount = named(col(i.amountColumn), i, lang);
    lines.push(`  ${zh ? '金额列：' : 'amount: '}${amount}${plan.amountChoice ? (zh ? '  ← 从多个候选中选取，请核对' : '  <- chosen among several, check it') : ''}`);

    let unitWhy = i.unitSource === 'config' ? (zh ? '--unit 指定' : 'set with --unit') : UNIT_SOURCES[i.unitSource][lang];
    if (i.unitSource === 'inferred' && i.unitComparedWith) {
      unitWhy += zh ? `，对照${i.unitComparedWith.map((r) => ROLE_NAMES[r].zh).join('、')}` : `, compared with ${i.unitComparedWith.join(', ')}`;
    }
    let unitLine = `  ${zh ? '单位：' : 'unit: '}${i.unit}${zh ? `（${unitWhy}）` : ` (${unitWhy})`}`;
    if (i.unitSource === 'default' || i.unitSource === 'inferred') unitLine += zh ? '  ← 表中未注明单位，请核对' : '  <- the sheet does not state it, check it';
    if (!plan.unitWritten) unitLine += zh ? '  （各单元格自带单位，配置不写单位）' : '  (each cell states its unit; none is written to the config)';
    lines.push(unitLine);

    if (i.format === 'csv' && i.encoding !== null) {
      const why = [ENCODING_SOURCES[i.encodingSource ?? '']?.[lang] ?? i.encodingSource ?? ''];
      if (plan.encodingWritten) why.push(zh ? '已写入配置' : 'written to the config');
      const text = why.filter((w) => w !== '').join(zh ? '，' : ', ');
      lines.push(`  ${zh ? '编码：' : 'encoding: '}${encodingName(i.encoding)}${text ? (zh ? `（${text}）` : ` (${text})`) : ''}`);
    }
    const mapping = Object.entries(plan.config.columns ?? {}).map(([f, h]) => `${f} = ${h}`).join(zh ? '，' : ', ');
    lines.push(`  ${zh ? '列映射：' : 'columns: '}${mapping}`);
    for (const w of columnWarnings(i, lang)) lines.push(`  ${check}${w}`);
    for (const n of i.notes) lines.push(`  ${zh ? '识别说明：' : 'note: '}${layoutNote(n, lang)}`);
  }

  lines.push('');
  const keyText = s.key.join(', ');
  lines.push(
    zh
      ? `比对键：${keyText}${s.keyGiven ? '（-k 指定）' : s.keyFallback ? `（默认的 ${s.keyFallback.tried.join(', ')} 无对应列，改用此键）` : '（默认）'}`
      : `join key: ${keyText}${s.keyGiven ? ' (from -k)' : s.keyFallback ? ` (the default, ${s.keyFallback.tried.join(', ')}, has no column)` : ' (the default)'}`,
  );
  lines.push(zh ? `已写出配置：${s.out}` : `config written: ${s.out}`);
  lines.push(
    zh
      ? '  每本台账的工作表、表头行、各列表头、单位和（非 UTF-8 时的）编码都已写明，可直接修改。'
      : '  It names each ledger\'s sheet, header row, the header of every mapped column, the unit and any non-UTF-8 encoding; edit it as needed.',
  );
  const cmd = ['fundgap', 'reconcile', '-c', s.out, '-a', s.opts.allocated, '-d', s.opts.disbursed, '-l', s.opts.landed].map(quoteArg).join(' ');
  lines.push(zh ? '下一步：' : 'next:', `  ${cmd}`);
  return `${lines.join('\n')}\n`;
}
