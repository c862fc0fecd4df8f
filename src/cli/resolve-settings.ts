// Config file plus command-line options to the Settings a run uses. The command line wins
// over the config; both are validated before any ledger is opened, so a typo in an option
// never costs a long read.

import { ROLES, type Lang, type Role } from '../domain.js';
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/load.js';
import type { Config, LimitConfig } from '../config/schema.js';
import { FundgapError, t, type Bilingual, type ErrorText } from '../errors.js';
import { sha256File } from '../io/files.js';
import { parseDateText } from '../ledger/dates.js';

import { money, percent, type Exact, type Money, type Unit } from '../money.js';
import type { Limit, Tolerances } from '../reconcile/tolerance.js';
import { encodingFromName, ENCODING_NAMES } from '../sheets/encoding.js';
import { defaultSettings, type FailOn, type LedgerSettings, type ParameterSource, type Settings } from '../settings.js';

export interface CommonOptions {
  config?: string;
  key?: string;
  tolerance?: string[];
  tolerancePct?: string[];
  lateDays?: string;
  duplicateWindow?: string;
  groupBy?: string[];
  mergeSimilar?: string;
  materiality?: string;
  asOf?: string;
  failOn?: string;
  lang?: string;
  unit?: string[];
  encoding?: string[];
}

function usage(message: ErrorText, hint?: ErrorText): FundgapError {
  return new FundgapError('USAGE', message, { hint });
}

/** The hint under a bad option value: what was given. */
function got(value: unknown): Bilingual {
  return t(`收到的是 ${JSON.stringify(value)}`, `got ${JSON.stringify(value)}`);
}

const DECIMAL = /^\d+(\.\d+)?$/;
const YUAN = /^\d+(\.\d{1,2})?$/;

type Stage = keyof Tolerances;

/** Stage names for --tolerance stage=value: a status, or both directions of a stage. */
const STAGE_NAMES: Record<string, Stage[]> = {
  all: ['retained', 'overDisbursed', 'notLanded', 'overLanded'],
  'A-D': ['retained', 'overDisbursed'],
  'D-L': ['notLanded', 'overLanded'],
  retained: ['retained'],
  'over-disbursed': ['overDisbursed'],
  'not-landed': ['notLanded'],
  'over-landed': ['overLanded'],
};

export function wholeNumber(name: string, value: string, what = t('整数天数', 'a whole number of days')): number {
  if (!/^\d+$/.test(value.trim())) throw usage(t(`${name} 应为${what.zh}`, `${name} expects ${what.en}`), got(value));
  return Number.parseInt(value, 10);
}

/** An amount in 元 on the command line: ledgers are kept to the fen, so two decimals at most. */
function yuanOption(name: string, value: string): Money {
  if (!YUAN.test(value.trim())) throw usage(t(`${name} 应为以元计的金额，最多两位小数，例如 0.5`, `${name} expects an amount in 元 with at most two decimals, such as 0.5`), got(value));
  return money(value.trim());
}

function percentOption(name: string, value: string): Exact {
  if (!DECIMAL.test(value.trim())) throw usage(t(`${name} 应为数字，例如 0.5`, `${name} expects a number such as 0.5`), got(value));
  return percent(value.trim());
}

function limitFrom(c: LimitConfig | undefined): Limit {
  return {
    absolute: c?.absolute === undefined ? undefined : money(c.absolute),
    percent: c?.percent === undefined ? undefined : percent(c.percent),
  };
}

function tolerancesFrom(config: Config['tolerance']): Tolerances {
  const all = limitFrom(config);
  const stage = (s: LimitConfig | undefined): Limit => ({
    absolute: s?.absolute !== undefined ? money(s.absolute) : all.absolute,
    percent: s?.percent !== undefined ? percent(s.percent) : all.percent,
  });
  return {
    retained: stage(config?.retained),
    overDisbursed: stage(config?.overDisbursed),
    notLanded: stage(config?.notLanded),
    overLanded: stage(config?.overLanded),
  };
}

/** `allocated=万元` or `万元` (every ledger) for --unit; likewise --encoding. */
function perRole<T>(values: string[] | undefined, name: string, parse: (v: string) => T | undefined, allowed: Bilingual): Partial<Record<Role, T>> {
  const out: Partial<Record<Role, T>> = {};
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const roles = eq === -1 ? ROLES : [raw.slice(0, eq).trim()];
    const value = parse(eq === -1 ? raw : raw.slice(eq + 1));
    if (value === undefined) throw usage(t(`${name} 应为 ${allowed.zh}`, `${name} expects ${allowed.en}`), got(raw));
    for (const role of roles) {
      if (!ROLES.includes(role as Role)) {
        throw usage(t(`${name}：没有名为“${role}”的台账`, `${name}: unknown ledger "${role}"`), t(`可用的台账名：${ROLES.join(', ')}`, `use ${ROLES.join(', ')}`));
      }
      out[role as Role] = value;
    }
  }
  return out;
}

export async function loadConfig(path: string | undefined): Promise<{ config: Config; ref: { path: string; sha256: string } | null }> {
  if (path === undefined) return { config: {}, ref: null };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new FundgapError('FILE_NOT_FOUND', t('无法读取配置文件', 'cannot read the config file'), { at: { file: path } });
  }
  return { config: parseConfig(text, path), ref: { path, sha256: await sha256File(path) } };
}

/** Which of the command line and the config gave a value (the command line wins), if either did. */
function sourceOf(cli: unknown, config: unknown): ParameterSource {
  return cli !== undefined ? 'cli' : config !== undefined ? 'config' : 'default';
}

export function resolveSettings(config: Config, o: CommonOptions): Settings {
  const s = defaultSettings();
  const from = s.sources;
  from.key = sourceOf(o.key, config.key);
  if (config.key !== undefined) s.key = Array.isArray(config.key) ? config.key : [config.key];
  if (o.key !== undefined) {
    s.key = o.key.split(/[,，]/).map((k) => k.trim()).filter((k) => k !== '');
    if (s.key.length === 0) throw usage(t('-k 后应写一个或多个列名，用逗号分隔', '-k expects one or more column names, separated by commas'));
  }

  const units = perRole<Unit>(o.unit, '--unit', (v) => (v.trim() === '元' || v.trim() === '万元' ? (v.trim() as Unit) : undefined), t('元 或 万元', '元 or 万元'));
  const encodings = perRole(o.encoding, '--encoding', encodingFromName, t(ENCODING_NAMES.join(', '), ENCODING_NAMES.join(', ')));
  for (const role of ROLES) {
    const c = config.ledgers?.[role];
    const l: LedgerSettings = {
      sheet: c?.sheet,
      unit: units[role] ?? c?.unit,
      encoding: encodings[role] ?? (c?.encoding === undefined ? undefined : encodingFromName(c.encoding)),
      headerRow: c?.headerRow,
      columns: c?.columns,
      headings: c?.headings,
      lastRow: c?.lastRow,
      status: c?.status,
    };
    s.ledgers[role] = Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined));
    for (const field of Object.keys(s.ledgers[role])) {
      const cli = field === 'unit' ? units[role] : field === 'encoding' ? encodings[role] : undefined;
      from[`ledgers.${role}.${field}`] = cli !== undefined ? 'cli' : 'config';
    }
  }

  s.tolerance = tolerancesFrom(config.tolerance);
  for (const stage of STAGE_NAMES.all!) {
    for (const kind of ['absolute', 'percent'] as const) from[`tolerance.${stage}.${kind}`] = sourceOf(undefined, config.tolerance?.[stage]?.[kind] ?? config.tolerance?.[kind]);
  }
  for (const [values, kind, name] of [
    [o.tolerance, 'absolute', '--tolerance'],
    [o.tolerancePct, 'percent', '--tolerance-pct'],
  ] as const) {
    for (const raw of values ?? []) {
      const eq = raw.indexOf('=');
      const stages = eq === -1 ? STAGE_NAMES.all! : STAGE_NAMES[raw.slice(0, eq).trim()];
      if (!stages) {
        const known = Object.keys(STAGE_NAMES).filter((k) => k !== 'all').join(', ');
        throw usage(t(`${name}：无法识别的比对环节“${raw.slice(0, eq)}”`, `${name}: unknown stage "${raw.slice(0, eq)}"`), t(`可用：${known}`, `use ${known}`));
      }
      const text = eq === -1 ? raw : raw.slice(eq + 1);
      const bound: Limit = kind === 'absolute' ? { absolute: yuanOption(name, text) } : { percent: percentOption(name, text) };
      for (const stage of stages) {
        s.tolerance[stage] = { ...s.tolerance[stage], ...bound };
        from[`tolerance.${stage}.${kind}`] = 'cli';
      }
    }
  }

  from.lateDays = sourceOf(o.lateDays, config.lateDays);
  from.duplicateWindowDays = sourceOf(o.duplicateWindow, config.duplicateWindowDays);
  from.severity = sourceOf(undefined, config.severity);
  from.materiality = sourceOf(o.materiality, config.materiality);
  from.groupBy = sourceOf(o.groupBy, config.groupBy);
  from.mergeSimilar = sourceOf(o.mergeSimilar, config.mergeSimilar);
  from.failOn = sourceOf(o.failOn, config.failOn);
  from.lang = sourceOf(o.lang, config.lang);
  from.asOf = sourceOf(o.asOf, undefined);
  s.lateDays = o.lateDays === undefined ? config.lateDays : wholeNumber('--late-days', o.lateDays);
  s.duplicateWindowDays = o.duplicateWindow === undefined ? (config.duplicateWindowDays ?? 0) : wholeNumber('--duplicate-window', o.duplicateWindow);
  s.severity = config.severity ?? {};
  const materiality = o.materiality ?? config.materiality;
  if (materiality !== undefined) s.materiality = yuanOption('--materiality', materiality);
  s.groupBy = o.groupBy ?? config.groupBy ?? [];
  const merge = o.mergeSimilar ?? config.mergeSimilar;
  if (merge !== undefined) {
    const x = typeof merge === 'number' ? merge : Number(merge);
    if (!(x > 0 && x <= 1)) {
      throw usage(t('--merge-similar 应为大于 0、不超过 1 的相似度，例如 0.9', '--merge-similar expects a similarity above 0 and at most 1, such as 0.9'), got(merge));
    }
    s.mergeSimilar = x;
  }
  const r = config.roster;
  s.roster = Object.fromEntries(
    Object.entries({
      sheet: r?.sheet,
      encoding: r?.encoding === undefined ? undefined : encodingFromName(r.encoding),
      headerRow: r?.headerRow,
      columns: r?.columns,
    }).filter(([, v]) => v !== undefined),
  );
  for (const field of Object.keys(s.roster)) from[`roster.${field}`] = 'config';

  const failOn = o.failOn ?? config.failOn;
  if (failOn !== undefined) {
    if (!['info', 'warning', 'error', 'none'].includes(failOn)) throw usage(t('--fail-on 应为 info、warning、error 或 none', '--fail-on expects info, warning, error or none'), got(failOn));
    s.failOn = failOn as FailOn;
  }
  const lang = o.lang ?? config.lang;
  if (lang !== undefined) {
    if (lang !== 'zh' && lang !== 'en') throw usage(t('--lang 应为 zh 或 en', '--lang expects zh or en'), got(lang));
    s.lang = lang as Lang;
  }
  if (o.asOf !== undefined) {
    const d = parseDateText(o.asOf);
    if (d === null) throw usage(t('--as-of 应为日期，例如 2019-12-31', '--as-of expects a date such as 2019-12-31'), got(o.asOf));
    s.asOf = d;
  }
  return s;
}
