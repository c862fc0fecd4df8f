// Config file plus command-line options to the Settings a run uses. The command line wins
// over the config; both are validated before any ledger is opened, so a typo in an option
// never costs a long read.

import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/load.js';
import type { Config, LimitConfig } from '../config/schema.js';
import { FundgapError } from '../errors.js';
import { sha256File } from '../io/files.js';
import { parseDateText } from '../ledger/dates.js';
import { ROLES, type Role } from '../ledger/layout.js';
import { money, type Unit } from '../money.js';
import type { Limit, Tolerances } from '../reconcile/tolerance.js';
import { encodingFromName, ENCODING_NAMES } from '../sheets/encoding.js';
import { defaultSettings, type FailOn, type Lang, type LedgerSettings, type Settings } from '../settings.js';

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

function usage(message: string, hint?: string): FundgapError {
  return new FundgapError('USAGE', message, { hint });
}

const DECIMAL = /^\d+(\.\d+)?$/;

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

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw usage(`${name} expects a whole number of days`, `got ${JSON.stringify(value)}`);
  return Number.parseInt(value, 10);
}

function decimalOption(name: string, value: string): ReturnType<typeof money> {
  if (!DECIMAL.test(value.trim())) throw usage(`${name} expects a number such as 0.5`, `got ${JSON.stringify(value)}`);
  return money(value.trim());
}

function limitFrom(c: LimitConfig | undefined): Limit {
  return {
    absolute: c?.absolute === undefined ? undefined : money(c.absolute),
    percent: c?.percent === undefined ? undefined : money(c.percent),
  };
}

function tolerancesFrom(config: Config['tolerance']): Tolerances {
  const all = limitFrom(config);
  const stage = (s: LimitConfig | undefined): Limit => ({
    absolute: s?.absolute !== undefined ? money(s.absolute) : all.absolute,
    percent: s?.percent !== undefined ? money(s.percent) : all.percent,
  });
  return {
    retained: stage(config?.retained),
    overDisbursed: stage(config?.overDisbursed),
    notLanded: stage(config?.notLanded),
    overLanded: stage(config?.overLanded),
  };
}

/** `allocated=万元` or `万元` (every ledger) for --unit; likewise --encoding. */
function perRole<T>(values: string[] | undefined, name: string, parse: (v: string) => T | undefined, allowed: string): Partial<Record<Role, T>> {
  const out: Partial<Record<Role, T>> = {};
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const roles = eq === -1 ? ROLES : [raw.slice(0, eq).trim()];
    const value = parse(eq === -1 ? raw : raw.slice(eq + 1));
    if (value === undefined) throw usage(`${name} expects ${allowed}`, `got ${JSON.stringify(raw)}`);
    for (const role of roles) {
      if (!ROLES.includes(role as Role)) throw usage(`${name}: unknown ledger "${role}"`, `use ${ROLES.join(', ')}`);
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
    throw new FundgapError('FILE_NOT_FOUND', 'cannot read the config file', { at: { file: path } });
  }
  return { config: parseConfig(text, path), ref: { path, sha256: await sha256File(path) } };
}

export function resolveSettings(config: Config, o: CommonOptions): Settings {
  const s = defaultSettings();
  if (config.key !== undefined) s.key = Array.isArray(config.key) ? config.key : [config.key];
  if (o.key !== undefined) {
    s.key = o.key.split(/[,，]/).map((k) => k.trim()).filter((k) => k !== '');
    if (s.key.length === 0) throw usage('-k expects one or more column names, separated by commas');
  }

  const units = perRole<Unit>(o.unit, '--unit', (v) => (v.trim() === '元' || v.trim() === '万元' ? (v.trim() as Unit) : undefined), '元 or 万元');
  const encodings = perRole(o.encoding, '--encoding', encodingFromName, ENCODING_NAMES.join(', '));
  for (const role of ROLES) {
    const c = config.ledgers?.[role];
    const l: LedgerSettings = {
      sheet: c?.sheet,
      unit: units[role] ?? c?.unit,
      encoding: encodings[role] ?? (c?.encoding === undefined ? undefined : encodingFromName(c.encoding)),
      headerRow: c?.headerRow,
      columns: c?.columns,
    };
    s.ledgers[role] = Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined));
  }

  s.tolerance = tolerancesFrom(config.tolerance);
  for (const [values, kind, name] of [
    [o.tolerance, 'absolute', '--tolerance'],
    [o.tolerancePct, 'percent', '--tolerance-pct'],
  ] as const) {
    for (const raw of values ?? []) {
      const eq = raw.indexOf('=');
      const stages = eq === -1 ? STAGE_NAMES.all! : STAGE_NAMES[raw.slice(0, eq).trim()];
      if (!stages) throw usage(`${name}: unknown stage "${raw.slice(0, eq)}"`, `use ${Object.keys(STAGE_NAMES).filter((k) => k !== 'all').join(', ')}`);
      const value = decimalOption(name, eq === -1 ? raw : raw.slice(eq + 1));
      for (const stage of stages) s.tolerance[stage] = { ...s.tolerance[stage], [kind]: value };
    }
  }

  s.lateDays = o.lateDays === undefined ? config.lateDays : wholeNumber('--late-days', o.lateDays);
  s.duplicateWindowDays = o.duplicateWindow === undefined ? (config.duplicateWindowDays ?? 0) : wholeNumber('--duplicate-window', o.duplicateWindow);
  s.severity = config.severity ?? {};
  const materiality = o.materiality ?? config.materiality;
  if (materiality !== undefined) s.materiality = decimalOption('--materiality', materiality);
  s.groupBy = o.groupBy ?? config.groupBy ?? [];
  const merge = o.mergeSimilar ?? config.mergeSimilar;
  if (merge !== undefined) {
    const x = typeof merge === 'number' ? merge : Number(merge);
    if (!(x > 0 && x <= 1)) throw usage('--merge-similar expects a similarity above 0 and at most 1, such as 0.9', `got ${JSON.stringify(merge)}`);
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

  const failOn = o.failOn ?? config.failOn;
  if (failOn !== undefined) {
    if (!['info', 'warning', 'error', 'none'].includes(failOn)) throw usage('--fail-on expects info, warning, error or none', `got ${JSON.stringify(failOn)}`);
    s.failOn = failOn as FailOn;
  }
  const lang = o.lang ?? config.lang;
  if (lang !== undefined) {
    if (lang !== 'zh' && lang !== 'en') throw usage('--lang expects zh or en', `got ${JSON.stringify(lang)}`);
    s.lang = lang as Lang;
  }
  if (o.asOf !== undefined) {
    const d = parseDateText(o.asOf);
    if (d === null) throw usage('--as-of expects a date such as 2019-12-31', `got ${JSON.stringify(o.asOf)}`);
    s.asOf = d;
  }
  return s;
}
