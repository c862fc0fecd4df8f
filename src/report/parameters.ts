// The report's `parameters` block and the way back: parametersOf writes every setting a run
// used (and where each came from), settingsFromParameters rebuilds the same Settings from it,
// so `fundgap verify` re-runs a report exactly as it was made. Both directions live here so a
// new setting cannot be written without being read back.

import { z } from 'zod';
import { RULE_IDS } from '../domain.js';
import { configSchema } from '../config/schema.js';
import { FundgapError, t } from '../errors.js';
import { exactText, formatExact, money, percent, type Money } from '../money.js';
import type { Limit, Tolerances } from '../reconcile/tolerance.js';
import { encodingFromName } from '../sheets/encoding.js';
import type { LedgerSettings, Settings } from '../settings.js';

/** A file the run read besides the ledgers: the config file, the roster. */
export interface FileRef {
  path: string;
  sha256: string;
}

export interface RosterRef extends FileRef {
  sheet: string | null;
}

const amount = (m: Money) => formatExact(m);
const limit = (l: Limit) => ({
  absolute: l.absolute === undefined ? null : amount(l.absolute),
  percent: l.percent === undefined ? null : exactText(l.percent),
});

export function parametersOf(settings: Settings, config: FileRef | null, roster: RosterRef | null = null) {
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
    // The roster is read like a ledger: a report that names it can be re-run without its other parts.
    rosterFile: roster === null ? null : { path: roster.path, sheet: roster.sheet, sha256: roster.sha256 },
    sources: settings.sources,
  };
}

// What parametersOf writes, checked before anything is rebuilt from it: a report is a file
// anyone may have edited. A ledger's and the roster's settings are the config file's own shape.
const ledgerJson = configSchema.shape.ledgers.unwrap().shape.allocated.unwrap();
const rosterJson = configSchema.shape.roster.unwrap();
const amountText = z.string().regex(/^\d+\.\d{2}$/, { error: 'expected an amount such as "0.50"' });
const percentText = z.string().regex(/^\d+(\.\d+)?$/, { error: 'expected a percentage such as "0.50"' });
const limitJson = z.strictObject({ absolute: amountText.nullable(), percent: percentText.nullable() });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a SHA-256 in hex' });
const fileRef = z.strictObject({ path: z.string().min(1), sha256 });

const parametersJson = z.strictObject({
  key: z.array(z.string().min(1)).min(1),
  tolerance: z.strictObject({ retained: limitJson, overDisbursed: limitJson, notLanded: limitJson, overLanded: limitJson }),
  lateDays: z.int().nonnegative().nullable(),
  duplicateWindowDays: z.int().nonnegative(),
  groupBy: z.array(z.string().min(1)),
  mergeSimilar: z.number().gt(0).lte(1).nullable(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date such as "2019-12-31"' }).nullable(),
  failOn: z.enum(['info', 'warning', 'error', 'none']),
  lang: z.enum(['zh', 'en']),
  severity: z.partialRecord(z.enum(RULE_IDS), z.enum(['info', 'warning', 'error'])),
  materiality: amountText.nullable(),
  ledgers: z.strictObject({ allocated: ledgerJson, disbursed: ledgerJson, landed: ledgerJson }),
  roster: rosterJson,
  config: fileRef.nullable(),
  // Absent from reports written before they were recorded (fundgap.report/v1 and early v2).
  rosterFile: fileRef.extend({ sheet: z.string().nullable() }).nullable().optional(),
  sources: z.record(z.string(), z.enum(['cli', 'config', 'default'])).optional(),
});

export type ParametersJson = z.infer<typeof parametersJson>;

function ledgerSettings(l: z.infer<typeof ledgerJson> | z.infer<typeof rosterJson>): LedgerSettings {
  const { encoding, ...rest } = l;
  return encoding === undefined ? rest : { ...rest, encoding: encodingFromName(encoding) };
}

const limitFrom = (l: z.infer<typeof limitJson>): Limit => ({
  absolute: l.absolute === null ? undefined : money(l.absolute),
  percent: l.percent === null ? undefined : percent(l.percent),
});

/**
 * The Settings, config file and roster a report's `parameters` record; a block that is not
 * what parametersOf writes (a damaged report, or one from a newer fundgap) is an error naming
 * the field, never a guess.
 */
export function readParameters(json: unknown, file?: string): { settings: Settings; config: FileRef | null; roster: RosterRef | null } {
  const parsed = parametersJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = ['parameters', ...issue.path.map(String)].join('.');
    throw new FundgapError('REPORT_INVALID', t(`报告中的 ${where} 无法读取：${issue.message}`, `${where} in the report cannot be read: ${issue.message}`), {
      at: file === undefined ? undefined : { file },
      hint: t(
        '报告可能被改动或损坏，或由更新版本的 fundgap 写出（见报告中的 tool.version）：请用写出它的版本核对，或重新生成报告。',
        'the report may have been edited or damaged, or written by a newer fundgap (see tool.version in the report): verify it with that version, or produce the report again',
      ),
    });
  }
  const p = parsed.data;
  const tolerance: Tolerances = {
    retained: limitFrom(p.tolerance.retained),
    overDisbursed: limitFrom(p.tolerance.overDisbursed),
    notLanded: limitFrom(p.tolerance.notLanded),
    overLanded: limitFrom(p.tolerance.overLanded),
  };
  const settings: Settings = {
    key: p.key,
    ledgers: { allocated: ledgerSettings(p.ledgers.allocated), disbursed: ledgerSettings(p.ledgers.disbursed), landed: ledgerSettings(p.ledgers.landed) },
    tolerance,
    lateDays: p.lateDays ?? undefined,
    asOf: p.asOf ?? undefined,
    failOn: p.failOn,
    lang: p.lang,
    severity: p.severity,
    materiality: p.materiality === null ? undefined : money(p.materiality),
    duplicateWindowDays: p.duplicateWindowDays,
    groupBy: p.groupBy,
    mergeSimilar: p.mergeSimilar ?? undefined,
    roster: ledgerSettings(p.roster),
    sources: p.sources ?? {},
  };
  return { settings, config: p.config, roster: p.rosterFile ?? null };
}

/** The Settings a report's `parameters` record: parametersOf read back. */
export function settingsFromParameters(json: unknown, file?: string): Settings {
  return readParameters(json, file).settings;
}
