// What `fundgap normalise` writes beside the rows: the inputs as they were read, the settings,
// and the findings that come from reading (footing, headings, breakdowns, failed payments,
// units, rounding, amounts in words, the roster), so nothing learnt while reading is lost and
// a report can be rendered from an engine's result tables. Amounts stay exact: every bigint
// is written as {"$bigint": "…"} and read back as one.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleId } from '../domain.js';
import { FundgapError, t } from '../errors.js';
import type { ToolInfo, InputSummary, RosterSummary } from '../report/model.js';
import type { FindingDraft } from '../rules/types.js';
import type { Role } from '../domain.js';

export const MANIFEST_SCHEMA = 'fundgap.normalised/v1';
export const MANIFEST_FILE = 'manifest.json';
/** The rows, one Parquet file per ledger, in this folder of a run. */
export const ROWS_FOLDER = 'ledger_rows';
export const PARAMS_FILE = 'params.parquet';

/**
 * Rules the SQL (or fundgap over the SQL's results) computes: their findings are not kept in
 * the manifest. Everything else is decided while reading one county's files and is kept.
 */
export const SQL_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'not-landed',
  'over-landed',
  'unallocated',
  'over-disbursed',
  'retained',
  'idle',
  'duplicate-payment',
  'invalid-id-number',
  'late-disbursement',
]);

/** A finding kept from reading: every rule but SQL_RULES, and amount-rounded for ledgers only (the SQL notes keys). */
export function keptFromReading(f: FindingDraft): boolean {
  if (SQL_RULES.has(f.rule)) return false;
  return !(f.details.rule === 'amount-rounded' && f.details.scope === 'key');
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  tool: ToolInfo;
  /** The report's `parameters` block (parametersOf): the settings, config and roster, rebuilt by readParameters. */
  parameters: unknown;
  inputs: InputSummary[];
  roster: RosterSummary | null;
  /** The Parquet file of each ledger's rows, relative to the manifest, and how many rows it holds. */
  rows: Record<Role, { file: string; used: number; excluded: number }>;
  /** Findings from reading, as drafts (severity follows the settings when a report is made). */
  findings: FindingDraft[];
}

const BIG = '$bigint';

export function encodeManifest(m: Manifest): string {
  return `${JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? { [BIG]: v.toString() } : v), 2)}\n`;
}

export function decodeManifest(text: string, file: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(text, (_k, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o);
        if (keys.length === 1 && keys[0] === BIG && typeof o[BIG] === 'string') return BigInt(o[BIG]);
      }
      return v;
    }) as Manifest;
  } catch (e) {
    throw invalidManifest(file, t('不是有效的 JSON', 'not valid JSON'), e);
  }
  if (m === null || typeof m !== 'object' || m.schema !== MANIFEST_SCHEMA) {
    throw invalidManifest(file, t(`不是 fundgap normalise 写出的清单（应有 "schema": "${MANIFEST_SCHEMA}"）`, `not a manifest fundgap normalise writes (it should have "schema": "${MANIFEST_SCHEMA}")`));
  }
  return m;
}

function invalidManifest(file: string, why: ReturnType<typeof t>, cause?: unknown): FundgapError {
  return new FundgapError('RESULTS_INVALID', t(`清单无法读取：${why.zh}`, `the manifest cannot be read: ${why.en}`), {
    at: { file },
    hint: t('请用 fundgap normalise 重新生成这个文件夹。', 'Produce the folder again with fundgap normalise.'),
    cause,
  });
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new FundgapError('RESULTS_INVALID', t(`这个文件夹里没有 ${MANIFEST_FILE}`, `this folder has no ${MANIFEST_FILE}`), {
      at: { file: dir },
      hint: t(
        `请给出 fundgap normalise 写出的文件夹；Spark 等引擎的结果文件夹里要放一份那次 normalise 的 ${MANIFEST_FILE}。`,
        `Name a folder fundgap normalise wrote; a folder of an engine's results (Spark) needs a copy of that run's ${MANIFEST_FILE}.`,
      ),
      cause: e,
    });
  }
  return decodeManifest(text, file);
}
