// Config file plus command-line options to the Settings a run uses. The command line wins
// over the config; both are validated before any ledger is opened, so a typo in an option
// never costs a long read.

import { DEFAULT_READ_LIMITS, LIMIT_OPTIONS, type ReadLimits } from '../limits.js';
import { ROLES, type Lang, type Role } from '../domain.js';
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/load.js';
import type { Config, LimitConfig } from '../config/schema.js';
import { FundgapError } from '../errors.js';
import type { FailureData, FailureOf, OptionExpectation } from '../failures.js';
import { sha256File } from '../io/files.js';
import { parseDateText } from '../text/dates.js';

import { money, percent, type Exact, type Money, type Unit } from '../money.js';
import { encodingFromName, ENCODING_NAMES } from '../sheets/encoding.js';
import type { LedgerSettings } from '../ledger/ledger-settings.js';
import { defaultSettings, type FailOn, type Limit, type ParameterSource, type Settings, type Tolerances } from '../settings.js';

export interface CommonOptions {
  config?: string;
  maxErrors?: string;
  maxRows?: string;
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

function usage(f: FailureData<FailureOf<'USAGE'>, 'code'>): FundgapError {
  return new FundgapError({ code: 'USAGE', ...f });
}

/** A bad option value: what it should have been, and what was given. */
function badValue(option: string, expects: OptionExpectation, got: unknown, choices?: string[]): FundgapError {
  return usage({ problem: 'option-value', option, expects, got: typeof got === 'number' ? got : String(got), choices });
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

export function wholeNumber(name: string, value: string, what: 'days' | 'whole-number' = 'days'): number {
  if (!/^\d+$/.test(value.trim())) throw badValue(name, what, value);
  return Number.parseInt(value, 10);
}

/** An amount in 元 on the command line: ledgers are kept to the fen, so two decimals at most. */
function yuanOption(name: string, value: string): Money {
  if (!YUAN.test(value.trim())) throw badValue(name, 'yuan', value);
  return money(value.trim());
}

function percentOption(name: string, value: string): Exact {
  if (!DECIMAL.test(value.trim())) throw badValue(name, 'number', value);
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
function perRole<T>(values: string[] | undefined, name: string, parse: (v: string) => T | undefined, expects: 'unit' | 'encoding', choices?: string[]): Partial<Record<Role, T>> {
  const out: Partial<Record<Role, T>> = {};
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const roles = eq === -1 ? ROLES : [raw.slice(0, eq).trim()];
    const value = parse(eq === -1 ? raw : raw.slice(eq + 1));
    if (value === undefined) throw badValue(name, expects, raw, choices);
    for (const role of roles) {
      if (!ROLES.includes(role as Role)) {
        throw usage({ problem: 'unknown-ledger', option: name, name: role, choices: [...ROLES] });
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
    throw new FundgapError({ code: 'FILE_NOT_FOUND', at: { file: path }, what: 'config' });
  }
  return { config: parseConfig(text, path), ref: { path, sha256: await sha256File(path) } };
}

/** --max-errors and --max-rows, or their defaults: how a run reads, not what it reports. */
export function readLimits(o: Pick<CommonOptions, 'maxErrors' | 'maxRows'>): ReadLimits {
  return {
    maxErrors: o.maxErrors === undefined ? DEFAULT_READ_LIMITS.maxErrors : wholeNumber(LIMIT_OPTIONS.maxErrors, o.maxErrors, 'whole-number'),
    maxRows: o.maxRows === undefined ? DEFAULT_READ_LIMITS.maxRows : wholeNumber(LIMIT_OPTIONS.maxRows, o.maxRows, 'whole-number'),
  };
}

/** Which of the command line and the config gave a value (the command line wins), if either did. */
function sourceOf(cli: unknown, config: unknown): ParameterSource {
  return cli !== undefined ? 'cli' : config !== undefined ? 'config' : 'default';
}

export function resolveSettings(config: Config, o: CommonOptions): Settings {
  const s = defaultSettings();
  resolveKey(s, config, o);
  resolveLedgers(s, config, o);
  resolveTolerances(s, config, o);
  resolveRules(s, config, o);
  resolveRoster(s, config);
  resolveRun(s, config, o);
  return s;
}

/** The join key: -k, else the config, else the project. */
function resolveKey(s: Settings, config: Config, o: CommonOptions): void {
  const from = s.sources;
  from.key = sourceOf(o.key, config.key);
  if (config.key !== undefined) s.key = Array.isArray(config.key) ? config.key : [config.key];
  if (o.key !== undefined) {
    s.key = o.key.split(/[,，]/).map((k) => k.trim()).filter((k) => k !== '');
    if (s.key.length === 0) throw usage({ problem: 'key-empty' });
  }
}

/** How each ledger is read: the config's settings, with --unit and --encoding over them. */
function resolveLedgers(s: Settings, config: Config, o: CommonOptions): void {
  const from = s.sources;
  const units = perRole<Unit>(o.unit, '--unit', (v) => (v.trim() === '元' || v.trim() === '万元' ? (v.trim() as Unit) : undefined), 'unit');
  const encodings = perRole(o.encoding, '--encoding', encodingFromName, 'encoding', [...ENCODING_NAMES]);
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
}

/** The tolerances: the config's, with --tolerance and --tolerance-pct over them, stage by stage. */
function resolveTolerances(s: Settings, config: Config, o: CommonOptions): void {
  const from = s.sources;
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
        const known = Object.keys(STAGE_NAMES).filter((k) => k !== 'all');
        throw usage({ problem: 'unknown-stage', option: name, name: raw.slice(0, eq), choices: known });
      }
      const text = eq === -1 ? raw : raw.slice(eq + 1);
      const bound: Limit = kind === 'absolute' ? { absolute: yuanOption(name, text) } : { percent: percentOption(name, text) };
      for (const stage of stages) {
        s.tolerance[stage] = { ...s.tolerance[stage], ...bound };
        from[`tolerance.${stage}.${kind}`] = 'cli';
      }
    }
  }
}

/** What the rules go by (late days, the duplicate window, materiality, roll-ups, merging), and where each setting came from. */
function resolveRules(s: Settings, config: Config, o: CommonOptions): void {
  const from = s.sources;
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
      throw badValue('--merge-similar', 'similarity', merge);
    }
    s.mergeSimilar = x;
  }
}

/** How the roster is read, from the config. */
function resolveRoster(s: Settings, config: Config): void {
  const from = s.sources;
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
}

/** How the run ends and speaks: --fail-on, --lang and --as-of. */
function resolveRun(s: Settings, config: Config, o: CommonOptions): void {
  const failOn = o.failOn ?? config.failOn;
  if (failOn !== undefined) {
    if (!['info', 'warning', 'error', 'none'].includes(failOn)) throw badValue('--fail-on', 'fail-on', failOn);
    s.failOn = failOn as FailOn;
  }
  const lang = o.lang ?? config.lang;
  if (lang !== undefined) {
    if (lang !== 'zh' && lang !== 'en') throw badValue('--lang', 'lang', lang);
    s.lang = lang as Lang;
  }
  if (o.asOf !== undefined) {
    const d = parseDateText(o.asOf);
    if (d === null) throw badValue('--as-of', 'date', o.asOf);
    s.asOf = d;
  }
}
