// `fundgap init`: write a starter config from what the three ledgers look like. It reads them
// exactly as reconcile would, with one difference: where several columns could be the amount
// it takes the first instead of stopping, because the config it writes is the way out of that
// ambiguity; it then says loudly which one it took, so the user checks it before relying on
// it. Everything it detected is written out explicitly (sheet, header row, the header text of
// every mapped column, the unit, a non-UTF-8 encoding), and the config is read back before
// it is written, to make sure it reproduces the same reading. What to write is planned in
// init-plan.ts and said by init-summary.ts; this file reads the ledgers and writes the file.

import type { ByRole, Lang } from '../domain.js';
import { lstat } from 'node:fs/promises';
import { configSchema, type Config } from '../config/schema.js';
import { FundgapError, formatError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import { runReconciliation } from '../pipeline.js';
import type { GapReport, ToolInfo } from '../report/model.js';
import { toJson } from '../report/render-json.js';
import { DEFAULT_KEY, type Settings } from '../settings.js';
import type { LedgerInput } from '../sheets/types.js';
import { planInit, type KeyFallback } from './init-plan.js';
import { renderInitSummary } from './init-summary.js';
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
  const plan = planInit(report, { columns: key, given: opts.key !== undefined, fallback: keyFallback });
  const { config } = plan;
  const valid = configSchema.safeParse(config);
  if (!valid.success) throw new Error(`init built a config its own schema refuses: ${valid.error.message}`);

  const mismatch = await readBack(inputs, config, report, opts, tool, lang);
  await writeFileAtomic(out, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout(renderInitSummary(plan, { out, files: opts, mismatch, lang }));
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
      return { report, key, keyFallback: first ? { tried: KEY_DEFAULTS[0]!, file: first.at?.file ?? '' } : null };
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
